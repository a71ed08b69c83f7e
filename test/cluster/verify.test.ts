/**
 * `kubeward verify` end to end through @kubernetes/client-node against the fake HTTPS API server:
 * rollouts (healthy, awaited by watch, crashlooping, refused by admission), drift and injected
 * containers, permissions (403 -> not verified), faults (401, 429, 5xx, refused) and contexts.
 */
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeKube, type Json } from '../support/fake-kube/index.ts';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { runVerify } from '../../src/cli/verify.ts';
import { ClusterClient, loadKubeConfig } from '../../src/core/cluster/client.ts';
import type { Finding } from '../../src/core/model.ts';
import { createBaseline } from '../../src/core/selection.ts';

jest.setTimeout(60_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LIVE = path.join(ROOT, 'test/fixtures/cluster/live');
const MANIFESTS = path.join(ROOT, 'test/fixtures/cluster/manifests');
const live = (...names: string[]) => names.map((n) => path.join(LIVE, n));
const NS = '00-namespaces.yaml';

let pki: TestPki;
const fakes: FakeKube[] = [];
beforeAll(() => {
  pki = makePki();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function start(opts: Parameters<typeof FakeKube.start>[0] = {}): Promise<FakeKube> {
  const f = await FakeKube.start({ pki, ...opts });
  fakes.push(f);
  return f;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  report: { findings: Finding[]; notVerified: { check: string; reason: string }[]; errors: unknown[] };
  ms: number;
}

async function verify(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-'));
  const out = path.join(dir, 'report.json');
  let stdout = '';
  let stderr = '';
  const t = Date.now();
  const code = await runVerify([...args, '--format', 'json', '--output', out, '--format', 'text'], {
    stdout: (s: string) => void (stdout += s),
    stderr: (s: string) => void (stderr += s),
    env: { HOME: dir, ...env },
    cwd: ROOT,
    readStdin: async () => '',
    stdoutIsTTY: false,
  });
  const ms = Date.now() - t;
  let report: Run['report'] = { findings: [], notVerified: [], errors: [] };
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    // no report written (usage errors)
  }
  return { code, stdout, stderr, report, ms };
}

const byRule = (r: Run, id: string) => r.report.findings.filter((f) => f.ruleId === id);
type JsonFinding = Finding & { file?: string; line?: number };

describe('kubeward verify against a fake API server', () => {
  test('a healthy rollout passes, with findings mapped to the manifest', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '--manifests', path.join(MANIFESTS, 'web.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(byRule(r, 'rollout-failed')).toEqual([]);
    expect(byRule(r, 'drift')).toEqual([]);
    // the catalog ran on the live Deployment, and its findings point at the manifest lines
    const f = r.report.findings.find((x) => x.object?.kind === 'Deployment' && x.object.name === 'web') as
      JsonFinding | undefined;
    expect(f).toBeDefined();
    expect(f!.object!.cluster).toBe('fake');
    expect(f!.file).toBe('test/fixtures/cluster/manifests/web.yaml');
    expect(f!.line).toBeGreaterThan(1);
    // one namespace-scoped LIST per kind: requests do not grow with objects
    const lists = fake.requests.filter((q) => !q.watch && q.path.includes('/namespaces/shop/'));
    expect(lists.every((q) => q.query.limit === '500')).toBe(true);
    expect(fake.requests.some((q) => q.path === '/api/v1/pods')).toBe(false);
  });

  test('waits for a rollout in progress with a watch, then passes', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.update('Deployment', 'shop', 'web', (d) => {
      (d.metadata as Json).generation = 4;
      d.status = { ...(d.status as Json), observedGeneration: 3, updatedReplicas: 1 };
    });
    // the controller finishes the rollout once verify is watching
    const poll = setInterval(() => {
      if (!fake.requests.some((q) => q.watch && q.path.endsWith('/deployments'))) return;
      clearInterval(poll);
      fake.update('Deployment', 'shop', 'web', (d) => {
        d.status = { ...(d.status as Json), observedGeneration: 4, updatedReplicas: 2 };
      });
    }, 20);
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '--manifests',
      path.join(MANIFESTS, 'web.yaml'),
      '--timeout',
      '30s',
    ]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
    expect(fake.requests.some((q) => q.watch && q.path.endsWith('/deployments'))).toBe(true);
  });

  test('a watch resumed after compaction gets 410 and relists', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.update('Deployment', 'shop', 'web', (d) => {
      (d.metadata as Json).generation = 4;
    });
    // once verify watches the Deployment: the streams drop, the rollout completes meanwhile, and
    // etcd compacts, so resuming from the last resourceVersion seen is refused (410): relist
    const poll = setInterval(() => {
      if (!fake.requests.some((q) => q.watch && q.path.endsWith('/deployments'))) return;
      clearInterval(poll);
      fake.closeWatches();
      fake.update('Deployment', 'shop', 'web', (d) => {
        d.status = { ...(d.status as Json), observedGeneration: 4 };
      });
      fake.compact();
    }, 20);
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '-m',
      path.join(MANIFESTS, 'web.yaml'),
      '--timeout',
      '30s',
    ]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
    const deploymentLists = fake.requests.filter(
      (q) => !q.watch && q.path === '/apis/apps/v1/namespaces/shop/deployments',
    );
    expect(deploymentLists.length).toBeGreaterThanOrEqual(2);
  });

  test('when watches are refused, the wait falls back to relisting', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.fault({ match: '/deployments', status: 403, watch: true });
    fake.update('Deployment', 'shop', 'web', (d) => {
      (d.metadata as Json).generation = 4;
    });
    const poll = setInterval(() => {
      if (!fake.requests.some((q) => q.watch && q.path.endsWith('/deployments'))) return;
      clearInterval(poll);
      fake.update('Deployment', 'shop', 'web', (d) => {
        d.status = { ...(d.status as Json), observedGeneration: 4 };
      });
    }, 20);
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '-m',
      path.join(MANIFESTS, 'web.yaml'),
      '--timeout',
      '30s',
    ]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
  });

  test('a rollout that never completes times out as rollout-failed', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.update('Deployment', 'shop', 'web', (d) => {
      (d.metadata as Json).generation = 4;
    });
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '-m',
      path.join(MANIFESTS, 'web.yaml'),
      '--timeout',
      '1s',
    ]);
    expect(r.code).toBe(1);
    const [f] = byRule(r, 'rollout-failed');
    expect(f.severity).toBe('critical');
    expect(f.details?.state).toBe('timeout');
    expect(f.message).toMatch(/timed out after 1s/);
  });

  test('a crashlooping rollout fails fast with pod, container, reason and last termination', async () => {
    const fake = await start({ fixtures: live(NS, '20-api-crashloop.yaml') });
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '--manifests',
      path.join(MANIFESTS, 'api.yaml'),
      '--timeout',
      '5m',
    ]);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(10_000); // kubectl rollout status would wait the full 5 minutes
    const [f] = byRule(r, 'rollout-failed') as JsonFinding[];
    expect(f.severity).toBe('critical');
    expect(f.details).toMatchObject({
      pod: 'shop/api-6f7c9d8b4-x7k2p',
      container: 'api',
      reason: 'CrashLoopBackOff',
      lastTermination: 'panic: DATABASE_URL is not set',
      exitCode: '1',
    });
    expect(f.details?.events).toMatch(/BackOff/);
    expect(f.file).toBe('test/fixtures/cluster/manifests/api.yaml');
    expect(f.path).toBe('spec.template.spec.containers[0]');
    const [c] = byRule(r, 'pod-crashloop') as JsonFinding[];
    expect(c.severity).toBe('high');
    expect(c.origin).toBe('admission');
    expect(c.file).toBe('test/fixtures/cluster/manifests/api.yaml');
    expect(r.stdout).toMatch(/CrashLoopBackOff/);
  });

  test('a pod that starts crashing during the wait is caught through the watch', async () => {
    const fake = await start({ fixtures: live(NS, '20-api-crashloop.yaml') });
    const pod = 'api-6f7c9d8b4-x7k2p';
    const crashing = structuredClone(fake.get('Pod', 'shop', pod)!.status);
    fake.update('Pod', 'shop', pod, (p) => {
      p.status = {
        phase: 'Pending',
        containerStatuses: [
          { name: 'api', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      };
    });
    const poll = setInterval(() => {
      if (!fake.requests.some((q) => q.watch && q.path.endsWith('/pods'))) return;
      clearInterval(poll);
      fake.update('Pod', 'shop', pod, (p) => void (p.status = crashing));
    }, 20);
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '-m',
      path.join(MANIFESTS, 'api.yaml'),
      '--timeout',
      '60s',
    ]);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(15_000);
    expect(byRule(r, 'rollout-failed')[0].details?.reason).toBe('CrashLoopBackOff');
  });

  test('a ReplicaFailure (Pod Security Admission rejection) is reported', async () => {
    const fake = await start({ fixtures: live(NS, '30-worker-replicafailure.yaml') });
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '-m',
      path.join(MANIFESTS, 'worker.yaml'),
      '--timeout',
      '60s',
    ]);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(10_000);
    const [f] = byRule(r, 'rollout-failed');
    expect(f.details?.reason).toBe('FailedCreate');
    expect(f.details?.message).toMatch(/violates PodSecurity "baseline:latest"/);
  });

  test('drift, an out-of-band edit, an injected sidecar and a debug container are found', async () => {
    const fake = await start({ fixtures: live(NS, '40-cart-drift.yaml') });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-m', path.join(MANIFESTS, 'cart.yaml')]);
    expect(r.code).toBe(1);
    const drift = byRule(r, 'drift') as JsonFinding[];
    const image = drift.find((f) => f.path === 'spec.template.spec.containers[0].image');
    expect(image?.details).toMatchObject({ declared: 'ghcr.io/acme/cart:1.4.0', live: 'ghcr.io/acme/cart:1.4.1' });
    expect(image?.file).toBe('test/fixtures/cluster/manifests/cart.yaml');
    expect(image?.line).toBe(15);
    expect(drift.some((f) => f.path === 'spec.template.spec.containers[0].securityContext')).toBe(true);
    expect(drift.find((f) => f.details?.change === 'out-of-band edit')?.details?.manager).toBe('kubectl-edit');
    const unexpected = byRule(r, 'unexpected-container');
    const sidecar = unexpected.find((f) => f.details?.container === 'istio-proxy');
    expect(sidecar?.details?.injectedBy).toBe('istio sidecar injector');
    expect(sidecar?.origin).toBe('admission');
    const debug = unexpected.find((f) => f.details?.container === 'debugger');
    expect(debug?.details?.injectedBy).toMatch(/kubectl-debug/);
    // catalog findings on the admitted pod that the template does not have are attributed to admission
    const admitted = r.report.findings.filter((f) => f.details?.introducedBy === 'admission');
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.every((f) => f.object?.kind === 'Pod')).toBe(true);
    // and the template's own findings are reported once, on the workload
    expect(
      r.report.findings.filter(
        (f) =>
          f.ruleId === 'dangerous-capabilities' && f.object?.kind === 'Pod' && f.path.startsWith('spec.containers[0]'),
      ),
    ).toEqual([]);
    expect(byRule(r, 'pod-security-admission').some((f) => f.object?.name === 'legacy')).toBe(true);
  });

  test('the catalog runs on live ConfigMaps: a token in one is found, and never printed', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const token = 'gh' + 'p_' + Array.from({ length: 36 }, (_, i) => chars[(i * 7919 + 13) % chars.length]).join('');
    fake.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ci', namespace: 'shop' },
      data: { GITHUB_TOKEN: token },
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'secret-in-configmap');
    expect(f.map((x) => [x.object?.name, x.origin])).toEqual([['ci', 'live']]);
    expect(JSON.stringify(r.report) + r.stdout + r.stderr).not.toContain(token);
  });

  test('--expect-image compares the running image ID', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    const want = 'sha256:' + '9'.repeat(64);
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', '--expect-image', `web=${want}`]);
    const f = byRule(r, 'image-not-pinned-live');
    expect(f).toHaveLength(2);
    expect(f[0].details?.expected).toBe(want);
  });

  test('a 403 on secrets yields a partial result listing the unverified checks (exit 3)', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.forbid('secrets', 'shop');
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '-m',
      path.join(MANIFESTS, 'web.yaml'),
      '--check-secrets',
    ]);
    expect(r.code).toBe(3);
    const checks = r.report.notVerified.map((n) => n.check).sort();
    expect(checks).toEqual(['secret-readers', 'secret-unused']);
    expect(r.report.notVerified[0].reason).toMatch(/missing permission: list secrets in namespace shop/);
    expect(r.stderr).toMatch(/not verified: secret-readers/);
    expect(r.stderr).toMatch(/verification incomplete/);
    // the rest ran
    expect(r.report.findings.some((f) => f.object?.name === 'web')).toBe(true);
  });

  test('an identity bound only in its namespace verifies that namespace completely', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.forbid('namespaces', undefined, ['list']);
    fake.forbid('clusterroles');
    fake.forbid('clusterrolebindings');
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    expect(r.report.notVerified).toEqual([]);
    expect(r.code).toBe(0);
    expect(fake.requests.some((q) => q.path === '/api/v1/namespaces/shop' && !q.watch)).toBe(true);
  });

  test('a 403 on network policies is reported, never a silent pass', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.forbid('networkpolicies');
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', '--fail-on', 'critical']);
    expect(r.code).toBe(3);
    expect(r.report.notVerified.map((n) => n.check)).toEqual(['inventory:networkpolicies']);
  });

  test('with permission, the secret checks find unused and over-readable Secrets', async () => {
    const fake = await start({ fixtures: live(NS, '20-api-crashloop.yaml', '50-secrets-rbac.yaml') });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', '--check-secrets']);
    expect(byRule(r, 'secret-unused').map((f) => f.object?.name)).toEqual(['old-token']);
    const readers = byRule(r, 'secret-readers');
    expect(readers.map((f) => f.object?.name).sort()).toEqual(['db-creds', 'old-token']);
    expect(readers[0].details?.readers).toBe('shop/reporting');
    // implicit readers: a service account that can create pods can mount any Secret
    fake.put({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-creator', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }],
    });
    fake.put({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'ci-pods', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-creator' },
      subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'shop' }],
    });
    const r2 = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', '--check-secrets']);
    const db = byRule(r2, 'secret-readers').find((f) => f.object?.name === 'db-creds');
    expect(db?.details?.readers).toBe('shop/ci, shop/reporting');
    expect(db?.details?.via).toMatch(/shop\/ci: create pods \(mount any Secret\) via RoleBinding ci-pods/);
    // secret values never leave the process
    expect(JSON.stringify(r.report) + r.stdout).not.toContain('cGxhY2Vob2xkZXI=');
  });

  test('secret-readers counts what the API server counts (found against SubjectAccessReview)', async () => {
    const fake = await start({ fixtures: live(NS, '20-api-crashloop.yaml', '50-secrets-rbac.yaml') });
    const G = 'rbac.authorization.k8s.io';
    const role = (name: string, rules: Json[]) =>
      fake.put({ apiVersion: `${G}/v1`, kind: 'Role', metadata: { name, namespace: 'shop' }, rules });
    const bind = (name: string, roleName: string, subjects: Json[]) =>
      fake.put({
        apiVersion: `${G}/v1`,
        kind: 'RoleBinding',
        metadata: { name, namespace: 'shop' },
        roleRef: { apiGroup: G, kind: 'Role', name: roleName },
        subjects,
      });
    role('list-secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
    // a binding whose name starts with system: still binds
    bind('system:sneaky', 'list-secrets', [{ kind: 'ServiceAccount', name: 'sneaky', namespace: 'shop' }]);
    // a ServiceAccount named as a User is that ServiceAccount
    bind('as-user', 'list-secrets', [{ kind: 'User', apiGroup: G, name: 'system:serviceaccount:other:watcher' }]);
    // every ServiceAccount is authenticated
    bind('everyone', 'list-secrets', [{ kind: 'Group', apiGroup: G, name: 'system:authenticated' }]);
    // create limited to resourceNames allows no create at all
    role('named-create', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'], resourceNames: ['x'] }]);
    bind('named-create', 'named-create', [{ kind: 'ServiceAccount', name: 'named', namespace: 'shop' }]);
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', '--check-secrets']);
    const db = byRule(r, 'secret-readers').find((f) => f.object?.name === 'db-creds');
    const readers = String(db?.details?.readers).split(', ');
    expect(readers).toEqual(expect.arrayContaining(['shop/sneaky', 'other/watcher', 'group:system:authenticated']));
    expect(readers).not.toContain('shop/named');
  });

  test('an unreachable cluster exits 3 with a clear message', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-dead-'));
    const fake = await start({ fixtures: live(NS) });
    const kc = path.join(dir, 'config');
    writeFileSync(kc, fake.kubeconfig([], 'dead').replace(fake.url, 'https://127.0.0.1:1'));
    const r = await verify(['--kubeconfig', kc]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/could not be verified.*cannot reach https:\/\/127\.0\.0\.1:1/);
  });

  test('401 is retried, then exits 3 naming the cause', async () => {
    const fake = await start({ fixtures: live(NS), auth: 'token' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-401-'));
    const kc = path.join(dir, 'config');
    writeFileSync(kc, fake.kubeconfig().replace(fake.token, 'wrong-token'));
    const r = await verify(['--kubeconfig', kc]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unauthorized \(401\)/);
    expect(r.stderr).not.toContain('wrong-token');
    expect(fake.requests.length).toBeGreaterThan(1);
  });

  test('429 honours Retry-After and the run completes', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.fault({ match: '/namespaces/shop/pods', status: 429, times: 1, retryAfter: 1 });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    expect(r.code).toBe(0);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(fake.requests.filter((q) => q.path === '/api/v1/namespaces/shop/pods' && !q.watch)).toHaveLength(2);
  });

  test('persistent 5xx ends with exit 3 after bounded retries', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    fake.fault({ match: '/deployments', status: 503 });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/server error 503/);
    expect(fake.requests.filter((q) => q.path.endsWith('/deployments')).length).toBe(4);
  });

  test('several contexts: findings carry the cluster; an unreachable one makes it exit 3', async () => {
    const fake = await start({ fixtures: live(NS, '40-cart-drift.yaml') });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-ctx-'));
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    writeFileSync(a, fake.kubeconfig([], 'prod'));
    writeFileSync(b, fake.kubeconfig([], 'dead').replace(fake.url, 'https://127.0.0.1:1'));
    // KUBECONFIG with two files is merged like kubectl does
    const r = await verify(['--all-contexts', '-n', 'legacy'], { KUBECONFIG: `${a}${path.delimiter}${b}` });
    expect(r.code).toBe(3);
    expect(r.report.findings.some((f) => f.object?.cluster === 'prod')).toBe(true);
    expect(r.report.notVerified.some((n) => n.check === 'cluster' && /dead/.test(n.reason))).toBe(true);
  });

  test('inline kubeconfig content (KUBEWARD_KUBECONFIG) is used and never printed', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml'), auth: 'token' });
    const r = await verify(['-n', 'shop', '--context', 'fake'], { KUBEWARD_KUBECONFIG: fake.kubeconfig() });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr + JSON.stringify(r.report)).not.toContain(fake.token);
  });

  test('usage errors exit 2', async () => {
    const fake = await start({ fixtures: live(NS) });
    expect((await verify(['--kubeconfig', fake.kubeconfigPath, '--timeout', 'soon'])).code).toBe(2);
    expect((await verify(['--kubeconfig', fake.kubeconfigPath, '--context', 'nope'])).code).toBe(2);
    expect((await verify(['--kubeconfig', fake.kubeconfigPath, '--expect-image', 'web=latest'])).code).toBe(2);
    expect((await verify(['--kubeconfig', fake.kubeconfigPath, '-m', 'does/not/exist.yaml'])).code).toBe(2);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-bad-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [unclosed\n');
    const bad = await verify(['--kubeconfig', fake.kubeconfigPath, '-m', path.join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no Kubernetes objects found .*bad\.yaml/);
  });

  test('LIST pagination follows continue tokens and relists on 410 Expired', async () => {
    const pods = Array.from({ length: 7 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: 'shop' },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    }));
    const fake = await start({ objects: pods });
    fake.fault({ match: 'continue=', status: 410, times: 1 });
    const kc = await loadKubeConfig({ kubeconfig: fake.kubeconfigPath, env: {} });
    const client = await ClusterClient.create(kc, 'fake');
    const res = await client.list('/api/v1/namespaces/shop/pods', 3);
    expect(res.items.map((p) => (p.metadata as Json).name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    const calls = fake.requests.filter((q) => q.path === '/api/v1/namespaces/shop/pods');
    // page 1, page 2 (410), then page 1, 2, 3 again
    expect(calls).toHaveLength(5);
    expect(calls.map((q) => q.query.limit)).toEqual(['3', '3', '3', '3', '3']);
  });
});

