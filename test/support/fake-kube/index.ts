/**
 * A faithful fake Kubernetes API server for tests and benchmarks: HTTPS with a CA generated at
 * run time, client-certificate or bearer-token auth, the real REST paths and discovery
 * documents, list pagination (limit/continue, 410 Expired), watch streams (chunked JSON events
 * from a resourceVersion), Status objects for 401/403/404/410/429, injectable latency and faults.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import yaml from 'js-yaml';
import { makePki, type TestPki } from './certs.ts';

export type Json = Record<string, unknown>;

interface ResourceDef {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

export const RESOURCE_DEFS: ResourceDef[] = [
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  { group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: 'policy', version: 'v1', plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', kind: 'Role', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    namespaced: false,
  },
  { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts', kind: 'Rollout', namespaced: true },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'validatingadmissionpolicies',
    kind: 'ValidatingAdmissionPolicy',
    namespaced: false,
  },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'validatingadmissionpolicybindings',
    kind: 'ValidatingAdmissionPolicyBinding',
    namespaced: false,
  },
  {
    group: 'policies.kyverno.io',
    version: 'v1',
    plural: 'validatingpolicies',
    kind: 'ValidatingPolicy',
    namespaced: false,
  },
  {
    group: 'policies.kyverno.io',
    version: 'v1',
    plural: 'namespacedvalidatingpolicies',
    kind: 'NamespacedValidatingPolicy',
    namespaced: true,
  },
  {
    group: 'policies.kyverno.io',
    version: 'v1',
    plural: 'policyexceptions',
    kind: 'PolicyException',
    namespaced: true,
  },
  // a custom resource used as VAP params (served when `crds` lists it)
  { group: 'policy.example.com', version: 'v1', plural: 'replicalimits', kind: 'ReplicaLimit', namespaced: true },
];

const gv = (d: ResourceDef) => (d.group ? `${d.group}/${d.version}` : d.version);

export interface Fault {
  /** Substring or pattern matched against the path with query. */
  match: string | RegExp;
  status: number;
  /** How many requests it hits (default: all). */
  times?: number;
  retryAfter?: number;
  message?: string;
  /** Only for watch requests / only for non-watch requests. */
  watch?: boolean;
  /** Send this raw body (e.g. malformed JSON, `{"items":null}`) with `status` instead of a Status. */
  body?: string;
  /** Never answer (the connection stays open until the client gives up). */
  hang?: boolean;
}

export interface FakeKubeOptions {
  auth?: 'cert' | 'token';
  /** YAML files or directories of live objects to seed. */
  fixtures?: string[];
  objects?: Json[];
  latencyMs?: number;
  /** Serve the argoproj.io group (discovery). Default true. */
  argo?: boolean;
  /** Serve Kyverno's policies.kyverno.io group in this version (e.g. 'v1'). Default: not served. */
  kyverno?: string;
  /** Serve the example custom resource group policy.example.com (ReplicaLimit). Default false. */
  crds?: boolean;
  pki?: TestPki;
  /** Username in 403 messages. */
  user?: string;
}

interface WatchEventRec {
  rv: number;
  type: string;
  plural: string;
  object: Json;
}

interface Watcher {
  plural: string;
  namespace?: string;
  filter: (o: Json) => boolean;
  res: ServerResponse;
}

export interface RequestRecord {
  path: string;
  query: Record<string, string>;
  watch: boolean;
}

function status(code: number, reason: string, message: string): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function getPath(o: unknown, dotted: string): unknown {
  let cur = o;
  for (const k of dotted.split('.')) cur = cur && typeof cur === 'object' ? (cur as Json)[k] : undefined;
  return cur;
}

function selectorFilter(field?: string, label?: string): (o: Json) => boolean {
  const fs = (field ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => {
      const neg = p.includes('!=');
      const [k, v] = p.split(neg ? '!=' : /==?/);
      return { k: k.trim(), v: (v ?? '').trim(), neg };
    });
  const ls = (label ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => {
      const [k, v] = p.split(/==?/);
      return { k: k.trim(), v: v?.trim() };
    });
  return (o) =>
    fs.every(({ k, v, neg }) => (String(getPath(o, k) ?? '') === v) !== neg) &&
    ls.every(({ k, v }) => {
      const labels = (getPath(o, 'metadata.labels') ?? {}) as Json;
      return v === undefined ? k in labels : labels[k] === v;
    });
}

