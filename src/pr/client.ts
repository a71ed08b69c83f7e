/**
 * The GitHub REST surface the PR publishers need, vendor-neutral: any Octokit (`octokit.request`)
 * fits. Retries rate limits (429, secondary limits) with Retry-After or backoff, bounded.
 */

export interface RestResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string | number | undefined>;
}

/** Octokit-like: `request('POST /repos/{owner}/{repo}/...', params)`. */
export interface GitHubClient {
  request(route: string, params?: Record<string, unknown>): Promise<RestResponse>;
  /** The client retries and throttles itself (./github-client.ts): calls are not retried again. */
  readonly managesRetries?: boolean;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Longest single wait in ms; a limit that resets later than this is not waited for. Default 60 s. */
  maxWaitMs?: number;
  /** First backoff when the server gives no hint, doubled each time. Default 1 s. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

/** A GitHub API error reduced to what the publishers decide on. */
export interface HttpErrorInfo {
  status: number;
  message: string;
  headers: Record<string, string | number | undefined>;
}

export function httpError(e: unknown): HttpErrorInfo | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as {
    status?: unknown;
    message?: unknown;
    response?: { headers?: Record<string, string | number | undefined>; data?: { message?: unknown } };
  };
  if (typeof err.status !== 'number') return undefined;
  const dataMessage = err.response?.data?.message;
  return {
    status: err.status,
    message: typeof dataMessage === 'string' ? dataMessage : String(err.message ?? ''),
    headers: err.response?.headers ?? {},
  };
}

function header(h: HttpErrorInfo['headers'], name: string): string | undefined {
  const v = h[name] ?? h[name.toLowerCase()];
  return v === undefined ? undefined : String(v);
}

/** Rate limited (primary exhausted, secondary, or 429): how long to wait, or undefined if not a limit. */
export function rateLimitWait(
  info: HttpErrorInfo,
  attempt: number,
  base: number,
  now = Date.now(),
): number | undefined {
  const retryAfter = header(info.headers, 'retry-after');
  const remaining = header(info.headers, 'x-ratelimit-remaining');
  const limited =
    info.status === 429 ||
    (info.status === 403 && (retryAfter !== undefined || remaining === '0' || /rate limit/i.test(info.message)));
  if (!limited) return undefined;
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const reset = header(info.headers, 'x-ratelimit-reset');
  if (remaining === '0' && reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now) + 1000;
  return base * 2 ** attempt;
}

/** True for "this token may not do that": 403 (not a rate limit) or 404 on a write. */
export function isPermissionError(e: unknown): boolean {
  const info = httpError(e);
  if (!info) return false;
  return (info.status === 403 && rateLimitWait(info, 0, 0) === undefined) || info.status === 401;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs `fn`, retrying rate-limited calls (bounded); other errors are thrown at once. */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxWaitMs ?? 60_000;
  const base = opts.baseDelayMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const info = httpError(e);
      const wait = info ? rateLimitWait(info, attempt, base) : undefined;
      if (wait === undefined || attempt >= retries || wait > maxWait) throw e;
      opts.log?.(`GitHub API rate limit (HTTP ${info!.status}): retrying in ${Math.ceil(wait / 1000)} s`);
      await (opts.sleep ?? defaultSleep)(wait);
    }
  }
}

/** A request with retries. */
export async function call<T = unknown>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  retry?: RetryOptions,
): Promise<T> {
  const res = client.managesRetries
    ? await client.request(route, params)
    : await withRetry(() => client.request(route, params), retry);
  return res.data as T;
}

/** Every page of a list endpoint (100 per page, bounded to `maxPages`). */
export async function paginate<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  retry?: RetryOptions,
  maxPages = 100,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const data = await call<T[]>(client, route, { ...params, per_page: 100, page }, retry);
    if (!Array.isArray(data)) break;
    for (const x of data) all.push(x);
    if (data.length < 100) break;
  }
  return all;
}
