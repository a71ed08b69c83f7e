/**
 * `kubeward monitor` against the fake HTTPS API server: a baseline round, then changes made
 * through watches (no re-list) are found in the next round as new findings, incidents, resolved
 * findings and drift with the field manager; quiet rounds reuse the evaluation; metrics on
 * /metrics; --once exits like verify; the notifier payload is redacted.
 */
import { jest } from '@jest/globals';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeKube, type Json } from '../support/fake-kube/index.ts';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { ClusterMonitor } from '../../src/core/monitor/index.ts';
import { runMonitor } from '../../src/cli/monitor-command.ts';
import { renderNotification } from '../../src/monitor/notify.ts';
import type { CliIO } from '../../src/cli/io.ts';
import type { RoundResult } from '../../src/core/monitor/index.ts';

jest.setTimeout(60_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LIVE = path.join(ROOT, 'test/fixtures/cluster/live');

let pki: TestPki;
beforeAll(() => {
  pki = makePki();
});
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function fake(): Promise<FakeKube> {
  const f = await FakeKube.start({
    pki,
    fixtures: [path.join(LIVE, '00-namespaces.yaml'), path.join(LIVE, '10-web-healthy.yaml')],
  });
  cleanup.push(() => f.close());
  return f;
}

const privilegedDeployment = (name: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name,
    namespace: 'shop',
    labels: { 'kubeward.io/protected': 'true' },
    managedFields: [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': {} },
      },
    ],
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
    },
  },
  status: { replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('ClusterMonitor', () => {
  test('changes made between rounds are found in the next round, through watches', async () => {
    const f = await fake();
    const m = await ClusterMonitor.start({ kubeconfig: f.kubeconfigPath, env: {} });
    cleanup.push(() => m.close());
    const r1 = await m.round();
    expect(r1.round).toBe(1);
    expect(r1.incidents).toEqual([]); // the first round is the baseline
    expect(r1.report.objectsScanned).toBeGreaterThan(0);
    const listsAfterStart = f.requests.filter((q) => !q.watch && /\/deployments/.test(q.path)).length;

    // a quiet round reuses the evaluation
    const r2 = await m.round();
    expect(r2.reused).toBe(true);
    expect(r2.newFindings).toEqual([]);

    // a new privileged Deployment arrives through the watch
    const before = m.watched().Deployment ?? 0;
    f.put(privilegedDeployment('intruder'));
    await waitFor(() => (m.watched().Deployment ?? 0) > before);
    const r3 = await m.round();
    expect(r3.reused).toBe(false);
    expect(r3.changes).toBeGreaterThan(0);
    const inc = r3.incidents.find((x) => x.ruleId === 'privileged-container');
    expect(inc?.object).toMatchObject({ kind: 'Deployment', namespace: 'shop', name: 'intruder' });
    expect(r3.newFindings.every((x) => x.object?.name === 'intruder')).toBe(true);
    // O(changes): no re-list of deployments for the round
    expect(f.requests.filter((q) => !q.watch && /\/deployments/.test(q.path)).length).toBe(listsAfterStart);

    // an out-of-band edit (kubectl edit) of the protected Deployment is drift with its manager
    f.update('Deployment', 'shop', 'intruder', (o) => {
      const md = o.metadata as Json;
      (md.managedFields as Json[]).push({
        manager: 'kubectl-edit',
        operation: 'Update',
        time: '2026-02-02T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      });
      (o.spec as Json).replicas = 3;
    });
    await waitFor(() => ((f.get('Deployment', 'shop', 'intruder')?.spec as Json).replicas as number) === 3);
    await new Promise((r) => setTimeout(r, 200));
    const r4 = await m.round();
    expect(r4.drift).toEqual([
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'intruder',
        manager: 'kubectl-edit',
        operation: 'Update',
        time: '2026-02-02T00:00:00Z',
        protected: true,
      },
    ]);

    // fixed: the findings resolve
    f.delete('Deployment', 'shop', 'intruder');
    await waitFor(() => !m.watched().Deployment || m.watched().Deployment === before);
    const r5 = await m.round();
    expect(r5.resolvedFindings.some((x) => x.ruleId === 'privileged-container' && x.object?.name === 'intruder')).toBe(
      true,
    );
    expect(r5.incidents).toEqual([]);
  });

  test('a Secret that gains a reader is a new secret reader and an incident, though its finding was there', async () => {
    const f = await fake();
    const RB = 'rbac.authorization.k8s.io/v1';
    f.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, type: 'Opaque', data: {} });
    for (const name of ['old-reader', 'reader'])
      f.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'shop' } });
    f.put({
      apiVersion: RB,
      kind: 'Role',
      metadata: { name: 'read-db', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }],
    });
    const binding = (sa: string): Json => ({
      apiVersion: RB,
      kind: 'RoleBinding',
      metadata: { name: `${sa}-reads-db`, namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read-db' },
      subjects: [{ kind: 'ServiceAccount', name: sa, namespace: 'shop' }],
    });
    f.put(binding('old-reader'));
    const m = await ClusterMonitor.start({ kubeconfig: f.kubeconfigPath, env: {}, secrets: true });
    cleanup.push(() => m.close());
    const r1 = await m.round();
    const before = r1.report.findings.find((x) => x.ruleId === 'secret-readers' && x.object?.name === 'db');
    expect(before?.details?.readers).toBe('shop/old-reader');
    f.put(binding('reader'));
    await waitFor(() => (m.watched().RoleBinding ?? 0) >= 2);
    const r2 = await m.round();
    expect(r2.newFindings.filter((x) => x.ruleId === 'secret-readers')).toEqual([]); // same fingerprint
    expect(r2.newSecretReaders.map((x) => [x.object?.name, x.details?.readers])).toEqual([
      ['db', 'shop/old-reader, shop/reader'],
    ]);
    expect(r2.incidents.map((x) => x.ruleId)).toContain('secret-readers');
    // nothing new the next time
    f.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'shop' }, data: {} });
    await waitFor(() => (m.watched().ConfigMap ?? 0) >= 1);
    const r3 = await m.round();
    expect(r3.newSecretReaders).toEqual([]);
  });

  test('the notifier text names the incidents, never a redacted preview or a value', () => {
    const token = 'ghp' + '_' + 'Q'.repeat(36);
    const r = {
      cluster: 'prod',
      incidents: [
        {
          ruleId: 'secret-in-configmap',
          severity: 'high',
          message: 'key TOKEN holds a GitHub token',
          secretPreview: 'ghp_…(40 chars)',
          object: { kind: 'ConfigMap', namespace: 'a', name: 'c', apiVersion: 'v1' },
        },
      ],
      drift: [
        {
          kind: 'Deployment',
          namespace: 'a',
          name: 'd',
          manager: 'kubectl-edit',
          operation: 'Update',
          time: 't',
          protected: true,
        },
      ],
    } as unknown as RoundResult;
    const text = renderNotification(r);
    expect(text).toContain('1 new incident(s) on prod');
    expect(text).toContain('[high] secret-in-configmap ConfigMap a/c');
    expect(text).toContain('Deployment a/d edited by kubectl-edit');
    expect(text).not.toContain('ghp_');
    expect(text).not.toContain(token);
    expect(renderNotification(r, '{{count}}|{{cluster}}|{{unknown}}')).toBe('1|prod|{{unknown}}');
  });
});

