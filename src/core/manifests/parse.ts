/**
 * Parses manifest text into Kubernetes objects: js-yaml (fast) for values, with the YAML 1.1
 * scalars Kubernetes reads; positions come lazily from ./locate.ts, only for the documents a
 * finding asks about. Never throws: bad input becomes a LoadProblem or a skipped document.
 */
import yaml from 'js-yaml';
import { isMap, isScalar, isSeq, parseDocument, type Node as YNode } from 'yaml';
import type { FieldPath, Location, SkippedDocument } from '../model.ts';
import type { JsonObject, K8sObject, LoadProblem, SourceDocument } from './types.ts';
import { lineStarts, makeLocator, offsetToLineCol } from './locate.ts';
import { K8S_SCHEMA } from './schema.ts';

export { lineStarts, offsetToLineCol } from './locate.ts';

export interface ParsedText {
  objects: K8sObject[];
  skipped: SkippedDocument[];
  problems: LoadProblem[];
}

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
function hasAnchor(text: string): boolean {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    if ((i === 0 || BEFORE_ANCHOR.test(text[i - 1])) && i + 1 < text.length && ANCHOR_NAME.test(text[i + 1]))
      return true;
  }
  return false;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits text into document ranges at `---` / `...` lines. */
function splitDocuments(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
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
function hasContent(s: string): boolean {
  return /^[ \t]*[^#\s]/m.test(s);
}

/** Counts nodes as a consumer walking the value would see them, aliases expanded; stops at the budget. */
function expandedSize(v: unknown, budget: number): number {
  let count = 0;
  const stack: unknown[] = [v];
  while (stack.length) {
    const cur = stack.pop();
    if (++count > budget) return count;
    if (Array.isArray(cur)) for (const x of cur) stack.push(x);
    else if (isObject(cur)) for (const k in cur) stack.push(cur[k]);
  }
  return count;
}

/** True when a template like `{{ .Values.x }}` in plain position was read as a mapping key. */
function hasTemplateKey(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => hasTemplateKey(x, depth + 1));
  if (isObject(v)) {
    for (const k in v) if (k === '[object Object]' || k === 'null' || hasTemplateKey(v[k], depth + 1)) return true;
  }
  return false;
}

/** Strategic-merge-patch directives: their presence marks a kustomize patch, not a whole object. */
const PATCH_DIRECTIVE = /\$(?:patch|setElementOrder\/|retainKeys|deleteFromPrimitiveList\/)/;

/** Does the text mention a patch directive (PATCH_DIRECTIVE, by substring search: `$` is common in scripts)? */
function mentionsPatchDirective(text: string): boolean {
  return (
    text.includes('$patch') ||
    text.includes('$setElementOrder/') ||
    text.includes('$retainKeys') ||
    text.includes('$deleteFromPrimitiveList/')
  );
}

function hasPatchDirective(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => hasPatchDirective(x, depth + 1));
  if (isObject(v)) for (const k in v) if (PATCH_DIRECTIVE.test(k) || hasPatchDirective(v[k], depth + 1)) return true;
  return false;
}

