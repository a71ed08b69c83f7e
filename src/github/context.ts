/** The run's GitHub context, read from the runner's environment and event payload (no Octokit needed). */
import { readFileSync } from 'node:fs';

export interface PullRequestContext {
  number: number;
  headSha: string;
  /** The base commit (the target branch's head when the PR event was sent). */
  baseSha?: string;
  /** Head repository differs from the base: a fork, whose GITHUB_TOKEN is read-only on `pull_request`. */
  fromFork: boolean;
}

export interface RunContext {
  owner: string;
  repo: string;
  sha: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  eventName: string;
  runUrl?: string;
  pullRequest?: PullRequestContext;
}

interface PullRequestPayload {
  number?: number;
  pull_request?: {
    number?: number;
    head?: { sha?: string; repo?: { full_name?: string } | null };
    base?: { sha?: string; repo?: { full_name?: string } };
  };
}

export function readContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const ctx: RunContext = {
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    serverUrl,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ...(env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? { runUrl: `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` }
      : {}),
  };
  let payload: PullRequestPayload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestPayload;
    } catch {
      payload = {};
    }
  }
  const pr = payload.pull_request;
  const number = pr?.number ?? payload.number;
  if (pr && typeof number === 'number' && pr.head?.sha) {
    const head = pr.head.repo?.full_name;
    const base = pr.base?.repo?.full_name ?? `${owner}/${repo}`;
    ctx.pullRequest = {
      number,
      headSha: pr.head.sha,
      ...(typeof pr.base?.sha === 'string' && pr.base.sha ? { baseSha: pr.base.sha } : {}),
      fromFork: !!head && head !== base,
    };
  }
  return ctx;
}
