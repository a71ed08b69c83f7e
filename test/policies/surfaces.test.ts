/**
 * `policies` on every surface: the action input and the orb parameter reach the same code as
 * `kubeward scan --policies` (a VAP in a policies folder denies a Deployment of the scanned paths).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { cleanupActionRuns, runActionEntry, workspaceWith } from '../support/action-runner.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const temps: string[] = [];
afterAll(async () => {
  await cleanupActionRuns();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
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
        operations: ['CREATE', 'UPDATE']
        resources: ['deployments']
  validations:
    - expression: 'object.spec.replicas <= 5'
      message: at most 5 replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas
spec:
  policyName: max-replicas
  validationActions: [Deny]
`;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 8
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

test('the action input policies judges the scanned manifests with those policies', async () => {
  const ws = workspaceWith({ 'deploy/web.yaml': DEPLOY, 'policies/max.yaml': POLICY });
  const without = await runActionEntry(ws, undefined, { paths: 'deploy', comment: 'off', 'fail-on': 'none' });
  const results = (r: { outputs: Record<string, string> }) =>
    (
      JSON.parse(readFileSync(path.resolve(ws, r.outputs['sarif-file'] ?? 'kubeward.sarif'), 'utf8')) as {
        runs: { results: { ruleId: string; message: { text: string } }[] }[];
      }
    ).runs[0]!.results.filter((x) => x.ruleId === 'admission-policy');
  expect(results(without)).toEqual([]);
  const r = await runActionEntry(ws, undefined, {
    paths: 'deploy',
    policies: 'policies',
    comment: 'off',
    'fail-on': 'none',
  });
  expect(r.code).toBe(0);
  expect(
    results(r)
      .map((x) => x.message.text)
      .join('\n'),
  ).toContain(
    "ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas' denied request: at most 5 replicas",
  );
});

test('action.yml declares the policies input', () => {
  const action = yaml.load(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
  expect(action.inputs.policies).toMatchObject({ required: false, default: '' });
});

test('the orb parameter policies becomes one --policies per path in scan.sh', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-orb-policies-'));
  temps.push(dir);
  const log = path.join(dir, 'argv');
  writeFileSync(path.join(dir, 'kubeward'), `#!/bin/bash\nprintf '%s\\0' "$@" > "${log}"\nexit 0\n`, { mode: 0o755 });
  const r = spawnSync('bash', [path.join(ROOT, 'orb/src/scripts/scan.sh')], {
    cwd: dir,
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      HOME: dir,
      KW_OUTPUT_DIR: path.join(dir, 'out'),
      KW_PATHS: 'deploy',
      KW_POLICIES: 'policies/\nextra/*.yaml\n',
    },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  const argv = readFileSync(log, 'utf8').split('\0').slice(0, -1);
  expect(argv.flatMap((a, i) => (a === '--policies' ? [argv[i + 1]] : []))).toEqual(['policies/', 'extra/*.yaml']);
  for (const f of ['orb/src/jobs/scan.yml', 'orb/src/commands/scan.yml']) {
    const el = yaml.load(readFileSync(path.join(ROOT, f), 'utf8')) as { parameters: Record<string, unknown> };
    expect(el.parameters.policies).toMatchObject({ type: 'string', default: '' });
  }
});
