/**
 * Positions of key paths in plain YAML files (Helm values files, kustomize patches): the deepest
 * existing prefix of a path and the line of its key. Values files are small; the `yaml` package
 * gives exact ranges.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YNode } from 'yaml';
import type { FieldPath } from '../model.ts';

export interface YamlFile {
  text: string;
  /** Each document's root node (a values file has one). */
  roots: (YNode | null)[];
  lc: LineCounter;
}

export interface PathHit {
  /** How many segments of the path exist. */
  depth: number;
  line: number;
  column: number;
}

export function parseYamlFile(text: string): YamlFile {
  const lc = new LineCounter();
  let roots: (YNode | null)[];
  try {
    roots = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, strict: false, version: '1.1' }).map((d) =>
      'contents' in d ? ((d.contents as YNode | null) ?? null) : null,
    );
  } catch {
    roots = [];
  }
  return { text, roots, lc };
}

/**
 * The deepest existing prefix of `path` in document `doc` of the file, with the position of its
 * key (or list item). Depth 0 means not even the first segment exists.
 */
export function findPath(file: YamlFile, path: FieldPath, doc = 0): PathHit {
  let node = file.roots[doc] ?? null;
  let hit: PathHit = { depth: 0, line: 1, column: 1 };
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i];
    let next: YNode | null;
    let at: number | undefined;
    if (typeof seg === 'number' && isSeq(node)) {
      const item = node.items[seg] as YNode | undefined;
      if (!item) break;
      next = item;
      at = item.range?.[0];
    } else if (typeof seg === 'string' && isMap(node)) {
      const pair = [...node.items].reverse().find((p) => (isScalar(p.key) ? String(p.key.value) : '') === seg);
      if (!pair) break;
      next = (pair.value as YNode | null) ?? null;
      at = (pair.key as YNode | null)?.range?.[0];
    } else break;
    if (at === undefined) break;
    const p = file.lc.linePos(at);
    hit = { depth: i + 1, line: p.line, column: p.col };
    node = next;
  }
  return hit;
}

/** The text of 1-based line `n`. */
export function lineOf(text: string, n: number): string {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return '';
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
