export const id = 319;
export const ids = [319];
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

/***/ 56319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runVerify: () => (/* binding */ runVerify)
});

// UNUSED EXPORTS: kubeconfigSource, runVerifyAction, verifyOptionsFrom

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/report/index.ts + 7 modules
var core_report = __webpack_require__(75701);
// EXTERNAL MODULE: ./src/core/engine.ts
var engine = __webpack_require__(63805);
// EXTERNAL MODULE: ./src/core/manifests/load.ts
var load = __webpack_require__(27452);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 20 modules
var rules = __webpack_require__(98904);
// EXTERNAL MODULE: ./src/core/rules/live.ts
var live = __webpack_require__(5409);
// EXTERNAL MODULE: ./src/core/rules/podspec.ts
var podspec = __webpack_require__(75495);
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(83323);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/core/cluster/client.ts
/**
 * The only runtime user of @kubernetes/client-node, loaded lazily so `scan` never pays for it.
 * Resolves kubeconfig sources into contexts and gives each one a small read-only client:
 * GET with bounded retries (401, 429 with Retry-After, 5xx, timeouts, refused connections),
 * paginated LIST (limit/continue, relisting on 410 Expired), and WATCH streams.
 */



let kubeModule;
/** Loads @kubernetes/client-node once, on first use. */
function loadKube() {
    kubeModule ??= Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(857)]).then(__webpack_require__.bind(__webpack_require__, 13857));
    return kubeModule;
}
/** A request the cluster refused or could not answer. Never carries credentials. */
class ClusterError extends Error {
    kind;
    status;
    /** Context (cluster) the request went to. */
    context;
    constructor(kind, message, status) {
        super(message);
        this.kind = kind;
        this.status = status;
    }
}
function isRetryable(e) {
    return ['unauthorized', 'throttled', 'server', 'unreachable', 'timeout'].includes(e.kind);
}
/** Builds the kubeconfig from the sources in priority order; throws ClusterError('config'). */
async function loadKubeConfig(opts) {
    const k8s = await loadKube();
    const env = opts.env ?? process.env;
    const kc = new k8s.KubeConfig();
    const files = typeof opts.kubeconfig === 'string' ? [opts.kubeconfig] : (opts.kubeconfig ?? []);
    try {
        if (opts.kubeconfigContent && opts.kubeconfigContent.trim()) {
            kc.loadFromString(opts.kubeconfigContent);
        }
        else if (files.length) {
            loadFiles(k8s, kc, files);
        }
        else if (env.KUBECONFIG && env.KUBECONFIG.trim()) {
            loadFiles(k8s, kc, env.KUBECONFIG.split((external_node_path_default()).delimiter).filter(Boolean));
        }
        else {
            const home = env.HOME ?? env.USERPROFILE ?? external_node_os_default().homedir();
            const def = external_node_path_default().join(home, '.kube', 'config');
            if ((0,external_node_fs_.existsSync)(def))
                kc.loadFromFile(def);
            else if (env.KUBERNETES_SERVICE_HOST && (0,external_node_fs_.existsSync)('/var/run/secrets/kubernetes.io/serviceaccount/token')) {
                kc.loadFromCluster();
            }
            else {
                throw new ClusterError('config', 'no kubeconfig: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config or run in a pod with a service account');
            }
        }
    }
    catch (e) {
        if (e instanceof ClusterError)
            throw e;
        // messages from the loader name files and fields, never credential values
        throw new ClusterError('config', `cannot load kubeconfig: ${e.message.split('\n')[0]}`);
    }
    return kc;
}
function loadFiles(k8s, kc, files) {
    for (const f of files) {
        if (!(0,external_node_fs_.existsSync)(f))
            throw new ClusterError('config', `kubeconfig file not found: ${f}`);
    }
    kc.loadFromFile(files[0]);
    for (const f of files.slice(1)) {
        const more = new k8s.KubeConfig();
        more.loadFromFile(f);
        // first file wins for duplicate names, as kubectl merges KUBECONFIG
        const has = (list, n) => list.some((x) => x.name === n);
        for (const c of more.clusters)
            if (!has(kc.clusters, c.name))
                kc.addCluster(c);
        for (const u of more.users)
            if (!has(kc.users, u.name))
                kc.addUser(u);
        for (const c of more.contexts)
            if (!has(kc.contexts, c.name))
                kc.addContext(c);
        if (!kc.currentContext && more.currentContext)
            kc.setCurrentContext(more.currentContext);
    }
}
/** The contexts to verify, validated against the kubeconfig. */
function selectContexts(kc, opts) {
    if (opts.allContexts) {
        const all = kc.getContexts().map((c) => c.name);
        if (!all.length)
            throw new ClusterError('config', 'the kubeconfig has no contexts');
        return all;
    }
    if (opts.contexts?.length) {
        for (const c of opts.contexts) {
            if (!kc.getContextObject(c)) {
                throw new ClusterError('config', `context "${c}" is not in the kubeconfig (known: ${kc
                    .getContexts()
                    .map((x) => x.name)
                    .join(', ')})`);
            }
        }
        return [...new Set(opts.contexts)];
    }
    const cur = kc.getCurrentContext();
    if (cur && kc.getContextObject(cur))
        return [cur];
    // in-cluster configs name their context 'inClusterContext'; a bare config may have one context
    const all = kc.getContexts();
    if (all.length === 1)
        return [all[0].name];
    throw new ClusterError('config', 'no current context in the kubeconfig: pass --context');
}
/** A KubeConfig that holds only `context`, so authentication applies to that cluster. */
async function forContext(kc, context) {
    const k8s = await loadKube();
    const ctx = kc.getContextObject(context);
    if (!ctx)
        throw new ClusterError('config', `context "${context}" is not in the kubeconfig`);
    const out = new k8s.KubeConfig();
    out.loadFromOptions({
        clusters: kc.clusters,
        users: kc.users,
        contexts: kc.contexts,
        currentContext: context,
    });
    if (!out.getCurrentCluster())
        throw new ClusterError('config', `context "${context}" names no known cluster`);
    return out;
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const t = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(t);
            resolve();
        }, { once: true });
    });
}
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EPIPE',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
]);
function networkError(e, server) {
    let cur = e;
    for (let i = 0; i < 5 && cur; i++) {
        const err = cur;
        if (err.name === 'TimeoutError' || err.name === 'AbortError') {
            return new ClusterError('timeout', `request to ${server} timed out`);
        }
        if (err.code && NETWORK_CODES.has(err.code)) {
            return new ClusterError('unreachable', `cannot reach ${server}: ${err.code}`);
        }
        if (err.code && /CERT|SSL|TLS|SELF_SIGNED/i.test(err.code)) {
            return new ClusterError('unreachable', `TLS error talking to ${server}: ${err.code}`);
        }
        cur = err.cause;
    }
    return new ClusterError('unreachable', `cannot reach ${server}: ${e.message ?? String(e)}`);
}
function statusError(status, body, what) {
    let message = '';
    try {
        const s = JSON.parse(body);
        if (typeof s.message === 'string')
            message = s.message;
    }
    catch {
        // not a Status object
    }
    const m = message || `HTTP ${status}`;
    if (status === 401)
        return new ClusterError('unauthorized', `unauthorized (401) for ${what}: ${m}`, status);
    if (status === 403)
        return new ClusterError('forbidden', m, status);
    if (status === 404)
        return new ClusterError('not-found', `not found: ${what}`, status);
    if (status === 410)
        return new ClusterError('gone', `expired (410): ${m}`, status);
    if (status === 429)
        return new ClusterError('throttled', `throttled (429) for ${what}`, status);
    if (status >= 500)
        return new ClusterError('server', `server error ${status} for ${what}: ${m}`, status);
    return new ClusterError('server', `unexpected HTTP ${status} for ${what}: ${m}`, status);
}
/** A read-only client for one context. */
class ClusterClient {
    context;
    server;
    stats = { requests: 0, retries: 0 };
    kc;
    retry;
    dispatcher;
    constructor(context, kc, retry) {
        this.context = context;
        this.kc = kc;
        this.server = kc.getCurrentCluster()?.server ?? '';
        this.retry = {
            attempts: retry.attempts ?? 4,
            baseDelayMs: retry.baseDelayMs ?? 250,
            maxDelayMs: retry.maxDelayMs ?? 4000,
            requestTimeoutMs: retry.requestTimeoutMs ?? 20000,
        };
    }
    static async create(kc, context, retry = {}) {
        return new ClusterClient(context, await forContext(kc, context), retry);
    }
    async once(apiPath, query) {
        const k8s = await loadKube();
        const url = new URL(this.server.replace(/\/$/, '') + apiPath);
        for (const [k, v] of Object.entries(query))
            if (v !== undefined)
                url.searchParams.set(k, String(v));
        const ctx = new k8s.RequestContext(url.toString(), k8s.HttpMethod.GET);
        ctx.setHeaderParam('Accept', 'application/json');
        ctx.setSignal(AbortSignal.timeout(this.retry.requestTimeoutMs));
        this.stats.requests++;
        let resp;
        try {
            // headers are applied per request (tokens may refresh); the connection pool is reused, where
            // client-node would build a new agent, and so a new TLS connection, for every request
            await this.kc.applySecurityAuthentication(ctx);
            const d = ctx.getDispatcher();
            if (d)
                ctx.setDispatcher((this.dispatcher ??= d));
            resp = await new k8s.IsomorphicFetchHttpLibrary().send(ctx).toPromise();
        }
        catch (e) {
            throw networkError(e, this.server);
        }
        let body;
        try {
            body = await resp.body.text();
        }
        catch (e) {
            throw networkError(e, this.server);
        }
        const ra = resp.headers['retry-after'];
        const retryAfter = ra !== undefined && /^\d+$/.test(ra) ? Number(ra) : undefined;
        return { status: resp.httpStatusCode, body, retryAfter };
    }
    /** Closes pooled connections (keep-alive sockets would otherwise hold the process open). */
    async close() {
        const d = this.dispatcher;
        this.dispatcher = undefined;
        if (d)
            await d.close().catch(() => undefined);
    }
    /** GET returning parsed JSON, with bounded retries for transient failures. */
    async get(apiPath, query = {}, signal) {
        let last;
        for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
            if (signal?.aborted)
                break;
            let retryAfter;
            try {
                const r = await this.once(apiPath, query);
                if (r.status >= 200 && r.status < 300) {
                    try {
                        return JSON.parse(r.body);
                    }
                    catch {
                        throw new ClusterError('server', `invalid JSON from ${apiPath}`);
                    }
                }
                last = statusError(r.status, r.body, apiPath);
                retryAfter = r.retryAfter;
            }
            catch (e) {
                if (!(e instanceof ClusterError))
                    throw e;
                last = e;
            }
            last.context = this.context;
            if (!isRetryable(last) || attempt === this.retry.attempts - 1)
                throw last;
            this.stats.retries++;
            const backoff = Math.min(this.retry.baseDelayMs * 2 ** attempt, this.retry.maxDelayMs);
            const wait = retryAfter !== undefined ? Math.min(retryAfter * 1000, this.retry.maxDelayMs) : backoff;
            await sleep(wait, signal);
        }
        throw last ?? new ClusterError('timeout', `gave up on ${apiPath}`);
    }
    /** LIST with pagination; a 410 on a continue token restarts the list (bounded). */
    async list(apiPath, pageSize = 500, signal) {
        for (let restart = 0; restart < 3; restart++) {
            const items = [];
            let cont;
            let rv = '';
            let kind = '';
            let apiVersion = '';
            let expired = false;
            for (let page = 0; page < 100000; page++) {
                let res;
                try {
                    res = await this.get(apiPath, { limit: pageSize, continue: cont }, signal);
                }
                catch (e) {
                    if (e instanceof ClusterError && e.kind === 'gone' && cont) {
                        expired = true;
                        break;
                    }
                    throw e;
                }
                if (Array.isArray(res.items))
                    for (const it of res.items)
                        items.push(it);
                rv = res.metadata?.resourceVersion ?? rv;
                kind = res.kind ?? kind;
                apiVersion = res.apiVersion ?? apiVersion;
                cont = res.metadata?.continue || undefined;
                if (!cont)
                    break;
            }
            if (!expired)
                return { items, resourceVersion: rv, kind, apiVersion };
        }
        throw new ClusterError('gone', `list of ${apiPath} kept expiring (410) while paginating`);
    }
    /**
     * Watches `apiPath` from `resourceVersion`; calls onEvent for each event. Resolves when the
     * stream ends (server close, timeout or abort); rejects with ClusterError on a refused watch.
     */
    async watch(apiPath, resourceVersion, onEvent, signal, timeoutSeconds = 60) {
        const k8s = await loadKube();
        const w = new k8s.Watch(this.kc);
        this.stats.requests++;
        await new Promise((resolve, reject) => {
            let ctl;
            // resolve at once on abort, also while the request is still waiting for response headers
            const stop = () => {
                ctl?.abort();
                resolve();
            };
            signal.addEventListener('abort', stop, { once: true });
            w.watch(apiPath, { resourceVersion, allowWatchBookmarks: true, timeoutSeconds }, (type, object) => {
                if (type === 'ERROR') {
                    const code = object.code ?? 500;
                    signal.removeEventListener('abort', stop);
                    ctl?.abort();
                    reject(statusError(code, JSON.stringify(object), apiPath));
                    return;
                }
                onEvent({ type, object });
            }, (err) => {
                signal.removeEventListener('abort', stop);
                if (!err || signal.aborted)
                    return resolve();
                const status = err.statusCode;
                if (status)
                    reject(statusError(status, '', apiPath));
                else if (err.name === 'AbortError')
                    resolve();
                else
                    reject(networkError(err, this.server));
            }).then((c) => {
                ctl = c;
                if (signal.aborted)
                    c.abort();
            }, (e) => reject(networkError(e, this.server)));
        });
    }
}
/** Runs tasks with at most `limit` in flight; results in input order. */
async function pool(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    });
    await Promise.all(workers);
    return out;
}

