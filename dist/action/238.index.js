export const id = 238;
export const ids = [238];
export const modules = {

/***/ 63805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tc: () => (/* binding */ sortFindings),
/* harmony export */   _3: () => (/* binding */ evaluate),
/* harmony export */   u$: () => (/* binding */ defaultSetting)
/* harmony export */ });
/* unused harmony exports DEFAULT_KUBE_VERSION, problemFindings */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(44146);
/* harmony import */ var _rules_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(98904);
/**
 * Runs rules over an inventory of objects and turns violations into located findings.
 * Knows nothing about files on disk or output formats.
 */


const DEFAULT_KUBE_VERSION = '1.34';
/** Default setting of a rule from its metadata and option defaults. */
function defaultSetting(meta) {
    const options = {};
    for (const [k, o] of Object.entries(meta.options ?? {}))
        if (o.default !== undefined)
            options[k] = o.default;
    return { enabled: meta.enabledByDefault, severity: meta.severity, options };
}
/** The text of 1-based line `n` of `text`, or undefined. */
function lineText(text, n) {
    let start = 0;
    for (let i = 1; i < n; i++) {
        const nl = text.indexOf('\n', start);
        if (nl === -1)
            return undefined;
        start = nl + 1;
    }
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
/**
 * A violation inside a multi-line value (a file in a ConfigMap, a script) says which line of the
 * value (`details.lineInValue`); when the value is a literal block scalar (`key: |`), its lines are
 * the file's lines, so the finding points at that line instead of the key.
 */
function refineToValueLine(loc, fileText, lineInValue) {
    const header = lineText(fileText, loc.line);
    if (header === undefined || !/:\s*\|[-+0-9]*\s*(?:#.*)?$/.test(header))
        return loc;
    const line = loc.line + lineInValue;
    const text = lineText(fileText, line);
    if (text === undefined || text.trim() === '')
        return loc;
    const column = text.length - text.trimStart().length + 1;
    return { file: loc.file, line, column, endLine: line, endColumn: text.trimEnd().length + 1 };
}
function makeFinding(rule, setting, v, obj, origin) {
    const path = (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(v.path);
    let location = obj?.locate?.(v.path);
    const inValue = Number(v.details?.lineInValue);
    if (location && obj?.source && inValue >= 1)
        location = refineToValueLine(location, obj.source.fileText, inValue);
    const f = {
        ruleId: rule.meta.id,
        // a per-violation severity (e.g. removed vs deprecated API) wins unless the user overrode the rule's
        severity: v.severity && setting.severity === rule.meta.severity ? v.severity : setting.severity,
        category: rule.meta.category,
        title: rule.meta.title,
        message: v.message,
        path,
        fingerprint: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(rule.meta.id, obj?.ref, path, obj?.file),
        ...(obj ? { object: obj.ref } : {}),
        ...(location ? { location } : {}),
        ...(v.secretPreview ? { secretPreview: v.secretPreview } : {}),
        ...(v.fix ? { fix: v.fix } : {}),
        ...(v.details ? { details: v.details } : {}),
        ...(origin ? { origin } : {}),
    };
    return f;
}
/** Sorts findings most severe first, then by file, line, column, rule. */
function sortFindings(findings) {
    return findings.sort((a, b) => (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .compareSeverity */ .zK)(a.severity, b.severity) ||
        (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
        (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
        (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
        a.ruleId.localeCompare(b.ruleId));
}
/** Findings for documents that could not be parsed (invalid YAML, Helm sources, binary files ...). */
function problemFindings(problems, settings) {
    const rule = _rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .catalog */ .U.find((r) => r.meta.id === 'invalid-yaml');
    if (!rule)
        return [];
    const setting = settings ? settings(rule.meta) : defaultSetting(rule.meta);
    if (!setting.enabled)
        return [];
    return problems.map((p) => ({
        ruleId: rule.meta.id,
        severity: setting.severity,
        category: rule.meta.category,
        title: rule.meta.title,
        message: p.message,
        path: '',
        location: { file: p.file, line: p.line, column: p.column },
        fingerprint: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .fingerprint */ .Rj)(rule.meta.id, undefined, `${p.kind}:${p.line}`, p.file),
    }));
}
function evaluate(objects, problems, opts = {}) {
    const rules = opts.rules ?? _rules_index_js__WEBPACK_IMPORTED_MODULE_1__/* .catalog */ .U;
    const settingOf = opts.settings ?? defaultSetting;
    const memo = new Map();
    const result = { findings: [], suppressed: [], errors: [] };
    const push = (f, obj) => {
        const s = opts.suppress?.(f, obj);
        if (s)
            result.suppressed.push({ ...f, suppression: s });
        else
            result.findings.push(f);
    };
    for (const f of problemFindings(problems, opts.settings))
        push(f, undefined);
    // Violations are located after every rule has run, document by document: each document's
    // position index is then built once and can be dropped before the next (manifests/locate.ts)
    const pending = new Map();
    const defer = (rule, setting, v, obj) => {
        const key = obj.source ?? obj;
        const list = pending.get(key);
        if (list)
            list.push({ rule, setting, v, obj });
        else
            pending.set(key, [{ rule, setting, v, obj }]);
    };
    for (const rule of rules) {
        const setting = settingOf(rule.meta);
        if (!setting.enabled)
            continue;
        const ctx = {
            objects,
            options: setting.options,
            kubeVersion: opts.kubeVersion ?? DEFAULT_KUBE_VERSION,
            mode: opts.mode ?? 'manifest',
            memo(key, compute) {
                if (!memo.has(key))
                    memo.set(key, compute());
                return memo.get(key);
            },
        };
        if (rule.check) {
            for (const obj of objects) {
                try {
                    for (const v of rule.check(obj, ctx))
                        defer(rule, setting, v, obj);
                }
                catch (e) {
                    result.errors.push({
                        file: obj.file ?? `${obj.ref.kind}/${obj.ref.name}`,
                        message: `rule ${rule.meta.id} failed on ${obj.ref.kind}/${obj.ref.name}: ${e.message}`,
                    });
                }
            }
        }
        if (rule.checkAll) {
            try {
                for (const v of rule.checkAll(ctx))
                    defer(rule, setting, v, v.object);
            }
            catch (e) {
                result.errors.push({ file: '', message: `rule ${rule.meta.id} failed: ${e.message}` });
            }
        }
    }
    for (const group of pending.values()) {
        for (const p of group)
            push(makeFinding(p.rule, p.setting, p.v, p.obj, p.obj.origin), p.obj);
    }
    sortFindings(result.findings);
    sortFindings(result.suppressed);
    return result;
}


/***/ }),

/***/ 27452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ loadManifests)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_FILE_BYTES, STDIN_FILE */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(14006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90377);
/** Finds manifest files from paths, directories, globs and stdin, and parses them. */





const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Larger files are refused with a message: real manifests top out around 4 MB. */
const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
const STDIN_FILE = '<stdin>';
/** Directories never descended into. */
const SKIP_DIRS = new Set(['node_modules', '.git']);
async function readAllStdin() {
    const chunks = [];
    for await (const c of process.stdin)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}
function isGlob(p) {
    return picomatch__WEBPACK_IMPORTED_MODULE_4___default().scan(p).isGlob;
}
function errCode(e) {
    const err = e;
    if (err.code === 'ENOENT')
        return 'no such file or directory';
    if (err.code === 'EACCES' || err.code === 'EPERM')
        return 'permission denied';
    if (err.code === 'ELOOP')
        return 'too many levels of symbolic links (symlink loop)';
    return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
}
/**
 * Loads manifests. Never throws for bad input: unreadable paths go to `errors`, documents that do
 * not parse to `problems` (reported as invalid-yaml findings), non-Kubernetes documents to `skipped`.
 */
async function loadManifests(opts) {
    const cwd = opts.cwd ?? process.cwd();
    const inv = { objects: [], files: [], skipped: [], problems: [], errors: [] };
    const include = opts.include?.length ? picomatch__WEBPACK_IMPORTED_MODULE_4___default()(opts.include, { dot: true }) : undefined;
    const exclude = opts.exclude?.length ? picomatch__WEBPACK_IMPORTED_MODULE_4___default()(opts.exclude, { dot: true }) : undefined;
    const rel = (f) => {
        const r = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(cwd, f);
        return (r.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(r) ? f : r).split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
    };
    const filtered = (f) => {
        const r = rel(f);
        return (!include || include(r)) && !(exclude && exclude(r));
    };
    const files = [];
    const seenFiles = new Set();
    const addFile = (f) => {
        if (!seenFiles.has(f)) {
            seenFiles.add(f);
            files.push(f);
        }
    };
    /** Walks a directory; `visited` holds real paths on the current branch, to stop symlink loops. */
    async function walk(dir, visited, match) {
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(dir);
        }
        catch (e) {
            inv.errors.push({ file: rel(dir), message: `cannot read directory: ${errCode(e)}` });
            return;
        }
        if (visited.has(real)) {
            inv.skipped.push({ file: rel(dir), line: 0, reason: 'symlink loop: directory already being scanned' });
            return;
        }
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true });
        }
        catch (e) {
            inv.errors.push({ file: rel(dir), message: `cannot read directory: ${errCode(e)}` });
            return;
        }
        const inner = new Set(visited).add(real);
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const ent of entries) {
            const full = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, ent.name);
            let isDir = ent.isDirectory();
            let isFile = ent.isFile();
            if (ent.isSymbolicLink()) {
                try {
                    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(full);
                    isDir = st.isDirectory();
                    isFile = st.isFile();
                }
                catch (e) {
                    if (EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                        inv.errors.push({ file: rel(full), message: `cannot read: ${errCode(e)}` });
                    }
                    continue;
                }
            }
            if (isDir) {
                if (!SKIP_DIRS.has(ent.name))
                    await walk(full, inner, match);
            }
            else if (isFile && EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                if (filtered(full) && (!match || match(rel(full))))
                    addFile(full);
            }
        }
    }
    for (const p of opts.paths) {
        if (p === '-') {
            let text;
            try {
                text = await (opts.readStdin ?? readAllStdin)();
            }
            catch (e) {
                inv.errors.push({ file: STDIN_FILE, message: `cannot read standard input: ${errCode(e)}` });
                continue;
            }
            inv.files.push(STDIN_FILE);
            const parsed = (0,_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifestText */ .k_)(text, STDIN_FILE);
            inv.objects.push(...parsed.objects);
            inv.skipped.push(...parsed.skipped);
            inv.problems.push(...parsed.problems);
            continue;
        }
        if (isGlob(p)) {
            const pattern = p.split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
            const scan = picomatch__WEBPACK_IMPORTED_MODULE_4___default().scan(pattern);
            const base = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, scan.base || '.');
            const absolute = node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(pattern);
            const m = picomatch__WEBPACK_IMPORTED_MODULE_4___default()(absolute ? pattern : pattern.replace(/^\.\//, ''), { dot: false });
            const before = files.length;
            const baseIsDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(base).then((st) => st.isDirectory(), () => false);
            if (baseIsDir)
                await walk(base, new Set(), (r) => m(absolute ? node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, r) : r));
            if (files.length === before)
                inv.errors.push({ file: p, message: 'no manifest files match this pattern' });
            continue;
        }
        const full = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, p);
        let st;
        try {
            st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(full);
        }
        catch (e) {
            inv.errors.push({ file: p, message: `cannot read: ${errCode(e)}` });
            continue;
        }
        if (st.isDirectory())
            await walk(full, new Set());
        else
            addFile(full); // a file named explicitly is read whatever its extension
    }
    const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    for (const f of files) {
        const name = rel(f);
        let buf;
        try {
            // synchronous on purpose: files are read one after the other and parsed at once, and an
            // await per file left the CPU idle for 13% of a corpus scan
            const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(f);
            if (st.size > max) {
                inv.files.push(name);
                inv.problems.push({
                    kind: 'too-large',
                    file: name,
                    line: 1,
                    column: 1,
                    message: `file is ${(st.size / 1048576).toFixed(1)} MiB, over the ${(max / 1048576).toFixed(0)} MiB limit for one manifest file; not scanned (split it, or check that it is really a manifest)`,
                });
                continue;
            }
            buf = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(f);
        }
        catch (e) {
            inv.errors.push({ file: name, message: `cannot read: ${errCode(e)}` });
            continue;
        }
        inv.files.push(name);
        if (buf.subarray(0, 8192).includes(0)) {
            inv.problems.push({
                kind: 'binary',
                file: name,
                line: 1,
                column: 1,
                message: 'binary file (contains NUL bytes), not a YAML or JSON manifest',
            });
            continue;
        }
        const parsed = (0,_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .parseManifestText */ .k_)(buf.toString('utf8'), name);
        inv.objects.push(...parsed.objects);
        inv.skipped.push(...parsed.skipped);
        inv.problems.push(...parsed.problems);
    }
    return inv;
}


