/**
 * The real-cluster harness for tests under test/real (`npm run test:cluster`).
 *
 * jest.cluster.config.js's global setup (scripts/jest-cluster-setup.cjs) builds the components
 * (scripts/cluster/build.sh, cached) and starts the clusters (scripts/cluster/up.sh): `a`, a full
 * one (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok with two nodes), and
 * `b`, control plane only (no scheduler, no kwok: pods stay Pending), for multi-cluster runs. It
 * passes them to the tests as KUBEWARD_REAL_CLUSTERS="a=DIR,b=DIR"; set that variable yourself to
 * reuse clusters started by hand. Without Go the setup sets KUBEWARD_REAL_SKIP and every
 * `describeReal` suite skips, saying why.
 *
 *   describeReal('rollouts', () => {
 *     const c = realCluster();           // 'a'; realCluster('b') for the second cluster
 *     let ns: string;
 *     beforeAll(async () => { ns = await c.namespace('rollout', { 'pod-security.kubernetes.io/enforce': 'restricted' }); });
 *     afterAll(() => c.cleanup());
 *     test('...', async () => {
 *       await c.apply(deployment, { fieldManager: 'kubeward-test' });
 *       const report = await verify({ kubeconfig: c.kubeconfig, namespaces: [ns] });
 *     });
 *   });
 *
 * Requests go over HTTPS with the cluster's CA, as the admin client certificate unless `as`
 * names another identity ({ token } or { cert, key }).
 */
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import yaml from 'js-yaml';

export type Json = Record<string, unknown>;

/** cluster.json, as scripts/cluster/up.sh writes it. */
export interface ClusterInfo {
  name: string;
  dir: string;
  server: string;
  /** Admin kubeconfig (client certificate in group system:masters); its context is `name`. */
  kubeconfig: string;
  context: string;
  ca: string;
  caKey: string;
  adminCert: string;
  adminKey: string;
  /** A certificate user `developer` in group `kubeward:testers`, with no permissions. */
  developerCert: string;
  developerKey: string;
  /** Static-token users: `<name>-token-admin` (system:masters) and `viewer` (kubeward:viewers, no permissions). */
  adminToken: string;
  viewerToken: string;
  etcd: string;
  kubernetesVersion: string;
  controlPlaneOnly: boolean;
  nodes: number;
}

/** Who a request is made as: a bearer token, or a client certificate (file paths). */
export type Identity = { token: string } | { cert: string; key: string };

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  contentType?: string;
  as?: Identity;
  /** Reject unless the status is 2xx (default true). */
  check?: boolean;
}

export interface Response<T = Json> {
  status: number;
  body: T;
  /** Warning headers (admission warnings, deprecations), decoded. */
  warnings: string[];
}

