/**
 * Trace-back of rendered Helm fields to the template or values line that set them.
 *
 * Two sources of evidence, used in this order for a field path P of a rendered document:
 *  1. Marker rendering: the chart is rendered a second time with every non-empty string (and,
 *     when the chart accepts it, every non-zero number) of the merged values replaced by a unique
 *     marker (`kwv12x`). A rendered leaf holding marker 12 came from values key #12; a leaf is
 *     trusted only when the real rendering holds that key's real value at the same place. Whole
 *     subtrees (`toYaml .Values.securityContext`) are recognised when every marked leaf under a
 *     values key reappears under one rendered field with the same relative paths.
 *  2. The template text: P's keys are looked up literally in the template (in order, each inside
 *     the previous one's block); a key whose value or block is `.Values.a.b` (directly, through
 *     toYaml/include/tpl, or a `with .Values.a.b` around it) points at `a.b` in the values files.
 * A values key is located in the environment's last values file that has it, else in the
 * chart's values.yaml. Otherwise the finding points at the template's object (`kind:`) line.
 */
import type { FieldPath, Location, ObjectRef } from '../model.ts';
import type { JsonObject } from '../manifests/types.ts';
import { findPath, lineOf, type YamlFile } from './yaml-paths.ts';
import { pushAll } from '../arrays.ts';

export const MARKER_RE = /kwv(\d+)x/gi;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge as Helm merges values files: maps merge, everything else replaces; null deletes. */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = k in out ? mergeValues(out[k], v) : v;
  }
  return out;
}

export interface MarkedValues {
  values: unknown;
  /** Marker id -> values key path and the real value. */
  keys: { path: FieldPath; value: string }[];
}

/**
 * Replaces leaves with markers. Empty strings, zero and booleans are kept (they steer `if`s);
 * strings equal to a quoted literal of the templates are kept (they steer `eq` comparisons).
 */
export function markValues(values: unknown, opts: { numbers: boolean; keep: ReadonlySet<string> }): MarkedValues {
  const keys: MarkedValues['keys'] = [];
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (isObj(v)) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, [...path, k]);
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
export function templateLiterals(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) {
    for (const q of m[0].matchAll(/"((?:[^"\\]|\\.)*)"/g)) out.add(q[1]);
  }
  return out;
}

const keyOf = (p: FieldPath) => JSON.stringify(p);

function getAt(data: unknown, path: FieldPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isObj(cur) && typeof seg === 'string') cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** Length of the deepest prefix of `path` that exists in `data`. */
export function existingDepth(data: unknown, path: FieldPath): number {
  let cur = data;
  let d = 0;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number' && seg < cur.length) cur = cur[seg];
    else if (isObj(cur) && typeof seg === 'string' && seg in cur) cur = cur[seg];
    else break;
    d++;
  }
  return d;
}

/** What marker rendering says about one rendered document. */
export class MarkerMap {
  /** Rendered leaf path -> values key paths (in order of appearance). */
  readonly leaves = new Map<string, FieldPath[]>();
  /** Rendered field path -> values key path, for whole subtrees copied from values. */
  readonly subtrees = new Map<string, FieldPath>();

