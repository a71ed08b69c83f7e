export const id = 74;
export const ids = [74,891];
export const modules = {

/***/ 82673:
/***/ ((module) => {

module.exports=n=>{if(!n)return[];if(typeof n!="string"||n.match(/^\s+$/))return[];const s=n.split(`
`);if(s.length===0)return[];const a=[];let o=null,d=null,u=0,m=0,l=null;const g=e=>{d?.changes.push({type:"normal",normal:!0,ln1:u++,ln2:m++,content:e}),l.oldLines--,l.newLines--},p=e=>{const[t,r]=parseFiles(e)??[];o={chunks:[],deletions:0,additions:0,from:t,to:r},a.push(o)},i=()=>{(!o||o.chunks.length)&&p()},$=(e,t)=>{i(),o.new=!0,o.newMode=t[1],o.from="/dev/null"},N=(e,t)=>{i(),o.deleted=!0,o.oldMode=t[1],o.to="/dev/null"},x=(e,t)=>{i(),o.oldMode=t[1]},F=(e,t)=>{i(),o.newMode=t[1]},S=(e,t)=>{i(),o.index=e.split(" ").slice(1),t[1]&&(o.oldMode=o.newMode=t[1].trim())},k=e=>{i(),o.from=parseOldOrNewFile(e)},y=e=>{i(),o.to=parseOldOrNewFile(e)},f=e=>+(e||1),M=(e,t)=>{o||p(e);const[r,c,w,L]=t.slice(1);u=+r,m=+w,d={content:e,changes:[],oldStart:+r,oldLines:f(c),newStart:+w,newLines:f(L)},l={oldLines:f(c),newLines:f(L)},o.chunks.push(d)},R=e=>{d&&(d.changes.push({type:"del",del:!0,ln:u++,content:e}),o.deletions++,l.oldLines--)},b=e=>{d&&(d.changes.push({type:"add",add:!0,ln:m++,content:e}),o.additions++,l.newLines--)},h=e=>{if(!d)return;const[t]=d.changes.slice(-1);d.changes.push({type:t.type,[t.type]:!0,ln1:t.ln1,ln2:t.ln2,ln:t.ln,content:e})},_=[[/^diff\s/,p],[/^new file mode (\d+)$/,$],[/^deleted file mode (\d+)$/,N],[/^old mode (\d+)$/,x],[/^new mode (\d+)$/,F],[/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/,S],[/^---\s/,k],[/^\+\+\+\s/,y],[/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/,M],[/^\\ No newline at end of file$/,h]],v=[[/^\\ No newline at end of file$/,h],[/^-/,R],[/^\+/,b],[/^\s*/,g]],C=e=>{for(const[t,r]of v){const c=e.match(t);if(c){r(e,c);break}}l.oldLines===0&&l.newLines===0&&(l=null)},H=e=>{for(const[t,r]of _){const c=e.match(t);if(c){r(e,c);break}}},O=e=>{l?C(e):H(e)};for(const e of s)O(e);return a};const fileNameDiffRegex=/(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g,gitFileHeaderRegex=/^(a|b|i|w|c|o|1|2)\//,parseFiles=n=>n?.match(fileNameDiffRegex)?.map(a=>a.replace(gitFileHeaderRegex,"").replace(/("|')$/,"")),qoutedFileNameRegex=/^\\?['"]|\\?['"]$/g,parseOldOrNewFile=n=>{let s=leftTrimChars(n,"-+").trim();return s=removeTimeStamp(s),s.replace(qoutedFileNameRegex,"").replace(gitFileHeaderRegex,"")},leftTrimChars=(n,s)=>{if(n=makeString(n),!s&&String.prototype.trimLeft)return n.trimLeft();const a=formTrimmingString(s);return n.replace(new RegExp(`^${a}+`),"")},timeStampRegex=/\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/,removeTimeStamp=n=>{const s=timeStampRegex.exec(n);return s&&(n=n.substring(0,s.index).trim()),n},formTrimmingString=n=>n==null?"\\s":n instanceof RegExp?n.source:`[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g,"\\$1")}]`,makeString=n=>`${n??""}`;


/***/ }),

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

/***/ 891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84091);
/**
 * The GitHub REST client of both adapters (the action and the orb's `kubeward comment`):
 * @octokit/core with the retry and throttling plugins, loaded lazily (PR publishing only).
 *
 * - every HTTP attempt has its own timeout (a hung API costs one timeout, not 2 x 300 s);
 * - 5xx and network errors are retried with bounded backoff (@octokit/plugin-retry: 3 retries);
 * - primary and secondary rate limits wait for Retry-After / the reset when that is short, at most
 *   twice (@octokit/plugin-throttling), else the error reaches the caller;
 * - the token is sent only in the Authorization header and never appears in errors or logs.
 */

async function createGitHubClient(opts) {
    const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
        __webpack_require__.e(/* import() */ 730).then(__webpack_require__.bind(__webpack_require__, 14730)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(735)]).then(__webpack_require__.bind(__webpack_require__, 49735)),
        Promise.all(/* import() */[__webpack_require__.e(251), __webpack_require__.e(856)]).then(__webpack_require__.bind(__webpack_require__, 86856)),
    ]);
    const timeoutMs = opts.requestTimeoutMs ?? 30_000;
    const maxWaitS = (opts.maxRateLimitWaitMs ?? 60_000) / 1000;
    const baseFetch = opts.fetch ?? globalThis.fetch;
    // one timeout per attempt (the retry plugin re-sends through this fetch)
    const timedFetch = (input, init) => {
        const t = AbortSignal.timeout(timeoutMs);
        return baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, t]) : t });
    };
    const log = opts.log ?? (() => undefined);
    const onLimit = (what) => (retryAfter, options, _octokit, retryCount) => {
        if (retryCount >= 2 || retryAfter > maxWaitS)
            return false;
        log(`GitHub API ${what} (${options.method ?? ''} ${options.url ?? ''}): retrying in ${retryAfter} s`);
        return true;
    };
    const Client = Octokit.plugin(retry, throttling);
    const octokit = new Client({
        auth: opts.token,
        baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: opts.userAgent ?? 'kubeward',
        request: { fetch: timedFetch },
        // rate limits (403/429) are the throttling plugin's: retried by both, one 429 cost two retries
        retry: {
            retries: opts.retries ?? 3,
            retryAfterBaseValue: opts.retryBaseMs ?? 1000,
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        },
        throttle: {
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
            // no clustering, no minimum spacing between writes beyond what GitHub asks for
            fallbackSecondaryRateRetryAfter: 10,
        },
        log: { debug: () => undefined, info: () => undefined, warn: (m) => log(m), error: () => undefined },
    });
    // An API that could not be reached after every retry is not tried again by later calls of the
    // same run: one unreachable API costs one backoff sequence, not one per call.
    let unreachable;
    return {
        managesRetries: true,
        request: async (route, params) => {
            for (let attempt = 0;; attempt++) {
                if (unreachable)
                    throw unreachable;
                try {
                    return (await octokit.request(route, params));
                }
                catch (e) {
                    if (isNetworkError(e))
                        unreachable = e;
                    // a plain 429 (no secondary-limit message, no exhausted quota) is left by the throttling
                    // plugin to the caller, and the retry plugin would ignore its Retry-After: waited here
                    const info = (0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .httpError */ .p2)(e);
                    const wait = info?.status === 429 ? (0,_client_js__WEBPACK_IMPORTED_MODULE_0__/* .rateLimitWait */ .hD)(info, attempt, opts.retryBaseMs ?? 1000) : undefined;
                    if (wait === undefined || attempt >= 2 || wait > maxWaitS * 1000)
                        throw e;
                    log(`GitHub API rate limit (HTTP 429): retrying in ${Math.ceil(wait / 1000)} s`);
                    await new Promise((r) => setTimeout(r, wait));
                }
            }
        },
    };
}
/** No HTTP answer at all (refused, reset, DNS, timeout): octokit reports it as a 500 without a response. */
function isNetworkError(e) {
    if (typeof e !== 'object' || e === null)
        return false;
    const err = e;
    return err.status === 500 && err.response === undefined;
}