;// CONCATENATED MODULE: ./src/core/cluster/inventory.ts
/**
 * The live inventory of one cluster: one paginated LIST per kind and namespace (or one
 * cluster-wide LIST per kind), bounded concurrency, kept current by watches while rollouts are
 * awaited. Requests grow with kinds x namespaces, never with the number of objects.
 */

const SECRET_CHECKS = new Set(['secret-unused', 'secret-readers']);
const POD_CHECKS = ['pod-crashloop', 'unexpected-container', 'image-not-pinned-live', 'pod-security-admission'];
const RESOURCES = [
    {
        kind: 'Namespace',
        apiVersion: 'v1',
        plural: 'namespaces',
        namespaced: false,
        checks: ['pod-security-admission'],
    },
    { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true, checks: [...POD_CHECKS, 'rollout-failed'] },
    {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        plural: 'deployments',
        namespaced: true,
        checks: ['rollout-failed', 'drift'],
    },
    {
        kind: 'ReplicaSet',
        apiVersion: 'apps/v1',
        plural: 'replicasets',
        namespaced: true,
        checks: ['rollout-failed'],
    },
    {
        kind: 'StatefulSet',
        apiVersion: 'apps/v1',
        plural: 'statefulsets',
        namespaced: true,
        checks: ['rollout-failed', 'drift'],
    },
    {
        kind: 'DaemonSet',
        apiVersion: 'apps/v1',
        plural: 'daemonsets',
        namespaced: true,
        checks: ['rollout-failed', 'drift'],
    },
    { kind: 'Job', apiVersion: 'batch/v1', plural: 'jobs', namespaced: true, checks: ['drift'] },
    { kind: 'CronJob', apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true, checks: ['drift'] },
    {
        kind: 'Event',
        apiVersion: 'v1',
        plural: 'events',
        namespaced: true,
        checks: ['warning-events'],
        query: { fieldSelector: 'type=Warning' },
    },
    { kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true, checks: [] },
    // the catalog's secret-in-configmap and dangling-reference need the ConfigMaps
    { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', namespaced: true, checks: [] },
    { kind: 'ServiceAccount', apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true, checks: ['secret-unused'] },
    {
        kind: 'NetworkPolicy',
        apiVersion: 'networking.k8s.io/v1',
        plural: 'networkpolicies',
        namespaced: true,
        checks: [],
    },
    { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true, checks: [] },
    {
        kind: 'PodDisruptionBudget',
        apiVersion: 'policy/v1',
        plural: 'poddisruptionbudgets',
        namespaced: true,
        checks: [],
    },
    {
        kind: 'Role',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        plural: 'roles',
        namespaced: true,
        checks: ['secret-readers'],
    },
    {
        kind: 'RoleBinding',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        plural: 'rolebindings',
        namespaced: true,
        checks: ['secret-readers'],
    },
    {
        kind: 'ClusterRole',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        plural: 'clusterroles',
        namespaced: false,
        checks: ['secret-readers'],
    },
    {
        kind: 'ClusterRoleBinding',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        plural: 'clusterrolebindings',
        namespaced: false,
        checks: ['secret-readers'],
    },
    {
        kind: 'Secret',
        apiVersion: 'v1',
        plural: 'secrets',
        namespaced: true,
        checks: ['secret-unused', 'secret-readers'],
        secretChecks: true,
    },
    {
        kind: 'Rollout',
        apiVersion: 'argoproj.io/v1alpha1',
        plural: 'rollouts',
        namespaced: true,
        checks: ['rollout-failed', 'drift'],
        optionalGroup: 'argoproj.io',
    },
];
function specOf(kind) {
    return RESOURCES.find((r) => r.kind === kind);
}
/** URL of a list (namespace undefined: all namespaces, or a cluster-scoped kind). */
function listPath(spec, namespace) {
    const base = spec.apiVersion.includes('/') ? `/apis/${spec.apiVersion}` : `/api/${spec.apiVersion}`;
    if (spec.namespaced && namespace)
        return `${base}/namespaces/${encodeURIComponent(namespace)}/${spec.plural}`;
    return `${base}/${spec.plural}`;
}
function keyOf(o) {
    const md = (o.metadata ?? {});
    return `${md.namespace ?? ''}/${md.name ?? ''}`;
}
/** Objects of one cluster, by kind then namespace/name. Mutated by watches. */
class LiveStore {
    context;
    byKind = new Map();
    /** Resource version of the last list per `${kind}|${namespace}`. */
    versions = new Map();
    notVerified = [];
    /** Kinds that could be listed in full for the scope. */
    listed = new Set();
    /** Bumped on every change; waiters compare. */
    generation = 0;
    listeners = new Set();
    constructor(context) {
        this.context = context;
    }
    ownerIndex = new Map();
    /** Objects of `kind` whose ownerReferences name `uid` (indexed once per store generation). */
    ownedBy(kind, uid) {
        let cached = this.ownerIndex.get(kind);
        if (!cached || cached.generation !== this.generation) {
            const index = new Map();
            for (const o of this.byKind.get(kind)?.values() ?? []) {
                const refs = o.metadata?.ownerReferences;
                if (!Array.isArray(refs))
                    continue;
                for (const r of refs) {
                    const u = r?.uid;
                    if (typeof u !== 'string')
                        continue;
                    const list = index.get(u);
                    if (list)
                        list.push(o);
                    else
                        index.set(u, [o]);
                }
            }
            cached = { generation: this.generation, index };
            this.ownerIndex.set(kind, cached);
        }
        return cached.index.get(uid) ?? [];
    }
    all(kind) {
        const m = this.byKind.get(kind);
        return m ? [...m.values()] : [];
    }
    get(kind, namespace, name) {
        return this.byKind.get(kind)?.get(`${namespace ?? ''}/${name}`);
    }
    put(kind, o) {
        let m = this.byKind.get(kind);
        if (!m)
            this.byKind.set(kind, (m = new Map()));
        m.set(keyOf(o), o);
    }
    remove(kind, o) {
        this.byKind.get(kind)?.delete(keyOf(o));
    }
    changed() {
        this.generation++;
        for (const l of this.listeners)
            l();
    }
    /** Resolves on the next change, or after `ms`. */
    nextChange(ms) {
        return new Promise((resolve) => {
            const done = () => {
                clearTimeout(t);
                this.listeners.delete(done);
                resolve();
            };
            const t = setTimeout(done, Math.max(0, ms));
            this.listeners.add(done);
        });
    }
}
/** Kinds whose managedFields a check reads (out-of-band edits, who injected a container). */
const KEEP_MANAGED_FIELDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Rollout', 'Pod']);
function withKind(spec, item) {
    if (!item.kind)
        item.kind = spec.kind;
    if (!item.apiVersion)
        item.apiVersion = spec.apiVersion;
    if (spec.kind === 'Secret')
        stripSecret(item);
    // managedFields are often a third of an object: keep them only where a check reads them
    else if (!KEEP_MANAGED_FIELDS.has(spec.kind))
        delete item.metadata?.managedFields;
    return item;
}
/** Secret values never stay in memory: keep the key names only (and drop last-applied copies). */
function stripSecret(item) {
    for (const f of ['data', 'stringData']) {
        const d = item[f];
        if (d && typeof d === 'object')
            item[f] = Object.fromEntries(Object.keys(d).map((k) => [k, '']));
    }
    const ann = item.metadata?.annotations;
    if (ann)
        delete ann['kubectl.kubernetes.io/last-applied-configuration'];
    const md = item.metadata;
    if (md)
        delete md.managedFields;
}
/** Which optional API groups the server has (discovery of /apis). */
async function servedGroups(client, signal) {
    const out = new Set();
    try {
        const res = await client.get('/apis', {}, signal);
        for (const g of res.groups ?? [])
            if (g.name)
                out.add(g.name);
    }
    catch (e) {
        if (!(e instanceof ClusterError) || e.kind !== 'forbidden')
            throw e;
    }
    return out;
}
/** Reads the inventory. Throws ClusterError when the cluster cannot be read at all. */
async function readInventory(client, opts = {}) {
    const store = new LiveStore(client.context);
    // a cheap probe first: an unreachable or unauthenticated cluster fails here, once
    await client.get('/api', {}, opts.signal);
    const groups = await servedGroups(client, opts.signal);
    const specs = RESOURCES.filter((s) => (!s.secretChecks || opts.secrets) && (!s.optionalGroup || groups.has(s.optionalGroup)));
    const tasks = [];
    for (const spec of specs) {
        if ((spec.namespaced || spec.kind === 'Namespace') && opts.namespaces) {
            for (const ns of opts.namespaces)
                tasks.push({ spec, namespace: ns });
        }
        else
            tasks.push({ spec });
    }
    const forbidden = new Map();
    const failed = new Set();
    await pool(tasks, opts.concurrency ?? 8, async ({ spec, namespace }) => {
        try {
            if (spec.kind === 'Namespace' && namespace) {
                // GET the named namespaces: an identity bound only in them may read them, not list all
                try {
                    const ns = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, {}, opts.signal);
                    store.put(spec.kind, withKind(spec, ns));
                }
                catch (e) {
                    if (!(e instanceof ClusterError) || e.kind !== 'not-found')
                        throw e;
                }
                return;
            }
            const res = await client.list(withQuery(listPath(spec, namespace), spec.query), opts.pageSize ?? 500, opts.signal);
            for (const item of res.items)
                store.put(spec.kind, withKind(spec, item));
            store.versions.set(`${spec.kind}|${namespace ?? ''}`, res.resourceVersion);
        }
        catch (e) {
            if (!(e instanceof ClusterError))
                throw e;
            if (e.kind === 'forbidden') {
                const list = forbidden.get(spec.kind) ?? [];
                list.push(namespace ?? '');
                forbidden.set(spec.kind, list);
                failed.add(spec.kind);
                return;
            }
            if (e.kind === 'not-found') {
                failed.add(spec.kind);
                return; // the API is not served by this cluster: nothing of that kind to check
            }
            throw e;
        }
    });
    for (const spec of specs)
        if (!failed.has(spec.kind))
            store.listed.add(spec.kind);
    for (const [kind, nss] of forbidden) {
        const spec = specOf(kind);
        const where = nss.includes('')
            ? spec.namespaced
                ? ' in all namespaces'
                : ''
            : ` in namespace${nss.length > 1 ? 's' : ''} ${nss.join(', ')}`;
        const checks = spec.checks.filter((c) => opts.secrets || !SECRET_CHECKS.has(c));
        // cluster-scoped RBAC only matters to the secret checks when verifying some namespaces
        if (!checks.length && !spec.namespaced && opts.namespaces && spec.checks.length)
            continue;
        for (const check of checks) {
            store.notVerified.push({ check, reason: `missing permission: list ${spec.plural}${where}` });
        }
        if (!checks.length) {
            store.notVerified.push({
                check: `inventory:${spec.plural}`,
                reason: `missing permission: list ${spec.plural}${where}`,
            });
        }
    }
    return store;
}
function withQuery(p, q) {
    if (!q)
        return p;
    return `${p}?${new URLSearchParams(q).toString()}`;
}
/**
 * Keeps `kinds` of `store` current with watches until `signal` aborts. A closed stream resumes
 * from the last resourceVersion; 410 Gone relists; other failures back off (bounded by the signal).
 */
