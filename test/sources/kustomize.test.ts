/**
 * Kustomize trees built with the real kustomize binary: trace-back to base, strategic-merge patch,
 * JSON 6902 patch, images transformer and generator literal; overlays as environments.
 */
import { jest } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../../src/core/scan.ts';
import type { Finding, Report } from '../../src/core/model.ts';
import { describeWith, toolEnv } from '../support/sources.ts';

jest.setTimeout(120_000);

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sources/kustomize');
const TOKEN = 'gh' + 'p_' + 'Zq8Kd2Lm4Np6Rs8Tv0Wx2Yz4Ab6Cd8Ef0Gh2';

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-kustomize-'));
  cpSync(FIXTURES, dir, { recursive: true });
  const k = path.join(dir, 'app/overlays/prod/kustomization.yaml');
  writeFileSync(k, readFileSync(k, 'utf8').replace('SLACK_WEBHOOK_URL=PLACEHOLDER', `GITHUB_TOKEN=${TOKEN}`));
  return dir;
}

function lineOf(cwd: string, file: string, re: RegExp): number {
  return (
    readFileSync(path.join(cwd, file), 'utf8')
      .split('\n')
      .findIndex((l) => re.test(l)) + 1
  );
}

const at = (f: Finding | undefined) => (f ? `${f.location?.file}:${f.location?.line}` : 'none');

describeWith('kustomize')('Kustomize overlays: trace-back and environments', () => {
  let cwd: string;
  let report: Report;
  beforeAll(async () => {
    cwd = workdir();
    report = await scan({ paths: ['app'], cwd, env: toolEnv() });
  });
  const one = (rule: string, pred: (f: Finding) => boolean = () => true) =>
    report.findings.filter((f) => f.ruleId === rule && pred(f));

  test('the overlays found under the path are the environments of one source; kustomizations are not objects', () => {
    expect(report.errors).toEqual([]);
    expect(report.sources?.map((s) => [s.tool, s.source, s.environment])).toEqual([
      ['kustomize', 'app', 'dev'],
      ['kustomize', 'app', 'prod'],
    ]);
    expect(report.objects?.some((o) => o.ref.kind === 'Kustomization')).toBe(false);
    expect(report.objectsScanned).toBe(3); // dev: Deployment; prod: Deployment, ConfigMap
  });

  test('a field of the base, in every overlay: the base line, reported once with both environments', () => {
    const f = one('privilege-escalation');
    expect(f).toHaveLength(1);
    expect(at(f[0])).toBe(
      `app/base/deployment.yaml:${lineOf(cwd, 'app/base/deployment.yaml', /allowPrivilegeEscalation: true/)}`,
    );
    expect(f[0].details).toMatchObject({ traced: 'base', environments: 'dev, prod' });
  });

  test('a field set by a strategic-merge patch: the patch line, in that overlay only', () => {
    const f = one('privileged-container');
    expect(f.map(at)).toEqual([
      `app/overlays/prod/privileged.yaml:${lineOf(cwd, 'app/overlays/prod/privileged.yaml', /privileged: true/)}`,
    ]);
    expect(f[0].details).toMatchObject({ traced: 'patch', environment: 'prod' });
  });

  test('a field added by a JSON 6902 patch: the operation', () => {
    expect(one('host-network').map(at)).toEqual(['app/overlays/prod/host-network.yaml:1']);
  });

  test('an image retagged by the images transformer: its kustomization entry', () => {
    expect(one('image-tag-latest').map(at)).toEqual([
      `app/overlays/prod/kustomization.yaml:${lineOf(cwd, 'app/overlays/prod/kustomization.yaml', /- name: ghcr.io\/acme\/web/)}`,
    ]);
  });

  test('a generator literal: its kustomization line, the value redacted', () => {
    const f = report.findings.filter((x) => x.object?.kind === 'ConfigMap' && x.ruleId.startsWith('secret'));
    expect(f.length).toBeGreaterThan(0);
    expect(at(f[0])).toBe(
      `app/overlays/prod/kustomization.yaml:${lineOf(cwd, 'app/overlays/prod/kustomization.yaml', /GITHUB_TOKEN=/)}`,
    );
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  test('a kustomization folder given directly is built alone', async () => {
    const r = await scan({ paths: ['app/overlays/dev'], cwd, env: toolEnv() });
    expect(r.sources?.map((s) => [s.source, s.environment])).toEqual([['app/overlays/dev', 'default']]);
    expect(r.findings.filter((f) => f.ruleId === 'privileged-container')).toEqual([]);
  });

  test('overlays named in the configuration, with a profile for one', async () => {
    writeFileSync(
      path.join(cwd, '.kubeward.yaml'),
      'sources:\n  kustomize:\n    - path: app\n      overlays:\n        development: overlays/dev\n        production: { path: overlays/prod, profile: strict }\nprofiles:\n  strict:\n    rules:\n      privilege-escalation: { severity: critical }\n',
    );
    const r = await scan({ paths: ['app'], cwd, env: toolEnv() });
    expect(r.sources?.map((s) => s.environment)).toEqual(['development', 'production']);
    expect(
      r.findings.filter((f) => f.ruleId === 'privilege-escalation').map((f) => [f.details?.environment, f.severity]),
    ).toEqual([
      ['production', 'critical'],
      ['development', 'high'],
    ]);
  });
});

test('no kustomize and no kubectl: an input error, never a pass', async () => {
  const cwd = workdir();
  const r = await scan({ paths: ['app/overlays/dev'], cwd, env: { PATH: path.join(cwd, 'none') } });
  expect(r.errors).toEqual([
    {
      file: 'app/overlays/dev',
      message: 'kustomize is needed to scan app/overlays/dev: install kustomize or kubectl, or build it yourself',
    },
  ]);
});
