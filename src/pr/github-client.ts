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
import { httpError, rateLimitWait, type GitHubClient, type RestResponse } from './client.ts';

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
    // rate limits (403/429) are the throttling plugin's: retried by both, one 429 cost two retries
    retry: {
      retries: opts.retries ?? 3,
      retryAfterBaseValue: opts.retryBaseMs ?? 1000,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      // no clustering, no minimum spacing between writes beyond what GitHub asks for
      fallbackSecondaryRateRetryAfter: 10,
    },
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log(m), error: () => undefined },
  });
  // An API that could not be reached after every retry is not tried again by later calls of the
  // same run: one unreachable API costs one backoff sequence, not one per call.
  let unreachable: Error | undefined;
  return {
    managesRetries: true,
    request: async (route, params) => {
      for (let attempt = 0; ; attempt++) {
        if (unreachable) throw unreachable;
        try {
          return (await octokit.request(route, params)) as RestResponse;
        } catch (e) {
          if (isNetworkError(e)) unreachable = e as Error;
          // a plain 429 (no secondary-limit message, no exhausted quota) is left by the throttling
          // plugin to the caller, and the retry plugin would ignore its Retry-After: waited here
          const info = httpError(e);
          const wait = info?.status === 429 ? rateLimitWait(info, attempt, opts.retryBaseMs ?? 1000) : undefined;
          if (wait === undefined || attempt >= 2 || wait > maxWaitS * 1000) throw e;
          log(`GitHub API rate limit (HTTP 429): retrying in ${Math.ceil(wait / 1000)} s`);
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    },
  };
}

/** No HTTP answer at all (refused, reset, DNS, timeout): octokit reports it as a 500 without a response. */
function isNetworkError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { status?: unknown; response?: unknown };
  return err.status === 500 && err.response === undefined;
}