describe('kubeward monitor (command)', () => {
  const io = (): CliIO & { out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      readStdin: async () => '',
      env: {},
      cwd: ROOT,
      stdoutIsTTY: false,
    };
  };
  const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(url, (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
        })
        .on('error', reject);
    });

  test('serves metrics for each round; incidents and drift counted; stops on abort', async () => {
    const f = await fake();
    const ac = new AbortController();
    const o = io();
    let url = '';
    const rounds: RoundResult[] = [];
    const done = runMonitor(
      ['--kubeconfig', f.kubeconfigPath, '--interval', '200ms', '--metrics-port', '0', '--metrics-host', '127.0.0.1'],
      o,
      {
        signal: ac.signal,
        onListening: (u) => (url = u),
        onRound: (r) => rounds.push(r),
      },
    );
    await waitFor(() => rounds.length >= 1);
    expect((await get(`${url}/readyz`)).status).toBe(200);
    f.put(privilegedDeployment('late'));
    await waitFor(() => rounds.some((r) => r.incidents.length > 0));
    const m = await get(`${url}/metrics`);
    ac.abort();
    expect(await done).toBe(0);
    expect(m.body).toMatch(
      /kubeward_findings\{rule="privileged-container",severity="critical",namespace="shop",cluster="fake",source="monitor"\} 1/,
    );
    expect(m.body).toMatch(
      /kubeward_incidents_total\{rule="privileged-container",severity="critical",namespace="shop",source="monitor",cluster="fake"\} 1/,
    );
    expect(m.body).toMatch(/kubeward_monitor_last_success_timestamp_seconds\{cluster="fake"\} \d{10}/);
    expect(m.body).toMatch(/kubeward_objects_watched\{kind="Deployment",cluster="fake"\} [1-9]/);
    const lines = o.err
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      lines.some(
        (l) =>
          l.msg === 'round' &&
          l.incidents.some((i: string) => i.startsWith('privileged-container:critical:Deployment/shop/late')),
      ),
    ).toBe(true);
  });

  test('the notifier POSTs Slack-compatible JSON from the template, redacted; its URL is never logged', async () => {
    const got: { type?: string; body: string }[] = [];
    let status = 200;
    const hook = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        got.push({ type: req.headers['content-type'], body: b });
        res.writeHead(status);
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => hook.close(() => r())));
    // a Slack webhook URL is itself a credential
    const secretPath = ['services', 'T0000', 'B0000', 'x'.repeat(8) + 'hooksecret'].join('/');
    const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/${secretPath}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-notify-'));
    const template = path.join(dir, 'template.txt');
    writeFileSync(template, 'kubeward on {{cluster}}: {{count}} incident(s)\n{{incidents}}{{drift}}');
    const token = 'xox' + 'b-' + '2222222222-' + 'zyxwvutsrqponmlkjihgfedc';

    const f = await fake();
    const ac = new AbortController();
    const o = io();
    const rounds: RoundResult[] = [];
    const done = runMonitor(
      [
        '--kubeconfig',
        f.kubeconfigPath,
        '--interval',
        '200ms',
        '--metrics-port',
        'off',
        '--notify-url',
        url,
        '--notify-template',
        template,
      ],
      o,
      { signal: ac.signal, onRound: (r) => rounds.push(r) },
    );
    await waitFor(() => rounds.length >= 1);
    expect(got).toEqual([]); // the baseline round notifies nothing
    f.put(privilegedDeployment('late'));
    f.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'shop' },
      data: { SLACK_TOKEN: token },
    });
    // the two objects may land in one round or in two: read every message sent until both are named
    const texts = () => got.map((g) => (JSON.parse(g.body) as { text: string }).text);
    await waitFor(
      () => texts().some((t) => /Deployment shop\/late/.test(t)) && texts().some((t) => /ConfigMap shop\/cfg/.test(t)),
    );
    for (const g of got) expect(g.type).toBe('application/json');
    for (const t of texts()) expect(t).toMatch(/^kubeward on fake: \d+ incident\(s\)\n/);
    expect(texts().join('\n')).toMatch(/• \[critical\] privileged-container Deployment shop\/late: /);
    for (const g of got) {
      expect(g.body).not.toContain(token);
      expect(g.body).not.toContain('zyxwvutsrq');
    }
    // a refused message is logged without the URL
    status = 500;
    const before = got.length;
    f.put(privilegedDeployment('later'));
    await waitFor(() => got.length > before);
    await waitFor(() => o.err.join('').includes('notification failed'));
    ac.abort();
    expect(await done).toBe(0);
    const log = o.err.join('');
    expect(log).toMatch(/"msg":"notification failed","error":"the notification webhook refused the message: HTTP 500"/);
    expect(log).not.toContain('hooksecret');
    expect(log).not.toContain(token);
  });

  test('API errors are counted by kind and the status the API server answered', async () => {
    const f = await fake();
    // every list of ConfigMaps fails with 500 (after the client's retries); watches of Deployments with 503
    f.fault({ match: '/configmaps', status: 500, watch: false });
    f.fault({ match: '/deployments', status: 503, watch: true });
    const ac = new AbortController();
    const o = io();
    let url = '';
    const rounds: RoundResult[] = [];
    const done = runMonitor(
      [
        '--kubeconfig',
        f.kubeconfigPath,
        '--interval',
        '200ms',
        '--metrics-port',
        '0',
        '--metrics-host',
        '127.0.0.1',
        '-q',
      ],
      o,
      { signal: ac.signal, onListening: (u) => (url = u), onRound: (r) => rounds.push(r) },
    );
    await waitFor(() => rounds.length >= 2, 15000);
    let m = await get(`${url}/metrics`);
    for (let i = 0; i < 50 && !/kind="Deployment",status="503"/.test(m.body); i++) {
      await new Promise((r) => setTimeout(r, 100));
      m = await get(`${url}/metrics`);
    }
    ac.abort();
    await done;
    expect(m.body).toMatch(/kubeward_api_errors_total\{kind="ConfigMap",status="500",cluster="fake"\} 1\n/);
    expect(m.body).toMatch(/kubeward_api_errors_total\{kind="Deployment",status="503",cluster="fake"\} [1-9]/);
    expect(m.body).not.toMatch(/kubeward_api_errors_total\{kind="configmaps"/);
  });

  test("the configuration's custom CEL rules judge each round, as in scan", async () => {
    const f = await fake();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-monitor-cfg-'));
    writeFileSync(
      path.join(dir, '.kubeward.yaml'),
      `customRules:
  - id: no-web-name
    title: No web
    severity: high
    match: { kinds: ['Deployment'] }
    expression: "object.metadata.name != 'web'"
    remediation: Rename it.
`,
    );
    const o = io();
    const code = await runMonitor(
      ['--kubeconfig', f.kubeconfigPath, '--once', '-c', path.join(dir, '.kubeward.yaml'), '-f', 'json', '-q'],
      o,
    );
    expect(code).toBe(1);
    const report = JSON.parse(o.out.join('')) as { findings: { ruleId: string; object?: { name: string } }[] };
    expect(report.findings.filter((x) => x.ruleId === 'no-web-name').map((x) => x.object?.name)).toEqual(['web']);
  });

  test('--once exits like verify and writes the requested formats', async () => {
    const f = await fake();
    f.put(privilegedDeployment('bad'));
    const o = io();
    expect(await runMonitor(['--kubeconfig', f.kubeconfigPath, '--once', '-f', 'metrics'], o)).toBe(1);
    expect(o.out.join('')).toMatch(/kubeward_findings\{rule="privileged-container",severity="critical"/);
    const o2 = io();
    expect(await runMonitor(['--kubeconfig', f.kubeconfigPath, '--once', '--fail-on', 'none', '-q'], o2)).toBe(0);
  });

  test('--cluster-name (or $KUBEWARD_CLUSTER_NAME) names the cluster in metrics instead of the context', async () => {
    const f = await fake();
    f.put(privilegedDeployment('bad'));
    const rounds: RoundResult[] = [];
    const o = io();
    await runMonitor(
      ['--kubeconfig', f.kubeconfigPath, '--once', '--cluster-name', 'prod-eu', '-f', 'metrics', '-q'],
      o,
      {
        onRound: (r) => rounds.push(r),
      },
    );
    expect(rounds[0].cluster).toBe('prod-eu');
    const e = io();
    e.env.KUBEWARD_CLUSTER_NAME = 'prod-us';
    await runMonitor(['--kubeconfig', f.kubeconfigPath, '--once', '-q'], e, { onRound: (r) => rounds.push(r) });
    expect(rounds[1].cluster).toBe('prod-us');
  });

  test('--once on an unreachable cluster exits 3; usage errors exit 2', async () => {
    const { run } = await import('../../src/cli/run.ts');
    const f = await fake();
    const kc = f.kubeconfigPath;
    await f.close();
    const o = io();
    expect(await runMonitor(['--kubeconfig', kc, '--once'], o)).toBe(3);
    expect(o.err.join('')).toMatch(/could not be verified \(exit 3\)/);
    const u = io();
    expect(await run(['monitor', '--interval', 'soon'], u)).toBe(2);
    expect(u.err.join('')).toMatch(/--interval must be a duration/);
    const p = io();
    expect(await run(['monitor', '--policy-reports', 'kyverno'], p)).toBe(2);
    const h = io();
    expect(await run(['monitor', '--help'], h)).toBe(0);
  });
});
