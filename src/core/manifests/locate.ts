/**
 * Field path -> line/column, lazily and per document.
 *
 * Fast path: block-style YAML (nearly every manifest) is indexed by one pass over the
 * document's lines into a small tree of keys and sequence items with their positions.
 * Documents the fast path cannot read with certainty (flow collections on the path,
 * anchors/aliases, merge keys, complex keys, tags, JSON) fall back to the `yaml` package,
 * which is exact but ~10x slower: only those documents pay for it.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YNode } from 'yaml';
import type { FieldPath, Location } from '../model.ts';
import type { SourceDocument } from './types.ts';

/** Offsets of each line start, for offset -> line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function offsetToLineCol(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** A position in the file: 1-based line, 0-based character column. */
interface Pos {
  line: number;
  col: number;
  /** Length of the line's content (for end positions). */
  eol: number;
  /** Length of the line as the file has it (trailing blanks and CR included), as the exact parser ends it. */
  raw?: number;
}

type TNode =
  | { t: 'map'; pos: Pos; keys: Map<string, { key: Pos; value: TNode | null }> }
  | { t: 'seq'; pos: Pos; items: { dash: Pos; value: TNode | null }[] }
  | { t: 'scalar'; pos: Pos }
  /** Something the fast path does not look inside (inline flow collection). */
  | { t: 'opaque'; pos: Pos }
  /** An empty flow collection (`{}`, `[]`): nothing inside. */
  | { t: 'empty'; pos: Pos };

type Token =
  | { k: 'dash'; pos: Pos }
  | { k: 'key'; pos: Pos; key: string; inline: 'none' | 'scalar' | 'flow' | 'empty' }
  | { k: 'scalar'; pos: Pos; flow?: boolean; empty?: boolean };

/** An empty flow collection: the fast path knows there is nothing inside. */
const EMPTY_FLOW = /^(?:\{\s*\}|\[\s*\])$/;

/** Node properties the fast path does not follow: anchors, aliases, tags. */
const PROPERTY = /^[&*!]/;

const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)/;

function unquoteKey(raw: string): string {
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw.slice(1, -1).replace(/''/g, "'");
}

/** Finds a plain key at the start of `s`: text up to the first `:` followed by space or end. */
function plainKey(s: string): { key: string; rest: number } | undefined {
  const c = s.charCodeAt(0);
  // flow, quotes, comment, block-scalar and other indicators cannot start a plain key
  if (
    c === 123 ||
    c === 91 ||
    c === 35 ||
    c === 124 ||
    c === 62 ||
    c === 34 ||
    c === 39 ||
    c === 37 ||
    c === 64 ||
    c === 96
  ) {
    return undefined;
  }
  for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) {
    const n = s.charCodeAt(i + 1);
    if (Number.isNaN(n) || n === 32 || n === 9) {
      const key = s.slice(0, i).trimEnd();
      if (key.includes(' #')) return undefined; // a comment before the colon
      return { key, rest: i + 1 };
    }
  }
  return undefined;
}

function stripComment(v: string): string {
  if (v.startsWith('#')) return '';
  const i = v.search(/[ \t]#/);
  return (i === -1 ? v : v.slice(0, i)).trim();
}

/** Scan state of a flow collection that spans lines: bracket depth and open quote. */
interface FlowState {
  depth: number;
  q: string;
}

/** Advances a flow collection's state over one line of text (quotes may span lines). */
function scanFlow(s: string, st: FlowState): void {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (st.q) {
      if (ch === st.q) {
        if (st.q === "'" && s[i + 1] === "'") i++;
        else st.q = '';
      } else if (ch === '\\' && st.q === '"') i++;
    } else if (ch === '"' || ch === "'") st.q = ch;
    else if (ch === '{' || ch === '[') st.depth++;
    else if (ch === '}' || ch === ']') st.depth--;
    else if (ch === '#' && (i === 0 || s[i - 1] === ' ')) break;
  }
}

function openQuote(v: string): string {
  if (v.startsWith('"')) return /^"(?:[^"\\]|\\.)*"/.test(v) ? '' : '"';
  // `''` inside is an escaped quote, not the end ('a ''b'' c' ... continues while no lone quote)
  if (v.startsWith("'")) return closesSingleQuote(v.slice(1)) ? '' : "'";
  return '';
}