/** The line (1-based, within the chunk) of the first `{{` outside quotes, for the message. */
function firstTemplateLine(chunk: string): number {
  const lines = chunk.split('\n');
  const i = lines.findIndex((l) => /(?:^|[\s:,[{-])\{\{/.test(l.replace(/"[^"]*"|'[^']*'/g, '')));
  return i === -1 ? 0 : i;
}

function describeYamlError(e: unknown): { line: number; column: number; reason: string } {
  const err = e as { mark?: { line?: number; column?: number }; reason?: string; message?: string };
  return {
    line: err.mark?.line ?? 0,
    column: err.mark?.column ?? 0,
    reason: err.reason ?? (err.message ? err.message.split('\n')[0] : String(e)),
  };
}

/** A key that appears twice in one mapping: the path of the key and the offset (in the chunk) of its second occurrence. */
interface DuplicateKey {
  path: FieldPath;
  offset: number;
  firstOffset: number;
}

/**
 * Every duplicate key of a document, found with the `yaml` package (exact positions). Only called
 * for documents js-yaml refused for a duplicate key, so the common path pays nothing.
 */
function duplicateKeys(chunk: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  let doc;
  try {
    doc = parseDocument(chunk, { version: '1.1', merge: true, uniqueKeys: false, strict: false });
  } catch {
    return out;
  }
  const stack: { node: unknown; path: FieldPath }[] = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop() as { node: unknown; path: FieldPath };
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const k = pair.key as YNode | null;
        const key = isScalar(k) ? String(k.value) : undefined;
        if (key !== undefined && key !== '<<') {
          const at = k?.range?.[0] ?? 0;
          const first = seen.get(key);
          if (first !== undefined) out.push({ path: [...path, key], offset: at, firstOffset: first });
          else seen.set(key, at);
        }
        if (key !== undefined) stack.push({ node: pair.value, path: [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function isDuplicateKeyError(e: unknown): boolean {
  return (e as { reason?: string }).reason === 'duplicated mapping key';
}

/**
 * A copy of `s` that does not keep the string it was sliced from alive (V8 slices of 13 characters
 * or more point into their parent): flattening a new concatenation copies the characters.
 */
function detached(s: string): string {
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
let lastBuilt: { owner: FileText; text: string } | undefined;

class FileText {
  private readonly pieces: readonly string[];
  constructor(pieces: readonly string[]) {
    this.pieces = pieces;
  }
  text(): string {
    if (lastBuilt?.owner !== this) lastBuilt = { owner: this, text: this.pieces.join('') };
    return lastBuilt.text;
  }
  /** `needle` must not span a document marker (it holds no newline). */
  includes(needle: string): boolean {
    return this.pieces.some((p) => p.includes(needle));
  }
}

class DocumentSource implements SourceDocument {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  private readonly whole: FileText;
  constructor(
    file: string,
    whole: FileText,
    range: { start: number; end: number },
    text: string,
    at: { line: number; column: number },
  ) {
    this.file = file;
    this.whole = whole;
    this.start = range.start;
    this.end = range.end;
    this.text = text;
    this.line = at.line;
    this.column = at.column - 1;
  }
  get fileText(): string {
    return this.whole.text();
  }
  fileIncludes(needle: string): boolean {
    return this.whole.includes(needle);
  }
}

/** js-yaml options that hand back the copy of the input js-yaml parses (see FileText). */
function capturing(options: yaml.LoadOptions, got: { input?: string }): yaml.LoadOptions {
  return {
    ...options,
    listener(_event, state) {
      got.input = state.input;
      // once is enough: no call for every node
      (state as unknown as { listener: unknown }).listener = null;
    },
  };
}

/**
 * The locator of a document, built on first use. Made here, outside parseManifestText, so that
 * an object's `locate` does not keep the parser's scope (the whole file's text) alive.
 */
function documentLocator(source: SourceDocument): (path: FieldPath) => Location {
  let locator: ((path: FieldPath) => Location) | undefined;
  return (path) => (locator ??= makeLocator(source))(path);
}

function itemLocator(locateDoc: (path: FieldPath) => Location, docPath: FieldPath): (path: FieldPath) => Location {
  return (path) => locateDoc([...docPath, ...path]);
}

/** List kinds nested deeper than this are not expanded (reported instead). */
const MAX_LIST_DEPTH = 16;

export function parseManifestText(input: string, file: string): ParsedText {
  // A BOM is not content and not a column.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: ParsedText = { objects: [], skipped: [], problems: [] };
  let starts: number[] | undefined;
  const getStarts = () => (starts ??= lineStarts(text));
  const pos = (offset: number) => offsetToLineCol(getStarts(), offset);
  // the file's text as pieces that do not point into `text` (see FileText)
  const pieces: string[] = [];
  const whole = new FileText(pieces);
  const ranges = splitDocuments(text);

  for (let ri = 0; ri < ranges.length; ri++) {
    const range = ranges[ri];
    const chunk = text.slice(range.start, range.end);
    // the document's text: js-yaml's copy when it parsed this very text, else a copy of its own
    const got: { input?: string } = {};
    let piece: string | undefined;
    const pieceText = () =>
      (piece ??=
        got.input !== undefined && got.input.startsWith(chunk) ? got.input.slice(0, chunk.length) : detached(chunk));
    try {
      if (!hasContent(chunk)) continue;
      parseDocumentAt(range, chunk, got, pieceText);
    } finally {
      pieces.push(pieceText());
      if (ri + 1 < ranges.length) pieces.push(text.slice(range.end, ranges[ri + 1].start));
    }
  }
  return out;

  function parseDocumentAt(
    range: { start: number; end: number },
    chunk: string,
    got: { input?: string },
    pieceText: () => string,
  ): void {
    const firstContent = chunk.search(/[^\s]/);
    const docLine = pos(range.start + Math.max(0, firstContent)).line;
    // a BOM at the start of a later document (files joined with `cat`) is not content either
    const bom = /^\s*\uFEFF/.exec(chunk);
    const yamlText = bom ? chunk.slice(0, bom[0].length - 1) + chunk.slice(bom[0].length) : chunk;
    let value: unknown;
    let duplicates: DuplicateKey[] = [];
    try {
      try {
        // strict first: duplicate keys are an error to report, not a value to pick silently
        value = yaml.load(yamlText, capturing({ schema: K8S_SCHEMA, filename: file }, got));
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        // read as the API server does without strict validation (the last value wins) and report each duplicate
        value = yaml.load(yamlText, capturing({ schema: K8S_SCHEMA, json: true, filename: file }, got));
        duplicates = duplicateKeys(yamlText);
      }
    } catch (e) {
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
    if (value === null || value === undefined) return;
    if (chunk.includes('{{') && hasTemplateKey(value)) {
      // js-yaml reads `name: {{ .X }}` as a mapping keyed by a mapping; Kubernetes rejects it
      out.problems.push({
        kind: 'helm-template',
        file,
        line: pos(range.start).line + firstTemplateLine(chunk),
        column: 1,
        message:
          'this looks like a Helm/Go template source, not a rendered manifest (`{{ }}` outside a quoted string); render it first, e.g. `helm template <release> <chart> | kubeward scan -`',
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
        reason:
          'a kustomize strategic-merge patch ($patch directives), not a complete object: scan `kustomize build` output',
      });
      return;
    }
    const source: SourceDocument = new DocumentSource(file, whole, range, pieceText(), pos(range.start));
    const locateDoc = documentLocator(source);
    const add = (data: JsonObject, docPath: FieldPath, line: number) => {
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
    const expand = (data: JsonObject, docPath: FieldPath, depth: number) => {
      const kind = data.kind;
      const isList = typeof kind === 'string' && kind.endsWith('List') && 'items' in data && data.items !== null;
      if (!isList) return add(data, docPath, docLine);
      const where = (p: FieldPath) => locateDoc([...docPath, ...p]);
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
        if (isObject(item)) expand(item, [...docPath, 'items', i], depth + 1);
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
      let obj: K8sObject | undefined;
      for (let i = firstObject; i < out.objects.length; i++) {
        const o = out.objects[i];
        if (o.docPath.every((seg, j) => d.path[j] === seg) && (!obj || o.docPath.length > obj.docPath.length)) obj = o;
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
