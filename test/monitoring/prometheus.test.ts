/**
 * Against a real Prometheus and Pushgateway (Debian's `prometheus` and `prometheus-pushgateway`,
 * started here on loopback ports with temp data dirs and stopped after): promtool accepts the
 * alert rules; Prometheus scrapes `kubeward monitor`'s /metrics (the monitor watching the fake API
 * server) and a PromQL query returns the findings; a planted incident and a planted out-of-band
 * edit of a protected object make their alerts fire (ALERTS); `kubeward scan --pushgateway`
 * pushes a CI run that Prometheus then reads through the Pushgateway. Skipped, saying so, where
 * the binaries are absent (.ci/run installs them).
 */
import { jest } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeKube, type Json } from '../support/fake-kube/index.ts';
import { runMonitor } from '../../src/cli/monitor-command.ts';
import { run } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';

jest.setTimeout(120_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LIVE = path.join(ROOT, 'test/fixtures/cluster/live');

function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])) {
    const p = path.join(dir, bin);
    if (existsSync(p)) return p;
  }
  return undefined;
}
const PROMETHEUS = which('prometheus');
const PROMTOOL = which('promtool');
const PUSHGATEWAY = which('prometheus-pushgateway') ?? which('pushgateway');
const missing = [!PROMETHEUS && 'prometheus', !PROMTOOL && 'promtool', !PUSHGATEWAY && 'prometheus-pushgateway'].filter(
  Boolean,
);
if (missing.length) {
  console.warn(
    `test/monitoring/prometheus.test.ts: skipped: ${missing.join(', ')} not installed (apt-get install prometheus prometheus-pushgateway; .ci/run installs them)`,
  );
}
const describeReal = missing.length ? describe.skip : describe;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntil<T>(what: string, fn: () => Promise<T | undefined>, ms = 60000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

const procs: ChildProcess[] = [];
const dirs: string[] = [];
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function start(bin: string, args: string[]): ChildProcess {
  const p = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  p.stderr?.on('data', (c) => (err = (err + c).slice(-4000)));
  p.once('exit', (code) => {
    if (code && code !== 0 && code !== 143) console.warn(`${path.basename(bin)} exited ${code}: ${err}`);
  });
  procs.push(p);
  return p;
}

const io = (): CliIO & { err: string[] } => {
  const err: string[] = [];
  return {
    err,
    stdout: () => undefined,
    stderr: (t) => void err.push(t),
    readStdin: async () => '',
    env: {},
    cwd: ROOT,
    stdoutIsTTY: false,
  };
};

interface PromResult {
  metric: Record<string, string>;
  value: [number, string];
}

describeReal('real Prometheus and Pushgateway', () => {
  test('promtool accepts the alert rules (and refuses a broken copy)', () => {
    const out = execFileSync(PROMTOOL!, ['check', 'rules', path.join(ROOT, 'deploy/monitoring/kubeward.rules.yml')], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/SUCCESS: 7 rules found/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-rules-'));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'bad.yml'),
      'groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(\n',
    );
    expect(() => execFileSync(PROMTOOL!, ['check', 'rules', path.join(dir, 'bad.yml')], { stdio: 'pipe' })).toThrow();
  });

  test('promtool rule unit tests: each of the alerts fires when it should, and only then', () => {
    const rules = path.join(ROOT, 'deploy/monitoring/kubeward.rules.yml');
    const tests = path.join(ROOT, 'test/monitoring/kubeward.rules.test.yml');
    // every alert of the rule file has a unit test
    const alerts = [...readFileSync(rules, 'utf8').matchAll(/^\s*- alert: (\w+)/gm)].map((m) => m[1]);
    expect(alerts.length).toBe(7);
    const tested = new Set([...readFileSync(tests, 'utf8').matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    expect(alerts.filter((a) => !tested.has(a))).toEqual([]);
    const out = execFileSync(PROMTOOL!, ['test', 'rules', tests], { encoding: 'utf8', cwd: ROOT });
    expect(out).toMatch(/SUCCESS/);
  });

  test('scrape, query, pushed CI runs, and alerts that fire on planted incidents', async () => {
    const fake = await FakeKube.start({
      fixtures: [path.join(LIVE, '00-namespaces.yaml'), path.join(LIVE, '10-web-healthy.yaml')],
    });
    cleanup.push(() => fake.close());

    // kubeward monitor, watching the fake API server
    const ac = new AbortController();
    let metricsUrl = '';
    let rounds = 0;
    const monitor = runMonitor(
      [
        '--kubeconfig',
        fake.kubeconfigPath,
        '--interval',
        '500ms',
        '--metrics-port',
        '0',
        '--metrics-host',
        '127.0.0.1',
        '-q',
      ],
      io(),
      {
        signal: ac.signal,
        onListening: (u) => (metricsUrl = u),
        onRound: () => void rounds++,
      },
    );
    cleanup.push(async () => {
      ac.abort();
      await monitor;
    });
    await waitUntil('the first round', async () => (rounds > 0 ? true : undefined));

    // Pushgateway and Prometheus on loopback ports, temp data dirs
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-prom-'));
    dirs.push(dir);
    const pgPort = await freePort();
    start(PUSHGATEWAY!, [`--web.listen-address=127.0.0.1:${pgPort}`]);
    const pg = `http://127.0.0.1:${pgPort}`;
    await waitUntil('the Pushgateway', async () => ((await fetch(`${pg}/-/ready`)).ok ? true : undefined));

    const promPort = await freePort();
    const monitorTarget = new URL(metricsUrl).host;
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - ${path.join(ROOT, 'deploy/monitoring/kubeward.rules.yml')}
scrape_configs:
  - job_name: kubeward-monitor
    static_configs:
      - targets: ['${monitorTarget}']
  - job_name: pushgateway
    honor_labels: true
    static_configs:
      - targets: ['127.0.0.1:${pgPort}']
`,
    );
    start(PROMETHEUS!, [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    const prom = `http://127.0.0.1:${promPort}`;
    await waitUntil('Prometheus', async () => ((await fetch(`${prom}/-/ready`)).ok ? true : undefined));
    const query = async (q: string): Promise<PromResult[]> => {
      const r = (await (await fetch(`${prom}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
        status: string;
        data: { result: PromResult[] };
      };
      expect(r.status).toBe('success');
      return r.data.result;
    };

    // the monitor's series are scraped
    const up = await waitUntil('the monitor scraped', async () => {
      const r = await query('up{job="kubeward-monitor"} == 1');
      return r.length ? r : undefined;
    });
    expect(up[0].metric.instance).toBe(monitorTarget);
    await waitUntil('kubeward_monitor_last_success_timestamp_seconds', async () => {
      const r = await query('kubeward_monitor_last_success_timestamp_seconds{cluster="fake"}');
      return r.length && Number(r[0].value[1]) > 1.7e9 ? r : undefined;
    });
    // nothing fires before the incident
    expect(await query('ALERTS{alertname=~"KubewardNewCriticalFinding|KubewardDriftOnProtectedObject"}')).toEqual([]);

    // a CI run pushed through the Pushgateway
    const scanIo = io();
    expect(
      await run(
        [
          'scan',
          'examples/insecure',
          '-q',
          '-f',
          'json',
          '-o',
          path.join(dir, 'r.json'),
          '--pushgateway',
          pg,
          '--pushgateway-label',
          'instance=acme/shop',
        ],
        scanIo,
      ),
    ).toBe(1);
    expect(scanIo.err.join('')).toBe('');
    const pushed = await waitUntil('the pushed scan series', async () => {
      const r = await query('kubeward_findings{source="scan",job="kubeward-scan",severity="critical"} > 0');
      return r.length ? r : undefined;
    });
    expect(pushed[0].metric.instance).toBe('acme/shop');
    expect(await query('kubeward_run_failed{job="kubeward-scan"} == 1')).toHaveLength(1);

    // planted incident: a privileged Deployment, protected, then edited out of band
    fake.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'planted',
        namespace: 'shop',
        labels: { 'kubeward.io/protected': 'true' },
        managedFields: [
          {
            manager: 'helm',
            operation: 'Update',
            time: '2026-01-01T00:00:00Z',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:spec': {} },
          },
        ],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'planted' } },
        template: {
          metadata: { labels: { app: 'planted' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
        },
      },
    });
    const firing = await waitUntil('KubewardNewCriticalFinding to fire', async () => {
      const r = await query('ALERTS{alertname="KubewardNewCriticalFinding",alertstate="firing"}');
      return r.length ? r : undefined;
    });
    expect(
      firing.some(
        (a) => a.metric.rule === 'privileged-container' && a.metric.namespace === 'shop' && a.metric.cluster === 'fake',
      ),
    ).toBe(true);
    const findings = await query('kubeward_findings{source="monitor",rule="privileged-container",namespace="shop"}');
    expect(Number(findings[0].value[1])).toBeGreaterThanOrEqual(1);

    fake.update('Deployment', 'shop', 'planted', (o: Json) => {
      const md = o.metadata as Json;
      (md.managedFields as Json[]).push({
        manager: 'kubectl-edit',
        operation: 'Update',
        time: '2026-03-03T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      });
      (o.spec as Json).replicas = 5;
    });
    const drift = await waitUntil('KubewardDriftOnProtectedObject to fire', async () => {
      const r = await query('ALERTS{alertname="KubewardDriftOnProtectedObject",alertstate="firing"}');
      return r.length ? r : undefined;
    });
    expect(drift[0].metric).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      manager: 'kubectl-edit',
      severity: 'critical',
    });
  });
});
