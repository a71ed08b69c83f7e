/**
 * Start-up of the bundled action (issue 16): Node 24 running dist/action/index.js on a real
 * one-file scan (push event, so no API is involved; the SARIF file is written) until the process
 * exits, against Node 24 running a one-line ES module to exit. Target: the action's scan exits
 * within 150 ms. Runs alternate (bare, action, bare, action ...); medians, min and max.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import path from 'node:path';
import { stat, median, verdict } from './scan-pairs.ts';

const RUNS = 15;

function timeToFirstLine(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ first: number; exit: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = -1;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {
      if (first < 0) first = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = performance.now() - t0;
      resolve({ first: first < 0 ? exit : first, exit, code });
    });
  });
}

export default async function bench(): Promise<void> {
  const action = path.resolve('dist/action/index.js');
  if (!existsSync(action)) {
    console.log('action-startup: dist/action/index.js is missing (npm run build first); skipped');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-'));
  try {
    writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}\n');
    writeFileSync(path.join(dir, 'event.json'), '{}');
    // the same kind of entry (an ES module file printing one line), for a fair baseline
    writeFileSync(path.join(dir, 'hello.mjs'), 'console.log(1);\n');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
      INPUT_PATHS: 'cm.yaml',
      'INPUT_SARIF-FILE': 'out.sarif',
      'INPUT_FAIL-ON': 'high',
    };
    const bare: number[] = [];
    const first: number[] = [];
    const exit: number[] = [];
    await timeToFirstLine([action], env); // warm the file cache
    for (let i = 0; i < RUNS; i++) {
      bare.push((await timeToFirstLine([path.join(dir, 'hello.mjs')], env)).exit);
      rmSync(path.join(dir, 'out.sarif'), { force: true });
      const r = await timeToFirstLine([action], env);
      // a run that failed or wrote no report did not scan: its time would flatter the figure
      if (r.code !== 0 || !existsSync(path.join(dir, 'out.sarif')))
        throw new Error(`the action's one-file scan failed (exit ${r.code}) or wrote no SARIF`);
      first.push(r.first);
      exit.push(r.exit);
    }
    const f = (n: number) => `${n.toFixed(0)} ms`;
    const dist = path.dirname(action);
    const total = readdirSync(dist).reduce((n, e) => n + statSync(path.join(dist, e)).size, 0);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    console.log(
      `action bundle: dist/action ${mb(total)} in ${readdirSync(dist).length} files, entry index.js ${(statSync(action).size / 1024).toFixed(0)} KiB (chunks load on demand)`,
    );
    console.log(
      `action one-file scan, ${RUNS} runs alternating with bare node; load average ${loadavg()[0].toFixed(1)}\n` +
        `| | ms to exit, median (min, max) |\n|---|---|\n| bare node (ESM hello) | ${stat(bare, 0)} |\n` +
        `| action scan of one file | ${stat(exit, 0)} |\n` +
        `action scan exits in ${f(median(exit))} (target <= 150 ms) ${verdict(median(exit), 150)}; ` +
        `overhead over bare node ${f(median(exit) - median(bare))}; first line of output at ${f(median(first))}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
