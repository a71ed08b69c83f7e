/** Access to ../shared/corpus (real manifests); tests skip, saying so, when it is absent. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../shared/corpus');
export const hasCorpus = existsSync(CORPUS_DIR);

/** Every manifest file of the corpus, outside _unparseable. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('_')) continue;
    for (const f of readdirSync(path.join(CORPUS_DIR, d.name))) out.push(path.join(CORPUS_DIR, d.name, f));
  }
  return out.sort();
}

/** The broken files kept for must-not-crash tests. */
export function unparseableFiles(): string[] {
  const out: string[] = [];
  const root = path.join(CORPUS_DIR, '_unparseable');
  for (const d of readdirSync(root, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(path.join(root, d.name))) out.push(path.join(root, d.name, f));
  }
  return out.sort();
}

/** Use as `describeCorpus()('...', () => {...})` in tests: skips with a note when the corpus is absent. */
export function describeCorpus(): jest.Describe {
  if (!hasCorpus) console.warn(`shared corpus not found at ${CORPUS_DIR}: corpus tests are skipped`);
  return hasCorpus ? describe : describe.skip;
}
