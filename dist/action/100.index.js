export const id = 100;
export const ids = [100,452];
export const modules = {

/***/ 27452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ loadManifests)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_FILE_BYTES, STDIN_FILE, readStreamLimited */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(14006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(16085);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(62609);
/** Finds manifest files from paths, directories, globs and stdin, and parses them. */






const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Larger files are refused with a message: real manifests top out around 4 MB. */
const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
const STDIN_FILE = '<stdin>';
/** Directories never descended into. */
const SKIP_DIRS = new Set(['node_modules', '.git']);
/**
 * Reads a stream to its end, or stops once it holds more than `limit` bytes (what it returns is then
 * longer than `limit`, which the caller reports as too large). Memory stays bounded whatever is piped.
 */
async function readStreamLimited(stream, limit) {
    const chunks = [];
    let total = 0;
    for await (const c of stream) {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        chunks.push(b);
        total += b.length;
        if (total > limit)
            break; // leaving the loop destroys the stream
    }
    return Buffer.concat(chunks, Math.min(total, limit + 1));
}
function readAllStdin(limit) {
    return readStreamLimited(process.stdin, limit);
}
/** What a non-regular file is, for messages. */
function fileTypeName(st) {
    if (st.isFIFO())
        return 'a FIFO (named pipe)';
    if (st.isCharacterDevice())
        return 'a character device';
    if (st.isBlockDevice())
        return 'a block device';
    if (st.isSocket())
        return 'a socket';
    if (st.isDirectory())
        return 'a directory';
    return 'not a regular file';
}
const NOT_REGULAR = 'not a regular file, not read (only regular files are scanned)';
/**
 * Reads a regular file of at most `max` bytes. Opened non-blocking, then checked on the open
 * descriptor (no race with a swap after a stat): a FIFO, a device or a socket is never read, and a
 * file that grows past `max` while read is cut at `max + 1` bytes.
 */
function readRegularFile(f, max) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(f, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0));
    try {
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!st.isFile())
            return { notRegular: fileTypeName(st) };
        if (st.size > max)
            return { size: st.size };
        const buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
        let n = 0;
        for (let r = 1; r > 0 && n < buf.length; n += r)
            r = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buf, n, buf.length - n, null);
        if (n > max)
            return { size: n };
        return { buf: buf.subarray(0, n) };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function isGlob(p) {
    return picomatch__WEBPACK_IMPORTED_MODULE_5___default().scan(p).isGlob;
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
    /** A linear-time matcher; a pattern that cannot be used is an input error and matches nothing. */
    const glob = (patterns, o, what) => {
        try {
            return (0,_glob_js__WEBPACK_IMPORTED_MODULE_3__/* .compileGlob */ .SO)(patterns, o);
        }
        catch (e) {
            inv.errors.push({ file: what, message: e.message });
            return () => false;
        }
    };
    const include = opts.include?.length ? glob(opts.include, { dot: true }, 'include') : undefined;
    const exclude = opts.exclude?.length ? glob(opts.exclude, { dot: true }, 'exclude') : undefined;
    const rel = (f) => {
        const r = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(cwd, f);
        return (r.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(r) ? f : r).split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
    };
    const filtered = (f) => {
        const r = rel(f);
        return (!include || include(r)) && !(exclude && exclude(r));
    };
    const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const tooLarge = (file, size, limit) => ({
        kind: 'too-large',
        file,
        line: 1,
        column: 1,
        message: `${file === STDIN_FILE ? 'standard input is' : `file is ${size},`} over the ${(limit / 1048576).toFixed(0)} MiB limit for one manifest file; not scanned (split it, or check that it is really a manifest)`,
    });
    /** Parses what was read, unless it is binary. */
    const readContent = (name, buf) => {
        if (buf.subarray(0, 8192).includes(0)) {
            inv.problems.push({
                kind: 'binary',
                file: name,
                line: 1,
                column: 1,
                message: 'binary file (contains NUL bytes), not a YAML or JSON manifest',
            });
            return;
        }
        const parsed = (0,_parse_js__WEBPACK_IMPORTED_MODULE_4__/* .parseManifestText */ .k_)(buf.toString('utf8'), name);
        for (const o of parsed.objects)
            inv.objects.push(o);
        for (const s of parsed.skipped)
            inv.skipped.push(s);
        for (const p of parsed.problems)
            inv.problems.push(p);
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
            let kind = '';
            if (ent.isSymbolicLink()) {
                try {
                    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(full);
                    isDir = st.isDirectory();
                    isFile = st.isFile();
                    if (!isDir && !isFile)
                        kind = `a symbolic link to ${fileTypeName(st)}`;
                }
                catch (e) {
                    if (EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                        inv.errors.push({ file: rel(full), message: `cannot read: ${errCode(e)}` });
                    }
                    continue;
                }
            }
            else if (!isDir && !isFile) {
                kind = ent.isFIFO()
                    ? 'a FIFO (named pipe)'
                    : ent.isCharacterDevice()
                        ? 'a character device'
                        : ent.isBlockDevice()
                            ? 'a block device'
                            : ent.isSocket()
                                ? 'a socket'
                                : 'not a regular file';
            }
            if (isDir) {
                if (!SKIP_DIRS.has(ent.name))
                    await walk(full, inner, match);
            }
            else if (isFile && EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                if (filtered(full) && (!match || match(rel(full))))
                    addFile(full);
            }
            else if (!isFile && filtered(full) && (!match || match(rel(full)))) {
                // never read (it could block forever or never end), never ignored without a word: a
                // special file named like a manifest is an input error, any other is listed as skipped
                if (EXTENSIONS.has(node_path__WEBPACK_IMPORTED_MODULE_2___default().extname(ent.name).toLowerCase())) {
                    inv.errors.push({ file: rel(full), message: `${kind}: ${NOT_REGULAR}` });
                }
                else {
                    inv.skipped.push({ file: rel(full), line: 0, reason: `${kind}: ${NOT_REGULAR}` });
                }
            }
        }
    }
    for (const p of opts.paths) {
        if (p === '-') {
            let got;
            try {
                got = await (opts.readStdin ?? readAllStdin)(max);
            }
            catch (e) {
                inv.errors.push({ file: STDIN_FILE, message: `cannot read standard input: ${errCode(e)}` });
                continue;
            }
            // the same limits as a file: size, then binary content
            const buf = typeof got === 'string' ? Buffer.from(got, 'utf8') : Buffer.from(got.buffer, got.byteOffset, got.byteLength);
            inv.files.push(STDIN_FILE);
            if (buf.length > max) {
                inv.problems.push(tooLarge(STDIN_FILE, undefined, max));
                continue;
            }
            readContent(STDIN_FILE, buf);
            continue;
        }
        if (isGlob(p)) {
            const pattern = p.split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/');
            const scan = picomatch__WEBPACK_IMPORTED_MODULE_5___default().scan(pattern);
            const base = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(cwd, scan.base || '.');
            const absolute = node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(pattern);
            const m = glob([absolute ? pattern : pattern.replace(/^\.\//, '')], { dot: false }, p);
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
        else if (!st.isFile())
            inv.errors.push({ file: p, message: `${fileTypeName(st)}: ${NOT_REGULAR}` });
        else
            addFile(full); // a file named explicitly is read whatever its extension
    }
    for (const f of files) {
        const name = rel(f);
        let got;
        try {
            // synchronous on purpose: files are read one after the other and parsed at once, and an
            // await per file left the CPU idle for 13% of a corpus scan
            got = readRegularFile(f, max);
        }
        catch (e) {
            inv.errors.push({ file: name, message: `cannot read: ${errCode(e)}` });
            continue;
        }
        if ('notRegular' in got) {
            // replaced by a FIFO or device since the directory was listed
            inv.errors.push({ file: name, message: `${got.notRegular}: ${NOT_REGULAR}` });
            continue;
        }
        inv.files.push(name);
        if ('size' in got) {
            inv.problems.push(tooLarge(name, `${(got.size / 1048576).toFixed(1)} MiB`, max));
            continue;
        }
        readContent(name, got.buf);
    }
    return inv;
}


/***/ }),

/***/ 40100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runVerify: () => (/* binding */ runVerify)
});