/***/ }),

/***/ 40074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMENT_LIMIT: () => (/* reexport */ COMMENT_LIMIT),
  REVIEW_MARKER: () => (/* reexport */ REVIEW_MARKER),
  STICKY_MARKER: () => (/* reexport */ STICKY_MARKER),
  applyFixes: () => (/* reexport */ fixes/* applyFixes */.yZ),
  call: () => (/* reexport */ pr_client/* call */.T1),
  codeBlock: () => (/* reexport */ markdown_escape/* codeBlock */.DV),
  commentBody: () => (/* reexport */ commentBody),
  createGitHubClient: () => (/* reexport */ github_client.createGitHubClient),
  diffsOf: () => (/* reexport */ diffsOf),
  escapeMarkdown: () => (/* reexport */ markdown_escape/* escapeMarkdown */.FV),
  fenceFor: () => (/* reexport */ markdown_escape/* fenceFor */.Lt),
  fetchPullFiles: () => (/* reexport */ fetchPullFiles),
  findingsOnChangedLines: () => (/* reexport */ findingsOnChangedLines),
  fixLineEdit: () => (/* reexport */ fixes/* fixLineEdit */.cu),
  headline: () => (/* reexport */ markdown/* headline */.Pl),
  httpError: () => (/* reexport */ pr_client/* httpError */.p2),
  inlineCode: () => (/* reexport */ markdown_escape/* inlineCode */.ti),
  isPermissionError: () => (/* reexport */ pr_client/* isPermissionError */.gj),
  matchesPatch: () => (/* reexport */ matchesPatch),
  paginate: () => (/* reexport */ pr_client/* paginate */.En),
  patchLines: () => (/* reexport */ patchLines),
  planReview: () => (/* reexport */ planReview),
  publishReview: () => (/* reexport */ publishReview),
  publishStickyComment: () => (/* reexport */ publishStickyComment),
  rangeInDiff: () => (/* reexport */ rangeInDiff),
  renderMarkdown: () => (/* reexport */ markdown/* renderMarkdown */.Gc),
  stickyBody: () => (/* reexport */ stickyBody),
  withRetry: () => (/* reexport */ pr_client/* withRetry */.bD)
});

