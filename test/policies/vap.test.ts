/**
 * ValidatingAdmissionPolicy semantics, on the fixtures written from the Kubernetes documentation's
 * examples (test/fixtures/policies/vap). The expected verdicts here are the ones the documentation
 * states; test/policies/oracle.test.ts compares against verdicts recorded from a real API server.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import type { K8sObject } from '../../src/core/manifests/types.ts';
import { ResourceMapper } from '../../src/core/policies/resources.ts';
import { admit, compileVaps, namespacesOf, type AdmissionVerdict } from '../../src/core/policies/vap.ts';
import { evaluate } from '../../src/core/engine.ts';
import { getRule } from '../../src/core/rules/index.ts';

const DIR = path.join(import.meta.dirname, '..', 'fixtures', 'policies', 'vap');

function load(text: string, file = 'p.yaml'): K8sObject[] {
  const parsed = parseManifestText(text, file);
  if (parsed.problems.length) throw new Error(parsed.problems[0]!.message);
  return parsed.objects;
}

function verdicts(file: string): Map<string, AdmissionVerdict> {
  const objs = load(readFileSync(path.join(DIR, file), 'utf8'), file);
  const mapper = new ResourceMapper(objs);
  const set = compileVaps(objs, mapper);
  const env = { mapper, namespaces: namespacesOf(objs), objects: objs };
  const out = new Map<string, AdmissionVerdict>();
  for (const o of objs) {
    const ann = (o.data.metadata as { annotations?: Record<string, string> }).annotations;
    if (ann?.['kubeward.test/subject'] === 'true')
      out.set(`${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`, admit(set, o, env));
  }
  return out;
}

describe('ValidatingAdmissionPolicy evaluation', () => {
  it('denies through a binding whose namespaceSelector selects the namespace, with the expression as message', () => {
    const v = verdicts('01-replica-limit.yaml');
    expect(v.get('Deployment/kw-vap01-test/six')?.denyMessage).toBe(
      "ValidatingAdmissionPolicy 'kw-vap01-max-replicas' with binding 'kw-vap01-max-replicas-test' denied request: failed expression: object.spec.replicas <= 5",
    );
    expect(v.get('Deployment/kw-vap01-test/three')?.allowed).toBe(true);
    expect(v.get('Deployment/kw-vap01-prod/six-in-prod')?.allowed).toBe(true);
  });

  it('reads params by name and words the denial with messageExpression', () => {
    const v = verdicts('02-params-by-name.yaml');
    expect(v.get('Deployment/kw-vap02/nine')?.denyMessage).toMatch(
      /denied request: spec.replicas must be no greater than 4$/,
    );
    expect(v.get('Deployment/kw-vap02/two')?.allowed).toBe(true);
  });

  it('evaluates every param a selector picks; no params with Allow admits', () => {
    const v = verdicts('03-params-by-selector.yaml');
    const six = v.get('Deployment/kw-vap03-a/six')!;
    expect(six.allowed).toBe(false);
    expect(six.decisions).toHaveLength(1);
    expect(six.denyMessage).toMatch(/replicas 6 exceed the limit limit-small$/);
    expect(v.get('Deployment/kw-vap03-a/three')?.allowed).toBe(true);
    expect(v.get('Deployment/kw-vap03-b/twenty-no-limits')?.allowed).toBe(true);
  });

  it('denies as a binding configuration error when a named param is missing and the action is Deny', () => {
    const v = verdicts('04-param-not-found.yaml');
    expect(v.get('ConfigMap/kw-vap04/anything')?.denyMessage).toBe(
      "ValidatingAdmissionPolicy 'kw-vap04-missing-param' with binding 'kw-vap04-missing-param' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
    );
  });

  it('skips the policy when a matchCondition is false', () => {
    const v = verdicts('05-match-conditions.yaml');
    expect(v.get('ConfigMap/kw-vap05/demo-settings')?.allowed).toBe(true);
    expect(v.get('ConfigMap/kw-vap05/settings')?.allowed).toBe(false);
    expect(v.get('Lease/kw-vap05/some-lease')?.allowed).toBe(true);
    expect(v.get('Role/kw-vap05/reader')?.allowed).toBe(true);
  });

  it('composes variables, including namespaceObject and variables reading variables', () => {
    const v = verdicts('06-variables.yaml');
    expect(v.get('Deployment/kw-vap06-staging/staging-image')?.allowed).toBe(true);
    expect(v.get('Deployment/kw-vap06-staging/prod-image-in-staging')?.denyMessage).toMatch(
      /only staging images are allowed in namespace kw-vap06-staging$/,
    );
    expect(v.get('Deployment/kw-vap06-staging/exempt-prod-image-in-staging')?.allowed).toBe(true);
    expect(v.get('Deployment/kw-vap06-default/staging-image-unlabelled-ns')?.denyMessage).toMatch(/only prod images/);
    expect(v.get('Deployment/kw-vap06-default/other-registry')?.allowed).toBe(true);
  });

  it('warns through a Warn binding and denies through a Deny binding', () => {
    const v = verdicts('07-warn-vs-deny.yaml');
    const warned = v.get('ConfigMap/kw-vap07-warn/unlabelled')!;
    expect(warned.allowed).toBe(true);
    expect(warned.warnings).toEqual([
      "Validation failed for ValidatingAdmissionPolicy 'kw-vap07-team-label' with binding 'kw-vap07-warn': every ConfigMap needs a team label",
    ]);
    expect(v.get('ConfigMap/kw-vap07-deny/unlabelled')?.denyMessage).toMatch(/every ConfigMap needs a team label$/);
    expect(v.get('ConfigMap/kw-vap07-deny/labelled')?.allowed).toBe(true);
  });

  it('audit annotations do not deny; the validation does, with its reason', () => {
    const v = verdicts('08-audit-annotations.yaml');
    expect(v.get('Deployment/kw-vap08/sixty')?.allowed).toBe(true);
    const d = v.get('Deployment/kw-vap08/two-hundred')!;
    expect(d.denyMessage).toMatch(/no more than 100 replicas$/);
    expect(d.decisions[0]?.reason).toBe('Forbidden');
  });

  it('applies failurePolicy to runtime errors only', () => {
    const v = verdicts('09-failure-policy.yaml');
    expect(v.get('ConfigMap/kw-vap09/no-mode-fail')?.denyMessage).toBe(
      "ValidatingAdmissionPolicy 'kw-vap09-fail' with binding 'kw-vap09-fail' denied request: expression 'object.data.mode == 'strict'' resulted in error: no such key: mode",
    );
    expect(v.get('ConfigMap/kw-vap09/no-mode-ignore')?.allowed).toBe(true);
    expect(v.get('ConfigMap/kw-vap09/lax-mode-ignore')?.allowed).toBe(false);
  });

  it('honours excludeResourceRules with resourceNames and runs the quantity and regex libraries', () => {
    const v = verdicts('10-exclude-and-libraries.yaml');
    expect(v.get('Pod/kw-vap10/small')?.allowed).toBe(true);
    expect(v.get('Pod/kw-vap10/big')?.denyMessage).toMatch(/memory limits above 1Gi: app$/);
    expect(v.get('Pod/kw-vap10/latest')?.denyMessage).toMatch(/no latest tags$/);
    expect(v.get('Pod/kw-vap10/allowed-anything')?.allowed).toBe(true);
  });
});

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ['apps']
        apiVersions: ['v1']
        operations: ['CREATE']
        resources: ['deployments']
  validations:
    - expression: 'object.spec.replicas <= 3'
      message: too many replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas
spec:
  policyName: max-replicas
  validationActions: [ACTIONS]
`;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 9
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

function scanFindings(policyText: string, objectsText: string, asPolicies = false) {
  const objs = load(objectsText, 'app.yaml');
  const pols = load(policyText, 'policies/max.yaml');
  const rules = ['admission-policy', 'policy-invalid', 'policy-not-evaluated'].map((id) => getRule(id)!);
  return evaluate(asPolicies ? objs : [...objs, ...pols], [], { rules, ...(asPolicies ? { policies: pols } : {}) });
}

describe('policies as findings', () => {
  it('reports a Deny at the named field, high, with the policy file:line in details', () => {
    const res = scanFindings(POLICY.replace('ACTIONS', 'Deny'), DEPLOY, true);
    expect(res.errors).toEqual([]);
    const f = res.findings.filter((x) => x.ruleId === 'admission-policy');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: 'high',
      path: 'spec.replicas',
      location: { file: 'app.yaml', line: 7 },
      message: "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas' denied request: too many replicas",
    });
    expect(f[0]!.details).toMatchObject({
      policy: 'max-replicas',
      binding: 'max-replicas',
      policyLocation: 'policies/max.yaml:13',
    });
    // namespace "shop" is not in the set: the finding says its labels were assumed
    expect(f[0]!.details?.namespace).toMatch(/shop is not in the set/);
  });

  it('Warn is medium and Audit is low', () => {
    const warn = scanFindings(POLICY.replace('ACTIONS', 'Warn'), DEPLOY, true).findings;
    expect(warn.map((f) => [f.ruleId, f.severity])).toEqual([['admission-policy', 'medium']]);
    expect(warn[0]!.message).toMatch(/^Validation failed for ValidatingAdmissionPolicy 'max-replicas'/);
    const audit = scanFindings(POLICY.replace('ACTIONS', 'Audit'), DEPLOY, true).findings;
    expect(audit.map((f) => [f.ruleId, f.severity])).toEqual([['admission-policy', 'low']]);
  });

  it('takes the Deny severity from the policy annotation', () => {
    const text = POLICY.replace('ACTIONS', 'Deny').replace(
      '  name: max-replicas\nspec:\n  matchConstraints',
      '  name: max-replicas\n  annotations:\n    kubeward.io/severity: critical\nspec:\n  matchConstraints',
    );
    expect(scanFindings(text, DEPLOY, true).findings[0]?.severity).toBe('critical');
  });

  it('finds policies in the scanned set too, and gives different fingerprints to different policies', () => {
    const two =
      POLICY.replace('ACTIONS', 'Deny') +
      '---\n' +
      POLICY.replace('ACTIONS', 'Deny').replace(/max-replicas/g, 'other-max');
    const f = scanFindings(two, DEPLOY).findings.filter((x) => x.ruleId === 'admission-policy');
    expect(f).toHaveLength(2);
    expect(new Set(f.map((x) => x.fingerprint)).size).toBe(2);
  });

  it('copies of one policy and binding in several files judge once (the API server holds one per name)', () => {
    const objs = load(DEPLOY, 'app.yaml');
    const copies = [
      ...load(POLICY.replace('ACTIONS', 'Deny'), 'dev/policy.yaml'),
      ...load(POLICY.replace('ACTIONS', 'Deny'), 'prod/policy.yaml'),
      ...load(POLICY.replace('ACTIONS', 'Deny'), 'vendor/policy.yaml'),
    ];
    const rules = ['admission-policy', 'policy-invalid', 'policy-not-evaluated'].map((id) => getRule(id)!);
    const f = evaluate(objs, [], { rules, policies: copies }).findings.filter((x) => x.ruleId === 'admission-policy');
    // three copies of each made nine (policy x binding) decisions for one object
    expect(f.map((x) => x.message)).toEqual([
      "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas' denied request: too many replicas",
    ]);
    // copies that differ are each judged: which one the cluster holds depends on the order of applies
    const differing = [
      ...load(POLICY.replace('ACTIONS', 'Deny'), 'dev/policy.yaml'),
      ...load(
        POLICY.replace('ACTIONS', 'Deny').replace('<= 3', '<= 2').replace('too many', 'far too many'),
        'prod/policy.yaml',
      ),
    ];
    const g = evaluate(objs, [], { rules, policies: differing }).findings.filter(
      (x) => x.ruleId === 'admission-policy',
    );
    expect(g.map((x) => x.message).sort()).toEqual([
      "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas' denied request: far too many replicas",
      "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas' denied request: too many replicas",
    ]);
  });

  it('reports bad CEL at the expression line and never crashes', () => {
    const bad = POLICY.replace('ACTIONS', 'Deny').replace("'object.spec.replicas <= 3'", "'object.spec.replicas <='");
    const res = scanFindings(bad, DEPLOY, true);
    expect(res.errors).toEqual([]);
    const inv = res.findings.filter((f) => f.ruleId === 'policy-invalid');
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({
      location: { file: 'policies/max.yaml', line: 13 },
      path: 'spec.validations[0].expression',
    });
  });

  it('reports an unknown paramKind at its line and denies what the policy matches, as the API server would', () => {
    const text = POLICY.replace('ACTIONS', 'Deny')
      .replace(
        'spec:\n  matchConstraints',
        'spec:\n  paramKind:\n    apiVersion: example.com/v1\n    kind: Limits\n  matchConstraints',
      )
      .replace(
        'validationActions: [Deny]',
        'validationActions: [Deny]\n  paramRef:\n    name: x\n    parameterNotFoundAction: Deny',
      );
    const res = scanFindings(text, DEPLOY, true);
    const inv = res.findings.find((f) => f.ruleId === 'policy-invalid');
    expect(inv?.path).toBe('spec.paramKind');
    expect(inv?.location?.line).toBe(6);
    const deny = res.findings.find((f) => f.ruleId === 'admission-policy');
    expect(deny?.message).toBe(
      "ValidatingAdmissionPolicy 'max-replicas' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=Limits'",
    );
  });

  it('reports a policy without a binding, and a binding without its policy', () => {
    const onlyPolicy = POLICY.split('---')[0]!;
    const f = scanFindings(onlyPolicy, DEPLOY, true).findings;
    expect(f.map((x) => [x.ruleId, x.severity])).toEqual([['policy-not-evaluated', 'low']]);
    const onlyBinding = POLICY.replace('ACTIONS', 'Deny').split('---')[1]!;
    const g = scanFindings(onlyBinding, DEPLOY, true).findings;
    expect(g.map((x) => x.ruleId)).toEqual(['policy-not-evaluated']);
    expect(g[0]!.message).toMatch(/not in the set/);
  });

  it('reports an authorizer check as not evaluated, never as a pass', () => {
    const text = POLICY.replace('ACTIONS', 'Deny').replace(
      "'object.spec.replicas <= 3'",
      "\"authorizer.group('apps').resource('deployments').check('scale').allowed()\"",
    );
    const f = scanFindings(text, DEPLOY, true).findings;
    expect(f.some((x) => x.ruleId === 'policy-not-evaluated' && x.object?.name === 'web')).toBe(true);
    expect(f.some((x) => x.ruleId === 'admission-policy')).toBe(false);
  });

  it('stops a runaway expression and reports it', () => {
    const list = Array.from({ length: 300 }, (_x, i) => `    k${i}: v`).join('\n');
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: shop\ndata:\n${list}\n`;
    const text = POLICY.replace('ACTIONS', 'Deny')
      .replace("resources: ['deployments']", "resources: ['configmaps']")
      .replace("apiGroups: ['apps']", "apiGroups: ['']")
      .replace(
        "'object.spec.replicas <= 3'",
        "'object.data.all(a, object.data.all(b, object.data.all(c, a != b || b == c)))'",
      );
    const f = scanFindings(text, cm, true).findings.filter((x) => x.ruleId === 'admission-policy');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/cost limit exceeded/);
  });
});

describe('a policy the API server refuses to store', () => {
  it('judges nothing and is reported as invalid (fixture 11: string-or-null audit annotation)', () => {
    const v = verdicts('11-rejected-policy.yaml');
    expect(v.get('Deployment/kw-vap11/two-hundred')?.allowed).toBe(true);
    expect(v.get('Deployment/kw-vap11/two-hundred')?.decisions).toEqual([]);
  });
});
