/**
 * `npm run bench -- verify-real`: `kubeward verify` on 10,000 pods in a real kube-apiserver
 * (scripts/cluster/up.sh: etcd, kube-apiserver, controller-manager, kwok), beside the same
 * verify on the fake API server (bench/verify.bench.ts's 10,000 pods / 2,000 Deployments).
 *
 * The cluster is the one in KUBEWARD_REAL_CLUSTERS (`a=DIR`, left running) or one started here
 * (and stopped after). The pods are created directly, as the ReplicaSet controller would, 5 per
 * Deployment: 2,000 Deployments (paused, so the deployment controller creates no ReplicaSet of
 * its own) in 20 namespaces, each pod owned by its Deployment, bound to a kwok node (kwok marks
 * it Running). Creating them through the real controllers is bounded by the controller-manager's
 * client rate limit (about 30 pods/s on a shared 2-core machine): minutes, for the same objects.
 *
 * Each verify runs in a fresh process (time and peak RSS are verify's own); real and fake runs
 * are interleaved, 3 rounds (KW_BENCH_ROUNDS), medians printed with the request count.
 * Targets: <= 1 s and <= 250 MB for 10,000 pods; requests O(kinds x namespaces).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealCluster } from '../test/support/real-cluster.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const NAMESPACES = 20;
const DEPLOYMENTS = 2000;
const PODS_PER = 5;
const LABEL = 'kubeward.bench/verify-real';

interface ChildResult {
  reportMs: number;
  ms: number;
  rssMB: number;
  cpuMs: number;
  objects: number;
  findings: number;
  notVerified: string[];
  requests: number;
  phases: Record<string, number>;
}

/** Child mode: one verify run, prints its figures as JSON. */
async function childRun(): Promise<void> {
  const args = JSON.parse(process.env.KW_BENCH_ARGS ?? '{}') as { kubeconfig: string; namespaces?: string[] };
  const phases: Record<string, number> = {};
  let requests = 0;
  const t0 = performance.now();
  // as the CLI and the action do before verify (src/core/heap.ts)
  (await import('../src/core/heap.ts')).limitYoungGeneration();
  const { verify } = await import('../src/core/verify.ts');
  const report = await verify({
    kubeconfig: args.kubeconfig,
    env: {},
    ...(args.namespaces ? { namespaces: args.namespaces } : {}),
    timeoutMs: 120000,
    onTiming: (phase, ms) => void (phases[phase] = (phases[phase] ?? 0) + ms),
    onRequests: (_c, s) => void (requests += s.requests),
  });
  const out: ChildResult = {
    ms: Math.round(performance.now() - t0),
    reportMs: report.durationMs,
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    // CPU time of the whole child (module loading included): less inflated by a loaded machine
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    objects: report.objectsScanned,
    findings: report.findings.length,
    notVerified: report.notVerified.map((n) => `${n.check}: ${n.reason}`),
    requests,
    phases,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function runChild(args: object): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SELF], {
      env: { ...process.env, KW_BENCH_CHILD: '1', KW_BENCH_ARGS: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult)
        : reject(new Error(`verify child exited ${code}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pool<T>(items: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Creates the namespaces, Deployments and pods; returns the namespaces. */
async function populate(c: RealCluster, run: string): Promise<string[]> {
  const { hardenedContainer } = await import('../test/support/real-workloads.ts');
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `bench-${run}-${i}`);
  for (const ns of namespaces) {
    await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { [LABEL]: run } } });
  }
  const podSpec = {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [hardenedContainer('app')],
  };
  const deployments = Array.from({ length: DEPLOYMENTS }, (_, i) => ({
    ns: namespaces[i % NAMESPACES],
    name: `app-${i}`,
  }));
  const t0 = Date.now();
  let pods = 0;
  await pool(deployments, 24, async ({ ns, name }) => {
    const labels = { app: name, [LABEL]: run };
    const d = await c.request('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels },
        spec: {
          paused: true,
          replicas: PODS_PER,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels }, spec: podSpec },
        },
      },
    });
    const uid = String((d.body.metadata as { uid: string }).uid);
    for (let j = 0; j < PODS_PER; j++) {
      await c.request('POST', `/api/v1/namespaces/${ns}/pods`, {
        body: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${name}-${j}`,
            labels,
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid, controller: true }],
          },
          spec: { ...podSpec, nodeName: `kwok-node-${j % 2}` },
        },
      });
      pods++;
    }
  });
  console.log(
    `created ${DEPLOYMENTS} Deployments and ${pods} pods in ${NAMESPACES} namespaces in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  // kwok marks them Running; wait (bounded) so verify sees running pods and kwok is quiet
  const t1 = Date.now();
  for (;;) {
    const r = await c.request<{ items: unknown[] }>('GET', '/api/v1/pods', {
      query: { labelSelector: `${LABEL}=${run}`, fieldSelector: 'status.phase!=Running', limit: 1 },
    });
    if (!r.body.items.length) {
      console.log(`all pods Running after ${((Date.now() - t1) / 1000).toFixed(0)} s more`);
      break;
    }
    if (Date.now() - t1 > 300000) {
      console.log('not every pod is Running after 5 minutes: measuring anyway');
      break;
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
  return namespaces;
}

function load(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

export default async function bench(): Promise<void> {
  const given = /(?:^|,)a=([^,]+)/.exec(process.env.KUBEWARD_REAL_CLUSTERS ?? '')?.[1];
  const bin = path.join(process.env.KUBEWARD_CACHE ?? path.join(os.homedir(), '.cache/kubeward'), 'bin');
  if (!given && !existsSync(path.join(bin, 'kube-apiserver'))) {
    console.log(
      `verify-real skipped: no cluster (KUBEWARD_REAL_CLUSTERS) and no built components in ${bin} (scripts/cluster/build.sh)`,
    );
    return;
  }
  let dir = given;
  let started = false;
  if (!dir) {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'kw-bench-real-')), 'cluster');
    const t = Date.now();
    const up = spawnSync(
      'bash',
      [
        path.join(ROOT, 'scripts/cluster/up.sh'),
        '--name',
        'kw-bench-real',
        '--dir',
        dir,
        '--watch-pid',
        String(process.pid),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
    );
    if (up.status !== 0) throw new Error(`scripts/cluster/up.sh failed (${up.status})`);
    started = true;
    console.log(`cluster started in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  process.env.KUBEWARD_REAL_CLUSTERS = `a=${dir}`;
  const { realCluster } = await import('../test/support/real-cluster.ts');
  const c = realCluster('a');
  const run = Math.random().toString(36).slice(2, 7);
  let namespaces: string[] = [];
  // imported here: verify.bench.ts runs its own child mode when loaded with KW_BENCH_CHILD set
  const { serve } = await import('./verify.bench.ts');
  const fake = await serve(0);
  try {
    namespaces = await populate(c, run);
    const fakeNamespaces = Array.from({ length: 20 }, (_, i) => `ns-${i}`);
    const cases: [string, object][] = [
      ['real, 20 namespaces', { kubeconfig: c.kubeconfig, namespaces }],
      ['fake, 20 namespaces', { kubeconfig: fake.kubeconfig, namespaces: fakeNamespaces }],
      ['real, all namespaces', { kubeconfig: c.kubeconfig }],
      ['fake, all namespaces', { kubeconfig: fake.kubeconfig }],
    ];
    const rounds = Number(process.env.KW_BENCH_ROUNDS ?? 3);
    const results = new Map<string, ChildResult[]>();
    const loads: string[] = [load()];
    for (let i = 0; i < rounds; i++) {
      for (const [name, args] of cases) {
        const r = await runChild(args);
        results.set(name, [...(results.get(name) ?? []), r]);
      }
      loads.push(load());
    }
    console.log(`load average (1/5/15 min) before and after each round: ${loads.join(' | ')}`);
    for (const [name, rs] of results) {
      const ms = median(rs.map((r) => r.reportMs));
      const rss = median(rs.map((r) => r.rssMB));
      const cpu = median(rs.map((r) => r.cpuMs));
      const last = rs[rs.length - 1];
      const ok = ms <= 1000 && rss <= 250 ? 'ok' : 'OVER TARGET';
      console.log(
        `verify 10,000 pods / 2,000 deployments, ${name}: median ${ms} ms (runs ${rs.map((r) => r.reportMs).join(', ')}), ` +
          `CPU ${cpu} ms (median), peak RSS ${rss} MB, ${last.requests} requests, ${last.objects} objects, ${last.findings} findings` +
          `${last.notVerified.length ? `, NOT VERIFIED: ${last.notVerified.join('; ')}` : ''} [target <= 1000 ms, <= 250 MB: ${ok}]\n` +
          `    phases (ms, last run): ${Object.entries(last.phases)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
      );
    }
  } finally {
    fake.child.stdin!.end();
    fake.child.kill();
    if (started) {
      spawnSync('bash', [path.join(ROOT, 'scripts/cluster/down.sh'), dir], { stdio: 'inherit' });
      rmSync(path.dirname(dir), { recursive: true, force: true });
    } else {
      // a cluster we were given: delete the namespaces we made (they take their pods)
      console.log(`deleting ${namespaces.length} namespaces`);
      await c.cleanup();
    }
  }
}

if (process.env.KW_BENCH_CHILD === '1') await childRun();
