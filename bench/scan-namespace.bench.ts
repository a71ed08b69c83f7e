/**
 * One-namespace stress (issue 16): 10,000 Deployments, 10,000 Services, 2,000 NetworkPolicies,
 * 2,000 PodDisruptionBudgets and 2,000 HPAs, all in one namespace, so every cross-object rule
 * (Service -> pods, policy -> pods, PDB -> pods, HPA -> target) sees every pair as a candidate:
 * a rule that is not linear in objects + policies shows here. Generated into a temporary
 * directory; scan against its floor in interleaved fresh-process pairs (bench/scan-pairs.ts).
 * Target: <= 2x the floor's CPU time (as the 8x corpus: linear), <= 1.2 GB peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateObjects, writeManifests } from './generate.ts';
import { describe, interleaved, table, verdict } from './scan-pairs.ts';

const RUNS = Number(process.env.KUBEWARD_BENCH_RUNS ?? 3);

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-ns-'));
  try {
    const objects = generateObjects({
      deployments: 10_000,
      services: 10_000,
      networkPolicies: 2_000,
      pdbs: 2_000,
      hpas: 2_000,
      namespaces: 1,
    });
    writeManifests(dir, objects, 'block');
    const pairs = interleaved(dir, RUNS);
    describe('one namespace, 26,000 generated objects', pairs);
    const { ratio, wallRatio, rss } = table('default flags', pairs);
    console.log(
      `one-namespace scan / floor: CPU ${ratio.toFixed(2)}x (target <= 2x) ${verdict(ratio, 2)} (wall ${wallRatio.toFixed(2)}x); peak RSS ${rss.toFixed(0)} MB (target <= 1200 MB) ${verdict(rss, 1200)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
