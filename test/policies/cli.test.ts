/** `kubeward explain <policy>`, `kubeward rules` with custom rules, `kubeward scan --policies`, in process. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { registerRules } from '../../src/core/rules/index.ts';

const root = mkdtempSync(path.join(tmpdir(), 'kubeward-policy-cli-'));
afterAll(() => {
  registerRules([]);
  rmSync(root, { recursive: true, force: true });
});

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'policies', 'vap');

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    env: {},
    cwd,
    stdoutIsTTY: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

describe('policy CLI', () => {
  const dir = path.join(root, 'p');
  mkdirSync(path.join(dir, 'policies'), { recursive: true });
  writeFileSync(
    path.join(dir, 'policies', 'vars.yaml'),
    readFileSync(path.join(FIXTURES, '06-variables.yaml'), 'utf8'),
  );
  writeFileSync(
    path.join(dir, 'app.yaml'),
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kw-vap06-staging\n  labels: { environment: staging, kw-vap06: 'on' }\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: kw-vap06-staging\nspec:\n  selector:\n    matchLabels: { app: a }\n  template:\n    metadata:\n      labels: { app: a }\n    spec:\n      containers:\n        - name: app\n          image: prod.example.com/app:1.0\n`,
  );

  it('explains a policy: validations and bindings with their file:line', async () => {
    const r = await cli(['explain', 'kw-vap06-image-environment', '--policies', 'policies'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ValidatingAdmissionPolicy kw-vap06-image-environment (policies/vars.yaml:');
    expect(r.stdout).toMatch(/Validations:\n {2}1\. variables\.exempt \|\| .*\(policies\/vars\.yaml:\d+\)/);
    expect(r.stdout).toMatch(/Bindings:\n {2}kw-vap06-image-environment: Deny/);
    expect(r.stdout).toContain('environment = ');
  });

  it('an unknown policy name is a usage error listing the policies found', async () => {
    const r = await cli(['explain', 'nope', '--policies', 'policies'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policies found: kw-vap06-image-environment');
  });

  it('scan --policies reports the denial and fails the run', async () => {
    const r = await cli(['scan', 'app.yaml', '--policies', 'policies', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] };
    const f = report.findings.filter((x) => x.ruleId === 'admission-policy');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/only staging images are allowed in namespace kw-vap06-staging$/);
  });

  it('rules and explain know the custom rules of the configuration', async () => {
    const cdir = path.join(root, 'c');
    mkdirSync(cdir, { recursive: true });
    writeFileSync(
      path.join(cdir, '.kubeward.yaml'),
      `customRules:\n  - id: no-default-ns\n    title: Not in default\n    severity: low\n    match: { kinds: ['*'] }\n    expression: "request.namespace != 'default'"\n    remediation: Set metadata.namespace.\n`,
    );
    const rules = await cli(['rules'], cdir);
    expect(rules.stdout).toMatch(/no-default-ns\s+low\s+policy\s+on\s+Not in default/);
    const ex = await cli(['explain', 'no-default-ns'], cdir);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain('Set metadata.namespace.');
  });
});
