/** kubectl rollout status semantics per kind, and the helpers verify relies on. */
import { LiveStore, type Json } from '../../src/core/cluster/inventory.ts';
import { rolloutStatus } from '../../src/core/cluster/rollout.ts';
import { parseDuration, verifyExitCode } from '../../src/core/verify.ts';
import { podSignature } from '../../src/core/live/inventory.ts';
import { canon, driftBetween } from '../../src/core/rules/live.ts';
import { podSecurityViolations } from '../../src/core/rules/pss.ts';
import type { K8sObject } from '../../src/core/manifests/types.ts';
import type { Report } from '../../src/core/model.ts';

function sts(status: Json, spec: Json = {}): Json {
  return {
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'ns', uid: 'u1', generation: 2 },
    spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate' }, ...spec },
    status: { observedGeneration: 2, ...status },
  };
}

describe('rolloutStatus', () => {
  const store = new LiveStore('c');
  test('StatefulSet: waits for ready replicas, then for currentRevision to reach updateRevision', () => {
    expect(rolloutStatus(store, 'StatefulSet', sts({ readyReplicas: 2 })).state).toBe('waiting');
    const mid = sts({ readyReplicas: 3, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2' });
    expect(rolloutStatus(store, 'StatefulSet', mid).state).toBe('waiting');
    const done = sts({ readyReplicas: 3, updatedReplicas: 3, currentRevision: 'db-2', updateRevision: 'db-2' });
    expect(rolloutStatus(store, 'StatefulSet', done).state).toBe('done');
  });
  test('StatefulSet with a partition is done when the pods above it are updated', () => {
    const spec = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } };
    const s = sts({ readyReplicas: 3, updatedReplicas: 1, currentRevision: 'db-1', updateRevision: 'db-2' }, spec);
    expect(rolloutStatus(store, 'StatefulSet', s).state).toBe('done');
    const w = sts({ readyReplicas: 3, updatedReplicas: 0, currentRevision: 'db-1', updateRevision: 'db-2' }, spec);
    expect(rolloutStatus(store, 'StatefulSet', w).state).toBe('waiting');
  });
  test('DaemonSet: desired, updated and available', () => {
    const ds = (st: Json): Json => ({
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'ns', uid: 'u2', generation: 1 },
      spec: {},
      status: { observedGeneration: 1, desiredNumberScheduled: 3, ...st },
    });
    expect(rolloutStatus(store, 'DaemonSet', ds({ updatedNumberScheduled: 2, numberAvailable: 3 })).state).toBe(
      'waiting',
    );
    expect(rolloutStatus(store, 'DaemonSet', ds({ updatedNumberScheduled: 3, numberAvailable: 2 })).state).toBe(
      'waiting',
    );
    expect(rolloutStatus(store, 'DaemonSet', ds({ updatedNumberScheduled: 3, numberAvailable: 3 })).state).toBe('done');
  });
  test('Deployment: an unobserved generation waits; ProgressDeadlineExceeded fails', () => {
    const d = (md: Json, st: Json): Json => ({
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'ns', uid: 'u3', ...md },
      spec: { replicas: 2 },
      status: st,
    });
    expect(rolloutStatus(store, 'Deployment', d({ generation: 3 }, { observedGeneration: 2 })).state).toBe('waiting');
    const stuck = d(
      { generation: 3 },
      {
        observedGeneration: 3,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      },
    );
    expect(rolloutStatus(store, 'Deployment', stuck).state).toBe('failed');
    const old = d({ generation: 3 }, { observedGeneration: 3, replicas: 3, updatedReplicas: 2, availableReplicas: 2 });
    expect(rolloutStatus(store, 'Deployment', old).message).toMatch(/old replicas are pending termination/);
  });
  test('Argo Rollout: Healthy is done, Degraded fails', () => {
    const r = (phase: string): Json => ({
      kind: 'Rollout',
      metadata: { name: 'r', namespace: 'ns', uid: 'u4', generation: 1 },
      spec: {},
      status: { phase, message: 'ProgressDeadlineExceeded' },
    });
    expect(rolloutStatus(store, 'Rollout', r('Healthy')).state).toBe('done');
    expect(rolloutStatus(store, 'Rollout', r('Degraded')).state).toBe('failed');
    expect(rolloutStatus(store, 'Rollout', r('Progressing')).state).toBe('waiting');
  });
});

