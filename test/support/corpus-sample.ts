/** A fixed sample of ../shared/corpus (every 20th manifest file, sorted), relative to the corpus. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const CORPUS = path.resolve('../shared/corpus');

export function corpusSample(every = 20): string[] {
  const files: string[] = [];
  for (const d of readdirSync(CORPUS, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!d.isDirectory() || d.name.startsWith('_')) continue;
    for (const f of readdirSync(path.join(CORPUS, d.name)).sort()) files.push(`${d.name}/${f}`);
  }
  return files.filter((_, i) => i % every === 0);
}
