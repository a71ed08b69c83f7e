/**
 * Scenario 4: admitted vs templated. A MutatingAdmissionPolicy (admissionregistration.k8s.io/v1,
 * served by the built kube-apiserver) injects a sidecar into the pods the real ReplicaSet
 * controller creates from a hardened Deployment. `kubeward verify --manifests` must report the
 * sidecar as added at admission (on the pods, `introducedBy: admission`, owner the Deployment),
 * never as template drift nor as an out-of-band edit of the Deployment, and must keep the
 * template's own (clean) verdict.
 */
import { randomBytes } from 'node:crypto';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { findingsOf, runVerifyCli } from '../support/run-verify.ts';
import { deployment, writeManifests } from '../support/real-workloads.ts';

describeReal('admitted vs templated on a real cluster', () => {
  const c = realCluster('a');
  const id = randomBytes(3).toString('hex');
  const policy = `kw-inject-log-agent-${id}`;
  afterAll(async () => {
    for (const [kind, name] of [
      ['MutatingAdmissionPolicyBinding', policy],
      ['MutatingAdmissionPolicy', policy],
    ])
      await c.delete('admissionregistration.k8s.io/v1', kind, name).catch(() => undefined);
    await c.cleanup();
  });

  test('a sidecar injected by a MutatingAdmissionPolicy is reported as admission, not as template drift', async () => {
    const ns = await c.namespace('admitted', { 'kubeward.test/inject': id });
    await c.create({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingAdmissionPolicy',
      metadata: { name: policy },
      spec: {
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        },
        matchConditions: [
          { name: 'not-injected', expression: "!object.spec.containers.exists(c, c.name == 'log-agent')" },
        ],
        failurePolicy: 'Fail',
        reinvocationPolicy: 'Never',
        mutations: [
          {
            patchType: 'ApplyConfiguration',
            applyConfiguration: {
              expression:
                'Object{spec: Object.spec{containers: [Object.spec.containers{name: "log-agent", image: "registry.example.com/log-agent:1.4"}]}}',
            },
          },
        ],
      },
    });
    await c.create({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingAdmissionPolicyBinding',
      metadata: { name: policy },
      spec: {
        policyName: policy,
        matchResources: { namespaceSelector: { matchLabels: { 'kubeward.test/inject': id } } },
      },
    });
    // policies take effect asynchronously: wait until a dry-run pod comes back mutated
    await c.waitFor(
      async () => {
        const r = await c.create(
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'probe' },
            spec: { containers: [{ name: 'x', image: 'registry.example.com/x:1' }] },
          },
          { namespace: ns, dryRun: true },
        );
        return ((r.body.spec as Json).containers as Json[]).some((x) => x.name === 'log-agent');
      },
      { what: 'the MutatingAdmissionPolicy to inject its sidecar', timeoutMs: 30000 },
    );

    const obj = deployment('web', { namespace: ns, replicas: 2 });
    const file = writeManifests([obj]);
    await c.apply(obj, { fieldManager: 'kubeward-test' });
    // the real controller's pods carry the sidecar; the Deployment's template does not
    const pods = await c.waitFor(
      async () => {
        const p = await c.pods(ns, 'app=web');
        return p.length === 2 ? p : undefined;
      },
      { what: 'two pods of web' },
    );
    for (const p of pods) {
      expect(((p.spec as Json).containers as Json[]).map((x) => x.name)).toEqual(['app', 'log-agent']);
    }
    const live = await c.get('apps/v1', 'Deployment', 'web', ns);
    expect(((((live.spec as Json).template as Json).spec as Json).containers as Json[]).map((x) => x.name)).toEqual([
      'app',
    ]);

    const r = await runVerifyCli([
      '--kubeconfig',
      c.kubeconfig,
      '--manifests',
      file,
      '--deployer',
      'kubeward-test',
      '--timeout',
      '120s',
    ]);
    expect(findingsOf(r, 'rollout-failed')).toEqual([]);
    // not drift, not an out-of-band edit: the Deployment is as applied
    expect(findingsOf(r, 'drift')).toEqual([]);

    // the injected container itself: once for the Deployment (both pods), on the pod's container
    const injected = findingsOf(r, 'unexpected-container');
    expect(injected).toHaveLength(1);
    expect(injected[0].object).toMatchObject({ kind: 'Pod', namespace: ns });
    expect(injected[0].details).toMatchObject({
      container: 'log-agent',
      image: 'registry.example.com/log-agent:1.4',
      owner: 'Deployment/web',
      pods: '2',
      introducedBy: 'admission',
    });
    expect(injected[0].message).toMatch(/log-agent .* is not declared in the manifest; added at admission/);

    // every catalog finding about the sidecar (unpinned image, no securityContext, no limits ...)
    // says it was introduced at admission, by whom it is owned, on the template's path
    const onSidecar = r.report.findings.filter(
      (f) => f.ruleId !== 'unexpected-container' && f.object?.kind === 'Pod' && f.path.includes('containers[1]'),
    );
    expect(onSidecar.length).toBeGreaterThan(0);
    for (const f of onSidecar) {
      expect(f.details).toMatchObject({ introducedBy: 'admission', owner: 'Deployment/web' });
      expect(f.message).toContain('introduced at admission');
    }
    // nothing about the sidecar is blamed on the template: the template's findings (low ones such
    // as a missing readiness probe) are about its own container only, on the Deployment
    const onTemplate = r.report.findings.filter((f) => f.details?.introducedBy === 'template');
    for (const f of onTemplate) {
      expect(f.object?.kind).not.toBe('Pod');
      expect(f.path).not.toContain('containers[1]');
      expect(f.message).not.toContain('log-agent');
    }
    expect(r.report.findings.filter((f) => f.message.includes('log-agent') && f.object?.kind !== 'Pod')).toEqual([]);
    expect(r.code).toBe(1); // the sidecar's findings are high
  });
});
