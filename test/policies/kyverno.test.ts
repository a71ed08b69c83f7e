import { describe, expect, it } from '@jest/globals';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { evaluate } from '../../src/core/engine.ts';
import { getRule } from '../../src/core/rules/index.ts';

const POLICY = `apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata:
  name: require-team
spec:
  validationActions: [Deny]
  matchConstraints:
    resourceRules:
      - apiGroups: ['apps']
        apiVersions: ['v1']
        operations: ['CREATE', 'UPDATE']
        resources: ['deployments']
  variables:
    - name: labels
      expression: 'has(object.metadata.labels) ? object.metadata.labels : {}'
  validations:
    - expression: "'team' in variables.labels"
      messageExpression: "'deployment ' + object.metadata.name + ' needs a team label'"
`;

const deploy = (name: string, labels = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
${labels}spec:
  selector:
    matchLabels: { app: x }
  template:
    metadata:
      labels: { app: x }
    spec:
      containers:
        - name: x
          image: registry.example/x:1.0
`;

function findings(text: string) {
  const parsed = parseManifestText(text, 'k.yaml');
  const rules = ['kyverno-policy', 'policy-invalid', 'policy-not-evaluated'].map((id) => getRule(id)!);
  const res = evaluate(parsed.objects, [], { rules });
  expect(res.errors).toEqual([]);
  return res.findings;
}

describe('Kyverno ValidatingPolicy', () => {
  it('denies an object that breaks a validation, with the messageExpression', () => {
    const f = findings(`${POLICY}---\n${deploy('web')}---\n${deploy('ok', '  labels:\n    team: a\n')}`);
    expect(f.map((x) => [x.ruleId, x.object?.name, x.severity])).toEqual([['kyverno-policy', 'web', 'high']]);
    expect(f[0]!.message).toBe(
      "Kyverno ValidatingPolicy 'require-team' denies this object: deployment web needs a team label",
    );
    expect(f[0]!.details?.policyLocation).toBe('k.yaml:17');
  });

  it('Audit (the default) is low; Warn is medium', () => {
    const audit = findings(`${POLICY.replace('  validationActions: [Deny]\n', '')}---\n${deploy('web')}`);
    expect(audit.map((x) => x.severity)).toEqual(['low']);
    const warn = findings(`${POLICY.replace('[Deny]', '[Warn]')}---\n${deploy('web')}`);
    expect(warn.map((x) => x.severity)).toEqual(['medium']);
  });

  it('a PolicyException whose matchConditions hold exempts the object', () => {
    const exc = `apiVersion: policies.kyverno.io/v1
kind: PolicyException
metadata:
  name: legacy
  namespace: shop
spec:
  policyRefs:
    - name: require-team
      kind: ValidatingPolicy
  matchConditions:
    - name: legacy-only
      expression: "object.metadata.name == 'legacy'"
`;
    const f = findings(`${POLICY}---\n${exc}---\n${deploy('legacy')}---\n${deploy('web')}`);
    expect(f.map((x) => x.object?.name)).toEqual(['web']);
  });

  it('copies of one policy in several documents judge once (the cluster holds one per name)', () => {
    const f = findings(`${POLICY}---\n${POLICY}---\n${deploy('web')}`);
    expect(f.map((x) => [x.ruleId, x.object?.name])).toEqual([['kyverno-policy', 'web']]);
  });

  it('a Kyverno library call is reported as not evaluated, naming the function', () => {
    const text = POLICY.replace(
      `"'team' in variables.labels"`,
      `"resource.Get('v1', 'configmaps', 'shop', 'teams').data.size() > 0"`,
    );
    const f = findings(`${text}---\n${deploy('web')}`);
    expect(f.map((x) => x.ruleId)).toEqual(['policy-not-evaluated']);
    expect(f[0]!.message).toMatch(/resource\.Get/);
  });

  it('an unknown function is not evaluated (named); a syntax error is invalid', () => {
    const unknown = POLICY.replace(`"'team' in variables.labels"`, `"kyvernoOnly(object)"`);
    const f = findings(`${unknown}---\n${deploy('web')}`);
    expect(f.map((x) => x.ruleId)).toEqual(['policy-not-evaluated']);
    expect(f[0]!.message).toMatch(/kyvernoOnly\(\)/);
    const bad = POLICY.replace(`"'team' in variables.labels"`, `"'team' in"`);
    expect(findings(`${bad}---\n${deploy('web')}`).map((x) => x.ruleId)).toEqual(['policy-invalid']);
  });
});
