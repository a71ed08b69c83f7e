/**
 * A minimal GitHub REST client on fetch, for publishers that run outside GitHub Actions (the
 * CircleCI orb's `kubeward comment`). Same surface as Octokit's `request`, and errors shaped like
 * Octokit's RequestError (`status`, `response.headers`, `response.data`) so ./client.ts retries
 * and permission checks treat both alike. The token is sent only in the Authorization header.
 */
import type { GitHubClient, RestResponse } from './client.ts';

export interface FetchClientOptions {
  token: string;
  /** Default https://api.github.com (GitHub Enterprise: https://HOST/api/v3). */
  baseUrl?: string;
  userAgent?: string;
  fetch?: typeof fetch;
}

export class GitHubRequestError extends Error {
  readonly status: number;
  readonly response: { headers: Record<string, string>; data: unknown };
  constructor(status: number, message: string, headers: Record<string, string>, data: unknown) {
    super(message);
    this.name = 'GitHubRequestError';
    this.status = status;
    this.response = { headers, data };
  }
}

export function createFetchClient(opts: FetchClientOptions): GitHubClient {
  const base = (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  return {
    async request(route: string, params: Record<string, unknown> = {}): Promise<RestResponse> {
      const m = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)$/.exec(route.trim());
      if (!m) throw new Error(`bad route: ${route}`);
      const [, method, template] = m;
      const rest: Record<string, unknown> = { ...params };
      const urlPath = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = rest[name];
        delete rest[name];
        if (v === undefined) throw new Error(`route ${route} needs ${name}`);
        return encodeURIComponent(String(v));
      });
      const url = new URL(base + urlPath);
      let body: string | undefined;
      if (method === 'GET' || method === 'DELETE') {
        for (const [k, v] of Object.entries(rest)) if (v !== undefined) url.searchParams.set(k, String(v));
      } else body = JSON.stringify(rest);
      const res = await doFetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${opts.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': opts.userAgent ?? 'kubeward',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      const text = await res.text();
      let data: unknown = text;
      try {
        data = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      if (!res.ok) {
        const msg = (data as { message?: unknown } | undefined)?.message;
        throw new GitHubRequestError(
          res.status,
          `${method} ${urlPath}: HTTP ${res.status}${typeof msg === 'string' ? `: ${msg}` : ''}`,
          headers,
          data,
        );
      }
      return { status: res.status, data, headers };
    },
  };
}
