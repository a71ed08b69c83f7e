export const id = 490;
export const ids = [490];
export const modules = {

/***/ 32707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cu: () => (/* binding */ fixLineEdit),
/* harmony export */   yZ: () => (/* binding */ applyFixes)
/* harmony export */ });
/* unused harmony exports applyFixToDocument, findObject, applyFixToFile, lineEdit */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44146);
/* harmony import */ var _manifests_parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(62609);
/* harmony import */ var _arrays_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53309);
/**
 * Comment-preserving YAML edits. A `Fix` (set / remove field paths relative to an object) becomes
 * small text edits on the object's source document: every line the fix does not touch keeps its
 * bytes, comments and indentation. Used for PR suggestions and a future `--fix`.
 *
 * The `yaml` package's Document (with node ranges) tells where things are; the text is edited by
 * hand so nothing else in the document is re-serialised.
 */




class FixError extends Error {
}
const PARSE = { version: '1.1', uniqueKeys: false, strict: false, keepSourceTokens: false };
function keyOf(n) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar)(n) ? String(n.value) : String(n);
}
function lineStartOf(text, offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
}
function columnOf(text, offset) {
    return offset - lineStartOf(text, offset);
}
/** Offset just past the line holding `offset - 1` (i.e. the start of the next line). */
function endOfLine(text, offset) {
    if (offset > 0 && text[offset - 1] === '\n')
        return offset;
    const nl = text.indexOf('\n', offset);
    return nl === -1 ? text.length : nl + 1;
}
/** Guess the document's indentation step from its first nested mapping (default 2). */
function indentStep(text) {
    const m = /^([A-Za-z_"'][^\n:]*):[ \t]*(?:#.*)?\n( +)[A-Za-z_"'-]/m.exec(text);
    if (m)
        return Math.max(1, Math.min(8, m[2].length - (m[0].length - m[0].trimStart().length)));
    return 2;
}
/** A scalar value as it would be written in place (YAML 1.1 aware quoting). */
function scalarText(value) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__.stringify)(value, { version: '1.1' }).replace(/\n$/, '');
}
/** Block YAML for `{ key: value }`, each line prefixed with `indent`. */
function blockText(key, value, indent, step) {
    const body = (0,yaml__WEBPACK_IMPORTED_MODULE_0__.stringify)({ [key]: value }, { version: '1.1', indent: step, indentSeq: true, lineWidth: 0 });
    return body
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => indent + l)
        .join('\n');
}
function nest(path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; i--) {
        const seg = path[i];
        if (typeof seg === 'number')
            throw new FixError(`cannot create a list item at [${seg}]`);
        v = { [seg]: v };
    }
    return v;
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** One text edit that sets `path` to `value` in the document `text` (parsed fresh by the caller). */
function setEdit(text, root, path, value) {
    if (!root)
        throw new FixError('empty document');
    const step = indentStep(text);
    let node = root;
    // The key node of the pair holding `node`, when it is a map value.
    let keyNode = null;
    for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        if (typeof seg === 'number') {
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__.isSeq)(node))
                throw new FixError(`expected a list at ${(0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(path.slice(0, i))}`);
            const item = node.items[seg];
            if (!item)
                throw new FixError(`no list item [${seg}]`);
            node = item;
            keyNode = null;
            continue;
        }
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar)(node) && (node.value === null || node.value === undefined) && keyNode) {
            // `securityContext:` with nothing under it: write the rest as a block under the key.
            return [nullValueEdit(text, keyNode, node, nest(path.slice(i), value), step)];
        }
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(node))
            throw new FixError(`expected a mapping at ${(0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .jV)(path.slice(0, i))}`);
        const pair = [...node.items].reverse().find((p) => keyOf(p.key) === seg);
        if (!pair)
            return [insertEdit(text, node, keyNode, seg, nest(path.slice(i + 1), value), step)];
        const v = pair.value;
        if (!v) {
            const k = pair.key;
            if (!k.range)
                throw new FixError('key without position');
            const at = k.range[1];
            const colon = text.indexOf(':', at);
            return [blockAfterKey(text, k, colon + 1, nest(path.slice(i + 1), value), step)];
        }
        node = v;
        keyNode = pair.key;
    }
    // The field exists: replace scalars in place, merge objects key by key.
    if (isPlainObject(value) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(node) && !node.flow) {
        const edits = [];
        for (const [k, v] of Object.entries(value))
            (0,_arrays_js__WEBPACK_IMPORTED_MODULE_3__/* .pushAll */ .i)(edits, setEdit(text, root, [...path, k], v));
        if (edits.length > 1)
            throw new FixError('multi-part edit'); // applied one at a time by the caller
        return edits;
    }
    if (!node.range)
        throw new FixError('node without position');
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar)(node) && !isPlainObject(value) && !Array.isArray(value)) {
        const cur = node.value;
        if (cur === value)
            return [];
        return [{ start: node.range[0], end: node.range[1], text: scalarText(value) }];
    }
    // Replace a whole value (a flow collection, or a scalar by a collection): block under the key.
    if (!keyNode)
        throw new FixError('cannot replace the document root');
    return [replaceValueEdit(text, keyNode, node, value, step)];
}
/** `key:` followed by a block for `value` (value is the nested rest of the path). */
function blockAfterKey(text, key, valueStart, value, step) {
    const keyCol = columnOf(text, key.range[0]);
    const end = endOfLine(text, valueStart);
    // keep a comment that follows `key:` on the same line
    const comment = /#.*$/.exec(text.slice(valueStart, end).replace(/\n$/, ''))?.[0];
    const body = valueLines(value, ' '.repeat(keyCol + step), step);
    return { start: valueStart, end, text: `${comment ? ' ' + comment : ''}\n${body}\n` };
}
function valueLines(value, indent, step) {
    if (!isPlainObject(value))
        throw new FixError('cannot write a non-mapping value as a block');
    return Object.entries(value)
        .map(([k, v]) => blockText(k, v, indent, step))
        .join('\n');
}
function nullValueEdit(text, key, _node, value, step) {
    return blockAfterKey(text, key, text.indexOf(':', key.range[1]) + 1, value, step);
}
function replaceValueEdit(text, key, node, value, step) {
    if (isPlainObject(value)) {
        // e.g. `securityContext: {}` -> a block
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isCollection)(node) && node.items.length > 0 && node.flow) {
            throw new FixError('cannot merge into a non-empty flow mapping');
        }
        const colon = text.indexOf(':', key.range[1]);
        const end = endOfLine(text, node.range[1]);
        const comment = text.slice(node.range[1], end).replace(/\n$/, '');
        const body = valueLines(value, ' '.repeat(columnOf(text, key.range[0]) + step), step);
        return { start: colon + 1, end, text: `${comment.trim() ? ' ' + comment.trim() : ''}\n${body}\n` };
    }
    const inline = (0,yaml__WEBPACK_IMPORTED_MODULE_0__.stringify)(value, { version: '1.1', collectionStyle: 'flow' }).replace(/\n$/, '');
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isCollection)(node) && !node.flow && node.range) {
        // a block collection's range runs into the next line: replace up to the end of its last
        // content line only, so the line break (and the key that follows) stay where they are
        let contentEnd = node.range[1];
        while (contentEnd > node.range[0] && /\s/.test(text[contentEnd - 1]))
            contentEnd--;
        const end = endOfLine(text, contentEnd);
        const first = node.items[0];
        const scalars = Array.isArray(value) && value.length > 0 && value.every((v) => v === null || typeof v !== 'object');
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isSeq)(node) && scalars && first?.range) {
            // a block sequence stays a block sequence, at the column of its dashes
            const dashCol = columnOf(text, text.lastIndexOf('-', first.range[0]));
            const lines = value.map((v) => `${' '.repeat(dashCol)}- ${(0,yaml__WEBPACK_IMPORTED_MODULE_0__.stringify)(v, { version: '1.1' }).replace(/\n$/, '')}`);
            return { start: lineStartOf(text, text.lastIndexOf('-', first.range[0])), end, text: lines.join('\n') + '\n' };
        }
        const colon = text.indexOf(':', key.range[1]);
        return { start: colon + 1, end, text: ` ${inline}\n` };
    }
    return { start: node.range[0], end: node.range[1], text: inline };
}
/** Inserts `key: value` into the block mapping `map` (after `image:` when there is one, else at the end). */
function insertEdit(text, map, mapKey, key, value, step) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(map))
        throw new FixError('not a mapping');
    if (map.flow) {
        if (map.items.length === 0 && mapKey)
            return replaceValueEdit(text, mapKey, map, { [key]: value }, step);
        throw new FixError('cannot insert into a flow mapping');
    }
    const items = map.items;
    if (items.length === 0)
        throw new FixError('empty mapping');
    const first = items[0].key;
    const indent = ' '.repeat(columnOf(text, first.range[0]));
    const after = items.find((p) => keyOf(p.key) === 'image' && (0,yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar)(p.value)) ?? items[items.length - 1];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__.isPair)(after))
        throw new FixError('unexpected mapping item');
    const v = after.value ?? after.key;
    const at = endOfLine(text, v.range[1]);
    const block = blockText(key, value, indent, step);
    const needsBreak = at === text.length && !text.endsWith('\n');
    return { start: at, end: at, text: (needsBreak ? '\n' : '') + block + '\n' };
}
function removeEdit(text, root, path) {
    if (!root || path.length === 0)
        throw new FixError('cannot remove the document root');
    const parent = path.length === 1 ? root : (parseNodeAt(root, path.slice(0, -1)) ?? null);
    const last = path[path.length - 1];
    if (!parent)
        return [];
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(parent) && typeof last === 'string') {
        if (parent.flow)
            throw new FixError('cannot remove from a flow mapping');
        const pair = parent.items.find((p) => keyOf(p.key) === last);
        if (!pair)
            return [];
        const k = pair.key;
        const v = pair.value ?? k;
        const start = lineStartOf(text, k.range[0]);
        const before = text.slice(start, k.range[0]);
        if (before.trim() !== '')
            throw new FixError('the key shares its line with another item');
        return [{ start, end: endOfLine(text, v.range[1]), text: '' }];
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isSeq)(parent) && typeof last === 'number') {
        if (parent.flow)
            throw new FixError('cannot remove from a flow sequence');
        const item = parent.items[last];
        if (!item?.range)
            return [];
        const dash = text.lastIndexOf('-', item.range[0]);
        const start = lineStartOf(text, dash);
        return [{ start, end: endOfLine(text, item.range[1]), text: '' }];
    }
    return [];
}
function parseNodeAt(root, path) {
    let node = root;
    for (const seg of path) {
        if (typeof seg === 'number' && (0,yaml__WEBPACK_IMPORTED_MODULE_0__.isSeq)(node))
            node = node.items[seg];
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(node)) {
            const pair = [...node.items].reverse().find((p) => keyOf(p.key) === String(seg));
            node = pair?.value ?? undefined;
        }
        else
            return undefined;
        if (!node)
            return undefined;
    }
    return node;
}
function applyEdit(text, e) {
    return text.slice(0, e.start) + e.text + text.slice(e.end);
}
/**
 * Applies one fix to a YAML document's text. `base` prefixes every path (e.g. ['items', 3] for a
 * List item). Throws when the fix cannot be written without re-serialising the document.
 */