export class RealClusterError extends Error {
  status: number;
  body: Json;
  constructor(message: string, status: number, body: Json) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Why the real-cluster suites cannot run here, or undefined when they can. */
export function realClusterSkipReason(): string | undefined {
  if (process.env.KUBEWARD_REAL_SKIP) return process.env.KUBEWARD_REAL_SKIP;
  if (!process.env.KUBEWARD_REAL_CLUSTERS) {
    return 'no real cluster: run these suites with `npm run test:cluster` (or set KUBEWARD_REAL_CLUSTERS=a=DIR from scripts/cluster/up.sh)';
  }
  return undefined;
}

/** `describe` when the real clusters are up, else `describe.skip` with a note saying why. */
export function describeReal(name: string, fn: () => void): void {
  const why = realClusterSkipReason();
  if (why) {
    console.warn(`real-cluster suite "${name}" skipped: ${why}`);
    // the suite body is not even collected: it would ask for clusters that are not there
    describe.skip(name, () => test(`needs a real cluster: ${why}`, () => undefined));
  } else describe(name, fn);
}

function clusterDirs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (process.env.KUBEWARD_REAL_CLUSTERS ?? '').split(',')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

const instances = new Map<string, RealCluster>();

/** The cluster started as `name` ('a': full; 'b': control plane only). */
export function realCluster(name = 'a'): RealCluster {
  let c = instances.get(name);
  if (!c) {
    const dir = clusterDirs().get(name);
    if (!dir)
      throw new Error(`no real cluster "${name}" (KUBEWARD_REAL_CLUSTERS=${process.env.KUBEWARD_REAL_CLUSTERS ?? ''})`);
    c = new RealCluster(JSON.parse(readFileSync(path.join(dir, 'cluster.json'), 'utf8')) as ClusterInfo);
    instances.set(name, c);
  }
  return c;
}

/** Names of the clusters that are up. */
export function realClusterNames(): string[] {
  return [...clusterDirs().keys()];
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RealCluster {
  readonly info: ClusterInfo;
  readonly name: string;
  readonly server: string;
  /** Admin kubeconfig file; `kubeward verify --kubeconfig` takes it as is. */
  readonly kubeconfig: string;
  readonly context: string;
  private ca: Buffer;
  private agents = new Map<string, https.Agent>();
  private resources = new Map<string, Promise<ApiResource[]>>();
  private created: { path: string }[] = [];
  private tmp?: string;

  constructor(info: ClusterInfo) {
    this.info = info;
    this.name = info.name;
    this.server = info.server;
    this.kubeconfig = info.kubeconfig;
    this.context = info.context;
    this.ca = readFileSync(info.ca);
  }

  private agent(as?: Identity): https.Agent {
    const id = as ?? { cert: this.info.adminCert, key: this.info.adminKey };
    const key = 'token' in id ? 'token' : `${id.cert}`;
    let a = this.agents.get(key);
    if (!a) {
      a = new https.Agent({
        keepAlive: true,
        maxSockets: 16,
        ca: this.ca,
        ...('cert' in id ? { cert: readFileSync(id.cert), key: readFileSync(id.key) } : {}),
      });
      this.agents.set(key, a);
    }
    return a;
  }

  /** One HTTPS request to the API server; JSON in and out. */
  request<T = Json>(method: string, apiPath: string, opts: RequestOptions = {}): Promise<Response<T>> {
    const url = new URL(this.server + apiPath);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const payload =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
    if (opts.as && 'token' in opts.as) headers.Authorization = `Bearer ${opts.as.token}`;
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, agent: this.agent(opts.as) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Json;
          try {
            body = text ? (JSON.parse(text) as Json) : {};
          } catch {
            body = { text };
          }
          const w = res.headers.warning;
          // RFC 7234 warn-value: 299 - "text with \"escaped\" quotes"
          const warnings = (Array.isArray(w) ? w : w ? [w] : []).map((x) => {
            const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(x);
            return m ? m[1].replace(/\\(.)/g, '$1') : x;
          });
          const status = res.statusCode ?? 0;
          if (opts.check !== false && (status < 200 || status > 299)) {
            reject(
              new RealClusterError(
                `${method} ${apiPath} on ${this.name}: HTTP ${status}: ${String(body.message ?? text).slice(0, 500)}`,
                status,
                body,
              ),
            );
          } else resolve({ status, body: body as T, warnings });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** The resource (plural, scope) serving apiVersion/kind, from discovery. */
  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    let p = this.resources.get(apiVersion);
    if (!p) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      p = this.request<{ resources: ApiResource[] }>('GET', base).then((r) =>
        r.body.resources.filter((x) => !x.name.includes('/')),
      );
      this.resources.set(apiVersion, p);
      p.catch(() => this.resources.delete(apiVersion));
    }
    const r = (await p).find((x) => x.kind === kind);
    if (!r) throw new Error(`${this.name}: ${apiVersion} serves no kind ${kind}`);
    return r;
  }

  /** The collection path of a kind (`namespace` for namespaced kinds). */
  async pathFor(apiVersion: string, kind: string, namespace?: string, name?: string): Promise<string> {
    const r = await this.resourceFor(apiVersion, kind);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    if (r.namespaced && !namespace) throw new Error(`${kind} is namespaced: give a namespace`);
    const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace!)}` : '';
    return `${base}${ns}/${r.name}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  private async objectPath(obj: Json, namespace?: string): Promise<string> {
    const md = (obj.metadata ?? {}) as Json;
    return this.pathFor(
      String(obj.apiVersion),
      String(obj.kind),
      (md.namespace as string | undefined) ?? namespace,
      md.name as string | undefined,
    );
  }