function watchStore(client, store, kinds, namespaces, signal) {
    const targets = [];
    for (const kind of kinds) {
        const spec = specOf(kind);
        if (!spec || !store.listed.has(kind))
            continue;
        if (spec.namespaced && namespaces)
            for (const ns of namespaces)
                targets.push({ spec, namespace: ns });
        else
            targets.push({ spec });
    }
    return Promise.all(targets.map(async ({ spec, namespace }) => {
        const vkey = `${spec.kind}|${namespace ?? ''}`;
        let failures = 0;
        while (!signal.aborted) {
            const rv = store.versions.get(vkey) ?? '';
            try {
                await client.watch(withQuery(listPath(spec, namespace), spec.query), rv, (ev) => {
                    const o = ev.object;
                    const newRv = o.metadata?.resourceVersion;
                    if (typeof newRv === 'string')
                        store.versions.set(vkey, newRv);
                    if (ev.type === 'BOOKMARK')
                        return;
                    if (ev.type === 'DELETED')
                        store.remove(spec.kind, o);
                    else
                        store.put(spec.kind, withKind(spec, o));
                    store.changed();
                }, signal);
                failures = 0;
            }
            catch (e) {
                if (signal.aborted)
                    break;
                // 410 Gone: the resourceVersion was compacted; any other failure (a watch refused while
                // LIST is allowed, a dropped stream): relist so the store stays current, i.e. poll
                if (!(e instanceof ClusterError && e.kind === 'gone'))
                    failures++;
                try {
                    const res = await client.list(withQuery(listPath(spec, namespace), spec.query), 500, signal);
                    const m = store.byKind.get(spec.kind);
                    if (m && namespace) {
                        for (const k of [...m.keys()])
                            if (k.startsWith(`${namespace}/`))
                                m.delete(k);
                    }
                    else
                        m?.clear();
                    for (const item of res.items)
                        store.put(spec.kind, withKind(spec, item));
                    store.versions.set(vkey, res.resourceVersion);
                    store.changed();
                }
                catch {
                    failures++;
                }
                await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(failures, 5), 3000)));
            }
        }
    })).then(() => undefined);
}

