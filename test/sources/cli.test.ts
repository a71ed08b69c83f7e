/**
 * The CLI on charts, in-process (the dispatcher main.ts calls, with captured output): a chart
 * without helm exits 2 with the message; flags give environments; `kubeward fix` writes fixes
 * traced to a values file there and names the template lines it cannot edit; on a kustomize tree
 * it writes fixes traced to a base into the base and names the patches.
 */
import { jest } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { run } from '../../src/cli/run.ts';
import { describeWith, HELM, KUSTOMIZE } from '../support/sources.ts';

jest.setTimeout(120_000);

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sources/helm');

async function cli(args: string[], cwd: string, env: Record<string, string | undefined>) {
  const e: Record<string, string | undefined> = { ...process.env, ...env, NO_COLOR: '1' };
  delete e.FORCE_COLOR;
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    env: e,
    cwd,
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-cli-helm-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

test('a chart with no helm available: exit 2 with the message, never a pass', async () => {
  const cwd = workdir();
  const r = await cli(['scan', 'shop'], cwd, { PATH: path.join(cwd, 'none'), KUBEWARD_HELM: '' });
  expect(r.stderr).toContain('helm is needed to scan shop: install it or render the chart yourself');
  expect(r.code).toBe(2);
});

describeWith('helm')('CLI flags for charts', () => {
  test('--environment NAME=FILES scans each environment and names it', async () => {
    const cwd = workdir();
    const r = await cli(
      ['scan', 'shop', '--environment', 'dev=values-dev.yaml', '--environment', 'prod=values-prod.yaml', '-f', 'json'],
      cwd,
      { KUBEWARD_HELM: HELM },
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; details?: Record<string, string>; file: string | null }[];
    };
    const priv = report.findings.filter((f) => f.ruleId === 'privileged-container');
    expect(priv.every((f) => f.details?.environment === 'prod')).toBe(true);
    expect(priv.map((f) => f.file).sort()).toEqual(['shop/values-prod.yaml', 'shop/values-prod.yaml']);
    expect(report.findings.find((f) => f.ruleId === 'host-ipc')?.details?.environments).toBe('dev, prod');
  });

  test('bad --environment and --set values are usage errors', async () => {
    const cwd = workdir();
    expect((await cli(['scan', 'shop', '--environment', 'dev'], cwd, { KUBEWARD_HELM: HELM })).code).toBe(2);
    expect((await cli(['scan', 'shop', '--set', 'novalue'], cwd, { KUBEWARD_HELM: HELM })).code).toBe(2);
  });
});