  /** Server-side apply (PATCH application/apply-patch+yaml) with a field manager; returns the object. */
  async apply(
    obj: Json,
    opts: { fieldManager?: string; force?: boolean; namespace?: string; as?: Identity; dryRun?: boolean } = {},
  ): Promise<Response> {
    const p = await this.objectPath(obj, opts.namespace);
    const md = (obj.metadata ?? {}) as Json;
    const body =
      opts.namespace && !md.namespace && (await this.resourceFor(String(obj.apiVersion), String(obj.kind))).namespaced
        ? { ...obj, metadata: { ...md, namespace: opts.namespace } }
        : obj;
    const res = await this.request('PATCH', p, {
      body,
      contentType: 'application/apply-patch+yaml',
      query: {
        fieldManager: opts.fieldManager ?? 'kubeward-test',
        force: opts.force ?? true,
        ...(opts.dryRun ? { dryRun: 'All' } : {}),
      },
      as: opts.as,
    });
    this.track(p);
    return res;
  }

  /** Server-side applies every document of a YAML text, in order. */
  async applyYaml(
    text: string,
    opts: { fieldManager?: string; namespace?: string; as?: Identity } = {},
  ): Promise<Json[]> {
    const out: Json[] = [];
    for (const doc of yaml.loadAll(text)) {
      if (!doc || typeof doc !== 'object') continue;
      out.push((await this.apply(doc as Json, opts)).body);
    }
    return out;
  }

  /** POST (create); `dryRun` sends dryRun=All. */
  async create(
    obj: Json,
    opts: { namespace?: string; as?: Identity; dryRun?: boolean; fieldValidation?: string; check?: boolean } = {},
  ): Promise<Response> {
    const md = (obj.metadata ?? {}) as Json;
    const p = await this.pathFor(String(obj.apiVersion), String(obj.kind), (md.namespace as string) ?? opts.namespace);
    const res = await this.request('POST', p, {
      body: obj,
      as: opts.as,
      check: opts.check,
      query: {
        ...(opts.dryRun ? { dryRun: 'All' } : {}),
        ...(opts.fieldValidation ? { fieldValidation: opts.fieldValidation } : {}),
      },
    });
    if (!opts.dryRun && res.status < 300)
      this.track(`${p}/${encodeURIComponent(String(md.name ?? (res.body.metadata as Json)?.name))}`);
    return res;
  }

  /** PATCH with a merge patch (default), a strategic merge patch or a JSON patch, as `fieldManager`. */
  patch(
    apiPath: string,
    patch: unknown,
    opts: { type?: 'merge' | 'strategic' | 'json'; fieldManager?: string; as?: Identity } = {},
  ): Promise<Response> {
    const type = opts.type ?? 'merge';
    const contentType =
      type === 'json'
        ? 'application/json-patch+json'
        : type === 'strategic'
          ? 'application/strategic-merge-patch+json'
          : 'application/merge-patch+json';
    return this.request('PATCH', apiPath, {
      body: patch,
      contentType,
      query: { fieldManager: opts.fieldManager },
      as: opts.as,
    });
  }

  async get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<Json> {
    return (await this.request('GET', await this.pathFor(apiVersion, kind, namespace, name))).body;
  }

  async list(
    apiVersion: string,
    kind: string,
    namespace?: string,
    query: RequestOptions['query'] = {},
  ): Promise<Json[]> {
    const r = await this.request<{ items: Json[] }>('GET', await this.pathFor(apiVersion, kind, namespace), { query });
    return r.body.items;
  }

  async delete(apiVersion: string, kind: string, name: string, namespace?: string): Promise<void> {
    const r = await this.request('DELETE', await this.pathFor(apiVersion, kind, namespace, name), { check: false });
    if (r.status >= 300 && r.status !== 404) throw new Error(`delete ${kind} ${name}: HTTP ${r.status}`);
  }

  private track(p: string): void {
    // namespaced objects go with their namespace; remember cluster-scoped ones and namespaces
    if (/\/namespaces\/[^/]+\//.test(p)) return;
    if (!this.created.some((c) => c.path === p)) this.created.push({ path: p });
  }

  /**
   * Creates a namespace with a unique name (`prefix-xxxxx`) and the given labels (e.g. PSA
   * levels); cleanup() deletes it. Waits until its `default` ServiceAccount exists (pods need it),
   * except on a cluster without a controller-manager.
   */
  async namespace(prefix: string, labels: Record<string, string> = {}): Promise<string> {
    const name = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
    await this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    await this.waitFor(
      async () =>
        (await this.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`, { check: false })).status ===
        200,
      { what: `the default ServiceAccount of ${name}`, timeoutMs: 60000 },
    );
    return name;
  }

  /** Deletes what this harness created that is cluster-scoped (namespaces take their contents). */
  async cleanup(): Promise<void> {
    const all = this.created.splice(0).reverse();
    for (const c of all) await this.request('DELETE', c.path, { check: false }).catch(() => undefined);
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  /** A token of a ServiceAccount, issued by the API server (TokenRequest). */
  async serviceAccountToken(namespace: string, name: string, seconds = 3600): Promise<string> {
    const r = await this.request<{ status: { token: string } }>(
      'POST',
      `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
      { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: seconds } } },
    );
    return r.body.status.token;
  }

