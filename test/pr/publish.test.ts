/** The PR publishers against the fake GitHub API, through the real Octokit client. */
import { Octokit } from '@octokit/core';
import type { Finding, Report } from '../../src/core/model.ts';
import { countBySeverity } from '../../src/core/model.ts';
import { renderMarkdown } from '../../src/pr/markdown.ts';
import {
  COMMENT_LIMIT,
  planReview,
  publishReview,
  publishStickyComment,
  STICKY_MARKER,
  withRetry,
  type GitHubClient,
} from '../../src/pr/index.ts';
import { patchLines } from '../../src/pr/diff.ts';
import { stickyBody } from '../../src/pr/sticky.ts';
import { isPermissionError, rateLimitWait } from '../../src/pr/client.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

const HEAD = 'c0ffee0000000000000000000000000000000000';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'privileged-container',
    severity: 'critical',
    category: 'pod-security',
    title: 'Privileged container',
    message: 'container "web" runs privileged',
    path: 'spec.containers[0].securityContext.privileged',
    fingerprint: 'f'.repeat(32),
    object: { apiVersion: 'v1', kind: 'Pod', name: 'web' },
    location: { file: 'pod.yaml', line: 8, column: 7 },
    fix: {
      description: 'set privileged: false',
      set: [{ path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false }],
    },
    ...over,
  };
}

