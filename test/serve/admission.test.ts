/**
 * The core of the admission webhook on crafted AdmissionReview requests: parsing (malformed input
 * named, never echoed), decisions per severity mode, UPDATE with pre-existing findings, exempt
 * namespaces, subresources, config suppressions, cluster-context rules left out, and no secret
 * value in any response.
 */
import { readFileSync } from 'node:fs';
import {
  AdmissionInputError,
  CLUSTER_CONTEXT_RULES,
  admissionRules,
  parseAdmissionReview,
  reviewAdmission,
  type AdmissionRequest,
} from '../../src/core/admission/index.ts';
import { catalog } from '../../src/core/rules/index.ts';
import { createSuppressor } from '../../src/core/suppress.ts';
import { modesFrom } from '../../src/cli/serve-command.ts';
import { compliantPod } from '../support/admission.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';

const privilegedPod = (name = 'bad', ns = 'apps') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
});

function review(obj: unknown, extra: Record<string, unknown> = {}): AdmissionRequest {
  const o = obj as { kind: string; apiVersion: string; metadata: { namespace?: string; name?: string } };
  return parseAdmissionReview({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'u-1',
      kind: { group: o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '', version: 'v1', kind: o.kind },
      operation: 'CREATE',
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      object: obj,
      ...extra,
    },
  });
}

describe('parseAdmissionReview', () => {
  const valid = {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: { uid: 'x', kind: { group: '', version: 'v1', kind: 'Pod' }, operation: 'CREATE', object: {} },
  };
  test.each([
    ['{not json', /not JSON/],
    ['[]', /a list, not an AdmissionReview/],
    ['"x"', /a string/],
    [JSON.stringify({ ...valid, kind: 'Pod' }), /kind must be AdmissionReview/],
    [JSON.stringify({ ...valid, apiVersion: 'admission.k8s.io/v1beta1' }), /admissionReviewVersions: \[v1\]/],
    [JSON.stringify({ ...valid, request: null }), /request is null/],
    [JSON.stringify({ ...valid, request: { ...valid.request, uid: '' } }), /request.uid is missing/],
    [JSON.stringify({ ...valid, request: { ...valid.request, operation: 'PATCH' } }), /operation must be one of/],
    [JSON.stringify({ ...valid, request: { ...valid.request, kind: 'Pod' } }), /request.kind must be an object/],
    [JSON.stringify({ ...valid, request: { ...valid.request, object: [1] } }), /request.object is a list/],
    [
      JSON.stringify({ ...valid, request: { ...valid.request, object: undefined } }),
      /request.object is missing for a CREATE/,
    ],
  ])('%s -> a clear error', (body, msg) => {
    expect(() => parseAdmissionReview(body)).toThrow(AdmissionInputError);
    expect(() => parseAdmissionReview(body)).toThrow(msg);
  });

  test('the error never echoes values from the body', () => {
    const secret = 'ghp' + '_' + 'Z'.repeat(36);
    let msg = '';
    try {
      parseAdmissionReview(JSON.stringify({ ...valid, request: { ...valid.request, object: secret } }));
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/request.object is a string/);
    expect(msg).not.toContain(secret);
  });

  test('keeps the uid of a review it refuses, for an in-protocol answer', () => {
    try {
      parseAdmissionReview({ ...valid, request: { ...valid.request, operation: 'X' } });
    } catch (e) {
      expect((e as AdmissionInputError).uid).toBe('x');
    }
    expect.assertions(1);
  });
});

