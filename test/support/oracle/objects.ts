/**
 * The objects an oracle judges: every manifest of examples/ or of ../shared/corpus, read with
 * kubeward's own parser (so duplicate keys and List items come out as kubeward sees them), and a
 * small pool to keep a few requests in flight against the API server.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifestText, type K8sObject, type LoadProblem } from '../../../src/core/manifests/index.ts';
import { CORPUS_DIR, corpusFiles, hasCorpus } from '../corpus.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');

export type OracleSource = 'examples' | 'corpus';

export interface OracleInput {
  source: OracleSource;
  /** Files read (paths relative to the source root). */
  files: number;
  objects: K8sObject[];
  /** Problems kubeward's parser reports (duplicate keys among them), by file. */
  problems: LoadProblem[];
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(d.name)) out.push(p);
  }
  return out.sort();
}

/** The manifests of a source; object files are named relative to its root (examples/, the corpus). */
export function loadOracleInput(source: OracleSource): OracleInput {
  if (source === 'corpus' && !hasCorpus) throw new Error(`the shared corpus is not at ${CORPUS_DIR}`);
  const root = source === 'corpus' ? CORPUS_DIR : EXAMPLES_DIR;
  const files = source === 'corpus' ? corpusFiles() : yamlFiles(EXAMPLES_DIR);
  const objects: K8sObject[] = [];
  const problems: LoadProblem[] = [];
  for (const f of files) {
    const rel = path.relative(root, f);
    const parsed = parseManifestText(readFileSync(f, 'utf8'), rel);
    objects.push(...parsed.objects);
    problems.push(...parsed.problems);
  }
  return { source, files: files.length, objects, problems };
}

/** `Deployment ns/name` (namespace when the manifest gives one). */
export function objectName(o: K8sObject): string {
  return `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}`;
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** `12.3%` of a part in a whole (`-` for an empty whole). */
export function pct(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}

/** A plain text table, columns padded. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
