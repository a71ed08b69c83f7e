/**
 * Hostile input (issue 10, section 3): glob matching is linear-time. picomatch's backtracking RegExp
 * took minutes for one exemption `objects: ["Pod/ns/*a*a*a*a*a*a*a*a*b"]` against a long name, and
 * `exclude` globs against long file names likewise. Each case here would run for minutes (or hours)
 * with a backtracking matcher; the work is bounded by a child process deadline where it could hang.
 * Patterns are bounded in length, with a clear configuration error.
 */
import { jest } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileGlob, MAX_GLOB_LENGTH } from '../../src/core/glob.ts';
import { scan } from '../../src/core/scan.ts';
import { cli, spawnCli, tree } from './support.ts';

jest.setTimeout(60_000);

const EVIL = 'Pod/ns/*a*a*a*a*a*a*a*a*b';

describe('linear-time globs', () => {
  test('an exemption object pattern with many stars against a 60,000-character name: the scan ends', async () => {
    const name = 'a'.repeat(60_000);
    const dir = tree({
      'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  hostNetwork: true\n  containers: []\n`,
      '.kubeward.yaml': `exemptions:\n  - rules: [host-network]\n    objects: ["${EVIL}"]\n    reason: r\n`,
    });
    const r = await spawnCli(['scan', 'pod.yaml', '--format', 'json'], dir, { ms: 40_000 });
    expect(r.killed).toBe(false);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('host-network');
    expect(doc.suppressed).toEqual([]);
  });

  test('exclude and include globs against a long file name: the scan ends', async () => {
    const dir = tree({});
    // a deep path with long segments (each under NAME_MAX, the whole under PATH_MAX)
    const seg = 'a'.repeat(200);
    const deep = path.join(dir, ...Array.from({ length: 14 }, () => seg));
    mkdirSync(deep, { recursive: true });
    writeFileSync(
      path.join(deep, `${seg}.yaml`),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: n }\n',
    );
    const args = ['--exclude', '**/*a*a*a*a*a*a*a*a*a*a*a*b/**', '--include', '**/*a*a*a*a*a*a*a*a*a*a*c*.yaml'];
    const r = await spawnCli(['scan', '.', ...args, '--format', 'json', '--allow-empty'], dir, { ms: 40_000 });
    expect(r.killed).toBe(false);
    expect(JSON.parse(r.stdout).summary.files).toBe(0);
  });

  test('the matcher itself: stars and alternatives against 200,000 characters', () => {
    const long = 'a'.repeat(200_000);
    expect(compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b')(long)).toBe(false);
    expect(compileGlob('{*a,*aa}*{a*,aa*}*a*a*a*a*a*c')(long)).toBe(false);
    expect(compileGlob('**/*a*a*a*a*a*a*b', { dot: true })(`${long}/${long}`)).toBe(false);
    expect(compileGlob('*a*a*a*a*a')(long)).toBe(true);
  });

  test('globs keep their meaning: segments, globstar, classes, braces, dot files, case', () => {
    const yaml = compileGlob('**/*.yaml', { dot: true });
    expect(['a.yaml', 'x/y/a.yaml', '.hidden/a.yaml'].map(yaml)).toEqual([true, true, true]);
    expect(yaml('a.yml')).toBe(false);
    const nodot = compileGlob('deploy/*.yaml');
    expect(['deploy/a.yaml', 'deploy/.a.yaml', 'deploy/x/a.yaml'].map(nodot)).toEqual([true, false, false]);
    expect(compileGlob('deploy/**')('deploy')).toBe(true);
    expect(compileGlob('{a,b}/[xy]?.y*ml')('b/y1.yml')).toBe(true);
    expect(compileGlob('Pod/*/web-*', { nocase: true })('pod/PROD/Web-1')).toBe(true);
    expect(compileGlob('Pod/*/web-*')('Pod/prod/x/web-1')).toBe(false);
    expect(compileGlob('x\\*y')('x*y')).toBe(true);
    expect(compileGlob('x\\*y')('xay')).toBe(false);
  });
});

describe('pattern length is bounded', () => {
  const long = `Pod/ns/${'*a'.repeat(MAX_GLOB_LENGTH)}`;

  test('an exemption pattern over the limit: a configuration error naming its line (exit 2)', async () => {
    const dir = tree({
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: ns }\nspec: { containers: [] }\n',
      '.kubeward.yaml': `exemptions:\n  - rules: [host-network]\n    objects: ["${long}"]\n    reason: r\n`,
    });
    await expect(scan({ paths: ['.'], cwd: dir })).rejects.toThrow(/3:.*over the 1024-character limit/);
    const r = await cli(['scan', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/limit for a glob/);
  });

  test('exclude in the config, and --exclude on the command line, over the limit', async () => {
    const dir = tree({
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: ns }\nspec: { containers: [] }\n',
      '.kubeward.yaml': `exclude: ["${long}"]\n`,
    });
    await expect(scan({ paths: ['.'], cwd: dir })).rejects.toThrow(/limit for a glob/);
    const d2 = tree({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: ns }\n' });
    const r = await cli(['scan', '.', '--exclude', long], d2);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--exclude: .*limit for a glob/);
  });
});