describe('reviewAdmission', () => {
  test('a privileged Pod is denied with the findings listed', () => {
    const d = reviewAdmission(review(privilegedPod()));
    expect(d.decision).toBe('denied');
    expect(d.response.allowed).toBe(false);
    expect(d.response.uid).toBe('u-1');
    expect(d.response.status?.code).toBe(403);
    expect(d.response.status?.message).toMatch(/^kubeward denied Pod apps\/bad: \d+ findings/);
    expect(d.response.status?.message).toMatch(
      /\[critical\] privileged-container at spec\.containers\[0\]\.securityContext\.privileged/,
    );
    expect(d.response.auditAnnotations?.denied).toContain('privileged-container:critical');
    expect(d.findings.find((f) => f.ruleId === 'privileged-container')?.origin).toBe('admission');
  });

  test('a compliant Pod is allowed without warnings', () => {
    const d = reviewAdmission(review(compliantPod()));
    expect(d.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual([]);
    expect(d.response).toEqual({ uid: 'u-1', allowed: true });
    expect(d.decision).toBe('allowed');
  });

  test('findings below the deny threshold become warnings; info ones audit annotations', () => {
    const pod = compliantPod();
    delete (pod.spec.containers[0] as { livenessProbe?: unknown }).livenessProbe;
    const d = reviewAdmission(review(pod));
    expect(d.response.allowed).toBe(true);
    const live = d.findings.find((f) => f.ruleId === 'liveness-probe')!;
    expect(live).toBeDefined();
    expect(d.decision).toBe('warned');
    expect(d.response.warnings?.some((w) => w.includes('liveness-probe'))).toBe(true);
    for (const w of d.response.warnings ?? []) expect(w.length).toBeLessThanOrEqual(240);
  });

  test('modes per severity: warn-only mode turns the denial into warnings', () => {
    const d = reviewAdmission(review(privilegedPod()), { modes: modesFrom('none', 'info') });
    expect(d.response.allowed).toBe(true);
    expect(d.response.warnings?.some((w) => /\[critical\] privileged-container/.test(w))).toBe(true);
    const audit = reviewAdmission(review(privilegedPod()), { modes: modesFrom('none', 'none') });
    expect(audit.response.allowed).toBe(true);
    expect(audit.response.warnings).toBeUndefined();
    expect(audit.response.auditAnnotations?.audited).toContain('privileged-container:critical');
  });

  test('modesFrom maps the two thresholds', () => {
    expect(modesFrom('high', 'low')).toEqual({
      critical: 'deny',
      high: 'deny',
      medium: 'warn',
      low: 'warn',
      info: 'audit',
    });
    expect(modesFrom('critical', 'none')).toEqual({
      critical: 'deny',
      high: 'audit',
      medium: 'audit',
      low: 'audit',
      info: 'audit',
    });
  });

  test('UPDATE: findings the old object had warn; a new one denies; enforce judges all', () => {
    const old = privilegedPod();
    const same = review(privilegedPod(), { operation: 'UPDATE', oldObject: old });
    const d = reviewAdmission(same);
    expect(d.response.allowed).toBe(true);
    expect(d.response.warnings?.some((w) => /privileged-container.*already on the object/.test(w))).toBe(true);

    const worse = privilegedPod();
    (worse.spec as Record<string, unknown>).hostPID = true;
    const d2 = reviewAdmission(review(worse, { operation: 'UPDATE', oldObject: old }));
    expect(d2.response.allowed).toBe(false);
    expect(d2.response.status?.message).toContain('host-pid');
    expect(d2.response.status?.message).not.toContain('privileged-container');

    const d3 = reviewAdmission(same, { existingFindings: 'enforce' });
    expect(d3.response.allowed).toBe(false);
  });

  test('exempt namespaces, subresources and DELETE are not judged', () => {
    expect(reviewAdmission(review(privilegedPod('p', 'kube-system'))).decision).toBe('skipped');
    expect(reviewAdmission(review(privilegedPod('p', 'kubeward')), { exemptNamespaces: ['kubeward'] }).skipped).toBe(
      'namespace kubeward is exempt',
    );
    // the default exemption list is replaced, not merged, when given
    expect(reviewAdmission(review(privilegedPod('p', 'kube-system')), { exemptNamespaces: [] }).decision).toBe(
      'denied',
    );
    expect(reviewAdmission(review(privilegedPod(), { subResource: 'status' })).decision).toBe('skipped');
    const del = parseAdmissionReview({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: 'd',
        kind: { group: '', version: 'v1', kind: 'Pod' },
        operation: 'DELETE',
        oldObject: privilegedPod(),
      },
    });
    expect(reviewAdmission(del).response).toEqual({ uid: 'd', allowed: true });
  });

  test('the namespace and name come from the request when the object lacks them (generateName)', () => {
    const pod = privilegedPod();
    const md = pod.metadata as Record<string, unknown>;
    delete md.name;
    delete md.namespace;
    md.generateName = 'web-';
    const d = reviewAdmission(review(pod, { namespace: 'team-a', name: undefined }));
    expect(d.object).toMatchObject({ kind: 'Pod', namespace: 'team-a', name: 'web-' });
    expect(d.response.status?.message).toContain('Pod team-a/web-');
  });

  test('config suppressions apply (the same engine hooks as scan)', () => {
    const suppressor = createSuppressor({
      exemptions: [
        {
          rules: ['privileged-container'],
          objects: ['Pod/apps/bad'],
          paths: [],
          reason: 'test',
          file: 'x',
          line: 1,
          column: 1,
        },
      ],
    });
    const d = reviewAdmission(review(privilegedPod()), { engine: { suppress: (f, o) => suppressor.suppress(f, o) } });
    expect(d.findings.some((f) => f.ruleId === 'privileged-container')).toBe(false);
    expect(d.suppressed.some((f) => f.ruleId === 'privileged-container')).toBe(true);
  });

  test('the README names exactly the rules that are not run at admission', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.search(/\*\*not run at\s+admission\*\*/);
    expect(start).toBeGreaterThan(0);
    const para = readme.slice(start, readme.indexOf('and the live-only rules', start));
    const named = [...para.matchAll(/`([a-z0-9-]+)`/g)]
      .map((m) => m[1])
      .filter((id) => !['monitor', 'verify'].includes(id));
    expect(named.sort()).toEqual([...CLUSTER_CONTEXT_RULES].sort());
  });

  test('cluster-context rules are left out (a Deployment alone is not missing its NetworkPolicy)', () => {
    const ids = new Set(admissionRules().map((r) => r.meta.id));
    for (const id of CLUSTER_CONTEXT_RULES) {
      expect(catalog.some((r) => r.meta.id === id)).toBe(true);
      expect(ids.has(id)).toBe(false);
    }
    expect(ids.has('privileged-container')).toBe(true);
    expect(ids.has('rbac-wildcard')).toBe(true);
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'apps' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: compliantPod().spec },
      },
    };
    const d = reviewAdmission(review(deploy));
    expect(d.findings.filter((f) => CLUSTER_CONTEXT_RULES.includes(f.ruleId))).toEqual([]);
  });

  test('a ConfigMap holding a token is denied without the token in the response', () => {
    const token = 'ghp' + '_' + 'aB3'.repeat(12);
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'apps' },
      data: { GITHUB_TOKEN: token },
    };
    const d = reviewAdmission(review(cm));
    expect(d.findings.some((f) => f.category === 'secrets')).toBe(true);
    const text = JSON.stringify(d.response) + JSON.stringify(d.findings);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4, 30));
  });

  test('a Secret under review is not reported as committed to a repository', () => {
    const s = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'apps' },
      data: { k: Buffer.from('v').toString('base64') },
    };
    expect(reviewAdmission(review(s)).findings.map((f) => f.ruleId)).not.toContain('secret-committed');
  });

  test('a rule that throws: Ignore allows with a warning, Fail denies', () => {
    const boom = [
      {
        meta: { ...catalog[0].meta, id: 'boom', enabledByDefault: true },
        *check() {
          throw new Error('kaboom');
          yield* [];
        },
      },
    ];
    const a = reviewAdmission(review(compliantPod()), { rules: boom });
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings?.[0]).toMatch(/could not check Pod apps\/good; allowed \(failurePolicy Ignore\)/);
    const f = reviewAdmission(review(compliantPod()), { rules: boom, failurePolicy: 'Fail' });
    expect(f.response.allowed).toBe(false);
    expect(f.response.status?.code).toBe(500);
  });

  test('a long list of denials is capped', () => {
    const pod = privilegedPod();
    pod.spec.containers = Array.from({ length: 20 }, (_, i) => ({
      name: `c${i}`,
      image: 'x:1',
      securityContext: { privileged: true },
    }));
    const d = reviewAdmission(review(pod), { maxListed: 5 });
    const lines = d.response.status!.message.split('\n');
    expect(lines.filter((l) => l.startsWith('- [')).length).toBe(5);
    expect(lines.at(-1)).toMatch(/^- and \d+ more$/);
  });
});

describe('reviewAdmission with admission policies (the same engine option as scan)', () => {
  const policyText = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: team-label
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ['']
        apiVersions: ['v1']
        operations: ['CREATE', 'UPDATE']
        resources: ['configmaps']
  validations:
    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
      message: every ConfigMap needs a team label
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: team-label
spec:
  policyName: team-label
  validationActions: [Deny]
`;
  const policies = parseManifestText(policyText, 'policies.yaml').objects;

  test('a ValidatingAdmissionPolicy denies through the webhook; a compliant object passes', () => {
    const cm = (labels: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'apps', labels },
      data: { a: 'b' },
    });
    const bad = reviewAdmission(review(cm({})), { engine: { policies } });
    expect(bad.response.allowed).toBe(false);
    expect(bad.response.status?.message).toMatch(/admission-policy.*every ConfigMap needs a team label/);
    const good = reviewAdmission(review(cm({ team: 'shop' })), { engine: { policies } });
    expect(good.findings.filter((f) => f.ruleId === 'admission-policy')).toEqual([]);
  });
});
