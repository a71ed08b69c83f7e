/**
 * The only runtime user of @kubernetes/client-node, loaded lazily so `scan` never pays for it.
 * Resolves kubeconfig sources into contexts and gives each one a small read-only client:
 * GET with bounded retries (401, 429 with Retry-After, 5xx, timeouts, refused connections),
 * paginated LIST (limit/continue, relisting on 410 Expired), and WATCH streams.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';
import type * as KubeClient from '@kubernetes/client-node';

type KubeModule = typeof KubeClient;
let kubeModule: Promise<KubeModule> | undefined;

/** Loads @kubernetes/client-node once, on first use. */
export function loadKube(): Promise<KubeModule> {
  kubeModule ??= import('@kubernetes/client-node');
  return kubeModule;
}

export type ClusterErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'throttled'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'config'
  | 'credentials';

/** A request the cluster refused or could not answer. Never carries credentials. */
export class ClusterError extends Error {
  kind: ClusterErrorKind;
  status?: number;
  /** Context (cluster) the request went to. */
  context?: string;
  constructor(kind: ClusterErrorKind, message: string, status?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

export function isRetryable(e: ClusterError): boolean {
  return ['unauthorized', 'throttled', 'server', 'unreachable', 'timeout'].includes(e.kind);
}

export interface ConnectionOptions {
  /** Kubeconfig file(s); several are merged like KUBECONFIG. */
  kubeconfig?: string | string[];
  /** Inline kubeconfig content (action input / env var). Never logged or written to disk. */
  kubeconfigContent?: string;
  /** Contexts to verify; the current context when empty. */
  contexts?: string[];
  allContexts?: boolean;
  /** Environment for KUBECONFIG, HOME and in-cluster detection. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface RetryOptions {
  /** Attempts per request, including the first. Default 4. */
  attempts?: number;
  /** First backoff in ms, doubled each retry, capped at maxDelayMs. Default 250. */
  baseDelayMs?: number;
  /** Default 4000. Also caps Retry-After. */
  maxDelayMs?: number;
  /** Per-request timeout in ms. Default 20000. */
  requestTimeoutMs?: number;
}

/**
 * `users[].user.tokenFile` per user name, as kubectl reads it (client-node knows only the
 * non-standard `token-file`): a path relative to the kubeconfig file that names it, read on every
 * request (so a rotated token is picked up), trimmed; an inline `token` takes precedence.
 */
const tokenFiles = new WeakMap<KubeConfig, Map<string, string>>();

function noteTokenFiles(kc: KubeConfig, text: string, dir: string): void {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return; // the loader reports unreadable kubeconfigs
  }
  const users = (doc as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) return;
  const map = tokenFiles.get(kc) ?? new Map<string, string>();
  for (const u of users) {
    const name = (u as { name?: unknown } | null)?.name;
    const user = (u as { user?: Record<string, unknown> } | null)?.user;
    const file = user?.tokenFile;
    if (typeof name !== 'string' || typeof file !== 'string' || !file || map.has(name)) continue;
    map.set(name, path.resolve(dir, file));
  }
  tokenFiles.set(kc, map);
}

function loadFile(kc: KubeConfig, file: string): void {
  kc.loadFromFile(file);
  noteTokenFiles(kc, readFileSync(file, 'utf8'), path.dirname(path.resolve(file)));
}

/** Builds the kubeconfig from the sources in priority order; throws ClusterError('config'). */
export async function loadKubeConfig(opts: ConnectionOptions): Promise<KubeConfig> {
  const k8s = await loadKube();
  const env = opts.env ?? process.env;
  const kc = new k8s.KubeConfig();
  const files = typeof opts.kubeconfig === 'string' ? [opts.kubeconfig] : (opts.kubeconfig ?? []);
  try {
    if (opts.kubeconfigContent && opts.kubeconfigContent.trim()) {
      kc.loadFromString(opts.kubeconfigContent);
      noteTokenFiles(kc, opts.kubeconfigContent, process.cwd());
    } else if (files.length) {
      loadFiles(k8s, kc, files);
    } else if (env.KUBECONFIG && env.KUBECONFIG.trim()) {
      loadFiles(k8s, kc, env.KUBECONFIG.split(path.delimiter).filter(Boolean));
    } else {
      const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
      const def = path.join(home, '.kube', 'config');
      if (existsSync(def)) loadFile(kc, def);
      else if (env.KUBERNETES_SERVICE_HOST && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) {
        kc.loadFromCluster();
      } else {
        throw new ClusterError(
          'config',
          'no kubeconfig: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config or run in a pod with a service account',
        );
      }
    }
  } catch (e) {
    if (e instanceof ClusterError) throw e;
    // messages from the loader name files and fields, never credential values
    throw new ClusterError('config', `cannot load kubeconfig: ${(e as Error).message.split('\n')[0]}`);
  }
  return kc;
}

function loadFiles(k8s: KubeModule, kc: KubeConfig, files: string[]): void {
  for (const f of files) {
    if (!existsSync(f)) throw new ClusterError('config', `kubeconfig file not found: ${f}`);
  }
  loadFile(kc, files[0]);
  for (const f of files.slice(1)) {
    const more = new k8s.KubeConfig();
    more.loadFromFile(f);
    noteTokenFiles(kc, readFileSync(f, 'utf8'), path.dirname(path.resolve(f)));
    // first file wins for duplicate names, as kubectl merges KUBECONFIG
    const has = (list: { name: string }[], n: string) => list.some((x) => x.name === n);
    for (const c of more.clusters) if (!has(kc.clusters, c.name)) kc.addCluster(c);
    for (const u of more.users) if (!has(kc.users, u.name)) kc.addUser(u);
    for (const c of more.contexts) if (!has(kc.contexts, c.name)) kc.addContext(c);
    if (!kc.currentContext && more.currentContext) kc.setCurrentContext(more.currentContext);
  }
}

/** The contexts to verify, validated against the kubeconfig. */
export function selectContexts(kc: KubeConfig, opts: ConnectionOptions): string[] {
  if (opts.allContexts) {
    const all = kc.getContexts().map((c) => c.name);
    if (!all.length) throw new ClusterError('config', 'the kubeconfig has no contexts');
    return all;
  }
  if (opts.contexts?.length) {
    for (const c of opts.contexts) {
      if (!kc.getContextObject(c)) {
        throw new ClusterError(
          'config',
          `context "${c}" is not in the kubeconfig (known: ${kc
            .getContexts()
            .map((x) => x.name)
            .join(', ')})`,
        );
      }
    }
    return [...new Set(opts.contexts)];
  }
  const cur = kc.getCurrentContext();
  if (cur && kc.getContextObject(cur)) return [cur];
  // in-cluster configs name their context 'inClusterContext'; a bare config may have one context
  const all = kc.getContexts();
  if (all.length === 1) return [all[0].name];
  throw new ClusterError('config', 'no current context in the kubeconfig: pass --context');
}

/** A KubeConfig that holds only `context`, so authentication applies to that cluster. */
async function forContext(kc: KubeConfig, context: string): Promise<KubeConfig> {
  const k8s = await loadKube();
  const ctx = kc.getContextObject(context);
  if (!ctx) throw new ClusterError('config', `context "${context}" is not in the kubeconfig`);
  const out = new k8s.KubeConfig();
  out.loadFromOptions({
    clusters: kc.clusters,
    users: kc.users,
    contexts: kc.contexts,
    currentContext: context,
  });
  if (!out.getCurrentCluster()) throw new ClusterError('config', `context "${context}" names no known cluster`);
  const files = tokenFiles.get(kc);
  if (files) tokenFiles.set(out, files);
  return out;
}

export interface ListResult {
  items: Record<string, unknown>[];
  /** Items that were not objects, left out. */
  skipped: number;
  resourceVersion: string;
  kind: string;
  apiVersion: string;
}

export interface RequestStats {
  requests: number;
  retries: number;
}

export interface WatchEvent {
  type: string;
  object: Record<string, unknown>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkError(e: unknown, server: string): ClusterError {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const err = cur as { code?: string; name?: string; message?: string; cause?: unknown };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      return new ClusterError('timeout', `request to ${server} timed out`);
    }
    if (err.code && NETWORK_CODES.has(err.code)) {
      return new ClusterError('unreachable', `cannot reach ${server}: ${err.code}`);
    }
    if (err.code && /CERT|SSL|TLS|SELF_SIGNED/i.test(err.code)) {
      return new ClusterError('unreachable', `TLS error talking to ${server}: ${err.code}`);
    }
    cur = err.cause;
  }
  // never the error's message: a credential plugin's or proxy's output may be in it
  return new ClusterError('unreachable', `cannot reach ${server}: ${safeReason(e)}`);
}

