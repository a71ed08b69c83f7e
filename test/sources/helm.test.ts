/**
 * Helm charts rendered with the real helm binary: each trace-back case on the fixture chart
 * test/fixtures/sources/helm/shop, environments, profiles, test hooks, dependencies, bad input.
 */
import { jest } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan, type ScanOptions } from '../../src/core/scan.ts';
import type { Finding, Report } from '../../src/core/model.ts';
import { fixLineEdit } from '../../src/core/fixes/index.ts';
import { planReview } from '../../src/pr/review.ts';
import { diffsOf } from '../../src/pr/diff.ts';
import { describeWith, holdsKey, toolEnv } from '../support/sources.ts';

jest.setTimeout(120_000);

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sources/helm');

/** A private copy of the fixture charts (tests add config files and charts to it). */
function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-helm-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

async function run(cwd: string, opts: Partial<ScanOptions> = {}): Promise<Report> {
  return scan({ paths: ['shop'], cwd, env: toolEnv(), ...opts });
}

const ENVS = { dev: { values: ['values-dev.yaml'] }, prod: { values: ['values-prod.yaml'] } };

function find(r: Report, rule: string, pred: (f: Finding) => boolean = () => true): Finding[] {
  return r.findings.filter((f) => f.ruleId === rule && pred(f));
}

/** 1-based line of the first line of `file` matching `re`. */
function lineOf(cwd: string, file: string, re: RegExp): number {
  return (
    readFileSync(path.join(cwd, file), 'utf8')
      .split('\n')
      .findIndex((l) => re.test(l)) + 1
  );
}

describeWith('helm')('Helm charts: trace-back of each case', () => {
  let cwd: string;
  let report: Report;
  beforeAll(async () => {
    cwd = workdir();
    report = await run(cwd);
  });

  test('the chart is rendered, not skipped or reported as a template source', () => {
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'invalid-yaml')).toEqual([]);
    expect(report.objectsScanned).toBe(3); // web, worker, debug; the test hook is skipped
    expect(report.sources).toEqual([
      expect.objectContaining({ tool: 'helm', source: 'shop', environment: 'default', objects: 3 }),
    ]);
  });

  test('a key written literally in the template points at that template line', () => {
    const [f] = find(report, 'host-ipc');
    expect(f.location).toMatchObject({
      file: 'shop/templates/deployment.yaml',
      line: lineOf(cwd, 'shop/templates/deployment.yaml', /hostIPC: true/),
    });
    expect(f.details?.traced).toBe('template');
    // the rendered location is kept
    expect(f.details?.rendered).toMatch(/^shop \(helm template\):\d+$/);
  });

  test('a value from .Values.a.b points at a.b in the values file', () => {
    const [f] = find(report, 'image-tag-latest');
    expect(f.location).toMatchObject({
      file: 'shop/values.yaml',
      line: lineOf(cwd, 'shop/values.yaml', /tag: latest/),
    });
    expect(f.details).toMatchObject({ traced: 'values', valuesKey: 'image.tag' });
  });

  test('a field inside toYaml .Values.x points at x in the values file (missing field: at x)', () => {
    const [f] = find(report, 'seccomp-profile', (x) => x.details?.container === 'web');
    expect(f.location).toMatchObject({
      file: 'shop/values.yaml',
      line: lineOf(cwd, 'shop/values.yaml', /^securityContext:/),
    });
    expect(f.details?.valuesKey).toBe('securityContext.seccompProfile');
  });

  test('include of a named template that writes toYaml .Values.x points at x', () => {
    const [f] = find(report, 'seccomp-profile', (x) => x.details?.container === 'worker');
    expect(f.location?.file).toBe('shop/values.yaml');
    expect(f.details?.valuesKey).toBe('worker.securityContext.seccompProfile');
    expect(readFileSync(path.join(cwd, 'shop/values.yaml'), 'utf8').split('\n')[f.location!.line - 1]).toMatch(
      /^\s+securityContext:/,
    );
  });

  test('a field neither literal nor from values points at the template object line', () => {
    const [f] = find(report, 'host-pid');
    expect(f.location).toMatchObject({
      file: 'shop/templates/debug.yaml',
      line: lineOf(cwd, 'shop/templates/debug.yaml', /^kind: Pod/),
    });
    expect(f.details?.traced).toBe('object');
  });

  test('every finding points at a file of the chart, at a line holding its key', () => {
    for (const f of report.findings) {
      expect(f.location?.file).toMatch(/^shop\//);
      if (f.details?.traced !== 'object')
        expect([f.ruleId, f.path, holdsKey(cwd, f)]).toEqual([f.ruleId, f.path, true]);
    }
  });

  test('Helm test hooks are skipped by default, and said so; includeTests scans them', async () => {
    expect(report.skipped).toEqual([
      expect.objectContaining({
        file: 'shop/templates/tests/test-connection.yaml',
        reason: expect.stringMatching(/Helm test hook/),
      }),
    ]);
    expect(report.sources?.[0].notes.join()).toMatch(/1 Helm test hook object skipped/);
    expect(find(report, 'privileged-container')).toEqual([]);
    const withTests = await run(cwd, { sources: { includeTests: true } });
    expect(find(withTests, 'privileged-container').map((f) => f.location?.file)).toEqual([
      'shop/templates/tests/test-connection.yaml',
    ]);
  });

  test('a fix traced to a values file becomes a suggestion on that file, under the right key', () => {
    const [f] = find(report, 'privilege-escalation', (x) => x.details?.container === 'worker');
    expect(f.fix?.document).toBe(true);
    const text = readFileSync(path.join(cwd, f.location!.file), 'utf8');
    const edit = fixLineEdit(text, f);
    expect(edit).toBeDefined();
    const after = [
      ...text.split('\n').slice(0, edit!.startLine - 1),
      ...edit!.lines,
      ...text.split('\n').slice(edit!.endLine),
    ].join('\n');
    expect(after).toMatch(
      /worker:\n {2}securityContext:\n {4}privileged: false\n {4}allowPrivilegeEscalation: false\n/,
    );
  });
});