test('parseDuration reads kubectl durations', () => {
  expect(parseDuration('90s')).toBe(90_000);
  expect(parseDuration('5m')).toBe(300_000);
  expect(parseDuration('1m30s')).toBe(90_000);
  expect(parseDuration('1h')).toBe(3_600_000);
  expect(parseDuration('250ms')).toBe(250);
  expect(parseDuration('45')).toBe(45_000);
  expect(parseDuration('soon')).toBeUndefined();
  expect(parseDuration('5x')).toBeUndefined();
});

test('verifyExitCode: unreachable 3, findings 1, partial 3, clean 0', () => {
  const base = { findings: [], notVerified: [], failOn: 'high' } as unknown as Report;
  const high = [{ severity: 'high' }] as Report['findings'];
  expect(verifyExitCode(base)).toBe(0);
  expect(verifyExitCode({ ...base, findings: high })).toBe(1);
  expect(verifyExitCode({ ...base, notVerified: [{ check: 'secret-unused', reason: 'x' }] })).toBe(3);
  expect(verifyExitCode({ ...base, findings: high, notVerified: [{ check: 'cluster', reason: 'x' }] })).toBe(3);
});

test('podSignature ignores what admission adds to every pod', () => {
  const template = { containers: [{ name: 'a', image: 'i' }] };
  const pod = {
    containers: [{ name: 'a', image: 'i', volumeMounts: [{ name: 'kube-api-access-x1', mountPath: '/var/run' }] }],
    volumes: [{ name: 'kube-api-access-x1', projected: {} }],
    nodeName: 'n1',
    serviceAccountName: 'default',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
  };
  expect(podSignature(pod)).toBe(podSignature(template));
  const sidecar = { ...pod, containers: [...pod.containers, { name: 'istio-proxy', image: 'p' }] };
  expect(podSignature(sidecar)).not.toBe(podSignature(template));
});

test('podSecurityViolations judges a live pod object by level', () => {
  const podOf = (spec: Record<string, unknown>): K8sObject => ({
    data: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec },
    ref: { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'ns' },
    origin: 'admission',
    docPath: [],
  });
  const spec = { hostNetwork: true, containers: [{ name: 'c', securityContext: { privileged: true } }] };
  expect(podSecurityViolations(podOf(spec), 'baseline').map((v) => v.ruleId)).toEqual([
    'privileged-container',
    'host-network',
  ]);
  const good = {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  };
  expect(podSecurityViolations(podOf(good), 'restricted')).toEqual([]);
  expect(podSecurityViolations(podOf({ containers: [{ name: 'c' }] }), 'restricted').map((v) => v.ruleId)).toContain(
    'run-as-non-root',
  );
  expect(podSecurityViolations(podOf({ containers: [{ name: 'c' }] }), 'baseline')).toEqual([]);
});

test('canon treats empty and missing alike and ignores key order', () => {
  expect(canon({ b: 1, a: { x: [] }, c: {} })).toBe(canon({ b: 1 }));
  expect(canon({ a: 1, b: 2 })).toBe(canon({ b: 2, a: 1 }));
});

describe('driftBetween', () => {
  const deploy = (spec: Json): K8sObject => ({
    data: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { spec } } },
    ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' },
    origin: 'live',
    docPath: [],
  });
  const manifest = {
    containers: [{ name: 'c', image: 'i:1', securityContext: { runAsNonRoot: true } }],
    volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
  };
  test('API-server defaults are not drift', () => {
    const liveSpec = {
      containers: [
        { name: 'c', image: 'i:1', imagePullPolicy: 'IfNotPresent', securityContext: { runAsNonRoot: true } },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }],
      securityContext: {},
      dnsPolicy: 'ClusterFirst',
    };
    expect(driftBetween(deploy(manifest), deploy(liveSpec))).toEqual([]);
  });
  test('a changed image, a hostPath volume and a new capability are drift', () => {
    const liveSpec = {
      containers: [
        { name: 'c', image: 'i:2', securityContext: { runAsNonRoot: true, capabilities: { add: ['SYS_ADMIN'] } } },
      ],
      volumes: [...manifest.volumes, { name: 'host', hostPath: { path: '/', type: '' } }],
      hostPID: true,
    };
    const fields = driftBetween(deploy(manifest), deploy(liveSpec)).map((d) => d.field);
    expect(fields.sort()).toEqual(['hostPID', 'image of c', 'securityContext of c', 'volumes']);
  });
});