  private tmpDir(): string {
    this.tmp ??= mkdtempSync(path.join(os.tmpdir(), `kubeward-real-${this.name}-`));
    return this.tmp;
  }

  /** A client certificate for user `cn` in `groups`, signed by the cluster's CA (files). */
  userCert(cn: string, groups: string[] = []): { cert: string; key: string } {
    const dir = this.tmpDir();
    const base = path.join(dir, `user-${cn.replace(/[^a-zA-Z0-9-]/g, '_')}-${randomBytes(3).toString('hex')}`);
    const subj = `${groups.map((g) => `/O=${g}`).join('')}/CN=${cn}`;
    const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    run([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.csr`,
      '-subj',
      subj,
    ]);
    writeFileSync(
      `${base}.ext`,
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
    run([
      'x509',
      '-req',
      '-in',
      `${base}.csr`,
      '-CA',
      this.info.ca,
      '-CAkey',
      this.info.caKey,
      '-CAcreateserial',
      '-CAserial',
      `${base}.srl`,
      '-days',
      '1',
      '-out',
      `${base}.crt`,
      '-extfile',
      `${base}.ext`,
    ]);
    return { cert: `${base}.crt`, key: `${base}.key` };
  }

  /**
   * A kubeconfig file for this cluster as `as` (default: admin certificate), with context
   * `context` (default: the cluster's name) and default namespace `namespace`.
   */
  kubeconfigFor(as?: Identity, opts: { context?: string; namespace?: string } = {}): string {
    const id = as ?? { cert: this.info.adminCert, key: this.info.adminKey };
    const context = opts.context ?? this.context;
    const user = 'token' in id ? { token: id.token } : { 'client-certificate': id.cert, 'client-key': id.key };
    const cfg = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: context, cluster: { server: this.server, 'certificate-authority': this.info.ca } }],
      users: [{ name: `${context}-user`, user }],
      contexts: [
        {
          name: context,
          context: { cluster: context, user: `${context}-user`, namespace: opts.namespace ?? 'default' },
        },
      ],
      'current-context': context,
    };
    const file = path.join(this.tmpDir(), `kubeconfig-${context}-${randomBytes(3).toString('hex')}.yaml`);
    writeFileSync(file, yaml.dump(cfg), { mode: 0o600 });
    return file;
  }

  /** Polls `fn` until it returns a truthy value (returned); throws after timeoutMs saying what. */
  async waitFor<T>(
    fn: () => Promise<T | undefined | false> | T | undefined | false,
    opts: { what: string; timeoutMs?: number; intervalMs?: number },
  ): Promise<T> {
    const deadline = Date.now() + (opts.timeoutMs ?? 60000);
    let last: unknown;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${opts.what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
      }
      await sleep(opts.intervalMs ?? 250);
    }
  }

  /** The pods of a namespace, optionally those matching a label selector. */
  async pods(namespace: string, labelSelector?: string): Promise<Json[]> {
    return this.list('v1', 'Pod', namespace, { labelSelector });
  }

  /** Asks the API server whether `user`/`groups` may `verb` `resource` (SubjectAccessReview). */
  async can(
    subject: { user: string; groups?: string[] },
    attrs: { verb: string; resource: string; group?: string; namespace?: string; name?: string; subresource?: string },
  ): Promise<{ allowed: boolean; reason?: string }> {
    const r = await this.request<{ status: { allowed: boolean; reason?: string } }>(
      'POST',
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      {
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: {
            user: subject.user,
            groups: subject.groups ?? ['system:authenticated'],
            resourceAttributes: { group: attrs.group ?? '', ...attrs },
          },
        },
      },
    );
    return { allowed: r.body.status.allowed === true, reason: r.body.status.reason };
  }
}
