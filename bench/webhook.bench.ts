/**
 * `kubeward serve` on loopback: latency per AdmissionReview (p50, p99) and reviews/s for a
 * Deployment (admitted with warnings) and a privileged Pod (denied), 8 keep-alive connections
 * (and the Deployment on 1: latency without queueing), the server in its own process. Five
 * interleaved runs of each; medians printed.
 * Goal: p99 <= 10 ms for a Deployment. Then 100,000 reviews in a row, sampling the server's heap
 * after a full GC: it must not grow (no per-request state kept).
 */
import { spawn } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'web',
            image: 'registry.example.com/shop/web:1.4.2',
            ports: [{ containerPort: 8080 }],
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          },
        ],
      },
    },
  },
};
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'bad', namespace: 'shop' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
};

function body(
  obj: { kind: string; apiVersion: string; metadata: { name: string; namespace: string } },
  i: number,
): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-${i}`,
      kind: { group: obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '', version: 'v1', kind: obj.kind },
      operation: 'CREATE',
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      object: obj,
      userInfo: { username: 'ci' },
    },
  });
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
}

async function load(
  url: string,
  agent: https.Agent,
  obj: typeof deployment | typeof pod,
  n: number,
  concurrency = 8,
): Promise<Run> {
  const lat: number[] = [];
  let next = 0;
  const started = performance.now();
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const b = body(obj, i);
      const t0 = performance.now();
      const req = https.request(
        `${url}/validate`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
            lat.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(b);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await one(next++);
    }),
  );
  const secs = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { p50: q(0.5), p99: q(0.99), rps: n / secs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench(): Promise<void> {
  const child = spawn(process.execPath, ['--expose-gc', path.join(ROOT, 'bench/webhook-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { url, memUrl, ca } = JSON.parse(line) as { url: string; memUrl: string; ca: string };
  const agent = new https.Agent({ keepAlive: true, maxSockets: 8, ca });
  const mem = async () => (await (await fetch(`${memUrl}/mem`)).json()) as { heapUsed: number; rss: number };
  try {
    await load(url, agent, deployment, 2000);
    await load(url, agent, pod, 2000);
    const runs: Record<string, Run[]> = { Deployment: [], 'privileged Pod': [], 'Deployment, 1 conn': [] };
    for (let i = 0; i < 5; i++) {
      runs.Deployment.push(await load(url, agent, deployment, 3000));
      runs['privileged Pod'].push(await load(url, agent, pod, 3000));
      runs['Deployment, 1 conn'].push(await load(url, agent, deployment, 3000, 1));
    }
    for (const [name, rs] of Object.entries(runs)) {
      const conns = name.endsWith('1 conn') ? 1 : 8;
      const p50 = median(rs.map((r) => r.p50));
      const p99 = median(rs.map((r) => r.p99));
      const rps = median(rs.map((r) => r.rps));
      const goal = name.startsWith('Deployment') ? `  (goal p99 <= 10 ms: ${p99 <= 10 ? 'met' : 'NOT met'})` : '';
      console.log(
        `${name.padEnd(18)} p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  ${Math.round(rps)} reviews/s  (median of 5 x 3000, ${conns} connection${conns > 1 ? 's' : ''})${goal}`,
      );
    }
    const samples: { n: number; heap: number; rss: number }[] = [];
    const m0 = await mem();
    samples.push({ n: 0, heap: m0.heapUsed, rss: m0.rss });
    let done = 0;
    for (const step of [10000, 40000, 50000]) {
      await load(url, agent, deployment, step);
      done += step;
      const m = await mem();
      samples.push({ n: done, heap: m.heapUsed, rss: m.rss });
    }
    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    console.log(`memory over ${done.toLocaleString('en-US')} Deployment reviews (heap after full GC / RSS):`);
    for (const s of samples) console.log(`  after ${String(s.n).padStart(6)}: heap ${mb(s.heap)}  rss ${mb(s.rss)}`);
    const growth = samples.at(-1)!.heap - samples[1].heap;
    console.log(
      `heap growth from 10,000 to ${done.toLocaleString('en-US')} reviews: ${mb(growth)} (${growth < 5 * 1048576 ? 'flat' : 'GROWING'})`,
    );
  } finally {
    agent.destroy();
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
}