// EXTERNAL MODULE: ./src/pr/client.ts
var pr_client = __webpack_require__(84091);
// EXTERNAL MODULE: ./src/pr/markdown.ts
var markdown = __webpack_require__(28137);
// EXTERNAL MODULE: ./src/core/report/markdown-escape.ts
var markdown_escape = __webpack_require__(12833);
;// CONCATENATED MODULE: ./src/pr/sticky.ts



const STICKY_MARKER = '<!-- kubeward:sticky -->';
/** GitHub refuses issue comments longer than this. */
const COMMENT_LIMIT = 65_536;
const DEFAULT_AUTHOR = 'github-actions[bot]';
const authors = new WeakMap();
/** The login kubeward posts as (see PullRequestTarget.author), resolved once per client. */
function commentAuthor(t) {
    if (t.author)
        return Promise.resolve(t.author);
    let p = authors.get(t.client);
    if (!p) {
        p = (0,pr_client/* call */.T1)(t.client, 'GET /user', {}, t.retry).then((u) => (typeof u?.login === 'string' && u.login ? u.login : DEFAULT_AUTHOR), () => DEFAULT_AUTHOR);
        authors.set(t.client, p);
    }
    return p;
}
/** Whether a comment was written by kubeward's identity (logins compare case-insensitively). */
function byAuthor(c, author) {
    return typeof c.user?.login === 'string' && c.user.login.toLowerCase() === author.toLowerCase();
}
/** The comment body: the report in markdown under 65,536 characters, with the marker. */
function stickyBody(opts) {
    const server = opts.serverUrl ?? 'https://github.com';
    const prefix = `${server}/${opts.owner}/${opts.repo}/blob/${opts.headSha}/`;
    const run = opts.runUrl ? (0,markdown_escape/* safeUrl */.Pl)(opts.runUrl) : '';
    const footer = `<sub>kubeward ${(0,markdown_escape/* escapeHtmlText */.SC)(opts.report.tool.version)} · commit ${(0,markdown_escape/* commentSafe */.XO)(opts.headSha.slice(0, 7))}${run ? ` · [run](${run})` : ''}</sub>`;
    return (0,markdown/* renderMarkdown */.Gc)(opts.report, {
        layout: 'comment',
        maxLength: COMMENT_LIMIT - 1,
        header: STICKY_MARKER,
        fileUrlPrefix: prefix,
        ...(opts.notes ? { notes: opts.notes } : {}),
        ...(opts.changedFiles ? { changedFiles: opts.changedFiles } : {}),
        ...(opts.runUrl ? { fullReportUrl: opts.runUrl } : {}),
        ...(opts.outcome ? { outcome: opts.outcome } : {}),
        footer,
    });
}
/** The PR's changed files, or undefined when GitHub does not say (the comment then lists by file). */
async function changedFilesOf(opts) {
    try {
        const files = await (0,pr_client/* paginate */.En)(opts.client, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: opts.owner, repo: opts.repo, pull_number: opts.pullNumber }, opts.retry);
        return files.map((f) => f.filename);
    }
    catch {
        return undefined;
    }
}
/** Creates the sticky comment, or updates it when a previous run made one (also to say "all clear"). */
async function publishStickyComment(opts) {
    const { client, owner, repo, pullNumber, retry } = opts;
    const changedFiles = opts.changedFiles ?? (opts.report.findings.length ? await changedFilesOf(opts) : undefined);
    const body = stickyBody({ ...opts, ...(changedFiles ? { changedFiles } : {}) });
    const comments = await (0,pr_client/* paginate */.En)(client, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: pullNumber }, retry);
    // ours: written by kubeward's identity and starting with the marker. Anyone can paste the
    // marker into a comment of their own; such a comment is never adopted or edited
    const author = await commentAuthor(opts);
    const mine = comments.filter((c) => byAuthor(c, author) && c.body?.trimStart().startsWith(STICKY_MARKER));
    for (const existing of mine) {
        try {
            const res = await (0,pr_client/* call */.T1)(client, 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: existing.id, body }, retry);
            return { action: 'updated', id: existing.id, url: res?.html_url ?? existing.html_url };
        }
        catch (e) {
            const status = (0,pr_client/* httpError */.p2)(e)?.status;
            // not ours to edit (someone else's comment with the marker) or gone: try the next, else create
            if (status !== 403 && status !== 404)
                throw e;
            if (status === 403 && mine.length === 1)
                throw e;
        }
    }
    const created = await (0,pr_client/* call */.T1)(client, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: pullNumber, body }, retry);
    return { action: 'created', id: created.id, url: created.html_url };
}

