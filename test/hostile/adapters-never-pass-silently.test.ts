/**
 * Issue 10, section 1: the action never passes where the CLI exits 2. A `paths` typo, a glob that
 * matches nothing, a config whose `exclude` drops every file, an unreadable file, a file without
 * any Kubernetes object and an invalid configuration each fail the step, say why in the job
 * summary and in the sticky comment, and set `passed=false`; `allow-empty: true` accepts an empty
 * scan, as `--allow-empty` does. The CLI's exit code comes from the same core function.
 */
import { jest } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { run as runCli } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { cleanupActionRuns, runActionEntry, workspaceWith } from '../support/action-runner.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

jest.setTimeout(120_000);

const CLEAN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: production
`;

async function cliExit(cwd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CliIO = {
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    env: {},
    cwd,
    stdoutIsTTY: false,
  };
  const code = await runCli(['scan', ...args], io);
  return { code, stderr };
}

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub();
});
afterEach(() => fake.close());
afterAll(cleanupActionRuns);

interface Case {
  name: string;
  files: Record<string, string>;
  paths: string;
  /** Extra action inputs. */
  inputs?: Record<string, string>;
  /** What the summary and the comment must say. */
  says: RegExp;
  setup?: (ws: string) => void;
}

const CASES: Case[] = [
  {
    name: 'a paths typo (a file that does not exist)',
    files: { 'deploy/app.yaml': CLEAN },
    paths: 'deploy/ap.yaml',
    says: /input error|no Kubernetes objects/,
  },
  {
    name: 'a glob that matches nothing',
    files: { 'deploy/app.yaml': CLEAN },
    paths: 'deploy/**/*.yml',
    says: /input error|no Kubernetes objects/,
  },
  {
    name: 'a config whose exclude leaves zero objects',
    files: { 'deploy/app.yaml': CLEAN, '.kubeward.yaml': 'exclude: ["**"]\n' },
    paths: 'deploy',
    says: /no Kubernetes objects/,
  },
  {
    name: 'an unreadable file next to a clean one',
    files: { 'deploy/app.yaml': CLEAN },
    paths: 'deploy',
    setup: (ws) => symlinkSync(path.join(ws, 'gone.yaml'), path.join(ws, 'deploy/broken.yaml')),
    says: /input error/,
  },
  {
    name: 'files that hold no Kubernetes object',
    files: { 'deploy/notes.yaml': 'just: data\n' },
    paths: 'deploy',
    says: /no Kubernetes objects/,
  },
  {
    name: 'an invalid configuration',
    files: { 'deploy/app.yaml': CLEAN, '.kubeward.yaml': 'rules:\n  no-such-rule: {enabled: false}\n' },
    paths: 'deploy',
    says: /no-such-rule/,
  },
];

describe('the action fails the step wherever the CLI exits 2', () => {
  test.each(CASES)('$name', async (c) => {
    const ws = workspaceWith(c.files);
    c.setup?.(ws);
    const cli = await cliExit(ws, c.paths.split('\n'));
    expect(cli.code).toBe(2);

    const r = await runActionEntry(ws, fake, { paths: c.paths, comment: 'sticky', 'fail-on': 'none', ...c.inputs });
    expect(r.code).not.toBe(0);
    expect(r.outputs.passed).toBe('false');
    // the exit-code output is the CLI's
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.log).toMatch(/::error::kubeward: the scan is incomplete/);
    // the summary says why, and never "all clear"
    expect(r.summary).toMatch(c.says);
    expect(r.summary).not.toMatch(/all clear/);
    // so does the sticky comment, where reviewers look
    const comment = fake.issueComments.find((x) => x.body.includes('kubeward:sticky'));
    expect(comment).toBeDefined();
    expect(comment!.body).toMatch(c.says);
    expect(comment!.body).not.toMatch(/all clear/);
  });

  test('allow-empty: true accepts an empty scan, as --allow-empty does', async () => {
    const ws = workspaceWith({ 'deploy/app.yaml': CLEAN, '.kubeward.yaml': 'exclude: ["**"]\n' });
    expect((await cliExit(ws, ['deploy', '--allow-empty'])).code).toBe(0);
    const r = await runActionEntry(ws, fake, { paths: 'deploy', comment: 'off', 'allow-empty': 'true' });
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(r.outputs['exit-code']).toBe('0');
  });

  test('exit-code is 1 where findings reach fail-on, as the CLI exits 1', async () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';
    const ws = workspaceWith({ 'deploy/pod.yaml': pod });
    expect((await cliExit(ws, ['deploy'])).code).toBe(1);
    const r = await runActionEntry(ws, undefined, { paths: 'deploy', comment: 'off' });
    expect(r.code).not.toBe(0);
    expect(r.outputs['exit-code']).toBe('1');
  });

  test('allow-empty does not excuse an unreadable file', async () => {
    const ws = workspaceWith({ 'deploy/app.yaml': CLEAN });
    symlinkSync(path.join(ws, 'gone.yaml'), path.join(ws, 'deploy/broken.yaml'));
    const r = await runActionEntry(ws, undefined, { paths: 'deploy', comment: 'off', 'allow-empty': 'true' });
    expect(r.code).not.toBe(0);
    expect(r.outputs.passed).toBe('false');
  });
});
