/**
 * Publishing to the pull request from the action: builds the Octokit client (loaded lazily: it is
 * the heaviest part of the bundle and unused outside pull requests) and turns missing permissions
 * into a clear notice instead of a failure.
 */
import { log } from './log.ts';
import type { GitHubClient, RetryOptions } from '../pr/client.ts';

export async function githubClient(token: string): Promise<GitHubClient> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  return {
    request: (route, params) =>
      octokit.request(route, params) as Promise<{ status: number; data: unknown; headers: Record<string, string> }>,
  };
}

export function retryOptions(): RetryOptions {
  const max = Number(process.env.KUBEWARD_RETRY_MAX_WAIT_MS);
  return {
    retries: 3,
    maxWaitMs: Number.isFinite(max) && max > 0 ? max : 60_000,
    log: (m) => log.info(m),
  };
}
