export const id = 609;
export const ids = [609];
export const modules = {

/***/ 62609:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  k_: () => (/* binding */ parseManifestText)
});

// UNUSED EXPORTS: lineStarts, offsetToLineCol

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/core/manifests/locate.ts
/**
 * Field path -> line/column, lazily and per document.
 *
 * Fast path: block-style YAML (nearly every manifest) is indexed by one pass over the
 * document's lines into a small tree of keys and sequence items with their positions.
 * Documents the fast path cannot read with certainty (flow collections on the path,
 * anchors/aliases, merge keys, complex keys, tags, JSON) fall back to the `yaml` package,
 * which is exact but ~10x slower: only those documents pay for it.
 */

/** Offsets of each line start, for offset -> line/column. */
function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        starts.push(i + 1);
    return starts;
}
function offsetToLineCol(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
}
/** An empty flow collection: the fast path knows there is nothing inside. */
const EMPTY_FLOW = /^(?:\{\s*\}|\[\s*\])$/;
/** Node properties the fast path does not follow: anchors, aliases, tags. */
const PROPERTY = /^[&*!]/;
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)/;
function unquoteKey(raw) {
    if (raw.startsWith('"')) {
        try {
            return JSON.parse(raw);
        }
        catch {
            return raw.slice(1, -1);
        }
    }
    return raw.slice(1, -1).replace(/''/g, "'");
}
/** Finds a plain key at the start of `s`: text up to the first `:` followed by space or end. */
function plainKey(s) {
    const c = s.charCodeAt(0);
    // flow, quotes, comment, block-scalar and other indicators cannot start a plain key
    if (c === 123 ||
        c === 91 ||
        c === 35 ||
        c === 124 ||
        c === 62 ||
        c === 34 ||
        c === 39 ||
        c === 37 ||
        c === 64 ||
        c === 96) {
        return undefined;
    }
    for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) {
        const n = s.charCodeAt(i + 1);
        if (Number.isNaN(n) || n === 32 || n === 9) {
            const key = s.slice(0, i).trimEnd();
            if (key.includes(' #'))
                return undefined; // a comment before the colon
            return { key, rest: i + 1 };
        }
    }
    return undefined;
}
function stripComment(v) {
    if (v.startsWith('#'))
        return '';
    const i = v.search(/[ \t]#/);
    return (i === -1 ? v : v.slice(0, i)).trim();
}
/** Advances a flow collection's state over one line of text (quotes may span lines). */
function scanFlow(s, st) {
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (st.q) {
            if (ch === st.q) {
                if (st.q === "'" && s[i + 1] === "'")
                    i++;
                else
                    st.q = '';
            }
            else if (ch === '\\' && st.q === '"')
                i++;
        }
        else if (ch === '"' || ch === "'")
            st.q = ch;
        else if (ch === '{' || ch === '[')
            st.depth++;
        else if (ch === '}' || ch === ']')
            st.depth--;
        else if (ch === '#' && (i === 0 || s[i - 1] === ' '))
            break;
    }
}
function openQuote(v) {
    if (v.startsWith('"'))
        return /^"(?:[^"\\]|\\.)*"/.test(v) ? '' : '"';
    // `''` inside is an escaped quote, not the end ('a ''b'' c' ... continues while no lone quote)
    if (v.startsWith("'"))
        return closesSingleQuote(v.slice(1)) ? '' : "'";
    return '';
}
/**
 * True when a line inside a single-quoted scalar ends it: a lone `'` (`''` is an escaped quote,
 * so `''..'''` closes at its last quote).
 */
