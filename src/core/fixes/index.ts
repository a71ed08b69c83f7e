/**
 * Comment-preserving YAML edits. A `Fix` (set / remove field paths relative to an object) becomes
 * small text edits on the object's source document: every line the fix does not touch keeps its
 * bytes, comments and indentation. Used for PR suggestions and a future `--fix`.
 *
 * The `yaml` package's Document (with node ranges) tells where things are; the text is edited by
 * hand so nothing else in the document is re-serialised.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Node as YNode } from 'yaml';
import { formatPath, type FieldPath, type Fix, type ObjectRef } from '../model.ts';
import { parseManifestText } from '../manifests/parse.ts';
import type { K8sObject } from '../manifests/types.ts';
import { pushAll } from '../arrays.ts';

/** A fix aimed at one object of a file. A Finding has this shape (object, location.line, fix). */
export interface FixTarget {
  object?: ObjectRef;
  /** A line inside the object, used to pick the object when several have the same identity. */
  location?: { line: number };
  fix?: Fix;
}

/** Replace old lines `startLine..endLine` (1-based, inclusive) by `lines`. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  lines: string[];
}

export interface ApplyResult {
  text: string;
  applied: number;
  failed: { target: FixTarget; reason: string }[];
}

class FixError extends Error {}

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const PARSE = { version: '1.1', uniqueKeys: false, strict: false, keepSourceTokens: false } as const;

function keyOf(n: unknown): string {
  return isScalar(n) ? String(n.value) : String(n);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Offset just past the line holding `offset - 1` (i.e. the start of the next line). */
function endOfLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Guess the document's indentation step from its first nested mapping (default 2). */
function indentStep(text: string): number {
  const m = /^([A-Za-z_"'][^\n:]*):[ \t]*(?:#.*)?\n( +)[A-Za-z_"'-]/m.exec(text);
  if (m) return Math.max(1, Math.min(8, m[2].length - (m[0].length - m[0].trimStart().length)));
  return 2;
}

/** A scalar value as it would be written in place (YAML 1.1 aware quoting). */
function scalarText(value: unknown): string {
  return stringify(value, { version: '1.1' }).replace(/\n$/, '');
}

/** Block YAML for `{ key: value }`, each line prefixed with `indent`. */
function blockText(key: string, value: unknown, indent: string, step: number): string {
  const body = stringify({ [key]: value }, { version: '1.1', indent: step, indentSeq: true, lineWidth: 0 });
  return body
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

function nest(path: readonly (string | number)[], value: unknown): unknown {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'number') throw new FixError(`cannot create a list item at [${seg}]`);
    v = { [seg]: v };
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One text edit that sets `path` to `value` in the document `text` (parsed fresh by the caller). */
function setEdit(text: string, root: YNode | null, path: FieldPath, value: unknown): TextEdit[] {
  if (!root) throw new FixError('empty document');
  const step = indentStep(text);
  let node: YNode = root;
  // The key node of the pair holding `node`, when it is a map value.
  let keyNode: YNode | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') {
      if (!isSeq(node)) throw new FixError(`expected a list at ${formatPath(path.slice(0, i))}`);
      const item = node.items[seg] as YNode | undefined;
      if (!item) throw new FixError(`no list item [${seg}]`);
      node = item;
      keyNode = null;
      continue;
    }
    if (isScalar(node) && (node.value === null || node.value === undefined) && keyNode) {
      // `securityContext:` with nothing under it: write the rest as a block under the key.
      return [nullValueEdit(text, keyNode, node, nest(path.slice(i), value), step)];
    }
    if (!isMap(node)) throw new FixError(`expected a mapping at ${formatPath(path.slice(0, i))}`);
    const pair = [...node.items].reverse().find((p) => keyOf(p.key) === seg);
    if (!pair) return [insertEdit(text, node, keyNode, seg, nest(path.slice(i + 1), value), step)];
    const v = pair.value as YNode | null;
    if (!v) {
      const k = pair.key as YNode;
      if (!k.range) throw new FixError('key without position');
      const at = k.range[1];
      const colon = text.indexOf(':', at);
      return [blockAfterKey(text, k, colon + 1, nest(path.slice(i + 1), value), step)];
    }
    node = v;
    keyNode = pair.key as YNode;
  }
  // The field exists: replace scalars in place, merge objects key by key.
  if (isPlainObject(value) && isMap(node) && !node.flow) {
    const edits: TextEdit[] = [];
    for (const [k, v] of Object.entries(value)) pushAll(edits, setEdit(text, root, [...path, k], v));
    if (edits.length > 1) throw new FixError('multi-part edit'); // applied one at a time by the caller
    return edits;
  }
  if (!node.range) throw new FixError('node without position');
  if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value)) {
    const cur = node.value;
    if (cur === value) return [];
    return [{ start: node.range[0], end: node.range[1], text: scalarText(value) }];
  }
  // Replace a whole value (a flow collection, or a scalar by a collection): block under the key.
  if (!keyNode) throw new FixError('cannot replace the document root');
  return [replaceValueEdit(text, keyNode, node, value, step)];
}

