/**
 * Scenario 1: rollouts, created by the real deployment, replica-set, stateful-set and daemon-set
 * controllers, scheduled by the real scheduler, run by kwok's kubelets, judged by
 * `kubeward verify --manifests` through the CLI.
 */
import { readFileSync } from 'node:fs';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { findingsOf, runVerifyCli } from '../support/run-verify.ts';
import {
  daemonSet,
  deployment,
  hardenedContainer,
  headlessService,
  statefulSet,
  writeManifests,
} from '../support/real-workloads.ts';

describeReal('rollouts on a real cluster', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  async function deploy(objects: Json[]): Promise<string> {
    const file = writeManifests(objects);
    for (const o of objects) await c.apply(o, { fieldManager: 'kubeward-test' });
    return file;
  }

  test('a healthy Deployment passes once its pods are Ready', async () => {
    const ns = await c.namespace('roll-ok', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const file = await deploy([deployment('web', { namespace: ns, replicas: 3 })]);
    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '--manifests', file, '--timeout', '120s']);
    expect(findingsOf(r, 'rollout-failed')).toEqual([]);
    expect(r.report.notVerified).toEqual([]);
    expect(r.code).toBe(0);
    // verify waited for the rollout: every replica is available now
    const d = await c.get('apps/v1', 'Deployment', 'web', ns);
    expect((d.status as Json).availableReplicas).toBe(3);
  });

  test('a crash-looping Deployment fails fast with the reason, exit code and last message', async () => {
    const ns = await c.namespace('roll-crash');
    const message = 'panic: DATABASE_URL is not set';
    const file = await deploy([
      deployment('api', { namespace: ns, behavior: 'crashloop', message, exitCode: 2, replicas: 2 }),
    ]);
    // a 10-minute timeout: the run ends long before because the failure is fatal, not by timing out
    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '--manifests', file, '--timeout', '10m']);
    expect(r.code).toBe(1);
    const [f] = findingsOf(r, 'rollout-failed');
    expect(f).toBeDefined();
    expect(f.details).toMatchObject({ state: 'failed', reason: 'CrashLoopBackOff', container: 'app', exitCode: '2' });
    expect(f.details?.lastTermination).toBe(message);
    expect(f.message).toContain('CrashLoopBackOff');
    // located on the container in the manifest
    expect(f.file).toBe(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[(f.line ?? 0) - 1]).toMatch(/- name: app|^\s+- /);
    expect(f.path).toBe('spec.template.spec.containers[0]');
    // the pods' own findings say the same
    expect(findingsOf(r, 'pod-crashloop').length).toBeGreaterThan(0);
  });

  test('an image that cannot be pulled fails with ImagePullBackOff', async () => {
    const ns = await c.namespace('roll-pull');
    const image = 'registry.invalid/acme/missing:1.0';
    const file = await deploy([
      deployment('worker', {
        namespace: ns,
        behavior: 'imagepull',
        containers: [hardenedContainer('worker', image)],
        replicas: 1,
      }),
    ]);
    const r = await runVerifyCli([
      '--kubeconfig',
      c.kubeconfig,
      '--manifests',
      file,
      '--timeout',
      '10m',
      '--fail-on',
      'critical',
    ]);
    expect(r.code).toBe(1);
    const [f] = findingsOf(r, 'rollout-failed');
    expect(f.details).toMatchObject({ reason: 'ImagePullBackOff', container: 'worker' });
    expect(f.details?.message).toBe(`Back-off pulling image "${image}"`);
  });

  test('pods refused by PSA enforce=restricted: the ReplicaSet FailedCreate from the real controller', async () => {
    const ns = await c.namespace('roll-psa', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const priv = { ...hardenedContainer('app'), securityContext: { privileged: true } };
    const obj = deployment('legacy', { namespace: ns, containers: [priv], replicas: 1 });
    const file = writeManifests([obj]);
    // the API server admits the Deployment, warning that its pods would violate the level
    const applied = await c.apply(obj, { fieldManager: 'kubeward-test' });
    expect(applied.warnings.join('\n')).toMatch(/would violate PodSecurity "restricted:latest"/);
    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '--manifests', file, '--timeout', '10m']);
    expect(r.code).toBe(1);
    const [f] = findingsOf(r, 'rollout-failed');
    expect(f).toBeDefined();
    expect(f.details?.reason).toMatch(/FailedCreate/);
    expect(f.details?.message).toMatch(/violates PodSecurity "restricted:latest": privileged/);
    expect(f.message).toContain('pods cannot be created');
    // the live PSA check sees the namespace's level too
    const rs = await c.list('apps/v1', 'ReplicaSet', ns);
    const cond = ((rs[0].status as Json).conditions as Json[]).find((x) => x.type === 'ReplicaFailure');
    expect(cond?.reason).toBe('FailedCreate');
  });

  test('a StatefulSet and a DaemonSet roll out and pass', async () => {
    const ns = await c.namespace('roll-sts', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const file = await deploy([
      headlessService('db', ns),
      statefulSet('db', { namespace: ns, replicas: 2 }),
      daemonSet('agent', { namespace: ns }),
    ]);
    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '--manifests', file, '--timeout', '120s']);
    expect(findingsOf(r, 'rollout-failed')).toEqual([]);
    expect(r.code).toBe(0);
    const ds = await c.get('apps/v1', 'DaemonSet', 'agent', ns);
    expect((ds.status as Json).numberAvailable).toBe(c.info.nodes);
    const sts = await c.get('apps/v1', 'StatefulSet', 'db', ns);
    expect((sts.status as Json).readyReplicas).toBe(2);
  });

  test('a crash-looping StatefulSet and DaemonSet fail', async () => {
    const ns = await c.namespace('roll-sts-bad');
    const file = await deploy([
      headlessService('db', ns),
      statefulSet('db', { namespace: ns, replicas: 1, behavior: 'crashloop', message: 'fatal: cannot open /data' }),
      daemonSet('agent', { namespace: ns, behavior: 'imagepull' }),
    ]);
    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '--manifests', file, '--timeout', '10m']);
    expect(r.code).toBe(1);
    const byName = new Map(findingsOf(r, 'rollout-failed').map((f) => [f.object?.name, f]));
    expect(byName.get('db')?.details).toMatchObject({
      reason: 'CrashLoopBackOff',
      lastTermination: 'fatal: cannot open /data',
    });
    expect(byName.get('agent')?.details).toMatchObject({ reason: 'ImagePullBackOff' });
  });

  test('--timeout is honoured: an unschedulable rollout times out, saying so', async () => {
    const ns = await c.namespace('roll-timeout');
    const file = await deploy([
      deployment('stuck', { namespace: ns, replicas: 1, podSpec: { nodeSelector: { 'kubeward.test/none': 'true' } } }),
    ]);
    const t0 = Date.now();
    const r = await runVerifyCli(['--kubeconfig', c.kubeconfig, '--manifests', file, '--timeout', '6s']);
    const elapsed = Date.now() - t0;
    expect(r.code).toBe(1);
    const [f] = findingsOf(r, 'rollout-failed');
    expect(f.details?.state).toBe('timeout');
    expect(f.message).toMatch(/did not finish rolling out in time: timed out after 6s/);
    // it waited for the timeout and not much longer
    expect(elapsed).toBeGreaterThanOrEqual(6000);
    expect(elapsed).toBeLessThan(60000);
  });
});