function statusError(status: number, body: string, what: string): ClusterError {
  let message = '';
  try {
    const s = JSON.parse(body) as { message?: string };
    if (typeof s.message === 'string') message = s.message;
  } catch {
    // not a Status object
  }
  const m = message || `HTTP ${status}`;
  if (status === 401) return new ClusterError('unauthorized', `unauthorized (401) for ${what}: ${m}`, status);
  if (status === 403) return new ClusterError('forbidden', m, status);
  if (status === 404) return new ClusterError('not-found', `not found: ${what}`, status);
  if (status === 410) return new ClusterError('gone', `expired (410): ${m}`, status);
  if (status === 429) return new ClusterError('throttled', `throttled (429) for ${what}`, status);
  if (status >= 500) return new ClusterError('server', `server error ${status} for ${what}: ${m}`, status);
  return new ClusterError('server', `unexpected HTTP ${status} for ${what}: ${m}`, status);
}

/** The error to throw when `signal` has aborted (its reason when that is a ClusterError). */
export function aborted(signal: AbortSignal | undefined): ClusterError | undefined {
  if (!signal?.aborted) return undefined;
  const r: unknown = signal.reason;
  return r instanceof ClusterError ? r : new ClusterError('timeout', 'the verification was cancelled');
}

/** `p`, or the abort of `signal` when it comes first. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  const a = aborted(signal);
  if (a) return Promise.reject(a);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** A one-line reason without anything a credential loader may have echoed. */
