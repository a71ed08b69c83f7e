/** Policies and custom rules through scan(): config `policies:` and `customRules:`, suppressions, SARIF. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../../src/core/scan.ts';
import { toSarif } from '../../src/core/report/sarif.ts';
import { getRule, registerRules } from '../../src/core/rules/index.ts';
import { ConfigError } from '../../src/core/config.ts';

const root = mkdtempSync(path.join(tmpdir(), 'kubeward-policies-'));
afterAll(() => {
  registerRules([]);
  rmSync(root, { recursive: true, force: true });
});

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

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
          image: registry.example/web:1.0
`;

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ['apps']
        apiVersions: ['v1']
        operations: ['CREATE', 'UPDATE']
        resources: ['deployments']
  validations:
    - expression: 'object.spec.replicas <= 3'
      message: at most 3 replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas
spec:
  policyName: max-replicas
  validationActions: [Deny]
`;

describe('scan with policies', () => {
  it('judges the manifests by the policies of a policies path, which are not scanned themselves', async () => {
    const dir = project('paths', { 'app/deploy.yaml': DEPLOY, 'policies/max.yaml': POLICY });
    const report = await scan({ paths: ['app'], cwd: dir, policyPaths: ['policies'] });
    const f = report.findings.filter((x) => x.ruleId === 'admission-policy');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ location: { file: 'app/deploy.yaml', line: 7 }, path: 'spec.replicas' });
    expect(f[0]!.details?.policyLocation).toBe('policies/max.yaml:13');
    expect(report.objectsScanned).toBe(1);
  });

  it('reads policies: from the configuration, and a policy also under the scanned path counts once', async () => {
    const dir = project('config', {
      'deploy.yaml': DEPLOY,
      'policies/max.yaml': POLICY,
      '.kubeward.yaml': 'policies: [policies]\n',
    });
    const report = await scan({ paths: ['.'], cwd: dir });
    expect(report.findings.filter((x) => x.ruleId === 'admission-policy')).toHaveLength(1);
  });

  it('a missing policies path is an input error, not a silent pass', async () => {
    const dir = project('missing', { 'deploy.yaml': DEPLOY });
    const report = await scan({ paths: ['.'], cwd: dir, policyPaths: ['nope'] });
    expect(report.errors.length).toBeGreaterThan(0);
  });
});

const CUSTOM = `customRules:
  - id: team-label
    title: Workloads name their team
    severity: medium
    match:
      kinds: [Deployment]
    expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
    messageExpression: "'Deployment ' + object.metadata.name + ' has no team label'"
    path: metadata
    remediation: Add a team label.
  - id: few-replicas
    title: Few replicas
    severity: low
    match:
      resourceRules:
        - apiGroups: [apps]
          apiVersions: ['*']
          resources: [deployments]
    expression: object.spec.replicas <= params.max
    params: { max: 5 }
`;

describe('custom CEL rules', () => {
  it('run like built-in rules: findings, SARIF metadata, getRule', async () => {
    const dir = project('custom', { 'deploy.yaml': DEPLOY, '.kubeward.yaml': CUSTOM });
    const report = await scan({ paths: ['deploy.yaml'], cwd: dir });
    const team = report.findings.find((f) => f.ruleId === 'team-label');
    expect(team).toMatchObject({
      severity: 'medium',
      message: 'Deployment web has no team label',
      path: 'metadata',
      title: 'Workloads name their team',
    });
    expect(team?.location?.line).toBe(3);
    const few = report.findings.find((f) => f.ruleId === 'few-replicas');
    expect(few).toMatchObject({ severity: 'low', path: 'spec.replicas' });
    expect(getRule('team-label')?.meta.remediation).toBe('Add a team label.');
    const sarif = JSON.stringify(toSarif(report));
    expect(sarif).toContain('"id":"team-label"');
    expect(sarif).toContain('Add a team label.');
  });

  it('honour severity overrides, exemptions and suppression annotations', async () => {
    const cfg = `${CUSTOM}rules:\n  team-label: { severity: high }\nexemptions:\n  - rules: [few-replicas]\n    objects: [Deployment/shop/web]\n    reason: load test\n`;
    const dir = project('custom2', { 'deploy.yaml': DEPLOY, '.kubeward.yaml': cfg });
    const report = await scan({ paths: ['deploy.yaml'], cwd: dir });
    expect(report.findings.find((f) => f.ruleId === 'team-label')?.severity).toBe('high');
    expect(report.findings.some((f) => f.ruleId === 'few-replicas')).toBe(false);
    expect(report.suppressed.some((f) => f.ruleId === 'few-replicas')).toBe(true);
  });

  it('a custom rule with bad CEL is a configuration error at its line', async () => {
    const bad = CUSTOM.replace('object.spec.replicas <= params.max', 'object.spec.replicas <=');
    const dir = project('custom3', { 'deploy.yaml': DEPLOY, '.kubeward.yaml': bad });
    const err = await scan({ paths: ['deploy.yaml'], cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).line).toBe(19);
    expect((err as ConfigError).message).toMatch(/few-replicas/);
  });

  it('a custom rule may not reuse a built-in id', async () => {
    const dup = CUSTOM.replace('id: team-label', 'id: host-network');
    const dir = project('custom4', { 'deploy.yaml': DEPLOY, '.kubeward.yaml': dup });
    const err = await scan({ paths: ['deploy.yaml'], cwd: dir }).catch((e: unknown) => e);
    expect((err as ConfigError).message).toMatch(/already a built-in rule/);
  });
});