function applyFixToDocument(docText, fix, base = []) {
    let text = docText;
    const ops = [];
    const root = () => (0,yaml__WEBPACK_IMPORTED_MODULE_0__.parseDocument)(text, PARSE).contents ?? null;
    for (const s of fix.set ?? []) {
        const leaves = [];
        flattenSet([...base, ...s.path], s.value, leaves, root());
        for (const l of leaves)
            ops.push(() => setEdit(text, root(), l.path, l.value));
    }
    for (const r of fix.remove ?? [])
        ops.push(() => removeEdit(text, root(), [...base, ...r]));
    const crlf = docText.includes('\r\n');
    for (const op of ops) {
        for (const e of op()) {
            // new lines follow the file's line endings
            text = applyEdit(text, crlf ? { ...e, text: e.text.replace(/\r?\n/g, '\r\n') } : e);
        }
    }
    // a document that did not end with a line break still does not
    if (!/\n$/.test(docText))
        text = text.replace(/\r?\n$/, '');
    return text;
}
/** Splits setting an object into an existing block mapping into one set per key (merge). */
function flattenSet(path, value, out, root) {
    const node = root ? parseNodeAt(root, path) : undefined;
    if (isPlainObject(value) && node && (0,yaml__WEBPACK_IMPORTED_MODULE_0__.isMap)(node) && !node.flow) {
        for (const [k, v] of Object.entries(value))
            flattenSet([...path, k], v, out, root);
        return;
    }
    out.push({ path, value });
}
function sameRef(a, b) {
    return (a.kind === b.kind &&
        a.name === b.name &&
        (a.namespace ?? '') === (b.namespace ?? '') &&
        a.apiVersion === b.apiVersion);
}
function lineOf(text, offset) {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
        n++;
    return n;
}
/** The object of `fileText` a target points at (identity, then the line to break ties). */
function findObject(fileText, target, file = 'manifest.yaml') {
    const objects = (0,_manifests_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseManifestText */ .k_)(fileText, file).objects;
    // a fix traced to another object of the file (a kustomize base resource) names that object
    const ref = target.fix?.object ?? target.object;
    const same = ref ? objects.filter((o) => sameRef(o.ref, ref)) : objects;
    if (same.length <= 1 || !target.location)
        return same[0];
    const line = target.location.line;
    return (same.find((o) => {
        const s = o.source;
        return lineOf(s.fileText, s.start) <= line && line <= lineOf(s.fileText, s.end);
    }) ?? same[0]);
}
/** The whole file's text with one target's fix applied. */
function applyFixToFile(fileText, target) {
    if (!target.fix)
        throw new FixError('no fix');
    // a values file (not an object): the paths start at the document's root
    if (target.fix.document)
        return applyFixToDocument(fileText, target.fix);
    const obj = findObject(fileText, target);
    if (!obj?.source)
        throw new FixError('object not found in the file');
    const { start, end } = obj.source;
    const text = obj.source.fileText;
    const doc = applyFixToDocument(text.slice(start, end), target.fix, obj.docPath);
    // parseManifestText replaces a BOM with a space: keep the original first character
    return fileText.slice(0, start) + doc + fileText.slice(end);
}
/**
 * Applies fixes to a file's text, one after the other (each re-parses, so positions stay right).
 * A fix that cannot be applied is reported in `failed` and leaves the text as it was.
 */
function applyFixes(fileText, targets) {
    let text = fileText;
    const res = { text, applied: 0, failed: [] };
    for (const t of targets) {
        try {
            const next = applyFixToFile(text, t);
            if (next !== text)
                res.applied++;
            text = next;
        }
        catch (e) {
            res.failed.push({ target: t, reason: e.message });
        }
    }
    res.text = text;
    return res;
}
/** The smallest run of old lines to replace, and the new lines: a line-level diff of two texts. */
function lineEdit(before, after) {
    if (before === after)
        return undefined;
    const a = before.split('\n').map((l) => l.replace(/\r$/, ''));
    const b = after.split('\n').map((l) => l.replace(/\r$/, ''));
    let pre = 0;
    while (pre < a.length && pre < b.length && a[pre] === b[pre])
        pre++;
    let suf = 0;
    while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
        suf++;
    let startLine = pre + 1;
    const endLine = a.length - suf;
    let lines = b.slice(pre, b.length - suf);
    if (endLine < startLine) {
        // a pure insertion: replace the line before it with itself plus the new lines
        if (pre === 0)
            return { startLine: 1, endLine: 1, lines: [...lines, a[0]] };
        startLine = pre;
        lines = [a[pre - 1], ...lines];
        return { startLine, endLine: pre, lines };
    }
    return { startLine, endLine, lines };
}
/** The line edit a target's fix makes to a file, or undefined when it cannot be made. */
function fixLineEdit(fileText, target) {
    try {
        return lineEdit(fileText, applyFixToFile(fileText, target));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 49490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportChunks: () => (/* binding */ reportChunks)
});

// UNUSED EXPORTS: batched, jsonChunks

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/fixes/index.ts
var fixes = __webpack_require__(32707);
// EXTERNAL MODULE: ./src/core/report/util.ts
var util = __webpack_require__(8220);
// EXTERNAL MODULE: ./src/core/report/markdown.ts
var markdown = __webpack_require__(34201);
// EXTERNAL MODULE: ./src/core/selection.ts
var selection = __webpack_require__(96745);
;// CONCATENATED MODULE: ./src/core/report/html.ts
/**
 * The HTML report: one self-contained page for CI artifacts. No network: inline CSS and one small
 * inline script, both allowed by their SHA-256 hashes in the page's Content-Security-Policy. The
 * findings travel as compact JSON (a string table and arrays of indexes) and the script renders
 * them in chunks as the reader scrolls, so 20,000 findings stay a few MB and paint at once.
 *
 * What it shows: summary cards by severity, a chart by rule and severity, findings grouped by
 * file then object with the code excerpt and the offending line highlighted (when the caller gives
 * the source text), filters (severity, rule, namespace, kind, environment/cluster), search, sort,
 * collapsible groups, links to each rule's documentation and to the file at the commit (with a
 * URL prefix), the fix and the suggested lines per finding, suppressed findings in their own tab,
 * input errors and what was not verified.
 *
 * Untrusted text is never parsed as HTML: the server side escapes it, the script sets textContent.
 * Excerpts never show a secret: lines of a finding with a secret preview and every line of a file
 * that holds a Secret object are left out.
 */







