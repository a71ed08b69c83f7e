/**
 * Parses manifest text into Kubernetes objects: js-yaml (fast) for values, with the YAML 1.1
 * scalars Kubernetes reads; positions come lazily from ./locate.ts, only for the documents a
 * finding asks about. Never throws: bad input becomes a LoadProblem or a skipped document.
 */
import yaml from 'js-yaml';
import type { FieldPath, SkippedDocument } from '../model.ts';
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
/** An anchor definition in node-property position. */
const ANCHOR = /(?:^|[\s:[{,-])&[A-Za-z0-9_./-]/;

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

export function parseManifestText(input: string, file: string): ParsedText {
  // A BOM is not content and not a column.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: ParsedText = { objects: [], skipped: [], problems: [] };
  let starts: number[] | undefined;
  const getStarts = () => (starts ??= lineStarts(text));
  const pos = (offset: number) => offsetToLineCol(getStarts(), offset);

  for (const range of splitDocuments(text)) {
    const chunk = text.slice(range.start, range.end);
    if (!hasContent(chunk)) continue;
    const firstContent = chunk.search(/[^\s]/);
    const docLine = pos(range.start + Math.max(0, firstContent)).line;
    let value: unknown;
    try {
      value = yaml.load(chunk, { schema: K8S_SCHEMA, json: true, filename: file });
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
      continue;
    }
    if (value === null || value === undefined) continue;
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
      continue;
    }
    // aliases need an anchor (`&name`): only documents with one can expand past their text
    if (chunk.includes('&') && ANCHOR.test(chunk) && expandedSize(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
      out.problems.push({
        kind: 'invalid-yaml',
        file,
        line: docLine,
        column: 1,
        message: `YAML aliases expand this document past ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb?); not scanned`,
      });
      continue;
    }
    if (!isObject(value)) {
      const what = Array.isArray(value) ? 'a list' : `a bare ${typeof value}`;
      out.skipped.push({ file, line: docLine, reason: `not a Kubernetes object (the document is ${what})` });
      continue;
    }
    if (chunk.includes('$') && PATCH_DIRECTIVE.test(chunk) && hasPatchDirective(value)) {
      // judging a partial object would report every field the patch leaves to its base
      out.skipped.push({
        file,
        line: docLine,
        reason:
          'a kustomize strategic-merge patch ($patch directives), not a complete object: scan `kustomize build` output',
      });
      continue;
    }
    const source: SourceDocument = { file, fileText: text, start: range.start, end: range.end };
    let locator: ReturnType<typeof makeLocator> | undefined;
    const locateDoc = (path: FieldPath) => (locator ??= makeLocator(source, getStarts))(path);
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
        locate: docPath.length ? (path) => locateDoc([...docPath, ...path]) : locateDoc,
      });
    };
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isObject(item)) add(item, ['items', i], docLine);
        else out.skipped.push({ file, line: docLine, reason: `item ${i} of the ${value.kind} is not an object` });
      });
    } else add(value, [], docLine);
  }
  return out;
}