describeWith('helm')('Helm charts: environments', () => {
  let cwd: string;
  let report: Report;
  beforeAll(async () => {
    cwd = workdir();
    report = await run(cwd, { sources: { helm: [{ chart: 'shop', environments: ENVS }] } });
  });

  test('each environment is rendered as its own set', () => {
    expect(report.errors).toEqual([]);
    expect(report.sources?.map((s) => s.environment)).toEqual(['dev', 'prod']);
  });

  test('a finding present in every environment is reported once, with the list', () => {
    const f = find(report, 'host-ipc');
    expect(f).toHaveLength(1);
    expect(f[0].details?.environments).toBe('dev, prod');
  });

  test("a finding of one environment names it, and is traced to that environment's values file", () => {
    const sidecar = find(report, 'privileged-container', (x) => x.details?.container === 'proxy');
    expect(sidecar).toHaveLength(1);
    expect(sidecar[0].details).toMatchObject({
      environment: 'prod',
      valuesKey: 'sidecars[0].securityContext.privileged',
    });
    expect(sidecar[0].location).toMatchObject({
      file: 'shop/values-prod.yaml',
      line: lineOf(cwd, 'shop/values-prod.yaml', /privileged: true/),
    });
    // worker.securityContext is set in both files: prod's own file wins
    const worker = find(report, 'privileged-container', (x) => x.details?.container === 'worker');
    expect(worker.map((f) => [f.details?.environment, f.location?.file])).toEqual([['prod', 'shop/values-prod.yaml']]);
  });

  test('the same finding at different values lines stays one per environment, with distinct fingerprints', () => {
    const f = find(report, 'seccomp-profile', (x) => x.details?.container === 'worker');
    expect(f.map((x) => [x.details?.environment, x.location?.file]).sort()).toEqual([
      ['dev', 'shop/values.yaml'],
      ['prod', 'shop/values-prod.yaml'],
    ]);
    expect(new Set(f.map((x) => x.fingerprint)).size).toBe(2);
  });

  test('a profile tied to an environment applies to that environment only', async () => {
    writeFileSync(
      path.join(cwd, '.kubeward.yaml'),
      [
        'sources:',
        '  helm:',
        '    - chart: shop',
        '      environments:',
        '        dev: [values-dev.yaml]',
        '        prod: { values: [values-prod.yaml], profile: strict }',
        'profiles:',
        '  strict:',
        '    rules:',
        '      host-ipc: { severity: critical }',
        '',
      ].join('\n'),
    );
    const r = await run(cwd);
    const f = find(r, 'host-ipc');
    expect(f.map((x) => [x.details?.environment, x.severity]).sort()).toEqual([
      ['dev', 'high'],
      ['prod', 'critical'],
    ]);
  });
});

