/**
 * `kubeward monitor` against a real API server, through its real entry (runMonitor, in-process)
 * with the test driving the rounds. Round 1 is the baseline; the test then edits a Deployment out
 * of band (another field manager), creates a privileged Pod, binds a Role that reads Secrets to
 * another ServiceAccount and rolls out a crash-looping Deployment: round 2 reports exactly those
 * (new findings on the changed objects only, drift with the manager, the new readers, the failed
 * rollout); once they are undone round 3 reports them resolved. The monitor's requests pass
 * through a counting proxy: after the first LIST of each kind it only watches (no re-list per
 * round). The PolicyReport CRD of deploy/monitor/crds is installed in the real API server and the
 * monitor's PolicyReport is created in round 1 and updated with round 2's results.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { deployment } from '../support/real-workloads.ts';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.ts';
import { runMonitor } from '../../src/cli/monitor-command.ts';
import type { RoundResult } from '../../src/core/monitor/index.ts';
import type { Finding } from '../../src/core/model.ts';
import type { CliIO } from '../../src/cli/io.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RBAC = 'rbac.authorization.k8s.io/v1';
const REPORTS = '/apis/wgpolicyk8s.io/v1alpha2';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeReal('kubeward monitor on a real cluster', () => {
  const c = realCluster('a');
  let proxy: CountingProxy;
  let ns: string;
  const reportName = `kw-monitor-${process.pid}`;
  const rounds: RoundResult[] = [];
  const stderr: string[] = [];
  let next: (() => void) | undefined;
  let roundSeen: ((r: RoundResult) => void) | undefined;
  const ac = new AbortController();
  let running: Promise<number>;

  /** Lets the monitor run its next round and resolves with it. */
  function round(): Promise<RoundResult> {
    return new Promise((resolve) => {
      roundSeen = resolve;
      const n = next;
      next = undefined;
      n?.();
    });
  }

  async function waitUntil(what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 90000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(250);
    }
  }

  const podsOf = (app: string) => c.list('v1', 'Pod', ns, { labelSelector: `app=${app}` });
  const report = async () =>
    (await c.request('GET', `${REPORTS}/namespaces/${ns}/policyreports/${reportName}`, { check: false })).body;

  beforeAll(async () => {
    // the PolicyReport CRDs kubeward ships, then wait until the API serves them
    await c.applyYaml(readFileSync(path.join(ROOT, 'deploy/monitor/crds/wgpolicyk8s.io_policyreports.yaml'), 'utf8'));
    await waitUntil(
      'the PolicyReport CRD',
      async () => (await c.request('GET', `${REPORTS}/policyreports`, { check: false })).status === 200,
    );
    ns = await c.namespace('kw-monitor');
    const web = deployment('web', { namespace: ns, replicas: 1 });
    (web.metadata as Json).labels = { app: 'web', 'kubeward.io/protected': 'true' };
    await c.apply(web, { fieldManager: 'kubeward-test' });
    for (const name of ['app', 'old-reader', 'reader'])
      await c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });
    for (const name of ['db', 'api'])
      await c.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: ns },
        stringData: { value: `v-${name}-${process.pid}` },
      });
    await c.create({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: 'secret-reader', namespace: ns },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db', 'api'], verbs: ['get'] }],
    });
    await c.create(binding('old-reader'));
    await waitUntil('web to run', async () =>
      (await podsOf('web')).some((p) => (p.status as Json)?.phase === 'Running'),
    );

    proxy = await startCountingProxy(c);
    const io: CliIO = {
      cwd: ROOT,
      env: {},
      stdout: () => undefined,
      stderr: (t: string) => {
        stderr.push(t);
        if (process.env.KW_DEBUG) process.stderr.write(t);
      },
    } as unknown as CliIO;
    running = runMonitor(
      [
        '--kubeconfig',
        proxy.kubeconfig,
        '-n',
        ns,
        '--check-secrets',
        '--deployer',
        'kubeward-test',
        '--metrics-port',
        'off',
        '--policy-reports',
        'wgpolicyk8s',
        '--report-name',
        reportName,
        '--incident-threshold',
        'high',
      ],
      io,
      {
        signal: ac.signal,
        onRound: (r) => {
          rounds.push(r);
          roundSeen?.(r);
          roundSeen = undefined;
        },
        between: (signal) =>
          new Promise<void>((resolve) => {
            next = resolve;
            signal.addEventListener('abort', () => resolve(), { once: true });
          }),
      },
    );
  });

  afterAll(async () => {
    ac.abort();
    next?.();
    await running?.catch(() => undefined);
    await proxy?.close();
    await c.cleanup();
  });

  function binding(sa: string): Json {
    return {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `${sa}-reads-secrets`, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' },
      subjects: [{ kind: 'ServiceAccount', name: sa, namespace: ns }],
    };
  }

  const key = (f: Finding) => `${f.ruleId} ${f.object?.kind}/${f.object?.name}`;
  const objectsOf = (fs: Finding[]) => new Set(fs.map((f) => `${f.object?.kind}/${f.object?.name}`));
  const inventoryLists = (since: number) =>
    proxy.requests.filter((r) => r.seq > since && r.method === 'GET' && !r.watch && !r.path.startsWith(REPORTS));

  test('round 1 is the baseline; round 2 reports exactly the changes; round 3 their resolution; no re-lists', async () => {
    const r1 = await round();
    expect(r1.round).toBe(1);
    expect(r1.incidents).toEqual([]);
    expect(r1.drift).toEqual([]);
    expect(r1.newSecretReaders).toEqual([]);
    expect(r1.failedRollouts).toEqual([]);
    expect(r1.report.notVerified).toEqual([]);
    // the baseline already holds the two Secrets read by old-reader
    const readers1 = r1.report.findings.filter((f) => f.ruleId === 'secret-readers');
    expect(readers1.map((f) => f.object?.name).sort()).toEqual(['api', 'db']);
    for (const f of readers1) expect(f.details?.readers).toBe(`${ns}/old-reader`);
    const baseline = new Set(r1.report.findings.map((f) => f.fingerprint));
    const listsAfterStart = proxy.requests.filter((r) => r.method === 'GET' && !r.watch).length;
    expect(listsAfterStart).toBeGreaterThan(5);
    const afterR1 = proxy.mark();

    // the PolicyReport of round 1 is in the API server
    const rep1 = await report();
    expect(rep1.kind).toBe('PolicyReport');
    const fails1 = (rep1.results as Json[]).filter((x) => x.result === 'fail' || x.result === 'warn');
    expect(fails1.length).toBeGreaterThan(0);
    expect(fails1.some((x) => x.policy === 'privileged-container')).toBe(false);

    // --- the changes ---
    // 1. `kubectl edit` of the protected Deployment: a PUT by another field manager
    const live = await c.get('apps/v1', 'Deployment', 'web', ns);
    (live.spec as Json).replicas = 2;
    await c.request('PUT', await c.pathFor('apps/v1', 'Deployment', ns, 'web'), {
      body: live,
      query: { fieldManager: 'kubectl-edit' },
    });
    // 2. a privileged Pod
    await c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'priv', namespace: ns, labels: { app: 'priv' } },
      spec: {
        automountServiceAccountToken: false,
        containers: [{ name: 'c', image: 'docker.io/library/busybox:1.36', securityContext: { privileged: true } }],
      },
    });
    // 3. a RoleBinding that lets `reader` read both Secrets
    await c.create(binding('reader'));
    // 4. a rollout that fails: its pods crash-loop
    await c.apply(
      deployment('crash', { namespace: ns, replicas: 1, behavior: 'crashloop', message: 'boom', exitCode: 3 }),
      {
        fieldManager: 'kubeward-test',
      },
    );
    await waitUntil('crash to crash-loop', async () =>
      (await podsOf('crash')).some((p) =>
        ((p.status as Json)?.containerStatuses as Json[] | undefined)?.some(
          (s) => ((s.state as Json)?.waiting as Json | undefined)?.reason === 'CrashLoopBackOff',
        ),
      ),
    );
    await waitUntil('web to have 2 pods', async () => (await podsOf('web')).length === 2);
    // the watches have carried the changes to the monitor
    await waitUntil('the watches to deliver the changes', () => {
      const seen = proxy.watchedSince(afterR1.watch);
      return (
        seen.includes('"name":"priv"') &&
        seen.includes('"name":"reader-reads-secrets"') &&
        seen.includes('CrashLoopBackOff') &&
        seen.includes('kubectl-edit')
      );
    });
    await sleep(500);

    const r2 = await round();
    expect(r2.reused).toBe(false);
    expect(r2.changes).toBeGreaterThan(0);
    // drift: the edit, with its manager, on a protected object; nothing else
    expect(r2.drift.map((d) => ({ kind: d.kind, name: d.name, manager: d.manager, protected: d.protected }))).toEqual([
      { kind: 'Deployment', name: 'web', manager: 'kubectl-edit', protected: true },
    ]);
    // new findings only on what changed: the privileged pod, the crash-looping rollout (its
    // Deployment, ReplicaSet and pods), and the Secrets whose readers grew
    const changed = [...objectsOf(r2.newFindings)].filter(
      (o) =>
        !/^(Deployment\/web|Pod\/priv|Deployment\/crash|ReplicaSet\/crash-.*|Pod\/crash-.*|Secret\/(db|api))$/.test(o),
    );
    expect(changed).toEqual([]);
    const keys2 = r2.newFindings.map(key);
    expect(keys2).toContain('privileged-container Pod/priv');
    expect(r2.incidents.map(key)).toContain('privileged-container Pod/priv');
    expect(r2.failedRollouts.map(key)).toEqual(['rollout-failed Deployment/crash']);
    // the new reader of both Secrets, though the Secrets already had a reader
    expect(r2.newSecretReaders.map((f) => f.object?.name).sort()).toEqual(['api', 'db']);
    for (const f of r2.newSecretReaders) expect(f.details?.readers).toBe(`${ns}/old-reader, ${ns}/reader`);
    expect(r2.resolvedFindings).toEqual([]);
    // nothing of the baseline was reported again
    expect(r2.newFindings.filter((f) => baseline.has(f.fingerprint))).toEqual([]);

    // the PolicyReport was updated with round 2's results
    const rep2 = await report();
    expect((rep2.metadata as Json).uid).toBe((rep1.metadata as Json).uid);
    expect((rep2.metadata as Json).resourceVersion).not.toBe((rep1.metadata as Json).resourceVersion);
    const results2 = rep2.results as Json[];
    expect(
      results2.some(
        (x) => x.policy === 'privileged-container' && (x.resources as Json[])?.some((res) => res.name === 'priv'),
      ),
    ).toBe(true);
    expect(results2.some((x) => x.policy === 'rollout-failed')).toBe(true);
    expect((rep2.summary as Json).fail).toBeGreaterThan((rep1.summary as Json).fail as number);

    // --- undo ---
    const afterUndo = proxy.mark();
    await c.delete('v1', 'Pod', 'priv', ns);
    await c.delete(RBAC, 'RoleBinding', 'reader-reads-secrets', ns);
    await c.delete('apps/v1', 'Deployment', 'crash', ns);
    await waitUntil(
      'crash pods to go',
      async () => (await podsOf('crash')).length === 0 && (await podsOf('priv')).length === 0,
    );
    await waitUntil('the watches to deliver the deletions', () => {
      const seen = proxy.watchedSince(afterUndo.watch);
      return (
        seen.includes('"type":"DELETED"') && seen.includes('reader-reads-secrets') && seen.includes('"name":"priv"')
      );
    });
    await sleep(1000);

    const r3 = await round();
    const resolved = r3.resolvedFindings.map(key);
    expect(resolved).toContain('privileged-container Pod/priv');
    expect(resolved).toContain('rollout-failed Deployment/crash');
    expect(r3.incidents).toEqual([]);
    expect(r3.newSecretReaders).toEqual([]);
    for (const f of r3.report.findings.filter((x) => x.ruleId === 'secret-readers'))
      expect(f.details?.readers).toBe(`${ns}/old-reader`);
    expect(r3.report.findings.some((f) => f.object?.name === 'priv')).toBe(false);

    // O(changes): after round 1 the monitor never listed the inventory again, only watched
    expect(inventoryLists(afterR1.seq)).toEqual([]);
    const watches = proxy.requests.filter((r) => r.watch);
    expect(watches.length).toBeGreaterThan(0);

    // a quiet round reuses the evaluation and costs no request to the API server besides the reports
    await sleep(500);
    const before4 = proxy.mark();
    const r4 = await round();
    expect(r4.reused).toBe(true);
    expect(r4.newFindings).toEqual([]);
    expect(proxy.requests.filter((r) => r.seq > before4.seq && !r.watch && !r.path.startsWith(REPORTS))).toEqual([]);
    expect(stderr.join('')).not.toContain(`v-db-${process.pid}`);
  });
});
