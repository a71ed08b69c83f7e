/**
 * Publishing to the pull request from the action: builds the Octokit client (loaded lazily: it is
 * the heaviest part of the bundle and unused outside pull requests) and turns missing permissions
 * into a clear notice instead of a failure.
 */
import { log } from './log.ts';
import type { GitHubClient, RetryOptions } from '../pr/client.ts';

export async function githubClient(token: string): Promise<GitHubClient> {
  const { createGitHubClient } = await import('../pr/github-client.ts');
  const max = Number(process.env.KUBEWARD_RETRY_MAX_WAIT_MS);
  // per-attempt timeout; tests shorten it, nobody needs to raise it
  const timeout = Number(process.env.KUBEWARD_GITHUB_TIMEOUT_MS);
  return createGitHubClient({
    token,
    baseUrl: process.env.GITHUB_API_URL || undefined,
    userAgent: 'kubeward-action',
    ...(Number.isFinite(timeout) && timeout > 0 ? { requestTimeoutMs: timeout } : {}),
    ...(Number.isFinite(max) && max > 0 ? { maxRateLimitWaitMs: max, retryBaseMs: Math.min(1000, max / 10) } : {}),
    log: (m) => log.info(m),
  });
}

export function retryOptions(): RetryOptions {
  const max = Number(process.env.KUBEWARD_RETRY_MAX_WAIT_MS);
  return {
    retries: 3,
    maxWaitMs: Number.isFinite(max) && max > 0 ? max : 60_000,
    log: (m) => log.info(m),
  };
}
