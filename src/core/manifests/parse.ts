/**
 * Parses manifest text into Kubernetes objects. First version: js-yaml (YAML 1.1 schema, as
 * Kubernetes reads booleans) for values, and the `yaml` package lazily for positions.
 */
import { load, YAML11_SCHEMA } from 'js-yaml';
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Node as YNode } from 'yaml';
import type { FieldPath, Location, SkippedDocument } from '../model.ts';
import type { JsonObject, K8sObject, LoadProblem, SourceDocument } from './types.ts';

export interface ParsedText {
  objects: K8sObject[];
  skipped: SkippedDocument[];
  problems: LoadProblem[];
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

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

function hasContent(s: string): boolean {
  return /^[ \t]*[^#\s]/m.test(s);
}

export function parseManifestText(input: string, file: string): ParsedText {
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  const out: ParsedText = { objects: [], skipped: [], problems: [] };
  let starts: number[] | undefined;
  const pos = (offset: number) => offsetToLineCol((starts ??= lineStarts(text)), offset);

  for (const range of splitDocuments(text)) {
    const chunk = text.slice(range.start, range.end);
    if (!hasContent(chunk)) continue;
    let value: unknown;
    try {
      value = load(chunk, { schema: YAML11_SCHEMA, filename: file });
    } catch (e) {
      const err = e as { mark?: { line?: number; column?: number }; reason?: string; message?: string };
      const base = pos(range.start);
      const line = base.line + (err.mark?.line ?? 0);
      const column = (err.mark?.line ? 0 : base.column - 1) + (err.mark?.column ?? 0) + 1;
      out.problems.push({
        kind: 'invalid-yaml',
        file,
        line,
        column,
        message: `YAML parse error: ${err.reason ?? err.message ?? String(e)}`,
      });
      continue;
    }
    const docLine = pos(range.start + (chunk.search(/[^\s]/) === -1 ? 0 : chunk.search(/[^\s]/))).line;
    if (!isObject(value)) {
      out.skipped.push({ file, line: docLine, reason: 'not a Kubernetes object (the document is not a mapping)' });
      continue;
    }
    const source: SourceDocument = { file, fileText: text, start: range.start, end: range.end };
    const locator = makeLocator(source, pos);
    const add = (data: JsonObject, docPath: FieldPath) => {
      const apiVersion = data.apiVersion;
      const kind = data.kind;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
        out.skipped.push({ file, line: docLine, reason: 'not a Kubernetes object (no apiVersion/kind)' });
        return;
      }
      const md = isObject(data.metadata) ? data.metadata : {};
      out.objects.push({
        data,
        ref: {
          apiVersion,
          kind,
          name: typeof md.name === 'string' ? md.name : typeof md.generateName === 'string' ? md.generateName : '',
          ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}),
        },
        origin: 'manifest',
        file,
        docPath,
        source,
        locate: (path) => locator([...docPath, ...path]),
      });
    };
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isObject(item)) add(item, ['items', i]);
        else out.skipped.push({ file, line: docLine, reason: `List item ${i} is not an object` });
      });
    } else add(value, []);
  }
  return out;
}

function makeLocator(
  src: SourceDocument,
  pos: (offset: number) => { line: number; column: number },
): (path: FieldPath) => Location | undefined {
  let root: YNode | null | undefined;
  return (path) => {
    if (root === undefined) {
      const doc = parseDocument(src.fileText.slice(src.start, src.end), {
        lineCounter: new LineCounter(),
        version: '1.1',
        uniqueKeys: false,
        strict: false,
      });
      root = (doc.contents as YNode | null) ?? null;
    }
    let node: YNode | null = root;
    let keyNode: YNode | null = null;
    for (const seg of path) {
      let next: YNode | null = null;
      let nextKey: YNode | null = null;
      if (typeof seg === 'number' && isSeq(node)) {
        next = (node.items[seg] as YNode | undefined) ?? null;
      } else if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const pair = node.items[i];
          const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          if (k === String(seg)) {
            next = (pair.value as YNode | null) ?? null;
            nextKey = (pair.key as YNode | null) ?? null;
            break;
          }
        }
        if (!nextKey) break;
      }
      if (!next && !nextKey) break;
      node = next;
      keyNode = nextKey;
      if (!next) break;
    }
    const target = keyNode ?? node;
    const range = target?.range ?? root?.range;
    if (!range) return { file: src.file, ...pos(src.start) };
    const s = pos(src.start + range[0]);
    const valueEnd = node?.range ? node.range[1] : range[1];
    const e = pos(src.start + Math.max(range[0], valueEnd));
    return { file: src.file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
}