function report(findings: Finding[]): Report {
  return {
    tool: { name: 'kubeward', version: '0.0.0-test' },
    findings,
    suppressed: [],
    counts: countBySeverity(findings),
    filesScanned: 1,
    objectsScanned: 1,
    skipped: [],
    errors: [],
    notVerified: [],
    failOn: 'high',
    durationMs: 1,
  };
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      securityContext:
        privileged: true
`;

describe('publishing to a pull request', () => {
  let fake: FakeGitHub;
  let client: GitHubClient;
  beforeEach(async () => {
    fake = await startFakeGitHub();
    const octokit = new Octokit({ auth: 't0ken', baseUrl: fake.url });
    client = { request: (route, params) => octokit.request(route, params) as ReturnType<GitHubClient['request']> };
  });
  afterEach(() => fake.close());
  const target = () => ({ client, owner: 'acme', repo: 'deploy', pullNumber: 7, headSha: HEAD });

  test('sticky comment: a marker comment the token may not edit is skipped, a new one is created', async () => {
    fake.issueComments.push({
      id: 2,
      body: `${STICKY_MARKER}\nfake`,
      user: { login: 'dev', type: 'User' },
      html_url: '',
    });
    const a = await publishStickyComment({ ...target(), report: report([]) });
    expect(a.action).toBe('created');
    // someone else's comment carrying the marker is not kubeward's: never edited, a new one is made
    expect(fake.writes()).toEqual(['POST /repos/acme/deploy/issues/7/comments']);
    expect(fake.issueComments.find((c) => c.id === 2)!.body).toBe(`${STICKY_MARKER}\nfake`);
  });

  test('sticky comment: created, then updated; a human comment with the marker is left alone', async () => {
    fake.issueComments.push({
      id: 1,
      body: `quoting ${STICKY_MARKER}`,
      user: { login: 'dev', type: 'User' },
      html_url: '',
    });
    const a = await publishStickyComment({ ...target(), report: report([finding()]) });
    // the human's comment cannot be edited (403 from GitHub): a new one is created
    expect(a.action).toBe('created');
    const b = await publishStickyComment({ ...target(), report: report([]) });
    expect(b).toMatchObject({ action: 'updated', id: a.id });
    expect(fake.issueComments.find((c) => c.id === a.id)!.body).toContain('all clear');
    expect(fake.issueComments.find((c) => c.id === 1)!.body).toBe(`quoting ${STICKY_MARKER}`);
  });

  test('sticky comment: asks GitHub for the changed files and lists their findings first', async () => {
    fake.files.push({ filename: 'pod.yaml', status: 'modified', patch: '@@ -1,1 +1,1 @@\n+x' });
    await publishStickyComment({
      ...target(),
      report: report([
        finding(),
        finding({ fingerprint: 'a'.repeat(32), location: { file: 'other.yaml', line: 1, column: 1 } }),
      ]),
    });
    const body = fake.issueComments.at(-1)!.body;
    expect(body).toContain('#### In the files this pull request changes');
    expect(body).toMatch(/\*\*Elsewhere:\*\* 1 finding in 1 other file/);
  });

  test('review: suggestion on the changed line, nothing outside the diff, no repeats', async () => {
    fake.files.push({
      filename: 'pod.yaml',
      status: 'added',
      patch:
        '@@ -0,0 +1,9 @@\n' +
        POD.trimEnd()
          .split('\n')
          .map((l) => '+' + l)
          .join('\n'),
    });
    const outside = finding({ fingerprint: 'a'.repeat(32), location: { file: 'other.yaml', line: 3, column: 1 } });
    const opts = { ...target(), report: report([finding(), outside]), readFile: async () => POD };
    const r = await publishReview(opts);
    expect(r).toMatchObject({ posted: 1, suggestions: 1, outsideDiff: 1 });
    const c = fake.reviews[0].comments[0] as { path: string; line: number; body: string };
    expect(c).toMatchObject({ path: 'pod.yaml', line: 9 });
    expect(c.body).toContain('```suggestion\n        privileged: false\n```');
    const again = await publishReview(opts);
    expect(again).toMatchObject({ posted: 0, alreadyCommented: 1 });
    expect(fake.reviews).toHaveLength(1);
  });

  test('no suggestion when the lines the fix touches are not all in the diff', async () => {
    const diffs = new Map([
      [
        'pod.yaml',
        patchLines('@@ -8,2 +8,2 @@\n       securityContext:\n-        privileged: false\n+        privileged: true'),
      ],
    ]);
    // inserting runAsNonRoot after line 9 replaces line 9, which is in the hunk
    const f = finding({
      ruleId: 'run-as-non-root',
      location: { file: 'pod.yaml', line: 9, column: 9 },
      fix: {
        description: 'x',
        set: [{ path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], value: true }],
      },
    });
    const a = await planReview({ report: report([f]), readFile: async () => POD }, diffs, []);
    expect(a.comments[0].body).toContain('```suggestion');
    // a fix that touches line 4 (outside the hunk): comment without a suggestion
    const g = finding({
      fix: { description: 'y', set: [{ path: ['metadata', 'name'], value: 'web2' }] },
      location: { file: 'pod.yaml', line: 9, column: 1 },
    });
    const b = await planReview({ report: report([g]), readFile: async () => POD }, diffs, []);
    expect(b.comments).toHaveLength(1);
    expect(b.comments[0].body).not.toContain('```suggestion');
    expect(b.comments[0].body).toContain('**Fix:**');
  });

  test('422 on a review with a multi-line suggestion: retried once without it', async () => {
    fake.files.push({
      filename: 'pod.yaml',
      status: 'added',
      patch:
        '@@ -0,0 +1,9 @@\n' +
        POD.trimEnd()
          .split('\n')
          .map((l) => '+' + l)
          .join('\n'),
    });
    fake.failures.push({
      method: 'POST',
      path: '/reviews',
      status: 422,
      message: 'Unprocessable Entity',
      when: (b) => (b as { comments: { start_line?: number }[] }).comments.some((c) => c.start_line !== undefined),
    });
    const remove = finding({
      ruleId: 'no-security-context',
      fingerprint: 'b'.repeat(32),
      location: { file: 'pod.yaml', line: 9, column: 9 },
      fix: { description: 'remove it', remove: [['spec', 'containers', 0, 'securityContext']] },
    });
    const plain = finding({ fix: undefined, location: { file: 'pod.yaml', line: 7, column: 7 } });
    const r = await publishReview({ ...target(), report: report([remove, plain]), readFile: async () => POD });
    const posts = fake.requests.filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(2);
    const first = (posts[0].body as { comments: { start_line?: number; line: number; body: string }[] }).comments;
    expect(first.find((c) => c.start_line !== undefined)).toMatchObject({ start_line: 8, line: 9 });
    expect(first.find((c) => c.start_line !== undefined)!.body).toContain('```suggestion\n```');
    expect(r).toMatchObject({ posted: 1, rejected: { count: 1, message: 'Unprocessable Entity' } });
    expect((fake.reviews[0].comments as { line: number }[]).map((c) => c.line)).toEqual([7]);
  });

  test('a suggestion never repeats a line that holds a secret', async () => {
    const pod = POD.replace(
      '    - name: web\n',
      '    - name: web\n      env:\n        - name: TOKEN\n          value: hunter2-hunter2\n',
    );
    const diffs = new Map([
      [
        'pod.yaml',
        patchLines(
          '@@ -0,0 +1,12 @@\n' +
            pod
              .trimEnd()
              .split('\n')
              .map((l) => '+' + l)
              .join('\n'),
        ),
      ],
    ]);
    const secret = finding({
      ruleId: 'secret-in-env',
      fingerprint: 'c'.repeat(32),
      secretPreview: 'hun…(15 chars)',
      location: { file: 'pod.yaml', line: 10, column: 11 },
      fix: undefined,
    });
    // inserting after the env entry repeats the secret's line as the suggestion's first line
    const envFix = finding({
      ruleId: 'x',
      location: { file: 'pod.yaml', line: 10, column: 11 },
      fix: { description: 'add', set: [{ path: ['spec', 'containers', 0, 'env', 0, 'note'], value: 'x' }] },
    });
    const control = await planReview({ report: report([envFix]), readFile: async () => pod }, diffs, []);
    expect(control.comments[0].body).toContain(
      '```suggestion\n          value: hunter2-hunter2\n          note: x\n```',
    );
    const r = await planReview({ report: report([secret, envFix]), readFile: async () => pod }, diffs, []);
    expect(r.comments).toHaveLength(2);
    for (const c of r.comments) {
      expect(c.body).not.toContain('hunter2');
      expect(c.body).not.toContain('```suggestion');
    }
  });

  test('suggestions: false gives comments without suggestion blocks', async () => {
    const diffs = new Map([
      [
        'pod.yaml',
        patchLines(
          '@@ -0,0 +1,9 @@\n' +
            POD.trimEnd()
              .split('\n')
              .map((l) => '+' + l)
              .join('\n'),
        ),
      ],
    ]);
    const f = finding({ location: { file: 'pod.yaml', line: 9, column: 9 } });
    const r = await planReview({ report: report([f]), readFile: async () => POD, suggestions: false }, diffs, []);
    expect(r.comments).toHaveLength(1);
    expect(r.comments[0].body).not.toContain('```suggestion');
    expect(r.result.suggestions).toBe(0);
  });

  test('no inline comment when the checked-out file is not the PR head (lines moved)', async () => {
    const diffs = new Map([
      [
        'pod.yaml',
        patchLines(
          '@@ -0,0 +1,9 @@\n' +
            POD.trimEnd()
              .split('\n')
              .map((l) => '+' + l)
              .join('\n'),
        ),
      ],
    ]);
    const moved = '# a line the base branch added\n' + POD;
    const f = finding({ location: { file: 'pod.yaml', line: 9, column: 9 } });
    const r = await planReview({ report: report([f]), readFile: async () => moved }, diffs, []);
    expect(r.comments).toEqual([]);
    expect(r.result.outsideDiff).toBe(1);
  });

  test('untrusted text in review comments is escaped', async () => {
    const diffs = new Map([
      [
        'pod.yaml',
        patchLines(
          '@@ -0,0 +1,9 @@\n' +
            POD.trimEnd()
              .split('\n')
              .map((l) => '+' + l)
              .join('\n'),
        ),
      ],
    ]);
    const f = finding({ message: 'container "<b>@octocat</b>" [x](javascript:alert(1))', fix: undefined });
    const { comments } = await planReview({ report: report([f]) }, diffs, []);
    expect(comments[0].body).toContain('&lt;b&gt;@&#8203;octocat&lt;/b&gt;');
    expect(comments[0].body).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });
});