// EXTERNAL MODULE: ./src/core/cluster/rollout.ts
var rollout = __webpack_require__(94731);
;// CONCATENATED MODULE: ./src/core/verify.ts
/**
 * `verify(options)`: post-deploy verification of one or more live clusters. Reads the inventory
 * (LIST per kind and namespace), waits for the rollouts of what was just deployed (watch +
 * timeout, failing fast on crashing or refused pods), runs the whole catalog on the live objects
 * and the admitted pods plus the live-only rules, and maps findings back to the manifests.
 */










/** A problem with the options themselves (exit code 2). */
class VerifyUsageError extends Error {
}
const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);
const WATCH_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod', 'Event', 'Rollout'];
/** Kinds the catalog runs on (Secrets and Events reach the live rules through the context). */
const EVALUATED = new Set([
    'Namespace',
    'Deployment',
    'ReplicaSet',
    'StatefulSet',
    'DaemonSet',
    'Job',
    'CronJob',
    'Service',
    'ConfigMap',
    'ServiceAccount',
    'NetworkPolicy',
    'Ingress',
    'PodDisruptionBudget',
    'Role',
    'RoleBinding',
    'Rollout',
]);
const CLUSTER_RBAC = new Set(['ClusterRole', 'ClusterRoleBinding']);
/** kubectl-style durations: 90s, 5m, 1m30s, 1h, 250ms, or a bare number of seconds. */
function parseDuration(s) {
    const t = s.trim();
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * 1000);
    const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
    let total = 0;
    let matched = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
        const n = Number(m[1]);
        total += m[2] === 'h' ? n * 3600000 : m[2] === 'm' ? n * 60000 : m[2] === 's' ? n * 1000 : n;
        matched = re.lastIndex;
    }
    if (!t || matched !== t.length)
        return undefined;
    return Math.round(total);
}
/**
 * Exit code for a verify report: 3 when a cluster could not be verified at all; 1 for findings
 * at or above failOn; 3 when some checks could not run (partial verification); else 0.
 */
