/**
 * `npm run bench`: runs every bench/*.bench.ts (its default export, `async () => void`, prints
 * its own figures). `npm run bench -- scan` runs only the benches whose name contains "scan"; the real-cluster ones
 * (`*-real.bench.ts`) run only when named (`npm run bench -- verify-real`).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const filter = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter.length || filter.some((w) => f.includes(w)))
  // benches on a real cluster (`-real`) start one and create 10,000s of objects: only when named
  .filter((f) => !f.includes('-real') || filter.some((w) => w.includes('real')))
  .sort();
console.log(`kubeward benchmarks on Node ${process.version} (${benches.length}: ${benches.join(', ')})`);
let failed = 0;
for (const f of benches) {
  console.log(`\n## ${f.replace('.bench.ts', '')}`);
  try {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default: () => Promise<void> };
    await mod.default();
  } catch (e) {
    failed++;
    console.error(`bench ${f} failed: ${(e as Error).stack ?? e}`);
  }
}
process.exitCode = failed ? 1 : 0;