describe('markdown size limits', () => {
  test('many findings stay under the limit with a note', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      finding({
        fingerprint: String(i).padStart(32, '0'),
        message: 'x'.repeat(100),
        location: { file: `f${i}.yaml`, line: i + 1, column: 1 },
      }),
    );
    const md = renderMarkdown(report(many), { maxLength: COMMENT_LIMIT - 1, header: STICKY_MARKER });
    expect(md.length).toBeLessThan(COMMENT_LIMIT);
    expect(md).toMatch(/> ✂️ \d+ of 5000 findings are not in this table \(cut to fit 65,535 characters\)/);
    const big = renderMarkdown(report(many), { maxLength: 900_000, chart: true });
    expect(big.length).toBeLessThanOrEqual(900_000);
    expect(big).toContain('pie showData');
  });
});

describe('sticky comment layout', () => {
  const many = (files: number, per: number) =>
    Array.from({ length: files * per }, (_, i) =>
      finding({
        fingerprint: String(i).padStart(32, '0'),
        message: `container c${i} runs privileged ` + 'x'.repeat(80),
        location: { file: `deploy/f${Math.floor(i / per)}.yaml`, line: (i % per) + 1, column: 1 },
      }),
    );
  const target = { owner: 'o', repo: 'r', pullNumber: 1, headSha: HEAD, runUrl: 'https://ci.example/run/1' };

  test('findings in the changed files first, the first files open, then one line for the rest', () => {
    const body = stickyBody({
      ...target,
      report: report(many(6, 8)),
      changedFiles: ['deploy/f4.yaml', 'deploy/f1.yaml', 'deploy/f5.yaml'],
    });
    const changed = body.indexOf('#### In the files this pull request changes');
    expect(changed).toBeGreaterThan(0);
    // open: the first two changed files (5 findings each, the rest collapsed); the third collapsed
    expect(body).toMatch(/\*\*deploy\/f1\.yaml\*\* \(8\)/);
    expect(body).toMatch(/\*\*deploy\/f4\.yaml\*\* \(8\)/);
    expect(body).toContain('<details><summary>3 more in this file</summary>');
    expect(body).toContain('<details><summary>deploy/f5.yaml (8 findings)</summary>');
    expect(body).not.toContain('deploy/f0.yaml');
    expect(body).toMatch(
      /\*\*Elsewhere:\*\* 24 findings in 3 other files .*\[the full report\]\(https:\/\/ci\.example\/run\/1\)/,
    );
    // visible before any <details>: verdict, counts, at most 2 x 5 findings
    const open = body.slice(0, body.indexOf('<details>'));
    expect(open.split('\n').filter((l) => l.startsWith('- ')).length).toBeLessThanOrEqual(10);
  });

  test('the 65,536-character limit with a stated cut', () => {
    const all = many(400, 12);
    const body = stickyBody({ ...target, report: report(all), changedFiles: all.map((f) => f.location!.file) });
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body.startsWith(STICKY_MARKER)).toBe(true);
    const m = /✂️ cut to fit GitHub's 65,535-character limit: (\d+) more findings in (\d+) files not shown here/.exec(
      body,
    );
    expect(m).not.toBeNull();
    const listed = body.split('\n').filter((l) => l.startsWith('- ')).length;
    expect(listed + Number(m![1])).toBe(all.length);
    expect(body).toContain('<sub>kubeward');
  });
});

