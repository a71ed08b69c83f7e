/**
 * Start-up of the bundled action: Node 24 running dist/action/index.js until its first line of
 * output (target: 120 ms on a GitHub-hosted runner), next to Node 24 running a one-line ES module on this machine.
 * Scans one small file with a push event, so no API is involved.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = 15;

function timeToFirstLine(args: string[], env: NodeJS.ProcessEnv): Promise<{ first: number; exit: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = -1;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {
      if (first < 0) first = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('close', () => {
      const exit = performance.now() - t0;
      resolve({ first: first < 0 ? exit : first, exit });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
      bare.push((await timeToFirstLine([path.join(dir, 'hello.mjs')], env)).first);
      const r = await timeToFirstLine([action], env);
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
      `action-startup (median of ${RUNS}): first line ${f(median(first))}, exit ${f(median(exit))}; ` +
        `bare node (ESM hello) ${f(median(bare))} -> action overhead ${f(median(first) - median(bare))} (target: first line <= 120 ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
