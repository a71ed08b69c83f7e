/**
 * `kubeward comment --report kubeward.json`: posts the sticky kubeward comment on the GitHub pull
 * request of a CI build outside GitHub Actions (the CircleCI orb). The token comes from
 * KUBEWARD_GITHUB_TOKEN or GITHUB_TOKEN and is never printed. Exit codes: 0 posted, or skipped with
 * a notice (no token, no PR, token without permission); 2 usage errors or an unreadable report;
 * 1 the GitHub API failed otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildUrl, findPullRequest } from '../circleci/index.ts';
import { reportFromJson } from '../core/report/json-read.ts';
import { isPermissionError, publishStickyComment } from '../pr/index.ts';
import { createGitHubClient } from '../pr/github-client.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';

export const COMMENT_HELP = `Usage: kubeward comment --report FILE [options]

Post (or update) one sticky comment with a kubeward report on the GitHub pull request of this
CI build. The pull request is found from CIRCLE_PULL_REQUEST, CIRCLE_PR_NUMBER, or the GitHub API
for the commit (CIRCLE_SHA1) when the push came before the PR.

Options:
  --report FILE      JSON report written by 'kubeward scan|verify --format json' (required)
  --repo OWNER/REPO  repository (default: from CIRCLE_PROJECT_USERNAME/CIRCLE_PROJECT_REPONAME)
  --pr NUMBER        pull request number (default: detected)
  --sha SHA          head commit (default: CIRCLE_SHA1)
  -h, --help         show this help

Environment:
  KUBEWARD_GITHUB_TOKEN or GITHUB_TOKEN   token with pull-requests write access; none: skip with a notice
  GITHUB_API_URL                          API base (default https://api.github.com)
`;

export async function runComment(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      report: { type: 'string' },
      repo: { type: 'string' },
      pr: { type: 'string' },
      sha: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(COMMENT_HELP);
    return EXIT.ok;
  }
  if (!values.report) throw new UsageError('--report FILE is required', 'comment');
  if (values.repo && !/^[^/\s]+\/[^/\s]+$/.test(values.repo))
    throw new UsageError('--repo takes OWNER/REPO', 'comment');
  if (values.pr && !/^\d+$/.test(values.pr)) throw new UsageError('--pr takes a number', 'comment');

  let report;
  try {
    report = reportFromJson(await readFile(path.resolve(io.cwd, values.report), 'utf8'));
  } catch (e) {
    io.stderr(`kubeward comment: cannot read ${values.report}: ${(e as Error).message}\n`);
    return EXIT.usage;
  }

  const token = io.env.KUBEWARD_GITHUB_TOKEN || io.env.GITHUB_TOKEN;
  if (!token) {
    io.stdout(
      'kubeward comment: no GitHub token (KUBEWARD_GITHUB_TOKEN or GITHUB_TOKEN): skipping the pull request comment\n',
    );
    return EXIT.ok;
  }
  const env: Record<string, string | undefined> = { ...io.env };
  if (values.repo) {
    const [owner, repo] = values.repo.split('/');
    env.CIRCLE_PROJECT_USERNAME = owner;
    env.CIRCLE_PROJECT_REPONAME = repo;
  }
  if (values.sha) env.CIRCLE_SHA1 = values.sha;
  if (values.pr) {
    env.CIRCLE_PULL_REQUEST = undefined;
    env.CIRCLE_PR_NUMBER = values.pr;
  }
  const client = await createGitHubClient({
    token,
    baseUrl: io.env.GITHUB_API_URL || undefined,
    log: (m) => io.stderr(`kubeward comment: ${m}\n`),
  });
  try {
    const pr = await findPullRequest(env, client);
    if (!pr) {
      io.stdout('kubeward comment: this build belongs to no open pull request: nothing to comment on\n');
      return EXIT.ok;
    }
    const res = await publishStickyComment({
      client,
      owner: pr.owner,
      repo: pr.repo,
      pullNumber: pr.number,
      headSha: pr.headSha || env.CIRCLE_SHA1 || '',
      report,
      runUrl: buildUrl(env),
      retry: { log: (m) => io.stderr(`kubeward comment: ${m}\n`) },
    });
    io.stdout(
      `kubeward comment: ${res.action} the comment on ${pr.owner}/${pr.repo}#${pr.number} (found via ${pr.via})\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (isPermissionError(e)) {
      io.stdout(
        'kubeward comment: the token may not comment on this pull request (HTTP 401/403, e.g. a fork build): skipping; the reports are in the artifacts\n',
      );
      return EXIT.ok;
    }
    io.stderr(`kubeward comment: GitHub API error: ${(e as Error).message}\n`);
    return EXIT.findings;
  }
}