describe('kubeward verify as a process', () => {
  test('spawned CLI exits 3 on an unreachable cluster', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-spawn-'));
    const fake = await start({ fixtures: live(NS) });
    const kc = path.join(dir, 'config');
    writeFileSync(kc, fake.kubeconfig([], 'dead').replace(fake.url, 'https://127.0.0.1:1'));
    const env: Record<string, string | undefined> = { ...process.env, HOME: dir };
    delete env.NODE_OPTIONS;
    delete env.KUBECONFIG;
    const res = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'src/cli/main.ts'), 'verify', '--kubeconfig', kc], {
        cwd: ROOT,
        env,
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(res.stderr).toMatch(/could not be verified/);
    expect(res.code).toBe(3);
  });
});

describe('kubeward verify: --rule, --skip-rule, --baseline, --min-severity (as scan)', () => {
  const manifests = () => ['--manifests', path.join(MANIFESTS, 'web.yaml')];
  type Summary = { hidden?: Record<string, number> };
  const summary = (r: Run) => (r.report as unknown as { summary: Summary }).summary;

  test('the rule selection and the baseline choose what is reported; --min-severity only what is shown', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    const kc = ['--kubeconfig', fake.kubeconfigPath];
    const all = await verify([...kc, ...manifests(), '--fail-on', 'none']);
    expect(all.code).toBe(0);
    const rules = [...new Set(all.report.findings.map((f) => f.ruleId))];
    expect(rules.length).toBeGreaterThan(1);
    const [one, ...others] = rules;

    const only = await verify([...kc, ...manifests(), '--fail-on', 'none', '--rule', one!]);
    expect(only.code).toBe(0);
    expect(only.report.findings.length).toBeGreaterThan(0);
    expect(new Set(only.report.findings.map((f) => f.ruleId))).toEqual(new Set([one]));

    const skipped = await verify([...kc, ...manifests(), '--fail-on', 'none', '--skip-rule', one!]);
    expect(skipped.report.findings.some((f) => f.ruleId === one)).toBe(false);
    expect(new Set(skipped.report.findings.map((f) => f.ruleId))).toEqual(new Set(others));

    // a baseline of this very state hides every finding, and the report says how many
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-baseline-'));
    const baseline = path.join(dir, 'baseline.json');
    writeFileSync(
      baseline,
      JSON.stringify(createBaseline({ ...all.report, tool: { name: 'kubeward', version: 't' } })),
    );
    const known = await verify([...kc, ...manifests(), '--baseline', baseline]);
    expect(known.code).toBe(0);
    expect(known.report.findings).toEqual([]);
    expect(summary(known).hidden?.baseline).toBe(all.report.findings.length);

    // --min-severity: a display filter (fewer rows), not a verdict (the exit code stays)
    const lows = all.report.findings.filter((f) => f.severity === 'low' || f.severity === 'info').length;
    expect(lows).toBeGreaterThan(0);
    const shown = await verify([...kc, ...manifests(), '--fail-on', 'none', '--min-severity', 'medium']);
    expect(shown.code).toBe(all.code);
    expect(shown.report.findings.length).toBe(all.report.findings.length - lows);
    expect(summary(shown).hidden?.belowMinSeverity).toBe(lows);
  });

  test('unknown rules, bad severities and missing baselines are usage errors (exit 2)', async () => {
    const fake = await start({ fixtures: live(NS, '10-web-healthy.yaml') });
    const kc = ['--kubeconfig', fake.kubeconfigPath];
    const typo = await verify([...kc, '--rule', 'host-networkk']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/host-networkk.*did you mean 'host-network'/s);
    const sev = await verify([...kc, '--min-severity', 'loud']);
    expect(sev.code).toBe(2);
    expect(sev.stderr).toMatch(/--min-severity must be one of/);
    const missing = await verify([...kc, '--baseline', 'no-such-baseline.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/baseline not found: no-such-baseline\.json/);
    expect(missing.stderr).not.toMatch(/--help/);
    // nothing was asked of the cluster before the usage error
    expect(fake.requests).toEqual([]);
  });
});