/** `key:` followed by a block for `value` (value is the nested rest of the path). */
function blockAfterKey(text: string, key: YNode, valueStart: number, value: unknown, step: number): TextEdit {
  const keyCol = columnOf(text, key.range![0]);
  const end = endOfLine(text, valueStart);
  // keep a comment that follows `key:` on the same line
  const comment = /#.*$/.exec(text.slice(valueStart, end).replace(/\n$/, ''))?.[0];
  const body = valueLines(value, ' '.repeat(keyCol + step), step);
  return { start: valueStart, end, text: `${comment ? ' ' + comment : ''}\n${body}\n` };
}

function valueLines(value: unknown, indent: string, step: number): string {
  if (!isPlainObject(value)) throw new FixError('cannot write a non-mapping value as a block');
  return Object.entries(value)
    .map(([k, v]) => blockText(k, v, indent, step))
    .join('\n');
}

function nullValueEdit(text: string, key: YNode, _node: YNode, value: unknown, step: number): TextEdit {
  return blockAfterKey(text, key, text.indexOf(':', key.range![1]) + 1, value, step);
}

function replaceValueEdit(text: string, key: YNode, node: YNode, value: unknown, step: number): TextEdit {
  if (isPlainObject(value)) {
    // e.g. `securityContext: {}` -> a block
    if (isCollection(node) && node.items.length > 0 && node.flow) {
      throw new FixError('cannot merge into a non-empty flow mapping');
    }
    const colon = text.indexOf(':', key.range![1]);
    const end = endOfLine(text, node.range![1]);
    const comment = text.slice(node.range![1], end).replace(/\n$/, '');
    const body = valueLines(value, ' '.repeat(columnOf(text, key.range![0]) + step), step);
    return { start: colon + 1, end, text: `${comment.trim() ? ' ' + comment.trim() : ''}\n${body}\n` };
  }
  const inline = stringify(value, { version: '1.1', collectionStyle: 'flow' }).replace(/\n$/, '');
  if (isCollection(node) && !node.flow && node.range) {
    // a block collection's range runs into the next line: replace up to the end of its last
    // content line only, so the line break (and the key that follows) stay where they are
    let contentEnd = node.range[1];
    while (contentEnd > node.range[0] && /\s/.test(text[contentEnd - 1])) contentEnd--;
    const end = endOfLine(text, contentEnd);
    const first = node.items[0] as YNode | undefined;
    const scalars = Array.isArray(value) && value.length > 0 && value.every((v) => v === null || typeof v !== 'object');
    if (isSeq(node) && scalars && first?.range) {
      // a block sequence stays a block sequence, at the column of its dashes
      const dashCol = columnOf(text, text.lastIndexOf('-', first.range[0]));
      const lines = (value as unknown[]).map(
        (v) => `${' '.repeat(dashCol)}- ${stringify(v, { version: '1.1' }).replace(/\n$/, '')}`,
      );
      return { start: lineStartOf(text, text.lastIndexOf('-', first.range[0])), end, text: lines.join('\n') + '\n' };
    }
    const colon = text.indexOf(':', key.range![1]);
    return { start: colon + 1, end, text: ` ${inline}\n` };
  }
  return { start: node.range![0], end: node.range![1], text: inline };
}