function safeReason(e: unknown): string {
  const err = e as { code?: unknown; name?: unknown };
  if (typeof err.code === 'string') return err.code;
  return typeof err.name === 'string' && err.name !== 'Error' ? err.name : 'failed';
}

interface ExecAuthLike {
  execFn: (command: string, args: string[], opts: object) => ChildProcess;
}

/**
 * Observes the exit status of the exec credential plugin that client-node runs for `kc` (it keeps
 * only the plugin's stderr, which may hold a token, as its error message).
 */
function watchExecStatus(kc: KubeConfig, onExit: (code: number | null) => void): void {
  const auths = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  const execAuth = auths.find(
    (a): a is ExecAuthLike => typeof (a as Partial<ExecAuthLike> | null)?.execFn === 'function',
  );
  if (!execAuth) return;
  const original = execAuth.execFn;
  execAuth.execFn = (command, args, opts) => {
    const child = original(command, args, opts);
    child.on('close', (code) => onExit(code));
    return child;
  };
}

/** "the exec credential plugin X failed with status N": never the plugin's output. */
function execFailure(command: string, e: unknown, status: number | null | undefined): ClusterError {
  const name = path.basename(command);
  const code = (e as { code?: unknown }).code;
  let what: string;
  if (typeof status === 'number' && status !== 0) what = `failed with status ${status}`;
  else if (typeof code === 'string') what = `could not be run (${code})`;
  else if (e instanceof SyntaxError) what = 'printed no valid ExecCredential';
  else if (status === 0) what = 'returned no usable credential';
  else what = 'failed';
  return new ClusterError('credentials', `the exec credential plugin ${name} ${what} (its output is not shown)`);
}

