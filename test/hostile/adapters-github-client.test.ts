/**
 * Issue 10, section 3 (bullet 4, GitHub side) and issue 16 (Octokit for both adapters): the GitHub
 * client has a timeout per attempt (a hung API cost 2 x 300 s), retries 5xx with bounded backoff
 * (one 502 dropped the review) and gives up after a bounded number of attempts.
 */
import { jest } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupActionRuns, runActionEntry } from '../support/action-runner.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

jest.setTimeout(120_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures/github');
const PULL_FILES = JSON.parse(readFileSync(path.join(FIXTURES, 'pull-files.json'), 'utf8'));

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.files.push(...structuredClone(PULL_FILES));
});
afterEach(() => fake.close());
afterAll(cleanupActionRuns);

async function client(opts: Record<string, number> = {}) {
  const { createGitHubClient } = await import('../../src/pr/github-client.ts');
  return createGitHubClient({ token: 'ghs_' + 'x'.repeat(36), baseUrl: fake.url, retryBaseMs: 5, ...opts });
}
const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const params = { owner: 'acme', repo: 'deploy', issue_number: 7, body: 'hi' };

describe('the GitHub client', () => {
  test('a 502 is retried and the write goes through once', async () => {
    fake.failures.push({ method: 'POST', path: '/issues/7/comments', status: 502, times: 1 });
    const c = await client();
    const res = await c.request(route, params);
    expect(res.status).toBe(201);
    expect(fake.writes()).toHaveLength(2);
    expect(fake.issueComments).toHaveLength(1);
  });

  test('a persistent 500 gives up after a bounded number of attempts', async () => {
    fake.failures.push({ method: 'POST', path: '/issues/7/comments', status: 500 });
    const c = await client({ retries: 2 });
    const err = (await c.request(route, params).catch((e: unknown) => e)) as { status?: number };
    expect(err.status).toBe(500);
    expect(fake.writes()).toHaveLength(3);
  });

  test("a 429 is retried once after its Retry-After (the retry plugin's own backoff ignored it)", async () => {
    fake.failures.push({
      method: 'POST',
      path: '/issues/7/comments',
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const logged: string[] = [];
    const { createGitHubClient } = await import('../../src/pr/github-client.ts');
    const c = await createGitHubClient({
      token: 'ghs_' + 'x'.repeat(36),
      baseUrl: fake.url,
      retryBaseMs: 5,
      log: (m) => logged.push(m),
    });
    const res = await c.request(route, params);
    expect(res.status).toBe(201);
    expect(fake.writes()).toHaveLength(2);
    expect(logged).toEqual(['GitHub API rate limit (HTTP 429): retrying in 1 s']);
  });

  test('an API that cannot be reached is not retried again by every later call', async () => {
    const { createGitHubClient } = await import('../../src/pr/github-client.ts');
    let attempts = 0;
    // every attempt fails as fetch does when the connection is refused
    const refused = (async () => {
      attempts++;
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const c = await createGitHubClient({
      token: 'ghs_' + 'x'.repeat(36),
      baseUrl: fake.url,
      retryBaseMs: 5,
      retries: 2,
      fetch: refused,
    });
    const first = (await c.request(route, params).catch((e: unknown) => e)) as { status?: number };
    expect(first.status).toBe(500);
    expect(attempts).toBe(3);
    // the second call of the run gives up at once with the same error, without another backoff
    const second = await c.request(route, params).catch((e: unknown) => e);
    expect(second).toBe(first);
    expect(attempts).toBe(3);
  });

  test('a hung API costs one timeout per attempt, not minutes', async () => {
    fake.failures.push({ method: 'GET', path: '/issues/7/comments', status: 200, hang: true });
    const c = await client({ requestTimeoutMs: 300, retries: 1 });
    const started = Date.now();
    const err = await c
      .request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'acme',
        repo: 'deploy',
        issue_number: 7,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    // two attempts of 0.3 s plus backoff: far below the old 2 x 300 s (generous bound for CI load)
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(fake.requests.filter((r) => r.method === 'GET').length).toBe(2);
  });

  test('the token never appears in an error', async () => {
    fake.failures.push({ method: 'POST', path: '/issues/7/comments', status: 403, message: 'nope' });
    const c = await client();
    const err = await c.request(route, params).catch((e: unknown) => e);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err)).not.toContain('x'.repeat(36));
  });
});

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-gh-ws-'));
  cpSync(path.join(FIXTURES, 'workspace'), dir, { recursive: true });
  return dir;
}

describe('the action against a faulty GitHub API', () => {
  test('one 502 on the review does not drop it', async () => {
    fake.failures.push({ method: 'POST', path: '/pulls/7/reviews', status: 502, times: 1 });
    const r = await runActionEntry(
      workspace(),
      fake,
      { comment: 'review' },
      { env: { KUBEWARD_RETRY_MAX_WAIT_MS: '500' } },
    );
    expect(r.killed).toBe(false);
    expect(fake.reviews).toHaveLength(1);
  });

  test('a hung API: the step ends with the summary and annotations, the comment reported as failed', async () => {
    fake.failures.push({ method: 'GET', path: '/issues/7/comments', status: 200, hang: true });
    const r = await runActionEntry(
      workspace(),
      fake,
      { comment: 'sticky' },
      { env: { KUBEWARD_GITHUB_TIMEOUT_MS: '500', KUBEWARD_RETRY_MAX_WAIT_MS: '500' }, timeoutMs: 45_000 },
    );
    expect(r.killed).toBe(false);
    expect(r.log).toMatch(/the PR comment failed/);
    expect(r.summary).toMatch(/kubeward/);
    expect(r.outputs.passed).toBe('false');
  });
});