/** Inserts `key: value` into the block mapping `map` (after `image:` when there is one, else at the end). */
function insertEdit(
  text: string,
  map: YNode,
  mapKey: YNode | null,
  key: string,
  value: unknown,
  step: number,
): TextEdit {
  if (!isMap(map)) throw new FixError('not a mapping');
  if (map.flow) {
    if (map.items.length === 0 && mapKey) return replaceValueEdit(text, mapKey, map, { [key]: value }, step);
    throw new FixError('cannot insert into a flow mapping');
  }
  const items = map.items;
  if (items.length === 0) throw new FixError('empty mapping');
  const first = items[0].key as YNode;
  const indent = ' '.repeat(columnOf(text, first.range![0]));
  const after = items.find((p) => keyOf(p.key) === 'image' && isScalar(p.value)) ?? items[items.length - 1];
  if (!isPair(after)) throw new FixError('unexpected mapping item');
  const v = (after.value as YNode | null) ?? (after.key as YNode);
  const at = endOfLine(text, v.range![1]);
  const block = blockText(key, value, indent, step);
  const needsBreak = at === text.length && !text.endsWith('\n');
  return { start: at, end: at, text: (needsBreak ? '\n' : '') + block + '\n' };
}

function removeEdit(text: string, root: YNode | null, path: FieldPath): TextEdit[] {
  if (!root || path.length === 0) throw new FixError('cannot remove the document root');
  const parent = path.length === 1 ? root : (parseNodeAt(root, path.slice(0, -1)) ?? null);
  const last = path[path.length - 1];
  if (!parent) return [];
  if (isMap(parent) && typeof last === 'string') {
    if (parent.flow) throw new FixError('cannot remove from a flow mapping');
    const pair = parent.items.find((p) => keyOf(p.key) === last);
    if (!pair) return [];
    const k = pair.key as YNode;
    const v = (pair.value as YNode | null) ?? k;
    const start = lineStartOf(text, k.range![0]);
    const before = text.slice(start, k.range![0]);
    if (before.trim() !== '') throw new FixError('the key shares its line with another item');
    return [{ start, end: endOfLine(text, v.range![1]), text: '' }];
  }
  if (isSeq(parent) && typeof last === 'number') {
    if (parent.flow) throw new FixError('cannot remove from a flow sequence');
    const item = parent.items[last] as YNode | undefined;
    if (!item?.range) return [];
    const dash = text.lastIndexOf('-', item.range[0]);
    const start = lineStartOf(text, dash);
    return [{ start, end: endOfLine(text, item.range[1]), text: '' }];
  }
  return [];
}

function parseNodeAt(root: YNode, path: FieldPath): YNode | undefined {
  let node: YNode | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number' && isSeq(node)) node = node.items[seg] as YNode | undefined;
    else if (isMap(node)) {
      const pair = [...node.items].reverse().find((p) => keyOf(p.key) === String(seg));
      node = (pair?.value as YNode | undefined) ?? undefined;
    } else return undefined;
    if (!node) return undefined;
  }
  return node;
}

