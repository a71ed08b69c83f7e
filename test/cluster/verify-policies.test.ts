/**
 * `kubeward verify` with the cluster's own admission policies (issue 12): the
 * ValidatingAdmissionPolicies and bindings, the params their paramRef names (ConfigMaps and custom
 * resources, found by discovery), Kyverno ValidatingPolicies when served, and the Namespaces' Pod
 * Security labels are read from the fake API server and judge the live objects through the same
 * rules as `kubeward scan`; `--policies` adds files; what cannot be read is "not verified".
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeKube, type Json } from '../support/fake-kube/index.ts';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { runVerify } from '../../src/cli/verify.ts';
import type { Finding } from '../../src/core/model.ts';

jest.setTimeout(60_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LIVE = path.join(ROOT, 'test/fixtures/cluster/live');
const live = (...names: string[]) => names.map((n) => path.join(LIVE, n));

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
  stderr: string;
  report: { findings: Finding[]; notVerified: { check: string; reason: string }[]; errors: unknown[] };
}

async function verify(args: string[]): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-pol-'));
  const out = path.join(dir, 'report.json');
  let stderr = '';
  const code = await runVerify([...args, '--format', 'json', '--output', out], {
    stdout: () => undefined,
    stderr: (s: string) => void (stderr += s),
    env: { HOME: dir },
    cwd: ROOT,
    readStdin: async () => '',
    stdoutIsTTY: false,
  });
  let report: Run['report'] = { findings: [], notVerified: [], errors: [] };
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    // no report (usage error)
  }
  return { code, stderr, report };
}

const byRule = (r: Run, id: string) => r.report.findings.filter((f) => f.ruleId === id);

const deployment = (name: string, ns: string, replicas: number): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, generation: 1, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'app',
            image: `registry.example/${name}@sha256:${'a'.repeat(64)}`,
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          },
        ],
      },
    },
  },
  status: {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
  },
});

const replicaPolicy = (paramKind: Json | undefined): Json => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'replica-limit' },
  spec: {
    ...(paramKind ? { paramKind } : {}),
    matchConstraints: {
      resourceRules: [
        { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] },
      ],
    },
    validations: [
      paramKind
        ? {
            expression: `object.spec.replicas <= ${paramKind.kind === 'ConfigMap' ? 'int(params.data.maxReplicas)' : 'params.maxReplicas'}`,
            messageExpression: `'replicas must be at most ' + string(${paramKind.kind === 'ConfigMap' ? 'params.data.maxReplicas' : 'params.maxReplicas'})`,
          }
        : { expression: 'object.spec.replicas <= 5', message: 'replicas must be at most 5' },
    ],
  },
});

const binding = (name: string, policyName: string, extra: Json = {}): Json => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  metadata: { name },
  spec: { policyName, validationActions: ['Deny'], ...extra },
});

const NS = live('00-namespaces.yaml');

describe('kubeward verify judges the live objects with the cluster’s admission policies', () => {
  test('a VAP + binding in the cluster denies an existing Deployment, with the policy named', async () => {
    const fake = await start({
      fixtures: NS,
      objects: [
        deployment('big', 'shop', 9),
        deployment('small', 'shop', 2),
        replicaPolicy(undefined),
        binding('replica-limit', 'replica-limit'),
      ],
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'admission-policy');
    expect(f.map((x) => [x.object?.kind, x.object?.name, x.severity])).toEqual([['Deployment', 'big', 'high']]);
    expect(f[0]!.message).toBe(
      "ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit' denied request: replicas must be at most 5",
    );
    expect(f[0]!.details).toMatchObject({
      policy: 'replica-limit',
      binding: 'replica-limit',
      policyLocation: 'ValidatingAdmissionPolicy/replica-limit',
    });
    expect(r.report.notVerified).toEqual([]);
    expect(r.code).toBe(1);
    // the policies are read with one cluster-wide LIST each
    expect(
      fake.requests.some((q) => q.path === '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies'),
    ).toBe(true);
  });

  test('params named by paramRef come from the cluster, also outside the verified namespaces', async () => {
    const cm: Json = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'limits', namespace: 'policy-params' },
      data: { maxReplicas: '3' },
    };
    const fake = await start({
      fixtures: NS,
      objects: [
        deployment('web4', 'shop', 4),
        deployment('web2', 'shop', 2),
        cm,
        replicaPolicy({ apiVersion: 'v1', kind: 'ConfigMap' }),
        binding('replica-limit', 'replica-limit', {
          paramRef: { name: 'limits', namespace: 'policy-params', parameterNotFoundAction: 'Deny' },
        }),
      ],
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'admission-policy');
    expect(f.map((x) => [x.object?.name, x.message.replace(/.*denied request: /, '')])).toEqual([
      ['web4', 'replicas must be at most 3'],
    ]);
    expect(f[0]!.details?.param).toBe('limits');
    // the ConfigMap outside -n was read for the binding, and only it
    expect(
      fake.requests.some(
        (q) =>
          q.path === '/api/v1/namespaces/policy-params/configmaps' && q.query.fieldSelector === 'metadata.name=limits',
      ),
    ).toBe(true);
    // it is a param, not a verified object
    expect(r.report.findings.some((x) => x.object?.namespace === 'policy-params')).toBe(false);
  });

  test('a custom-resource paramKind is resolved by discovery and its params read by selector', async () => {
    const limit = (name: string, max: number, tier: string): Json => ({
      apiVersion: 'policy.example.com/v1',
      kind: 'ReplicaLimit',
      metadata: { name, namespace: 'shop', labels: { tier } },
      maxReplicas: max,
    });
    const fake = await start({
      fixtures: NS,
      crds: true,
      objects: [
        deployment('web4', 'shop', 4),
        limit('strict', 2, 'prod'),
        limit('loose', 10, 'dev'),
        replicaPolicy({ apiVersion: 'policy.example.com/v1', kind: 'ReplicaLimit' }),
        binding('replica-limit', 'replica-limit', { paramRef: { selector: { matchLabels: { tier: 'prod' } } } }),
      ],
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'admission-policy');
    expect(f.map((x) => [x.object?.name, x.details?.param, x.message.replace(/.*denied request: /, '')])).toEqual([
      ['web4', 'strict', 'replicas must be at most 2'],
    ]);
    expect(byRule(r, 'policy-invalid')).toEqual([]);
    expect(fake.requests.some((q) => q.path === '/apis/policy.example.com/v1')).toBe(true);
  });

  test('a policy that matches pods judges every running pod, one finding per workload', async () => {
    const podPolicy: Json = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'pods-need-team' },
      spec: {
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        },
        validations: [{ expression: "'team' in object.metadata.labels", message: 'pods need a team label' }],
      },
    };
    const fake = await start({
      fixtures: [...NS, ...live('10-web-healthy.yaml')],
      objects: [podPolicy, binding('pods-need-team', 'pods-need-team')],
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'admission-policy');
    // both pods of web are identical to their template (the catalog folds them), yet the policy
    // judges pods, not the Deployment: one finding for the two pods
    expect(f.map((x) => [x.object?.kind, x.details?.owner, x.details?.pods])).toEqual([['Pod', 'Deployment/web', '2']]);
    expect(f[0]!.message).toContain('pods need a team label');
  });

  test('no permission to list the policies: verification incomplete, never a silent pass', async () => {
    const fake = await start({ fixtures: NS, objects: [deployment('big', 'shop', 9)] });
    fake.forbid('validatingadmissionpolicies');
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    expect(r.report.notVerified).toEqual([
      {
        check: 'admission-policy',
        reason: 'not verified on fake: missing permission: list validatingadmissionpolicies',
      },
    ]);
    expect(r.code).toBe(3);
  });

  test('no permission to read a binding’s params: not verified, naming the binding', async () => {
    const fake = await start({
      fixtures: NS,
      objects: [
        deployment('web4', 'shop', 4),
        replicaPolicy({ apiVersion: 'v1', kind: 'ConfigMap' }),
        binding('replica-limit', 'replica-limit', { paramRef: { name: 'limits', namespace: 'policy-params' } }),
      ],
    });
    fake.forbid('configmaps', 'policy-params');
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    expect(r.report.notVerified.map((n) => [n.check, n.reason])).toEqual([
      [
        'admission-policy',
        'not verified on fake: missing permission: list configmaps in namespace policy-params (the params of ValidatingAdmissionPolicyBinding replica-limit)',
      ],
    ]);
    expect(r.code).toBe(3);
  });

  test('Kyverno ValidatingPolicies are read when policies.kyverno.io/v1 is served', async () => {
    const vpol: Json = {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ValidatingPolicy',
      metadata: { name: 'require-team' },
      spec: {
        validationActions: ['Deny'],
        matchConstraints: {
          resourceRules: [
            { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] },
          ],
        },
        validations: [{ expression: "'team' in object.metadata.labels", message: 'deployments need a team label' }],
      },
    };
    const exc: Json = {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'PolicyException',
      metadata: { name: 'legacy', namespace: 'shop' },
      spec: {
        policyRefs: [{ name: 'require-team', kind: 'ValidatingPolicy' }],
        matchConditions: [{ name: 'old', expression: "object.metadata.name == 'old'" }],
      },
    };
    const objects = [deployment('web', 'shop', 1), deployment('old', 'shop', 1), vpol, exc];
    const fake = await start({ fixtures: NS, kyverno: 'v1', objects });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'kyverno-policy');
    expect(f.map((x) => [x.object?.name, x.message])).toEqual([
      ['web', "Kyverno ValidatingPolicy 'require-team' denies this object: deployments need a team label"],
    ]);
    expect(r.report.notVerified).toEqual([]);

    // not served: nothing to read, nothing said
    const none = await start({ fixtures: NS, objects: [deployment('web', 'shop', 1)] });
    const r0 = await verify(['--kubeconfig', none.kubeconfigPath, '-n', 'shop']);
    expect(byRule(r0, 'kyverno-policy')).toEqual([]);
    expect(r0.report.notVerified).toEqual([]);
    expect(none.requests.some((q) => q.path.includes('kyverno'))).toBe(false);

    // served in an older version only: said, not passed
    const old = await start({ fixtures: NS, kyverno: 'v1beta1', objects });
    const r1 = await verify(['--kubeconfig', old.kubeconfigPath, '-n', 'shop']);
    expect(r1.report.notVerified.filter((n) => n.check === 'kyverno-policy').map((n) => n.reason)).toEqual([
      'not verified on fake: the cluster serves policies.kyverno.io in version v1beta1, kubeward reads policies.kyverno.io/v1: ValidatingPolicy objects not verified',
      'not verified on fake: the cluster serves policies.kyverno.io in version v1beta1, kubeward reads policies.kyverno.io/v1: NamespacedValidatingPolicy objects not verified',
      'not verified on fake: the cluster serves policies.kyverno.io in version v1beta1, kubeward reads policies.kyverno.io/v1: PolicyException objects not verified',
    ]);
    expect(r1.code).toBe(3);
  });

  test('--policies adds policy files to the cluster’s own; findings name the file:line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-pol-'));
    const file = path.join(dir, 'no-latest.yaml');
    writeFileSync(
      file,
      `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-two
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ['apps']
        apiVersions: ['v1']
        operations: ['CREATE', 'UPDATE']
        resources: ['deployments']
  validations:
    - expression: 'object.spec.replicas <= 2'
      message: at most two replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-two
spec:
  policyName: max-two
  validationActions: [Warn]
`,
    );
    const fake = await start({
      fixtures: NS,
      objects: [
        deployment('big', 'shop', 9),
        deployment('three', 'shop', 3),
        replicaPolicy(undefined),
        binding('replica-limit', 'replica-limit'),
      ],
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', '--policies', file]);
    const f = byRule(r, 'admission-policy');
    expect(f.map((x) => [x.object?.name, x.details?.policy, x.severity]).sort()).toEqual([
      ['big', 'max-two', 'medium'],
      ['big', 'replica-limit', 'high'],
      ['three', 'max-two', 'medium'],
    ]);
    expect(f.find((x) => x.details?.policy === 'max-two')!.details?.policyLocation).toBe(`${file}:13`);
  });

  test('a Namespace’s Pod Security labels in the cluster judge its workloads', async () => {
    const priv = deployment('priv', 'shop', 1);
    const tpl = ((priv.spec as Json).template as Json).spec as Json;
    (tpl.containers as Json[])[0]!.securityContext = { privileged: true };
    const fake = await start({ fixtures: NS, objects: [priv] });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop']);
    const f = byRule(r, 'pod-security-level');
    expect(f.map((x) => [x.object?.name, x.path, x.severity])).toEqual([
      ['priv', 'spec.template.spec.containers[0].securityContext.privileged', 'high'],
    ]);
    expect(f[0]!.message).toContain('namespace shop has enforce=baseline');
  });
});