function verifyExitCode(report, failOn = report.failOn) {
    if (report.notVerified.some((n) => n.check === 'cluster'))
        return 3;
    if ((0,model/* failsThreshold */.Lh)(report, failOn))
        return 1;
    if (report.notVerified.length)
        return 3;
    return 0;
}
const str = (v) => (typeof v === 'string' ? v : '');
const objOf = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const mdOf = (o) => objOf(o.metadata);
function normDigest(d) {
    const t = d.trim();
    return t.startsWith('sha256:') ? t : `sha256:${t}`;
}
async function verify(opts) {
    const started = performance.now();
    const failOn = opts.failOn ?? 'high';
    const errors = [];
    let manifests = [];
    let problems = [];
    let files = 0;
    // start loading the Kubernetes client while the manifests are read
    const kube = loadKube().catch(() => undefined);
    if (opts.manifests?.length) {
        const inv = await (0,load/* loadManifests */.DD)({ paths: opts.manifests, cwd: opts.cwd });
        manifests = inv.objects;
        problems = inv.problems;
        files = inv.files.length;
        errors.push(...inv.errors);
        if (!manifests.length) {
            // never fall back to verifying everything when what was deployed cannot be read
            const why = [...inv.errors, ...inv.problems].map((e) => `${e.file}: ${e.message}`).join('; ');
            throw new VerifyUsageError(`--manifests: no Kubernetes objects found${why ? ` (${why})` : ''}`);
        }
    }
    let kc;
    let contexts;
    await kube;
    const tick = timer(opts);
    try {
        kc = await loadKubeConfig(opts);
        contexts = selectContexts(kc, opts);
        tick('kubeconfig');
    }
    catch (e) {
        if (e instanceof ClusterError && e.kind === 'config')
            throw new VerifyUsageError(e.message);
        throw e;
    }
    const findings = [];
    const suppressed = [];
    const notVerified = [];
    let objects = 0;
    for (const context of contexts) {
        const defaultNs = kc.getContextObject(context)?.namespace || 'default';
        try {
            const client = await ClusterClient.create(kc, context, opts.retry);
            let r;
            try {
                r = await verifyContext(client, defaultNs, manifests, opts);
            }
            finally {
                await client.close();
            }
            findings.push(...r.findings);
            suppressed.push(...r.suppressed);
            errors.push(...r.errors);
            notVerified.push(...r.notVerified);
            objects += r.objects;
        }
        catch (e) {
            if (!(e instanceof ClusterError))
                throw e;
            const reason = `${contexts.length > 1 ? `${context}: ` : ''}${e.message}`;
            notVerified.push({ check: 'cluster', reason: `cluster not verified: ${reason}` });
            errors.push({ file: `context ${context}`, message: e.message });
        }
    }
    if (problems.length) {
        const res = (0,engine/* evaluate */._3)([], problems, { ...opts, mode: 'live' });
        findings.push(...res.findings);
    }
    (0,engine/* sortFindings */.Tc)(findings);
    (0,engine/* sortFindings */.Tc)(suppressed);
    return {
        tool: { name: 'kubeward', version: version/* VERSION */.x },
        findings,
        suppressed,
        counts: (0,model/* countBySeverity */.Ot)(findings),
        filesScanned: files,
        objectsScanned: objects,
        skipped: [],
        errors,
        notVerified,
        failOn,
        durationMs: Math.round(performance.now() - started),
    };
}
function timer(opts) {
    let last = performance.now();
    return (phase) => {
        const now = performance.now();
        opts.onTiming?.(phase, Math.round(now - last));
        last = now;
    };
}
function manifestKey(kind, ns, name) {
    return `${kind}/${ns ?? ''}/${name}`;
}
function isNamespaced(kind) {
    return (![
        'Namespace',
        'ClusterRole',
        'ClusterRoleBinding',
        'CustomResourceDefinition',
        'PersistentVolume',
        'StorageClass',
        'PriorityClass',
        'Node',
    ].includes(kind) && !kind.endsWith('WebhookConfiguration'));
}
async function verifyContext(client, defaultNs, manifests, opts) {
    const mNs = (m) => (isNamespaced(m.ref.kind) ? (m.ref.namespace ?? defaultNs) : undefined);
    let namespaces = opts.namespaces?.length ? [...new Set(opts.namespaces)] : undefined;
    if (!namespaces && manifests.length) {
        const set = new Set();
        for (const m of manifests) {
            const ns = mNs(m);
            if (ns)
                set.add(ns);
            if (m.ref.kind === 'Namespace')
                set.add(m.ref.name);
        }
        namespaces = [...set].sort();
    }
    const tick = timer(opts);
    const store = await readInventory(client, {
        namespaces,
        secrets: opts.secrets,
        concurrency: opts.concurrency,
        pageSize: opts.pageSize,
        signal: opts.signal,
    });
    tick('inventory');
    // --- rollouts -------------------------------------------------------------------------------
    const targets = manifests
        .filter((m) => ROLLOUT_KINDS.has(m.ref.kind) && m.ref.name)
        .map((m) => ({ kind: m.ref.kind, ns: mNs(m) ?? defaultNs, name: m.ref.name }));
    const rolloutByKey = targets.length
        ? await awaitRollouts(client, store, targets, namespaces, opts)
        : snapshotRollouts(store);
    tick('rollouts');
    // --- live objects ---------------------------------------------------------------------------
    const byUid = new Map();
    for (const [kind, m] of store.byKind)
        for (const o of m.values())
            byUid.set(str(mdOf(o).uid), { kind, o });
    const controllerOf = (o) => {
        const refs = mdOf(o).ownerReferences;
        if (!Array.isArray(refs))
            return undefined;
        const ref = objOf(refs.find((r) => objOf(r).controller === true) ?? refs[0]);
        return byUid.get(str(ref.uid));
    };
    const topOwner = (o) => {
        let cur = controllerOf(o);
        for (let i = 0; cur && i < 4; i++) {
            const up = controllerOf(cur.o);
            if (!up)
                break;
            cur = up;
        }
        return cur;
    };
    const manifestByKey = new Map();
    for (const m of manifests)
        if (m.ref.name)
            manifestByKey.set(manifestKey(m.ref.kind, mNs(m), m.ref.name), m);
    const objects = [];
    const liveByRaw = new Map();
    const lc = {
        cluster: client.context,
        manifestOf: new Map(),
        ownerOf: new Map(),
        rollouts: new Map(),
        expectImages: new Map(Object.entries(opts.expectImages ?? {}).map(([k, v]) => [k, normDigest(v)])),
        deployers: opts.deployers ?? live/* DEFAULT_DEPLOYERS */.IV,
        events: new Map(),
        namespaces: new Map(),
        rbac: {
            roles: store.all('Role'),
            clusterRoles: store.all('ClusterRole'),
            roleBindings: store.all('RoleBinding'),
            clusterRoleBindings: store.all('ClusterRoleBinding'),
        },
        pods: store.all('Pod'),
        serviceAccounts: store.all('ServiceAccount'),
        ingresses: store.all('Ingress'),
        manifestsGiven: manifests.length > 0,
        notVerified: new Set(store.notVerified.map((n) => n.check)),
    };
    if (opts.secrets && store.listed.has('Secret')) {
        lc.secrets = store.all('Secret').map((s) => toK8s(s, 'Secret', client.context, 'live'));
    }
    for (const ns of store.all('Namespace'))
        lc.namespaces.set(str(mdOf(ns).name), ns);
    for (const e of store.all('Event')) {
        const io = objOf(e.involvedObject ?? e.regarding);
        const k = manifestKey(str(io.kind), str(io.namespace ?? mdOf(e).namespace) || undefined, str(io.name));
        const list = lc.events.get(k) ?? [];
        list.push(e);
        lc.events.set(k, list);
    }
    const kinds = [...EVALUATED, ...(namespaces ? [] : CLUSTER_RBAC)];
    for (const kind of kinds) {
        for (const o of store.all(kind)) {
            const owner = kind === 'ReplicaSet' || kind === 'Job' ? controllerOf(o) : undefined;
            if (owner)
                continue; // reported through its controller's template
            const k = toK8s(o, kind, client.context, 'live');
            const m = manifestByKey.get(manifestKey(kind, k.ref.namespace, k.ref.name));
            if (m) {
                lc.manifestOf.set(k, m);
                k.locate = (p) => m.locate?.(p);
            }
            objects.push(k);
            liveByRaw.set(o, k);
        }
    }
    for (const o of store.all('Pod')) {
        const k = toK8s(o, 'Pod', client.context, 'admission');
        const top = topOwner(o);
        const ownerK = top ? liveByRaw.get(top.o) : undefined;
        const m = manifestByKey.get(manifestKey('Pod', k.ref.namespace, k.ref.name));
        if (m) {
            lc.manifestOf.set(k, m);
            k.locate = (p) => m.locate?.(p);
        }
        else if (ownerK) {
            lc.ownerOf.set(k, ownerK);
            const t = (0,podspec/* podTemplates */.R7)(ownerK)[0];
            if (t && ownerK.locate) {
                const ol = ownerK.locate;
                k.locate = (p) => {
                    if (p[0] === 'spec')
                        return ol([...t.specPath, ...p.slice(1)]);
                    if (p[0] === 'metadata')
                        return ol([...t.metaPath, ...p.slice(1)]);
                    return ol(t.specPath);
                };
            }
        }
        objects.push(k);
    }
    for (const [key, r] of rolloutByKey) {
        const [kind, ns, ...rest] = key.split('/');
        const raw = store.get(kind, ns, rest.join('/'));
        let k = raw ? liveByRaw.get(raw) : undefined;
        if (!k) {
            // not in the cluster: report on the manifest itself
            const m = manifestByKey.get(key);
            if (!m)
                continue;
            k = { ...m, ref: { ...m.ref, namespace: ns, cluster: client.context }, origin: 'live' };
        }
        lc.rollouts.set(k, r);
    }
    // The live rules see every object; the catalog sees workloads and one pod per distinct admitted
    // spec, skipping pods identical to their workload's template (their findings are the template's).
    const catalogObjects = [];
    const podGroup = new Map();
    const reps = new Map();
    const templateSig = new Map();
    const quickSig = new Map();
    for (const o of objects) {
        if (o.origin !== 'admission') {
            catalogObjects.push(o);
            continue;
        }
        const owner = lc.ownerOf.get(o);
        // pods of one template revision with the same containers share a spec: sign the first only
        const spec = objOf(o.data.spec);
        const hash = objOf(objOf(o.data.metadata).labels);
        const quick = owner
            ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${str(hash['pod-template-hash'] ?? hash['controller-revision-hash'])}|${containerNames(spec)}`
            : undefined;
        const known = quick ? quickSig.get(quick) : undefined;
        const sig = known ?? podSignature(spec);
        if (quick && known === undefined)
            quickSig.set(quick, sig);
        if (owner) {
            let tsig = templateSig.get(owner);
            if (tsig === undefined) {
                const t = (0,podspec/* podTemplates */.R7)(owner)[0];
                templateSig.set(owner, (tsig = t ? podSignature(t.spec) : ''));
            }
            if (sig === tsig)
                continue;
        }
        const key = `${owner ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}` : `pod/${o.ref.namespace}/${o.ref.name}`}|${sig}`;
        const rep = reps.get(key);
        if (rep) {
            podGroup.set(rep, (podGroup.get(rep) ?? 1) + 1);
            continue;
        }
        reps.set(key, o);
        podGroup.set(o, 1);
        catalogObjects.push(o);
    }
    tick('index');
    (0,live/* setLiveContext */.KM)(objects, lc);
    (0,live/* setLiveContext */.KM)(catalogObjects, lc);
    const all = opts.rules ?? rules/* catalog */.U;
    const liveRes = (0,engine/* evaluate */._3)(objects, [], { ...opts, rules: all.filter((r) => r.meta.liveOnly), mode: 'live' });
    tick('live rules');
    const res = (0,engine/* evaluate */._3)(catalogObjects, [], { ...opts, rules: all.filter((r) => !r.meta.liveOnly), mode: 'live' });
    tick(`catalog (${catalogObjects.length} objects)`);
    const findings = [...liveRes.findings, ...attributeOrigins(res.findings, catalogObjects, lc, podGroup)];
    tick('attribute');
    return {
        findings,
        suppressed: [...liveRes.suppressed, ...res.suppressed],
        errors: [...liveRes.errors, ...res.errors],
        notVerified: store.notVerified.map((n) => ({
            check: n.check,
            reason: `not verified${client.context ? ` on ${client.context}` : ''}: ${n.reason}`,
        })),
        objects: objects.length,
    };
}
/** Fields the API server or the kubelet set on every pod, which say nothing about its security. */
const POD_NOISE = new Set([
    'nodeName',
    'hostname',
    'subdomain',
    'serviceAccount',
    'preemptionPolicy',
    'priority',
    'enableServiceLinks',
    'schedulerName',
    'dnsPolicy',
    'restartPolicy',
    'terminationGracePeriodSeconds',
]);
function containerNames(spec) {
    const names = (k) => (Array.isArray(spec[k]) ? spec[k].map((c) => str(objOf(c).name)).join(',') : '');
    return `${names('initContainers')};${names('containers')};${names('ephemeralContainers')}`;
}
/** A pod spec's identity for the catalog: admission's service-account volume and defaults removed. */
function podSignature(spec) {
    const out = {};
    const keep = (k, v) => {
        if (Array.isArray(v) && v.length === 0)
            return;
        out[k] = v;
    };
    for (const [k, v] of Object.entries(spec)) {
        if (POD_NOISE.has(k) || k === 'serviceAccountName')
            continue;
        if (k === 'volumes' && Array.isArray(v)) {
            keep(k, v.filter((x) => !/^kube-api-access-/.test(str(objOf(x).name))));
        }
        else if (k === 'tolerations' && Array.isArray(v)) {
            keep(k, v.filter((x) => !/^node\.kubernetes\.io\/(not-ready|unreachable)$/.test(str(objOf(x).key))));
        }
        else if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
            keep(k, v.map((c) => {
                const cc = { ...objOf(c) };
                if (Array.isArray(cc.volumeMounts)) {
                    cc.volumeMounts = cc.volumeMounts.filter((m) => !/^kube-api-access-/.test(str(objOf(m).name)));
                    if (!cc.volumeMounts.length)
                        delete cc.volumeMounts;
                }
                return cc;
            }));
        }
        else
            keep(k, v);
    }
    out.serviceAccountName = str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default';
    // pods and templates are both serialized by the API server in field order: plain JSON compares
    return JSON.stringify(out);
}
function toK8s(o, kind, cluster, origin) {
    const md = mdOf(o);
    const ns = str(md.namespace);
    return {
        data: o,
        ref: {
            apiVersion: str(o.apiVersion),
            kind,
            name: str(md.name),
            ...(ns ? { namespace: ns } : {}),
            cluster,
        },
        origin,
        docPath: [],
    };
}
function refKey(f) {
    const o = f.object;
    return o ? `${o.kind}/${o.namespace ?? ''}/${o.name}` : '';
}
/**
 * Says whether the template or admission introduced each catalog finding on an admitted pod:
 * a finding that its workload's template also has is the template's (reported once, on the
 * workload); the rest were introduced at admission and are reported once per workload.
 */