/** A read-only client for one context. */
export class ClusterClient {
  readonly context: string;
  readonly server: string;
  readonly stats: RequestStats = { requests: 0, retries: 0 };
  private kc: KubeConfig;
  private retry: Required<RetryOptions>;
  private dispatcher: ReturnType<KubeClient.RequestContext['getDispatcher']>;

  /** Exit status of the last exec credential plugin run. */
  private execStatus: number | null | undefined;

  private constructor(context: string, kc: KubeConfig, retry: RetryOptions) {
    this.context = context;
    this.kc = kc;
    watchExecStatus(kc, (code) => (this.execStatus = code));
    this.server = kc.getCurrentCluster()?.server ?? '';
    this.retry = {
      attempts: retry.attempts ?? 4,
      baseDelayMs: retry.baseDelayMs ?? 250,
      maxDelayMs: retry.maxDelayMs ?? 4000,
      requestTimeoutMs: retry.requestTimeoutMs ?? 20000,
    };
  }

  static async create(kc: KubeConfig, context: string, retry: RetryOptions = {}): Promise<ClusterClient> {
    return new ClusterClient(context, await forContext(kc, context), retry);
  }

  private async once(
    apiPath: string,
    query: Record<string, string | number | undefined>,
    signal?: AbortSignal,
    write?: { method: 'PATCH' | 'PUT' | 'POST' | 'DELETE'; body?: string; contentType?: string },
  ): Promise<{ status: number; body: string; retryAfter?: number }> {
    const k8s = await loadKube();
    const url = new URL(this.server.replace(/\/$/, '') + apiPath);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    const ctx = new k8s.RequestContext(url.toString(), write ? k8s.HttpMethod[write.method] : k8s.HttpMethod.GET);
    ctx.setHeaderParam('Accept', 'application/json');
    if (write?.body !== undefined) {
      ctx.setHeaderParam('Content-Type', write.contentType ?? 'application/json');
      ctx.setBody(write.body);
    }
    const timeout = AbortSignal.timeout(this.retry.requestTimeoutMs);
    ctx.setSignal(signal ? AbortSignal.any([timeout, signal]) : timeout);
    this.stats.requests++;
    // headers are applied per request (tokens may refresh); an exec credential plugin that fails
    // is summarised, never quoted (its output can hold a token), and one that hangs is bounded
    await abortable(this.authenticate(ctx), signal);
    let resp;
    try {
      // the connection pool is reused, where client-node would build a new agent, and so a new TLS
      // connection, for every request
      const d = ctx.getDispatcher();
      if (d) ctx.setDispatcher((this.dispatcher ??= d));
      resp = await new k8s.IsomorphicFetchHttpLibrary().send(ctx).toPromise();
    } catch (e) {
      throw aborted(signal) ?? networkError(e, this.server);
    }
    let body: string;
    try {
      body = await resp.body.text();
    } catch (e) {
      throw aborted(signal) ?? networkError(e, this.server);
    }
    const ra = resp.headers['retry-after'];
    const retryAfter = ra !== undefined && /^\d+$/.test(ra) ? Number(ra) : undefined;
    return { status: resp.httpStatusCode, body, retryAfter };
  }

