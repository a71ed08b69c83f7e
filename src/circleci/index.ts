/**
 * CircleCI: the environment of a job -> the GitHub pull request to comment on, and where the orb
 * writes its reports. Vendor knowledge only; publishing goes through src/pr.
 */
import path from 'node:path';
import { call, type GitHubClient } from '../pr/client.ts';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestContext extends RepoRef {
  number: number;
  headSha: string;
  /** How the PR was found. */
  via: 'CIRCLE_PULL_REQUEST' | 'CIRCLE_PR_NUMBER' | 'commit-pulls';
}

type Env = Record<string, string | undefined>;

/** The GitHub repository of the build: from CIRCLE_PROJECT_USERNAME/REPONAME, else CIRCLE_REPOSITORY_URL. */
export function repoFromEnv(env: Env): RepoRef | undefined {
  if (env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME) {
    return { owner: env.CIRCLE_PROJECT_USERNAME, repo: env.CIRCLE_PROJECT_REPONAME };
  }
  const url = env.CIRCLE_REPOSITORY_URL ?? '';
  const m = /github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?$/.exec(url);
  return m ? { owner: m[1], repo: m[2] } : undefined;
}

/** `https://github.com/o/r/pull/12` -> 12 (several URLs, comma separated: the first). */
export function prNumberFromUrl(url: string | undefined): number | undefined {
  const m = /\/pull\/(\d+)/.exec(url ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Finds the PR of this build: CIRCLE_PULL_REQUEST, then CIRCLE_PR_NUMBER (forks), then, when both
 * are empty (the push came before the PR was opened), the open PRs of the commit via
 * `GET /repos/{owner}/{repo}/commits/{sha}/pulls`. Undefined when there is none.
 */
export async function findPullRequest(env: Env, client?: GitHubClient): Promise<PullRequestContext | undefined> {
  const repo = repoFromEnv(env);
  const sha = env.CIRCLE_SHA1 ?? '';
  if (!repo) return undefined;
  const fromUrl = prNumberFromUrl(env.CIRCLE_PULL_REQUEST);
  if (fromUrl) return { ...repo, number: fromUrl, headSha: sha, via: 'CIRCLE_PULL_REQUEST' };
  if (env.CIRCLE_PR_NUMBER && /^\d+$/.test(env.CIRCLE_PR_NUMBER)) {
    return { ...repo, number: Number(env.CIRCLE_PR_NUMBER), headSha: sha, via: 'CIRCLE_PR_NUMBER' };
  }
  if (!client || !sha) return undefined;
  const pulls = await call<{ number: number; state?: string; head?: { sha?: string } }[]>(
    client,
    'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    { ...repo, commit_sha: sha },
  );
  const open = pulls.filter((p) => (p.state ?? 'open') === 'open');
  const pick = open.find((p) => p.head?.sha === sha) ?? open[0];
  return pick ? { ...repo, number: pick.number, headSha: pick.head?.sha ?? sha, via: 'commit-pulls' } : undefined;
}

/** The build's URL, for the comment footer. */
export function buildUrl(env: Env): string | undefined {
  return env.CIRCLE_BUILD_URL || undefined;
}

/** Where the orb's scan writes each report, under its output folder. */
export function reportPaths(outputDir: string): Record<'junit' | 'sarif' | 'json' | 'markdown' | 'html', string> {
  return {
    junit: path.join(outputDir, 'junit', 'kubeward.xml'),
    sarif: path.join(outputDir, 'kubeward.sarif'),
    json: path.join(outputDir, 'kubeward.json'),
    markdown: path.join(outputDir, 'kubeward.md'),
    html: path.join(outputDir, 'kubeward.html'),
  };
}