// UNUSED EXPORTS: kubeconfigSource, runVerifyAction, verifyOptionsFrom, withConfiguration

// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(78877);
var external_node_v8_default = /*#__PURE__*/__webpack_require__.n(external_node_v8_);
;// CONCATENATED MODULE: ./src/core/heap.ts
/**
 * The young-generation cap for verify and monitor. Verify keeps most of what it allocates (every
 * listed object stays in the inventory), so V8's scavenger sees a high survival rate and keeps
 * doubling the new space up to its maximum (3 x 32 MB on 64-bit): about 130 MB of peak RSS that
 * holds no data. Holding the new space at its initial size costs no measurable time (the retained
 * objects are promoted to the old generation either way) and keeps the peak near the live data.
 * The flag is read each time the new space would grow, so it can be set once the process runs
 * (unlike --max-semi-space-size). Process-wide: only the adapters' entry points call it, never the
 * core itself.
 */

let applied = false;
function limitYoungGeneration() {
    if (applied)
        return;
    applied = true;
    external_node_v8_default().setFlagsFromString('--semi-space-growth-factor=1');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/github/log.ts
var log = __webpack_require__(53385);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/report/stream.ts + 8 modules
var stream = __webpack_require__(49490);
// EXTERNAL MODULE: ./src/core/outcome.ts
var core_outcome = __webpack_require__(29411);
// EXTERNAL MODULE: ./src/core/engine.ts
var engine = __webpack_require__(63805);
// EXTERNAL MODULE: ./src/core/manifests/load.ts
var load = __webpack_require__(27452);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 15 modules
var rules = __webpack_require__(95992);
// EXTERNAL MODULE: ./src/core/rules/live.ts + 1 modules
var rules_live = __webpack_require__(65327);
// EXTERNAL MODULE: ./src/core/rules/podspec.ts
var podspec = __webpack_require__(75495);
;// CONCATENATED MODULE: ./src/core/live/inventory.ts
/**
 * Cluster objects -> the objects the rules see, the live counterpart of core/manifests: each
 * listed object becomes a K8sObject (origin `live`, or `admission` for pods), linked to the
 * manifest it was deployed from (findings then point at the manifest's lines) or, for pods, to
 * the workload that owns them; pods identical to their template are folded into it, the rest
 * are de-duplicated per distinct admitted spec. `attributeOrigins` then says whether a finding
 * on an admitted pod came from the template or from admission.
 */


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
const str = (v) => (typeof v === 'string' ? v : '');
const objOf = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const mdOf = (o) => objOf(o.metadata);
/** `Kind/namespace/name`: how manifests, rollouts and events are matched to live objects. */
function manifestKey(kind, ns, name) {
    return `${kind}/${ns ?? ''}/${name}`;
}
function normDigest(d) {
    const t = d.trim();
    return t.startsWith('sha256:') ? t : `sha256:${t}`;
}
/** Kinds read from the cluster for the admission policies (cluster/inventory.ts lists them). */
const POLICY_KINDS = [
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'ValidatingPolicy',
    'NamespacedValidatingPolicy',
    'PolicyException',
];
/** Turns a cluster's listed objects into the evaluated objects and their live context. */
function liveInventory(store, cluster, manifests, opts) {
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
            manifestByKey.set(manifestKey(m.ref.kind, opts.namespaceOf(m), m.ref.name), m);
    const objects = [];
    const liveByRaw = new Map();
    const lc = {
        cluster,
        manifestOf: new Map(),
        ownerOf: new Map(),
        rollouts: new Map(),
        expectImages: new Map(Object.entries(opts.expectImages ?? {}).map(([k, v]) => [k, normDigest(v)])),
        deployers: opts.deployers,
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
        resources: store.resources,
    };
    if (opts.secrets && store.listed.has('Secret')) {
        lc.secrets = store.all('Secret').map((s) => toK8s(s, 'Secret', cluster, 'live'));
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
    const kinds = [...EVALUATED, ...(opts.namespaced ? [] : CLUSTER_RBAC)];
    for (const kind of kinds) {
        for (const o of store.all(kind)) {
            const owner = kind === 'ReplicaSet' || kind === 'Job' ? controllerOf(o) : undefined;
            if (owner)
                continue; // reported through its controller's template
            const k = toK8s(o, kind, cluster, 'live');
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
        const k = toK8s(o, 'Pod', cluster, 'admission');
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
    for (const [key, r] of opts.rollouts) {
        const [kind, ns, ...rest] = key.split('/');
        const raw = store.get(kind, ns, rest.join('/'));
        let k = raw ? liveByRaw.get(raw) : undefined;
        if (!k) {
            // not in the cluster: report on the manifest itself
            const m = manifestByKey.get(key);
            if (!m)
                continue;
            k = { ...m, ref: { ...m.ref, namespace: ns, cluster }, origin: 'live' };
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
    const policyObjects = [];
    for (const kind of POLICY_KINDS)
        for (const o of store.all(kind))
            policyObjects.push(toK8s(o, kind, cluster, 'live'));
    for (const o of store.params.values())
        policyObjects.push(toK8s(o, str(o.kind), cluster, 'live'));
    return { objects, catalogObjects, podGroup, policyObjects, context: lc };
}
/** The policy identity of a finding (admission-policy and the other policy rules' details). */
function policyKey(f) {
    const d = f.details ?? {};
    return `${d.policy ?? ''}|${d.binding ?? ''}|${d.validation ?? ''}|${d.param ?? ''}|${d.mode ?? ''}`;
}
/**
 * Admission-policy findings on every live pod, one per workload: the pods of one owner that a
 * policy judges alike (same policy, binding, validation, field and message) are one finding on
 * the first of them, with `details.pods` (how many) and `details.owner`, and a fingerprint of the
 * owner (pod names change with every rollout; the baseline entry must not). Unlike
 * attributeOrigins, nothing is dropped for the template having it too: a policy that matches
 * pods judges each pod, whatever its workload's template says.
 */
function groupPodFindings(findings, inv) {
    const byKey = new Map();
    for (const o of inv.objects)
        if (o.ref.kind === 'Pod')
            byKey.set(`Pod/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
    const out = [];
    const groups = new Map();
    for (const f of findings) {
        const pod = f.object?.kind === 'Pod' ? byKey.get(refKey(f)) : undefined;
        const owner = pod ? inv.context.ownerOf.get(pod) : undefined;
        if (!owner) {
            out.push(f);
            continue;
        }
        const ownerKey = `${owner.ref.kind}/${owner.ref.namespace ?? ''}/${owner.ref.name}`;
        const k = `${f.ruleId}|${policyKey(f)}|${ownerKey}|${f.path}|${f.message}`;
        const prev = groups.get(k);
        if (prev) {
            prev.details = { ...prev.details, pods: String(Number(prev.details?.pods ?? '1') + 1) };
            continue;
        }
        const nf = {
            ...f,
            fingerprint: (0,model/* fingerprint */.Rj)(f.ruleId, owner.ref, `pods:${f.path}#${policyKey(f)}|${f.message}`),
            details: { ...f.details, owner: `${owner.ref.kind}/${owner.ref.name}`, pods: '1' },
        };
        groups.set(k, nf);
        out.push(nf);
    }
    return out;
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
function attributeOrigins(findings, inv) {
    const { catalogObjects: objects, context: lc, podGroup } = inv;
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
        if (!f.object) {
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

// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(83323);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/cluster/client.ts





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
/**
 * `users[].user.tokenFile` per user name, as kubectl reads it (client-node knows only the
 * non-standard `token-file`): a path relative to the kubeconfig file that names it, read on every
 * request (so a rotated token is picked up), trimmed; an inline `token` takes precedence.
 */
const tokenFiles = new WeakMap();
function noteTokenFiles(kc, text, dir) {
    let doc;
    try {
        doc = (0,dist.parse)(text);
    }
    catch {
        return; // the loader reports unreadable kubeconfigs
    }
    const users = doc?.users;
    if (!Array.isArray(users))
        return;
    const map = tokenFiles.get(kc) ?? new Map();
    for (const u of users) {
        const name = u?.name;
        const user = u?.user;
        const file = user?.tokenFile;
        if (typeof name !== 'string' || typeof file !== 'string' || !file || map.has(name))
            continue;
        map.set(name, external_node_path_default().resolve(dir, file));
    }
    tokenFiles.set(kc, map);
}
function loadFile(kc, file) {
    kc.loadFromFile(file);
    noteTokenFiles(kc, (0,external_node_fs_.readFileSync)(file, 'utf8'), external_node_path_default().dirname(external_node_path_default().resolve(file)));
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
            noteTokenFiles(kc, opts.kubeconfigContent, process.cwd());
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
                loadFile(kc, def);
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
    loadFile(kc, files[0]);
    for (const f of files.slice(1)) {
        const more = new k8s.KubeConfig();
        more.loadFromFile(f);
        noteTokenFiles(kc, (0,external_node_fs_.readFileSync)(f, 'utf8'), external_node_path_default().dirname(external_node_path_default().resolve(f)));
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
    const files = tokenFiles.get(kc);
    if (files)
        tokenFiles.set(out, files);
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
    // never the error's message: a credential plugin's or proxy's output may be in it
    return new ClusterError('unreachable', `cannot reach ${server}: ${safeReason(e)}`);
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
/** The error to throw when `signal` has aborted (its reason when that is a ClusterError). */
function aborted(signal) {
    if (!signal?.aborted)
        return undefined;
    const r = signal.reason;
    return r instanceof ClusterError ? r : new ClusterError('timeout', 'the verification was cancelled');
}
/** `p`, or the abort of `signal` when it comes first. */
function abortable(p, signal) {
    if (!signal)
        return p;
    const a = aborted(signal);
    if (a)
        return Promise.reject(a);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(aborted(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        p.then((v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
        }, (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
        });
    });
}
/** A one-line reason without anything a credential loader may have echoed. */
function safeReason(e) {
    const err = e;
    if (typeof err.code === 'string')
        return err.code;
    return typeof err.name === 'string' && err.name !== 'Error' ? err.name : 'failed';
}
/**
 * Observes the exit status of the exec credential plugin that client-node runs for `kc` (it keeps
 * only the plugin's stderr, which may hold a token, as its error message).
 */
function watchExecStatus(kc, onExit) {
    const auths = kc.authenticators ?? [];
    const execAuth = auths.find((a) => typeof a?.execFn === 'function');
    if (!execAuth)
        return;
    const original = execAuth.execFn;
    execAuth.execFn = (command, args, opts) => {
        const child = original(command, args, opts);
        child.on('close', (code) => onExit(code));
        return child;
    };
}
/** "the exec credential plugin X failed with status N": never the plugin's output. */
function execFailure(command, e, status) {
    const name = external_node_path_default().basename(command);
    const code = e.code;
    let what;
    if (typeof status === 'number' && status !== 0)
        what = `failed with status ${status}`;
    else if (typeof code === 'string')
        what = `could not be run (${code})`;
    else if (e instanceof SyntaxError)
        what = 'printed no valid ExecCredential';
    else if (status === 0)
        what = 'returned no usable credential';
    else
        what = 'failed';
    return new ClusterError('credentials', `the exec credential plugin ${name} ${what} (its output is not shown)`);
}
/** A read-only client for one context. */
class ClusterClient {
    context;
    server;
    stats = { requests: 0, retries: 0 };
    kc;
    retry;
    dispatcher;
    /** Exit status of the last exec credential plugin run. */
    execStatus;
    constructor(context, kc, retry) {
        this.context = context;
        this.kc = kc;
        watchExecStatus(kc, (code) => (this.execStatus = code));
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
    async once(apiPath, query, signal, write) {
        const k8s = await loadKube();
        const url = new URL(this.server.replace(/\/$/, '') + apiPath);
        for (const [k, v] of Object.entries(query))
            if (v !== undefined)
                url.searchParams.set(k, String(v));
        const ctx = new k8s.RequestContext(url.toString(), write ? k8s.HttpMethod[write.method] : k8s.HttpMethod.GET);
        ctx.setHeaderParam('Accept', 'application/json');
        if (write?.body !== undefined) {
            ctx.setHeaderParam('Content-Type', write.contentType ?? 'application/json');
            ctx.setBody(write.body);
        }
        const timeout = AbortSignal.timeout(this.retry.requestTimeoutMs);
        ctx.setSignal(signal ? AbortSignal.any([timeout, signal]) : timeout);
        this.stats.requests++;
        // headers are applied per request (tokens may refresh); an exec credential plugin that fails
        // is summarised, never quoted (its output can hold a token), and one that hangs is bounded
        await abortable(this.authenticate(ctx), signal);
        let resp;
        try {
            // the connection pool is reused, where client-node would build a new agent, and so a new TLS
            // connection, for every request
            const d = ctx.getDispatcher();
            if (d)
                ctx.setDispatcher((this.dispatcher ??= d));
            resp = await new k8s.IsomorphicFetchHttpLibrary().send(ctx).toPromise();
        }
        catch (e) {
            throw aborted(signal) ?? networkError(e, this.server);
        }
        let body;
        try {
            body = await resp.body.text();
        }
        catch (e) {
            throw aborted(signal) ?? networkError(e, this.server);
        }
        const ra = resp.headers['retry-after'];
        const retryAfter = ra !== undefined && /^\d+$/.test(ra) ? Number(ra) : undefined;
        return { status: resp.httpStatusCode, body, retryAfter };
    }
    /**
     * One write request (no retries): the only writes kubeward makes are the monitor's own
     * PolicyReports. Resolves with the parsed response; throws ClusterError for non-2xx.
     */
    async write(method, apiPath, query = {}, body, contentType) {
        let r;
        try {
            r = await this.once(apiPath, query, undefined, {
                method,
                ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
                ...(contentType ? { contentType } : {}),
            });
        }
        catch (e) {
            if (e instanceof ClusterError)
                e.context = this.context;
            throw e;
        }
        if (r.status < 200 || r.status >= 300) {
            const err = statusError(r.status, r.body, `${method} ${apiPath}`);
            err.context = this.context;
            throw err;
        }
        try {
            return JSON.parse(r.body);
        }
        catch {
            return {};
        }
    }
    /** Applies the context's credentials to a request; throws ClusterError('credentials'). */
    async authenticate(ctx) {
        const user = this.kc.getCurrentUser();
        const exec = user?.exec;
        try {
            await this.kc.applySecurityAuthentication(ctx);
        }
        catch (e) {
            if (exec?.command)
                throw execFailure(exec.command, e, this.execStatus);
            // the loaders' messages name files and fields; never credential values
            throw new ClusterError('credentials', `cannot apply the credentials of context ${this.context}: ${safeReason(e)}`);
        }
        const file = user ? tokenFiles.get(this.kc)?.get(user.name) : undefined;
        if (file && !user?.token && !ctx.getHeaders().Authorization) {
            let token;
            try {
                token = (await (0,promises_.readFile)(file, 'utf8')).trim();
            }
            catch (e) {
                throw new ClusterError('credentials', `cannot read the tokenFile of user ${user?.name}: ${e.code ?? 'unreadable'}`);
            }
            if (token)
                ctx.setHeaderParam('Authorization', `Bearer ${token}`);
        }
    }
    /** Closes pooled connections (keep-alive sockets would otherwise hold the process open). */
    async close() {
        const d = this.dispatcher;
        this.dispatcher = undefined;
        if (!d)
            return;
        // a graceful close waits for requests in flight, and a connection to a server that never
        // answers (abandoned at the deadline) would hold it for the TLS handshake timeout: destroy
        // what is still open after a moment
        let timer;
        const closed = d.close().then(() => true, () => true);
        const late = new Promise((r) => (timer = setTimeout(() => r(false), 250)));
        const done = await Promise.race([closed, late]);
        clearTimeout(timer);
        if (!done)
            await d.destroy().catch(() => undefined);
    }
    /** GET returning parsed JSON, with bounded retries for transient failures. */
    async get(apiPath, query = {}, signal) {
        let last;
        for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
            if (signal?.aborted)
                break;
            let retryAfter;
            try {
                const r = await this.once(apiPath, query, signal);
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
            if (signal?.aborted)
                throw aborted(signal) ?? last;
            if (!isRetryable(last) || attempt === this.retry.attempts - 1)
                throw last;
            this.stats.retries++;
            const backoff = Math.min(this.retry.baseDelayMs * 2 ** attempt, this.retry.maxDelayMs);
            const wait = retryAfter !== undefined ? Math.min(retryAfter * 1000, this.retry.maxDelayMs) : backoff;
            await sleep(wait, signal);
        }
        throw aborted(signal) ?? last ?? new ClusterError('timeout', `gave up on ${apiPath}`);
    }
    /**
     * LIST with pagination; a 410 on a continue token restarts the list (bounded). A page that is
     * not a list (no `items` array) throws ClusterError('server'); items that are not objects are
     * skipped and counted in `skipped`.
     */
    async list(apiPath, pageSize = 500, signal) {
        for (let restart = 0; restart < 3; restart++) {
            const items = [];
            let skipped = 0;
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
                if (typeof res !== 'object' || res === null || Array.isArray(res)) {
                    throw new ClusterError('server', `the list of ${apiPath} is not a JSON object`);
                }
                const r = res;
                if (!Array.isArray(r.items)) {
                    throw new ClusterError('server', `the list of ${apiPath} has no items array (items: ${r.items === null ? 'null' : typeof r.items})`);
                }
                for (const it of r.items) {
                    if (typeof it === 'object' && it !== null && !Array.isArray(it))
                        items.push(it);
                    else
                        skipped++;
                }
                const md = typeof r.metadata === 'object' && r.metadata !== null ? r.metadata : {};
                rv = typeof md.resourceVersion === 'string' ? md.resourceVersion : rv;
                kind = typeof r.kind === 'string' ? r.kind : kind;
                apiVersion = typeof r.apiVersion === 'string' ? r.apiVersion : apiVersion;
                cont = typeof md.continue === 'string' && md.continue ? md.continue : undefined;
                if (!cont)
                    break;
            }
            if (!expired)
                return { items, resourceVersion: rv, kind, apiVersion, skipped };
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
    // admission policies judge the live objects as the API server would (policies/rules.ts)
    {
        kind: 'ValidatingAdmissionPolicy',
        apiVersion: 'admissionregistration.k8s.io/v1',
        plural: 'validatingadmissionpolicies',
        namespaced: false,
        checks: ['admission-policy'],
    },
    {
        kind: 'ValidatingAdmissionPolicyBinding',
        apiVersion: 'admissionregistration.k8s.io/v1',
        plural: 'validatingadmissionpolicybindings',
        namespaced: false,
        checks: ['admission-policy'],
    },
    {
        kind: 'ValidatingPolicy',
        apiVersion: 'policies.kyverno.io/v1',
        plural: 'validatingpolicies',
        namespaced: false,
        checks: ['kyverno-policy'],
        optionalGroup: 'policies.kyverno.io',
    },
    {
        kind: 'NamespacedValidatingPolicy',
        apiVersion: 'policies.kyverno.io/v1',
        plural: 'namespacedvalidatingpolicies',
        namespaced: true,
        checks: ['kyverno-policy'],
        optionalGroup: 'policies.kyverno.io',
    },
    {
        kind: 'PolicyException',
        apiVersion: 'policies.kyverno.io/v1',
        plural: 'policyexceptions',
        namespaced: true,
        checks: ['kyverno-policy'],
        optionalGroup: 'policies.kyverno.io',
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
    /** Lists that failed, by kind and HTTP status (or the failure: unreachable, timeout ...). */
    listErrors = [];
    /** Kinds that could be listed in full for the scope. */
    listed = new Set();
    /**
     * Params of the cluster's ValidatingAdmissionPolicyBindings (`paramRef`) that the lists above do
     * not hold, by `apiVersion|kind|namespace/name`.
     */
    params = new Map();
    /** Resource mappings found by discovery for param kinds: `group/Kind` -> plural and scope. */
    resources = new Map();
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
    else if (spec.kind === 'Pod')
        compactManagedFields(item);
    return item;
}
const NAMED_ITEM = '{"name":';
/**
 * A pod's managedFields, reduced to what is read of them: which manager wrote which named list
 * items (the containers a manager added: `unexpected-container` names the injector). Each
 * entry's fieldsV1 tree (a dozen nested objects per container, status conditions ...) becomes a
 * flat set of its `k:{"name":...}` keys; manager, operation, time and subresource are kept. On
 * 10,000 pods this is about a third of the inventory's heap.
 */
function compactManagedFields(item) {
    const md = item.metadata;
    const mf = md?.managedFields;
    if (!Array.isArray(mf))
        return;
    for (const e of mf) {
        if (typeof e !== 'object' || e === null || Array.isArray(e))
            continue;
        const entry = e;
        const tree = entry.fieldsV1;
        if (typeof tree !== 'object' || tree === null)
            continue;
        const keys = {};
        const stack = [tree];
        while (stack.length) {
            const node = stack.pop();
            if (typeof node !== 'object' || node === null || Array.isArray(node))
                continue;
            for (const k in node) {
                if (k.includes(NAMED_ITEM))
                    keys[k] = {};
                stack.push(node[k]);
            }
        }
        entry.fieldsV1 = keys;
    }
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
/** Which optional API groups the server has (discovery of /apis); a failed discovery is `error`. */
async function servedGroups(client, signal) {
    const out = new Set();
    const versions = new Map();
    try {
        const res = await client.get('/apis', {}, signal);
        const groups = typeof res === 'object' && res !== null && Array.isArray(res.groups) ? res.groups : [];
        for (const g of groups) {
            const name = typeof g === 'object' && g !== null ? g.name : undefined;
            if (typeof name === 'string' && name) {
                out.add(name);
                const vs = g.versions;
                versions.set(name, (Array.isArray(vs) ? vs : [])
                    .map((v) => (typeof v === 'object' && v !== null ? v.version : undefined))
                    .filter((v) => typeof v === 'string'));
            }
        }
    }
    catch (e) {
        if (!(e instanceof ClusterError))
            throw e;
        if (e.kind !== 'forbidden')
            return { groups: out, versions, error: e.message };
    }
    return { groups: out, versions };
}
/** Reads the inventory. Throws ClusterError when the cluster cannot be read at all. */
async function readInventory(client, opts = {}) {
    const store = new LiveStore(client.context);
    // a cheap probe first: an unreachable or unauthenticated cluster fails here, once
    await client.get('/api', {}, opts.signal);
    const discovery = await servedGroups(client, opts.signal);
    const groups = discovery.groups;
    // an optional group served in other versions only (Kyverno's policies.kyverno.io before v1):
    // its objects exist but are not read, which is said rather than passed
    const otherVersion = (s) => {
        if (!s.optionalGroup || !groups.has(s.optionalGroup))
            return undefined;
        const vs = discovery.versions.get(s.optionalGroup) ?? [];
        return vs.length && !vs.includes(s.apiVersion.slice(s.optionalGroup.length + 1)) ? vs : undefined;
    };
    const specs = RESOURCES.filter((s) => (!s.secretChecks || opts.secrets) && (!s.optionalGroup || groups.has(s.optionalGroup)) && !otherVersion(s));
    for (const s of RESOURCES) {
        const vs = otherVersion(s);
        if (!vs)
            continue;
        const reason = `the cluster serves ${s.optionalGroup} in version ${vs.join(', ')}, kubeward reads ${s.apiVersion}: ${s.kind} objects not verified`;
        for (const check of new Set([...s.checks, `inventory:${s.plural}`]))
            store.notVerified.push({ check, reason });
    }
    if (discovery.error) {
        // the optional kinds cannot be known to be absent: say so instead of assuming
        for (const s of RESOURCES) {
            if (s.optionalGroup && !groups.has(s.optionalGroup)) {
                store.notVerified.push({
                    check: `inventory:${s.plural}`,
                    reason: `API discovery failed (${discovery.error}): ${s.kind} objects not verified`,
                });
            }
        }
    }
    /** Kinds whose list failed for another reason than permissions: kind -> reasons. */
    const broken = new Map();
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
                    // the watch of this one namespace resumes from here (watchStore)
                    const rv = ns.metadata?.resourceVersion;
                    if (typeof rv === 'string')
                        store.versions.set(`${spec.kind}|${namespace}`, rv);
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
            if (res.skipped) {
                // the rest of the list is judged; what could not be read is said, never dropped silently
                store.notVerified.push({
                    check: `inventory:${spec.plural}`,
                    reason: `${res.skipped} item(s) of the ${spec.plural} list${namespace ? ` in namespace ${namespace}` : ''} are not objects and were skipped`,
                });
            }
        }
        catch (e) {
            if (!(e instanceof ClusterError))
                throw e;
            // a refused list is counted below, where it matters to a check
            if (e.kind !== 'not-found' && e.kind !== 'forbidden')
                store.listErrors.push({ kind: spec.kind, status: e.status ? String(e.status) : e.kind });
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
            // any other failure (5xx, malformed JSON, 410 every time, a timeout): that kind is not
            // verified, with the reason; every other kind is still judged
            failed.add(spec.kind);
            const list = broken.get(spec.kind) ?? [];
            list.push(`${namespace ? `namespace ${namespace}: ` : ''}${e.message}`);
            broken.set(spec.kind, list);
        }
    });
    for (const [kind, reasons] of broken) {
        const spec = specOf(kind);
        const reason = `list ${spec.plural} failed (${[...new Set(reasons)].join('; ')}): ${kind} objects not verified`;
        store.notVerified.push({ check: `inventory:${spec.plural}`, reason });
        for (const check of spec.checks.filter((c) => opts.secrets || !SECRET_CHECKS.has(c))) {
            store.notVerified.push({ check, reason });
        }
    }
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
        store.listErrors.push({ kind, status: '403' });
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
    await readPolicyParams(client, store, opts);
    return store;
}
const obj = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const inventory_str = (v) => (typeof v === 'string' ? v : '');
/**
 * The params the cluster's bindings name (`paramRef`) with their policy's `paramKind`: the kind's
 * resource by discovery (as the API server resolves it), then a LIST of that resource where the
 * params live, unless the inventory already holds them (ConfigMaps of the verified namespaces).
 * A param list that cannot be read is a `not verified` reason for admission-policy.
 */
async function readPolicyParams(client, store, opts) {
    const policies = new Map();
    for (const p of store.all('ValidatingAdmissionPolicy'))
        policies.set(inventory_str(obj(p.metadata).name), p);
    const discovered = new Map();
    const discover = (apiVersion) => {
        let d = discovered.get(apiVersion);
        if (!d) {
            const url = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
            d = client.get(url, {}, opts.signal).then((r) => (Array.isArray(r.resources) ? r.resources.map(obj) : []), (e) => {
                if (!(e instanceof ClusterError))
                    throw e;
                return undefined;
            });
            discovered.set(apiVersion, d);
        }
        return d;
    };
    const targets = new Map();
    for (const b of store.all('ValidatingAdmissionPolicyBinding')) {
        const spec = obj(b.spec);
        const ref = obj(spec.paramRef);
        const policy = policies.get(inventory_str(spec.policyName));
        const pk = obj(obj(policy?.spec).paramKind);
        const apiVersion = inventory_str(pk.apiVersion);
        const kind = inventory_str(pk.kind);
        if (!policy || !Object.keys(ref).length || !apiVersion || !kind)
            continue;
        const resources = await discover(apiVersion);
        const r = resources?.find((x) => x.kind === kind && !inventory_str(x.name).includes('/'));
        if (!r)
            continue; // not served: the policy's paramKind is unknown, as the API server finds it
        const namespaced = r.namespaced === true;
        const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
        store.resources.set(`${group}/${kind}`, { resource: inventory_str(r.name), namespaced });
        const rs = { kind, apiVersion, plural: inventory_str(r.name), namespaced, checks: ['admission-policy'] };
        // a namespaced param without paramRef.namespace is looked up in the namespace of each request
        const nss = !namespaced
            ? [undefined]
            : inventory_str(ref.namespace)
                ? [inventory_str(ref.namespace)]
                : (opts.namespaces ?? [undefined]);
        for (const ns of nss) {
            const held = kind === 'ConfigMap' &&
                apiVersion === 'v1' &&
                store.listed.has('ConfigMap') &&
                (!opts.namespaces || (ns !== undefined && opts.namespaces.includes(ns)));
            if (held)
                continue;
            const name = inventory_str(ref.name);
            const path = `${listPath(rs, ns)}${name ? `?${new URLSearchParams({ fieldSelector: `metadata.name=${name}` })}` : ''}`;
            if (!targets.has(path))
                targets.set(path, { spec: rs, namespace: ns, binding: inventory_str(obj(b.metadata).name) });
        }
    }
    await pool([...targets], opts.concurrency ?? 8, async ([path, t]) => {
        try {
            const res = await client.list(path, opts.pageSize ?? 500, opts.signal);
            for (const item of res.items) {
                const o = withKind(t.spec, item);
                store.params.set(`${t.spec.apiVersion}|${t.spec.kind}|${keyOf(o)}`, o);
            }
        }
        catch (e) {
            if (!(e instanceof ClusterError))
                throw e;
            if (e.kind === 'not-found')
                return;
            const where = t.namespace ? ` in namespace ${t.namespace}` : t.spec.namespaced ? ' in all namespaces' : '';
            store.notVerified.push({
                check: 'admission-policy',
                reason: e.kind === 'forbidden'
                    ? `missing permission: list ${t.spec.plural}${where} (the params of ValidatingAdmissionPolicyBinding ${t.binding})`
                    : `list ${t.spec.plural}${where} failed (${e.message}): the params of ValidatingAdmissionPolicyBinding ${t.binding} not read`,
            });
        }
    });
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
function watchStore(client, store, kinds, namespaces, signal, 
/** Told of every failed watch or relist (monitoring counts API errors by kind and status). */
onError) {
    const targets = [];
    for (const kind of kinds) {
        const spec = specOf(kind);
        if (!spec || !store.listed.has(kind))
            continue;
        if ((spec.namespaced || spec.kind === 'Namespace') && namespaces)
            for (const ns of namespaces)
                targets.push({ spec, namespace: ns });
        else
            targets.push({ spec });
    }
    // the named namespaces only (a field selector on the name, which RBAC authorizes like a get of
    // that namespace): a watch of all namespaces would bring in the ones the inventory left out
    const pathOf = (spec, namespace) => spec.kind === 'Namespace' && namespace
        ? withQuery(listPath(spec), { fieldSelector: `metadata.name=${namespace}` })
        : withQuery(listPath(spec, namespace), spec.query);
    return Promise.all(targets.map(async ({ spec, namespace }) => {
        const vkey = `${spec.kind}|${namespace ?? ''}`;
        let failures = 0;
        while (!signal.aborted) {
            const rv = store.versions.get(vkey) ?? '';
            try {
                await client.watch(pathOf(spec, namespace), rv, (ev) => {
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
                onError?.(spec.kind, e);
                // 410 Gone: the resourceVersion was compacted; any other failure (a watch refused while
                // LIST is allowed, a dropped stream): relist so the store stays current, i.e. poll
                if (!(e instanceof ClusterError && e.kind === 'gone'))
                    failures++;
                try {
                    const res = await client.list(pathOf(spec, namespace), 500, signal);
                    const m = store.byKind.get(spec.kind);
                    if (m && namespace && spec.kind === 'Namespace')
                        m.delete(`/${namespace}`);
                    else if (m && namespace) {
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
                catch (relistError) {
                    if (!signal.aborted)
                        onError?.(spec.kind, relistError);
                    failures++;
                }
                await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(failures, 5), 3000)));
            }
        }
    })).then(() => undefined);
}

// EXTERNAL MODULE: ./src/core/cluster/rollout.ts
var rollout = __webpack_require__(94731);
;// CONCATENATED MODULE: ./src/core/cluster/deadline.ts
/**
 * One deadline for a whole verification (`--timeout`): every request, retry, backoff, watch and
 * rollout wait shares it, so a hanging or slow API cannot stretch a run past the time the user
 * gave. When it passes, the signal aborts with a ClusterError('timeout') saying so.
 */

function seconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
function runDeadline(timeoutMs, parent) {
    const ac = new AbortController();
    const deadline = Date.now() + timeoutMs;
    const t = setTimeout(() => ac.abort(new ClusterError('timeout', `the verification did not finish within its timeout of ${seconds(timeoutMs)}; what was read by then is reported`)), Math.max(0, timeoutMs));
    // the deadline never keeps the process alive by itself
    t.unref?.();
    if (parent) {
        if (parent.aborted)
            ac.abort(parent.reason);
        else
            parent.addEventListener('abort', () => ac.abort(parent.reason), { once: true });
    }
    return { signal: ac.signal, deadline };
}

// EXTERNAL MODULE: ./src/core/arrays.ts
var arrays = __webpack_require__(53309);
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
/** Exit code for a verify report: the core's one verdict (core/outcome.ts). */
function verifyExitCode(report, failOn = report.failOn) {
    return verifyOutcome(report, { failOn }).exitCode;
}
async function verify(options) {
    const started = performance.now();
    let opts = options;
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
        (0,arrays/* pushAll */.i)(errors, inv.errors);
        if (!manifests.length) {
            // never fall back to verifying everything when what was deployed cannot be read
            const why = [...inv.errors, ...inv.problems].map((e) => `${e.file}: ${e.message}`).join('; ');
            throw new VerifyUsageError(`--manifests: no Kubernetes objects found${why ? ` (${why})` : ''}`);
        }
    }
    if (opts.policyPaths?.length) {
        const pol = await (0,load/* loadManifests */.DD)({ paths: opts.policyPaths, cwd: opts.cwd });
        (0,arrays/* pushAll */.i)(errors, pol.errors);
        (0,arrays/* pushAll */.i)(problems, pol.problems);
        opts = { ...opts, policies: [...(opts.policies ?? []), ...pol.objects] };
    }
    let kc;
    let contexts;
    await kube;
    // --timeout bounds the whole run from here (every request, retry, watch and rollout wait), not
    // only the rollout wait; loading the client and reading the manifests are local work before it
    const { signal, deadline } = runDeadline(options.timeoutMs ?? 300000, options.signal);
    opts = { ...opts, signal, deadline };
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
                opts.onRequests?.(context, { ...client.stats });
            }
            (0,arrays/* pushAll */.i)(findings, r.findings);
            (0,arrays/* pushAll */.i)(suppressed, r.suppressed);
            (0,arrays/* pushAll */.i)(errors, r.errors);
            (0,arrays/* pushAll */.i)(notVerified, r.notVerified);
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
        for (const f of res.findings)
            findings.push(f);
        for (const e of res.errors)
            errors.push(e);
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
    return evaluateStore(store, manifests, {
        ...opts,
        namespaceOf: mNs,
        namespaced: namespaces !== undefined,
        rollouts: rolloutByKey,
        tick,
    });
}
/**
 * Runs the catalog and the live-only rules on an inventory already read (and possibly kept
 * current by watches): the evaluation half of verify, shared with `kubeward monitor`'s rounds.
 */
function evaluateStore(store, manifests, opts = {}) {
    const tick = opts.tick ?? (() => undefined);
    const rolloutByKey = opts.rollouts ?? snapshotRollouts(store);
    const context = store.context;
    const inv = liveInventory(store, context, manifests, {
        namespaceOf: opts.namespaceOf ?? ((m) => m.ref.namespace),
        namespaced: opts.namespaced ?? false,
        rollouts: rolloutByKey,
        expectImages: opts.expectImages,
        deployers: opts.deployers ?? rules_live/* DEFAULT_DEPLOYERS */.IV,
        secrets: opts.secrets,
    });
    const { objects, catalogObjects } = inv;
    tick('index');
    const all = opts.rules ?? rules/* catalog */.U$;
    const live = inv.context;
    // the cluster's own admission policies judge alongside the ones given (--policies)
    const policies = [...(opts.policies ?? []), ...inv.policyObjects];
    const liveRes = (0,engine/* evaluate */._3)(objects, [], {
        ...opts,
        rules: all.filter((r) => r.meta.liveOnly && !r.meta.everyLiveObject),
        mode: 'live',
        live,
    });
    tick('live rules');
    // admission policies: every live object is a request of its own (each pod, not one per spec)
    const perObject = all.filter((r) => r.meta.everyLiveObject);
    const polRes = perObject.length
        ? (0,engine/* evaluate */._3)(objects, [], { ...opts, rules: perObject, mode: 'live', live, policies })
        : { findings: [], suppressed: [], errors: [] };
    tick('admission policies');
    const res = (0,engine/* evaluate */._3)(catalogObjects, [], {
        ...opts,
        rules: all.filter((r) => !r.meta.liveOnly && !r.meta.everyLiveObject),
        mode: 'live',
        live,
        policies,
    });
    tick(`catalog (${catalogObjects.length} objects)`);
    const findings = [
        ...liveRes.findings,
        ...groupPodFindings(polRes.findings, inv),
        ...attributeOrigins(res.findings, inv),
    ];
    tick('attribute');
    return {
        findings,
        suppressed: [...liveRes.suppressed, ...polRes.suppressed, ...res.suppressed],
        errors: [...liveRes.errors, ...polRes.errors, ...res.errors],
        notVerified: store.notVerified.map((n) => ({
            check: n.check,
            reason: `not verified${context ? ` on ${context}` : ''}: ${n.reason}`,
        })),
        objects: objects.length,
    };
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
    const deadline = opts.deadline ?? Date.now() + timeoutMs;
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
            if (!pending)
                break;
            const left = deadline - Date.now();
            if (left <= 0 || (ac.signal.aborted && Date.now() >= deadline - 50)) {
                for (const r of results.values()) {
                    if (r.state !== 'waiting')
                        continue;
                    r.state = 'timeout';
                    r.message = `timed out after ${Math.round(timeoutMs / 1000)}s: ${r.message}`;
                }
                break;
            }
            if (ac.signal.aborted)
                break;
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
// EXTERNAL MODULE: ./src/core/report/util.ts
var util = __webpack_require__(8220);
// EXTERNAL MODULE: ./src/core/dirs.ts
var dirs = __webpack_require__(45035);
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
        ...(inputs.policies.length ? { policyPaths: inputs.policies } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(/^(true|yes|1)$/i.test(env.KUBEWARD_CHECK_SECRETS ?? '') ? { secrets: true } : {}),
        ...(inputs.failOn !== 'none' ? { failOn: inputs.failOn } : {}),
    };
}
/**
 * The configuration scan mode reads (the `config` input or .kubeward.yaml in the workspace; with
 * `config-ref: base` on a pull request, the file at the base commit) applied to verify: rule
 * settings and severities, exemptions, custom rules and `policies:` paths. Throws ConfigError.
 */
async function withConfiguration(options, inputs, ctx) {
    const { loadRunConfig } = await __webpack_require__.e(/* import() */ 542).then(__webpack_require__.bind(__webpack_require__, 1542));
    const { registerRules } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 95992));
    let run;
    if (inputs.configRef === 'base' && ctx.baseSha) {
        const { readBaseConfig } = await __webpack_require__.e(/* import() */ 561).then(__webpack_require__.bind(__webpack_require__, 14561));
        const file = inputs.config ?? '.kubeward.yaml';
        const client = inputs.githubToken
            ? await (await __webpack_require__.e(/* import() */ 184).then(__webpack_require__.bind(__webpack_require__, 77184))).githubClient(inputs.githubToken)
            : undefined;
        const base = await readBaseConfig({
            file,
            sha: ctx.baseSha,
            owner: ctx.owner,
            repo: ctx.repo,
            workspace: ctx.workspace,
            ...(client ? { client } : {}),
        });
        // an absent base file means the defaults, never the pull request's own copy
        run = await loadRunConfig({
            cwd: ctx.workspace,
            paths: [],
            configContent: { text: base.text ?? '{}\n', file: base.file, name: `${base.file}@${ctx.baseSha.slice(0, 7)}` },
        });
    }
    else {
        run = await loadRunConfig({
            cwd: ctx.workspace,
            paths: [],
            ...(inputs.config ? { configFile: inputs.config } : {}),
        });
    }
    registerRules(run.config.customRules);
    const policyPaths = [...run.config.policies, ...(options.policyPaths ?? [])];
    return { ...options, ...run.engine, rules: run.rules, ...(policyPaths.length ? { policyPaths } : {}) };
}
async function runVerify(inputs) {
    limitYoungGeneration();
    const ctx = (0,context/* readContext */.y)();
    const kc = inputs.verify.kubeconfig ?? process.env.KUBEWARD_KUBECONFIG;
    if (kc && kc.includes('\n'))
        log.log.mask(kc);
    let options = verifyOptionsFrom(inputs, ctx.workspace, process.env);
    let report;
    try {
        options = await withConfiguration(options, inputs, {
            workspace: ctx.workspace,
            owner: ctx.owner,
            repo: ctx.repo,
            ...(ctx.pullRequest?.baseSha ? { baseSha: ctx.pullRequest.baseSha } : {}),
        });
        report = await verify(options);
    }
    catch (e) {
        if (e.name === 'ConfigError') {
            core.setOutput('passed', 'false');
            core.setOutput('exit-code', '2');
            return { failure: `kubeward verify: configuration: ${e.message}` };
        }
        if (e instanceof VerifyUsageError) {
            // the CLI's usage error: exit 2
            core.setOutput('passed', 'false');
            core.setOutput('exit-code', '2');
            return { failure: `kubeward verify: ${e.message}` };
        }
        throw e;
    }
    const sarifPath = external_node_path_default().resolve(ctx.workspace, inputs.sarifFile);
    await (0,dirs/* ensureDir */.A)(external_node_path_default().dirname(sarifPath));
    // in pieces: the SARIF of millions of findings does not fit in one string
    await (0,promises_.writeFile)(sarifPath, (0,stream.reportChunks)(report, 'sarif'));
    const notes = [];
    if (inputs.annotations)
        (0,annotations/* annotate */.fz)(report.findings);
    for (const n of report.notVerified) {
        log.log.warning(`kubeward verify: not verified: ${n.check}: ${n.reason}`);
        notes.push(`Not verified: ${n.check}: ${n.reason}`);
    }
    const failOn = inputs.failOn === 'none' ? undefined : inputs.failOn;
    // fail-on none: findings never fail the step; a cluster that cannot be verified still does
    const outcome = (0,core_outcome/* verifyOutcome */.e)(report, { failOn: inputs.failOn });
    const code = outcome.exitCode;
    await (0,summary/* writeSummary */.Sy)(report, ctx, notes, outcome);
    core.setOutput('findings', report.findings.length);
    for (const s of model/* SEVERITIES */.oC)
        if (s !== 'info')
            core.setOutput(s, report.counts[s]);
    core.setOutput('sarif-file', sarifPath);
    core.setOutput('passed', String(code === 0));
    core.setOutput('verified', String(!report.notVerified.length));
    core.setOutput('exit-code', String(code));
    log.log.info(`kubeward verify: ${(0,util/* plural */.LS)(report.findings.length, 'finding')} on ${(0,util/* plural */.LS)(report.objectsScanned, 'live object')}, ${report.durationMs} ms`);
    if (code === 3) {
        const cluster = report.notVerified.filter((n) => n.check === 'cluster');
        return {
            failure: cluster.length
                ? `kubeward verify: the cluster could not be verified: ${cluster.map((n) => n.reason).join('; ')}`
                : `kubeward verify: verification incomplete: ${(0,util/* plural */.LS)(report.notVerified.length, 'check')} could not run (see the warnings)`,
        };
    }
    if (code === 1 && failOn) {
        const n = report.findings.filter((f) => model/* SEVERITIES */.oC.indexOf(f.severity) <= model/* SEVERITIES */.oC.indexOf(failOn)).length;
        return { failure: `kubeward verify: ${(0,util/* plural */.LS)(n, 'finding')} at or above ${failOn}` };
    }
    return {};
}
/** The name the verify brief uses for this entry. */
const runVerifyAction = (/* unused pure expression or super */ null && (runVerify));


/***/ })

};