/***/ }),

/***/ 49238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  scan: () => (/* binding */ scan)
});

// UNUSED EXPORTS: loadRunConfig

// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/engine.ts
var engine = __webpack_require__(63805);
// EXTERNAL MODULE: ./src/core/manifests/load.ts
var load = __webpack_require__(27452);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 20 modules
var core_rules = __webpack_require__(98904);
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(83323);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(72020);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./schema/kubeward.schema.json
const kubeward_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"kubeward configuration (.kubeward.yaml)","description":"Configuration of the kubeward Kubernetes security scanner. See docs/configuration.md.","type":"object","additionalProperties":false,"definitions":{"severity":{"type":"string","enum":["critical","high","medium","low","info"],"description":"One of critical, high, medium, low, info."},"kubeVersion":{"type":"string","pattern":"^[0-9]+\\\\.[0-9]+$","description":"Target Kubernetes minor version, quoted: \\"1.34\\"."},"preset":{"type":"string","enum":["baseline","restricted"],"description":"baseline enables every Pod Security Standards baseline rule; restricted enables the baseline and restricted rules."},"globs":{"type":"array","items":{"type":"string","minLength":1},"description":"Glob patterns, relative to the directory of the configuration file."},"ruleSetting":{"type":"object","description":"enabled, severity and the rule\'s own options (see docs/rules/<id>.md).","properties":{"enabled":{"type":"boolean"},"severity":{"$ref":"#/definitions/severity"}},"additionalProperties":true},"rules":{"type":"object","description":"Rule id -> setting.","properties":{"privileged-container":{"type":"object","description":"Privileged container (critical, on by default). See docs/rules/privileged-container.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"privilege-escalation":{"type":"object","description":"Privilege escalation allowed (high, on by default). See docs/rules/privilege-escalation.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"run-as-non-root":{"type":"object","description":"Container may run as root (high, on by default). See docs/rules/run-as-non-root.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"run-as-root-user":{"type":"object","description":"Container runs as uid 0 (high, on by default). See docs/rules/run-as-root-user.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"low-uid":{"type":"object","description":"Container uid below 10000 (low, off by default). See docs/rules/low-uid.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"threshold":{"type":"number","description":"Smallest acceptable uid (runAsUser below it is reported).","default":10000}}},"root-group":{"type":"object","description":"Root group (gid 0) (low, on by default). See docs/rules/root-group.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"read-only-root-fs":{"type":"object","description":"Writable root filesystem (medium, on by default). See docs/rules/read-only-root-fs.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"capabilities-drop-all":{"type":"object","description":"Capabilities not dropped (medium, on by default). See docs/rules/capabilities-drop-all.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"net-raw-capability":{"type":"object","description":"NET_RAW capability (medium, on by default). See docs/rules/net-raw-capability.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"dangerous-capabilities":{"type":"object","description":"Dangerous capability added (critical, on by default). See docs/rules/dangerous-capabilities.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."},"capabilities":{"type":"array","items":{"type":"string"},"description":"Capabilities reported as dangerous (without the CAP_ prefix).","default":["ALL","SYS_ADMIN","NET_ADMIN","SYS_MODULE","SYS_PTRACE","SYS_RAWIO","SYS_BOOT","SYS_TIME","BPF","PERFMON","DAC_READ_SEARCH","MAC_ADMIN","MAC_OVERRIDE","SYSLOG","LINUX_IMMUTABLE","CHECKPOINT_RESTORE"]}}},"added-capabilities":{"type":"object","description":"Capability added beyond NET_BIND_SERVICE (low, on by default). See docs/rules/added-capabilities.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"allowed":{"type":"array","items":{"type":"string"},"description":"Capabilities that may be added.","default":["NET_BIND_SERVICE"]}}},"seccomp-profile":{"type":"object","description":"No seccomp profile (medium, on by default). See docs/rules/seccomp-profile.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"seccomp-unconfined":{"type":"object","description":"Seccomp explicitly unconfined (high, on by default). See docs/rules/seccomp-unconfined.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"apparmor-unconfined":{"type":"object","description":"AppArmor unconfined (medium, on by default). See docs/rules/apparmor-unconfined.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"selinux-custom-options":{"type":"object","description":"Custom SELinux options (medium, on by default). See docs/rules/selinux-custom-options.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"proc-mount-unmasked":{"type":"object","description":"Unmasked /proc mount (high, on by default). See docs/rules/proc-mount-unmasked.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"unsafe-sysctls":{"type":"object","description":"Unsafe sysctl (high, on by default). See docs/rules/unsafe-sysctls.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"allowed":{"type":"array","items":{"type":"string"},"description":"Sysctls allowed in addition to the safe set.","default":[]}}},"windows-host-process":{"type":"object","description":"Windows HostProcess container (high, on by default). See docs/rules/windows-host-process.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-network":{"type":"object","description":"Host network namespace (high, on by default). See docs/rules/host-network.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-pid":{"type":"object","description":"Host PID namespace (high, on by default). See docs/rules/host-pid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-ipc":{"type":"object","description":"Host IPC namespace (high, on by default). See docs/rules/host-ipc.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"host-port":{"type":"object","description":"Host port (medium, on by default). See docs/rules/host-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"host-users":{"type":"object","description":"No user namespace (low, off by default). See docs/rules/host-users.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"privileged-port":{"type":"object","description":"Privileged container port (low, off by default). See docs/rules/privileged-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"ssh-port":{"type":"object","description":"SSH port exposed (low, on by default). See docs/rules/ssh-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"host-aliases":{"type":"object","description":"hostAliases set (low, on by default). See docs/rules/host-aliases.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"host-path":{"type":"object","description":"hostPath volume (medium, on by default). See docs/rules/host-path.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"sensitive-host-path":{"type":"object","description":"Sensitive host path mounted (high, on by default). See docs/rules/sensitive-host-path.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"paths":{"type":"array","items":{"type":"string"},"description":"Host paths reported as sensitive (prefix match after normalisation).","default":["/","/etc","/proc","/sys","/dev","/boot","/root","/var/lib/kubelet","/var/lib/docker","/var/lib/containerd","/var/lib/etcd","/etc/kubernetes","/var/run","/run"]}}},"container-runtime-socket":{"type":"object","description":"Container runtime socket mounted (critical, on by default). See docs/rules/container-runtime-socket.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"writable-host-path":{"type":"object","description":"Writable hostPath mount (high, on by default). See docs/rules/writable-host-path.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"restricted-volume-types":{"type":"object","description":"Volume type outside the restricted set (low, on by default). See docs/rules/restricted-volume-types.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"image-tag-latest":{"type":"object","description":"Image uses :latest or no tag (high, on by default). See docs/rules/image-tag-latest.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"image-digest":{"type":"object","description":"Image not pinned by digest (medium, off by default). See docs/rules/image-digest.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"image-pull-policy":{"type":"object","description":"Image pull policy not Always (low, on by default). See docs/rules/image-pull-policy.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"image-registry-allowlist":{"type":"object","description":"Image from a registry outside the allow-list (medium, off by default). See docs/rules/image-registry-allowlist.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"registries":{"type":"array","items":{"type":"string"},"description":"Allowed registries or registry path prefixes; the rule reports nothing while the list is empty.","default":[]}}},"deprecated-registry":{"type":"object","description":"Image from a retired registry (medium, on by default). See docs/rules/deprecated-registry.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"risky-component":{"type":"object","description":"Known-risky component (medium, on by default). See docs/rules/risky-component.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"cpu-requests":{"type":"object","description":"CPU request missing (medium, on by default). See docs/rules/cpu-requests.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"memory-requests":{"type":"object","description":"Memory request missing (medium, on by default). See docs/rules/memory-requests.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"cpu-limits":{"type":"object","description":"CPU limit missing (low, on by default). See docs/rules/cpu-limits.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"memory-limits":{"type":"object","description":"Memory limit missing (medium, on by default). See docs/rules/memory-limits.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"resource-bounds":{"type":"object","description":"Resource request or limit outside configured bounds (medium, off by default). See docs/rules/resource-bounds.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"requests":{"type":"object","description":"Bounds for requests: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).","default":{}},"limits":{"type":"object","description":"Bounds for limits: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).","default":{}}}},"ephemeral-storage":{"type":"object","description":"Ephemeral-storage request or limit missing (low, off by default). See docs/rules/ephemeral-storage.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"liveness-probe":{"type":"object","description":"Liveness probe missing (low, on by default). See docs/rules/liveness-probe.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"readiness-probe":{"type":"object","description":"Readiness probe missing (low, on by default). See docs/rules/readiness-probe.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"probes-identical":{"type":"object","description":"Liveness and readiness probes are identical (low, on by default). See docs/rules/probes-identical.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"probe-port":{"type":"object","description":"Probe targets a port the container does not expose (medium, on by default). See docs/rules/probe-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"replicas-minimum":{"type":"object","description":"Too few replicas (medium, off by default). See docs/rules/replicas-minimum.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"min":{"type":"number","description":"Minimum number of replicas.","default":2}}},"anti-affinity":{"type":"object","description":"Multi-replica workload without anti-affinity or topology spread (low, on by default). See docs/rules/anti-affinity.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"pdb-missing":{"type":"object","description":"Multi-replica workload without a PodDisruptionBudget (low, on by default). See docs/rules/pdb-missing.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"pdb-blocks-eviction":{"type":"object","description":"PodDisruptionBudget always blocks eviction (medium, on by default). See docs/rules/pdb-blocks-eviction.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"pdb-policy":{"type":"object","description":"PodDisruptionBudget without a budget or unhealthy-pod eviction policy (low, on by default). See docs/rules/pdb-policy.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"hpa-dangling":{"type":"object","description":"HPA target not in the set (low, on by default). See docs/rules/hpa-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"hpa-replicas-conflict":{"type":"object","description":"HPA target also sets replicas (low, on by default). See docs/rules/hpa-replicas-conflict.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"selector-mismatch":{"type":"object","description":"Selector does not match the pod template labels (high, on by default). See docs/rules/selector-mismatch.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"job-ttl":{"type":"object","description":"Job without ttlSecondsAfterFinished (low, off by default). See docs/rules/job-ttl.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"naked-pod":{"type":"object","description":"Pod without a controller (low, on by default). See docs/rules/naked-pod.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"rollout-strategy":{"type":"object","description":"Deployment strategy allows full unavailability (low, off by default). See docs/rules/rollout-strategy.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"priority-class":{"type":"object","description":"priorityClassName missing or not allowed (low, off by default). See docs/rules/priority-class.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"allowed":{"type":"array","items":{"type":"string"},"description":"Allowed priority class names; any name is accepted while empty.","default":[]}}},"requests-equal-limits":{"type":"object","description":"Requests differ from limits (not Guaranteed QoS) (low, off by default). See docs/rules/requests-equal-limits.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"topology-spread-invalid":{"type":"object","description":"Invalid topology spread constraint (low, on by default). See docs/rules/topology-spread-invalid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"cronjob-config":{"type":"object","description":"CronJob misconfigured (low, on by default). See docs/rules/cronjob-config.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"statefulset-service-name":{"type":"object","description":"StatefulSet serviceName is not a headless Service (low, on by default). See docs/rules/statefulset-service-name.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"automount-service-account-token":{"type":"object","description":"Service account token automounted but not needed (medium, on by default). See docs/rules/automount-service-account-token.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"default-service-account":{"type":"object","description":"Pod runs as the default service account (medium, on by default). See docs/rules/default-service-account.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"deprecated-service-account-field":{"type":"object","description":"Deprecated serviceAccount field (low, on by default). See docs/rules/deprecated-service-account-field.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"missing-service-account":{"type":"object","description":"ServiceAccount not in the set (low, on by default). See docs/rules/missing-service-account.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"secret-env-reference":{"type":"object","description":"Secret consumed as an environment variable (low, on by default). See docs/rules/secret-env-reference.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"dangling-reference":{"type":"object","description":"Reference to a missing Secret or ConfigMap (low, on by default). See docs/rules/dangling-reference.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"duplicate-env":{"type":"object","description":"Duplicate environment variable (low, on by default). See docs/rules/duplicate-env.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"secret-in-env":{"type":"object","description":"Plaintext secret in container env, args or command (critical, on by default). See docs/rules/secret-in-env.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"secret-in-configmap":{"type":"object","description":"Secret in a ConfigMap (high, on by default). See docs/rules/secret-in-configmap.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-in-annotation":{"type":"object","description":"Secret in an annotation (high, on by default). See docs/rules/secret-in-annotation.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-committed":{"type":"object","description":"Secret with data committed to the repository (high, on by default). See docs/rules/secret-committed.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"secret-over-shared":{"type":"object","description":"Secret shared by many workloads (medium, on by default). See docs/rules/secret-over-shared.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"threshold":{"type":"number","description":"Report a Secret referenced by at least this many workloads.","default":3},"serviceAccountThreshold":{"type":"number","description":"Report a Secret used by (or listed in) at least this many distinct service accounts.","default":3}}},"network-policy-missing":{"type":"object","description":"Workload not isolated by a NetworkPolicy (medium, on by default). See docs/rules/network-policy-missing.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"directions":{"type":"array","items":{"type":"string"},"description":"Traffic directions that must be covered: Ingress, Egress.","default":["Ingress","Egress"]}}},"namespace-default-deny":{"type":"object","description":"Namespace without a default-deny NetworkPolicy (medium, on by default). See docs/rules/namespace-default-deny.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"directions":{"type":"array","items":{"type":"string"},"description":"Traffic directions that must be covered: Ingress, Egress.","default":["Ingress","Egress"]},"exemptNamespaces":{"type":"array","items":{"type":"string"},"description":"Namespaces that need no default-deny policy.","default":["kube-system","kube-public","kube-node-lease"]}}},"network-policy-allow-all":{"type":"object","description":"NetworkPolicy allows all traffic (medium, on by default). See docs/rules/network-policy-allow-all.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"network-policy-cross-namespace":{"type":"object","description":"NetworkPolicy allows ingress from other namespaces (medium, off by default). See docs/rules/network-policy-cross-namespace.md.","properties":{"enabled":{"type":"boolean","description":"Default: false."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"allowedNamespaces":{"type":"array","items":{"type":"string"},"description":"Namespaces from which ingress is acceptable (e.g. the ingress controller namespace).","default":[]}}},"network-policy-dangling":{"type":"object","description":"NetworkPolicy selector matches no workload (low, on by default). See docs/rules/network-policy-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"service-exposed":{"type":"object","description":"Service exposed outside the cluster (low, on by default). See docs/rules/service-exposed.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."},"allowedTypes":{"type":"array","items":{"type":"string"},"description":"Service types that are acceptable (NodePort, LoadBalancer).","default":[]}}},"service-external-ips":{"type":"object","description":"Service with externalIPs (high, on by default). See docs/rules/service-external-ips.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"service-dangling":{"type":"object","description":"Service selects no workload (low, on by default). See docs/rules/service-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"servicemonitor-dangling":{"type":"object","description":"ServiceMonitor selects no Service (low, on by default). See docs/rules/servicemonitor-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"ingress-tls":{"type":"object","description":"Ingress without TLS (medium, on by default). See docs/rules/ingress-tls.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"ingress-nginx-snippet":{"type":"object","description":"ingress-nginx snippet annotation (high, on by default). See docs/rules/ingress-nginx-snippet.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"ingress-dangling":{"type":"object","description":"Ingress backend Service or port missing (low, on by default). See docs/rules/ingress-dangling.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"invalid-target-port":{"type":"object","description":"Invalid or unknown port name (low, on by default). See docs/rules/invalid-target-port.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"rbac-wildcard":{"type":"object","description":"RBAC wildcard (high, on by default). See docs/rules/rbac-wildcard.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rbac-cluster-admin-binding":{"type":"object","description":"Binding to cluster-admin (critical, on by default). See docs/rules/rbac-cluster-admin-binding.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"rbac-secrets-access":{"type":"object","description":"RBAC read access to Secrets (high, on by default). See docs/rules/rbac-secrets-access.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"allowResourceNames":{"type":"boolean","description":"Accept rules limited to specific Secrets with resourceNames.","default":true}}},"rbac-pod-create":{"type":"object","description":"RBAC permission to create pods or workloads (medium, on by default). See docs/rules/rbac-pod-create.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"rbac-exec":{"type":"object","description":"RBAC permission to exec or attach into pods (high, on by default). See docs/rules/rbac-exec.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rbac-escalation-verbs":{"type":"object","description":"RBAC privilege escalation verbs (critical, on by default). See docs/rules/rbac-escalation-verbs.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"rbac-sensitive-resources":{"type":"object","description":"RBAC access to sensitive resources (high, on by default). See docs/rules/rbac-sensitive-resources.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rbac-system-group-binding":{"type":"object","description":"Binding to a system group (critical, on by default). See docs/rules/rbac-system-group-binding.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"rbac-default-service-account":{"type":"object","description":"Permissions granted to a default ServiceAccount (medium, on by default). See docs/rules/rbac-default-service-account.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"istio-mtls-permissive":{"type":"object","description":"Istio mutual TLS not STRICT (high, on by default). See docs/rules/istio-mtls-permissive.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"rootNamespace":{"type":"string","description":"Istio root namespace (mesh-wide policies).","default":"istio-system"}}},"istio-destination-tls-disabled":{"type":"object","description":"Istio DestinationRule disables TLS (high, on by default). See docs/rules/istio-destination-tls-disabled.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"istio-authz-allow-all":{"type":"object","description":"Istio AuthorizationPolicy allows everything (high, on by default). See docs/rules/istio-authz-allow-all.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"istio-sidecar-injection-disabled":{"type":"object","description":"Istio sidecar injection disabled (medium, on by default). See docs/rules/istio-sidecar-injection-disabled.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."},"exemptNamespaces":{"type":"array","items":{"type":"string"},"description":"Namespaces where opting out is expected.","default":["kube-system","kube-public","kube-node-lease","istio-system"]}}},"default-namespace":{"type":"object","description":"Object in the default namespace (low, on by default). See docs/rules/default-namespace.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"kube-system-workload":{"type":"object","description":"User workload in kube-system (medium, on by default). See docs/rules/kube-system-workload.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"deprecated-api":{"type":"object","description":"Deprecated or removed apiVersion (high, on by default). See docs/rules/deprecated-api.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"schema-invalid":{"type":"object","description":"Unknown field or wrong type (high, on by default). See docs/rules/schema-invalid.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"invalid-yaml":{"type":"object","description":"Document does not parse (high, on by default). See docs/rules/invalid-yaml.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"rollout-failed":{"type":"object","description":"Rollout did not complete (critical, on by default). See docs/rules/rollout-failed.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: critical."}}},"pod-crashloop":{"type":"object","description":"Pod crashing or unable to start (high, on by default). See docs/rules/pod-crashloop.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"restartThreshold":{"type":"number","description":"Restart count that counts as a crash loop.","default":5}}},"drift":{"type":"object","description":"Live object differs from its manifest (high, on by default). See docs/rules/drift.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"deployers":{"type":"array","items":{"type":"string"},"description":"Field managers that count as the deployer; edits by any other manager after the deploy are reported.","default":["kubectl","kubectl-client-side-apply","helm","argocd-controller","argocd-application-controller","kustomize-controller","helm-controller","fluxcd","pulumi-kubernetes","Terraform","kubeward"]}}},"unexpected-container":{"type":"object","description":"Container the manifest does not declare (high, on by default). See docs/rules/unexpected-container.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."},"allowed":{"type":"array","items":{"type":"string"},"description":"Container names that may be injected without a finding (e.g. istio-proxy).","default":[]}}},"image-not-pinned-live":{"type":"object","description":"Running image differs from the pinned digest (medium, on by default). See docs/rules/image-not-pinned-live.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"secret-unused":{"type":"object","description":"Secret referenced by nothing (low, on by default). See docs/rules/secret-unused.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"secret-readers":{"type":"object","description":"Secret readable by service accounts that do not use it (high, on by default). See docs/rules/secret-readers.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: high."}}},"pod-security-admission":{"type":"object","description":"Namespace without Pod Security Admission enforcement (medium, on by default). See docs/rules/pod-security-admission.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: medium."}}},"warning-events":{"type":"object","description":"Warning events on deployed objects (low, on by default). See docs/rules/warning-events.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: low."}}},"invalid-suppression":{"type":"object","description":"Suppression that is not applied (info, on by default). See docs/rules/invalid-suppression.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: info."}}},"expired-exemption":{"type":"object","description":"Expired exemption (info, on by default). See docs/rules/expired-exemption.md.","properties":{"enabled":{"type":"boolean","description":"Default: true."},"severity":{"$ref":"#/definitions/severity","description":"Default: info."}}}},"additionalProperties":{"$ref":"#/definitions/ruleSetting"}},"exemption":{"type":"object","additionalProperties":false,"required":["rules","reason"],"properties":{"rules":{"type":"array","minItems":1,"items":{"type":"string","minLength":1},"description":"Rule ids or globs (\\"rbac-*\\", \\"*\\")."},"objects":{"type":"array","items":{"type":"string","minLength":1},"description":"Kind/namespace/name (namespaced) or Kind/name (cluster-scoped or no namespace); globs allowed."},"paths":{"$ref":"#/definitions/globs"},"reason":{"type":"string","minLength":1,"description":"Why the exemption exists (required)."},"expires":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","description":"YYYY-MM-DD: the last day the exemption applies."}}},"suppressions":{"type":"object","additionalProperties":false,"description":"Which in-manifest suppressions are honoured (config exemptions always are).","properties":{"annotations":{"type":"boolean","description":"Honour kubeward.io/ignore annotations (default true)."},"inline":{"type":"boolean","description":"Honour # kubeward-ignore comments (default true)."}}},"profile":{"type":"object","additionalProperties":false,"description":"Overlays the top-level configuration when selected with --profile.","properties":{"failOn":{"$ref":"#/definitions/severity"},"kubeVersion":{"$ref":"#/definitions/kubeVersion"},"preset":{"$ref":"#/definitions/preset"},"include":{"$ref":"#/definitions/globs"},"exclude":{"$ref":"#/definitions/globs"},"rules":{"$ref":"#/definitions/rules"},"exemptions":{"type":"array","items":{"$ref":"#/definitions/exemption"}},"suppressions":{"$ref":"#/definitions/suppressions"}}}},"properties":{"$schema":{"type":"string"},"failOn":{"$ref":"#/definitions/severity"},"kubeVersion":{"$ref":"#/definitions/kubeVersion"},"preset":{"$ref":"#/definitions/preset"},"include":{"$ref":"#/definitions/globs"},"exclude":{"$ref":"#/definitions/globs"},"rules":{"$ref":"#/definitions/rules"},"profiles":{"type":"object","additionalProperties":{"$ref":"#/definitions/profile"}},"exemptions":{"type":"array","items":{"$ref":"#/definitions/exemption"}},"suppressions":{"$ref":"#/definitions/suppressions"}}}');
// EXTERNAL MODULE: ./src/core/suppress.ts
var suppress = __webpack_require__(11160);
;// CONCATENATED MODULE: ./src/core/config.ts
/**
 * `.kubeward.yaml`: rules on/off, severity overrides, rule options, presets, profiles,
 * exemptions and the suppression switch. Parsed with the `yaml` package (for positions),
 * validated against schema/kubeward.schema.json (ajv) and then against the rule catalog.
 * Any problem is a ConfigError naming file, line, column and what is wrong.
 */












/** File names looked for, in this order. */
const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'];
/** An invalid or unreadable configuration. The CLI maps it to exit code 2. */
class ConfigError extends Error {
    file;
    line;
    column;
    /** Every problem found (the fields above are the first one's). */
    problems;
    constructor(problems) {
        const first = problems[0] ?? { file: '', line: 0, column: 0, message: 'invalid configuration' };
        super(problems.map(formatProblem).join('\n'));
        this.name = 'ConfigError';
        this.file = first.file;
        this.line = first.line;
        this.column = first.column;
        this.problems = problems;
    }
}
function formatProblem(p) {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
    return where ? `${where}: ${p.message}` : p.message;
}
// ---------------------------------------------------------------------------------------------
// Helpers
/** The candidate closest to `name` (case-insensitive edit distance, prefix/substring matches first). */
function closest(name, candidates) {
    const n = name.toLowerCase();
    let best;
    let bestScore = Infinity;
    for (const c of candidates) {
        const l = c.toLowerCase();
        let score = (0,core_text/* editDistance */.Y)(n, l);
        if (l.includes(n) || n.includes(l))
            score = Math.min(score, Math.abs(l.length - n.length) / 2);
        if (score < bestScore) {
            best = c;
            bestScore = score;
        }
    }
    return best;
}
/** `; did you mean "x"?` when a candidate is close; else the closest one, or nothing when `always` is false. */
function didYouMean(name, candidates, always = true) {
    const c = closest(name, candidates);
    if (!c)
        return '';
    const near = (0,core_text/* editDistance */.Y)(name.toLowerCase(), c.toLowerCase()) <= Math.max(2, Math.ceil(name.length / 3));
    const related = c.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(c.toLowerCase());
    if (near || related)
        return `; did you mean "${c}"?`;
    return always ? ` (the closest valid name is "${c}")` : '';
}
function isGlob(s) {
    return /[*?[\]{}!]/.test(s);
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a mapping';
    return `${typeof v} ${JSON.stringify(v)}`;
}
/** True for a real calendar date written YYYY-MM-DD. */
function isValidDate(s) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m)
        return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
class Positions {
    doc;
    lc;
    text;
    constructor(doc, lc, text) {
        this.doc = doc;
        this.lc = lc;
        this.text = text;
    }
    /** Source text of the scalar at `segs`, when there is one. */
    raw(segs) {
        const node = this.doc.getIn(segs, true);
        return (0,dist/* isScalar */.jn)(node) && node.range ? this.text.slice(node.range[0], node.range[1]).trim() : undefined;
    }
    /** Position of the value at `segs` (or of its key with `key`), else of the deepest existing parent. */
    at(segs, key = false) {
        let node = this.doc.contents;
        let found = node;
        for (const seg of segs) {
            if ((0,dist/* isMap */.jh)(node)) {
                const pair = node.items.find((p) => ((0,dist/* isScalar */.jn)(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
                if (!pair)
                    break;
                node = pair.value;
                found = key ? pair.key : (node ?? pair.key);
            }
            else if ((0,dist/* isSeq */.oP)(node)) {
                const item = node.items[Number(seg)];
                if (item === undefined)
                    break;
                node = item;
                found = node;
            }
            else
                break;
        }
        const range = found?.range;
        if (!range)
            return { line: 1, column: 1 };
        const p = this.lc.linePos(range[0]);
        return { line: p.line, column: p.col };
    }
}
function describePath(segs) {
    let out = '';
    for (const s of segs)
        out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
    return out || '(top level)';
}
// ---------------------------------------------------------------------------------------------
// Schema validation
let validator;
function validate(data) {
    if (!validator) {
        const ajv = new dist_ajv.Ajv({ allErrors: true, verbose: true, strict: true });
        validator = ajv.compile(kubeward_schema_namespaceObject);
    }
    return validator(data) ? [] : [...(validator.errors ?? [])];
}
/** The JSON schema of the configuration (schema/kubeward.schema.json). */
const configSchema = (/* unused pure expression or super */ null && (schema));
function decodePointer(p) {
    if (!p)
        return [];
    return p
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
function ajvProblem(e, file, pos) {
    const segs = decodePointer(e.instancePath);
    const where = describePath(segs);
    const last = segs[segs.length - 1];
    const params = e.params;
    let message;
    let at = pos.at(segs);
    switch (e.keyword) {
        case 'additionalProperties': {
            const prop = String(params.additionalProperty);
            const props = Object.keys(e.parentSchema?.properties ?? {});
            at = pos.at([...segs, prop], true);
            message = `unknown key "${prop}" ${segs.length ? `in ${where}` : 'at the top level'}${didYouMean(prop, props)}${props.length ? ` (valid keys: ${props.join(', ')})` : ''}`;
            break;
        }
        case 'required':
            message = `${where} is missing the required key "${String(params.missingProperty)}"`;
            break;
        case 'enum':
            message = `${where} must be one of ${params.allowedValues.join(', ')} (got ${typeName(e.data)})`;
            break;
        case 'type': {
            message = `${where} must be ${params.type === 'object' ? 'a mapping' : params.type === 'array' ? 'a list' : `a ${String(params.type)}`} (got ${typeName(e.data)})`;
            if (last === 'kubeVersion' && typeof e.data === 'number')
                message += `; quote it: kubeVersion: "${pos.raw(segs) ?? String(e.data)}" (YAML reads 1.30 as the number 1.3)`;
            if ((last === 'enabled' || last === 'annotations' || last === 'inline') && typeof e.data === 'string')
                message += '; write true or false';
            break;
        }
        case 'pattern':
            if (last === 'expires')
                message = `${where} must be a date YYYY-MM-DD (got ${typeName(e.data)})`;
            else if (last === 'kubeVersion')
                message = `${where} must be a Kubernetes version like "1.34" (got ${typeName(e.data)})`;
            else
                message = `${where} ${e.message ?? 'is invalid'} (got ${typeName(e.data)})`;
            break;
        default:
            message = `${where} ${e.message ?? 'is invalid'}`;
    }
    return { file, ...at, message };
}
/** Records a problem, unless the schema already reported one at the same place. */
function problem(ctx, segs, message, key = false) {
    const at = ctx.pos.at(segs, key);
    if (ctx.problems.some((p) => p.line === at.line && p.column === at.column))
        return;
    ctx.problems.push({ file: ctx.file, ...at, message });
}
function checkOptionType(opt, v) {
    switch (opt.type) {
        case 'number':
            return typeof v === 'number' && Number.isFinite(v) ? undefined : 'a number';
        case 'string':
            return typeof v === 'string' ? undefined : 'a string';
        case 'boolean':
            return typeof v === 'boolean' ? undefined : 'true or false';
        case 'string[]':
            return Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'a list of strings';
        case 'object':
            return isPlainObject(v) ? undefined : 'a mapping';
        default:
            return undefined;
    }
}
function parseRules(ctx, raw, base) {
    const out = {};
    if (!isPlainObject(raw))
        return out;
    for (const [id, value] of Object.entries(raw)) {
        const meta = ctx.rules.get(id);
        if (!meta) {
            problem(ctx, [...base, id], `unknown rule "${id}"${didYouMean(id, ctx.rules.keys())}`, true);
            continue;
        }
        const setting = isPlainObject(value) ? value : {};
        const rc = { options: {} };
        if (typeof setting.enabled === 'boolean')
            rc.enabled = setting.enabled;
        if ((0,model/* isSeverity */._Z)(setting.severity))
            rc.severity = setting.severity;
        const declared = meta.options ?? {};
        for (const [k, v] of Object.entries(setting)) {
            if (k === 'enabled' || k === 'severity')
                continue;
            const opt = declared[k];
            if (!opt) {
                const names = Object.keys(declared);
                problem(ctx, [...base, id, k], names.length
                    ? `rule "${id}" has no option "${k}"${didYouMean(k, [...names, 'enabled', 'severity'])} (options: ${names.join(', ')}, enabled, severity)`
                    : `rule "${id}" has no option "${k}"${didYouMean(k, ['enabled', 'severity'])} (it takes only enabled and severity)`, true);
                continue;
            }
            const want = checkOptionType(opt, v);
            if (want) {
                problem(ctx, [...base, id, k], `rule "${id}" option "${k}" must be ${want} (got ${typeName(v)})`);
                continue;
            }
            rc.options[k] = v;
        }
        out[id] = rc;
    }
    return out;
}
function parseExemptions(ctx, raw, base) {
    const out = [];
    if (!Array.isArray(raw))
        return out;
    raw.forEach((item, i) => {
        if (!isPlainObject(item))
            return;
        const at = [...base, i];
        const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
        const rules = strings(item.rules);
        const objects = strings(item.objects);
        const paths = strings(item.paths);
        let ok = true;
        rules.forEach((r, j) => {
            if (isGlob(r)) {
                if (![...ctx.rules.keys()].some((id) => picomatch_default().isMatch(id, r))) {
                    problem(ctx, [...at, 'rules', j], `rule pattern "${r}" matches no rule`);
                    ok = false;
                }
            }
            else if (!ctx.rules.has(r)) {
                problem(ctx, [...at, 'rules', j], `unknown rule "${r}"${didYouMean(r, ctx.rules.keys())}`);
                ok = false;
            }
        });
        objects.forEach((o, j) => {
            const n = o.split('/').length;
            if (n < 2 || n > 3 || o.split('/').some((s) => s === '')) {
                problem(ctx, [...at, 'objects', j], `object "${o}" must be Kind/namespace/name (namespaced) or Kind/name (cluster-scoped), globs allowed`);
                ok = false;
            }
        });
        if (!objects.length && !paths.length) {
            problem(ctx, at, 'an exemption needs objects or paths to say what it covers (to turn a rule off everywhere, set rules.<id>.enabled: false)');
            ok = false;
        }
        const expires = typeof item.expires === 'string' ? item.expires : undefined;
        if (expires !== undefined && !isValidDate(expires)) {
            problem(ctx, [...at, 'expires'], `expires "${expires}" is not a valid date (YYYY-MM-DD)`);
            ok = false;
        }
        if (!ok)
            return;
        const p = ctx.pos.at(at);
        out.push({
            rules,
            objects,
            paths,
            reason: String(item.reason),
            ...(expires ? { expires } : {}),
            file: ctx.file,
            line: p.line,
            column: p.column,
        });
    });
    return out;
}
function parseLayer(ctx, raw, base) {
    const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
    const sw = isPlainObject(raw.suppressions) ? raw.suppressions : {};
    return {
        ...((0,model/* isSeverity */._Z)(raw.failOn) ? { failOn: raw.failOn } : {}),
        ...(typeof raw.kubeVersion === 'string' ? { kubeVersion: raw.kubeVersion } : {}),
        ...(raw.preset === 'baseline' || raw.preset === 'restricted' ? { preset: raw.preset } : {}),
        include: strings(raw.include),
        exclude: strings(raw.exclude),
        rules: parseRules(ctx, raw.rules, [...base, 'rules']),
        exemptions: parseExemptions(ctx, raw.exemptions, [...base, 'exemptions']),
        suppressions: {
            ...(typeof sw.annotations === 'boolean' ? { annotations: sw.annotations } : {}),
            ...(typeof sw.inline === 'boolean' ? { inline: sw.inline } : {}),
        },
    };
}
/** Parses and validates configuration text. Throws ConfigError listing every problem. */
function parseConfig(text, file, opts = {}) {
    const lc = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
        throw new ConfigError(doc.errors.map((e) => {
            const p = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
            return { file, line: p.line, column: p.col, message: `YAML syntax error: ${e.message.split('\n')[0]}` };
        }));
    }
    const pos = new Positions(doc, lc, text);
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 }) ?? {};
    }
    catch (e) {
        throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read YAML: ${e.message}` }]);
    }
    if (!isPlainObject(data)) {
        throw new ConfigError([
            { file, ...pos.at([]), message: `the configuration must be a mapping (got ${typeName(data)})` },
        ]);
    }
    const errors = validate(data);
    const problems = [];
    const seen = new Set();
    for (const e of errors) {
        const p = ajvProblem(e, file, pos);
        const key = formatProblem(p);
        if (!seen.has(key)) {
            seen.add(key);
            problems.push(p);
        }
    }
    const rules = new Map([...suppress/* suppressionRules */.Nj, ...(opts.rules ?? core_rules/* catalog */.U)].map((r) => [r.meta.id, r.meta]));
    const ctx = { file, pos, problems, rules };
    const top = parseLayer(ctx, data, []);
    const profiles = {};
    const profilePositions = {};
    if (isPlainObject(data.profiles)) {
        profilePositions[''] = pos.at(['profiles'], true);
        for (const [name, raw] of Object.entries(data.profiles)) {
            profilePositions[name] = pos.at(['profiles', name], true);
            if (isPlainObject(raw))
                profiles[name] = parseLayer(ctx, raw, ['profiles', name]);
        }
    }
    if (problems.length) {
        problems.sort((a, b) => a.line - b.line || a.column - b.column);
        throw new ConfigError(problems);
    }
    return { ...top, file, dir: opts.dir ?? external_node_path_default().resolve(external_node_path_default().dirname(file)), profiles, profilePositions };
}
/** Reads and parses a config file. `file` is shown in messages as given. */
async function loadConfigFile(file, cwd = process.cwd(), rules) {
    const abs = external_node_path_default().resolve(cwd, file);
    let text;
    try {
        text = await (0,promises_.readFile)(abs, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new ConfigError([
            {
                file,
                line: 0,
                column: 0,
                message: `cannot read the configuration file: ${code === 'ENOENT' ? 'no such file' : (code ?? e.message)}`,
            },
        ]);
    }
    return parseConfig(text, file, { dir: external_node_path_default().dirname(abs), ...(rules ? { rules } : {}) });
}
async function isFile(p) {
    try {
        return (await (0,promises_.stat)(p)).isFile();
    }
    catch {
        return false;
    }
}
async function isDir(p) {
    try {
        return (await (0,promises_.stat)(p)).isDirectory();
    }
    catch {
        return false;
    }
}
function display(abs, cwd) {
    const rel = external_node_path_default().relative(cwd, abs);
    return rel && !rel.startsWith('..') && !external_node_path_default().isAbsolute(rel) ? rel.split((external_node_path_default()).sep).join('/') : abs;
}
/**
 * The config file to use: `configFile` when given; else .kubeward.yaml/.kubeward.yml in cwd;
 * else in the first scanned path that is a directory. Returned as shown in messages.
 */
async function findConfigFile(opts) {
    const cwd = opts.cwd ?? process.cwd();
    if (opts.configFile)
        return display(external_node_path_default().resolve(cwd, opts.configFile), cwd);
    const dirs = [cwd];
    for (const p of opts.paths ?? []) {
        if (p === '-' || isGlob(p))
            continue;
        const abs = external_node_path_default().resolve(cwd, p);
        if (await isDir(abs)) {
            dirs.push(abs);
            break;
        }
    }
    for (const dir of dirs) {
        for (const name of CONFIG_FILE_NAMES) {
            const f = external_node_path_default().join(dir, name);
            if (await isFile(f))
                return display(f, cwd);
        }
    }
    return undefined;
}
/** Rewrites a glob relative to `dir` as one relative to `cwd`. */
function rebaseGlob(pattern, dir, cwd) {
    const neg = pattern.startsWith('!') ? '!' : '';
    let p = neg ? pattern.slice(1) : pattern;
    if (external_node_path_default().isAbsolute(p))
        return pattern;
    p = p.replace(/^(\.\/)+/, '');
    const rel = external_node_path_default().relative(cwd, dir).split((external_node_path_default()).sep).join('/');
    return neg + (rel ? `${rel}/${p}` : p);
}
function overlay(top, p) {
    if (!p)
        return top;
    const rules = { ...top.rules };
    for (const [id, rc] of Object.entries(p.rules)) {
        const t = rules[id];
        if (!t) {
            rules[id] = rc;
            continue;
        }
        const merged = { options: { ...t.options, ...rc.options } };
        const enabled = rc.enabled ?? t.enabled;
        const severity = rc.severity ?? t.severity;
        if (enabled !== undefined)
            merged.enabled = enabled;
        if (severity !== undefined)
            merged.severity = severity;
        rules[id] = merged;
    }
    return {
        failOn: p.failOn ?? top.failOn,
        kubeVersion: p.kubeVersion ?? top.kubeVersion,
        preset: p.preset ?? top.preset,
        include: [...top.include, ...p.include],
        exclude: [...top.exclude, ...p.exclude],
        rules,
        exemptions: [...top.exemptions, ...p.exemptions],
        suppressions: { ...top.suppressions, ...p.suppressions },
    };
}
/** The setting of one rule under a preset and rule configuration. */
function ruleSetting(meta, preset, rc) {
    const d = (0,engine/* defaultSetting */.u$)(meta);
    let enabled = d.enabled;
    if (preset === 'baseline' && meta.pss === 'baseline')
        enabled = true;
    if (preset === 'restricted' && (meta.pss === 'baseline' || meta.pss === 'restricted'))
        enabled = true;
    if (!rc)
        return { ...d, enabled };
    if (rc.enabled !== undefined)
        enabled = rc.enabled;
    else if (Object.keys(rc.options).length)
        enabled = true; // configuring a rule's options turns it on
    return { enabled, severity: rc.severity ?? d.severity, options: { ...d.options, ...rc.options } };
}
/**
 * Applies the chosen profile over the top level and returns what the scan needs. Without a
 * config, the defaults. Throws ConfigError for an unknown profile.
 */
function resolveConfig(config, opts = {}) {
    const cwd = opts.cwd ?? process.cwd();
    if (!config) {
        if (opts.profile) {
            throw new ConfigError([
                {
                    file: CONFIG_FILE_NAMES[0],
                    line: 0,
                    column: 0,
                    message: `profile "${opts.profile}" was requested but no configuration file was found (looked for ${CONFIG_FILE_NAMES.join(', ')})`,
                },
            ]);
        }
        return {
            include: [],
            exclude: [],
            rules: {},
            exemptions: [],
            suppressions: { annotations: true, inline: true },
            settings: engine/* defaultSetting */.u$,
        };
    }
    let layer;
    if (opts.profile !== undefined) {
        layer = Object.hasOwn(config.profiles, opts.profile) ? config.profiles[opts.profile] : undefined;
        if (!layer) {
            const names = Object.keys(config.profiles);
            const at = config.profilePositions[''] ?? { line: 0, column: 0 };
            throw new ConfigError([
                {
                    file: config.file,
                    ...at,
                    message: names.length
                        ? `unknown profile "${opts.profile}"${didYouMean(opts.profile, names, false)} (profiles: ${names.join(', ')})`
                        : `unknown profile "${opts.profile}": the configuration defines no profiles`,
                },
            ]);
        }
    }
    const merged = overlay(config, layer);
    const rebase = (g) => rebaseGlob(g, config.dir, cwd);
    const preset = merged.preset;
    const rules = merged.rules;
    return {
        file: config.file,
        ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
        ...(merged.failOn ? { failOn: merged.failOn } : {}),
        ...(merged.kubeVersion ? { kubeVersion: merged.kubeVersion } : {}),
        ...(preset ? { preset } : {}),
        include: merged.include.map(rebase),
        exclude: merged.exclude.map(rebase),
        rules,
        exemptions: merged.exemptions.map((e) => ({ ...e, paths: e.paths.map(rebase) })),
        suppressions: {
            annotations: merged.suppressions.annotations ?? true,
            inline: merged.suppressions.inline ?? true,
        },
        settings: (meta) => ruleSetting(meta, preset, Object.hasOwn(rules, meta.id) ? rules[meta.id] : undefined),
    };
}

;// CONCATENATED MODULE: ./src/core/scan.ts
/** `scan(options)`: load the config, load manifests, run the catalog, build the report. The library entry point. */







/**
 * Finds, loads and resolves the configuration (configFile, else .kubeward.yaml in cwd, else in
 * the first directory of `paths`) and builds the suppressor. Throws ConfigError.
 */
async function loadRunConfig(opts) {
    const cwd = opts.cwd ?? process.cwd();
    const configFile = await findConfigFile({ configFile: opts.configFile, cwd, paths: opts.paths });
    const loaded = configFile ? await loadConfigFile(configFile, cwd) : undefined;
    const config = resolveConfig(loaded, { profile: opts.profile, cwd });
    const settings = opts.settings ?? config.settings;
    const suppressor = (0,suppress/* createSuppressor */.LE)({
        exemptions: config.exemptions,
        annotations: config.suppressions.annotations,
        inline: config.suppressions.inline,
        knownRules: new Set([...core_rules/* catalog */.U, ...suppress/* suppressionRules */.Nj].map((r) => r.meta.id)),
        settings,
    });
    const callerSuppress = opts.suppress;
    const kubeVersion = opts.kubeVersion ?? config.kubeVersion;
    return {
        config,
        suppressor,
        engine: {
            settings,
            suppress: (f, obj) => callerSuppress?.(f, obj) ?? suppressor.suppress(f, obj),
            ...(kubeVersion ? { kubeVersion } : {}),
        },
        include: [...config.include, ...(opts.include ?? [])],
        // configuration files are never manifests: keep them out of directory walks
        exclude: [...CONFIG_FILE_NAMES.map((n) => `**/${n}`), ...config.exclude, ...(opts.exclude ?? [])],
        failOn: opts.failOn ?? config.failOn ?? 'high',
    };
}
/**
 * Scans manifests. Throws ConfigError (src/core/config.ts) when the configuration is invalid or
 * the profile unknown; every other problem is reported in the Report.
 */
async function scan(opts) {
    const started = performance.now();
    const cwd = opts.cwd ?? process.cwd();
    const run = await loadRunConfig({ ...opts, cwd });
    const inv = await (0,load/* loadManifests */.DD)({
        ...opts,
        cwd,
        ...(run.include.length ? { include: run.include } : {}),
        exclude: run.exclude,
    });
    run.suppressor.inspect(inv.objects);
    const res = (0,engine/* evaluate */._3)(inv.objects, inv.problems, {
        ...opts,
        ...run.engine,
        rules: opts.rules ?? core_rules/* catalog */.U,
        mode: 'manifest',
    });
    // findings about the suppressions themselves (no reason, unknown rule, expired exemption)
    const findings = (0,engine/* sortFindings */.Tc)([...res.findings, ...run.suppressor.findings()]);
    return {
        tool: { name: 'kubeward', version: version/* VERSION */.x },
        findings,
        suppressed: res.suppressed,
        counts: (0,model/* countBySeverity */.Ot)(findings),
        filesScanned: inv.files.length,
        objectsScanned: inv.objects.length,
        objects: inv.objects.map((o) => ({ ref: o.ref, ...(o.file ? { file: o.file } : {}) })),
        skipped: inv.skipped,
        errors: [...inv.errors, ...res.errors],
        notVerified: [],
        failOn: run.failOn,
        durationMs: Math.round(performance.now() - started),
    };
}


/***/ })

};