const SEV_INDEX = new Map(model/* SEVERITIES */.oC.map((s, i) => [s, i]));
class Strings {
    list = [];
    index = new Map();
    id(s) {
        if (s === undefined || s === '')
            return -1;
        let i = this.index.get(s);
        if (i === undefined) {
            i = this.list.length;
            this.list.push(s);
            this.index.set(s, i);
        }
        return i;
    }
}
/** Lines (1-based) of a file that must never be shown. */
function secretLines(findings) {
    const out = new Map();
    for (const f of findings) {
        if (!f.secretPreview || !f.location)
            continue;
        let s = out.get(f.location.file);
        if (!s)
            out.set(f.location.file, (s = new Set()));
        for (let l = f.location.line; l <= (f.location.endLine ?? f.location.line); l++)
            s.add(l);
    }
    return out;
}
const HOLDS_SECRET_OBJECT = /^\s*kind:\s*["']?Secret["']?\s*$/m;
function encode(report, opts) {
    const S = new Strings();
    const all = [...report.findings, ...report.suppressed];
    const secrets = secretLines(all);
    const texts = new Map();
    const lines = (file) => {
        let t = texts.get(file);
        if (t === undefined) {
            const text = opts.readSource?.(file);
            t = text === undefined || HOLDS_SECRET_OBJECT.test(text) ? null : text.split(/\r?\n/);
            texts.set(file, t);
        }
        return t;
    };
    const ex = {};
    let exBytes = 0;
    let omitted = 0;
    const maxEx = opts.maxExcerptBytes ?? 1_200_000;
    const addExcerpt = (f) => {
        if (!f.location || !opts.readSource)
            return;
        const ls = lines(f.location.file);
        if (!ls)
            return;
        const fi = S.id(f.location.file);
        const m = (ex[fi] ??= {});
        const hidden = secrets.get(f.location.file);
        const end = f.location.endLine ?? f.location.line;
        for (let l = Math.max(1, f.location.line - 2); l <= Math.min(ls.length, end + 2); l++) {
            if (m[l] !== undefined)
                continue;
            if (exBytes > maxEx) {
                omitted++;
                return;
            }
            const text = hidden?.has(l) ? '… (a detected secret: not shown)' : ls[l - 1].slice(0, 300);
            m[l] = S.id(text === '' ? ' ' : text);
            exBytes += text.length + 8;
        }
    };
    const sg = {};
    let suggestions = 0;
    const row = (f, i, suppressed) => {
        addExcerpt(f);
        const o = f.object;
        if (!suppressed && f.fix && f.location && suggestions < (opts.maxSuggestions ?? 3000)) {
            const ls = lines(f.location.file);
            if (ls) {
                const edit = (0,fixes/* fixLineEdit */.cu)(ls.join('\n'), f);
                const hidden = secrets.get(f.location.file);
                const touchesSecret = edit && hidden && [...hidden].some((l) => l >= edit.startLine - 1 && l <= edit.endLine + 1);
                if (edit && !touchesSecret && edit.lines.length <= 40) {
                    sg[String(i)] = [edit.startLine, edit.endLine, edit.lines.map((l) => S.id(l === '' ? ' ' : l))];
                    suggestions++;
                }
            }
        }
        const r = [
            SEV_INDEX.get(f.severity) ?? 4,
            S.id(f.ruleId),
            S.id(f.location?.file),
            f.location?.line ?? 0,
            f.location?.column ?? 0,
            S.id(o ? (0,util/* objectName */.Hd)(o) : undefined),
            S.id(f.message + (f.secretPreview ? ` (${f.secretPreview})` : '')),
            S.id(f.path),
            S.id(f.fix?.description),
            S.id(o?.namespace),
            S.id(o?.kind),
            S.id(o?.cluster ?? f.details?.environment),
            -1,
            f.location?.endLine && f.location.endLine !== f.location.line ? f.location.endLine : 0,
        ];
        titles[r0(f.ruleId)] = S.id(f.title);
        if (suppressed && f.suppression) {
            r.push(S.id(`${f.suppression.kind}: ${f.suppression.reason}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ''}`));
        }
        return r;
    };
    const titles = {};
    const r0 = (id) => S.id(id);
    const f = report.findings.map((x, i) => row(x, i, false));
    const x = report.suppressed.map((y, i) => row(y, i, true));
    return {
        s: S.list,
        f,
        x,
        ex,
        sg,
        t: titles,
        pre: opts.fileUrlPrefix && /^https?:\/\//i.test(opts.fileUrlPrefix) ? opts.fileUrlPrefix : '',
        docs: opts.ruleDocsUrl ?? markdown/* RULE_DOCS_URL */.tI,
        omitted,
    };
}
/** Above this much JSON the findings are gzipped (and base64-encoded); the page unpacks them. */
const PACK_ABOVE = 1_500_000;
function dataElement(data) {
    const json = scriptJson(data);
    if (json.length <= PACK_ABOVE)
        return `<script type="application/json" id="kw-data">${json}</script>`;
    const packed = (0,external_node_zlib_.gzipSync)(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
    return `<script type="application/octet-stream" id="kw-data" data-encoding="gzip-base64">${packed}</script>`;
}
/** The findings data of an HTML report (for tests and tools): the JSON the page renders from. */
function htmlReportData(html) {
    const m = /<script type="application\/(json|octet-stream)" id="kw-data"[^>]*>([\s\S]*?)<\/script>/.exec(html);
    if (!m)
        return undefined;
    return JSON.parse(m[1] === 'json' ? m[2] : gunzipSync(Buffer.from(m[2], 'base64')).toString('utf8'));
}
/** JSON that can sit inside a <script> element: nothing in it can close the element. */
function scriptJson(v) {
    return JSON.stringify(v)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
const CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0550ae;
--critical:#6f42c1;--high:#b91c1c;--medium:#9a4d00;--low:#6b5900;--info:#3e5a75}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:1400px;margin:0 auto;padding:.6rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
a{color:var(--accent)}
.muted{color:var(--muted)}
.verdict{font-weight:600;margin:.3rem 0}.verdict.fail{color:var(--high)}.verdict.ok{color:#116329}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}
.card{border:1px solid var(--line);border-left:6px solid;border-radius:6px;padding:.4rem .9rem;min-width:7.5rem;background:var(--soft);cursor:pointer;font:inherit;color:inherit;text-align:left}
.card[aria-pressed=false]{opacity:.55}
.card .n{display:block;font-size:1.5rem;font-weight:700}
.c-critical{border-left-color:var(--critical)}.c-high{border-left-color:var(--high)}.c-medium{border-left-color:var(--medium)}.c-low{border-left-color:var(--low)}.c-info{border-left-color:var(--info)}
.chart{display:grid;grid-template-columns:minmax(8rem,16rem) minmax(0,1fr) 3.5rem;gap:.25rem .6rem;align-items:center;max-width:900px}
.chart .name{overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.bar{display:flex;height:.9rem;background:var(--soft);border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%}
.b-critical{background:var(--critical)}.b-high{background:var(--high)}.b-medium{background:var(--medium)}.b-low{background:var(--low)}.b-info{background:var(--info)}
.legend{display:flex;gap:1rem;font-size:.85rem;margin:.4rem 0}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
.tabs{display:flex;gap:.3rem;border-bottom:1px solid var(--line);margin-top:1.2rem}
.tabs button{font:inherit;border:1px solid var(--line);border-bottom:none;background:var(--soft);padding:.4rem .9rem;border-radius:6px 6px 0 0;cursor:pointer;color:var(--fg)}
.tabs button[aria-selected=true]{background:var(--bg);font-weight:600;margin-bottom:-1px;padding-bottom:calc(.4rem + 1px)}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end;margin:.8rem 0}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:.15rem}
.filters select,.filters input{font:inherit;padding:.25rem .4rem;border:1px solid var(--line);border-radius:4px;max-width:16rem;color:var(--fg);background:var(--bg)}
.filters input[type=search]{width:18rem}
.sevs{display:flex;gap:.5rem;flex-wrap:wrap;border:none;padding:0;margin:0}.sevs legend{font-size:.8rem;color:var(--muted);padding:0}
.sevs label{flex-direction:row;align-items:center;gap:.2rem;color:var(--fg);font-size:.9rem}
.count{margin:.4rem 0;color:var(--muted)}
details.file{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;background:var(--bg)}
details.file>summary{padding:.45rem .7rem;background:var(--soft);cursor:pointer;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88rem}
.obj{padding:.3rem .7rem;font-weight:600;border-top:1px solid var(--line);overflow-wrap:anywhere}
.f{display:grid;grid-template-columns:5.5rem minmax(0,1fr);gap:.2rem .8rem;padding:.45rem .7rem;border-top:1px dashed var(--line)}
.f>*{min-width:0}
.sev{display:inline-block;border-radius:3px;padding:0 .35rem;color:#fff;font-size:.75rem;font-weight:600;text-transform:uppercase}
.s-critical{background:var(--critical)}.s-high{background:var(--high)}.s-medium{background:var(--medium)}.s-low{background:var(--low)}.s-info{background:var(--info)}
.msg{overflow-wrap:anywhere}
.meta{font-size:.82rem;color:var(--muted);overflow-wrap:anywhere}
.meta code,.rule{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.82rem}
.fix{font-size:.85rem;overflow-wrap:anywhere}
pre.code{margin:.3rem 0 0;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:.3rem 0;overflow-x:auto;font-size:.8rem;line-height:1.4;max-width:100%}
pre.code>span{display:block;padding:0 .6rem;white-space:pre}
pre.code .hl{background:#fff1c2;font-weight:600}
pre.code .add{background:#dafbe1}
.ln{display:inline-block;min-width:3.2rem;color:var(--muted);user-select:none}
.more{margin:1rem 0;font:inherit;padding:.4rem 1rem;cursor:pointer}
ul.plain{padding-left:1.2rem}ul.plain li{overflow-wrap:anywhere}
[hidden]{display:none!important}
`;
const SCRIPT = `(function(){
"use strict";
function main(D){
var S=D.s,SEV=["critical","high","medium","low","info"],CHUNK=150;
function str(i){return i<0?"":S[i];}
function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!=null)e.textContent=x;return e;}
function enc(p){return p.replace(/\\\\/g,"/").split("/").map(encodeURIComponent).join("/");}
var state={tab:"f",sev:{},rule:"",ns:"",kind:"",env:"",q:"",sort:"sev"};
SEV.forEach(function(s){state.sev[s]=true;});
var $=function(id){return document.getElementById(id);};
function fill(sel,col,rows){var seen={};rows.forEach(function(r){var v=r[col];if(v>=0)seen[v]=1;});
 Object.keys(seen).map(Number).sort(function(a,b){return S[a]<S[b]?-1:1;}).forEach(function(v){var o=el("option",null,S[v]);o.value=S[v];sel.appendChild(o);});}
var both=D.f.concat(D.x);
fill($("f-rule"),1,both);fill($("f-ns"),9,both);fill($("f-kind"),10,both);fill($("f-env"),11,both);
if(!$("f-env").options.length||$("f-env").options.length<2)$("f-env").parentNode.hidden=true;
function matches(r){
 if(!state.sev[SEV[r[0]]])return false;
 if(state.rule&&str(r[1])!==state.rule)return false;
 if(state.ns&&str(r[9])!==state.ns)return false;
 if(state.kind&&str(r[10])!==state.kind)return false;
 if(state.env&&str(r[11])!==state.env)return false;
 if(state.q){var q=state.q,h=(str(r[6])+" "+str(r[1])+" "+str(r[2])+" "+str(r[5])+" "+str(r[7])+" "+str(D.t[r[1]])).toLowerCase();if(h.indexOf(q)<0)return false;}
 return true;}
function cmp(a,b){var A=D.rows[a],B=D.rows[b];
 if(state.sort==="sev"&&A[0]!==B[0])return A[0]-B[0];
 if(state.sort==="rule"&&A[1]!==B[1])return str(A[1])<str(B[1])?-1:1;
 var fa=str(A[2]),fb=str(B[2]);if(fa!==fb)return fa<fb?-1:1;return A[3]-B[3]||a-b;}
var list=[],shown=0,groups=null,out=$("findings");
function view(){
 D.rows=state.tab==="x"?D.x:D.f;
 list=[];for(var i=0;i<D.rows.length;i++)if(matches(D.rows[i]))list.push(i);
 list.sort(cmp);
 out.textContent="";shown=0;groups={};
 $("count").textContent="Showing "+list.length+" of "+D.rows.length+(state.tab==="x"?" suppressed findings":" findings");
 more();}
function line(file,n,cls,text){var s=el("span",cls);var l=el("span","ln",String(n));l.setAttribute("aria-hidden","true");s.appendChild(l);s.appendChild(document.createTextNode(text));return s;}
function finding(i){var r=D.rows[i],f=el("div","f"),sev=SEV[r[0]];
 var left=el("div");left.appendChild(el("span","sev s-"+sev,sev));f.appendChild(left);
 var body=el("div");var m=el("div","msg",str(r[6]));body.appendChild(m);
 var meta=el("div","meta");var rule=str(r[1]);
 var a=el("a","rule",rule);a.href=D.docs+encodeURIComponent(rule)+".md";a.title=str(D.t[r[1]]);meta.appendChild(a);
 if(r[3]){meta.appendChild(document.createTextNode(" · "));var file=str(r[2]);
  if(D.pre){var la=el("a",null,"line "+r[3]);la.href=D.pre+enc(file)+"#L"+r[3];meta.appendChild(la);}else meta.appendChild(document.createTextNode("line "+r[3]+":"+r[4]));}
 if(r[7]>=0){meta.appendChild(document.createTextNode(" · "));meta.appendChild(el("code",null,str(r[7])));}
 body.appendChild(meta);
 if(r[14]!==undefined&&r[14]>=0)body.appendChild(el("div","fix","Suppressed — "+str(r[14])));
 if(r[8]>=0)body.appendChild(el("div","fix","Fix: "+str(r[8])+(state.tab==="f"&&D.sg[i]?" (suggested lines below)":"")));
 var ex=D.ex[r[2]];
 if(ex&&r[3]){var pre=el("pre","code");pre.setAttribute("role","group");pre.setAttribute("aria-label","code excerpt");
  var e2=r[13]||r[3];for(var n=Math.max(1,r[3]-2);n<=e2+2;n++){if(ex[n]===undefined)continue;pre.appendChild(line(file,n,n>=r[3]&&n<=e2?"hl":"",str(ex[n])));}
  if(pre.childNodes.length)body.appendChild(pre);}
 var sg=state.tab==="f"&&D.sg[i];
 if(sg){var p2=el("pre","code");p2.setAttribute("role","group");p2.setAttribute("aria-label","suggested lines "+sg[0]+" to "+sg[1]);
  sg[2].forEach(function(t,k){p2.appendChild(line(file,sg[0]+k,"add",str(t)));});body.appendChild(p2);}
 f.appendChild(body);return f;}
function group(r){var file=r[2]>=0?str(r[2]):"Live objects / no file";var g=groups[file];
 if(!g){var d=el("details","file");d.open=Object.keys(groups).length<25;var s=el("summary",null,file);d.appendChild(s);out.appendChild(d);g=groups[file]={d:d,s:s,n:0,obj:{}};}
 g.n++;g.s.textContent=file+" ("+g.n+")";
 var o=r[5]>=0?str(r[5]):"";if(!g.obj[o]){var od=el("div","obj",o||"—");g.d.appendChild(od);g.obj[o]=od;}
 return g;}
function more(){var end=Math.min(list.length,shown+CHUNK);
 for(;shown<end;shown++){var i=list[shown],r=D.rows[i];var g=group(r);g.d.appendChild(finding(i));}
 $("more").hidden=shown>=list.length;$("more").textContent="Show more ("+(list.length-shown)+" left)";}
$("more").addEventListener("click",more);
if("IntersectionObserver" in window)new IntersectionObserver(function(es){if(es[0].isIntersecting&&shown<list.length)more();},{rootMargin:"600px"}).observe($("more"));
function on(id,key,ev){$(id).addEventListener(ev||"change",function(e){state[key]=key==="q"?e.target.value.trim().toLowerCase():e.target.value;view();});}
on("f-rule","rule");on("f-ns","ns");on("f-kind","kind");on("f-env","env");on("f-sort","sort");on("f-q","q","input");
SEV.forEach(function(s){var c=$("sev-"+s),card=$("card-"+s);
 c.addEventListener("change",function(){state.sev[s]=c.checked;card.setAttribute("aria-pressed",String(c.checked));view();});
 card.addEventListener("click",function(){c.checked=!c.checked;c.dispatchEvent(new Event("change"));});});
Array.prototype.forEach.call(document.querySelectorAll(".tabs button"),function(b){b.addEventListener("click",function(){
 Array.prototype.forEach.call(document.querySelectorAll(".tabs button"),function(o){o.setAttribute("aria-selected",String(o===b));});
 var t=b.getAttribute("data-tab");$("panel-other").hidden=t!=="o";$("panel-list").hidden=t==="o";if(t!=="o"){state.tab=t;view();}});});
view();
}
var data=document.getElementById("kw-data");
if(data.getAttribute("data-encoding")==="gzip-base64"){
 if(typeof DecompressionStream!=="function"){document.getElementById("count").textContent="This browser cannot unpack the findings (no DecompressionStream): use the JSON or SARIF report.";return;}
 var b=atob(data.textContent.trim()),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);
 new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function(t){main(JSON.parse(t));});
}else main(JSON.parse(data.textContent));
})();`;
function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('base64');
}
/** A stacked bar per rule (the most frequent 12), from widths in whole percent (CSS classes w0..w100). */
function chart(report) {
    const byRule = new Map();
    for (const f of report.findings) {
        let c = byRule.get(f.ruleId);
        if (!c)
            byRule.set(f.ruleId, (c = {}));
        c[f.severity] = (c[f.severity] ?? 0) + 1;
    }
    const rows = [...byRule]
        .map(([id, c]) => ({ id, c, n: Object.values(c).reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1));
    const top = rows.slice(0, 12);
    const max = top[0]?.n ?? 1;
    const bars = top
        .map((r) => {
        const segs = model/* SEVERITIES */.oC.filter((s) => r.c[s])
            .map((s) => `<span class="b-${s} w${Math.max(1, Math.round(((r.c[s] ?? 0) / max) * 100))}" title="${r.c[s]} ${s}"></span>`)
            .join('');
        return `<div class="name">${(0,util/* escapeHtml */.ZD)(r.id)}</div><div class="bar" role="img" aria-label="${(0,util/* escapeHtml */.ZD)(r.id)}: ${r.n} findings">${segs}</div><div>${r.n}</div>`;
    })
        .join('');
    const legend = model/* SEVERITIES */.oC.map((s) => `<span><i class="b-${s}"></i>${s}</span>`).join('');
    const more = rows.length > top.length ? `<p class="muted">${rows.length - top.length} more rules not charted.</p>` : '';
    return `<div class="legend" aria-hidden="true">${legend}</div><div class="chart">${bars}</div>${more}`;
}
const WIDTHS = Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('');
function formatHtml(report, opts = {}) {
    const ok = (0,util/* passed */.bF)(report);
    const data = encode(report, opts);
    const css = CSS + WIDTHS;
    const csp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(SCRIPT)}'; ` +
        `img-src data:; base-uri 'none'; form-action 'none'`;
    const cards = model/* SEVERITIES */.oC.map((s) => `<button type="button" class="card c-${s}" id="card-${s}" aria-pressed="true" title="show or hide ${s} findings"><span class="n">${report.counts[s]}</span> ${s}</button>`).join('');
    const sevBoxes = model/* SEVERITIES */.oC.map((s) => `<label><input type="checkbox" id="sev-${s}" checked> ${s}</label>`).join('');
    const verdict = report.errors.length
        ? `Incomplete: ${(0,util/* plural */.LS)(report.errors.length, 'input error')}`
        : report.notVerified.length
            ? `Incomplete: ${(0,util/* plural */.LS)(report.notVerified.length, 'check')} not verified`
            : (0,util/* failOnOf */.tC)(report) === 'none'
                ? 'Passed: fail-on none never fails'
                : ok
                    ? `Passed: nothing at or above ${(0,util/* escapeHtml */.ZD)(String(report.failOn))}`
                    : `Failed: findings at or above ${(0,util/* escapeHtml */.ZD)(String(report.failOn))}`;
    const list = (title, items) => items.length
        ? `<h2>${(0,util/* escapeHtml */.ZD)(title)} (${items.length})</h2><ul class="plain">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
        : '';
    const hidden = (0,selection/* hiddenText */.CZ)(report.hidden);
    const others = list('Input errors', report.errors.map((e) => `${(0,util/* escapeHtml */.ZD)([e.file, e.line].filter((x) => x !== undefined && x !== '').join(':'))}: ${(0,util/* escapeHtml */.ZD)(e.message)}`)) +
        list('Not verified', report.notVerified.map((n) => `${(0,util/* escapeHtml */.ZD)(n.check)}: ${(0,util/* escapeHtml */.ZD)(n.reason)}`)) +
        list('Skipped documents', report.skipped.slice(0, 2000).map((s) => `${(0,util/* escapeHtml */.ZD)(s.file)}:${s.line}: ${(0,util/* escapeHtml */.ZD)(s.reason)}`)) +
        (report.skipped.length > 2000
            ? `<p class="muted">${report.skipped.length - 2000} more skipped documents.</p>`
            : '');
    const ruleCount = new Set(report.findings.map((f) => f.ruleId)).size;
    const otherCount = report.errors.length + report.notVerified.length + report.skipped.length;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>kubeward report: ${(0,util/* escapeHtml */.ZD)(verdict)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>kubeward report</h1>
<p class="verdict ${ok ? 'ok' : 'fail'}">${verdict}</p>
<p class="muted">kubeward ${(0,util/* escapeHtml */.ZD)(report.tool.version)} · ${(0,util/* escapeHtml */.ZD)((0,util/* plural */.LS)(report.filesScanned, 'file'))} · ${(0,util/* escapeHtml */.ZD)((0,util/* plural */.LS)(report.objectsScanned, 'object'))} · ${(0,util/* escapeHtml */.ZD)((0,util/* plural */.LS)(report.findings.length, 'finding'))} · ${report.suppressed.length} suppressed${hidden ? ` · ${(0,util/* escapeHtml */.ZD)(hidden)}` : ''} · ${report.durationMs} ms</p>
</header>
<main>
<h2 id="by-severity">By severity</h2>
<div class="cards" role="group" aria-labelledby="by-severity">${cards}</div>
${report.findings.length ? `<h2>By rule (${ruleCount} ${ruleCount === 1 ? 'rule' : 'rules'})</h2>${chart(report)}` : ''}
<div class="tabs" role="tablist" aria-label="Report sections">
<button type="button" role="tab" aria-selected="true" data-tab="f" aria-controls="panel-list">Findings (${report.findings.length})</button>
<button type="button" role="tab" aria-selected="false" data-tab="x" aria-controls="panel-list">Suppressed (${report.suppressed.length})</button>
<button type="button" role="tab" aria-selected="false" data-tab="o" aria-controls="panel-other">Errors and skipped (${otherCount})</button>
</div>
<section id="panel-list" role="tabpanel" aria-label="Findings">
<div class="filters">
<fieldset class="sevs"><legend>Severity</legend>${sevBoxes}</fieldset>
<label>Rule<select id="f-rule"><option value="">all rules</option></select></label>
<label>Namespace<select id="f-ns"><option value="">all namespaces</option></select></label>
<label>Kind<select id="f-kind"><option value="">all kinds</option></select></label>
<label>Environment / cluster<select id="f-env"><option value="">all</option></select></label>
<label>Sort<select id="f-sort"><option value="sev">severity</option><option value="file">file and line</option><option value="rule">rule</option></select></label>
<label>Search<input type="search" id="f-q" placeholder="message, rule, file, object…"></label>
</div>
<p class="count" id="count" aria-live="polite"></p>
<noscript><p>The findings list needs JavaScript; the JSON and SARIF reports hold every finding.</p></noscript>
<div id="findings"></div>
<button type="button" class="more" id="more" hidden>Show more</button>
${data.omitted ? `<p class="muted">Code excerpts were left out for some findings to keep this page small.</p>` : ''}
</section>
<section id="panel-other" role="tabpanel" aria-label="Errors and skipped" hidden>
${others || '<p>No input errors, skipped documents or unverified checks.</p>'}
</section>
</main>
${dataElement(data)}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./src/core/report/json.ts

const JSON_REPORT_VERSION = 1;
function toJsonFinding(f) {
    const l = f.location;
    const out = {
        ruleId: f.ruleId,
        severity: f.severity,
        category: f.category,
        title: f.title,
        message: f.message,
        file: l?.file ?? null,
        line: l?.line ?? null,
        column: l?.column ?? null,
        endLine: l?.endLine ?? null,
        endColumn: l?.endColumn ?? null,
        object: f.object
            ? {
                apiVersion: f.object.apiVersion,
                kind: f.object.kind,
                namespace: f.object.namespace ?? null,
                name: f.object.name,
                ...(f.object.cluster ? { cluster: f.object.cluster } : {}),
            }
            : null,
        path: f.path,
        fingerprint: f.fingerprint,
    };
    if (f.origin)
        out.origin = f.origin;
    if (f.secretPreview)
        out.secretPreview = f.secretPreview;
    if (f.suppression)
        out.suppression = { ...f.suppression };
    if (f.fix)
        out.fix = { description: f.fix.description };
    if (f.details && Object.keys(f.details).length)
        out.details = { ...f.details };
    return out;
}
function toJsonReport(report) {
    return {
        version: JSON_REPORT_VERSION,
        tool: { name: report.tool.name, version: report.tool.version },
        summary: {
            counts: { ...report.counts },
            files: report.filesScanned,
            objects: report.objectsScanned,
            skipped: report.skipped.length,
            errors: report.errors.length,
            suppressed: report.suppressed.length,
            failOn: (0,util/* failOnOf */.tC)(report),
            passed: (0,util/* passed */.bF)(report),
            durationMs: report.durationMs,
            ...(report.hidden && Object.keys(report.hidden).length ? { hidden: { ...report.hidden } } : {}),
        },
        findings: report.findings.map(toJsonFinding),
        suppressed: report.suppressed.map(toJsonFinding),
        skipped: report.skipped.map((s) => ({ ...s })),
        errors: report.errors.map((e) => ({ ...e })),
        notVerified: report.notVerified.map((n) => ({ ...n })),
    };
}
function formatJson(report) {
    return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}

;// CONCATENATED MODULE: ./src/core/report/junit.ts
/**
 * JUnit XML for CI test views (CircleCI, GitLab, Jenkins): one testsuite per file, one failing
 * testcase per finding (type = severity), suppressed findings as skipped testcases, and one
 * passing testcase per object without findings (when the scanned objects are known).
 */


function objectKey(ref) {
    return ref ? (0,util/* objectName */.Hd)(ref) : '(file)';
}
function failureBody(f) {
    const lines = [
        `${f.severity.toUpperCase()} ${f.ruleId}: ${f.message}`,
        f.location ? `at ${f.location.file}:${f.location.line}:${f.location.column}` : '',
        f.object ? `object: ${(0,util/* objectName */.Hd)(f.object)}` : '',
        f.path ? `path: ${f.path}` : '',
        f.secretPreview ? `secret: ${f.secretPreview}` : '',
        `rule: ${f.title}`,
    ].filter(Boolean);
    return lines.join('\n');
}
function formatJunit(report, opts = {}) {
    const objects = opts.objects ?? report.objects ?? [];
    const suites = new Map();
    const suite = (file) => {
        let s = suites.get(file);
        if (!s)
            suites.set(file, (s = []));
        return s;
    };
    const withFinding = new Set();
    const threshold = report.failOn;
    for (const f of report.findings) {
        const file = (0,util/* fileOf */.W7)(f);
        withFinding.add(`${file}\0${objectKey(f.object)}`);
        const where = f.location ? ` (line ${f.location.line})` : '';
        // CI test views count failures: only findings at or above the threshold fail a test; the others
        // pass and carry the finding as output, so nothing is hidden
        const failing = threshold !== 'none' && (0,model/* atLeast */.jZ)(f.severity, threshold);
        suite(file).push({
            classname: objectKey(f.object),
            name: `${f.ruleId}${f.path ? ` ${f.path}` : ''}${where}`,
            failed: failing,
            skipped: false,
            body: failing
                ? `<failure type="${(0,util/* escapeXml */.X)(f.severity)}" message="${(0,util/* escapeXml */.X)(f.message)}">${(0,util/* escapeXml */.X)(failureBody(f))}</failure>`
                : `<system-out>${(0,util/* escapeXml */.X)(`below the ${threshold} threshold\n${failureBody(f)}`)}</system-out>`,
        });
    }
    for (const f of report.suppressed) {
        const file = (0,util/* fileOf */.W7)(f);
        withFinding.add(`${file}\0${objectKey(f.object)}`);
        const why = f.suppression ? `suppressed (${f.suppression.kind}): ${f.suppression.reason}` : 'suppressed';
        suite(file).push({
            classname: objectKey(f.object),
            name: `${f.ruleId}${f.path ? ` ${f.path}` : ''}`,
            failed: false,
            skipped: true,
            body: `<skipped message="${(0,util/* escapeXml */.X)(why)}"/>`,
        });
    }
    for (const o of objects) {
        const file = o.file ?? util/* NO_FILE */.tW;
        if (withFinding.has(`${file}\0${objectKey(o.ref)}`))
            continue;
        withFinding.add(`${file}\0${objectKey(o.ref)}`);
        suite(file).push({
            classname: objectKey(o.ref),
            name: 'all checks passed',
            failed: false,
            skipped: false,
            body: '',
        });
    }
    if (suites.size === 0) {
        suite('kubeward').push({
            classname: 'kubeward',
            name: `${report.objectsScanned} objects in ${report.filesScanned} files: no findings`,
            failed: false,
            skipped: false,
            body: '',
        });
    }
    const time = (report.durationMs / 1000).toFixed(3);
    let totalTests = 0;
    let totalFailures = 0;
    let totalSkipped = 0;
    const parts = [];
    for (const [file, cases] of suites) {
        const failures = cases.filter((c) => c.failed).length;
        const skipped = cases.filter((c) => c.skipped).length;
        totalTests += cases.length;
        totalFailures += failures;
        totalSkipped += skipped;
        parts.push(`  <testsuite name="${(0,util/* escapeXml */.X)(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
        for (const c of cases) {
            const open = `    <testcase classname="${(0,util/* escapeXml */.X)(c.classname)}" name="${(0,util/* escapeXml */.X)(c.name)}" file="${(0,util/* escapeXml */.X)(file)}"`;
            parts.push(c.body ? `${open}>\n      ${c.body}\n    </testcase>` : `${open}/>`);
        }
        parts.push('  </testsuite>');
    }
    if (report.errors.length) {
        totalTests += report.errors.length;
        parts.push(`  <testsuite name="kubeward input errors" tests="${report.errors.length}" failures="0" errors="${report.errors.length}" skipped="0">`);
        for (const e of report.errors) {
            const at = e.line ? `${e.file}:${e.line}` : e.file;
            parts.push(`    <testcase classname="input" name="${(0,util/* escapeXml */.X)(at)}">\n      <error message="${(0,util/* escapeXml */.X)(e.message)}">${(0,util/* escapeXml */.X)(`${at}: ${e.message}`)}</error>\n    </testcase>`);
        }
        parts.push('  </testsuite>');
    }
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="kubeward" tests="${totalTests}" failures="${totalFailures}" errors="${report.errors.length}" skipped="${totalSkipped}" time="${time}">`,
        ...parts,
        '</testsuites>',
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/core/rules/index.ts + 15 modules
var core_rules = __webpack_require__(95992);
;// CONCATENATED MODULE: ./src/core/report/sarif.ts


const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning's security-severity scale. */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '7.5',
    medium: '5.0',
    low: '3.0',
    info: '1.0',
};
function sarifLevel(s) {
    return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}
function ruleDescriptor(meta) {
    const helpText = [meta.remediation, meta.example ? `Example:\n${meta.example}` : ''].filter(Boolean).join('\n\n');
    const helpMd = [
        `**${meta.title}** (\`${meta.id}\`, ${meta.severity})`,
        meta.rationale,
        `**How to fix:** ${meta.remediation}`,
        meta.example ? '```yaml\n' + meta.example + '\n```' : '',
        meta.references.length ? 'References:\n' + meta.references.map((r) => `- ${r}`).join('\n') : '',
    ]
        .filter(Boolean)
        .join('\n\n');
    const tags = ['security', 'kubernetes', meta.category];
    if (meta.pss)
        tags.push(`pss-${meta.pss}`);
    if (meta.cis)
        tags.push(`cis-${meta.cis}`);
    return {
        id: meta.id,
        name: meta.id
            .split('-')
            .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
            .join(''),
        shortDescription: { text: meta.title },
        fullDescription: { text: meta.rationale || meta.title },
        help: { text: helpText || meta.title, markdown: helpMd },
        ...(meta.references[0] ? { helpUri: meta.references[0] } : {}),
        defaultConfiguration: { level: sarifLevel(meta.severity), enabled: meta.enabledByDefault },
        properties: {
            'security-severity': SECURITY_SEVERITY[meta.severity],
            tags,
            precision: 'high',
            ...(meta.pss ? { pss: meta.pss } : {}),
            ...(meta.cis ? { cis: meta.cis } : {}),
        },
    };
}
/** SARIF artifact URIs: relative, forward slashes, percent-encoded. */
function artifactUri(file) {
    return (0,util/* slashes */.k2)(file)
        .split('/')
        .map((seg) => encodeURIComponent(seg))
        .join('/');
}
function result(f, ruleIndex) {
    const locations = [];
    const logical = f.object
        ? [
            {
                name: f.object.name || '<unnamed>',
                fullyQualifiedName: (0,util/* objectName */.Hd)(f.object) + (f.path ? `#${f.path}` : ''),
                kind: 'resource',
            },
        ]
        : undefined;
    if (f.location) {
        const l = f.location;
        const region = { startLine: Math.max(1, l.line), startColumn: Math.max(1, l.column) };
        if (l.endLine !== undefined)
            region.endLine = Math.max(1, l.endLine);
        if (l.endColumn !== undefined)
            region.endColumn = Math.max(1, l.endColumn);
        locations.push({
            physicalLocation: {
                artifactLocation: { uri: artifactUri(l.file), uriBaseId: '%SRCROOT%' },
                region,
            },
            ...(logical ? { logicalLocations: logical } : {}),
        });
    }
    else if (logical) {
        locations.push({ logicalLocations: logical });
    }
    let text = f.message;
    if (f.secretPreview)
        text += ` (${f.secretPreview})`;
    const out = {
        ruleId: f.ruleId,
        ruleIndex,
        level: sarifLevel(f.severity),
        message: { text },
        locations,
        partialFingerprints: { 'kubeward/v1': f.fingerprint },
        properties: {
            severity: f.severity,
            'security-severity': SECURITY_SEVERITY[f.severity],
            category: f.category,
            path: f.path,
            ...(f.object ? { object: (0,util/* objectName */.Hd)(f.object) } : {}),
            ...(f.origin ? { origin: f.origin } : {}),
        },
    };
    if (f.suppression) {
        const s = f.suppression;
        out.suppressions = [
            {
                kind: s.kind === 'config' ? 'external' : 'inSource',
                status: 'accepted',
                justification: s.expires ? `${s.reason} (expires ${s.expires})` : s.reason,
            },
        ];
    }
    return out;
}
function toSarif(report, opts = {}) {
    const metas = (opts.rules ?? (0,core_rules/* allRules */.V7)()).map((r) => r.meta);
    const index = new Map();
    const rules = [];
    const add = (meta) => {
        if (index.has(meta.id))
            return;
        index.set(meta.id, rules.length);
        rules.push(ruleDescriptor(meta));
    };
    for (const m of metas)
        add(m);
    // findings from rules outside the catalog (plugins, hand-built reports) still get a descriptor
    for (const f of [...report.findings, ...report.suppressed]) {
        if (!index.has(f.ruleId)) {
            add({
                id: f.ruleId,
                title: f.title,
                severity: f.severity,
                enabledByDefault: true,
                category: f.category,
                rationale: f.title,
                remediation: '',
                references: [],
            });
        }
    }
    const results = [...report.findings, ...report.suppressed].map((f) => result(f, index.get(f.ruleId) ?? 0));
    const notifications = report.errors.map((e) => ({
        level: 'error',
        message: { text: e.message },
        ...(e.file
            ? {
                locations: [
                    {
                        physicalLocation: {
                            artifactLocation: { uri: artifactUri(e.file), uriBaseId: '%SRCROOT%' },
                            ...(e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {}),
                        },
                    },
                ],
            }
            : {}),
    }));
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'kubeward',
                        version: report.tool.version,
                        semanticVersion: report.tool.version,
                        rules,
                    },
                },
                invocations: [
                    {
                        executionSuccessful: report.errors.length === 0,
                        ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
                    },
                ],
                columnKind: 'utf16CodeUnits',
                results,
                properties: {
                    filesScanned: report.filesScanned,
                    objectsScanned: report.objectsScanned,
                    failOn: report.failOn,
                },
            },
        ],
    };
}
function formatSarif(report, opts = {}) {
    return JSON.stringify(toSarif(report, opts), null, 2) + '\n';
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/core/arrays.ts
var arrays = __webpack_require__(53309);
;// CONCATENATED MODULE: ./src/core/report/text.ts
/** Human-readable text: findings grouped by file, severity-coloured when asked, then a summary. */





const STYLE = {
    critical: ['bold', 'magenta'],
    high: 'red',
    medium: 'yellow',
    low: 'cyan',
    info: 'gray',
    dim: 'dim',
    bold: 'bold',
    underline: 'underline',
    green: 'green',
};
/** C0/C1 control characters (ESC included) other than newline. */
function isControl(code) {
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
/** Control characters from untrusted input (messages, file names) are shown, never interpreted. */
function clean(s) {
    let out = '';
    for (const ch of s) {
        const code = ch.charCodeAt(0);
        if (ch === '\n' || ch === '\t')
            out += ' ';
        else if (isControl(code))
            out += `\\x${code.toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return out;
}
function formatText(report, opts = {}) {
    // the caller decided whether to colour (TTY, NO_COLOR, --no-color): styleText must not re-decide
    const paint = (style, s) => opts.color ? (0,external_node_util_.styleText)(STYLE[style], s, { validateStream: false }) : s;
    const out = [];
    const groups = (0,util/* groupByFile */.XQ)(report.findings);
    const locWidth = (0,arrays/* maxOf */._)(report.findings.map((f) => (f.location ? `${f.location.line}:${f.location.column}` : '-').length), 0);
    const sevWidth = (0,arrays/* maxOf */._)(report.findings.map((f) => f.severity.length), 0);
    const ruleWidth = (0,arrays/* maxOf */._)(report.findings.map((f) => f.ruleId.length), 0);
    const line = (f) => {
        const loc = (f.location ? `${f.location.line}:${f.location.column}` : '-').padEnd(locWidth);
        const sev = paint(f.severity, f.severity.toUpperCase().padEnd(sevWidth));
        const rule = paint('dim', f.ruleId.padEnd(ruleWidth));
        let msg = clean(f.message);
        if (f.secretPreview)
            msg += ` (${clean(f.secretPreview)})`;
        const obj = f.object ? paint('dim', `  [${clean((0,util/* objectName */.Hd)(f.object))}]`) : '';
        const env = (0,util/* environmentsOf */.M2)(f);
        return `  ${loc}  ${sev}  ${rule}  ${msg}${obj}${env ? paint('dim', `  (env: ${clean(env)})`) : ''}`;
    };
    for (const [file, findings] of groups) {
        out.push(paint('underline', file === util/* NO_FILE */.tW ? 'Live objects / no file' : clean(file)));
        for (const f of findings)
            out.push(line(f));
        out.push('');
    }
    if (report.suppressed.length) {
        out.push(paint('dim', `Suppressed (${report.suppressed.length}):`));
        for (const f of report.suppressed) {
            const where = f.location ? `${clean(f.location.file)}:${f.location.line}` : clean((0,util/* objectName */.Hd)(f.object));
            const why = f.suppression
                ? `${f.suppression.kind}: ${clean(f.suppression.reason)}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ''}`
                : '';
            out.push(paint('dim', `  ${where}  ${f.ruleId}  ${why}`));
        }
        out.push('');
    }
    if (report.skipped.length) {
        out.push(paint('dim', `Skipped documents (${report.skipped.length}):`));
        for (const s of report.skipped)
            out.push(paint('dim', `  ${clean(s.file)}:${s.line}  ${clean(s.reason)}`));
        out.push('');
    }
    if (report.errors.length) {
        out.push(paint('high', `Errors (${report.errors.length}):`));
        for (const e of report.errors) {
            const at = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined && x !== '');
            out.push(`  ${clean(at.join(':'))}${at.length ? '  ' : ''}${clean(e.message)}`);
        }
        out.push('');
    }
    if (report.notVerified.length) {
        out.push(paint('dim', `Not verified (${report.notVerified.length}):`));
        for (const n of report.notVerified)
            out.push(paint('dim', `  ${clean(n.check)}: ${clean(n.reason)}`));
        out.push('');
    }
    // summary
    const total = report.findings.length;
    const counts = model/* SEVERITIES */.oC.filter((s) => report.counts[s] > 0).map((s) => paint(s, `${report.counts[s]} ${s}`));
    out.push(total === 0
        ? paint('green', 'No findings.')
        : `${paint('bold', (0,util/* plural */.LS)(total, 'finding'))}: ${counts.length ? counts.join(', ') : (0,util/* countsText */.WN)(report)}`);
    out.push([
        (0,util/* plural */.LS)(report.filesScanned, 'file'),
        (0,util/* plural */.LS)(report.objectsScanned, 'object'),
        (0,util/* plural */.LS)(report.skipped.length, 'skipped document'),
        (0,util/* plural */.LS)(report.errors.length, 'error'),
        `${report.suppressed.length} suppressed`,
        ...((0,selection/* hiddenText */.CZ)(report.hidden) ? [(0,selection/* hiddenText */.CZ)(report.hidden)] : []),
    ].join(', '));
    const problems = opts.outcome && opts.outcome.exitCode >= 2 ? opts.outcome.problems : [];
    out.push(report.errors.length
        ? paint('high', `Incomplete: ${(0,util/* plural */.LS)(report.errors.length, 'input error')}, so the results are not complete.`)
        : report.notVerified.length
            ? paint('high', `Incomplete: ${(0,util/* plural */.LS)(report.notVerified.length, 'check')} not verified, so the results are not complete.`)
            : problems.length
                ? paint('high', `Incomplete: ${problems.map((p) => clean(p.message)).join('; ')}.`)
                : report.objectsScanned === 0 && report.filesScanned >= 0 && report.notVerified.length === 0 && total === 0
                    ? paint('high', 'Nothing checked: no Kubernetes objects were found.')
                    : (0,util/* failOnOf */.tC)(report) === 'none'
                        ? `Passed: --fail-on none never fails.`
                        : (0,util/* passed */.bF)(report)
                            ? paint('green', `Passed: nothing at or above ${report.failOn}.`)
                            : paint('high', `Failed: findings at or above ${report.failOn}.`));
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/core/report/metrics.ts
/**
 * Prometheus text exposition format (version 0.0.4) of a report: findings by rule, severity,
 * namespace and cluster, plus run totals. The same series names are used by `kubeward monitor`'s
 * /metrics and by the Pushgateway push of `scan`/`verify`, so one dashboard reads them all.
 * Labels carry rule ids, severities, namespaces, kinds and cluster names only: never object
 * content, never a secret value.
 */


const METRIC = {
    findings: 'kubeward_findings',
    suppressed: 'kubeward_findings_suppressed',
    objects: 'kubeward_objects_scanned',
    files: 'kubeward_files_scanned',
    inputErrors: 'kubeward_input_errors',
    notVerified: 'kubeward_checks_not_verified',
    failed: 'kubeward_run_failed',
    duration: 'kubeward_run_duration_seconds',
    timestamp: 'kubeward_run_timestamp_seconds',
    info: 'kubeward_info',
};
/** Escapes a label value: backslash, double quote and line feed (the format's three escapes). */
function escapeLabel(v) {
    return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
function labelText(labels) {
    const parts = Object.entries(labels).map(([k, v]) => {
        if (!LABEL_NAME.test(k) || k.startsWith('__'))
            throw new Error(`invalid Prometheus label name '${k}'`);
        return `${k}="${escapeLabel(v)}"`;
    });
    return parts.length ? `{${parts.join(',')}}` : '';
}
function num(n) {
    if (Number.isNaN(n))
        return 'NaN';
    if (n === Infinity)
        return '+Inf';
    if (n === -Infinity)
        return '-Inf';
    return String(n);
}
/** Counts findings per (rule, severity, namespace, cluster). */
function findingSeries(findings) {
    const m = new Map();
    for (const f of findings) {
        const labels = {
            rule: f.ruleId,
            severity: f.severity,
            namespace: f.object?.namespace ?? '',
            cluster: f.object?.cluster ?? '',
        };
        const k = `${labels.rule}\0${labels.severity}\0${labels.namespace}\0${labels.cluster}`;
        const cur = m.get(k);
        if (cur)
            cur.value++;
        else
            m.set(k, { labels, value: 1 });
    }
    return [...m.values()].sort((a, b) => model/* SEVERITIES */.oC.indexOf(a.labels.severity) - model/* SEVERITIES */.oC.indexOf(b.labels.severity) ||
        a.labels.rule.localeCompare(b.labels.rule) ||
        a.labels.namespace.localeCompare(b.labels.namespace) ||
        a.labels.cluster.localeCompare(b.labels.cluster));
}
function formatMetrics(report, opts = {}) {
    const base = opts.labels ?? {};
    const out = [];
    const family = (name, type, help) => {
        out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    const sample = (name, labels, value) => {
        out.push(`${name}${labelText({ ...base, ...labels })} ${num(value)}`);
    };
    family(METRIC.info, 'gauge', 'kubeward version that produced these series.');
    sample(METRIC.info, { version: report.tool.version }, 1);
    family(METRIC.findings, 'gauge', 'Active findings of the last run by rule, severity, namespace and cluster.');
    const series = findingSeries(report.findings);
    for (const s of series)
        sample(METRIC.findings, s.labels, s.value);
    // one zero per severity keeps a clean run visible (absent series are not zero in PromQL)
    for (const sev of model/* SEVERITIES */.oC) {
        if (!series.some((s) => s.labels.severity === sev)) {
            sample(METRIC.findings, { rule: '', severity: sev, namespace: '', cluster: '' }, 0);
        }
    }
    family(METRIC.suppressed, 'gauge', 'Findings silenced by a suppression or exemption, by rule and severity.');
    const sup = new Map();
    for (const f of report.suppressed) {
        const k = `${f.ruleId}\0${f.severity}`;
        const cur = sup.get(k);
        if (cur)
            cur.value++;
        else
            sup.set(k, { rule: f.ruleId, severity: f.severity, value: 1 });
    }
    for (const s of [...sup.values()].sort((a, b) => a.rule.localeCompare(b.rule)))
        sample(METRIC.suppressed, { rule: s.rule, severity: s.severity }, s.value);
    family(METRIC.objects, 'gauge', 'Objects checked by the last run.');
    sample(METRIC.objects, {}, report.objectsScanned);
    family(METRIC.files, 'gauge', 'Files read by the last run.');
    sample(METRIC.files, {}, report.filesScanned);
    family(METRIC.inputErrors, 'gauge', 'Input errors of the last run (unreadable files, failed rules).');
    sample(METRIC.inputErrors, {}, report.errors.length);
    family(METRIC.notVerified, 'gauge', 'Checks the last run could not make (missing permission, unreachable cluster).');
    sample(METRIC.notVerified, {}, report.notVerified.length);
    family(METRIC.failed, 'gauge', '1 when the last run had findings at or above its --fail-on threshold.');
    const t = (0,util/* failOnOf */.tC)(report);
    sample(METRIC.failed, { fail_on: t }, t !== 'none' && (0,model/* failsThreshold */.Lh)(report, t) ? 1 : 0);
    family(METRIC.duration, 'gauge', 'Wall-clock duration of the last run.');
    sample(METRIC.duration, {}, report.durationMs / 1000);
    family(METRIC.timestamp, 'gauge', 'When the last run finished, in seconds since the epoch.');
    sample(METRIC.timestamp, {}, opts.timestamp ?? Math.round(Date.now() / 1000));
    return `${out.join('\n')}\n`;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/report/policyreport.ts
/**
 * PolicyReport output: the report as `wgpolicyk8s.io/v1alpha2` PolicyReport (one per namespace)
 * and ClusterPolicyReport (cluster-scoped objects and findings without an object), or the same
 * results as OpenReports `openreports.io/v1alpha1` Report/ClusterReport. Fleet tools (Policy
 * Reporter, Kyverno's UI, OCM) aggregate these across clusters. Results carry the rule, severity,
 * the object and the finding's message and path, never a secret value (not even the redacted
 * preview).
 */



const POLICY_REPORT_API = {
    wgpolicyk8s: { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', clusterKind: 'ClusterPolicyReport' },
    openreports: { apiVersion: 'openreports.io/v1alpha1', kind: 'Report', clusterKind: 'ClusterReport' },
};
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const CLUSTER_SCOPED = '';
function resourceOf(ref) {
    return {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        name: ref.name,
        ...(ref.namespace ? { namespace: ref.namespace } : {}),
    };
}
/** The reports for `report`: one per namespace with results, plus a cluster-scoped one when needed. */
function toPolicyReports(report, opts = {}) {
    const flavor = opts.flavor ?? 'wgpolicyk8s';
    const api = POLICY_REPORT_API[flavor];
    const seconds = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const max = opts.maxResults ?? 1000;
    const threshold = (0,util/* failOnOf */.tC)(report);
    const groups = new Map();
    const add = (ns, r) => {
        const g = groups.get(ns);
        if (g)
            g.push(r);
        else
            groups.set(ns, [r]);
    };
    const result = (f, outcome, extra = {}) => {
        const properties = {
            fingerprint: f.fingerprint,
            ...(f.path ? { path: f.path } : {}),
            ...(f.location ? { location: `${f.location.file}:${f.location.line}:${f.location.column}` } : {}),
            ...(f.object?.cluster ? { cluster: f.object.cluster } : {}),
            ...(f.origin ? { origin: f.origin } : {}),
            ...extra,
        };
        const r = {
            source: 'kubeward',
            policy: f.ruleId,
            rule: f.ruleId,
            category: f.category,
            severity: f.severity,
            result: outcome,
            scored: true,
            message: f.message,
            timestamp: { seconds, nanos: 0 },
            ...(f.object ? { resources: [resourceOf(f.object)] } : {}),
            properties,
        };
        add(f.object?.namespace ?? CLUSTER_SCOPED, r);
    };
    for (const f of report.findings) {
        result(f, threshold !== 'none' && (0,model/* atLeast */.jZ)(f.severity, threshold) ? 'fail' : 'warn');
    }
    for (const f of report.suppressed) {
        result(f, 'skip', {
            suppressedBy: f.suppression?.kind ?? 'config',
            reason: f.suppression?.reason ?? '',
            ...(f.suppression?.expires ? { expires: f.suppression.expires } : {}),
        });
    }
    // objects without a finding pass: dashboards then show the share of compliant objects
    const withFinding = new Set([...report.findings, ...report.suppressed].map((f) => f.object && `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}`));
    for (const o of report.objects ?? []) {
        if (withFinding.has(`${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`))
            continue;
        add(o.ref.namespace ?? CLUSTER_SCOPED, {
            source: 'kubeward',
            policy: 'kubeward',
            rule: 'catalog',
            category: 'kubeward',
            severity: 'info',
            result: 'pass',
            scored: true,
            message: 'no findings',
            timestamp: { seconds, nanos: 0 },
            resources: [resourceOf(o.ref)],
        });
    }
    const order = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 };
    const out = [];
    const namespaces = [...groups.keys()].sort((a, b) => a === CLUSTER_SCOPED ? 1 : b === CLUSTER_SCOPED ? -1 : a.localeCompare(b));
    for (const ns of namespaces) {
        const all = groups.get(ns);
        all.sort((a, b) => order[a.result] - order[b.result] ||
            (0,model/* compareSeverity */.zK)(a.severity, b.severity) ||
            a.policy.localeCompare(b.policy));
        const results = all.slice(0, max);
        const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
        for (const r of all)
            summary[r.result]++;
        const truncated = all.length - results.length;
        out.push({
            apiVersion: api.apiVersion,
            kind: ns === CLUSTER_SCOPED ? api.clusterKind : api.kind,
            metadata: {
                name: opts.name ?? 'kubeward',
                ...(ns === CLUSTER_SCOPED ? {} : { namespace: ns }),
                labels: { [MANAGED_BY_LABEL]: 'kubeward', ...opts.labels },
                ...(truncated ? { annotations: { 'kubeward.io/results-truncated': String(truncated) } } : {}),
            },
            ...(flavor === 'openreports' ? { source: 'kubeward' } : {}),
            summary,
            results,
        });
    }
    return out;
}
/** The reports as multi-document YAML, ready for `kubectl apply -f`. */
function formatPolicyReport(report, opts = {}) {
    const docs = toPolicyReports(report, opts);
    if (!docs.length)
        return '';
    return docs.map((d) => dist.stringify(d, { lineWidth: 0 })).join('---\n');
}

;// CONCATENATED MODULE: ./src/core/report/index.ts








const REPORT_FORMATS = [
    'text',
    'json',
    'sarif',
    'junit',
    'markdown',
    'html',
    'policyreport',
    'metrics',
];
function isReportFormat(v) {
    return typeof v === 'string' && REPORT_FORMATS.includes(v);
}
function formatReport(report, format, options = {}) {
    switch (format) {
        case 'text':
            return formatText(report, { color: options.color });
        case 'json':
            return formatJson(report);
        case 'sarif':
            return formatSarif(report);
        case 'junit':
            return formatJunit(report, { objects: options.objects });
        case 'markdown':
            return (0,markdown/* formatMarkdown */.jI)(report, {
                fileUrlPrefix: options.fileUrlPrefix,
                maxLength: options.maxLength,
                title: options.title,
            });
        case 'html':
            return formatHtml(report, {
                ...(options.fileUrlPrefix ? { fileUrlPrefix: options.fileUrlPrefix } : {}),
                ...(options.readSource ? { readSource: options.readSource } : {}),
            });
        case 'policyreport':
            return formatPolicyReport(report, options.policyReport);
        case 'metrics':
            return formatMetrics(report, options.metrics);
        default:
            throw new Error(`unknown report format ${String(format)}; use one of ${REPORT_FORMATS.join(', ')}`);
    }
}







;// CONCATENATED MODULE: ./src/core/report/stream.ts



function skipped(v) {
    return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}
/**
 * `JSON.stringify(value, null, 2)` in pieces: containers shallower than `streamDepth` are written
 * member by member, deeper values in one piece each.
 */
function* jsonChunks(value, streamDepth, depth = 0) {
    const ind = '  '.repeat(depth);
    if (depth < streamDepth &&
        value !== null &&
        typeof value === 'object' &&
        typeof value.toJSON !== 'function') {
        if (Array.isArray(value)) {
            if (!value.length)
                return void (yield '[]');
            yield '[';
            for (let i = 0; i < value.length; i++) {
                yield `${i ? ',' : ''}\n${ind}  `;
                const v = value[i];
                if (skipped(v))
                    yield 'null';
                else
                    yield* jsonChunks(v, streamDepth, depth + 1);
            }
            yield `\n${ind}]`;
            return;
        }
        const obj = value;
        let first = true;
        for (const k of Object.keys(obj)) {
            const v = obj[k];
            if (skipped(v))
                continue;
            yield `${first ? '{' : ','}\n${ind}  ${JSON.stringify(k)}: `;
            first = false;
            yield* jsonChunks(v, streamDepth, depth + 1);
        }
        yield first ? '{}' : `\n${ind}}`;
        return;
    }
    const s = JSON.stringify(value, null, 2);
    if (s === undefined)
        return;
    yield depth && s.includes('\n') ? s.replace(/\n/g, `\n${ind}`) : s;
}
/** Joins small chunks into pieces of about `size` characters (fewer writes). */
function* batched(chunks, size = 1 << 16) {
    let buf = [];
    let n = 0;
    for (const c of chunks) {
        buf.push(c);
        n += c.length;
        if (n >= size) {
            yield buf.join('');
            buf = [];
            n = 0;
        }
    }
    if (n)
        yield buf.join('');
}
/**
 * The report in `format`, in pieces of about 64 KiB: JSON and SARIF are generated finding by
 * finding (any size); the other formats are one piece (they are read by people or capped).
 */
function* reportChunks(report, format, options = {}) {
    if (format === 'json') {
        // root > findings > one finding
        yield* batched(jsonChunks(toJsonReport(report), 2));
        yield '\n';
    }
    else if (format === 'sarif') {
        // root > runs > run > results > one result
        yield* batched(jsonChunks(toSarif(report), 4));
        yield '\n';
    }
    else {
        yield formatReport(report, format, options);
    }
}


/***/ })

};
