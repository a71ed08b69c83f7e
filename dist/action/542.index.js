export const id = 542;
export const ids = [542];
export const modules = {

/***/ 1542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadRunConfig: () => (/* binding */ loadRunConfig),
  scan: () => (/* binding */ scan)
});

// UNUSED EXPORTS: loadPolicyObjects

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/engine.ts
var engine = __webpack_require__(63805);
// EXTERNAL MODULE: ./src/core/manifests/load.ts
var load = __webpack_require__(27452);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 15 modules
var rules = __webpack_require__(95992);
// EXTERNAL MODULE: ./src/core/version.ts
var version = __webpack_require__(83323);
// EXTERNAL MODULE: ./src/core/config.ts + 2 modules
var core_config = __webpack_require__(85142);
// EXTERNAL MODULE: ./src/core/suppress.ts
var suppress = __webpack_require__(11160);
// EXTERNAL MODULE: ./src/core/secrets/quoted.ts
var quoted = __webpack_require__(33809);
// EXTERNAL MODULE: ./src/core/rules/input.ts
var input = __webpack_require__(10455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/core/glob.ts
var glob = __webpack_require__(16085);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
;// CONCATENATED MODULE: ./src/core/sources/discover.ts
/**
 * Finds delivery sources among the scan paths: Helm charts (a folder with Chart.yaml), Kustomize
 * roots (a folder with kustomization.yaml that no other scanned kustomization uses) and
 * Dockerfiles. Their folders are then kept out of the plain-manifest walk.
 */



const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIP_DIRS = new Set(['node_modules', '.git']);
function isDockerfileName(name) {
    return (/^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$/.test(name) || /\.(?:Dockerfile|dockerfile|Containerfile)$/.test(name));
}
function kustomizationFile(dir) {
    for (const n of KUSTOMIZATION_FILES) {
        try {
            if ((0,external_node_fs_.statSync)(external_node_path_default().join(dir, n)).isFile())
                return external_node_path_default().join(dir, n);
        }
        catch {
            // next
        }
    }
    return undefined;
}
/** Local directories a kustomization uses (resources, bases, components) and its kind. */
function kustomizationRefs(dir) {
    const file = kustomizationFile(dir);
    if (!file)
        return { kind: '', dirs: [] };
    let data;
    try {
        data = js_yaml/* default.load */.Ay.load((0,external_node_fs_.readFileSync)(file, 'utf8')) ?? {};
    }
    catch {
        return { kind: '', dirs: [] };
    }
    const dirs = [];
    for (const key of ['resources', 'bases', 'components']) {
        const list = data[key];
        if (!Array.isArray(list))
            continue;
        for (const r of list) {
            if (typeof r !== 'string' || /^[a-z]+:\/\/|^github\.com\//.test(r))
                continue;
            const full = external_node_path_default().resolve(dir, r);
            try {
                if ((0,external_node_fs_.statSync)(full).isDirectory())
                    dirs.push(full);
            }
            catch {
                // missing: kustomize reports it
            }
        }
    }
    return { kind: typeof data.kind === 'string' ? data.kind : 'Kustomization', dirs };
}
function discoverSources(paths, cwd, excluded) {
    const out = { charts: [], kustomizations: [], kustomizeDirs: [], dockerfiles: [] };
    const explicitRoots = new Set();
    const seen = new Set();
    const relOf = (f) => external_node_path_default().relative(cwd, f).split((external_node_path_default()).sep).join('/');
    const walk = (dir, depth) => {
        if (depth > 40 || seen.has(dir))
            return;
        seen.add(dir);
        if (excluded && dir !== cwd && excluded(relOf(dir)))
            return;
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true });
        }
        catch {
            return; // the manifest loader reports unreadable paths
        }
        const names = new Set(entries.map((e) => e.name));
        if (names.has('Chart.yaml')) {
            out.charts.push(dir);
            return;
        }
        if (KUSTOMIZATION_FILES.some((n) => names.has(n)))
            out.kustomizeDirs.push(dir);
        for (const e of entries) {
            const full = external_node_path_default().join(dir, e.name);
            if (e.isDirectory() && !SKIP_DIRS.has(e.name))
                walk(full, depth + 1);
            else if (e.isFile() && isDockerfileName(e.name) && !(excluded && excluded(relOf(full))))
                out.dockerfiles.push(full);
        }
    };
    for (const p of paths) {
        if (p === '-' || /[*?[\]{}]/.test(p))
            continue;
        const full = external_node_path_default().resolve(cwd, p);
        let st;
        try {
            st = (0,external_node_fs_.statSync)(full);
        }
        catch {
            continue;
        }
        if (st.isDirectory()) {
            if (kustomizationFile(full) && !statSafe(external_node_path_default().join(full, 'Chart.yaml')))
                explicitRoots.add(full);
            walk(full, 0);
        }
        else if (isDockerfileName(external_node_path_default().basename(full)))
            out.dockerfiles.push(full);
        else if (KUSTOMIZATION_FILES.includes(external_node_path_default().basename(full))) {
            explicitRoots.add(external_node_path_default().dirname(full));
            walk(external_node_path_default().dirname(full), 0);
        }
    }
    // roots: kustomizations no other scanned kustomization uses (components never build alone)
    const used = new Set();
    const kinds = new Map();
    for (const d of out.kustomizeDirs) {
        const r = kustomizationRefs(d);
        kinds.set(d, r.kind);
        for (const x of r.dirs)
            used.add(x);
    }
    for (const d of out.kustomizeDirs) {
        const under = [...explicitRoots].some((r) => d !== r && d.startsWith(r + (external_node_path_default()).sep));
        if (explicitRoots.has(d) || (!used.has(d) && !under && kinds.get(d) !== 'Component'))
            out.kustomizations.push(d);
    }
    out.charts = [...new Set(out.charts)];
    out.dockerfiles = [...new Set(out.dockerfiles)];
    return out;
}
function statSafe(p) {
    try {
        (0,external_node_fs_.statSync)(p);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/core/sources/exec.ts
/**
 * Finding and running the helm / kustomize / kubectl binaries. No printing: every outcome is a
 * value the caller turns into findings or input errors.
 */



/** The first executable named `name` on `PATH`, or undefined. */
function which(name, env = process.env) {
    const dirs = (env.PATH ?? '').split((external_node_path_default()).delimiter).filter(Boolean);
    const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
    for (const d of dirs) {
        for (const e of exts) {
            const full = external_node_path_default().join(d, name + e);
            try {
                (0,external_node_fs_.accessSync)(full, external_node_fs_.constants.X_OK);
                return full;
            }
            catch {
                // not here
            }
        }
    }
    return undefined;
}
/** Runs a binary with arguments (no shell), collecting its output. */
function run(bin, args, opts = {}) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(bin, [...args], {
            cwd: opts.cwd,
            env: opts.env ?? process.env,
            maxBuffer: 512 * 1024 * 1024,
            timeout: opts.timeoutMs ?? 300_000,
            encoding: 'utf8',
        }, (err, stdout, stderr) => {
            if (err && typeof err.code === 'string') {
                resolve({ code: -1, stdout: '', stderr: String(stderr ?? ''), spawnError: err.message });
                return;
            }
            const code = err ? (err.code ?? 1) : 0;
            resolve({ code: typeof code === 'number' ? code : 1, stdout: String(stdout), stderr: String(stderr) });
        });
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/core/manifests/schema.ts
var schema = __webpack_require__(99203);
// EXTERNAL MODULE: ./src/core/secrets/index.ts + 4 modules
var secrets = __webpack_require__(89989);
;// CONCATENATED MODULE: ./src/core/sources/redact.ts
/** Redacts secrets from a tool's message before it is shown (helm/kustomize errors can echo values). */

/** `extra`: values the user passed (e.g. `--set` values) that must not be echoed either. */
function redactMessage(message, extra = []) {
    let out = message;
    for (const v of extra)
        if (v.length >= 6)
            out = out.split(v).join((0,secrets/* redact */.E$)(v));
    for (const d of (0,secrets/* detectInText */.WR)(out))
        if (d.secret.length >= 4)
            out = out.split(d.secret).join(d.preview);
    // keep messages to a readable size
    const lines = out.trim().split('\n');
    return (lines.length > 20 ? [...lines.slice(0, 20), `… (${lines.length - 20} more lines)`] : lines).join('\n');
}

// EXTERNAL MODULE: ./src/core/manifests/parse.ts + 1 modules
var parse = __webpack_require__(62609);
;// CONCATENATED MODULE: ./src/core/sources/rendered.ts
/** Splits `helm template` output into documents with their `# Source:` template and ordinal. */

function splitRendered(text, name) {
    const parsed = (0,parse/* parseManifestText */.k_)(text, name);
    const counts = new Map();
    const docs = [];
    let lastStart = -1;
    let lastSource = '';
    for (const obj of parsed.objects) {
        const src = obj.source;
        let source = '';
        if (src) {
            if (src.start === lastStart)
                source = lastSource;
            else {
                const m = /^# Source: (.+?)\s*$/m.exec(src.fileText.slice(src.start, src.end));
                source = m ? m[1] : '';
            }
            lastStart = src.start;
            lastSource = source;
        }
        const key = `${source}\0${obj.docPath.length ? 'list' : ''}`;
        const ordinal = counts.get(key) ?? 0;
        counts.set(key, ordinal + 1);
        docs.push({ obj, source, ordinal });
    }
    return { docs, skipped: parsed.skipped, problems: parsed.problems };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/sources/yaml-paths.ts
/**
 * Positions of key paths in plain YAML files (Helm values files, kustomize patches): the deepest
 * existing prefix of a path and the line of its key. Values files are small; the `yaml` package
 * gives exact ranges.
 */

function parseYamlFile(text) {
    const lc = new dist.LineCounter();
    let roots;
    try {
        roots = (0,dist.parseAllDocuments)(text, { lineCounter: lc, uniqueKeys: false, strict: false, version: '1.1' }).map((d) => 'contents' in d ? (d.contents ?? null) : null);
    }
    catch {
        roots = [];
    }
    return { text, roots, lc };
}
/**
 * The deepest existing prefix of `path` in document `doc` of the file, with the position of its
 * key (or list item). Depth 0 means not even the first segment exists.
 */
function findPath(file, path, doc = 0) {
    let node = file.roots[doc] ?? null;
    let hit = { depth: 0, line: 1, column: 1 };
    for (let i = 0; i < path.length && node; i++) {
        const seg = path[i];
        let next;
        let at;
        if (typeof seg === 'number' && (0,dist.isSeq)(node)) {
            const item = node.items[seg];
            if (!item)
                break;
            next = item;
            at = item.range?.[0];
        }
        else if (typeof seg === 'string' && (0,dist.isMap)(node)) {
            const pair = [...node.items].reverse().find((p) => ((0,dist.isScalar)(p.key) ? String(p.key.value) : '') === seg);
            if (!pair)
                break;
            next = pair.value ?? null;
            at = pair.key?.range?.[0];
        }
        else
            break;
        if (at === undefined)
            break;
        const p = file.lc.linePos(at);
        hit = { depth: i + 1, line: p.line, column: p.col };
        node = next;
    }
    return hit;
}
/** The text of 1-based line `n`. */
function yaml_paths_lineOf(text, n) {
    let start = 0;
    for (let i = 1; i < n; i++) {
        const nl = text.indexOf('\n', start);
        if (nl === -1)
            return '';
        start = nl + 1;
    }
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

// EXTERNAL MODULE: ./src/core/arrays.ts
var arrays = __webpack_require__(53309);
;// CONCATENATED MODULE: ./src/core/sources/trace.ts


const MARKER_RE = /kwv(\d+)x/gi;
function isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Deep merge as Helm merges values files: maps merge, everything else replaces; null deletes. */
function mergeValues(base, over) {
    if (!isObj(base) || !isObj(over))
        return over === undefined ? base : over;
    const out = { ...base };
    for (const [k, v] of Object.entries(over)) {
        if (v === null)
            delete out[k];
        else
            out[k] = k in out ? mergeValues(out[k], v) : v;
    }
    return out;
}
/**
 * Replaces leaves with markers. Empty strings, zero and booleans are kept (they steer `if`s);
 * strings equal to a quoted literal of the templates are kept (they steer `eq` comparisons).
 */
function markValues(values, opts) {
    const keys = [];
    const walk = (v, path) => {
        if (Array.isArray(v))
            return v.map((x, i) => walk(x, [...path, i]));
        if (isObj(v)) {
            const o = {};
            for (const [k, x] of Object.entries(v))
                o[k] = walk(x, [...path, k]);
            return o;
        }
        if (typeof v === 'string' && v !== '' && !opts.keep.has(v)) {
            keys.push({ path, value: v });
            return `kwv${keys.length - 1}x`;
        }
        if (opts.numbers && typeof v === 'number' && v !== 0 && Number.isFinite(v)) {
            keys.push({ path, value: String(v) });
            return `kwv${keys.length - 1}x`;
        }
        return v;
    };
    return { values: walk(values, []), keys };
}
/** Quoted string literals of template text (values equal to them are not marked). */
function templateLiterals(text) {
    const out = new Set();
    for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) {
        for (const q of m[0].matchAll(/"((?:[^"\\]|\\.)*)"/g))
            out.add(q[1]);
    }
    return out;
}
const keyOf = (p) => JSON.stringify(p);
function getAt(data, path) {
    let cur = data;
    for (const seg of path) {
        if (Array.isArray(cur) && typeof seg === 'number')
            cur = cur[seg];
        else if (isObj(cur) && typeof seg === 'string')
            cur = cur[seg];
        else
            return undefined;
    }
    return cur;
}
/** Length of the deepest prefix of `path` that exists in `data`. */
function existingDepth(data, path) {
    let cur = data;
    let d = 0;
    for (const seg of path) {
        if (Array.isArray(cur) && typeof seg === 'number' && seg < cur.length)
            cur = cur[seg];
        else if (isObj(cur) && typeof seg === 'string' && seg in cur)
            cur = cur[seg];
        else
            break;
        d++;
    }
    return d;
}
/** What marker rendering says about one rendered document. */
class MarkerMap {
    /** Rendered leaf path -> values key paths (in order of appearance). */
    leaves = new Map();
    /** Rendered field path -> values key path, for whole subtrees copied from values. */
    subtrees = new Map();
    constructor(realDoc, markedDoc, marked) {
        const pairs = [];
        const visit = (v, path) => {
            if (Array.isArray(v))
                v.forEach((x, i) => visit(x, [...path, i]));
            else if (isObj(v))
                for (const [k, x] of Object.entries(v))
                    visit(x, [...path, k]);
            else if (typeof v === 'string' && v.length >= 4) {
                const real = getAt(realDoc, path);
                if (real === undefined || isObj(real) || Array.isArray(real))
                    return;
                const realText = String(real).toLowerCase();
                const found = [];
                for (const m of v.matchAll(MARKER_RE)) {
                    const key = marked.keys[Number(m[1])];
                    if (key && realText.includes(key.value.toLowerCase()))
                        found.push(key.path);
                }
                if (found.length) {
                    this.leaves.set(keyOf(path), found);
                    for (const k of found)
                        pairs.push({ r: path, k });
                }
            }
        };
        visit(markedDoc, []);
        // whole-subtree candidates: common suffixes of rendered and values paths
        const byValuesKey = new Map();
        for (const k of marked.keys) {
            for (let i = 1; i < k.path.length; i++) {
                const p = keyOf(k.path.slice(0, i));
                byValuesKey.set(p, (byValuesKey.get(p) ?? 0) + 1);
            }
        }
        const candidates = new Map();
        for (const { r, k } of pairs) {
            let s = 0;
            while (s < r.length && s < k.length && r[r.length - 1 - s] === k[k.length - 1 - s])
                s++;
            for (let i = 1; i <= s; i++) {
                const q = r.slice(0, r.length - i);
                const v = k.slice(0, k.length - i);
                if (v.length === 0 || q.length === 0)
                    continue;
                const id = keyOf(q) + '\0' + keyOf(v);
                const c = candidates.get(id);
                if (c)
                    c.n++;
                else
                    candidates.set(id, { q, v, n: 1 });
            }
        }
        for (const c of candidates.values()) {
            // every marked leaf under the values key reappears under the rendered field
            if (c.n === byValuesKey.get(keyOf(c.v))) {
                const prev = this.subtrees.get(keyOf(c.q));
                if (!prev || prev.length > c.v.length)
                    this.subtrees.set(keyOf(c.q), c.v);
            }
        }
    }
}
function templateText(file, text, defines) {
    return { file, text, lines: text.split(/\r?\n/), ...(defines ? { defines } : {}) };
}
/** Named templates of chart text: each `define` with the one `.Values` path its body writes with toYaml, if any. */
function namedTemplates(text) {
    const out = new Map();
    const parts = text.split(/\{\{-?\s*define\s+"/).slice(1);
    for (const part of parts) {
        const name = part.slice(0, part.indexOf('"'));
        const body = part.slice(part.indexOf('}}') + 2);
        const refs = [...body.matchAll(/(?:toYaml|toJson)\s+\(?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)];
        const all = [...body.matchAll(VALUES_REF)];
        out.set(name, refs.length === 1 && all.length === 1 ? refs[0][1].slice(1).split('.') : undefined);
    }
    return out;
}
function indentOf(line) {
    return line.length - line.trimStart().length;
}
/** True for lines that are only template actions or comments (no literal YAML). */
function isActionOnly(line) {
    const t = line.trim();
    if (t === '' || t.startsWith('#'))
        return true;
    return t.replace(/\{\{[\s\S]*?\}\}/g, '').trim() === '';
}
function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function keyLine(seg) {
    return new RegExp(`^(\\s*)(-\\s+)?["']?${escapeRe(seg)}["']?\\s*:(?:\\s|$)`);
}
/** Line ranges [from, to) of the template's documents (split at `---` lines). */
function documentRanges(t) {
    const out = [];
    let from = 0;
    t.lines.forEach((l, i) => {
        if (/^---\s*$/.test(l)) {
            out.push([from, i]);
            from = i + 1;
        }
    });
    out.push([from, t.lines.length]);
    return out.filter(([a, b]) => t.lines.slice(a, b).some((l) => !isActionOnly(l)));
}
const VALUES_REF = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;
const CONTROL = /^\{\{-?\s*(?:if|else|end|range|with|define|block|\/\*)\b/;
/** The values path a key's line or block copies in whole, if any. */
function valuesRefAt(t, line, end) {
    const own = t.lines[line];
    const colon = own.indexOf(':');
    const value = colon >= 0 ? own.slice(colon + 1).trim() : '';
    const refsIn = (s) => [...s.matchAll(VALUES_REF)].map((m) => m[1].slice(1).split('.'));
    if (value !== '' && !value.startsWith('#')) {
        // `key: {{ .Values.a.b }}` (one reference, not a condition)
        const direct = refsIn(value.replace(/\{\{-?\s*(?:if|with|range)\b[^}]*\}\}/g, ''));
        return direct.length === 1 ? direct[0] : undefined;
    }
    // the block below an empty key: output actions up to a literal line at the key's indent or less,
    // or the end of the enclosing if/with/range
    const ind = indentOf(own) + (/^\s*-\s/.test(own) ? 2 : 0);
    const refs = [];
    let dot = false;
    for (let i = line + 1; i < end; i++) {
        const l = t.lines[i];
        const tl = l.trim();
        if (tl === '' || tl.startsWith('#'))
            continue;
        if (!isActionOnly(l)) {
            if (indentOf(l) <= ind)
                break;
            return undefined; // literal YAML below: the key's own block, not a copy
        }
        if (CONTROL.test(tl)) {
            if (/^\{\{-?\s*(?:else|end)\b/.test(tl))
                break;
            continue;
        }
        (0,arrays/* pushAll */.i)(refs, refsIn(l));
        if (/(?:toYaml|tpl|toJson)\s+\.\s*[|)}-]/.test(l))
            dot = true;
        // `include "chart.securityContext" .` whose body is `toYaml .Values.x`
        for (const m of l.matchAll(/(?:include|template)\s+"([^"]+)"/g)) {
            const ref = t.defines?.get(m[1]);
            if (ref)
                refs.push([...ref].map(String));
        }
    }
    if (refs.length === 1 && !dot)
        return refs[0];
    if (dot && refs.length === 0) {
        // `{{- with .Values.x }}` just above the key, and `toYaml .` in its block
        for (let i = line - 1; i >= Math.max(0, line - 3); i--) {
            const m = /\{\{-?\s*with\s+\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*-?\}\}/.exec(t.lines[i]);
            if (m)
                return m[1].slice(1).split('.');
            if (!isActionOnly(t.lines[i]))
                break;
        }
    }
    return undefined;
}
/**
 * Walks the template for `path`: each string segment is looked for after the previous match, at a
 * deeper indentation, inside the previous key's block; index segments pick the n-th `-` item.
 */
function findInTemplate(t, path, kind, ordinal) {
    const ranges = documentRanges(t);
    let range = ranges[ordinal];
    const withKind = ranges.filter(([a, b]) => t.lines.slice(a, b).some((l) => new RegExp(`^kind:\\s*["']?${escapeRe(kind)}["']?\\s*$`).test(l)));
    if (!range || (withKind.length && !withKind.includes(range)))
        range = withKind[0] ?? ranges[0] ?? [0, t.lines.length];
    const [from, to] = range;
    let kindLine = from;
    for (let i = from; i < to; i++)
        if (/^kind:/.test(t.lines[i]))
            kindLine = i;
    let hit = { depth: 0, line: kindLine, column: 0 };
    let cursor = from;
    let end = to;
    let parentIndent = -1;
    for (let d = 0; d < path.length; d++) {
        const seg = path[d];
        if (typeof seg === 'number') {
            // the n-th item of the block: `-` lines at the first item's indentation
            let itemIndent = -1;
            let n = -1;
            let found = -1;
            for (let i = cursor; i < end; i++) {
                const l = t.lines[i];
                if (isActionOnly(l))
                    continue;
                const m = /^(\s*)-(\s|$)/.exec(l);
                if (!m) {
                    if (itemIndent >= 0 && indentOf(l) <= itemIndent)
                        break;
                    continue;
                }
                if (itemIndent < 0)
                    itemIndent = m[1].length;
                if (m[1].length !== itemIndent)
                    continue;
                if (++n === seg) {
                    found = i;
                    break;
                }
            }
            if (found < 0)
                break;
            // the item line also holds its first key (`- name: x`): the next segment may be on it
            cursor = found;
            parentIndent = itemIndent;
            hit = { depth: d + 1, line: found, column: itemIndent };
            continue;
        }
        const re = keyLine(seg);
        let found = -1;
        for (let i = cursor; i < end; i++) {
            const l = t.lines[i];
            if (isActionOnly(l))
                continue;
            const m = re.exec(l);
            const ind = indentOf(l) + (m?.[2] ? m[2].length : 0);
            if (m && ind > parentIndent) {
                found = i;
                parentIndent = ind;
                break;
            }
            if (i > cursor && indentOf(l) <= parentIndent && !/^\s*-\s/.test(l))
                break;
            if (i > cursor && /^\s*-\s/.test(l) && indentOf(l) < parentIndent)
                break;
        }
        if (found < 0)
            break;
        const line = t.lines[found];
        const col = line.search(/[^\s-]/);
        // block of this key: until the next literal line at its indentation or less
        let blockEnd = end;
        for (let i = found + 1; i < end; i++) {
            const l = t.lines[i];
            if (isActionOnly(l))
                continue;
            if (indentOf(l) <= parentIndent - (/^\s*-\s/.test(line) ? 0 : 0) && indentOf(l) < parentIndent + 1) {
                blockEnd = i;
                break;
            }
        }
        hit = { depth: d + 1, line: found, column: col };
        const ref = valuesRefAt(t, found, blockEnd);
        if (ref)
            hit.values = [...ref, ...path.slice(d + 1)];
        else
            delete hit.values;
        cursor = found + 1;
        end = blockEnd;
    }
    return hit;
}
/** The values line of a key path: the last file that has all of it, else the deepest partial hit. */
function locateInValues(files, path) {
    let best;
    for (let i = files.length - 1; i >= 0; i--) {
        const f = files[i];
        const h = findPath(f.yaml, path);
        if (h.depth === 0)
            continue;
        const loc = { file: f.file, line: h.line, column: h.column };
        if (h.depth === path.length)
            return { loc, depth: h.depth };
        if (!best || h.depth > best.depth)
            best = { loc, depth: h.depth };
    }
    return best;
}
function dotted(p) {
    return p
        .map((s) => (typeof s === 'number' ? `[${s}]` : s))
        .join('.')
        .replace(/\.\[/g, '[');
}
/** Where a rendered field path was set: values line, template line, or the template's object line. */
function trace(input, path) {
    const exists = existingDepth(input.data, path);
    const toValues = (q, v) => {
        const target = [...v, ...path.slice(q.length)];
        const hit = locateInValues(input.values, target);
        if (!hit || hit.depth < Math.min(v.length, target.length))
            return undefined;
        return { kind: 'values', location: hit.loc, valuesKey: dotted(target), renderedPrefix: q, valuesPrefix: v };
    };
    if (input.markers) {
        if (exists === path.length) {
            const keys = input.markers.leaves.get(keyOf(path));
            if (keys?.length) {
                const t = toValues(path, keys[keys.length - 1]);
                if (t)
                    return t;
            }
        }
        for (let n = Math.min(exists, path.length); n >= 1; n--) {
            const q = path.slice(0, n);
            const v = input.markers.subtrees.get(keyOf(q));
            if (v) {
                const t = toValues(q, v);
                if (t)
                    return t;
            }
        }
    }
    const hit = findInTemplate(input.template, path, input.kind, input.ordinal);
    if (hit.values) {
        const q = path.slice(0, hit.depth);
        const v = hit.values.slice(0, hit.values.length - (path.length - hit.depth));
        const t = toValues(q, v);
        if (t)
            return t;
    }
    const text = input.template.lines[hit.line] ?? '';
    const column = hit.depth ? hit.column + 1 : Math.max(1, text.search(/\S/) + 1);
    return {
        kind: hit.depth ? 'template' : 'object',
        location: { file: input.template.file, line: hit.line + 1, column },
    };
}
/** Does the traced line hold the key (or a `.Values` reference)? Used by tests and the trace score. */
function lineHoldsKey(text, t, path) {
    const line = lineOf(text, t.location.line);
    if (t.kind === 'object')
        return /^kind:/.test(line.trim());
    if (/\.Values\b/.test(line))
        return true;
    const keys = path.filter((s) => typeof s === 'string');
    if (t.kind === 'values' && t.valuesKey)
        pushAll(keys, t.valuesKey.split(/[.[\]]/).filter(Boolean));
    return keys.some((k) => new RegExp(`(^|[\\s-])["']?${escapeRe(k)}["']?\\s*:`).test(line)) || /^\s*-(\s|$)/.test(line);
}

;// CONCATENATED MODULE: ./src/core/sources/helm.ts
/**
 * Helm charts: `helm template` per environment, then every rendered object traced back to its
 * template or values line (./trace.ts). Never prints; problems become input errors of the set.
 */













const rel = (cwd, f) => {
    const r = external_node_path_default().relative(cwd, f);
    return (r.startsWith('..') || external_node_path_default().isAbsolute(r) ? f : r).split((external_node_path_default()).sep).join('/') || '.';
};
function helm_isObj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Charts this chart depends on that are neither vendored in charts/ nor local (file://). */
function missingDependencies(chartDir) {
    const deps = [];
    for (const f of ['Chart.yaml', 'requirements.yaml']) {
        const p = external_node_path_default().join(chartDir, f);
        if (!(0,external_node_fs_.existsSync)(p))
            continue;
        try {
            const d = js_yaml/* default.load */.Ay.load((0,external_node_fs_.readFileSync)(p, 'utf8'));
            if (Array.isArray(d?.dependencies))
                for (const x of d.dependencies)
                    if (helm_isObj(x) && typeof x.name === 'string')
                        deps.push(x);
        }
        catch {
            // Chart.yaml errors are helm's to report
        }
    }
    if (!deps.length)
        return [];
    const vendored = (0,external_node_fs_.existsSync)(external_node_path_default().join(chartDir, 'charts')) ? (0,external_node_fs_.readdirSync)(external_node_path_default().join(chartDir, 'charts')) : [];
    return deps
        .filter((d) => {
        if (typeof d.repository === 'string' && d.repository.startsWith('file://')) {
            return !(0,external_node_fs_.existsSync)(external_node_path_default().resolve(chartDir, d.repository.slice(7)));
        }
        return !vendored.some((v) => v === d.name || (v.startsWith(`${d.name}-`) && v.endsWith('.tgz')));
    })
        .map((d) => d.name);
}
function resolveValuesFile(chartDir, cwd, f) {
    const inChart = external_node_path_default().resolve(chartDir, f);
    return (0,external_node_fs_.existsSync)(inChart) ? inChart : external_node_path_default().resolve(cwd, f);
}
/** Every template file's text, for the quoted literals that must not be replaced by markers. */
function allTemplateText(chartDir) {
    const out = [];
    const walk = (d) => {
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(d, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const e of entries) {
            const full = external_node_path_default().join(d, e.name);
            if (e.isDirectory())
                walk(full);
            else if (/\.(ya?ml|tpl|txt|json)$/.test(e.name))
                out.push((0,external_node_fs_.readFileSync)(full, 'utf8'));
        }
    };
    walk(external_node_path_default().join(chartDir, 'templates'));
    return out.join('\n');
}
/** A valid release name from the chart's name (else its folder's). */
function releaseName(chartDir) {
    let name = external_node_path_default().basename(chartDir);
    try {
        const c = js_yaml/* default.load */.Ay.load((0,external_node_fs_.readFileSync)(external_node_path_default().join(chartDir, 'Chart.yaml'), 'utf8'));
        if (typeof c?.name === 'string' && c.name)
            name = c.name;
    }
    catch {
        // helm reports a broken Chart.yaml
    }
    const clean = name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 53)
        .replace(/-+$/, '');
    return clean || 'release';
}
function kubeVersionArg(v) {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
    return m ? `v${m[1]}.${m[2]}.${m[3] ?? '0'}` : v;
}
function isTestHook(obj) {
    const md = obj.data.metadata;
    const ann = helm_isObj(md) && helm_isObj(md.annotations) ? md.annotations : {};
    const hook = ann['helm.sh/hook'];
    return typeof hook === 'string' && hook.split(',').some((h) => /^test(-success|-failure)?$/.test(h.trim()));
}
/** The environments of a spec: name -> value files and --set pairs (one 'default' when none). */
function environmentsOf(spec) {
    const envs = Object.entries(spec.environments ?? {});
    if (!envs.length)
        return [{ name: 'default', values: [...(spec.values ?? [])], set: [...(spec.set ?? [])] }];
    return envs.map(([name, e]) => ({
        name,
        values: [...(spec.values ?? []), ...(e.values ?? [])],
        set: [...(spec.set ?? []), ...(e.set ?? [])],
        ...(e.profile ? { profile: e.profile } : {}),
    }));
}
async function renderHelmChart(spec, ctx) {
    const chartDir = external_node_path_default().resolve(ctx.cwd, spec.chart);
    const chartRel = rel(ctx.cwd, chartDir);
    const envs = environmentsOf(spec);
    const names = envs.map((e) => e.name);
    const empty = (environment, errors, profile) => ({
        tool: 'helm',
        source: chartRel,
        environment,
        environments: names,
        ...(profile ? { profile } : {}),
        objects: [],
        skipped: [],
        problems: [],
        errors,
        notes: [],
        files: [],
        traces: new Map(),
        renderMs: 0,
    });
    if (!(0,external_node_fs_.existsSync)(external_node_path_default().join(chartDir, 'Chart.yaml'))) {
        return [empty(names[0], [{ file: chartRel, message: `not a Helm chart: ${chartRel}/Chart.yaml is missing` }])];
    }
    if (!ctx.helm) {
        return [
            empty(names[0], [
                { file: chartRel, message: `helm is needed to scan ${chartRel}: install it or render the chart yourself` },
            ]),
        ];
    }
    const missing = missingDependencies(chartDir);
    if (missing.length) {
        return [
            empty(names[0], [
                {
                    file: `${chartRel}/Chart.yaml`,
                    message: `chart ${chartRel} depends on ${missing.join(', ')}, not found in ${chartRel}/charts/: run \`helm dependency build ${chartRel}\` first (kubeward fetches nothing)`,
                },
            ]),
        ];
    }
    const allText = allTemplateText(chartDir);
    const keep = templateLiterals(allText);
    const defines = namedTemplates(allText);
    const templates = new Map();
    const templateOf = (source) => {
        // helm prints `<chart name>/templates/x.yaml` (subcharts: `<chart>/charts/<sub>/templates/x.yaml`)
        const inChart = source.split('/').slice(1).join('/');
        const full = external_node_path_default().join(chartDir, inChart);
        const file = rel(ctx.cwd, full);
        if (!templates.has(file)) {
            let t = null;
            try {
                if ((0,external_node_fs_.statSync)(full).isFile())
                    t = templateText(file, (0,external_node_fs_.readFileSync)(full, 'utf8'), defines);
            }
            catch {
                t = null;
            }
            templates.set(file, t);
        }
        return { file, text: templates.get(file) ?? null };
    };
    const tmp = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'kubeward-helm-'));
    try {
        const sets = [];
        for (const env of envs) {
            const set = empty(env.name, [], env.profile);
            sets.push(set);
            const files = env.values.map((f) => resolveValuesFile(chartDir, ctx.cwd, f));
            const absent = files.filter((f) => !(0,external_node_fs_.existsSync)(f));
            if (absent.length) {
                set.errors.push(...absent.map((f) => ({
                    file: rel(ctx.cwd, f),
                    message: `values file of chart ${chartRel} (environment ${env.name}) not found`,
                })));
                continue;
            }
            const setValues = env.set.map((s) => s.slice(s.indexOf('=') + 1));
            const baseArgs = [
                'template',
                spec.release ?? releaseName(chartDir),
                chartDir,
                '--kube-version',
                kubeVersionArg(spec.kubeVersion ?? ctx.kubeVersion),
                ...(spec.namespace ? ['--namespace', spec.namespace] : []),
                ...(spec.includeCrds ? ['--include-crds'] : []),
            ];
            const setArgs = env.set.flatMap((s) => ['--set', s]);
            const t0 = performance.now();
            const res = await run(ctx.helm, [...baseArgs, ...files.flatMap((f) => ['-f', f]), ...setArgs], {
                cwd: ctx.cwd,
                ...(ctx.env ? { env: ctx.env } : {}),
            });
            set.renderMs += performance.now() - t0;
            if (res.spawnError) {
                set.errors.push({
                    file: chartRel,
                    message: `helm is needed to scan ${chartRel}: install it or render the chart yourself (${res.spawnError})`,
                });
                continue;
            }
            if (res.code !== 0) {
                set.errors.push({
                    file: chartRel,
                    message: `helm template failed for ${chartRel}${envs.length > 1 || env.name !== 'default' ? ` (environment ${env.name})` : ''}: ${redactMessage(res.stderr || res.stdout, setValues)}`,
                });
                continue;
            }
            const renderedName = `${chartRel} (helm template${env.name === 'default' ? '' : `, ${env.name}`})`;
            const real = splitRendered(res.stdout, renderedName);
            (0,arrays/* pushAll */.i)(set.problems, real.problems);
            (0,arrays/* pushAll */.i)(set.skipped, real.skipped);
            // marker rendering: the merged values with leaves replaced by markers
            let valuesData = {};
            const valueFiles = [];
            const chartValues = external_node_path_default().join(chartDir, 'values.yaml');
            const parseErrors = [];
            for (const f of [...((0,external_node_fs_.existsSync)(chartValues) ? [chartValues] : []), ...files]) {
                try {
                    const text = (0,external_node_fs_.readFileSync)(f, 'utf8');
                    valuesData = mergeValues(valuesData, js_yaml/* default.load */.Ay.load(text, { schema: schema/* K8S_SCHEMA */.t }) ?? {});
                    valueFiles.push({ file: rel(ctx.cwd, f), yaml: parseYamlFile(text) });
                }
                catch (e) {
                    parseErrors.push(`${rel(ctx.cwd, f)}: ${e.message.split('\n')[0]}`);
                }
            }
            (0,arrays/* pushAll */.i)(set.files, valueFiles.map((v) => v.file));
            let markerDocs;
            let marked;
            if (!parseErrors.length) {
                for (const numbers of [true, false]) {
                    marked = markValues(valuesData, { numbers, keep });
                    const mf = external_node_path_default().join(tmp, `markers-${env.name.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
                    await (0,promises_.writeFile)(mf, JSON.stringify(marked.values));
                    const t1 = performance.now();
                    const mres = await run(ctx.helm, [...baseArgs, '-f', mf, ...setArgs], {
                        cwd: ctx.cwd,
                        ...(ctx.env ? { env: ctx.env } : {}),
                    });
                    set.renderMs += performance.now() - t1;
                    if (mres.code === 0) {
                        markerDocs = new Map(splitRendered(mres.stdout, 'markers').docs.map((d) => [
                            `${d.source}\0${d.ordinal}\0${d.obj.ref.kind}`,
                            d,
                        ]));
                        break;
                    }
                }
            }
            if (!markerDocs) {
                set.notes.push(`${chartRel}${env.name === 'default' ? '' : ` (${env.name})`}: values could not be traced by marker rendering; findings are traced through the template text only`);
            }
            let tests = 0;
            for (const d of real.docs) {
                if (isTestHook(d.obj) && !spec.includeTests) {
                    tests++;
                    const { file } = templateOf(d.source);
                    set.skipped.push({
                        file,
                        line: 1,
                        reason: `Helm test hook (helm.sh/hook: test) ${d.obj.ref.kind}/${d.obj.ref.name}: skipped by default (sources.helm includeTests: true scans it)`,
                    });
                    continue;
                }
                const { file, text } = templateOf(d.source);
                const rendered = d.obj;
                if (!text) {
                    // no template file to trace to (a generated document): keep the rendered positions
                    set.objects.push(rendered);
                    continue;
                }
                if (!set.files.includes(file))
                    set.files.push(file);
                const md = markerDocs?.get(`${d.source}\0${d.ordinal}\0${rendered.ref.kind}`);
                const input = {
                    data: rendered.data,
                    template: text,
                    kind: rendered.ref.kind,
                    ordinal: d.ordinal,
                    values: valueFiles,
                    ...(md && marked ? { markers: new MarkerMap(rendered.data, md.obj.data, marked) } : {}),
                };
                const traced = new Map();
                const obj = {
                    data: rendered.data,
                    ref: rendered.ref,
                    origin: 'manifest',
                    file,
                    docPath: [],
                    source: { file, fileText: text.text, start: 0, end: text.text.length },
                    locate(p) {
                        const t = trace(input, p);
                        const r = rendered.locate?.(p);
                        traced.set((0,model/* formatPath */.jV)(p), {
                            path: p,
                            trace: t,
                            renderedFile: renderedName,
                            ...(r ? { renderedLine: r.line } : {}),
                        });
                        return t.location;
                    },
                };
                set.traces.set(obj, traced);
                set.objects.push(obj);
            }
            if (tests) {
                set.notes.push(`${chartRel}${env.name === 'default' ? '' : ` (${env.name})`}: ${tests} Helm test hook ${tests === 1 ? 'object' : 'objects'} skipped (helm.sh/hook: test; includeTests: true scans them)`);
            }
        }
        return sets;
    }
    finally {
        await (0,promises_.rm)(tmp, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/core/sources/kustomize.ts
/**
 * Kustomize trees: `kustomize build` (or `kubectl kustomize`) per overlay, then each rendered
 * field traced back to the patch or base file and line that set it: patches first (the last
 * applied wins), then the base resource; generator objects point at their kustomization entry.
 * Never prints; problems become input errors of the set.
 */











const kustomize_isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function readYaml(file) {
    try {
        return parseYamlFile((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch {
        return undefined;
    }
}
function docsOf(file, y, rel) {
    const out = [];
    y.roots.forEach((root, index) => {
        if (!root || !(0,dist.isMap)(root))
            return;
        const get = (k) => {
            const p = root.items.find((i) => (0,dist.isScalar)(i.key) && i.key.value === k);
            return p?.value;
        };
        const kind = get('kind');
        const md = get('metadata');
        let name = '';
        let namespace = '';
        if (md && (0,dist.isMap)(md)) {
            const n = md.items.find((i) => (0,dist.isScalar)(i.key) && i.key.value === 'name');
            if (n && (0,dist.isScalar)(n.value))
                name = String(n.value.value);
            const ns = md.items.find((i) => (0,dist.isScalar)(i.key) && i.key.value === 'namespace');
            if (ns && (0,dist.isScalar)(ns.value))
                namespace = String(ns.value.value);
        }
        const av = get('apiVersion');
        const apiVersion = av && (0,dist.isScalar)(av) ? String(av.value) : '';
        out.push({
            file: rel,
            yaml: y,
            index,
            kind: (0,dist.isScalar)(kind) ? String(kind.value) : '',
            name,
            apiVersion,
            namespace,
        });
    });
    void file;
    return out;
}
function pointer(p) {
    return p
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
/** Walks a kustomization and what it uses, collecting resources, patches and generators. */
function collect(dir, cwd, tree, seen) {
    if (seen.has(dir))
        return;
    seen.add(dir);
    const kfile = kustomizationFile(dir);
    if (!kfile)
        return;
    const rel = (f) => external_node_path_default().relative(cwd, f).split((external_node_path_default()).sep).join('/');
    const ky = readYaml(kfile);
    let data = {};
    try {
        data = js_yaml/* default.load */.Ay.load((0,external_node_fs_.readFileSync)(kfile, 'utf8')) ?? {};
    }
    catch {
        return;
    }
    tree.files.push(rel(kfile));
    const list = (k) => (Array.isArray(data[k]) ? data[k] : []);
    for (const r of [...list('resources'), ...list('bases'), ...list('components')]) {
        if (typeof r !== 'string' || /^[a-z]+:\/\//.test(r))
            continue;
        const full = external_node_path_default().resolve(dir, r);
        let st;
        try {
            st = (0,external_node_fs_.statSync)(full);
        }
        catch {
            continue;
        }
        if (st.isDirectory())
            collect(full, cwd, tree, seen);
        else {
            const y = readYaml(full);
            if (y) {
                tree.files.push(rel(full));
                (0,arrays/* pushAll */.i)(tree.resources, docsOf(full, y, rel(full)));
            }
        }
    }
    const patchFile = (p, target) => {
        const full = external_node_path_default().resolve(dir, p);
        const y = (0,external_node_fs_.existsSync)(full) ? readYaml(full) : undefined;
        if (!y)
            return;
        tree.files.push(rel(full));
        const root = y.roots[0];
        if (root && (0,dist.isSeq)(root)) {
            // JSON 6902 operations
            root.items.forEach((item, i) => {
                const op = item;
                if (!(0,dist.isMap)(op))
                    return;
                const pp = op.items.find((x) => (0,dist.isScalar)(x.key) && x.key.value === 'path');
                if (!pp || !(0,dist.isScalar)(pp.value))
                    return;
                const pos = y.lc.linePos((op.range ?? [0])[0]);
                tree.ops.push({
                    file: rel(full),
                    line: pos.line,
                    column: pos.col,
                    ...(typeof target?.kind === 'string' ? { kind: target.kind } : {}),
                    ...(typeof target?.name === 'string' ? { name: target.name } : {}),
                    path: pointer(String(pp.value.value)),
                });
                void i;
            });
            return;
        }
        for (const d of docsOf(full, y, rel(full))) {
            tree.patches.push({
                ...d,
                kind: d.kind || (typeof target?.kind === 'string' ? target.kind : ''),
                name: d.name || (typeof target?.name === 'string' ? target.name : ''),
            });
        }
    };
    const kRel = rel(kfile);
    const entryLine = (at) => {
        if (!ky)
            return { line: 1, column: 1 };
        let node = ky.roots[0];
        let pos = { line: 1, col: 1 };
        for (const seg of at) {
            if (typeof seg === 'number' && node && (0,dist.isSeq)(node))
                node = node.items[seg];
            else if (typeof seg === 'string' && node && (0,dist.isMap)(node)) {
                const p = node.items.find((x) => (0,dist.isScalar)(x.key) && x.key.value === seg);
                if (!p)
                    break;
                if (p.key.range)
                    pos = ky.lc.linePos(p.key.range[0]);
                node = p.value;
                continue;
            }
            else
                break;
            if (node?.range)
                pos = ky.lc.linePos(node.range[0]);
        }
        return { line: pos.line, column: pos.col };
    };
    list('patches').forEach((p, i) => {
        if (!kustomize_isObj(p))
            return;
        const target = kustomize_isObj(p.target) ? p.target : undefined;
        if (typeof p.path === 'string')
            patchFile(p.path, target);
        else if (typeof p.patch === 'string') {
            // an inline patch: its kustomization entry
            const pos = entryLine(['patches', i]);
            let parsed;
            try {
                parsed = js_yaml/* default.load */.Ay.load(p.patch);
            }
            catch {
                parsed = undefined;
            }
            if (Array.isArray(parsed)) {
                for (const op of parsed) {
                    if (kustomize_isObj(op) && typeof op.path === 'string') {
                        tree.ops.push({
                            file: kRel,
                            ...pos,
                            ...(typeof target?.kind === 'string' ? { kind: target.kind } : {}),
                            ...(typeof target?.name === 'string' ? { name: target.name } : {}),
                            path: pointer(op.path),
                        });
                    }
                }
            }
            else if (kustomize_isObj(parsed)) {
                const md = kustomize_isObj(parsed.metadata) ? parsed.metadata : {};
                const kind = typeof parsed.kind === 'string' ? parsed.kind : String(target?.kind ?? '');
                const name = typeof md.name === 'string' ? md.name : String(target?.name ?? '');
                // an inline strategic-merge patch: every field of it points at the entry
                tree.ops.push({ file: kRel, ...pos, kind, name, path: [] });
            }
        }
    });
    for (const p of list('patchesStrategicMerge'))
        if (typeof p === 'string')
            patchFile(p);
    for (const p of list('patchesJson6902'))
        if (kustomize_isObj(p) && typeof p.path === 'string')
            patchFile(p.path, kustomize_isObj(p.target) ? p.target : undefined);
    for (const [key, kind] of [
        ['configMapGenerator', 'ConfigMap'],
        ['secretGenerator', 'Secret'],
    ]) {
        list(key).forEach((g, i) => {
            if (kustomize_isObj(g) && typeof g.name === 'string' && ky)
                tree.generated.push({ kind, name: g.name, file: kRel, yaml: ky, at: [key, i], entry: g });
        });
    }
    list('images').forEach((im, i) => {
        if (kustomize_isObj(im) && typeof im.name === 'string' && ky)
            tree.images.push({ name: im.name, file: kRel, yaml: ky, at: ['images', i] });
    });
}
/** A resource or patch document for a rendered object: same kind, name contained in the built name. */
function matchDoc(docs, kind, name) {
    return docs.filter((d) => d.kind === kind && d.name !== '' && (d.name === name || name.includes(d.name)));
}
/**
 * Walks `path` in a file document: list items are matched by `name` (as strategic merge does)
 * when the rendered item has one, else by index. Returns how deep it got and the key's position.
 */
function walkDoc(d, path, rendered) {
    let node = d.yaml.roots[d.index];
    let cur = rendered;
    let at = node?.range?.[0] ?? 0;
    let depth = 0;
    // the walked part of `path` as it is in this document (a list item by its index here)
    const docPath = [];
    for (const seg of path) {
        if (typeof seg === 'number') {
            if (!node || !(0,dist.isSeq)(node))
                break;
            const item = Array.isArray(cur) ? cur[seg] : undefined;
            const name = kustomize_isObj(item) && typeof item.name === 'string' ? item.name : undefined;
            let found;
            if (name !== undefined) {
                found = node.items.find((x) => {
                    const n = x;
                    if (!(0,dist.isMap)(n))
                        return false;
                    const p = n.items.find((k) => (0,dist.isScalar)(k.key) && k.key.value === 'name');
                    return !!p && (0,dist.isScalar)(p.value) && String(p.value.value) === name;
                });
            }
            else
                found = node.items[seg];
            if (!found)
                break;
            docPath.push(node.items.indexOf(found));
            node = found;
            at = found.range?.[0] ?? at;
            cur = item;
        }
        else {
            if (!node || !(0,dist.isMap)(node))
                break;
            const p = [...node.items].reverse().find((x) => (0,dist.isScalar)(x.key) && String(x.key.value) === seg);
            if (!p)
                break;
            at = p.key.range?.[0] ?? at;
            node = p.value;
            cur = kustomize_isObj(cur) ? cur[seg] : undefined;
            docPath.push(seg);
        }
        depth++;
    }
    const pos = d.yaml.lc.linePos(at);
    return { depth, loc: { file: d.file, line: pos.line, column: pos.col }, docPath };
}
/** Where a built field came from. */
function traceKustomize(tree, obj, p, fallback) {
    // generator objects: their kustomization entry, a literal's line when it is one
    if (obj.kind === 'ConfigMap' || obj.kind === 'Secret') {
        const g = [...tree.generated]
            .reverse()
            .find((x) => x.kind === obj.kind &&
            (obj.name === x.name ||
                obj.name.startsWith(`${x.name}-`) ||
                obj.name.endsWith(x.name) ||
                obj.name.includes(`${x.name}-`)));
        if (g) {
            let at = g.at;
            const key = p[0] === 'data' || p[0] === 'stringData' ? p[1] : undefined;
            const lits = Array.isArray(g.entry.literals) ? g.entry.literals : [];
            const li = typeof key === 'string' ? lits.findIndex((l) => typeof l === 'string' && l.startsWith(`${key}=`)) : -1;
            if (li >= 0)
                at = [...g.at, 'literals', li];
            const d = { file: g.file, yaml: g.yaml, index: 0, kind: '', name: '' };
            return { kind: 'generator', location: walkDoc(d, at, undefined).loc };
        }
    }
    // images: transformer entries that rename or retag a container image
    if (p[p.length - 1] === 'image' && (p.includes('containers') || p.includes('initContainers'))) {
        let cur = obj.data;
        for (const s of p)
            cur = kustomize_isObj(cur) ? cur[s] : Array.isArray(cur) ? cur[s] : undefined;
        if (typeof cur === 'string') {
            const im = [...tree.images]
                .reverse()
                .find((x) => cur === x.name || cur.startsWith(`${x.name}:`) || cur.startsWith(`${x.name}@`));
            if (im && p[p.length - 1] === 'image') {
                return {
                    kind: 'patch',
                    location: walkDoc({ file: im.file, yaml: im.yaml, index: 0, kind: '', name: '' }, im.at, undefined).loc,
                };
            }
        }
    }
    let best;
    // JSON 6902 operations: one whose path is a prefix of the field (or the field of the op)
    for (let i = tree.ops.length - 1; i >= 0; i--) {
        const op = tree.ops[i];
        if ((op.kind && op.kind !== obj.kind) || (op.name && !obj.name.includes(op.name)))
            continue;
        const n = op.path.length;
        const prefix = op.path.every((s, j) => j >= p.length || s === p[j] || (s === '-' && typeof p[j] === 'number'));
        if (prefix && n <= p.length && (!best || n > best.depth))
            best = { depth: n === 0 ? 1 : n, loc: { file: op.file, line: op.line, column: op.column }, kind: 'patch' };
    }
    // strategic-merge patches, last applied first
    for (const d of matchDoc(tree.patches, obj.kind, obj.name).reverse()) {
        const w = walkDoc(d, p, obj.data);
        // a patch counts when it reaches below metadata (its identity keys are not the change)
        const meaningful = w.depth >= 2 && !(p[0] === 'metadata' && p[1] === 'name');
        if (meaningful && (!best || w.depth > best.depth))
            best = { ...w, kind: 'patch' };
    }
    for (const d of matchDoc(tree.resources, obj.kind, obj.name)) {
        const w = walkDoc(d, p, obj.data);
        if (!best || w.depth > best.depth) {
            const object = {
                apiVersion: d.apiVersion ?? '',
                kind: d.kind,
                name: d.name,
                ...(d.namespace ? { namespace: d.namespace } : {}),
            };
            best = { depth: w.depth, loc: w.loc, kind: 'base', base: { object, docPath: w.docPath } };
        }
    }
    if (best)
        return { kind: best.kind, location: best.loc, ...(best.base ? { base: best.base } : {}) };
    return { kind: 'object', location: fallback };
}
function overlaysOf(spec, dir) {
    const entries = Object.entries(spec.overlays ?? {});
    if (!entries.length)
        return [{ name: 'default', dir }];
    return entries.map(([name, o]) => typeof o === 'string'
        ? { name, dir: external_node_path_default().resolve(dir, o) }
        : { name, dir: external_node_path_default().resolve(dir, o.path), ...(o.profile ? { profile: o.profile } : {}) });
}
async function buildKustomization(spec, ctx) {
    const dir = external_node_path_default().resolve(ctx.cwd, spec.path);
    const rel = (f) => {
        const r = external_node_path_default().relative(ctx.cwd, f);
        return (r.startsWith('..') || external_node_path_default().isAbsolute(r) ? f : r).split((external_node_path_default()).sep).join('/') || '.';
    };
    const source = rel(dir);
    const overlays = overlaysOf(spec, dir);
    const names = overlays.map((o) => o.name);
    const sets = [];
    for (const ov of overlays) {
        const set = {
            tool: 'kustomize',
            source,
            environment: ov.name,
            environments: names,
            ...(ov.profile ? { profile: ov.profile } : {}),
            objects: [],
            skipped: [],
            problems: [],
            errors: [],
            notes: [],
            files: [],
            traces: new Map(),
            renderMs: 0,
        };
        sets.push(set);
        const ovRel = rel(ov.dir);
        if (!kustomizationFile(ov.dir)) {
            set.errors.push({
                file: ovRel,
                message: `no kustomization.yaml in ${ovRel}${ov.name !== 'default' ? ` (overlay ${ov.name})` : ''}`,
            });
            continue;
        }
        if (!ctx.kustomize) {
            set.errors.push({
                file: ovRel,
                message: `kustomize is needed to scan ${ovRel}: install kustomize or kubectl, or build it yourself`,
            });
            continue;
        }
        const t0 = performance.now();
        const res = await run(ctx.kustomize.bin, [...ctx.kustomize.args, ov.dir], {
            cwd: ctx.cwd,
            ...(ctx.env ? { env: ctx.env } : {}),
        });
        set.renderMs += performance.now() - t0;
        if (res.spawnError || res.code !== 0) {
            set.errors.push({
                file: ovRel,
                message: res.spawnError
                    ? `kustomize is needed to scan ${ovRel}: install kustomize or kubectl, or build it yourself (${res.spawnError})`
                    : `kustomize build failed for ${ovRel}: ${redactMessage(res.stderr || res.stdout)}`,
            });
            continue;
        }
        const renderedName = `${ovRel} (kustomize build)`;
        const built = splitRendered(res.stdout, renderedName);
        (0,arrays/* pushAll */.i)(set.problems, built.problems);
        (0,arrays/* pushAll */.i)(set.skipped, built.skipped);
        const tree = { resources: [], patches: [], ops: [], generated: [], images: [], files: [] };
        collect(ov.dir, ctx.cwd, tree, new Set());
        (0,arrays/* pushAll */.i)(set.files, new Set(tree.files));
        const kfile = rel(kustomizationFile(ov.dir));
        for (const d of built.docs) {
            const rendered = d.obj;
            const base = matchDoc(tree.resources, rendered.ref.kind, rendered.ref.name)[0];
            const file = base?.file ?? kfile;
            const text = base ? base.yaml.text : (0,external_node_fs_.readFileSync)(external_node_path_default().resolve(ctx.cwd, kfile), 'utf8');
            const fallback = base ? walkDoc(base, [], rendered.data).loc : { file: kfile, line: 1, column: 1 };
            const traced = new Map();
            const obj = {
                data: rendered.data,
                ref: rendered.ref,
                origin: 'manifest',
                file,
                docPath: [],
                source: { file, fileText: text, start: 0, end: text.length },
                locate(p) {
                    const t = traceKustomize(tree, { data: rendered.data, kind: rendered.ref.kind, name: rendered.ref.name }, p, fallback);
                    const r = rendered.locate?.(p);
                    traced.set((0,model/* formatPath */.jV)(p), {
                        path: p,
                        trace: { kind: t.kind, location: t.location, ...(t.base ? { base: t.base } : {}) },
                        renderedFile: renderedName,
                        ...(r ? { renderedLine: r.line } : {}),
                    });
                    return t.location;
                },
            };
            set.traces.set(obj, traced);
            set.objects.push(obj);
        }
    }
    return sets;
}

;// CONCATENATED MODULE: ./src/core/sources/index.ts
/**
 * Delivery sources (Helm charts per environment, Kustomize overlays, Dockerfiles) -> sets of
 * objects with traced locations -> the engine -> findings naming their environment.
 */










/** helm: $KUBEWARD_HELM, else `helm` on PATH. kustomize: $KUBEWARD_KUSTOMIZE, else kustomize, else kubectl. */
function findTools(env = process.env) {
    const helm = env.KUBEWARD_HELM || which('helm', env);
    const kz = env.KUBEWARD_KUSTOMIZE || which('kustomize', env);
    const kubectl = which('kubectl', env);
    return {
        ...(helm ? { helm } : {}),
        ...(kz
            ? { kustomize: { bin: kz, args: ['build'] } }
            : kubectl
                ? { kustomize: { bin: kubectl, args: ['kustomize'] } }
                : {}),
    };
}
const relOf = (cwd, f) => {
    const r = external_node_path_default().relative(cwd, f);
    return (r.startsWith('..') || external_node_path_default().isAbsolute(r) ? f : r).split((external_node_path_default()).sep).join('/') || '.';
};
const globEscape = (s) => s.replace(/[*?[\]{}()!+@]/g, '\\$&');
async function loadSources(opts) {
    const cfg = opts.config ?? {};
    const excludeMatch = opts.exclude?.length ? (0,glob/* compileGlob */.SO)(opts.exclude, { dot: true }) : undefined;
    const found = discoverSources(opts.paths, opts.cwd, excludeMatch);
    const out = { sets: [], exclude: [], dockerfiles: [...found.dockerfiles], errors: [], images: {} };
    // Dockerfiles named in `images:` are read even when they are not among the paths
    for (const [name, file] of Object.entries(cfg.images ?? {})) {
        const full = external_node_path_default().resolve(opts.cwd, file);
        out.images[name] = relOf(opts.cwd, full);
        if (!out.dockerfiles.includes(full)) {
            if ((0,external_node_fs_.existsSync)(full))
                out.dockerfiles.push(full);
            else
                out.errors.push({
                    file: relOf(opts.cwd, full),
                    message: `Dockerfile of image ${name} (sources.images) not found`,
                });
        }
    }
    const tools = findTools(opts.env);
    const keepOut = (dir) => {
        const r = relOf(opts.cwd, dir);
        out.exclude.push(r === '.' ? '**' : `${globEscape(r)}/**`);
    };
    const charts = [...(cfg.helm ?? [])];
    const configured = new Set(charts.map((c) => external_node_path_default().resolve(opts.cwd, c.chart)));
    if (cfg.render !== false) {
        for (const dir of found.charts) {
            if (configured.has(dir))
                continue;
            charts.push({
                chart: dir,
                ...(cfg.release ? { release: cfg.release } : {}),
                ...(cfg.namespace ? { namespace: cfg.namespace } : {}),
                ...(cfg.values ? { values: cfg.values } : {}),
                ...(cfg.set ? { set: cfg.set } : {}),
                ...(cfg.environments ? { environments: cfg.environments } : {}),
            });
        }
    }
    for (const dir of found.charts)
        keepOut(dir);
    for (const c of charts) {
        keepOut(external_node_path_default().resolve(opts.cwd, c.chart));
        const spec = cfg.includeTests && c.includeTests === undefined ? { ...c, includeTests: true } : c;
        out.sets.push(...(await renderHelmChart(spec, {
            cwd: opts.cwd,
            kubeVersion: opts.kubeVersion,
            ...(tools.helm ? { helm: tools.helm } : {}),
            ...(opts.env ? { env: opts.env } : {}),
        })));
    }
    const trees = [...(cfg.kustomize ?? [])];
    if (cfg.overlays && cfg.render !== false) {
        // overlays given for the scan paths: each path holding them is one tree
        for (const p of opts.paths) {
            const dir = external_node_path_default().resolve(opts.cwd, p);
            if (!found.charts.includes(dir) && Object.values(cfg.overlays).some((o) => (0,external_node_fs_.existsSync)(external_node_path_default().resolve(dir, o)))) {
                trees.push({ path: dir, overlays: cfg.overlays });
            }
        }
    }
    const configuredK = new Set(trees.map((k) => external_node_path_default().resolve(opts.cwd, k.path)));
    const underConfigured = (d) => [...configuredK].some((c) => d === c || d.startsWith(c + (external_node_path_default()).sep));
    if (cfg.render !== false) {
        // several roots found under one scan path are that tree's overlays: one source, one
        // environment each (named by their folder), so a finding in every overlay is reported once
        const roots = found.kustomizations.filter((d) => !underConfigured(d));
        const grouped = new Set();
        for (const p of opts.paths) {
            if (p === '-' || /[*?[\]{}]/.test(p))
                continue;
            const base = external_node_path_default().resolve(opts.cwd, p);
            const under = roots.filter((d) => !grouped.has(d) && d !== base && d.startsWith(base + (external_node_path_default()).sep));
            if (under.length < 2 || roots.includes(base))
                continue;
            const rels = under.map((d) => external_node_path_default().relative(base, d).split((external_node_path_default()).sep).join('/'));
            const short = rels.map((r) => r.split('/').pop());
            const names = new Set(short).size === short.length ? short : rels;
            trees.push({ path: base, overlays: Object.fromEntries(names.map((n, i) => [n, rels[i]])) });
            for (const d of under)
                grouped.add(d);
        }
        for (const dir of roots)
            if (!grouped.has(dir))
                trees.push({ path: dir });
    }
    for (const d of found.kustomizeDirs)
        keepOut(d);
    for (const k of trees) {
        keepOut(external_node_path_default().resolve(opts.cwd, k.path));
        out.sets.push(...(await buildKustomization(k, {
            cwd: opts.cwd,
            ...(tools.kustomize ? { kustomize: tools.kustomize } : {}),
            ...(opts.env ? { env: opts.env } : {}),
        })));
    }
    return out;
}
const refKey = (o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`;
const where = (l) => `${l.file}${l.line ? `:${l.line}` : ''}`;
/**
 * A fix of a built kustomize object rewritten for the base resource it was traced to: each path's
 * part along the finding's path takes the base's list indices. Undefined when a path reaches a list
 * item the trace did not walk (its index in the base is not known).
 */
function fixInBase(fix, findingPath, base) {
    const q = base.docPath;
    const move = (p) => {
        let k = 0;
        while (k < p.length && k < q.length && k < findingPath.length && p[k] === findingPath[k])
            k++;
        if (p.slice(k).some((s) => typeof s === 'number'))
            return undefined;
        return [...q.slice(0, k), ...p.slice(k)];
    };
    const set = (fix.set ?? []).map((s) => ({ path: move(s.path), value: s.value }));
    const remove = (fix.remove ?? []).map(move);
    if (set.some((s) => !s.path) || remove.some((r) => !r))
        return undefined;
    return {
        description: fix.description,
        object: base.object,
        ...(set.length ? { set: set.map((s) => ({ path: s.path, value: s.value })) } : {}),
        ...(remove.length ? { remove: remove } : {}),
    };
}
/**
 * Adds environment, trace and rendered-location details; moves fixes onto the traced values file.
 * A fix that cannot be written where the finding was traced (a template, a patch) is dropped and
 * `details.manualFix` says where the change belongs.
 */
function decorate(f, set, byRef) {
    if (!f.object)
        return f;
    const objs = byRef.get(refKey(f.object)) ?? [];
    let traced;
    for (const o of objs) {
        traced = set.traces.get(o)?.get(f.path);
        if (traced)
            break;
    }
    const details = { ...(f.details ?? {}) };
    details.source = `${set.tool} ${set.source}`;
    let fix = f.fix;
    if (traced) {
        details.traced = traced.trace.kind;
        if (traced.trace.valuesKey)
            details.valuesKey = traced.trace.valuesKey;
        details.rendered = `${traced.renderedFile}${traced.renderedLine ? `:${traced.renderedLine}` : ''}`;
        const t = traced.trace;
        if (fix && t.kind === 'values' && t.renderedPrefix && t.valuesPrefix) {
            const q = t.renderedPrefix;
            const v = t.valuesPrefix;
            const move = (p) => p.length >= q.length && q.every((s, i) => p[i] === s) ? [...v, ...p.slice(q.length)] : undefined;
            const set2 = (fix.set ?? []).map((s) => ({ path: move(s.path), value: s.value }));
            const rem = (fix.remove ?? []).map(move);
            if (set2.every((s) => s.path) && rem.every(Boolean)) {
                fix = {
                    description: fix.description,
                    document: true,
                    ...(set2.length ? { set: set2.map((s) => ({ path: s.path, value: s.value })) } : {}),
                    ...(rem.length ? { remove: rem } : {}),
                };
            }
            else {
                fix = undefined;
                details.manualFix = `the values under ${t.valuesKey ?? 'the traced key'} cannot take this fix as written: make it in the chart`;
            }
        }
        else if (fix && set.tool === 'helm') {
            // templates are not YAML the fixer can edit: say where the change belongs
            fix = undefined;
            details.manualFix = `make this change in the chart: ${where(traced.trace.location)} (kubeward fix does not edit templates)`;
        }
        else if (fix && set.tool === 'kustomize' && t.kind !== 'base') {
            // a patch's list positions are not the built object's, and generators are not objects
            fix = undefined;
            details.manualFix = `make this change in the ${t.kind === 'generator' ? 'kustomization' : 'patch'}: ${where(traced.trace.location)}`;
        }
        else if (fix && set.tool === 'kustomize') {
            // a base resource: the fix goes into the base file, on the resource as it is there (before
            // the overlay's namespace or name prefix), its list items by their index in the base
            const based = t.base ? fixInBase(fix, traced.path, t.base) : undefined;
            if (based)
                fix = based;
            else {
                fix = undefined;
                details.manualFix = `make this change in the base: ${where(traced.trace.location)} (the overlay changes the lists on the way there)`;
            }
        }
    }
    else if (fix && set.tool === 'helm') {
        fix = undefined;
        details.manualFix = `make this change in the chart ${set.source} (the field was not traced to a template or values line)`;
    }
    const { fix: _drop, ...rest } = f;
    void _drop;
    return { ...rest, details, ...(fix ? { fix } : {}) };
}
/**
 * Evaluates each set on its own (with its environment's profile) and merges: a finding present in
 * every environment of its source is reported once with the list; others name their environment.
 */
async function evaluateSources(sets, evaluateSet) {
    const out = {
        findings: [],
        suppressed: [],
        errors: [],
        skipped: [],
        problems: [],
        objects: [],
        files: [],
        notes: [],
    };
    const bySource = new Map();
    for (const set of sets) {
        (0,arrays/* pushAll */.i)(out.errors, set.errors);
        (0,arrays/* pushAll */.i)(out.skipped, set.skipped);
        (0,arrays/* pushAll */.i)(out.objects, set.objects);
        (0,arrays/* pushAll */.i)(out.files, set.files);
        (0,arrays/* pushAll */.i)(out.notes, set.notes);
        const res = await evaluateSet(set);
        (0,arrays/* pushAll */.i)(out.errors, res.errors);
        const key = `${set.tool}\0${set.source}`;
        bySource.set(key, [...(bySource.get(key) ?? []), { set, res }]);
    }
    for (const group of bySource.values()) {
        const envs = group[0].set.environments;
        const named = !(envs.length === 1 && envs[0] === 'default');
        for (const which of ['findings', 'suppressed']) {
            // the same finding across environments: same rule, field, kind and traced line (objects may
            // differ in namespace or name prefix between overlays)
            const merged = new Map();
            for (const { set, res } of group) {
                const byRef = new Map();
                for (const o of set.objects)
                    byRef.set(refKey(o.ref), [...(byRef.get(refKey(o.ref)) ?? []), o]);
                for (const raw of res[which]) {
                    const f = decorate(raw, set, byRef);
                    const k = [
                        f.ruleId,
                        f.severity,
                        f.path,
                        f.object?.kind ?? '',
                        f.location?.file ?? '',
                        f.location?.line ?? '',
                    ].join('\0');
                    const m = merged.get(k);
                    if (m) {
                        m.envs.push(set.environment);
                        m.fps.add(f.fingerprint);
                        m.names.add(f.object?.name ?? '');
                    }
                    else
                        merged.set(k, {
                            f,
                            envs: [set.environment],
                            fps: new Set([f.fingerprint]),
                            names: new Set([f.object?.name ?? '']),
                        });
                }
            }
            for (const { f, envs: present, fps, names } of merged.values()) {
                if (!named) {
                    out[which].push(f);
                }
                else if (present.length === envs.length && envs.length > 1) {
                    const fingerprint = fps.size === 1
                        ? f.fingerprint
                        : (0,model/* fingerprint */.Rj)(f.ruleId, undefined, `${f.object?.kind ?? ''}/${[...names].sort().join(',')}/${f.path}`, f.location?.file);
                    out[which].push({ ...f, fingerprint, details: { ...f.details, environments: present.join(', ') } });
                }
                else {
                    for (const env of present) {
                        out[which].push({
                            ...f,
                            fingerprint: (0,model/* fingerprint */.Rj)(f.ruleId, f.object, `${f.path}@${env}`, f.location?.file),
                            details: { ...f.details, environment: env },
                        });
                    }
                }
            }
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/core/sources/dockerfile.ts
var dockerfile = __webpack_require__(34874);
;// CONCATENATED MODULE: ./src/core/scan.ts
/** `scan(options)`: load the config, load manifests, run the catalog, build the report. The library entry point. */














/** The configuration's sources with the caller's added (the caller's chart-wide settings win). */
function mergeSources(config, caller) {
    const c = config ?? {};
    const o = caller ?? {};
    return {
        ...c,
        ...o,
        helm: [...(c.helm ?? []), ...(o.helm ?? [])],
        kustomize: [...(c.kustomize ?? []), ...(o.kustomize ?? [])],
        images: { ...(c.images ?? {}), ...(o.images ?? {}) },
    };
}
/**
 * Finds, loads and resolves the configuration (configFile, else .kubeward.yaml in cwd, else in
 * the first directory of `paths`) and builds the suppressor. Throws ConfigError.
 */
async function loadRunConfig(opts) {
    const cwd = opts.cwd ?? process.cwd();
    const content = opts.configContent;
    const configFile = content
        ? undefined
        : await (0,core_config/* findConfigFile */["if"])({ configFile: opts.configFile, cwd, paths: opts.paths });
    const loaded = content
        ? (0,core_config.parseConfig)(content.text, content.name ?? content.file, {
            dir: external_node_path_default().dirname(external_node_path_default().resolve(cwd, content.file)),
        })
        : configFile
            ? await (0,core_config/* loadConfigFile */.HT)(configFile, cwd)
            : undefined;
    const config = (0,core_config/* resolveConfig */.pE)(loaded, { profile: opts.profile, cwd });
    const settings = opts.settings ?? config.settings;
    const suppressor = (0,suppress/* createSuppressor */.LE)({
        exemptions: config.exemptions,
        annotations: config.suppressions.annotations,
        inline: config.suppressions.inline,
        knownRules: new Set([...rules/* catalog */.U$, ...config.customRules].map((r) => r.meta.id)),
        settings,
        ...(config.policy
            ? {
                wildcardProtected: config.policy.allowSuppressions.wildcard,
                lockedRules: config.policy.lockedRules,
                ...(config.policy.maxExemptionDays !== undefined ? { maxExemptionDays: config.policy.maxExemptionDays } : {}),
            }
            : {}),
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
        exclude: [...core_config/* CONFIG_FILE_NAMES */.HR.map((n) => `**/${n}`), ...config.exclude, ...(opts.exclude ?? [])],
        failOn: opts.failOn ?? config.failOn ?? 'high',
        rules: config.customRules.length ? [...rules/* catalog */.U$, ...config.customRules] : rules/* catalog */.U$,
    };
}
/**
 * Loads the admission policies of `policies:` paths (config and caller). Problems in them are
 * reported like any input's.
 */
async function loadPolicyObjects(paths, cwd) {
    if (!paths.length)
        return { objects: [], problems: [], errors: [], files: [] };
    const inv = await (0,load/* loadManifests */.DD)({ paths: [...paths], cwd });
    return { objects: inv.objects, problems: inv.problems, errors: inv.errors, files: inv.files };
}
/** Findings the rule engine's redaction does not see: the input rules' and the suppressor's. */
const OUTSIDE_RULES = new Set(input/* rules */.aO.map((r) => r.meta.id));
function redactFinding(f, redactText) {
    const message = redactText(f.message);
    let details = f.details;
    if (details) {
        details = {};
        for (const [k, v] of Object.entries(f.details))
            details[k] = typeof v === 'string' ? redactText(v) : v;
    }
    return message === f.message && details === f.details ? f : { ...f, message, ...(details ? { details } : {}) };
}
/**
 * Scans manifests. Throws ConfigError (src/core/config.ts) when the configuration is invalid or
 * the profile unknown; every other problem is reported in the Report.
 */
async function scan(opts) {
    const started = performance.now();
    const cwd = opts.cwd ?? process.cwd();
    const run = await loadRunConfig({ ...opts, cwd });
    const srcs = opts.sources === false
        ? undefined
        : await loadSources({
            paths: opts.paths,
            cwd,
            config: mergeSources(run.config.sources, opts.sources),
            kubeVersion: run.engine.kubeVersion ?? engine/* DEFAULT_KUBE_VERSION */.zT,
            exclude: run.exclude,
            ...(opts.env ? { env: opts.env } : {}),
        });
    const inv = await (0,load/* loadManifests */.DD)({
        ...opts,
        cwd,
        ...(run.include.length ? { include: run.include } : {}),
        // kustomization files are never objects; rendered sources' folders are scanned rendered
        exclude: [...run.exclude, ...KUSTOMIZATION_FILES.map((n) => `**/${n}`), ...(srcs?.exclude ?? [])],
    });
    run.suppressor.inspect(inv.objects);
    (0,rules.registerRules)(run.config.customRules);
    const pol = await loadPolicyObjects([...run.config.policies, ...(opts.policyPaths ?? [])], cwd);
    const res = (0,engine/* evaluate */._3)(inv.objects, [...inv.problems, ...pol.problems], {
        ...opts,
        ...run.engine,
        rules: opts.rules ?? run.rules,
        mode: 'manifest',
        policies: [...(opts.policies ?? []), ...pol.objects],
    });
    // each chart environment / overlay is evaluated as its own set, with its environment's profile
    const profiled = new Map();
    const src = srcs?.sets.length
        ? await evaluateSources(srcs.sets, async (set) => {
            let r = run;
            if (set.profile && set.profile !== opts.profile) {
                if (!profiled.has(set.profile))
                    profiled.set(set.profile, loadRunConfig({ ...opts, cwd, profile: set.profile }));
                r = await profiled.get(set.profile);
            }
            run.suppressor.inspect(set.objects);
            return (0,engine/* evaluate */._3)(set.objects, set.problems, {
                ...opts,
                ...r.engine,
                rules: opts.rules ?? r.rules,
                mode: 'manifest',
                policies: [...(opts.policies ?? []), ...pol.objects],
            });
        })
        : undefined;
    // Dockerfiles: the Dockerfile rules only, with every manifest object for the USER cross-check
    const docker = srcs?.dockerfiles.length ? (0,dockerfile/* loadDockerfiles */.iU)(srcs.dockerfiles, cwd) : undefined;
    const dres = docker
        ? (run.suppressor.inspect(docker.objects),
            (0,engine/* evaluate */._3)([...docker.objects, ...inv.objects, ...(src?.objects ?? [])], [], {
                ...opts,
                ...run.engine,
                settings: (meta) => {
                    const s = run.engine.settings(meta);
                    return meta.id === 'dockerfile-user-conflict'
                        ? { ...s, options: { ...s.options, images: { ...s.options.images, ...srcs?.images } } }
                        : s;
                },
                rules: (opts.rules ?? rules/* catalog */.U$).filter((r) => r.meta.category === 'dockerfile'),
                mode: 'manifest',
            }))
        : undefined;
    const objects = [...inv.objects, ...(src?.objects ?? []), ...(docker?.objects ?? [])];
    // findings made outside the rules (load problems, rule errors, and the suppressor's own: no
    // reason, unknown rule, expired exemption) and input errors go through the same redaction point
    const redactText = (0,quoted/* scanWideRedactor */.LG)(objects);
    const findings = (0,engine/* sortFindings */.Tc)([...res.findings, ...(src?.findings ?? []), ...(dres?.findings ?? []), ...run.suppressor.findings()].map((f) => OUTSIDE_RULES.has(f.ruleId) ? redactFinding(f, redactText) : f));
    return {
        tool: { name: 'kubeward', version: version/* VERSION */.x },
        findings,
        suppressed: (0,engine/* sortFindings */.Tc)([...res.suppressed, ...(src?.suppressed ?? []), ...(dres?.suppressed ?? [])]),
        counts: (0,model/* countBySeverity */.Ot)(findings),
        filesScanned: new Set([
            ...inv.files,
            ...(src?.files ?? []),
            ...(docker?.objects.map((o) => o.file) ?? []),
        ]).size,
        objectsScanned: objects.length,
        objects: objects.map((o) => ({ ref: o.ref, ...(o.file ? { file: o.file } : {}) })),
        skipped: [...inv.skipped, ...(src?.skipped ?? [])],
        errors: [
            ...inv.errors,
            ...pol.errors,
            ...res.errors,
            ...(src?.errors ?? []),
            ...(srcs?.errors ?? []),
            ...(docker?.errors ?? []),
            ...(dres?.errors ?? []),
        ].map((e) => ({ ...e, message: redactText(e.message) })),
        notVerified: [],
        failOn: run.failOn,
        durationMs: Math.round(performance.now() - started),
        ...(srcs?.sets.length
            ? {
                sources: srcs.sets.map((s) => ({
                    tool: s.tool,
                    source: s.source,
                    environment: s.environment,
                    objects: s.objects.length,
                    renderMs: Math.round(s.renderMs),
                    notes: s.notes,
                })),
            }
            : {}),
    };
}


/***/ })

};