describe('retries', () => {
  const err = (status: number, headers: Record<string, string> = {}, message = '') =>
    Object.assign(new Error(message), { status, response: { headers, data: { message } } });

  test('429 waits Retry-After, then succeeds; bounded attempts', async () => {
    const waits: number[] = [];
    let n = 0;
    const v = await withRetry(
      async () => {
        if (n++ < 2) throw err(429, { 'retry-after': '2' });
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(v).toBe('ok');
    expect(waits).toEqual([2000, 2000]);
    await expect(
      withRetry(async () => Promise.reject(err(429)), { retries: 2, baseDelayMs: 1, sleep: async () => {} }),
    ).rejects.toMatchObject({ status: 429 });
  });

  test('a secondary rate limit (403) is retried; a permission 403 is not; waits past the cap are not made', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err(403, {}, 'Resource not accessible by integration');
        },
        { sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ status: 403 });
    expect(calls).toBe(1);
    calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw err(403, {}, 'You have exceeded a secondary rate limit');
      },
      { baseDelayMs: 1, sleep: async () => {} },
    );
    expect(calls).toBe(2);
    await expect(
      withRetry(async () => Promise.reject(err(429, { 'retry-after': '3600' })), {
        maxWaitMs: 60_000,
        sleep: async () => {},
      }),
    ).rejects.toMatchObject({ status: 429 });
  });

  test('primary rate limit: waits until x-ratelimit-reset; permission errors are told apart', () => {
    const now = 1_700_000_000_000;
    const info = {
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) },
    };
    expect(rateLimitWait(info, 0, 1000, now)).toBe(31_000);
    expect(
      rateLimitWait({ status: 403, message: 'Resource not accessible by integration', headers: {} }, 0, 1000),
    ).toBeUndefined();
    expect(isPermissionError(err(403, {}, 'Resource not accessible by integration'))).toBe(true);
    expect(isPermissionError(err(403, { 'retry-after': '5' }, 'secondary rate limit'))).toBe(false);
    expect(isPermissionError(err(422))).toBe(false);
  });
});