  constructor(realDoc: unknown, markedDoc: unknown, marked: MarkedValues) {
    const pairs: { r: FieldPath; k: FieldPath }[] = [];
    const visit = (v: unknown, path: (string | number)[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
      else if (isObj(v)) for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
      else if (typeof v === 'string' && v.length >= 4) {
        const real = getAt(realDoc, path);
        if (real === undefined || isObj(real) || Array.isArray(real)) return;
        const realText = String(real).toLowerCase();
        const found: FieldPath[] = [];
        for (const m of v.matchAll(MARKER_RE)) {
          const key = marked.keys[Number(m[1])];
          if (key && realText.includes(key.value.toLowerCase())) found.push(key.path);
        }
        if (found.length) {
          this.leaves.set(keyOf(path), found);
          for (const k of found) pairs.push({ r: path, k });
        }
      }
    };
    visit(markedDoc, []);
    // whole-subtree candidates: common suffixes of rendered and values paths
    const byValuesKey = new Map<string, number>();
    for (const k of marked.keys) {
      for (let i = 1; i < k.path.length; i++) {
        const p = keyOf(k.path.slice(0, i));
        byValuesKey.set(p, (byValuesKey.get(p) ?? 0) + 1);
      }
    }
    const candidates = new Map<string, { q: FieldPath; v: FieldPath; n: number }>();
    for (const { r, k } of pairs) {
      let s = 0;
      while (s < r.length && s < k.length && r[r.length - 1 - s] === k[k.length - 1 - s]) s++;
      for (let i = 1; i <= s; i++) {
        const q = r.slice(0, r.length - i);
        const v = k.slice(0, k.length - i);
        if (v.length === 0 || q.length === 0) continue;
        const id = keyOf(q) + '\0' + keyOf(v);
        const c = candidates.get(id);
        if (c) c.n++;
        else candidates.set(id, { q, v, n: 1 });
      }
    }
    for (const c of candidates.values()) {
      // every marked leaf under the values key reappears under the rendered field
      if (c.n === byValuesKey.get(keyOf(c.v))) {
        const prev = this.subtrees.get(keyOf(c.q));
        if (!prev || prev.length > c.v.length) this.subtrees.set(keyOf(c.q), c.v);
      }
    }
  }
}

/** One template file as text, split into its documents. */
export interface TemplateText {
  file: string;
  text: string;
  lines: string[];
  /** The chart's named templates (`define`): name -> the values path it copies whole, if one. */
  defines?: ReadonlyMap<string, FieldPath | undefined>;
}

export function templateText(
  file: string,
  text: string,
  defines?: ReadonlyMap<string, FieldPath | undefined>,
): TemplateText {
  return { file, text, lines: text.split(/\r?\n/), ...(defines ? { defines } : {}) };
}

/** Named templates of chart text: each `define` with the one `.Values` path its body writes with toYaml, if any. */
export function namedTemplates(text: string): Map<string, FieldPath | undefined> {
  const out = new Map<string, FieldPath | undefined>();
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

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** True for lines that are only template actions or comments (no literal YAML). */
function isActionOnly(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return true;
  return t.replace(/\{\{[\s\S]*?\}\}/g, '').trim() === '';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function keyLine(seg: string): RegExp {
  return new RegExp(`^(\\s*)(-\\s+)?["']?${escapeRe(seg)}["']?\\s*:(?:\\s|$)`);
}

/** Line ranges [from, to) of the template's documents (split at `---` lines). */
function documentRanges(t: TemplateText): [number, number][] {
  const out: [number, number][] = [];
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

export interface TemplateHit {
  /** Segments of the path written literally (index segments included when counted). */
  depth: number;
  /** 0-based line of the deepest literal key. */
  line: number;
  column: number;
  /** `.Values.a.b` found as this key's value or block, with the path below it. */
  values?: FieldPath;
}

const VALUES_REF = /\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g;

const CONTROL = /^\{\{-?\s*(?:if|else|end|range|with|define|block|\/\*)\b/;

/** The values path a key's line or block copies in whole, if any. */
function valuesRefAt(t: TemplateText, line: number, end: number): FieldPath | undefined {
  const own = t.lines[line];
  const colon = own.indexOf(':');
  const value = colon >= 0 ? own.slice(colon + 1).trim() : '';
  const refsIn = (s: string) => [...s.matchAll(VALUES_REF)].map((m) => m[1].slice(1).split('.'));
  if (value !== '' && !value.startsWith('#')) {
    // `key: {{ .Values.a.b }}` (one reference, not a condition)
    const direct = refsIn(value.replace(/\{\{-?\s*(?:if|with|range)\b[^}]*\}\}/g, ''));
    return direct.length === 1 ? direct[0] : undefined;
  }
  // the block below an empty key: output actions up to a literal line at the key's indent or less,
  // or the end of the enclosing if/with/range
  const ind = indentOf(own) + (/^\s*-\s/.test(own) ? 2 : 0);
  const refs: string[][] = [];
  let dot = false;
  for (let i = line + 1; i < end; i++) {
    const l = t.lines[i];
    const tl = l.trim();
    if (tl === '' || tl.startsWith('#')) continue;
    if (!isActionOnly(l)) {
      if (indentOf(l) <= ind) break;
      return undefined; // literal YAML below: the key's own block, not a copy
    }
    if (CONTROL.test(tl)) {
      if (/^\{\{-?\s*(?:else|end)\b/.test(tl)) break;
      continue;
    }
    pushAll(refs, refsIn(l));
    if (/(?:toYaml|tpl|toJson)\s+\.\s*[|)}-]/.test(l)) dot = true;
    // `include "chart.securityContext" .` whose body is `toYaml .Values.x`
    for (const m of l.matchAll(/(?:include|template)\s+"([^"]+)"/g)) {
      const ref = t.defines?.get(m[1]);
      if (ref) refs.push([...ref].map(String));
    }
  }
  if (refs.length === 1 && !dot) return refs[0];
  if (dot && refs.length === 0) {
    // `{{- with .Values.x }}` just above the key, and `toYaml .` in its block
    for (let i = line - 1; i >= Math.max(0, line - 3); i--) {
      const m = /\{\{-?\s*with\s+\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*-?\}\}/.exec(t.lines[i]);
      if (m) return m[1].slice(1).split('.');
      if (!isActionOnly(t.lines[i])) break;
    }
  }
  return undefined;
}

/**
 * Walks the template for `path`: each string segment is looked for after the previous match, at a
 * deeper indentation, inside the previous key's block; index segments pick the n-th `-` item.
 */
export function findInTemplate(t: TemplateText, path: FieldPath, kind: string, ordinal: number): TemplateHit {
  const ranges = documentRanges(t);
  let range = ranges[ordinal];
  const withKind = ranges.filter(([a, b]) =>
    t.lines.slice(a, b).some((l) => new RegExp(`^kind:\\s*["']?${escapeRe(kind)}["']?\\s*$`).test(l)),
  );
  if (!range || (withKind.length && !withKind.includes(range))) range = withKind[0] ?? ranges[0] ?? [0, t.lines.length];
  const [from, to] = range;
  let kindLine = from;
  for (let i = from; i < to; i++) if (/^kind:/.test(t.lines[i])) kindLine = i;
  let hit: TemplateHit = { depth: 0, line: kindLine, column: 0 };
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
        if (isActionOnly(l)) continue;
        const m = /^(\s*)-(\s|$)/.exec(l);
        if (!m) {
          if (itemIndent >= 0 && indentOf(l) <= itemIndent) break;
          continue;
        }
        if (itemIndent < 0) itemIndent = m[1].length;
        if (m[1].length !== itemIndent) continue;
        if (++n === seg) {
          found = i;
          break;
        }
      }
      if (found < 0) break;
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
      if (isActionOnly(l)) continue;
      const m = re.exec(l);
      const ind = indentOf(l) + (m?.[2] ? m[2].length : 0);
      if (m && ind > parentIndent) {
        found = i;
        parentIndent = ind;
        break;
      }
      if (i > cursor && indentOf(l) <= parentIndent && !/^\s*-\s/.test(l)) break;
      if (i > cursor && /^\s*-\s/.test(l) && indentOf(l) < parentIndent) break;
    }
    if (found < 0) break;
    const line = t.lines[found];
    const col = line.search(/[^\s-]/);
    // block of this key: until the next literal line at its indentation or less
    let blockEnd = end;
    for (let i = found + 1; i < end; i++) {
      const l = t.lines[i];
      if (isActionOnly(l)) continue;
      if (indentOf(l) <= parentIndent - (/^\s*-\s/.test(line) ? 0 : 0) && indentOf(l) < parentIndent + 1) {
        blockEnd = i;
        break;
      }
    }
    hit = { depth: d + 1, line: found, column: col };
    const ref = valuesRefAt(t, found, blockEnd);
    if (ref) hit.values = [...ref, ...path.slice(d + 1)];
    else delete hit.values;
    cursor = found + 1;
    end = blockEnd;
  }
  return hit;
}

export interface ValuesFile {
  /** Path as shown in findings. */
  file: string;
  yaml: YamlFile;
}

/** The values line of a key path: the last file that has all of it, else the deepest partial hit. */
export function locateInValues(
  files: readonly ValuesFile[],
  path: FieldPath,
): { loc: Location; depth: number } | undefined {
  let best: { loc: Location; depth: number } | undefined;
  for (let i = files.length - 1; i >= 0; i--) {
    const f = files[i];
    const h = findPath(f.yaml, path);
    if (h.depth === 0) continue;
    const loc: Location = { file: f.file, line: h.line, column: h.column };
    if (h.depth === path.length) return { loc, depth: h.depth };
    if (!best || h.depth > best.depth) best = { loc, depth: h.depth };
  }
  return best;
}

/** values/template/object: Helm; patch/base/generator (and object): Kustomize. */
export type TraceKind = 'values' | 'template' | 'object' | 'patch' | 'base' | 'generator';

export interface Trace {
  kind: TraceKind;
  location: Location;
  /** For values traces: the values key path (dotted). */
  valuesKey?: string;
  /** For values traces: the rendered field that maps onto the values key. */
  renderedPrefix?: FieldPath;
  valuesPrefix?: FieldPath;
  /** For kustomize base traces: the base resource and the walked path as it is in the base. */
  base?: { object: ObjectRef; docPath: FieldPath };
}

export interface TraceInput {
  data: JsonObject;
  template: TemplateText;
  kind: string;
  ordinal: number;
  markers?: MarkerMap;
  values: readonly ValuesFile[];
}

function dotted(p: FieldPath): string {
  return p
    .map((s) => (typeof s === 'number' ? `[${s}]` : s))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Where a rendered field path was set: values line, template line, or the template's object line. */
export function trace(input: TraceInput, path: FieldPath): Trace {
  const exists = existingDepth(input.data, path);
  const toValues = (q: FieldPath, v: FieldPath): Trace | undefined => {
    const target = [...v, ...path.slice(q.length)];
    const hit = locateInValues(input.values, target);
    if (!hit || hit.depth < Math.min(v.length, target.length)) return undefined;
    return { kind: 'values', location: hit.loc, valuesKey: dotted(target), renderedPrefix: q, valuesPrefix: v };
  };
  if (input.markers) {
    if (exists === path.length) {
      const keys = input.markers.leaves.get(keyOf(path));
      if (keys?.length) {
        const t = toValues(path, keys[keys.length - 1]);
        if (t) return t;
      }
    }
    for (let n = Math.min(exists, path.length); n >= 1; n--) {
      const q = path.slice(0, n);
      const v = input.markers.subtrees.get(keyOf(q));
      if (v) {
        const t = toValues(q, v);
        if (t) return t;
      }
    }
  }
  const hit = findInTemplate(input.template, path, input.kind, input.ordinal);
  if (hit.values) {
    const q = path.slice(0, hit.depth);
    const v = hit.values.slice(0, hit.values.length - (path.length - hit.depth));
    const t = toValues(q, v);
    if (t) return t;
  }
  const text = input.template.lines[hit.line] ?? '';
  const column = hit.depth ? hit.column + 1 : Math.max(1, text.search(/\S/) + 1);
  return {
    kind: hit.depth ? 'template' : 'object',
    location: { file: input.template.file, line: hit.line + 1, column },
  };
}

/** Does the traced line hold the key (or a `.Values` reference)? Used by tests and the trace score. */
export function lineHoldsKey(text: string, t: Trace, path: FieldPath): boolean {
  const line = lineOf(text, t.location.line);
  if (t.kind === 'object') return /^kind:/.test(line.trim());
  if (/\.Values\b/.test(line)) return true;
  const keys = path.filter((s): s is string => typeof s === 'string');
  if (t.kind === 'values' && t.valuesKey) pushAll(keys, t.valuesKey.split(/[.[\]]/).filter(Boolean));
  return keys.some((k) => new RegExp(`(^|[\\s-])["']?${escapeRe(k)}["']?\\s*:`).test(line)) || /^\s*-(\s|$)/.test(line);
}