function closesSingleQuote(line) {
    for (let i = line.indexOf("'"); i !== -1; i = line.indexOf("'", i)) {
        if (line[i + 1] !== "'")
            return true;
        i += 2;
    }
    return false;
}
/** Tokenizes block-style YAML lines; undefined when a construct needs the exact parser. */
function tokenize(text, firstLine) {
    const lines = text.split('\n');
    const tokens = [];
    let skipIndent = -1; // block scalar: skip lines indented more than this
    let quote = ''; // multi-line quoted scalar
    let plainIndent = -1; // multi-line plain scalar: its continuation lines are indented more than this
    const flow = { depth: 0, q: '' }; // multi-line flow collection
    for (let li = 0; li < lines.length; li++) {
        let line = lines[li];
        const rawEol = line.length;
        if (line.endsWith('\r'))
            line = line.slice(0, -1);
        const lineNo = firstLine + li;
        if (quote) {
            if (quote === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(line) : closesSingleQuote(line))
                quote = '';
            continue;
        }
        if (flow.depth > 0) {
            scanFlow(line, flow);
            continue;
        }
        let indent = 0;
        while (indent < line.length && line.charCodeAt(indent) === 32)
            indent++;
        const content = line.slice(indent);
        if (content === '' || content.startsWith('#'))
            continue;
        if (skipIndent >= 0) {
            if (indent > skipIndent)
                continue;
            skipIndent = -1;
        }
        if (plainIndent >= 0) {
            // a continuation line of a plain scalar is text, whatever it starts with (`&& x`, `- y`, `'z`)
            if (indent > plainIndent)
                continue;
            plainIndent = -1;
        }
        if (content.startsWith('\t'))
            return undefined;
        const eol = line.trimEnd().length;
        let col = indent;
        let rest = content;
        let parentIndent = indent; // indentation a block scalar's content must exceed
        // sequence dashes, possibly several on one line ("- - a")
        while (rest.startsWith('-') && (rest.length === 1 || rest[1] === ' ')) {
            tokens.push({ k: 'dash', pos: { line: lineNo, col, eol, raw: rawEol } });
            parentIndent = col;
            let n = 1;
            while (n < rest.length && rest[n] === ' ')
                n++;
            col += n;
            rest = rest.slice(n);
        }
        rest = rest.trimEnd();
        if (rest === '' || rest.startsWith('#'))
            continue;
        // anchors, aliases, tags, complex keys and directives: leave the document to the exact parser
        if (PROPERTY.test(rest) || rest === '?' || rest.startsWith('? ') || (indent === 0 && rest.startsWith('%'))) {
            return undefined;
        }
        let value = '';
        let keyTok;
        const qk = QUOTED_KEY.exec(rest);
        if (qk) {
            keyTok = { k: 'key', pos: { line: lineNo, col, eol, raw: rawEol }, key: unquoteKey(qk[1]), inline: 'none' };
            value = stripComment(rest.slice(qk[0].length).trim());
        }
        else {
            const pk = plainKey(rest);
            if (pk) {
                keyTok = { k: 'key', pos: { line: lineNo, col, eol, raw: rawEol }, key: pk.key, inline: 'none' };
                value = stripComment(rest.slice(pk.rest).trim());
            }
        }
        if (keyTok && keyTok.k === 'key') {
            if (keyTok.key === '<<' || PROPERTY.test(value))
                return undefined;
            parentIndent = col;
            if (EMPTY_FLOW.test(value))
                keyTok.inline = 'empty';
            else if (value !== '')
                keyTok.inline = value.startsWith('{') || value.startsWith('[') ? 'flow' : 'scalar';
            tokens.push(keyTok);
        }
        else {
            value = stripComment(rest);
            if (value === '')
                continue;
            // a flow collection as a sequence item: the fast path does not look inside it
            const flow = value.startsWith('{') || value.startsWith('[');
            if (flow && EMPTY_FLOW.test(value))
                tokens.push({ k: 'scalar', pos: { line: lineNo, col, eol, raw: rawEol }, empty: true });
            else
                tokens.push({ k: 'scalar', pos: { line: lineNo, col, eol, raw: rawEol }, ...(flow ? { flow } : {}) });
        }
        if (value.startsWith('|') || value.startsWith('>'))
            skipIndent = parentIndent;
        else if (value.startsWith('{') || value.startsWith('[')) {
            flow.depth = 0;
            flow.q = '';
            scanFlow(value, flow);
            if (flow.depth < 0)
                flow.depth = 0;
        }
        else {
            quote = openQuote(value);
            if (!quote && value !== '' && value[0] !== '"' && value[0] !== "'")
                // a plain scalar on its own line under a key may continue at its own indentation
                plainIndent = !keyTok && col === indent ? indent - 1 : parentIndent;
        }
    }
    return tokens;
}
/** Thrown inside flowTree when the text needs the exact parser. */
const DECLINE = new Error('flow: decline');
/** Plain keys read as the same string by every YAML schema (no numbers, booleans, nulls). */
const SAFE_PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;
const MAX_FLOW_DEPTH = 256;
/**
 * The position tree of a document that is one flow collection (`{...}` / `[...]`: flow-style
 * YAML, JSON), built in one pass as block documents are, instead of by the exact parser (about
 * 10x slower). Positions are those the exact parser gives: the start of a key or item, the end
 * of its line as the file has it. Undefined when the document holds something this reader does
 * not follow with certainty (anchors, aliases, tags, complex or implicit keys, escapes in keys,
 * keys a schema could read as something other than their text): the exact parser answers those.
 */