/**
 * True when a line inside a single-quoted scalar ends it: a lone `'` (`''` is an escaped quote,
 * so `''..'''` closes at its last quote).
 */
function closesSingleQuote(line: string): boolean {
  for (let i = line.indexOf("'"); i !== -1; i = line.indexOf("'", i)) {
    if (line[i + 1] !== "'") return true;
    i += 2;
  }
  return false;
}

/** Tokenizes block-style YAML lines; undefined when a construct needs the exact parser. */
function tokenize(text: string, firstLine: number): Token[] | undefined {
  const lines = text.split('\n');
  const tokens: Token[] = [];
  let skipIndent = -1; // block scalar: skip lines indented more than this
  let quote = ''; // multi-line quoted scalar
  let plainIndent = -1; // multi-line plain scalar: its continuation lines are indented more than this
  const flow: FlowState = { depth: 0, q: '' }; // multi-line flow collection
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li];
    const rawEol = line.length;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const lineNo = firstLine + li;
    if (quote) {
      if (quote === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(line) : closesSingleQuote(line)) quote = '';
      continue;
    }
    if (flow.depth > 0) {
      scanFlow(line, flow);
      continue;
    }
    let indent = 0;
    while (indent < line.length && line.charCodeAt(indent) === 32) indent++;
    const content = line.slice(indent);
    if (content === '' || content.startsWith('#')) continue;
    if (skipIndent >= 0) {
      if (indent > skipIndent) continue;
      skipIndent = -1;
    }
    if (plainIndent >= 0) {
      // a continuation line of a plain scalar is text, whatever it starts with (`&& x`, `- y`, `'z`)
      if (indent > plainIndent) continue;
      plainIndent = -1;
    }
    if (content.startsWith('\t')) return undefined;
    const eol = line.trimEnd().length;
    let col = indent;
    let rest = content;
    let parentIndent = indent; // indentation a block scalar's content must exceed
    // sequence dashes, possibly several on one line ("- - a")
    while (rest.startsWith('-') && (rest.length === 1 || rest[1] === ' ')) {
      tokens.push({ k: 'dash', pos: { line: lineNo, col, eol, raw: rawEol } });
      parentIndent = col;
      let n = 1;
      while (n < rest.length && rest[n] === ' ') n++;
      col += n;
      rest = rest.slice(n);
    }
    rest = rest.trimEnd();
    if (rest === '' || rest.startsWith('#')) continue;
    // anchors, aliases, tags, complex keys and directives: leave the document to the exact parser
    if (PROPERTY.test(rest) || rest === '?' || rest.startsWith('? ') || (indent === 0 && rest.startsWith('%'))) {
      return undefined;
    }
    let value = '';
    let keyTok: Token | undefined;
    const qk = QUOTED_KEY.exec(rest);
    if (qk) {
      keyTok = { k: 'key', pos: { line: lineNo, col, eol, raw: rawEol }, key: unquoteKey(qk[1]), inline: 'none' };
      value = stripComment(rest.slice(qk[0].length).trim());
    } else {
      const pk = plainKey(rest);
      if (pk) {
        keyTok = { k: 'key', pos: { line: lineNo, col, eol, raw: rawEol }, key: pk.key, inline: 'none' };
        value = stripComment(rest.slice(pk.rest).trim());
      }
    }
    if (keyTok && keyTok.k === 'key') {
      if (keyTok.key === '<<' || PROPERTY.test(value)) return undefined;
      parentIndent = col;
      if (EMPTY_FLOW.test(value)) keyTok.inline = 'empty';
      else if (value !== '') keyTok.inline = value.startsWith('{') || value.startsWith('[') ? 'flow' : 'scalar';
      tokens.push(keyTok);
    } else {
      value = stripComment(rest);
      if (value === '') continue;
      // a flow collection as a sequence item: the fast path does not look inside it
      const flow = value.startsWith('{') || value.startsWith('[');
      if (flow && EMPTY_FLOW.test(value))
        tokens.push({ k: 'scalar', pos: { line: lineNo, col, eol, raw: rawEol }, empty: true });
      else tokens.push({ k: 'scalar', pos: { line: lineNo, col, eol, raw: rawEol }, ...(flow ? { flow } : {}) });
    }
    if (value.startsWith('|') || value.startsWith('>')) skipIndent = parentIndent;
    else if (value.startsWith('{') || value.startsWith('[')) {
      flow.depth = 0;
      flow.q = '';
      scanFlow(value, flow);
      if (flow.depth < 0) flow.depth = 0;
    } else {
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
const YAML11_WORDS =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;
const MAX_FLOW_DEPTH = 256;

/**
 * The position tree of a document that is one flow collection (`{...}` / `[...]`: flow-style
 * YAML, JSON), built in one pass as block documents are, instead of by the exact parser (about
 * 10x slower). Positions are those the exact parser gives: the start of a key or item, the end
 * of its line as the file has it. Undefined when the document holds something this reader does
 * not follow with certainty (anchors, aliases, tags, complex or implicit keys, escapes in keys,
 * keys a schema could read as something other than their text): the exact parser answers those.
 */
function flowTree(text: string, firstLine: number, firstColumn: number): TNode | undefined {
  // a lone CR is a line break to YAML, not to these line numbers
  if (/\r(?!\n)/.test(text)) return undefined;
  const starts = lineStarts(text);
  const n = text.length;
  let i = 0;
  const at = (o: number): Pos => {
    const p = offsetToLineCol(starts, o);
    const li = p.line - 1;
    // columns of the first line would need the marker's width: left to the exact parser
    if (li === 0 && firstColumn > 0) throw DECLINE;
    const end = li + 1 < starts.length ? starts[li + 1] - 1 : n;
    const raw = end - starts[li];
    return { line: firstLine + li, col: p.column - 1, eol: raw, raw };
  };
  const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) i++;
      else if (c === 35 && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
        const nl = text.indexOf('\n', i);
        i = nl === -1 ? n : nl;
      } else return;
    }
  };
  const quoted = (): string => {
    const q = text[i];
    const start = i++;
    for (;;) {
      if (i >= n) throw DECLINE;
      const c = text[i];
      if (q === '"' && c === '\\') i += 2;
      else if (c === q) {
        if (q === "'" && text[i + 1] === "'") i += 2;
        else {
          i++;
          break;
        }
      } else i++;
    }
    return text.slice(start + 1, i - 1);
  };
  /** A plain scalar: up to `,` `]` `}`, a `: ` or a comment; flow indicators inside it are declined. */
  const plain = (): string => {
    const start = i;
    const c0 = text[i];
    if ('&*!?|>%@`#,[]{}:'.includes(c0) || (c0 === '-' && isBlank(text.charCodeAt(i + 1)))) throw DECLINE;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 93 || c === 125) break; // , ] }
      if (c === 91 || c === 123) throw DECLINE; // [ {
      if (c === 58 && (i + 1 >= n || isBlank(text.charCodeAt(i + 1)) || ',[]{}'.includes(text[i + 1]))) break; // :
      if (c === 35 && isBlank(text.charCodeAt(i - 1))) break; // # comment
    }
    return text.slice(start, i).trimEnd();
  };
  const key = (): string => {
    const c = text[i];
    if (c === '"' || c === "'") {
      const k = quoted();
      if (k.includes('\n') || (c === '"' && k.includes('\\'))) throw DECLINE;
      return c === "'" ? k.replace(/''/g, "'") : k;
    }
    const k = plain();
    if (!SAFE_PLAIN_KEY.test(k) || YAML11_WORDS.test(k)) throw DECLINE;
    return k;
  };
  const value = (depth: number): TNode => {
    if (depth > MAX_FLOW_DEPTH) throw DECLINE;
    const start = i;
    const c = text[i];
    if (c === '{') {
      const node: TNode = { t: 'map', pos: at(start), keys: new Map() };
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
        let v: TNode | null = null;
        if (text[i] === ':') {
          i++;
          ws();
          if (text[i] !== ',' && text[i] !== '}') v = value(depth + 1);
          ws();
        }
        // the last of duplicate keys, as the exact parser answers
        node.keys.set(k, { key: at(keyAt), value: v });
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw DECLINE;
      }
    }
    if (c === '[') {
      const node: TNode = { t: 'seq', pos: at(start), items: [] };
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
        if (text[i] === ':') throw DECLINE; // an implicit pair: a map item
        node.items.push({ dash: at(itemAt), value: v });
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw DECLINE;
      }
    }
    if (c === '"' || c === "'") quoted();
    else plain();
    return { t: 'scalar', pos: at(start) };
  };
  try {
    ws();
    if (text[i] !== '{' && text[i] !== '[') return undefined;
    const root = value(0);
    ws();
    return i >= n ? root : undefined;
  } catch (e) {
    if (e === DECLINE || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Builds the node tree from tokens by indentation. */
function buildTree(tokens: Token[]): TNode | null {
  let i = 0;
  const parse = (minCol: number): TNode | null => {
    const t = tokens[i];
    if (!t || t.pos.col < minCol) return null;
    if (t.k === 'dash') {
      const col = t.pos.col;
      const node: TNode = { t: 'seq', pos: t.pos, items: [] };
      while (i < tokens.length && tokens[i].k === 'dash' && tokens[i].pos.col === col) {
        const dash = tokens[i++].pos;
        node.items.push({ dash, value: parse(col + 1) });
      }
      return node;
    }
    if (t.k === 'key') {
      const col = t.pos.col;
      const node: TNode = { t: 'map', pos: t.pos, keys: new Map() };
      while (i < tokens.length) {
        const k = tokens[i];
        if (k.k !== 'key' || k.pos.col !== col) break;
        i++;
        let value: TNode | null = null;
        if (k.inline === 'scalar') value = { t: 'scalar', pos: k.pos };
        else if (k.inline === 'flow') value = { t: 'opaque', pos: k.pos };
        else if (k.inline === 'empty') value = { t: 'empty', pos: k.pos };
        else {
          const next = tokens[i];
          // a block sequence may sit at the same indentation as its key
          if (next && (next.pos.col > col || (next.k === 'dash' && next.pos.col === col))) value = parse(next.pos.col);
        }
        // keep the last duplicate key, as Kubernetes' decoder does
        node.keys.set(k.key, { key: k.pos, value });
        // continuation lines of a multi-line plain scalar
        while (i < tokens.length && tokens[i].pos.col > col) i++;
      }
      return node;
    }
    i++;
    const node: TNode = t.empty
      ? { t: 'empty', pos: t.pos }
      : t.flow
        ? { t: 'opaque', pos: t.pos }
        : { t: 'scalar', pos: t.pos };
    while (i < tokens.length && tokens[i].pos.col > t.pos.col && tokens[i].pos.line > t.pos.line) i++;
    return node;
  };
  const root = parse(0);
  return root;
}

function toLocation(file: string, p: Pos): Location {
  return { file, line: p.line, column: p.col + 1, endLine: p.line, endColumn: Math.max(p.col + 1, p.eol + 1) };
}

/** The location of `path` in a fast-path tree; 'fallback' when the path enters something opaque. */
function walk(root: TNode | null, path: FieldPath, file: string, docPos: Pos): Location | 'fallback' {
  let node = root;
  let best: Pos = root?.pos ?? docPos;
  for (const seg of path) {
    if (!node) break;
    if (node.t === 'opaque') return 'fallback';
    // a path into `{}` / `[]` ends at the collection's key or item, as the exact parser answers
    // it: its end column is the end of the line as the file has it (trailing blanks included)
    if (node.t === 'empty')
      return { ...toLocation(file, best), endColumn: Math.max(best.col + 1, (best.raw ?? best.eol) + 1) };
    if (node.t === 'map') {
      const e = node.keys.get(String(seg));
      if (!e) break;
      best = e.key;
      node = e.value;
    } else if (node.t === 'seq' && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) break;
      best = item.value ? item.value.pos : item.dash;
      node = item.value;
    } else break;
  }
  return toLocation(file, best);
}

/** The document's text, and file line/column of an offset in it. */
function documentText(
  src: SourceDocument,
  starts?: () => number[],
): { text: string; pos: (offset: number) => { line: number; column: number } } {
  if (src.text !== undefined && src.line !== undefined && src.column !== undefined) {
    const { text, line, column } = src;
    let docStarts: number[] | undefined;
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
function exactLocator(src: SourceDocument, starts?: () => number[]): (path: FieldPath) => Location {
  let root: YNode | null | undefined;
  const { text, pos } = documentText(src, starts);
  return (path) => {
    if (root === undefined) {
      const doc = parseDocument(text, {
        lineCounter: new LineCounter(),
        version: '1.1',
        uniqueKeys: false,
        strict: false,
        prettyErrors: false,
      });
      root = (doc.contents as YNode | null) ?? null;
    }
    let node: YNode | null = root;
    let best: [number, number] | undefined = root?.range ? [root.range[0], root.range[1]] : undefined;
    for (const seg of path) {
      let next: YNode | null = null;
      let found = false;
      if (typeof seg === 'number' && isSeq(node)) {
        next = (node.items[seg] as YNode | undefined) ?? null;
        found = next !== null;
        if (next?.range) best = [next.range[0], next.range[1]];
      } else if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const pair = node.items[i];
          const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          if (k === String(seg)) {
            next = (pair.value as YNode | null) ?? null;
            const kr = (pair.key as YNode | null)?.range;
            if (kr) best = [kr[0], kr[1]];
            found = true;
            break;
          }
        }
      }
      if (!found) break;
      node = next;
      if (!node) break;
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
export const locatorStats = { fast: 0, exact: 0 };

/** A document's position index: the fast tree, or the exact parser's locator. */
interface DocIndex {
  tree?: TNode | null;
  /** The exact locator, for documents the fast path declines as a whole. */
  exact?: (path: FieldPath) => Location;
  /** The exact locator for the paths that enter a flow collection of a fast-path document. */
  fallback?: (path: FieldPath) => Location;
  docPos: Pos;
}

/**
 * Position indexes of the documents located most recently. Bounded, so a scan of a large tree
 * does not keep one for every document: the engine locates findings document by document, so a
 * document's index is built once and dropped when it falls out.
 */
const MAX_INDEXES = 64;
const indexes = new Map<SourceDocument, DocIndex>();

function indexOf(src: SourceDocument, starts?: () => number[]): DocIndex {
  let idx = indexes.get(src);
  if (idx) {
    indexes.delete(src);
    indexes.set(src, idx);
    return idx;
  }
  const { text, pos } = documentText(src, starts);
  const docPos: Pos = { line: src.line ?? pos(0).line, col: 0, eol: 0 };
  const flow = /^\s*[{[]/.test(text);
  const tokens = flow ? undefined : tokenize(text, docPos.line);
  const flowRoot = flow ? flowTree(text, docPos.line, src.column ?? (src.start > 0 ? 1 : 0)) : undefined;
  if (tokens) {
    idx = { tree: buildTree(tokens), docPos };
    locatorStats.fast++;
  } else if (flowRoot) {
    idx = { tree: flowRoot, docPos };
    locatorStats.fast++;
  } else {
    idx = { exact: exactLocator(src, starts), docPos };
    locatorStats.exact++;
  }
  indexes.set(src, idx);
  if (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value as SourceDocument);
  return idx;
}

/**
 * Returns a locator for one document. `starts` gives the file's line starts (computed once per
 * file, lazily) for a source without its own `text`. Nothing is parsed until the first call.
 */
export function makeLocator(src: SourceDocument, starts?: () => number[]): (path: FieldPath) => Location {
  return (path) => {
    const idx = indexOf(src, starts);
    if (idx.exact) return idx.exact(path);
    const r = walk(idx.tree ?? null, path, src.file, idx.docPos);
    if (r !== 'fallback') return r;
    // the path enters a flow collection: the exact parser answers this path (and later such paths)
    if (!idx.fallback) {
      idx.fallback = exactLocator(src, starts);
      locatorStats.exact++;
    }
    return idx.fallback(path);
  };
}

/** The exact locator, exported for tests that compare the fast path against it. */
export function makeExactLocator(src: SourceDocument, starts?: () => number[]): (path: FieldPath) => Location {
  return exactLocator(src, starts);
}
