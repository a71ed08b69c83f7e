/**
 * The GitHub REST client of both adapters (the action and the orb's `kubeward comment`):
 * @octokit/core with the retry and throttling plugins, loaded lazily (PR publishing only).
 *
 * - every HTTP attempt has its own timeout (a hung API costs one timeout, not 2 x 300 s);
 * - 5xx and network errors are retried with bounded backoff (@octokit/plugin-retry: 3 retries);
 * - primary and secondary rate limits wait for Retry-After / the reset when that is short, at most
 *   twice (@octokit/plugin-throttling), else the error reaches the caller;
 * - the token is sent only in the Authorization header and never appears in errors or logs.
 */
import type { GitHubClient, RestResponse } from './client.ts';

export interface GitHubClientOptions {
  token: string;
  /** Default https://api.github.com (GitHub Enterprise: https://HOST/api/v3). */
  baseUrl?: string;
  userAgent?: string;
  /** Timeout of each HTTP attempt in ms. Default 30 s. */
  requestTimeoutMs?: number;
  /** Retries of 5xx and network errors. Default 3. */
  retries?: number;
  /** Backoff unit in ms: retry n waits n² units. Default 1000. */
  retryBaseMs?: number;
  /** A rate limit that resets later than this is not waited for. Default 60 s. */
  maxRateLimitWaitMs?: number;
  log?: (message: string) => void;
  /** For tests. */
  fetch?: typeof fetch;
}

/** A client that retries and throttles itself: ./client.ts does not retry its calls again. */
export interface ManagedGitHubClient extends GitHubClient {
  readonly managesRetries: true;
}

export async function createGitHubClient(opts: GitHubClientOptions): Promise<ManagedGitHubClient> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/core'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const maxWaitS = (opts.maxRateLimitWaitMs ?? 60_000) / 1000;
  const baseFetch = opts.fetch ?? globalThis.fetch;
  // one timeout per attempt (the retry plugin re-sends through this fetch)
  const timedFetch: typeof fetch = (input, init) => {
    const t = AbortSignal.timeout(timeoutMs);
    return baseFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, t]) : t });
  };
  const log = opts.log ?? (() => undefined);
  const onLimit =
    (what: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
      if (retryCount >= 2 || retryAfter > maxWaitS) return false;
      log(`GitHub API ${what} (${options.method ?? ''} ${options.url ?? ''}): retrying in ${retryAfter} s`);
      return true;
    };
  const Client = Octokit.plugin(retry, throttling);
  const octokit = new Client({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'kubeward',
    request: { fetch: timedFetch },
    retry: { retries: opts.retries ?? 3, retryAfterBaseValue: opts.retryBaseMs ?? 1000 },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      // no clustering, no minimum spacing between writes beyond what GitHub asks for
      fallbackSecondaryRateRetryAfter: 10,
    },
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log(m), error: () => undefined },
  });
  return {
    managesRetries: true,
    request: (route, params) => octokit.request(route, params) as Promise<RestResponse>,
  };
}