function applyEdit(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

/**
 * Applies one fix to a YAML document's text. `base` prefixes every path (e.g. ['items', 3] for a
 * List item). Throws when the fix cannot be written without re-serialising the document.
 */
export function applyFixToDocument(docText: string, fix: Fix, base: FieldPath = []): string {
  let text = docText;
  const ops: (() => TextEdit[])[] = [];
  const root = () => (parseDocument(text, PARSE).contents as YNode | null) ?? null;
  for (const s of fix.set ?? []) {
    const leaves: { path: FieldPath; value: unknown }[] = [];
    flattenSet([...base, ...s.path], s.value, leaves, root());
    for (const l of leaves) ops.push(() => setEdit(text, root(), l.path, l.value));
  }
  for (const r of fix.remove ?? []) ops.push(() => removeEdit(text, root(), [...base, ...r]));
  const crlf = docText.includes('\r\n');
  for (const op of ops) {
    for (const e of op()) {
      // new lines follow the file's line endings
      text = applyEdit(text, crlf ? { ...e, text: e.text.replace(/\r?\n/g, '\r\n') } : e);
    }
  }
  // a document that did not end with a line break still does not
  if (!/\n$/.test(docText)) text = text.replace(/\r?\n$/, '');
  return text;
}

/** Splits setting an object into an existing block mapping into one set per key (merge). */
function flattenSet(
  path: FieldPath,
  value: unknown,
  out: { path: FieldPath; value: unknown }[],
  root: YNode | null,
): void {
  const node = root ? parseNodeAt(root, path) : undefined;
  if (isPlainObject(value) && node && isMap(node) && !node.flow) {
    for (const [k, v] of Object.entries(value)) flattenSet([...path, k], v, out, root);
    return;
  }
  out.push({ path, value });
}

function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    a.apiVersion === b.apiVersion
  );
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The object of `fileText` a target points at (identity, then the line to break ties). */
export function findObject(fileText: string, target: FixTarget, file = 'manifest.yaml'): K8sObject | undefined {
  const objects = parseManifestText(fileText, file).objects;
  // a fix traced to another object of the file (a kustomize base resource) names that object
  const ref = target.fix?.object ?? target.object;
  const same = ref ? objects.filter((o) => sameRef(o.ref, ref)) : objects;
  if (same.length <= 1 || !target.location) return same[0];
  const line = target.location.line;
  return (
    same.find((o) => {
      const s = o.source!;
      return lineOf(s.fileText, s.start) <= line && line <= lineOf(s.fileText, s.end);
    }) ?? same[0]
  );
}

/** The whole file's text with one target's fix applied. */
export function applyFixToFile(fileText: string, target: FixTarget): string {
  if (!target.fix) throw new FixError('no fix');
  // a values file (not an object): the paths start at the document's root
  if (target.fix.document) return applyFixToDocument(fileText, target.fix);
  const obj = findObject(fileText, target);
  if (!obj?.source) throw new FixError('object not found in the file');
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
export function applyFixes(fileText: string, targets: readonly FixTarget[]): ApplyResult {
  let text = fileText;
  const res: ApplyResult = { text, applied: 0, failed: [] };
  for (const t of targets) {
    try {
      const next = applyFixToFile(text, t);
      if (next !== text) res.applied++;
      text = next;
    } catch (e) {
      res.failed.push({ target: t, reason: (e as Error).message });
    }
  }
  res.text = text;
  return res;
}

/** The smallest run of old lines to replace, and the new lines: a line-level diff of two texts. */
export function lineEdit(before: string, after: string): LineEdit | undefined {
  if (before === after) return undefined;
  const a = before.split('\n').map((l) => l.replace(/\r$/, ''));
  const b = after.split('\n').map((l) => l.replace(/\r$/, ''));
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  let startLine = pre + 1;
  const endLine = a.length - suf;
  let lines = b.slice(pre, b.length - suf);
  if (endLine < startLine) {
    // a pure insertion: replace the line before it with itself plus the new lines
    if (pre === 0) return { startLine: 1, endLine: 1, lines: [...lines, a[0]] };
    startLine = pre;
    lines = [a[pre - 1], ...lines];
    return { startLine, endLine: pre, lines };
  }
  return { startLine, endLine, lines };
}

/** The line edit a target's fix makes to a file, or undefined when it cannot be made. */
export function fixLineEdit(fileText: string, target: FixTarget): LineEdit | undefined {
  try {
    return lineEdit(fileText, applyFixToFile(fileText, target));
  } catch {
    return undefined;
  }
}
