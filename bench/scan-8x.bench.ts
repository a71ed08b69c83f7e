/**
 * The corpus eight times over (issue 16): eight folders in a temporary directory, each a set of
 * symbolic links to the corpus's repository folders, so 8x the files, bytes and objects without
 * copying 350 MB. Scan against its floor in interleaved fresh-process pairs (bench/scan-pairs.ts).
 * Targets: <= 2x the floor's CPU time and <= 1.2 GB peak RSS, default node flags.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, interleaved, table, verdict } from './scan-pairs.ts';
import { CORPUS } from './scan.bench.ts';

const RUNS = Number(process.env.KUBEWARD_BENCH_RUNS ?? 3);

/** `times` copies of the corpus as folders of symbolic links, in a new temporary directory. */
export function multiplied(times: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-8x-'));
  for (let i = 0; i < times; i++) {
    const copy = path.join(dir, `copy-${i}`);
    mkdirSync(copy);
    for (const d of readdirSync(CORPUS, { withFileTypes: true }))
      if (d.isDirectory() && !d.name.startsWith('_')) symlinkSync(path.join(CORPUS, d.name), path.join(copy, d.name));
  }
  return dir;
}

export default async function bench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} not found`);
    return;
  }
  const dir = multiplied(8);
  try {
    const pairs = interleaved(dir, RUNS);
    describe('corpus x8', pairs);
    const { ratio, wallRatio, rss } = table('default flags', pairs);
    console.log(
      `corpus x8 scan / floor: CPU ${ratio.toFixed(2)}x (target <= 2x) ${verdict(ratio, 2)} (wall ${wallRatio.toFixed(2)}x); peak RSS ${rss.toFixed(0)} MB (target <= 1200 MB) ${verdict(rss, 1200)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
