/**
 * The API server an oracle asks: the cluster named in KUBEWARD_REAL_CLUSTERS (under
 * `npm run test:cluster`, or started by hand), else one started here with
 * scripts/cluster/up.sh --control-plane-only and stopped after (scripts/oracle.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { realCluster, type RealCluster } from '../real-cluster.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function upControlPlane(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'bash',
      [
        path.join(ROOT, 'scripts/cluster/up.sh'),
        '--name',
        'kubeward-oracle',
        '--dir',
        dir,
        '--watch-pid',
        String(process.pid),
        '--control-plane-only',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`scripts/cluster/up.sh failed (exit ${code}); its output is above`)),
    );
  });
}

/** Runs `fn` with a real cluster; starts (and stops) one when none is given. */
export async function withOracleCluster<T>(fn: (c: RealCluster) => Promise<T>): Promise<T> {
  if (process.env.KUBEWARD_REAL_CLUSTERS) return fn(realCluster('a'));
  const parent = mkdtempSync(path.join(os.tmpdir(), 'kubeward-oracle-'));
  const dir = path.join(parent, 'cluster'); // up.sh wants a folder that does not exist yet
  process.stderr.write(`starting a control plane in ${dir} (scripts/cluster/up.sh) ...\n`);
  await upControlPlane(dir);
  process.env.KUBEWARD_REAL_CLUSTERS = `a=${dir}`;
  try {
    return await fn(realCluster('a'));
  } finally {
    spawnSync('bash', [path.join(ROOT, 'scripts/cluster/down.sh'), dir], { stdio: 'inherit' });
    delete process.env.KUBEWARD_REAL_CLUSTERS;
    rmSync(parent, { recursive: true, force: true });
  }
}

/** A fresh namespace name for one oracle run. */
export function oracleNamespace(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