function attributeOrigins(findings, objects, lc, podGroup) {
    const byKey = new Map();
    for (const o of objects)
        byKey.set(`${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
    const onWorkload = new Set();
    for (const f of findings)
        if (f.origin === 'live')
            onWorkload.add(`${f.ruleId}|${refKey(f)}|${f.path}`);
    const out = [];
    const collapsed = new Map();
    for (const f of findings) {
        const liveOnly = (0,rules/* getRule */.r)(f.ruleId)?.meta.liveOnly;
        if (liveOnly || !f.object) {
            out.push(f);
            continue;
        }
        if (f.origin === 'live') {
            out.push({ ...f, details: { ...f.details, introducedBy: 'template' } });
            continue;
        }
        if (f.origin !== 'admission') {
            out.push(f);
            continue;
        }
        const pod = byKey.get(refKey(f));
        const owner = pod ? lc.ownerOf.get(pod) : undefined;
        const t = owner ? (0,podspec/* podTemplates */.R7)(owner)[0] : undefined;
        if (!owner || !t) {
            out.push({ ...f, details: { ...f.details, introducedBy: 'admission' } });
            continue;
        }
        const mapped = f.path.startsWith('spec')
            ? (0,model/* formatPath */.jV)(t.specPath) + f.path.slice(4)
            : f.path.startsWith('metadata')
                ? (0,model/* formatPath */.jV)(t.metaPath) + f.path.slice(8)
                : f.path;
        const ownerKey = `${owner.ref.kind}/${owner.ref.namespace ?? ''}/${owner.ref.name}`;
        if (onWorkload.has(`${f.ruleId}|${ownerKey}|${mapped}`))
            continue; // the template's: reported on the workload
        const ck = `${f.ruleId}|${ownerKey}|${mapped}`;
        const prev = collapsed.get(ck);
        if (prev) {
            prev.details = { ...prev.details, pods: String(Number(prev.details?.pods ?? '1') + (podGroup.get(pod) ?? 1)) };
            continue;
        }
        const nf = {
            ...f,
            message: `${f.message} (introduced at admission: not in the ${owner.ref.kind} template)`,
            details: {
                ...f.details,
                introducedBy: 'admission',
                owner: `${owner.ref.kind}/${owner.ref.name}`,
                pods: String(podGroup.get(pod) ?? 1),
            },
        };
        collapsed.set(ck, nf);
        out.push(nf);
    }
    return out;
}
/** Without manifests: the rollout state of every workload now, without waiting. */
function snapshotRollouts(store) {
    const out = new Map();
    for (const kind of ROLLOUT_KINDS) {
        for (const o of store.all(kind)) {
            const r = (0,rollout/* rolloutStatus */.OI)(store, kind, o);
            if (r.state === 'failed')
                out.set(manifestKey(kind, r.namespace, r.name), r);
        }
    }
    return out;
}
async function awaitRollouts(client, store, targets, namespaces, opts) {
    const timeoutMs = opts.timeoutMs ?? 300000;
    const deadline = Date.now() + timeoutMs;
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let watching;
    const results = new Map();
    const watchNs = namespaces ?? [...new Set(targets.map((t) => t.ns))];
    try {
        for (let round = 0; round < 1_000_000; round++) {
            let pending = 0;
            for (const t of targets) {
                const key = manifestKey(t.kind, t.ns, t.name);
                const o = store.get(t.kind, t.ns, t.name);
                const r = o
                    ? (0,rollout/* rolloutStatus */.OI)(store, t.kind, o)
                    : {
                        kind: t.kind,
                        namespace: t.ns,
                        name: t.name,
                        state: 'waiting',
                        message: `${t.kind} ${t.ns}/${t.name} not found in the cluster`,
                        problems: [],
                        createFailures: [],
                        events: [],
                    };
                results.set(key, r);
                if (r.state === 'waiting')
                    pending++;
            }
            if (!pending || ac.signal.aborted)
                break;
            const left = deadline - Date.now();
            if (left <= 0) {
                for (const r of results.values()) {
                    if (r.state !== 'waiting')
                        continue;
                    r.state = 'timeout';
                    r.message = `timed out after ${Math.round(timeoutMs / 1000)}s: ${r.message}`;
                }
                break;
            }
            watching ??= watchStore(client, store, WATCH_KINDS, watchNs, ac.signal).catch(() => undefined);
            await store.nextChange(Math.min(left, 2000));
            // let a burst of watch events land before re-evaluating
            await new Promise((r) => setTimeout(r, 20));
        }
    }
    finally {
        ac.abort();
        opts.signal?.removeEventListener('abort', onAbort);
        if (watching)
            await watching;
    }
    return results;
}

// EXTERNAL MODULE: ./src/github/annotations.ts
var annotations = __webpack_require__(34793);
// EXTERNAL MODULE: ./src/github/context.ts
var context = __webpack_require__(19556);
// EXTERNAL MODULE: ./src/github/inputs.ts
var github_inputs = __webpack_require__(65446);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(92935);
;// CONCATENATED MODULE: ./src/github/verify.ts
/**
 * `mode: verify` of the action: inputs -> verify() -> SARIF, annotations, job summary, outputs.
 * Imported lazily by src/github/run.ts (the Kubernetes client is never loaded in scan mode);
 * returns `{ failure?: string }` and never calls core.setFailed (main.ts does, at the top).
 * Inline kubeconfig content is registered as a secret (masked) and never written to disk or logs.
 */











/** Kubeconfig input: inline content (YAML/JSON) or a path. */
function kubeconfigSource(value, workspace) {
    if (!value)
        return {};
    const v = value.trim();
    if (v.includes('\n') ||
        /^(apiVersion|kind|clusters|contexts|users|current-context)\s*:/.test(v) ||
        v.startsWith('{')) {
        return { kubeconfigContent: value };
    }
    const file = external_node_path_default().resolve(workspace, v);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new github_inputs/* InputError */.dz(`input kubeconfig: file not found: ${v}`);
    return { kubeconfig: file };
}
/** Maps the action inputs to verify options (exported for tests). */
function verifyOptionsFrom(inputs, workspace, env) {
    const v = inputs.verify;
    const contexts = (0,github_inputs/* splitList */.ry)(v.context);
    const all = contexts.length === 1 && (contexts[0] === '*' || contexts[0] === 'all');
    let timeoutMs;
    if (v.timeout) {
        timeoutMs = parseDuration(v.timeout);
        if (timeoutMs === undefined)
            throw new github_inputs/* InputError */.dz(`input timeout must be a duration like 90s, 5m or 1m30s, got "${v.timeout}"`);
    }
    const kubeconfig = kubeconfigSource(v.kubeconfig ?? env.KUBEWARD_KUBECONFIG, workspace);
    const manifests = (0,github_inputs/* splitList */.ry)(v.manifests);
    const namespaces = (0,github_inputs/* splitList */.ry)(v.namespace);
    return {
        env,
        cwd: workspace,
        ...kubeconfig,
        ...(all ? { allContexts: true } : contexts.length ? { contexts } : {}),
        ...(namespaces.length ? { namespaces } : {}),
        ...(manifests.length ? { manifests } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(/^(true|yes|1)$/i.test(env.KUBEWARD_CHECK_SECRETS ?? '') ? { secrets: true } : {}),
        ...(inputs.failOn !== 'none' ? { failOn: inputs.failOn } : {}),
    };
}
async function runVerify(inputs) {
    const ctx = (0,context/* readContext */.y)();
    const kc = inputs.verify.kubeconfig ?? process.env.KUBEWARD_KUBECONFIG;
    if (kc && kc.includes('\n'))
        core.setSecret(kc);
    const options = verifyOptionsFrom(inputs, ctx.workspace, process.env);
    let report;
    try {
        report = await verify(options);
    }
    catch (e) {
        if (e instanceof VerifyUsageError)
            return { failure: `kubeward verify: ${e.message}` };
        throw e;
    }
    const sarifPath = external_node_path_default().resolve(ctx.workspace, inputs.sarifFile);
    await (0,promises_.mkdir)(external_node_path_default().dirname(sarifPath), { recursive: true });
    await (0,promises_.writeFile)(sarifPath, (0,core_report.formatReport)(report, 'sarif'));
    const notes = [];
    if (inputs.annotations)
        (0,annotations/* annotate */.fz)(report.findings);
    for (const n of report.notVerified) {
        core.warning(`kubeward verify: not verified: ${n.check}: ${n.reason}`);
        notes.push(`Not verified: ${n.check}: ${n.reason}`);
    }
    await (0,summary/* writeSummary */.Sy)(report, ctx, notes);
    const failOn = inputs.failOn === 'none' ? undefined : inputs.failOn;
    // fail-on none: findings never fail the step; a cluster that cannot be verified still does
    const code = failOn ? verifyExitCode(report, failOn) : report.notVerified.length ? 3 : 0;
    core.setOutput('findings', report.findings.length);
    for (const s of model/* SEVERITIES */.oC)
        if (s !== 'info')
            core.setOutput(s, report.counts[s]);
    core.setOutput('sarif-file', sarifPath);
    core.setOutput('passed', String(code === 0));
    core.setOutput('verified', String(!report.notVerified.length));
    core.setOutput('exit-code', String(code));
    core.info(`kubeward verify: ${report.findings.length} finding(s) on ${report.objectsScanned} live object(s), ${report.durationMs} ms`);
    if (code === 3) {
        const cluster = report.notVerified.filter((n) => n.check === 'cluster');
        return {
            failure: cluster.length
                ? `kubeward verify: the cluster could not be verified: ${cluster.map((n) => n.reason).join('; ')}`
                : `kubeward verify: verification incomplete: ${report.notVerified.length} check(s) could not run (see the warnings)`,
        };
    }
    if (code === 1 && failOn) {
        const n = report.findings.filter((f) => model/* SEVERITIES */.oC.indexOf(f.severity) <= model/* SEVERITIES */.oC.indexOf(failOn)).length;
        return { failure: `kubeward verify: ${n} finding(s) at or above ${failOn}` };
    }
    return {};
}
/** The name the verify brief uses for this entry. */
const runVerifyAction = (/* unused pure expression or super */ null && (runVerify));


/***/ })

};