// EXTERNAL MODULE: ./src/core/rules/index.ts + 15 modules
var rules = __webpack_require__(95992);
// EXTERNAL MODULE: ./src/core/fixes/index.ts
var fixes = __webpack_require__(32707);
// EXTERNAL MODULE: ./node_modules/parse-diff/index.js
var parse_diff = __webpack_require__(82673);
var parse_diff_default = /*#__PURE__*/__webpack_require__.n(parse_diff);
;// CONCATENATED MODULE: ./src/pr/diff.ts
/** Which lines of a pull request a review comment may be placed on, from each file's `patch`. */

/** Parses one file's `patch` from the pulls/files API (hunks only, no file header). */
function patchLines(patch) {
    const out = { added: new Set(), hunkOf: new Map(), text: new Map() };
    if (!patch)
        return out;
    const text = patch.startsWith('@@') ? `--- a/f\n+++ b/f\n${patch}` : patch;
    const files = parse_diff_default()(text);
    let hunk = 0;
    for (const file of files) {
        for (const chunk of file.chunks) {
            for (const ch of chunk.changes) {
                if (ch.content.startsWith('\\'))
                    continue; // "\ No newline at end of file"
                if (ch.type === 'add') {
                    out.added.add(ch.ln);
                    out.hunkOf.set(ch.ln, hunk);
                    out.text.set(ch.ln, ch.content.slice(1));
                }
                else if (ch.type === 'normal') {
                    out.hunkOf.set(ch.ln2, hunk);
                    out.text.set(ch.ln2, ch.content.slice(1));
                }
            }
            hunk++;
        }
    }
    return out;
}
/** True when the file's lines start..end read as the patch says (the checkout is the PR head). */
function matchesPatch(diff, fileText, start, end) {
    const lines = fileText.split('\n');
    for (let l = start; l <= end; l++) {
        const expected = diff.text.get(l);
        if (expected === undefined || (lines[l - 1] ?? '').replace(/\r$/, '') !== expected.replace(/\r$/, ''))
            return false;
    }
    return true;
}
/** True when lines start..end are all in one hunk of the diff (a multi-line comment's range). */
function rangeInDiff(diff, start, end) {
    const h = diff.hunkOf.get(start);
    if (h === undefined)
        return false;
    for (let l = start; l <= end; l++)
        if (diff.hunkOf.get(l) !== h)
            return false;
    return true;
}
/** Map of file name -> diff lines. Removed files and files GitHub sends without a patch have no lines. */
function diffsOf(files) {
    const m = new Map();
    for (const f of files) {
        if (f.status === 'removed')
            continue;
        m.set(f.filename, patchLines(f.patch));
    }
    return m;
}

