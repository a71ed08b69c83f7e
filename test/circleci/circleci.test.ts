import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findPullRequest, prNumberFromUrl, repoFromEnv, reportPaths } from '../../src/circleci/index.ts';
import { isPermissionError, type GitHubClient } from '../../src/pr/client.ts';
import { createGitHubClient } from '../../src/pr/github-client.ts';

const base = {
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'deploy',
  CIRCLE_SHA1: 'c0ffee'.padEnd(40, '0'),
};

function fakeClient(pulls: unknown[]): GitHubClient & { routes: string[] } {
  const routes: string[] = [];
  return {
    routes,
    async request(route, params) {
      routes.push(`${route} ${JSON.stringify(params)}`);
      return { status: 200, data: pulls, headers: {} };
    },
  };
}

describe('CircleCI pull request detection', () => {
  test('repository from project variables, else from the repository URL', () => {
    expect(repoFromEnv(base)).toEqual({ owner: 'acme', repo: 'deploy' });
    expect(repoFromEnv({ CIRCLE_REPOSITORY_URL: 'git@github.com:acme/shop.git' })).toEqual({
      owner: 'acme',
      repo: 'shop',
    });
    expect(repoFromEnv({ CIRCLE_REPOSITORY_URL: 'https://github.com/acme/shop' })).toEqual({
      owner: 'acme',
      repo: 'shop',
    });
    expect(repoFromEnv({})).toBeUndefined();
  });
  test('CIRCLE_PULL_REQUEST first (no API call)', async () => {
    const client = fakeClient([]);
    const pr = await findPullRequest(
      { ...base, CIRCLE_PULL_REQUEST: 'https://github.com/acme/deploy/pull/12', CIRCLE_PR_NUMBER: '99' },
      client,
    );
    expect(pr).toMatchObject({ owner: 'acme', repo: 'deploy', number: 12, via: 'CIRCLE_PULL_REQUEST' });
    expect(client.routes).toEqual([]);
    expect(prNumberFromUrl('https://github.com/a/b/pull/3,https://github.com/a/b/pull/4')).toBe(3);
  });
  test('CIRCLE_PR_NUMBER for fork builds', async () => {
    expect(await findPullRequest({ ...base, CIRCLE_PR_NUMBER: '42' })).toMatchObject({
      number: 42,
      via: 'CIRCLE_PR_NUMBER',
    });
  });
  test('push before the PR existed: the open PR of the commit from the API', async () => {
    const client = fakeClient([
      { number: 5, state: 'closed', head: { sha: base.CIRCLE_SHA1 } },
      { number: 8, state: 'open', head: { sha: base.CIRCLE_SHA1 } },
    ]);
    const pr = await findPullRequest(base, client);
    expect(pr).toMatchObject({ number: 8, headSha: base.CIRCLE_SHA1, via: 'commit-pulls' });
    expect(client.routes[0]).toMatch(/^GET \/repos\/\{owner\}\/\{repo\}\/commits\/\{commit_sha\}\/pulls /);
    expect(await findPullRequest(base, fakeClient([]))).toBeUndefined();
    expect(await findPullRequest(base)).toBeUndefined();
  });
  test('report paths under the output folder', () => {
    expect(reportPaths('out').junit).toBe('out/junit/kubeward.xml');
  });
});

describe('the GitHub client (Octokit with retry and throttling)', () => {
  test('fills the route, sends the token only in Authorization, and throws Octokit-shaped errors', async () => {
    const seen: { url: string; auth: string | undefined; body: string }[] = [];
    let calls = 0;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', auth: req.headers.authorization, body });
        calls++;
        if (req.url?.includes('/forbidden')) {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: 'Resource not accessible by integration' }));
        } else if (req.url?.includes('/limited') && calls < 4) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
          res.end(JSON.stringify({ message: 'slow down' }));
        } else {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: 1 }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = await createGitHubClient({ token: 't0ken', baseUrl: url, retryBaseMs: 1 });
      const res = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'a b',
        repo: 'r',
        issue_number: 7,
        body: 'hi',
      });
      expect(res.status).toBe(201);
      expect(seen[0]).toEqual({
        url: '/repos/a%20b/r/issues/7/comments',
        auth: expect.stringMatching(/^(token|Bearer) t0ken$/),
        body: '{"body":"hi"}',
      });
      await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'a',
        repo: 'r',
        issue_number: 7,
        per_page: 100,
        page: 2,
      });
      expect(seen[1].url).toBe('/repos/a/r/issues/7/comments?per_page=100&page=2');
      const err = await client.request('GET /forbidden').catch((e: unknown) => e);
      expect(isPermissionError(err)).toBe(true);
      expect(String((err as Error).message)).not.toMatch(/t0ken/);
      // the client waits out a short rate limit (Retry-After: 0) itself
      const limited = await client.request('GET /limited').catch((e: unknown) => e);
      expect((limited as { status: number }).status).toBe(201);
    } finally {
      server.close();
    }
  });
});
