/**
 * verify with the cluster's own admission policies on a real kube-apiserver: a Deployment exists
 * with 3 replicas; then a ValidatingAdmissionPolicy (params from a ConfigMap named by the
 * binding's paramRef) and its binding are created in the cluster. The API server now denies such
 * a Deployment (checked with a dry run); `kubeward verify` must report the existing one as
 * violating it, naming the policy and binding, with the server's own denial text — without being
 * given any policy file.
 */
import { randomBytes } from 'node:crypto';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { findingsOf, runVerifyCli } from '../support/run-verify.ts';
import { deployment } from '../support/real-workloads.ts';

describeReal('verify evaluates the cluster’s ValidatingAdmissionPolicies', () => {
  const c = realCluster('a');
  const id = randomBytes(3).toString('hex');
  const policy = `kw-live-replicas-${id}`;
  afterAll(async () => {
    await c
      .delete('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', policy)
      .catch(() => undefined);
    await c.delete('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', policy).catch(() => undefined);
    await c.cleanup();
  });

  test('an existing Deployment that a policy added later would deny is reported, with the policy named', async () => {
    const ns = await c.namespace('livepol');
    // the objects exist before the policy does (an admission policy does not remove them)
    await c.apply(deployment('big', { namespace: ns, replicas: 3 }));
    await c.apply(deployment('small', { namespace: ns, replicas: 1 }));
    await c.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'replica-limit', namespace: ns },
      data: { maxReplicas: '2' },
    });
    await c.create({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: policy },
      spec: {
        failurePolicy: 'Fail',
        paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
        matchConstraints: {
          resourceRules: [
            { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] },
          ],
        },
        validations: [
          {
            expression: 'object.spec.replicas <= int(params.data.maxReplicas)',
            messageExpression: "'replicas must be at most ' + params.data.maxReplicas",
            reason: 'Invalid',
          },
        ],
      },
    });
    await c.create({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: policy },
      spec: {
        policyName: policy,
        validationActions: ['Deny'],
        paramRef: { name: 'replica-limit', parameterNotFoundAction: 'Deny' },
        matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } },
      },
    });
    // the policy takes effect asynchronously: wait until the server denies a copy of `big`
    const copy = deployment('big-copy', { namespace: ns, replicas: 3 });
    const denial = await c.waitFor(
      async () => {
        const r = await c.create(copy, { namespace: ns, dryRun: true, check: false });
        return r.status >= 400 ? r : undefined;
      },
      { what: 'the ValidatingAdmissionPolicy to deny a 3-replica Deployment', timeoutMs: 30000 },
    );
    const serverMessage = String((denial.body as Json).message);
    expect(serverMessage).toContain(`ValidatingAdmissionPolicy '${policy}' with binding '${policy}' denied request`);

    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '-n', ns, '--timeout', '120s', '--fail-on', 'high']);
    expect(r.report.notVerified).toEqual([]);
    const f = findingsOf(r, 'admission-policy');
    expect(f.map((x) => [x.object?.kind, x.object?.name, x.severity])).toEqual([['Deployment', 'big', 'high']]);
    expect(f[0]!.message).toBe(
      `ValidatingAdmissionPolicy '${policy}' with binding '${policy}' denied request: replicas must be at most 2`,
    );
    expect(f[0]!.details).toMatchObject({
      policy,
      binding: policy,
      param: 'replica-limit',
      policyLocation: `ValidatingAdmissionPolicy/${policy}`,
      admissionStatus: String(denial.status),
    });
    // the server's words for the same object, but for its name
    expect(f[0]!.details?.admissionMessage).toBe(serverMessage.replace('"big-copy"', '"big"'));
    expect(r.code).toBe(1);
  });
});