export class FakeKube {
  url = '';
  kubeconfigPath = '';
  pki!: TestPki;
  readonly requests: RequestRecord[] = [];
  latencyMs: number;
  private server!: https.Server;
  private store = new Map<string, Map<string, Json>>();
  /** Sorted keys per resource, dropped on every write. */
  private sorted = new Map<string, string[]>();
  private rv = 1000;
  /** Continue tokens and watches older than this are expired (410). */
  private compactedRv = 0;
  private history: WatchEventRec[] = [];
  private watchers = new Set<Watcher>();
  private faults: (Fault & { hits: number })[] = [];
  private forbidden: { plural: string; namespace?: string; verbs?: string[] }[] = [];
  private opts: FakeKubeOptions;
  readonly token = 'fake-' + randomUUID();

  private constructor(opts: FakeKubeOptions) {
    this.opts = opts;
    this.latencyMs = opts.latencyMs ?? 0;
  }

  static async start(opts: FakeKubeOptions = {}): Promise<FakeKube> {
    const k = new FakeKube(opts);
    k.pki = opts.pki ?? makePki();
    for (const f of opts.fixtures ?? []) k.loadFixtures(f);
    for (const o of opts.objects ?? []) k.put(o, false);
    k.server = https.createServer(
      {
        key: k.pki.serverKey,
        cert: k.pki.serverCert,
        ca: k.pki.caCert,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => void k.handle(req, res),
    );
    k.server.keepAliveTimeout = 5000;
    await new Promise<void>((r) => k.server.listen(0, '127.0.0.1', r));
    const port = (k.server.address() as AddressInfo).port;
    k.url = `https://127.0.0.1:${port}`;
    k.kubeconfigPath = path.join(k.pki.dir, 'kubeconfig.yaml');
    writeFileSync(k.kubeconfigPath, k.kubeconfig());
    return k;
  }

  /** A kubeconfig for this server (plus extra contexts, e.g. an unreachable one). */
  kubeconfig(extra: { name: string; server: string }[] = [], contextName = 'fake'): string {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const user =
      this.opts.auth === 'token'
        ? { token: this.token }
        : { 'client-certificate-data': b64(this.pki.clientCert), 'client-key-data': b64(this.pki.clientKey) };
    const clusters = [{ name: contextName, server: this.url }, ...extra];
    return yaml.dump({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': contextName,
      clusters: clusters.map((c) => ({
        name: c.name,
        cluster: { server: c.server, 'certificate-authority-data': b64(this.pki.caCert) },
      })),
      users: [{ name: 'tester', user }],
      contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user: 'tester' } })),
    });
  }

  loadFixtures(p: string): void {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.ya?ml$/.test(f)) this.loadFixtures(path.join(p, f));
      return;
    }
    for (const doc of yaml.loadAll(readFileSync(p, 'utf8')))
      if (doc && typeof doc === 'object') this.put(doc as Json, false);
  }

  private def(kind: string): ResourceDef {
    const d = this.defs.find((r) => r.kind === kind);
    if (!d) throw new Error(`fake-kube: unknown kind ${kind}`);
    return d;
  }

  private key(o: Json): string {
    const md = (o.metadata ?? {}) as Json;
    return `${(md.namespace as string) ?? ''}/${md.name as string}`;
  }

  /** Creates or replaces an object; notifies watchers. */
  put(o: Json, notify = true): Json {
    const d = this.def(String(o.kind));
    const obj = structuredClone(o);
    obj.apiVersion ??= gv(d);
    const md = (obj.metadata ??= {}) as Json;
    if (d.namespaced) md.namespace ??= 'default';
    const map = this.store.get(d.plural) ?? new Map<string, Json>();
    this.store.set(d.plural, map);
    const prev = map.get(this.key(obj));
    md.uid ??= (prev?.metadata as Json | undefined)?.uid ?? randomUUID();
    md.creationTimestamp ??= '2026-01-01T00:00:00Z';
    md.resourceVersion = String(++this.rv);
    if (!prev) this.sorted.delete(d.plural);
    map.set(this.key(obj), obj);
    if (notify) this.emit(prev ? 'MODIFIED' : 'ADDED', d.plural, obj);
    return obj;
  }

  /** Applies `fn` to a stored object and notifies watchers. */
  update(kind: string, namespace: string | undefined, name: string, fn: (o: Json) => void): Json {
    const d = this.def(kind);
    const o = this.store.get(d.plural)?.get(`${namespace ?? ''}/${name}`);
    if (!o) throw new Error(`fake-kube: no ${kind} ${namespace}/${name}`);
    const copy = structuredClone(o);
    fn(copy);
    return this.put(copy);
  }

  delete(kind: string, namespace: string | undefined, name: string): void {
    const d = this.def(kind);
    const map = this.store.get(d.plural);
    const o = map?.get(`${namespace ?? ''}/${name}`);
    if (!o || !map) return;
    map.delete(`${namespace ?? ''}/${name}`);
    this.sorted.delete(d.plural);
    const md = o.metadata as Json;
    md.resourceVersion = String(++this.rv);
    this.emit('DELETED', d.plural, o);
  }

  get(kind: string, namespace: string | undefined, name: string): Json | undefined {
    return this.store.get(this.def(kind).plural)?.get(`${namespace ?? ''}/${name}`);
  }

  count(kind: string): number {
    return this.store.get(this.def(kind).plural)?.size ?? 0;
  }

  fault(f: Fault): void {
    this.faults.push({ ...f, hits: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** 403 for `plural` (in `namespace`, or everywhere; for `verbs`, or all of get/list/watch). */
  forbid(plural: string, namespace?: string, verbs?: string[]): void {
    this.forbidden.push({ plural, namespace, verbs });
  }

  /** Expires every outstanding continue token and resourceVersion (etcd compaction). */
  compact(): void {
    this.compactedRv = this.rv;
    this.history = [];
  }

  /** Ends every open watch stream (as an API server restart or a load balancer would). */
  closeWatches(): void {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
  }

  async close(): Promise<void> {
    for (const w of this.watchers) w.res.end();
    this.watchers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private emit(type: string, plural: string, object: Json): void {
    const ev = { rv: this.rv, type, plural, object };
    this.history.push(ev);
    if (this.history.length > 5000) this.history.shift();
    for (const w of this.watchers) this.send(w, ev);
  }

  private send(w: Watcher, ev: WatchEventRec): void {
    if (ev.plural !== w.plural) return;
    const ns = (ev.object.metadata as Json).namespace;
    if (w.namespace && ns !== w.namespace) return;
    if (!w.filter(ev.object)) return;
    w.res.write(JSON.stringify({ type: ev.type, object: ev.object }) + '\n');
  }

  private json(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private authenticated(req: IncomingMessage): boolean {
    if (this.opts.auth === 'token') return req.headers.authorization === `Bearer ${this.token}`;
    const sock = req.socket as TLSSocket;
    return sock.authorized === true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'https://x');
    const query = Object.fromEntries(u.searchParams);
    const isWatch = query.watch === 'true' || query.watch === '1';
    this.requests.push({ path: u.pathname, query, watch: isWatch });
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (!this.authenticated(req)) return this.json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    const full = u.pathname + u.search;
    for (const f of this.faults) {
      if (f.watch !== undefined && f.watch !== isWatch) continue;
      const hit = typeof f.match === 'string' ? full.includes(f.match) : f.match.test(full);
      if (!hit || (f.times !== undefined && f.hits >= f.times)) continue;
      f.hits++;
      if (f.hang) return;
      if (f.body !== undefined) {
        res.writeHead(f.status, { 'content-type': 'application/json' });
        res.end(f.body);
        return;
      }
      if (f.status === 0) {
        req.socket.destroy();
        return;
      }
      const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 410: 'Expired', 429: 'TooManyRequests' }[
        f.status
      ];
      return this.json(
        res,
        f.status,
        status(f.status, reason ?? 'InternalError', f.message ?? `injected fault ${f.status}`),
        f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {},
      );
    }
    if (req.method !== 'GET') return this.json(res, 405, status(405, 'MethodNotAllowed', 'read-only fake'));
    const p = u.pathname.replace(/\/$/, '');
    if (p === '/version') return this.json(res, 200, { major: '1', minor: '34', gitVersion: 'v1.34.0-fake' });
    if (p === '/api')
      return this.json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (p === '/apis') return this.json(res, 200, this.groupList());
    const parts = p.split('/').filter(Boolean);
    // /api/v1/... or /apis/{group}/{version}/...
    let group = '';
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') {
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else return this.json(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const defs = this.defs.filter((d) => d.group === group && d.version === version && this.served(d));
    if (!defs.length)
      return this.json(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    if (!rest.length) {
      return this.json(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/${version}` : version,
        resources: defs.map((d) => ({
          name: d.plural,
          singularName: d.kind.toLowerCase(),
          namespaced: d.namespaced,
          kind: d.kind,
          verbs: ['get', 'list', 'watch'],
        })),
      });
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = decodeURIComponent(rest[1]);
      rest = rest.slice(2);
    }
    const def = defs.find((d) => d.plural === rest[0]);
    if (!def || (namespace && !def.namespaced)) {
      return this.json(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const verb = rest[1] ? 'get' : isWatch ? 'watch' : 'list';
    const denied = this.forbidden.find(
      (f) =>
        f.plural === def.plural && (!f.namespace || f.namespace === namespace) && (!f.verbs || f.verbs.includes(verb)),
    );
    if (denied) {
      const user = this.opts.user ?? 'system:serviceaccount:ci:kubeward';
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return this.json(
        res,
        403,
        status(
          403,
          'Forbidden',
          `${def.plural} is forbidden: User "${user}" cannot ${verb} resource "${def.plural}" in API group "${def.group}" ${scope}`,
        ),
      );
    }
    const map = this.store.get(def.plural) ?? new Map<string, Json>();
    if (rest[1]) {
      const o = map.get(`${namespace ?? ''}/${decodeURIComponent(rest[1])}`);
      if (!o) return this.json(res, 404, status(404, 'NotFound', `${def.plural} "${rest[1]}" not found`));
      return this.json(res, 200, o);
    }
    const filter = selectorFilter(query.fieldSelector, query.labelSelector);
    if (isWatch) return this.watch(res, def, namespace, filter, query);
    return this.list(res, def, map, namespace, filter, query);
  }

  /** The resources, Kyverno's in the version served. */
  private get defs(): ResourceDef[] {
    const v = this.opts.kyverno;
    return v ? RESOURCE_DEFS.map((d) => (d.group === 'policies.kyverno.io' ? { ...d, version: v } : d)) : RESOURCE_DEFS;
  }

  private served(d: ResourceDef): boolean {
    if (d.group === 'policies.kyverno.io') return this.opts.kyverno !== undefined;
    if (d.group === 'policy.example.com') return this.opts.crds === true;
    return d.group !== 'argoproj.io' || this.opts.argo !== false;
  }

  private groupList(): Json {
    const groups = new Map<string, string[]>();
    for (const d of this.defs) {
      if (!d.group || !this.served(d)) continue;
      const vs = groups.get(d.group) ?? [];
      if (!vs.includes(d.version)) vs.push(d.version);
      groups.set(d.group, vs);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, vs]) => ({
        name,
        versions: vs.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
        preferredVersion: { groupVersion: `${name}/${vs[0]}`, version: vs[0] },
      })),
    };
  }

  private list(
    res: ServerResponse,
    def: ResourceDef,
    map: Map<string, Json>,
    namespace: string | undefined,
    filter: (o: Json) => boolean,
    query: Record<string, string>,
  ): void {
    let start = 0;
    let rv = this.rv;
    if (query.continue) {
      try {
        const c = JSON.parse(Buffer.from(query.continue, 'base64url').toString()) as { rv: number; start: number };
        if (c.rv < this.compactedRv) {
          return this.json(
            res,
            410,
            status(
              410,
              'Expired',
              'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
            ),
          );
        }
        start = c.start;
        rv = c.rv;
      } catch {
        return this.json(res, 400, status(400, 'BadRequest', 'invalid continue token'));
      }
    }
    let keys = this.sorted.get(def.plural);
    if (!keys) this.sorted.set(def.plural, (keys = [...map.keys()].sort()));
    const all: Json[] = [];
    for (const k of keys) {
      const o = map.get(k)!;
      if (namespace && (o.metadata as Json).namespace !== namespace) continue;
      if (filter(o)) all.push(o);
    }
    const limit = query.limit ? Number(query.limit) : 0;
    const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
    const next = limit > 0 && start + limit < all.length ? start + limit : undefined;
    const metadata: Json = { resourceVersion: String(rv) };
    if (next !== undefined) {
      metadata.continue = Buffer.from(JSON.stringify({ rv, start: next })).toString('base64url');
      metadata.remainingItemCount = all.length - next;
    }
    // items in a list carry no kind/apiVersion, as the real API server sends them
    const items = page.map((o) => {
      const { kind: _k, apiVersion: _a, ...restObj } = o;
      return restObj;
    });
    this.json(res, 200, { kind: `${def.kind}List`, apiVersion: gv(def), metadata, items });
  }

  private watch(
    res: ServerResponse,
    def: ResourceDef,
    namespace: string | undefined,
    filter: (o: Json) => boolean,
    query: Record<string, string>,
  ): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders(); // as the API server does: the client sees the stream open before any event
    const from = Number(query.resourceVersion || this.rv);
    const w: Watcher = { plural: def.plural, namespace, filter, res };
    if (query.resourceVersion && from < this.compactedRv) {
      res.write(
        JSON.stringify({
          type: 'ERROR',
          object: status(410, 'Expired', `too old resource version: ${from} (${this.compactedRv})`),
        }) + '\n',
      );
      res.end();
      return;
    }
    for (const ev of this.history) if (ev.rv > from) this.send(w, ev);
    this.watchers.add(w);
    const timeout = Math.min(Number(query.timeoutSeconds || 1800), 1800) * 1000;
    const t = setTimeout(() => res.end(), timeout);
    t.unref();
    res.on('close', () => {
      clearTimeout(t);
      this.watchers.delete(w);
    });
  }
}