// EXTERNAL MODULE: ./src/core/report/util.ts
var util = __webpack_require__(8220);
;// CONCATENATED MODULE: ./src/pr/review.ts








const REVIEW_MARKER = '<!-- kubeward:review -->';
const FINDING_MARKER = /<!-- kubeward:finding ([A-Za-z0-9:._/-]+) -->/;
async function fetchPullFiles(t) {
    return (0,pr_client/* paginate */.En)(t.client, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: t.owner, repo: t.repo, pull_number: t.pullNumber }, t.retry);
}
/** Findings whose line is one the PR adds or changes (the `only-new` filter). */
function findingsOnChangedLines(findings, diffs) {
    return findings.filter((f) => f.location && diffs.get(f.location.file)?.added.has(f.location.line));
}
function findingMarker(f) {
    return `<!-- kubeward:finding ${(0,markdown_escape/* commentSafe */.XO)(f.fingerprint)} -->`;
}
/** The body of one inline comment. */
function commentBody(f, suggestion) {
    const meta = (0,rules/* getRule */.rF)(f.ruleId)?.meta;
    const parts = [
        findingMarker(f),
        `**${markdown/* SEVERITY_ICON */._9[f.severity]} ${f.severity}** · ${(0,markdown_escape/* inlineCode */.ti)(f.ruleId)} · ${(0,markdown_escape/* escapeMarkdown */.FV)(f.title)}`,
        '',
        (0,markdown_escape/* escapeMarkdown */.FV)(f.message) + (f.secretPreview ? ` (${(0,markdown_escape/* inlineCode */.ti)(f.secretPreview)})` : ''),
    ];
    if (meta?.rationale)
        parts.push('', `**Why:** ${(0,markdown_escape/* catalogMarkdown */.bN)(meta.rationale)}`);
    if (suggestion) {
        parts.push('', `**Suggested fix** (${(0,markdown_escape/* escapeMarkdown */.FV)(f.fix?.description ?? 'kubeward')}):`, '');
        parts.push((0,markdown_escape/* codeBlock */.DV)('suggestion', suggestion.lines.join('\n')));
    }
    else if (meta?.remediation) {
        parts.push('', `**Fix:** ${(0,markdown_escape/* catalogMarkdown */.bN)(meta.remediation)}`);
    }
    return parts.join('\n');
}
/** Builds the review comments (pure, for tests): one per finding on a changed line. */
async function planReview(opts, diffs, existing) {
    const done = new Set();
    for (const c of existing) {
        // only kubeward's own comments say a finding was commented: a marker pasted into someone
        // else's comment must not silence the inline comments
        if (opts.author !== undefined && !byAuthor(c, opts.author))
            continue;
        const m = c.body ? FINDING_MARKER.exec(c.body) : null;
        if (!m || !c.path)
            continue;
        for (const l of [c.line, c.original_line])
            if (l)
                done.add(`${c.path}\0${l}\0${m[1]}`);
    }
    const result = { posted: 0, alreadyCommented: 0, outsideDiff: 0, overLimit: 0, suggestions: 0 };
    const comments = [];
    const texts = new Map();
    const max = opts.maxComments ?? 50;
    // lines that hold a detected secret: a suggestion never repeats them (secrets never reach a comment)
    const secretLines = new Map();
    for (const f of [...opts.report.findings, ...opts.report.suppressed]) {
        if (!f.secretPreview || !f.location)
            continue;
        const l = f.location;
        secretLines.set(l.file, [...(secretLines.get(l.file) ?? []), { from: l.line, to: l.endLine ?? l.line }]);
    }
    const showsSecret = (file, text, shown) => {
        const ranges = secretLines.get(file);
        if (!ranges)
            return false;
        const all = text.split('\n');
        const secret = new Set();
        for (const r of ranges)
            for (let i = r.from; i <= r.to; i++)
                secret.add((all[i - 1] ?? '').trim());
        secret.delete('');
        return shown.some((l) => secret.has(l.trim()));
    };
    for (const f of opts.report.findings) {
        const loc = f.location;
        const diff = loc ? diffs.get(loc.file) : undefined;
        if (!loc || !diff || !diff.added.has(loc.line)) {
            result.outsideDiff++;
            continue;
        }
        let edit;
        if (opts.readFile) {
            if (!texts.has(loc.file))
                texts.set(loc.file, opts.readFile(loc.file).catch(() => undefined));
            const text = await texts.get(loc.file);
            // the checkout is not the PR head (e.g. a merge commit that moved lines): no inline comment
            if (text !== undefined && !matchesPatch(diff, text, loc.line, loc.line)) {
                result.outsideDiff++;
                continue;
            }
            if (opts.suggestions !== false && f.fix && text !== undefined) {
                const e = (0,fixes/* fixLineEdit */.cu)(text, f);
                if (e &&
                    rangeInDiff(diff, e.startLine, e.endLine) &&
                    matchesPatch(diff, text, e.startLine, e.endLine) &&
                    !showsSecret(loc.file, text, e.lines))
                    edit = e;
            }
        }
        const line = edit ? edit.endLine : loc.line;
        const key = (l) => `${loc.file}\0${l}\0${(0,markdown_escape/* commentSafe */.XO)(f.fingerprint)}`;
        if (done.has(key(line)) || done.has(key(loc.line))) {
            result.alreadyCommented++;
            continue;
        }
        if (comments.length >= max) {
            result.overLimit++;
            continue;
        }
        const c = { path: loc.file, line, side: 'RIGHT', body: commentBody(f, edit) };
        if (edit && edit.startLine < edit.endLine) {
            c.start_line = edit.startLine;
            c.start_side = 'RIGHT';
        }
        if (edit)
            result.suggestions++;
        comments.push(c);
    }
    return { comments, result };
}
function reviewBody(result, count) {
    const lines = [
        REVIEW_MARKER,
        `kubeward found ${count} issue${count === 1 ? '' : 's'} on lines this pull request changes.`,
    ];
    if (result.outsideDiff > 0)
        lines.push(`${(0,util/* plural */.LS)(result.outsideDiff, 'other finding')} ${result.outsideDiff === 1 ? 'is' : 'are'} outside the diff: see the checks summary.`);
    if (result.overLimit > 0)
        lines.push(`${result.overLimit} more not commented here (limit per review).`);
    return lines.join('\n\n');
}
/**
 * Posts one review with comments on changed lines. When GitHub refuses it (422, e.g. a line that is
 * not in the diff any more), retries once with single-line comments on added lines only; if that is
 * refused too, reports it in `rejected` instead of throwing.
 */