  /**
   * One write request (no retries): the only writes kubeward makes are the monitor's own
   * PolicyReports. Resolves with the parsed response; throws ClusterError for non-2xx.
   */
  async write<T = Record<string, unknown>>(
    method: 'PATCH' | 'PUT' | 'POST' | 'DELETE',
    apiPath: string,
    query: Record<string, string | number | undefined> = {},
    body?: unknown,
    contentType?: string,
  ): Promise<T> {
    let r;
    try {
      r = await this.once(apiPath, query, undefined, {
        method,
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        ...(contentType ? { contentType } : {}),
      });
    } catch (e) {
      if (e instanceof ClusterError) e.context = this.context;
      throw e;
    }
    if (r.status < 200 || r.status >= 300) {
      const err = statusError(r.status, r.body, `${method} ${apiPath}`);
      err.context = this.context;
      throw err;
    }
    try {
      return JSON.parse(r.body) as T;
    } catch {
      return {} as T;
    }
  }

  /** Applies the context's credentials to a request; throws ClusterError('credentials'). */
  private async authenticate(ctx: KubeClient.RequestContext): Promise<void> {
    const user = this.kc.getCurrentUser();
    const exec = user?.exec as { command?: string } | undefined;
    try {
      await this.kc.applySecurityAuthentication(ctx);
    } catch (e) {
      if (exec?.command) throw execFailure(exec.command, e, this.execStatus);
      // the loaders' messages name files and fields; never credential values
      throw new ClusterError(
        'credentials',
        `cannot apply the credentials of context ${this.context}: ${safeReason(e)}`,
      );
    }
    const file = user ? tokenFiles.get(this.kc)?.get(user.name) : undefined;
    if (file && !user?.token && !ctx.getHeaders().Authorization) {
      let token: string;
      try {
        token = (await readFile(file, 'utf8')).trim();
      } catch (e) {
        throw new ClusterError(
          'credentials',
          `cannot read the tokenFile of user ${user?.name}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        );
      }
      if (token) ctx.setHeaderParam('Authorization', `Bearer ${token}`);
    }
  }

  /** Closes pooled connections (keep-alive sockets would otherwise hold the process open). */
  async close(): Promise<void> {
    const d = this.dispatcher;
    this.dispatcher = undefined;
    if (!d) return;
    // a graceful close waits for requests in flight, and a connection to a server that never
    // answers (abandoned at the deadline) would hold it for the TLS handshake timeout: destroy
    // what is still open after a moment
    let timer: ReturnType<typeof setTimeout> | undefined;
    const closed = d.close().then(
      () => true,
      () => true,
    );
    const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), 250)));
    const done = await Promise.race([closed, late]);
    clearTimeout(timer);
    if (!done) await (d as unknown as { destroy(): Promise<void> }).destroy().catch(() => undefined);
  }

  /** GET returning parsed JSON, with bounded retries for transient failures. */
  async get<T = Record<string, unknown>>(
    apiPath: string,
    query: Record<string, string | number | undefined> = {},
    signal?: AbortSignal,
  ): Promise<T> {
    let last: ClusterError | undefined;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (signal?.aborted) break;
      let retryAfter: number | undefined;
      try {
        const r = await this.once(apiPath, query, signal);
        if (r.status >= 200 && r.status < 300) {
          try {
            return JSON.parse(r.body) as T;
          } catch {
            throw new ClusterError('server', `invalid JSON from ${apiPath}`);
          }
        }
        last = statusError(r.status, r.body, apiPath);
        retryAfter = r.retryAfter;
      } catch (e) {
        if (!(e instanceof ClusterError)) throw e;
        last = e;
      }
      last.context = this.context;
      if (signal?.aborted) throw aborted(signal) ?? last;
      if (!isRetryable(last) || attempt === this.retry.attempts - 1) throw last;
      this.stats.retries++;
      const backoff = Math.min(this.retry.baseDelayMs * 2 ** attempt, this.retry.maxDelayMs);
      const wait = retryAfter !== undefined ? Math.min(retryAfter * 1000, this.retry.maxDelayMs) : backoff;
      await sleep(wait, signal);
    }
    throw aborted(signal) ?? last ?? new ClusterError('timeout', `gave up on ${apiPath}`);
  }

  /**
   * LIST with pagination; a 410 on a continue token restarts the list (bounded). A page that is
   * not a list (no `items` array) throws ClusterError('server'); items that are not objects are
   * skipped and counted in `skipped`.
   */
  async list(apiPath: string, pageSize = 500, signal?: AbortSignal): Promise<ListResult> {
    for (let restart = 0; restart < 3; restart++) {
      const items: Record<string, unknown>[] = [];
      let skipped = 0;
      let cont: string | undefined;
      let rv = '';
      let kind = '';
      let apiVersion = '';
      let expired = false;
      for (let page = 0; page < 100000; page++) {
        let res: unknown;
        try {
          res = await this.get<unknown>(apiPath, { limit: pageSize, continue: cont }, signal);
        } catch (e) {
          if (e instanceof ClusterError && e.kind === 'gone' && cont) {
            expired = true;
            break;
          }
          throw e;
        }
        if (typeof res !== 'object' || res === null || Array.isArray(res)) {
          throw new ClusterError('server', `the list of ${apiPath} is not a JSON object`);
        }
        const r = res as {
          items?: unknown;
          metadata?: { continue?: unknown; resourceVersion?: unknown };
          kind?: unknown;
          apiVersion?: unknown;
        };
        if (!Array.isArray(r.items)) {
          throw new ClusterError(
            'server',
            `the list of ${apiPath} has no items array (items: ${r.items === null ? 'null' : typeof r.items})`,
          );
        }
        for (const it of r.items) {
          if (typeof it === 'object' && it !== null && !Array.isArray(it)) items.push(it as Record<string, unknown>);
          else skipped++;
        }
        const md = typeof r.metadata === 'object' && r.metadata !== null ? r.metadata : {};
        rv = typeof md.resourceVersion === 'string' ? md.resourceVersion : rv;
        kind = typeof r.kind === 'string' ? r.kind : kind;
        apiVersion = typeof r.apiVersion === 'string' ? r.apiVersion : apiVersion;
        cont = typeof md.continue === 'string' && md.continue ? md.continue : undefined;
        if (!cont) break;
      }
      if (!expired) return { items, resourceVersion: rv, kind, apiVersion, skipped };
    }
    throw new ClusterError('gone', `list of ${apiPath} kept expiring (410) while paginating`);
  }

  /**
   * Watches `apiPath` from `resourceVersion`; calls onEvent for each event. Resolves when the
   * stream ends (server close, timeout or abort); rejects with ClusterError on a refused watch.
   */
  async watch(
    apiPath: string,
    resourceVersion: string,
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
    timeoutSeconds = 60,
  ): Promise<void> {
    const k8s = await loadKube();
    const w = new k8s.Watch(this.kc);
    this.stats.requests++;
    await new Promise<void>((resolve, reject) => {
      let ctl: AbortController | undefined;
      // resolve at once on abort, also while the request is still waiting for response headers
      const stop = () => {
        ctl?.abort();
        resolve();
      };
      signal.addEventListener('abort', stop, { once: true });
      w.watch(
        apiPath,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        (type: string, object: Record<string, unknown>) => {
          if (type === 'ERROR') {
            const code = (object as { code?: number }).code ?? 500;
            signal.removeEventListener('abort', stop);
            ctl?.abort();
            reject(statusError(code, JSON.stringify(object), apiPath));
            return;
          }
          onEvent({ type, object });
        },
        (err: unknown) => {
          signal.removeEventListener('abort', stop);
          if (!err || signal.aborted) return resolve();
          const status = (err as { statusCode?: number }).statusCode;
          if (status) reject(statusError(status, '', apiPath));
          else if ((err as Error).name === 'AbortError') resolve();
          else reject(networkError(err, this.server));
        },
      ).then(
        (c) => {
          ctl = c;
          if (signal.aborted) c.abort();
        },
        (e: unknown) => reject(networkError(e, this.server)),
      );
    });
  }
}

/** Runs tasks with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}
