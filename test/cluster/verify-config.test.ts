/**
 * `kubeward verify` reads the same configuration as scan and monitor (.kubeward.yaml in the working
 * directory, or --config / --profile): rule settings and severities, exemptions, custom CEL rules,
 * `policies:` paths and failOn. Before, verify ignored it: a team's custom rules never judged the
 * live cluster, and its severities and exemptions differed between the pipeline's two halves.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeKube, type Json } from '../support/fake-kube/index.ts';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { runVerifyCli } from '../support/run-verify.ts';

jest.setTimeout(60_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NS = path.join(ROOT, 'test/fixtures/cluster/live/00-namespaces.yaml');

let pki: TestPki;
let fake: FakeKube;
beforeAll(async () => {
  pki = makePki();
  fake = await FakeKube.start({ pki, fixtures: [NS], objects: [deployment('web', 9)] });
});
afterAll(() => fake.close());

function deployment(name: string, replicas: number): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, generation: 1, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'app', image: 'registry.example/web:1.0', securityContext: { privileged: true } }],
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
  };
}

async function verifyIn(cwd: string, args: string[] = []) {
  const r = await runVerifyCli(['--kubeconfig', fake.kubeconfigPath, '-n', 'shop', ...args], {}, cwd);
  return { code: r.code, stderr: r.stderr, findings: r.report.findings };
}

const CONFIG = `failOn: critical
rules:
  liveness-probe: { enabled: false }
  run-as-non-root: { severity: low }
exemptions:
  - rules: [privileged-container]
    objects: [Deployment/shop/web]
    reason: the node agent needs it
    expires: 2099-01-01
customRules:
  - id: team-label
    title: Workloads carry a team label
    severity: critical
    match:
      kinds: [Deployment]
    expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
    message: every workload needs a team label
`;

test('without a configuration, the defaults judge the cluster', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-cfg-'));
  const r = await verifyIn(dir);
  const ids = new Set(r.findings.map((f) => f.ruleId));
  expect(ids.has('liveness-probe')).toBe(true);
  expect(ids.has('privileged-container')).toBe(true);
  expect(ids.has('team-label')).toBe(false);
  expect(r.code).toBe(1);
});

test('.kubeward.yaml in the working directory: rules, severities, exemptions, custom rules and failOn apply', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-cfg-'));
  writeFileSync(path.join(dir, '.kubeward.yaml'), CONFIG);
  const r = await verifyIn(dir);
  const ids = r.findings.map((f) => f.ruleId);
  expect(ids).not.toContain('liveness-probe');
  // exempted: not among the findings
  expect(ids).not.toContain('privileged-container');
  expect(r.findings.filter((f) => f.ruleId === 'run-as-non-root').map((f) => f.severity)).toEqual(['low']);
  const custom = r.findings.filter((f) => f.ruleId === 'team-label');
  expect(custom.map((f) => [f.object?.name, f.severity, f.message])).toEqual([
    ['web', 'critical', 'every workload needs a team label'],
  ]);
  // failOn: critical from the file, and the custom rule's critical finding fails the run
  expect(r.code).toBe(1);
  // --fail-on on the command line wins over the file
  expect((await verifyIn(dir, ['--fail-on', 'none'])).code).toBe(0);
});

test('--config names the file; an invalid one is a configuration error (exit 2) at its line', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-cfg-'));
  writeFileSync(path.join(dir, 'team.yaml'), CONFIG);
  const ok = await verifyIn(dir, ['--config', 'team.yaml']);
  expect(ok.findings.some((f) => f.ruleId === 'team-label')).toBe(true);
  const other = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-cfg-'));
  writeFileSync(path.join(other, 'bad.yaml'), 'rules:\n  no-such-rule: { enabled: false }\n');
  const bad = await verifyIn(other, ['--config', 'bad.yaml']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/kubeward verify: configuration: .*bad\.yaml:2:3: unknown rule "no-such-rule"/);
  expect(bad.findings).toEqual([]);
});
