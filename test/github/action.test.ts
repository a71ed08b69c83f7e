/**
 * End-to-end: runs the committed dist/action/index.js as the runner does (Node 24, INPUT_* with
 * hyphens kept, a pull_request event payload, GITHUB_STEP_SUMMARY / GITHUB_OUTPUT files), against a
 * fake GitHub API reached by the real Octokit client through GITHUB_API_URL.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

const ROOT = process.cwd();
const ACTION = path.join(ROOT, 'dist/action/index.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/github');
const HEAD = '0123456789abcdef0123456789abcdef01234567';
const ACTION_YML = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};
const PULL_FILES = JSON.parse(readFileSync(path.join(FIXTURES, 'pull-files.json'), 'utf8'));

interface RunResult {
  code: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
  sarif: unknown;
  workspace: string;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[3];
  return out;
}

async function runAction(
  fake: FakeGitHub | undefined,
  inputs: Record<string, string>,
  opts: { event?: string; eventName?: string; workspace?: string; nodeArgs?: string[] } = {},
): Promise<RunResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-action-'));
  temps.push(dir);
  const workspace = opts.workspace ?? path.join(dir, 'workspace');
  if (!opts.workspace) cpSync(path.join(FIXTURES, 'workspace'), workspace, { recursive: true });
  const summary = path.join(dir, 'summary.md');
  const output = path.join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INPUT_') && !k.startsWith('GITHUB_')) env[k] = v;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: path.join(FIXTURES, opts.event ?? 'event-pull-request.json'),
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_REPOSITORY: 'acme/deploy',
    GITHUB_SHA: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_API_URL: fake?.url ?? 'http://127.0.0.1:9',
    // retries back off from 200 ms (the base is a tenth of this): the tests check what is retried, not how long
    KUBEWARD_RETRY_MAX_WAIT_MS: '2000',
    NO_COLOR: '1',
  });
  // the runner passes every input declared in action.yml, defaults included
  const defaults: Record<string, string> = {};
  for (const [k, v] of Object.entries(ACTION_YML.inputs)) defaults[k] = v.default ?? '';
  defaults['github-token'] = 'ghs_' + 'test'.repeat(9);
  for (const [k, v] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;

  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ACTION], { cwd: workspace, env });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const sarifPath = path.join(workspace, inputs['sarif-file'] ?? 'kubeward.sarif');
  return {
    code,
    stdout,
    summary: readFileSync(summary, 'utf8'),
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    sarif: existsSync(sarifPath) ? JSON.parse(readFileSync(sarifPath, 'utf8')) : undefined,
    workspace,
  };
}

const lines = (out: string, prefix: string) => out.split('\n').filter((l) => l.startsWith(prefix));

describe('the action on a pull request', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.files.push(...structuredClone(PULL_FILES));
  });
  afterEach(() => fake.close());

  test('creates the sticky comment and one review on diff lines, then updates the comment only', async () => {
    const r1 = await runAction(fake, {});
    expect(r1.code).toBe(1);
    expect(fake.writes()).toEqual([
      'POST /repos/acme/deploy/pulls/7/reviews',
      'POST /repos/acme/deploy/issues/7/comments',
    ]);

    // the review: only lines 19-21 of deploy/web.yaml are added by the PR
    const post = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/reviews'))!;
    const review = post.body as {
      commit_id: string;
      event: string;
      comments: { path: string; line: number; body: string; start_line?: number }[];
    };
    expect(review.commit_id).toBe(HEAD);
    expect(review.event).toBe('COMMENT');
    expect(review.comments.length).toBeGreaterThanOrEqual(3);
    for (const c of review.comments) {
      expect(c.path).toBe('deploy/web.yaml');
      expect([19, 20, 21]).toContain(c.line);
      expect(c.body).toMatch(/<!-- kubeward:finding [0-9a-f]+ -->/);
    }
    const privileged = review.comments.find((c) => c.body.includes('privileged-container'))!;
    expect(privileged.line).toBe(21);
    expect(privileged.body).toContain('```suggestion\n            privileged: false # needed? (added in this PR)\n```');
    const nonRoot = review.comments.find((c) => c.body.includes('`run-as-non-root`'))!;
    expect(nonRoot.line).toBe(21);
    expect(nonRoot.start_line).toBeUndefined();
    expect(nonRoot.body).toContain(
      '```suggestion\n            privileged: true # needed? (added in this PR)\n            runAsNonRoot: true\n```',
    );

    const sticky = fake.issueComments[0];
    expect(sticky.body.startsWith('<!-- kubeward:sticky -->')).toBe(true);
    expect(sticky.body.length).toBeLessThan(65_536);
    expect(sticky.body).toContain(`https://github.com/acme/deploy/blob/${HEAD}/deploy/web.yaml#L21`);

    // second run on the same commit: the comment is updated, no comment is repeated
    const before = fake.requests.length;
    const r2 = await runAction(fake, {});
    expect(r2.code).toBe(1);
    const writes2 = fake.requests
      .slice(before)
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`);
    expect(writes2).toEqual([`PATCH /repos/acme/deploy/issues/comments/${sticky.id}`]);
    expect(fake.issueComments).toHaveLength(1);
    expect(r2.stdout).toContain(`${review.comments.length} already commented`);

    // third run after the fixes: the same comment says all clear
    const r3 = await runAction(fake, { paths: 'deploy/clean.yaml' });
    expect(r3.code).toBe(0);
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.issueComments[0].body).toContain('all clear');
    expect(r3.outputs.passed).toBe('true');
  });

  test('annotations, outputs, summary and SARIF', async () => {
    const r = await runAction(fake, { comment: 'off' });
    expect(r.code).toBe(1);
    expect(fake.requests).toHaveLength(0);
    const errors = lines(r.stdout, '::error title=');
    const warnings = lines(r.stdout, '::warning title=');
    const notices = lines(r.stdout, '::notice title=');
    // counts come from the outputs, so new rules do not break the test; the fixture has more than
    // 10 medium findings, so the warning level is full
    const n = (k: string) => Number(r.outputs[k]);
    const total = n('findings');
    expect(n('critical')).toBe(1);
    expect(n('medium')).toBeGreaterThan(10);
    expect(errors).toHaveLength(Math.min(10, n('critical') + n('high')));
    expect(warnings).toHaveLength(10);
    expect(notices).toHaveLength(Math.min(10, n('low') + (total - n('critical') - n('high') - n('medium') - n('low'))));
    // most severe first: the critical finding is the first annotation
    expect(errors[0]).toMatch(
      /^::error title=privileged-container%3A Privileged container,file=deploy\/web\.yaml,line=21,endLine=21,col=13(,endColumn=\d+)?::\[critical\] /,
    );
    expect(r.outputs.passed).toBe('false');
    expect(r.outputs['sarif-file']).toBe(path.join(r.workspace, 'kubeward.sarif'));
    expect((r.sarif as { version: string; runs: { results: unknown[] }[] }).version).toBe('2.1.0');
    expect((r.sarif as { runs: { results: unknown[] }[] }).runs[0].results).toHaveLength(total);
    expect(r.stdout).toContain(`::error::kubeward: ${n('critical') + n('high')} findings at or above high`);
    // counts read as words: no 'finding(s)', no '1 files'
    expect(r.stdout).not.toMatch(/\w\(s\)|\b1 [a-z]+s\b/);

    expect(r.summary).toContain(
      `\`\`\`mermaid\npie showData title Findings by severity\n    "critical" : 1\n    "high" : ${n('high')}\n    "medium" : ${n('medium')}`,
    );
    const annotated = errors.length + warnings.length + notices.length;
    const more = total - annotated;
    expect(r.summary).toContain(`> ${more} more ${more === 1 ? 'finding has' : 'findings have'} no annotation`);
    expect(r.summary).toContain(
      `[deploy/web.yaml:21](https://github.com/acme/deploy/blob/${HEAD}/deploy/web.yaml#L21)`,
    );
    expect(r.summary).toContain('<details><summary><code>privileged-container</code>');
    // manifest text is escaped: no HTML, no @mention
    expect(r.summary).not.toContain('<img');
    expect(r.summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(r.summary).not.toContain('@octocat');
    expect(r.summary).toContain('@&#8203;octo');
  });

  test('a fork pull request falls back to annotations and summary with a notice, no API writes', async () => {
    const r = await runAction(fake, {}, { event: 'event-pull-request-fork.json' });
    expect(r.code).toBe(1);
    expect(fake.writes()).toEqual([]);
    expect(r.stdout).toContain('::notice::kubeward: this pull request comes from a fork');
    expect(r.summary).toContain('comes from a fork');
    expect(lines(r.stdout, '::error title=').length).toBeGreaterThan(0);
  });

  test('403 on writes: notice and fallback, exit as the threshold says', async () => {
    fake.failures.push(
      { method: 'POST', path: '/reviews', status: 403, message: 'Resource not accessible by integration' },
      {
        method: 'POST',
        path: /\/issues\/\d+\/comments$/,
        status: 403,
        message: 'Resource not accessible by integration',
      },
    );
    const pass = await runAction(fake, { paths: 'deploy/legacy.yaml', 'fail-on': 'critical' });
    // no finding of legacy.yaml is on a changed line: no review, the sticky comment is refused
    expect(pass.stdout).toMatch(
      /::notice::kubeward could not post the PR comment \(HTTP 403: Resource not accessible by integration\)/,
    );
    expect(pass.summary).toContain('could not post the PR comment');
    expect(pass.code).toBe(0);
    expect(pass.outputs.passed).toBe('true');

    const fail = await runAction(fake, { 'fail-on': 'high' });
    expect(fail.stdout).toContain('::notice::kubeward could not post the review (HTTP 403');
    // after a refused review the comment is not attempted
    expect(fake.writes().filter((w) => w.startsWith('POST')).length).toBe(2);
    expect(fail.code).toBe(1);
    expect(fail.stdout).not.toContain('kubeward failed');
  });

  test('422 on the review: retried once, then reported without failing the step', async () => {
    fake.failures.push({
      method: 'POST',
      path: '/reviews',
      status: 422,
      message: 'Line could not be resolved',
      times: 1,
    });
    const r = await runAction(fake, { 'fail-on': 'critical', paths: 'deploy/web.yaml' });
    const posts = fake.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/reviews'));
    expect(posts).toHaveLength(2);
    expect(fake.reviews).toHaveLength(1);
    expect(r.stdout).toContain('GitHub refused the review (422: Line could not be resolved)');

    fake.failures.push({ method: 'POST', path: '/reviews', status: 422, message: 'Line could not be resolved' });
    fake.reviewComments.length = 0;
    const r2 = await runAction(fake, { 'fail-on': 'critical', paths: 'deploy/web.yaml' });
    expect(r2.stdout).toMatch(/::warning::GitHub refused \d+ review comments?: Line could not be resolved/);
    expect(r2.stdout).not.toContain('kubeward failed');
    expect(fake.writes().filter((w) => w.includes('/issues/'))).toEqual([
      'POST /repos/acme/deploy/issues/7/comments',
      'PATCH /repos/acme/deploy/issues/comments/' + fake.issueComments[0].id,
    ]);
  });

  test('429 with Retry-After is retried', async () => {
    fake.failures.push({ method: 'GET', path: '/files', status: 429, headers: { 'retry-after': '1' }, times: 1 });
    fake.failures.push({
      method: 'GET',
      path: /\/issues\/\d+\/comments$/,
      status: 403,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const r = await runAction(fake, { 'fail-on': 'critical' });
    expect(fake.requests.filter((q) => q.path.endsWith('/files'))).toHaveLength(2);
    expect(fake.requests.filter((q) => q.method === 'GET' && q.path.endsWith('/issues/7/comments'))).toHaveLength(2);
    expect(r.stdout).toContain('rate limit (HTTP 429): retrying in 1 s');
    expect(fake.issueComments).toHaveLength(1);
    expect(fake.reviews).toHaveLength(1);
  });

  test('only-new reports only findings on changed lines', async () => {
    const r = await runAction(fake, { 'only-new': 'true', comment: 'sticky' });
    const files = fake.requests.filter((q) => q.path.endsWith('/files'));
    expect(files).toHaveLength(1);
    expect(files[0].query).toMatchObject({ per_page: '100', page: '1' });
    for (const l of [...lines(r.stdout, '::error title='), ...lines(r.stdout, '::warning title=')]) {
      expect(l).toMatch(/file=deploy\/web\.yaml,line=(19|20|21),/);
    }
    const kept = Number(r.outputs.findings);
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(r.summary).toMatch(new RegExp(`only-new: ${kept} of (\\d+) findings`));
    expect(Number(/only-new: \d+ of (\d+)/.exec(r.summary)![1])).toBeGreaterThan(kept);
    expect(fake.writes()).toEqual(['POST /repos/acme/deploy/issues/7/comments']);
  });

  test('lists comments across pages', async () => {
    for (let i = 0; i < 130; i++) {
      fake.issueComments.push({ id: i + 1, body: `chatter ${i}`, user: { login: 'dev', type: 'User' }, html_url: '' });
    }
    fake.issueComments.push({
      id: 500,
      body: '<!-- kubeward:sticky -->\nold',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: '',
    });
    await runAction(fake, { comment: 'sticky' });
    const pages = fake.requests
      .filter((q) => q.method === 'GET' && q.path.endsWith('/issues/7/comments'))
      .map((q) => q.query.page);
    expect(pages).toEqual(['1', '2']);
    expect(fake.writes()).toEqual(['PATCH /repos/acme/deploy/issues/comments/500']);
  });
});

test('an unreachable GitHub API is a warning, not a crash', async () => {
  const r = await runAction(undefined, { 'fail-on': 'none' });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/::warning::kubeward: the review failed: /);
  expect(r.stdout).toMatch(/::warning::kubeward: the PR comment failed: /);
  expect(r.summary).toMatch(/^## kubeward: /m);
});

describe('the action outside pull requests', () => {
  test('a push scans, writes SARIF and the summary, calls no API', async () => {
    const fake = await startFakeGitHub();
    try {
      const r = await runAction(
        fake,
        { 'sarif-file': 'out/results.sarif' },
        { event: 'event-push.json', eventName: 'push' },
      );
      expect(fake.requests).toHaveLength(0);
      expect(r.code).toBe(1);
      expect(existsSync(path.join(r.workspace, 'out/results.sarif'))).toBe(true);
      expect(r.summary).toContain(
        'https://github.com/acme/deploy/blob/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/deploy/web.yaml#L21',
      );
    } finally {
      await fake.close();
    }
  });

  test('SARIF is written when there is nothing to report', async () => {
    const r = await runAction(
      undefined,
      { paths: 'deploy/clean.yaml' },
      { event: 'event-push.json', eventName: 'push' },
    );
    expect(r.code).toBe(0);
    expect((r.sarif as { runs: { results: unknown[] }[] }).runs[0].results).toEqual([]);
    expect(r.outputs).toMatchObject({ findings: '0', passed: 'true' });
    expect(r.summary).toContain('all clear');
  });

  test('fail-on none reports findings and never fails the step', async () => {
    const r = await runAction(undefined, { 'fail-on': 'none' }, { event: 'event-push.json', eventName: 'push' });
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(Number(r.outputs.findings)).toBeGreaterThan(0);
    expect(r.summary).toContain('fail-on none: never fails');
  });

  test('a configuration error fails the step with its message and still leaves a SARIF file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-cfg-'));
    temps.push(dir);
    cpSync(path.join(FIXTURES, 'workspace'), dir, { recursive: true });
    writeFileSync(path.join(dir, '.kubeward.yaml'), 'rules:\n  no-such-rule: off\n');
    const r = await runAction(undefined, {}, { event: 'event-push.json', eventName: 'push', workspace: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::kubeward: .*no-such-rule/);
    expect(r.stdout).not.toContain('kubeward failed');
    expect((r.sarif as { runs: { results: unknown[] }[] }).runs[0].results).toEqual([]);
  });

  test('a bad input fails with a clear message', async () => {
    const r = await runAction(undefined, { 'fail-on': 'severe' }, { event: 'event-push.json', eventName: 'push' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '::error::kubeward: input fail-on must be one of critical, high, medium, low, info, none, got "severe"',
    );
  });

  test('action.yml runs the bundle on node24 and declares every output the action sets', async () => {
    expect(ACTION_YML.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    const r = await runAction(
      undefined,
      { paths: 'deploy/clean.yaml' },
      { event: 'event-push.json', eventName: 'push' },
    );
    expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(ACTION_YML.outputs).sort());
  });

  test('scan mode never loads the Kubernetes client', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-hook-'));
    temps.push(dir);
    const log = path.join(dir, 'loaded.txt');
    const hook = path.join(dir, 'hook.mjs');
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module';\nimport { appendFileSync } from 'node:fs';\n` +
        `registerHooks({ load(url, ctx, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, ctx); } });\n`,
    );
    writeFileSync(log, '');
    const r = await runAction(
      undefined,
      {},
      { event: 'event-push.json', eventName: 'push', nodeArgs: ['--import', hook] },
    );
    expect(r.code).toBe(1);
    const chunks = readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.includes('/dist/action/'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const u of chunks) expect(readFileSync(new URL(u), 'utf8')).not.toMatch(/\bKubeConfig\b|makeApiClient/);
  });
});
