/**
 * Scan benchmark on ../shared/corpus: the whole scan (load, every rule, locations, JSON report)
 * against its floor (read the same files and parse them with js-yaml, nothing else), interleaved
 * fresh-process pairs (bench/scan-pairs.ts). Targets (issue 16): scan <= 1.8x the floor's CPU
 * time, peak RSS <= 350 MB, default node flags.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, interleaved, table, verdict } from './scan-pairs.ts';

export const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const RUNS = Number(process.env.KUBEWARD_BENCH_RUNS ?? 5);

export default async function bench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} not found (the corpus ships with ../shared, not with the repo)`);
    return;
  }
  const pairs = interleaved(CORPUS, RUNS);
  describe('corpus', pairs);
  const { ratio, wallRatio, rss } = table('default flags', pairs);
  console.log(
    `corpus scan / floor: CPU ${ratio.toFixed(2)}x (target <= 1.8x) ${verdict(ratio, 1.8)} (wall ${wallRatio.toFixed(2)}x); peak RSS ${rss.toFixed(0)} MB (target <= 350 MB) ${verdict(rss, 350)}`,
  );
  // V8 sizes the young generation from the machine's memory; parsed manifests survive
  // scavenges, so it grows to its cap. The same scan with a capped young generation shows how
  // much of the peak is that headroom rather than data (for information: the target is without flags).
  table('node --max-semi-space-size=8 (information only)', interleaved(CORPUS, RUNS, ['--max-semi-space-size=8']));
}