describeWith('helm')('Helm charts: bad input never passes', () => {
  test('no helm binary: an input error with the message users need', async () => {
    const cwd = workdir();
    const r = await scan({ paths: ['shop'], cwd, env: { PATH: path.join(cwd, 'no-bin') } });
    expect(r.errors).toEqual([
      { file: 'shop', message: 'helm is needed to scan shop: install it or render the chart yourself' },
    ]);
    expect(r.objectsScanned).toBe(0);
  });

  test('a dependency not vendored in charts/: a clear error to run helm dependency build', async () => {
    const cwd = workdir();
    writeFileSync(
      path.join(cwd, 'shop/Chart.yaml'),
      readFileSync(path.join(cwd, 'shop/Chart.yaml'), 'utf8') +
        'dependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n',
    );
    const r = await run(cwd);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(
      /depends on redis, not found in shop\/charts\/: run `helm dependency build shop` first/,
    );
    // vendored: rendered, and the subchart's findings point into charts/
    mkdirSync(path.join(cwd, 'shop/charts/redis/templates'), { recursive: true });
    writeFileSync(path.join(cwd, 'shop/charts/redis/Chart.yaml'), 'apiVersion: v2\nname: redis\nversion: 1.0.0\n');
    writeFileSync(
      path.join(cwd, 'shop/charts/redis/templates/pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: redis\nspec:\n  hostNetwork: true\n  containers:\n    - name: redis\n      image: redis:7.2\n',
    );
    const ok = await run(cwd);
    expect(ok.errors).toEqual([]);
    expect(find(ok, 'host-network').map((f) => `${f.location?.file}:${f.location?.line}`)).toEqual([
      'shop/charts/redis/templates/pod.yaml:6',
    ]);
  });

  test("a render error shows helm's message with secrets redacted", async () => {
    const cwd = workdir();
    writeFileSync(
      path.join(cwd, 'shop/templates/fail.yaml'),
      '{{ if .Values.password }}{{ fail (printf "refusing password %s" .Values.password) }}{{ end }}\n',
    );
    const token = 'gh' + 'p_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
    const r = await run(cwd, { sources: { set: [`password=${token}`] } });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^helm template failed for shop: .*refusing password/s);
    expect(JSON.stringify(r)).not.toContain(token);
    expect(r.errors[0].message).toContain('ghp_…(40 chars)');
  });

  test('a missing values file is an input error naming it', async () => {
    const cwd = workdir();
    const r = await run(cwd, {
      sources: { helm: [{ chart: 'shop', environments: { qa: { values: ['values-qa.yaml'] } } }] },
    });
    expect(r.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/values file of chart shop \(environment qa\) not found/),
      }),
    ]);
  });
});

describeWith('helm')('Helm charts: pull request review', () => {
  test('review comments and suggestion blocks go to the traced values file', async () => {
    const cwd = workdir();
    const report = await run(cwd);
    // the PR adds shop/values.yaml as a whole
    const text = readFileSync(path.join(cwd, 'shop/values.yaml'), 'utf8');
    const lines = text.replace(/\n$/, '').split('\n');
    const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
    const { comments } = await planReview(
      { report, readFile: async (f) => readFileSync(path.join(cwd, f), 'utf8') },
      diffsOf([{ filename: 'shop/values.yaml', status: 'added', patch }]),
      [],
    );
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((c) => c.path === 'shop/values.yaml')).toBe(true);
    const worker = comments.find((c) => c.body.includes('privilege-escalation') && c.body.includes('```suggestion'));
    expect(worker?.body).toMatch(/```suggestion\n(?:.*\n)*\s+allowPrivilegeEscalation: false\n/);
  });
});