describeWith('helm')('kubeward fix on a chart', () => {
  const read = (cwd: string, f: string) => readFileSync(path.join(cwd, f), 'utf8');
  const TEMPLATES = ['deployment.yaml', 'worker.yaml', 'debug.yaml'].map((t) => `shop/templates/${t}`);

  test('--dry-run: a diff of the values file, the template findings named with their line', async () => {
    const cwd = workdir();
    const values = read(cwd, 'shop/values.yaml');
    const r = await cli(['fix', 'shop', '--dry-run'], cwd, { KUBEWARD_HELM: HELM });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+++ b/shop/values.yaml');
    expect(r.stdout).toMatch(/^\+ {4}allowPrivilegeEscalation: false$/m); // under worker.securityContext
    expect(r.stdout).not.toContain('templates/');
    // what cannot be written is said, with the template line the change belongs on
    expect(r.stderr).toMatch(/need a change kubeward cannot write/);
    expect(r.stderr).toMatch(
      /automount-service-account-token shop\/templates\/worker\.yaml:\d+: make this change in the chart: shop\/templates\/worker\.yaml:\d+/,
    );
    expect(read(cwd, 'shop/values.yaml')).toBe(values);
  });

  test('writes the values file under the traced keys, leaves templates alone, and the rescan shows them fixed', async () => {
    const cwd = workdir();
    const templates = TEMPLATES.map((t) => read(cwd, t));
    const before = await cli(['scan', 'shop', '-f', 'json', '--fail-on', 'none'], cwd, { KUBEWARD_HELM: HELM });
    type J = { findings: { ruleId: string; file: string | null; details?: Record<string, string> }[] };
    const inValues = (j: J) =>
      j.findings.filter((f) => f.file === 'shop/values.yaml' && f.ruleId !== 'image-tag-latest');
    expect(inValues(JSON.parse(before.stdout) as J).length).toBeGreaterThan(3);

    const r = await cli(['fix', 'shop'], cwd, { KUBEWARD_HELM: HELM });
    expect(r.stderr).not.toMatch(/left alone/);
    expect(r.stderr).toMatch(/fixed \d+ findings? in 1 file/);
    const values = parse(read(cwd, 'shop/values.yaml')) as {
      worker: { securityContext: Record<string, unknown> };
      securityContext: Record<string, unknown>;
    };
    expect(values.worker.securityContext).toMatchObject({
      privileged: false,
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(values.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(TEMPLATES.map((t) => read(cwd, t))).toEqual(templates);
    const after = await cli(['scan', 'shop', '-f', 'json', '--fail-on', 'none'], cwd, { KUBEWARD_HELM: HELM });
    expect(inValues(JSON.parse(after.stdout) as J)).toEqual([]);
  });
});

describeWith('kustomize')('kubeward fix on a kustomize tree', () => {
  const KFIXTURES = path.resolve(import.meta.dirname, '../fixtures/sources/kustomize');
  const read = (cwd: string, f: string) => readFileSync(path.join(cwd, f), 'utf8');
  const kworkdir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-cli-kustomize-'));
    cpSync(KFIXTURES, dir, { recursive: true });
    return dir;
  };
  const OVERLAY = ['app/overlays/prod/kustomization.yaml', 'app/overlays/prod/privileged.yaml'];

  test('fixes traced to the base are written into the base (the overlay sets the namespace); patch findings are named', async () => {
    const cwd = kworkdir();
    const overlay = OVERLAY.map((f) => read(cwd, f));
    const dry = await cli(['fix', 'app', '--dry-run'], cwd, { KUBEWARD_KUSTOMIZE: KUSTOMIZE });
    expect(dry.stdout).toContain('+++ b/app/base/deployment.yaml');
    expect(dry.stdout).toMatch(/^-\s+allowPrivilegeEscalation: true$/m);
    expect(dry.stdout).toMatch(/^\+\s+allowPrivilegeEscalation: false$/m);
    expect(dry.stdout).not.toContain('overlays/');
    expect(dry.stderr).toMatch(
      /privileged-container app\/overlays\/prod\/privileged\.yaml:\d+: make this change in the patch: app\/overlays\/prod\/privileged\.yaml:\d+/,
    );

    const r = await cli(['fix', 'app'], cwd, { KUBEWARD_KUSTOMIZE: KUSTOMIZE });
    expect(r.stderr).toMatch(/fixed \d+ findings? in 1 file/);
    expect(r.stderr).not.toMatch(/could not be applied|left alone/);
    const base = parse(read(cwd, 'app/base/deployment.yaml')) as {
      metadata: Record<string, unknown>;
      spec: { template: { spec: { containers: { name: string; securityContext: Record<string, unknown> }[] } } };
    };
    expect(base.metadata.namespace).toBeUndefined();
    expect(base.spec.template.spec.containers[0].securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
    });
    expect(OVERLAY.map((f) => read(cwd, f))).toEqual(overlay);
    const after = await cli(['scan', 'app', '-f', 'json', '--fail-on', 'none'], cwd, { KUBEWARD_KUSTOMIZE: KUSTOMIZE });
    const left = (JSON.parse(after.stdout) as { findings: { ruleId: string; file: string }[] }).findings;
    // the base's own finding is gone; the prod patch's (privileged: true) is left, at the patch
    expect(left.filter((f) => f.ruleId === 'privilege-escalation').map((f) => f.file)).toEqual([
      'app/overlays/prod/privileged.yaml',
    ]);
  });

  test('a base container that the overlay moves in its list is fixed where it is in the base', async () => {
    // the overlay renames the object and inserts a sidecar at index 0: the built containers[1]
    // is the base's containers[0]
    const cwd = mkdtempSync(path.join(tmpdir(), 'kw-cli-kustomize-'));
    mkdirSync(path.join(cwd, 'app/base'), { recursive: true });
    mkdirSync(path.join(cwd, 'app/overlays/prod'), { recursive: true });
    writeFileSync(path.join(cwd, 'app/base/kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web   # the app
          image: ghcr.io/acme/web:1.0.0
          securityContext:
            allowPrivilegeEscalation: true
        - name: metrics
          image: ghcr.io/acme/metrics:2.0.0
          securityContext:
            allowPrivilegeEscalation: false
`;
    writeFileSync(path.join(cwd, 'app/base/deployment.yaml'), deployment);
    const kustomization = `namespace: prod
namePrefix: prod-
resources:
  - ../../base
patches:
  - target: {kind: Deployment, name: web}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0
        value: {name: proxy, image: "ghcr.io/acme/proxy:3.0.0", securityContext: {allowPrivilegeEscalation: false}}
`;
    writeFileSync(path.join(cwd, 'app/overlays/prod/kustomization.yaml'), kustomization);
    const r = await cli(['fix', 'app', '--rule', 'privilege-escalation'], cwd, { KUBEWARD_KUSTOMIZE: KUSTOMIZE });
    expect(r.stderr).toMatch(/fixed 1 finding in 1 file/);
    const text = read(cwd, 'app/base/deployment.yaml');
    expect(text).toBe(
      deployment.replace(
        '- name: web   # the app\n          image: ghcr.io/acme/web:1.0.0\n          securityContext:\n            allowPrivilegeEscalation: true',
        '- name: web   # the app\n          image: ghcr.io/acme/web:1.0.0\n          securityContext:\n            allowPrivilegeEscalation: false',
      ),
    );
    expect(read(cwd, 'app/overlays/prod/kustomization.yaml')).toBe(kustomization);
    const after = await cli(['scan', 'app', '-f', 'json', '--fail-on', 'none'], cwd, { KUBEWARD_KUSTOMIZE: KUSTOMIZE });
    const left = (JSON.parse(after.stdout) as { findings: { ruleId: string }[] }).findings;
    expect(left.filter((f) => f.ruleId === 'privilege-escalation')).toEqual([]);
  });
});