async function publishReview(opts) {
    const { client, owner, repo, pullNumber, retry } = opts;
    const files = opts.files ?? (await fetchPullFiles(opts));
    const diffs = diffsOf(files);
    const existing = await (0,pr_client/* paginate */.En)(client, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { owner, repo, pull_number: pullNumber }, retry);
    const { comments, result } = await planReview({ ...opts, author: await commentAuthor(opts) }, diffs, existing);
    if (comments.length === 0)
        return result;
    const post = (cs) => (0,pr_client/* call */.T1)(client, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: pullNumber,
        commit_id: opts.headSha,
        event: 'COMMENT',
        body: reviewBody(result, cs.length),
        comments: cs,
    }, retry);
    try {
        const r = await post(comments);
        return { ...result, posted: comments.length, reviewId: r.id };
    }
    catch (e) {
        const info = (0,pr_client/* httpError */.p2)(e);
        if (info?.status !== 422)
            throw e;
        opts.log?.(`GitHub refused the review (422: ${info.message}); retrying with single-line comments only`);
        // the likeliest offenders: multi-line suggestion ranges. Keep single lines the diff adds.
        const safe = comments.filter((c) => c.start_line === undefined && diffs.get(c.path)?.added.has(c.line));
        const dropped = comments.length - safe.length;
        if (safe.length === 0)
            return { ...result, rejected: { count: comments.length, message: info.message } };
        try {
            const r = await post(safe);
            return {
                ...result,
                posted: safe.length,
                reviewId: r.id,
                suggestions: safe.filter((c) => c.body.includes('```suggestion')).length,
                ...(dropped > 0 ? { rejected: { count: dropped, message: info.message } } : {}),
            };
        }
        catch (e2) {
            const info2 = (0,pr_client/* httpError */.p2)(e2);
            if (info2?.status !== 422)
                throw e2;
            return { ...result, rejected: { count: comments.length, message: info2.message } };
        }
    }
}

// EXTERNAL MODULE: ./src/pr/github-client.ts
var github_client = __webpack_require__(891);
;// CONCATENATED MODULE: ./src/pr/index.ts
/** Publishing a report to a GitHub pull request: shared by the GitHub Action and the CircleCI orb. */











/***/ })

};
