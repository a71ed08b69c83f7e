/**
 * A fake GitHub REST API on 127.0.0.1 for tests: the real Octokit client reaches it through
 * GITHUB_API_URL. Records every request; serves pull request files (with patches), issue comments
 * (list/create/update), reviews (list/create) and review comments (list), with pagination; can be
 * told to answer an error (403, 422, 429 ...) for a route a number of times.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/o/r/issues/7/comments. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface FakeReviewComment {
  id: number;
  path: string;
  line: number | null;
  original_line: number | null;
  start_line?: number | null;
  body: string;
  pull_request_review_id: number;
  /** Who wrote it (the bot, for comments of reviews posted through the fake). */
  user?: { login: string; type: string };
}

export interface FakeFile {
  filename: string;
  status: string;
  patch?: string;
}

export interface FailureRule {
  method: string;
  /** Matched against the path (string: exact suffix; RegExp: test). */
  path: string | RegExp;
  status: number;
  message?: string;
  headers?: Record<string, string>;
  /** How many times to fail before answering normally. Default: always. */
  times?: number;
  /** Fails only when this returns true (e.g. a review with multi-line comments). */
  when?: (body: unknown) => boolean;
  /** Never answer (the connection stays open until the client gives up). */
  hang?: boolean;
  /** Answer this text as the body (e.g. malformed JSON) instead of `{ message }`. */
  raw?: string;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  issueComments: FakeComment[];
  reviews: { id: number; body: string; commit_id: string; event: string; comments: unknown[] }[];
  reviewComments: FakeReviewComment[];
  files: FakeFile[];
  failures: FailureRule[];
  /** Repository files by `${ref}:${path}`, served by GET /contents/{path}?ref=. */
  contents: Record<string, string>;
  /** Requests other than GETs, as "METHOD path". */
  writes(): string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(status === 204 ? undefined : JSON.stringify(data));
}

function page<T>(
  items: T[],
  query: Record<string, string>,
  url: string,
): { data: T[]; headers: Record<string, string> } {
  const per = Math.min(100, Number(query.per_page ?? 30));
  const p = Math.max(1, Number(query.page ?? 1));
  const data = items.slice((p - 1) * per, p * per);
  const headers: Record<string, string> = {};
  if (p * per < items.length) headers.link = `<${url}?per_page=${per}&page=${p + 1}>; rel="next"`;
  return { data, headers };
}

export async function startFakeGitHub(
  opts: { owner?: string; repo?: string; botLogin?: string } = {},
): Promise<FakeGitHub> {
  const owner = opts.owner ?? 'acme';
  const repo = opts.repo ?? 'deploy';
  const bot = { login: opts.botLogin ?? 'github-actions[bot]', type: 'Bot' };
  let nextId = 1000;
  const state: Omit<FakeGitHub, 'url' | 'close' | 'writes'> = {
    requests: [],
    issueComments: [],
    reviews: [],
    reviewComments: [],
    files: [],
    failures: [],
    contents: {},
  };
  const base = `/repos/${owner}/${repo}`;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const method = req.method ?? 'GET';
      const query = Object.fromEntries(u.searchParams);
      state.requests.push({ method, path: u.pathname, query, body, headers: req.headers });

      for (const f of state.failures) {
        const match = typeof f.path === 'string' ? u.pathname.endsWith(f.path) : f.path.test(u.pathname);
        if (f.method !== method || !match) continue;
        if (f.when && !f.when(body)) continue;
        if (f.times !== undefined) {
          if (f.times <= 0) continue;
          f.times--;
        }
        if (f.hang) return;
        if (f.raw !== undefined) {
          res.writeHead(f.status, { 'content-type': 'application/json; charset=utf-8', ...f.headers });
          res.end(f.raw);
          return;
        }
        send(res, f.status, { message: f.message ?? `fake error ${f.status}` }, f.headers);
        return;
      }

      const p = u.pathname;
      const href = `http://${req.headers.host}${p}`;
      let m: RegExpExecArray | null;
      if (p.startsWith(`${base}/contents/`) && method === 'GET') {
        const file = decodeURIComponent(p.slice(`${base}/contents/`.length));
        const text = state.contents[`${query.ref ?? ''}:${file}`];
        if (text === undefined) return send(res, 404, { message: 'Not Found' });
        return send(res, 200, {
          type: 'file',
          path: file,
          encoding: 'base64',
          content: Buffer.from(text).toString('base64'),
        });
      }
      if ((m = new RegExp(`^${base}/pulls/(\\d+)/files$`).exec(p)) && method === 'GET') {
        const r = page(state.files, query, href);
        return send(res, 200, r.data, r.headers);
      }
      if ((m = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(p))) {
        if (method === 'GET') {
          const r = page(state.issueComments, query, href);
          return send(res, 200, r.data, r.headers);
        }
        if (method === 'POST') {
          const id = nextId++;
          const c: FakeComment = {
            id,
            body: (body as { body: string }).body,
            user: bot,
            html_url: `https://github.com/${owner}/${repo}/pull/${m[1]}#issuecomment-${id}`,
          };
          state.issueComments.push(c);
          return send(res, 201, c);
        }
      }
      if ((m = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(p)) && method === 'PATCH') {
        const c = state.issueComments.find((x) => x.id === Number(m![1]));
        if (!c) return send(res, 404, { message: 'Not Found' });
        if (c.user.login !== bot.login) return send(res, 403, { message: 'Resource not accessible by integration' });
        c.body = (body as { body: string }).body;
        return send(res, 200, c);
      }
      if ((m = new RegExp(`^${base}/pulls/(\\d+)/comments$`).exec(p)) && method === 'GET') {
        const r = page(state.reviewComments, query, href);
        return send(res, 200, r.data, r.headers);
      }
      if ((m = new RegExp(`^${base}/pulls/(\\d+)/reviews$`).exec(p))) {
        if (method === 'GET') return send(res, 200, state.reviews);
        if (method === 'POST') {
          const b = body as {
            body: string;
            commit_id: string;
            event: string;
            comments?: { path: string; line: number; start_line?: number; body: string }[];
          };
          const id = nextId++;
          state.reviews.push({ id, body: b.body, commit_id: b.commit_id, event: b.event, comments: b.comments ?? [] });
          for (const c of b.comments ?? []) {
            state.reviewComments.push({
              id: nextId++,
              path: c.path,
              line: c.line,
              original_line: c.line,
              start_line: c.start_line ?? null,
              body: c.body,
              pull_request_review_id: id,
              user: bot,
            });
          }
          return send(res, 200, { id, state: 'COMMENTED' });
        }
      }
      send(res, 404, { message: `Not Found (fake GitHub has no ${method} ${p})` });
    })().catch((e: unknown) => send(res, 500, { message: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    writes: () => state.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