function flowTree(text, firstLine, firstColumn) {
    // a lone CR is a line break to YAML, not to these line numbers
    if (/\r(?!\n)/.test(text))
        return undefined;
    const starts = lineStarts(text);
    const n = text.length;
    let i = 0;
    const at = (o) => {
        const p = offsetToLineCol(starts, o);
        const li = p.line - 1;
        // columns of the first line would need the marker's width: left to the exact parser
        if (li === 0 && firstColumn > 0)
            throw DECLINE;
        const end = li + 1 < starts.length ? starts[li + 1] - 1 : n;
        const raw = end - starts[li];
        return { line: firstLine + li, col: p.column - 1, eol: raw, raw };
    };
    const isBlank = (c) => c === 32 || c === 9 || c === 10 || c === 13;
    const ws = () => {
        for (;;) {
            const c = text.charCodeAt(i);
            if (isBlank(c))
                i++;
            else if (c === 35 && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
                const nl = text.indexOf('\n', i);
                i = nl === -1 ? n : nl;
            }
            else
                return;
        }
    };
    const quoted = () => {
        const q = text[i];
        const start = i++;
        for (;;) {
            if (i >= n)
                throw DECLINE;
            const c = text[i];
            if (q === '"' && c === '\\')
                i += 2;
            else if (c === q) {
                if (q === "'" && text[i + 1] === "'")
                    i += 2;
                else {
                    i++;
                    break;
                }
            }
            else
                i++;
        }
        return text.slice(start + 1, i - 1);
    };
    /** A plain scalar: up to `,` `]` `}`, a `: ` or a comment; flow indicators inside it are declined. */
    const plain = () => {
        const start = i;
        const c0 = text[i];
        if ('&*!?|>%@`#,[]{}:'.includes(c0) || (c0 === '-' && isBlank(text.charCodeAt(i + 1))))
            throw DECLINE;
        for (; i < n; i++) {
            const c = text.charCodeAt(i);
            if (c === 44 || c === 93 || c === 125)
                break; // , ] }
            if (c === 91 || c === 123)
                throw DECLINE; // [ {
            if (c === 58 && (i + 1 >= n || isBlank(text.charCodeAt(i + 1)) || ',[]{}'.includes(text[i + 1])))
                break; // :
            if (c === 35 && isBlank(text.charCodeAt(i - 1)))
                break; // # comment
        }
        return text.slice(start, i).trimEnd();
    };
    const key = () => {
        const c = text[i];
        if (c === '"' || c === "'") {
            const k = quoted();
            if (k.includes('\n') || (c === '"' && k.includes('\\')))
                throw DECLINE;
            return c === "'" ? k.replace(/''/g, "'") : k;
        }
        const k = plain();
        if (!SAFE_PLAIN_KEY.test(k) || YAML11_WORDS.test(k))
            throw DECLINE;
        return k;
    };
    const value = (depth) => {
        if (depth > MAX_FLOW_DEPTH)
            throw DECLINE;
        const start = i;
        const c = text[i];
        if (c === '{') {
            const node = { t: 'map', pos: at(start), keys: new Map() };
            i++;
            for (;;) {
                ws();
                if (text[i] === '}') {
                    i++;
                    return node;
                }
                const keyAt = i;
                const k = key();
                ws();
                let v = null;
                if (text[i] === ':') {
                    i++;
                    ws();
                    if (text[i] !== ',' && text[i] !== '}')
                        v = value(depth + 1);
                    ws();
                }
                // the last of duplicate keys, as the exact parser answers
                node.keys.set(k, { key: at(keyAt), value: v });
                if (text[i] === ',')
                    i++;
                else if (text[i] !== '}')
                    throw DECLINE;
            }
        }
        if (c === '[') {
            const node = { t: 'seq', pos: at(start), items: [] };
            i++;
            for (;;) {
                ws();
                if (text[i] === ']') {
                    i++;
                    return node;
                }
                const itemAt = i;
                const v = value(depth + 1);
                ws();
                if (text[i] === ':')
                    throw DECLINE; // an implicit pair: a map item
                node.items.push({ dash: at(itemAt), value: v });
                if (text[i] === ',')
                    i++;
                else if (text[i] !== ']')
                    throw DECLINE;
            }
        }
        if (c === '"' || c === "'")
            quoted();
        else
            plain();
        return { t: 'scalar', pos: at(start) };
    };
    try {
        ws();
        if (text[i] !== '{' && text[i] !== '[')
            return undefined;
        const root = value(0);
        ws();
        return i >= n ? root : undefined;
    }
    catch (e) {
        if (e === DECLINE || e instanceof RangeError)
            return undefined;
        throw e;
    }
}
/** Builds the node tree from tokens by indentation. */
function buildTree(tokens) {
    let i = 0;
    const parse = (minCol) => {
        const t = tokens[i];
        if (!t || t.pos.col < minCol)
            return null;
        if (t.k === 'dash') {
            const col = t.pos.col;
            const node = { t: 'seq', pos: t.pos, items: [] };
            while (i < tokens.length && tokens[i].k === 'dash' && tokens[i].pos.col === col) {
                const dash = tokens[i++].pos;
                node.items.push({ dash, value: parse(col + 1) });
            }
            return node;
        }
        if (t.k === 'key') {
            const col = t.pos.col;
            const node = { t: 'map', pos: t.pos, keys: new Map() };
            while (i < tokens.length) {
                const k = tokens[i];
                if (k.k !== 'key' || k.pos.col !== col)
                    break;
                i++;
                let value = null;
                if (k.inline === 'scalar')
                    value = { t: 'scalar', pos: k.pos };
                else if (k.inline === 'flow')
                    value = { t: 'opaque', pos: k.pos };
                else if (k.inline === 'empty')
                    value = { t: 'empty', pos: k.pos };
                else {
                    const next = tokens[i];
                    // a block sequence may sit at the same indentation as its key
                    if (next && (next.pos.col > col || (next.k === 'dash' && next.pos.col === col)))
                        value = parse(next.pos.col);
                }
                // keep the last duplicate key, as Kubernetes' decoder does
                node.keys.set(k.key, { key: k.pos, value });
                // continuation lines of a multi-line plain scalar
                while (i < tokens.length && tokens[i].pos.col > col)
                    i++;
            }
            return node;
        }
        i++;
        const node = t.empty
            ? { t: 'empty', pos: t.pos }
            : t.flow
                ? { t: 'opaque', pos: t.pos }
                : { t: 'scalar', pos: t.pos };
        while (i < tokens.length && tokens[i].pos.col > t.pos.col && tokens[i].pos.line > t.pos.line)
            i++;
        return node;
    };
    const root = parse(0);
    return root;
}
function toLocation(file, p) {
    return { file, line: p.line, column: p.col + 1, endLine: p.line, endColumn: Math.max(p.col + 1, p.eol + 1) };
}
/** The location of `path` in a fast-path tree; 'fallback' when the path enters something opaque. */
function walk(root, path, file, docPos) {
    let node = root;
    let best = root?.pos ?? docPos;
    for (const seg of path) {
        if (!node)
            break;
        if (node.t === 'opaque')
            return 'fallback';
        // a path into `{}` / `[]` ends at the collection's key or item, as the exact parser answers
        // it: its end column is the end of the line as the file has it (trailing blanks included)
        if (node.t === 'empty')
            return { ...toLocation(file, best), endColumn: Math.max(best.col + 1, (best.raw ?? best.eol) + 1) };
        if (node.t === 'map') {
            const e = node.keys.get(String(seg));
            if (!e)
                break;
            best = e.key;
            node = e.value;
        }
        else if (node.t === 'seq' && typeof seg === 'number') {
            const item = node.items[seg];
            if (!item)
                break;
            best = item.value ? item.value.pos : item.dash;
            node = item.value;
        }
        else
            break;
    }
    return toLocation(file, best);
}
/** The document's text, and file line/column of an offset in it. */
function documentText(src, starts) {
    if (src.text !== undefined && src.line !== undefined && src.column !== undefined) {
        const { text, line, column } = src;
        let docStarts;
        return {
            text,
            pos: (offset) => {
                const p = offsetToLineCol((docStarts ??= lineStarts(text)), offset);
                return { line: line + p.line - 1, column: p.line === 1 ? column + p.column : p.column };
            },
        };
    }
    const fileStarts = starts ?? (() => lineStarts(src.fileText));
    return {
        text: src.fileText.slice(src.start, src.end),
        pos: (offset) => offsetToLineCol(fileStarts(), src.start + offset),
    };
}
/** Exact locator with the `yaml` package (for documents the fast path declines). */
function exactLocator(src, starts) {
    let root;
    const { text, pos } = documentText(src, starts);
    return (path) => {
        if (root === undefined) {
            const doc = (0,dist.parseDocument)(text, {
                lineCounter: new dist.LineCounter(),
                version: '1.1',
                uniqueKeys: false,
                strict: false,
                prettyErrors: false,
            });
            root = doc.contents ?? null;
        }
        let node = root;
        let best = root?.range ? [root.range[0], root.range[1]] : undefined;
        for (const seg of path) {
            let next = null;
            let found = false;
            if (typeof seg === 'number' && (0,dist.isSeq)(node)) {
                next = node.items[seg] ?? null;
                found = next !== null;
                if (next?.range)
                    best = [next.range[0], next.range[1]];
            }
            else if ((0,dist.isMap)(node)) {
                for (let i = node.items.length - 1; i >= 0; i--) {
                    const pair = node.items[i];
                    const k = (0,dist.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
                    if (k === String(seg)) {
                        next = pair.value ?? null;
                        const kr = pair.key?.range;
                        if (kr)
                            best = [kr[0], kr[1]];
                        found = true;
                        break;
                    }
                }
            }
            if (!found)
                break;
            node = next;
            if (!node)
                break;
        }
        if (!best) {
            const p = pos(0);
            return { file: src.file, line: p.line, column: p.column };
        }
        const s = pos(best[0]);
        // the document's text ends where the file's next line starts, or at the file's end
        const lineEnd = text.indexOf('\n', best[0]);
        const e = pos(lineEnd === -1 ? text.length : lineEnd);
        return { file: src.file, line: s.line, column: s.column, endLine: s.line, endColumn: Math.max(s.column, e.column) };
    };
}
/** Counters for the benchmark: how many documents took the fast path and how many fell back. */
const locatorStats = { fast: 0, exact: 0 };
/**
 * Position indexes of the documents located most recently. Bounded, so a scan of a large tree
 * does not keep one for every document: the engine locates findings document by document, so a
 * document's index is built once and dropped when it falls out.
 */
const MAX_INDEXES = 64;
const indexes = new Map();
function indexOf(src, starts) {
    let idx = indexes.get(src);
    if (idx) {
        indexes.delete(src);
        indexes.set(src, idx);
        return idx;
    }
    const { text, pos } = documentText(src, starts);
    const docPos = { line: src.line ?? pos(0).line, col: 0, eol: 0 };
    const flow = /^\s*[{[]/.test(text);
    const tokens = flow ? undefined : tokenize(text, docPos.line);
    const flowRoot = flow ? flowTree(text, docPos.line, src.column ?? (src.start > 0 ? 1 : 0)) : undefined;
    if (tokens) {
        idx = { tree: buildTree(tokens), docPos };
        locatorStats.fast++;
    }
    else if (flowRoot) {
        idx = { tree: flowRoot, docPos };
        locatorStats.fast++;
    }
    else {
        idx = { exact: exactLocator(src, starts), docPos };
        locatorStats.exact++;
    }
    indexes.set(src, idx);
    if (indexes.size > MAX_INDEXES)
        indexes.delete(indexes.keys().next().value);
    return idx;
}
/**
 * Returns a locator for one document. `starts` gives the file's line starts (computed once per
 * file, lazily) for a source without its own `text`. Nothing is parsed until the first call.
 */
function makeLocator(src, starts) {
    return (path) => {
        const idx = indexOf(src, starts);
        if (idx.exact)
            return idx.exact(path);
        const r = walk(idx.tree ?? null, path, src.file, idx.docPos);
        if (r !== 'fallback')
            return r;
        // the path enters a flow collection: the exact parser answers this path (and later such paths)
        if (!idx.fallback) {
            idx.fallback = exactLocator(src, starts);
            locatorStats.exact++;
        }
        return idx.fallback(path);
    };
}
/** The exact locator, exported for tests that compare the fast path against it. */
function makeExactLocator(src, starts) {
    return exactLocator(src, starts);
}

// EXTERNAL MODULE: ./src/core/manifests/schema.ts
var schema = __webpack_require__(99203);
;// CONCATENATED MODULE: ./src/core/manifests/parse.ts
/**
 * Parses manifest text into Kubernetes objects: js-yaml (fast) for values, with the YAML 1.1
 * scalars Kubernetes reads; positions come lazily from ./locate.ts, only for the documents a
 * finding asks about. Never throws: bad input becomes a LoadProblem or a skipped document.
 */





/** Document markers at the start of a line. */
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** Template syntax that YAML cannot hold outside a string (Helm, Go templates). */
const TEMPLATE = /\{\{-?\s*[.$a-zA-Z(/-]/;
/** An alias expansion budget: past it the document is treated as an alias bomb. */
const MAX_EXPANDED_NODES = 2_000_000;
/** An anchor definition in node-property position: `&name` at the start or after one of these. */
const BEFORE_ANCHOR = /[\s:[{,-]/;
const ANCHOR_NAME = /[A-Za-z0-9_./-]/;
/**
 * Does the text hold an anchor definition (`(?:^|[\s:[{,-])&[A-Za-z0-9_./-]`)? Checked at each `&`
 * instead of by that regex: documents with `&` in URLs and prose are common, and a regex scan of a
 * multi-megabyte CRD costs more than a few indexOf calls.
 */
function hasAnchor(text) {
    for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
        if ((i === 0 || BEFORE_ANCHOR.test(text[i - 1])) && i + 1 < text.length && ANCHOR_NAME.test(text[i + 1]))
            return true;
    }
    return false;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Splits text into document ranges at `---` / `...` lines. */
function splitDocuments(text) {
    const ranges = [];
    let start = 0;
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
        ranges.push({ start, end: m.index });
        start = m.index + 3;
    }
    ranges.push({ start, end: text.length });
    return ranges;
}
/** True when the text holds something other than blanks and comments. */
function hasContent(s) {
    return /^[ \t]*[^#\s]/m.test(s);
}
/** Counts nodes as a consumer walking the value would see them, aliases expanded; stops at the budget. */
function expandedSize(v, budget) {
    let count = 0;
    const stack = [v];
    while (stack.length) {
        const cur = stack.pop();
        if (++count > budget)
            return count;
        if (Array.isArray(cur))
            for (const x of cur)
                stack.push(x);
        else if (isObject(cur))
            for (const k in cur)
                stack.push(cur[k]);
    }
    return count;
}
/** True when a template like `{{ .Values.x }}` in plain position was read as a mapping key. */
function hasTemplateKey(v, depth = 0) {
    if (depth > 64)
        return false;
    if (Array.isArray(v))
        return v.some((x) => hasTemplateKey(x, depth + 1));
    if (isObject(v)) {
        for (const k in v)
            if (k === '[object Object]' || k === 'null' || hasTemplateKey(v[k], depth + 1))
                return true;
    }
    return false;
}
/** Strategic-merge-patch directives: their presence marks a kustomize patch, not a whole object. */
const PATCH_DIRECTIVE = /\$(?:patch|setElementOrder\/|retainKeys|deleteFromPrimitiveList\/)/;
/** Does the text mention a patch directive (PATCH_DIRECTIVE, by substring search: `$` is common in scripts)? */
function mentionsPatchDirective(text) {
    return (text.includes('$patch') ||
        text.includes('$setElementOrder/') ||
        text.includes('$retainKeys') ||
        text.includes('$deleteFromPrimitiveList/'));
}
function hasPatchDirective(v, depth = 0) {
    if (depth > 64)
        return false;
    if (Array.isArray(v))
        return v.some((x) => hasPatchDirective(x, depth + 1));
    if (isObject(v))
        for (const k in v)
            if (PATCH_DIRECTIVE.test(k) || hasPatchDirective(v[k], depth + 1))
                return true;
    return false;
}
/** The line (1-based, within the chunk) of the first `{{` outside quotes, for the message. */
function firstTemplateLine(chunk) {
    const lines = chunk.split('\n');
    const i = lines.findIndex((l) => /(?:^|[\s:,[{-])\{\{/.test(l.replace(/"[^"]*"|'[^']*'/g, '')));
    return i === -1 ? 0 : i;
}
function describeYamlError(e) {
    const err = e;
    return {
        line: err.mark?.line ?? 0,
        column: err.mark?.column ?? 0,
        reason: err.reason ?? (err.message ? err.message.split('\n')[0] : String(e)),
    };
}
/**
 * Every duplicate key of a document, found with the `yaml` package (exact positions). Only called
 * for documents js-yaml refused for a duplicate key, so the common path pays nothing.
 */
function duplicateKeys(chunk) {
    const out = [];
    let doc;
    try {
        doc = (0,dist.parseDocument)(chunk, { version: '1.1', merge: true, uniqueKeys: false, strict: false });
    }
    catch {
        return out;
    }
    const stack = [{ node: doc.contents, path: [] }];
    while (stack.length) {
        const { node, path } = stack.pop();
        if ((0,dist.isMap)(node)) {
            const seen = new Map();
            for (const pair of node.items) {
                const k = pair.key;
                const key = (0,dist.isScalar)(k) ? String(k.value) : undefined;
                if (key !== undefined && key !== '<<') {
                    const at = k?.range?.[0] ?? 0;
                    const first = seen.get(key);
                    if (first !== undefined)
                        out.push({ path: [...path, key], offset: at, firstOffset: first });
                    else
                        seen.set(key, at);
                }
                if (key !== undefined)
                    stack.push({ node: pair.value, path: [...path, key] });
            }
        }
        else if ((0,dist.isSeq)(node)) {
            node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
        }
    }
    return out.sort((a, b) => a.offset - b.offset);
}
function isDuplicateKeyError(e) {
    return e.reason === 'duplicated mapping key';
}
/**
 * A copy of `s` that does not keep the string it was sliced from alive (V8 slices of 13 characters
 * or more point into their parent): flattening a new concatenation copies the characters.
 */
function detached(s) {
    return s.length < 13 ? s : (' ' + s).slice(1);
}
/**
 * A file's text kept as its documents' texts (and the `---` between them) instead of once whole:
 * js-yaml parses a copy of each document (it appends a NUL to its input), and the strings of the
 * parsed values are slices of that copy, so the copy lives as long as the objects do. Keeping that
 * copy as the document's text, and dropping the file's, keeps the text once instead of twice.
 * The whole text is rebuilt only when asked for (fixes, files with inline suppressions), and only
 * the last one rebuilt is held.
 */
/** The text last rebuilt, so callers asking again for the same file do not rebuild it (one file held). */
let lastBuilt;
class FileText {
    pieces;
    constructor(pieces) {
        this.pieces = pieces;
    }
    text() {
        if (lastBuilt?.owner !== this)
            lastBuilt = { owner: this, text: this.pieces.join('') };
        return lastBuilt.text;
    }
    /** `needle` must not span a document marker (it holds no newline). */
    includes(needle) {
        return this.pieces.some((p) => p.includes(needle));
    }
}
class DocumentSource {
    file;
    start;
    end;
    text;
    line;
    column;
    whole;
    constructor(file, whole, range, text, at) {
        this.file = file;
        this.whole = whole;
        this.start = range.start;
        this.end = range.end;
        this.text = text;
        this.line = at.line;
        this.column = at.column - 1;
    }
    get fileText() {
        return this.whole.text();
    }
    fileIncludes(needle) {
        return this.whole.includes(needle);
    }
}
/** js-yaml options that hand back the copy of the input js-yaml parses (see FileText). */
function capturing(options, got) {
    return {
        ...options,
        listener(_event, state) {
            got.input = state.input;
            // once is enough: no call for every node
            state.listener = null;
        },
    };
}
/**
 * The locator of a document, built on first use. Made here, outside parseManifestText, so that
 * an object's `locate` does not keep the parser's scope (the whole file's text) alive.
 */
function documentLocator(source) {
    let locator;
    return (path) => (locator ??= makeLocator(source))(path);
}
function itemLocator(locateDoc, docPath) {
    return (path) => locateDoc([...docPath, ...path]);
}
/** List kinds nested deeper than this are not expanded (reported instead). */
const MAX_LIST_DEPTH = 16;
function parseManifestText(input, file) {
    // A BOM is not content and not a column.
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const out = { objects: [], skipped: [], problems: [] };
    let starts;
    const getStarts = () => (starts ??= lineStarts(text));
    const pos = (offset) => offsetToLineCol(getStarts(), offset);
    // the file's text as pieces that do not point into `text` (see FileText)
    const pieces = [];
    const whole = new FileText(pieces);
    const ranges = splitDocuments(text);
    for (let ri = 0; ri < ranges.length; ri++) {
        const range = ranges[ri];
        const chunk = text.slice(range.start, range.end);
        // the document's text: js-yaml's copy when it parsed this very text, else a copy of its own
        const got = {};
        let piece;
        const pieceText = () => (piece ??=
            got.input !== undefined && got.input.startsWith(chunk) ? got.input.slice(0, chunk.length) : detached(chunk));
        try {
            if (!hasContent(chunk))
                continue;
            parseDocumentAt(range, chunk, got, pieceText);
        }
        finally {
            pieces.push(pieceText());
            if (ri + 1 < ranges.length)
                pieces.push(text.slice(range.end, ranges[ri + 1].start));
        }
    }
    return out;
    function parseDocumentAt(range, chunk, got, pieceText) {
        const firstContent = chunk.search(/[^\s]/);
        const docLine = pos(range.start + Math.max(0, firstContent)).line;
        // a BOM at the start of a later document (files joined with `cat`) is not content either
        const bom = /^\s*\uFEFF/.exec(chunk);
        const yamlText = bom ? chunk.slice(0, bom[0].length - 1) + chunk.slice(bom[0].length) : chunk;
        let value;
        let duplicates = [];
        try {
            try {
                // strict first: duplicate keys are an error to report, not a value to pick silently
                value = js_yaml/* default.load */.Ay.load(yamlText, capturing({ schema: schema/* K8S_SCHEMA */.t, filename: file }, got));
            }
            catch (e) {
                if (!isDuplicateKeyError(e))
                    throw e;
                // read as the API server does without strict validation (the last value wins) and report each duplicate
                value = js_yaml/* default.load */.Ay.load(yamlText, capturing({ schema: schema/* K8S_SCHEMA */.t, json: true, filename: file }, got));
                duplicates = duplicateKeys(yamlText);
            }
        }
        catch (e) {
            const d = describeYamlError(e);
            const base = pos(range.start);
            const line = base.line + d.line;
            const column = (d.line === 0 ? base.column - 1 : 0) + d.column + 1;
            const template = TEMPLATE.test(chunk);
            out.problems.push({
                kind: template ? 'helm-template' : 'invalid-yaml',
                file,
                line,
                column,
                message: template
                    ? `this looks like a Helm/Go template source, not a rendered manifest (YAML error: ${d.reason}); render it first, e.g. \`helm template <release> <chart> | kubeward scan -\``
                    : `YAML parse error: ${d.reason}`,
            });
            return;
        }
        if (value === null || value === undefined)
            return;
        if (chunk.includes('{{') && hasTemplateKey(value)) {
            // js-yaml reads `name: {{ .X }}` as a mapping keyed by a mapping; Kubernetes rejects it
            out.problems.push({
                kind: 'helm-template',
                file,
                line: pos(range.start).line + firstTemplateLine(chunk),
                column: 1,
                message: 'this looks like a Helm/Go template source, not a rendered manifest (`{{ }}` outside a quoted string); render it first, e.g. `helm template <release> <chart> | kubeward scan -`',
            });
            return;
        }
        // aliases need an anchor (`&name`): only documents with one can expand past their text
        if (hasAnchor(chunk) && expandedSize(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
            out.problems.push({
                kind: 'invalid-yaml',
                file,
                line: docLine,
                column: 1,
                message: `YAML aliases expand this document past ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb?); not scanned`,
            });
            return;
        }
        if (!isObject(value)) {
            const what = Array.isArray(value) ? 'a list' : `a bare ${typeof value}`;
            out.skipped.push({ file, line: docLine, reason: `not a Kubernetes object (the document is ${what})` });
            return;
        }
        if (mentionsPatchDirective(chunk) && hasPatchDirective(value)) {
            // judging a partial object would report every field the patch leaves to its base
            out.skipped.push({
                file,
                line: docLine,
                reason: 'a kustomize strategic-merge patch ($patch directives), not a complete object: scan `kustomize build` output',
            });
            return;
        }
        const source = new DocumentSource(file, whole, range, pieceText(), pos(range.start));
        const locateDoc = documentLocator(source);
        const add = (data, docPath, line) => {
            const { apiVersion, kind } = data;
            if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion === '' || kind === '') {
                out.skipped.push({ file, line, reason: 'not a Kubernetes object (no apiVersion/kind)' });
                return;
            }
            const md = isObject(data.metadata) ? data.metadata : {};
            const name = typeof md.name === 'string' ? md.name : typeof md.generateName === 'string' ? md.generateName : '';
            out.objects.push({
                data,
                ref: { apiVersion, kind, name, ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}) },
                origin: 'manifest',
                file,
                docPath,
                source,
                locate: docPath.length ? itemLocator(locateDoc, docPath) : locateDoc,
            });
        };
        const firstObject = out.objects.length;
        const expand = (data, docPath, depth) => {
            const kind = data.kind;
            const isList = typeof kind === 'string' && kind.endsWith('List') && 'items' in data && data.items !== null;
            if (!isList)
                return add(data, docPath, docLine);
            const where = (p) => locateDoc([...docPath, ...p]);
            if (!Array.isArray(data.items)) {
                const at = where(['items']);
                const what = isObject(data.items) ? 'a map' : `a ${typeof data.items}`;
                out.problems.push({
                    kind: 'invalid-yaml',
                    file,
                    line: at?.line ?? docLine,
                    column: at?.column ?? 1,
                    message: `\`items\` of this ${kind} is ${what}, not a list of objects: the API server rejects it, and its contents were not scanned`,
                });
                return;
            }
            if (depth >= MAX_LIST_DEPTH) {
                out.problems.push({
                    kind: 'invalid-yaml',
                    file,
                    line: where([])?.line ?? docLine,
                    column: 1,
                    message: `Lists nested more than ${MAX_LIST_DEPTH} deep; the innermost was not scanned`,
                });
                return;
            }
            data.items.forEach((item, i) => {
                if (isObject(item))
                    expand(item, [...docPath, 'items', i], depth + 1);
                else
                    out.skipped.push({
                        file,
                        line: where(['items', i])?.line ?? docLine,
                        reason: `item ${i} of the ${kind} is not an object`,
                    });
            });
        };
        expand(value, [], 0);
        for (const d of duplicates) {
            // the object holding the key: the innermost List item on its path, else the document
            let obj;
            for (let i = firstObject; i < out.objects.length; i++) {
                const o = out.objects[i];
                if (o.docPath.every((seg, j) => d.path[j] === seg) && (!obj || o.docPath.length > obj.docPath.length))
                    obj = o;
            }
            const at = pos(range.start + d.offset);
            const first = pos(range.start + d.firstOffset);
            const k = String(d.path[d.path.length - 1]);
            const key = k.length > 80 ? `${k.slice(0, 79)}…` : k;
            out.problems.push({
                kind: 'duplicate-key',
                file,
                line: at.line,
                column: at.column,
                message: `key ${JSON.stringify(key)} appears twice in this mapping (first at line ${first.line}); the API server rejects duplicate fields under strict validation, and kubeward reads the last value`,
                ...(obj ? { object: obj.ref, path: d.path.slice(obj.docPath.length) } : { path: d.path }),
            });
        }
    }
}


/***/ }),

/***/ 99203:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ K8S_SCHEMA)
/* harmony export */ });
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33243);
/** The YAML schema Kubernetes reads manifests with (sigs.k8s.io/yaml, YAML 1.1 scalars). */

const TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
/** YAML 1.1 booleans: `yes`, `on`, `y` ... are booleans, as Kubernetes' decoder reads them. */
const bool11 = new js_yaml__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Type */ .Ay.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    // booleans are 1 to 5 characters: most scalars are ruled out without the regex
    resolve: (data) => data !== null && data.length <= 5 && BOOL.test(data),
    construct: (data) => TRUE.test(data),
    predicate: (obj) => typeof obj === 'boolean',
    represent: (obj) => String(obj),
});
/** YAML 1.1 octal integers (`0644`), as file modes are often written. */
const octal11 = new js_yaml__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Type */ .Ay.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data) => data !== null && (data[0] === '0' || data[1] === '0') && /^[-+]?0[0-7]+$/.test(data),
    construct: (data) => {
        const neg = data.startsWith('-');
        const v = parseInt(data.replace(/^[-+]/, ''), 8);
        return neg ? -v : v;
    },
    predicate: (obj) => typeof obj === 'number' && Number.isInteger(obj),
    represent: (obj) => '0' + obj.toString(8),
});
/**
 * Core schema (no timestamps: Kubernetes keeps `2024-01-01` as a string) plus merge keys,
 * YAML 1.1 booleans and octals.
 */
const merge = js_yaml__WEBPACK_IMPORTED_MODULE_0__/* ["default"].types */ .Ay.types.merge;
const K8S_SCHEMA = js_yaml__WEBPACK_IMPORTED_MODULE_0__/* ["default"].CORE_SCHEMA */ .Ay.CORE_SCHEMA.extend({ implicit: [bool11, octal11, merge] });


/***/ })

};
