/**
 * The live inventory of one cluster: one paginated LIST per kind and namespace (or one
 * cluster-wide LIST per kind), bounded concurrency, kept current by watches while rollouts are
 * awaited. Requests grow with kinds x namespaces, never with the number of objects.
 */
import { ClusterError, pool, type ClusterClient, type WatchEvent } from './client.ts';

export type Json = Record<string, unknown>;

export interface ResourceSpec {
  kind: string;
  apiVersion: string;
  /** Plural resource name in the URL. */
  plural: string;
  namespaced: boolean;
  /** Checks (rule ids) that cannot run without this list. */
  checks: string[];
  /** Extra query parameters (e.g. a field selector). */
  query?: Record<string, string>;
  /** Listed only when the secret checks are enabled. */
  secretChecks?: boolean;
  /** Group that must be served (discovery) for the kind to be listed. */
  optionalGroup?: string;
}

const SECRET_CHECKS = new Set(['secret-unused', 'secret-readers']);
const POD_CHECKS = ['pod-crashloop', 'unexpected-container', 'image-not-pinned-live', 'pod-security-admission'];

export const RESOURCES: ResourceSpec[] = [
  {
    kind: 'Namespace',
    apiVersion: 'v1',
    plural: 'namespaces',
    namespaced: false,
    checks: ['pod-security-admission'],
  },
  { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true, checks: [...POD_CHECKS, 'rollout-failed'] },
  {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    plural: 'deployments',
    namespaced: true,
    checks: ['rollout-failed', 'drift'],
  },
  {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    plural: 'replicasets',
    namespaced: true,
    checks: ['rollout-failed'],
  },
  {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    plural: 'statefulsets',
    namespaced: true,
    checks: ['rollout-failed', 'drift'],
  },
  {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    plural: 'daemonsets',
    namespaced: true,
    checks: ['rollout-failed', 'drift'],
  },
  { kind: 'Job', apiVersion: 'batch/v1', plural: 'jobs', namespaced: true, checks: ['drift'] },
  { kind: 'CronJob', apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true, checks: ['drift'] },
  {
    kind: 'Event',
    apiVersion: 'v1',
    plural: 'events',
    namespaced: true,
    checks: ['warning-events'],
    query: { fieldSelector: 'type=Warning' },
  },
  { kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true, checks: [] },
  // the catalog's secret-in-configmap and dangling-reference need the ConfigMaps
  { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', namespaced: true, checks: [] },
  { kind: 'ServiceAccount', apiVersion: 'v1', plural: 'serviceaccounts', namespaced: true, checks: ['secret-unused'] },
  {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    plural: 'networkpolicies',
    namespaced: true,
    checks: [],
  },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', plural: 'ingresses', namespaced: true, checks: [] },
  {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    plural: 'poddisruptionbudgets',
    namespaced: true,
    checks: [],
  },
  {
    kind: 'Role',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'roles',
    namespaced: true,
    checks: ['secret-readers'],
  },
  {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'rolebindings',
    namespaced: true,
    checks: ['secret-readers'],
  },
  {
    kind: 'ClusterRole',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterroles',
    namespaced: false,
    checks: ['secret-readers'],
  },
  {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
    checks: ['secret-readers'],
  },
  {
    kind: 'Secret',
    apiVersion: 'v1',
    plural: 'secrets',
    namespaced: true,
    checks: ['secret-unused', 'secret-readers'],
    secretChecks: true,
  },
  // admission policies judge the live objects as the API server would (policies/rules.ts)
  {
    kind: 'ValidatingAdmissionPolicy',
    apiVersion: 'admissionregistration.k8s.io/v1',
    plural: 'validatingadmissionpolicies',
    namespaced: false,
    checks: ['admission-policy'],
  },
  {
    kind: 'ValidatingAdmissionPolicyBinding',
    apiVersion: 'admissionregistration.k8s.io/v1',
    plural: 'validatingadmissionpolicybindings',
    namespaced: false,
    checks: ['admission-policy'],
  },
  {
    kind: 'ValidatingPolicy',
    apiVersion: 'policies.kyverno.io/v1',
    plural: 'validatingpolicies',
    namespaced: false,
    checks: ['kyverno-policy'],
    optionalGroup: 'policies.kyverno.io',
  },
  {
    kind: 'NamespacedValidatingPolicy',
    apiVersion: 'policies.kyverno.io/v1',
    plural: 'namespacedvalidatingpolicies',
    namespaced: true,
    checks: ['kyverno-policy'],
    optionalGroup: 'policies.kyverno.io',
  },
  {
    kind: 'PolicyException',
    apiVersion: 'policies.kyverno.io/v1',
    plural: 'policyexceptions',
    namespaced: true,
    checks: ['kyverno-policy'],
    optionalGroup: 'policies.kyverno.io',
  },
  {
    kind: 'Rollout',
    apiVersion: 'argoproj.io/v1alpha1',
    plural: 'rollouts',
    namespaced: true,
    checks: ['rollout-failed', 'drift'],
    optionalGroup: 'argoproj.io',
  },
];

export function specOf(kind: string): ResourceSpec | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** URL of a list (namespace undefined: all namespaces, or a cluster-scoped kind). */
export function listPath(spec: ResourceSpec, namespace?: string): string {
  const base = spec.apiVersion.includes('/') ? `/apis/${spec.apiVersion}` : `/api/${spec.apiVersion}`;
  if (spec.namespaced && namespace) return `${base}/namespaces/${encodeURIComponent(namespace)}/${spec.plural}`;
  return `${base}/${spec.plural}`;
}

export function keyOf(o: Json): string {
  const md = (o.metadata ?? {}) as { namespace?: string; name?: string };
  return `${md.namespace ?? ''}/${md.name ?? ''}`;
}

export interface NotVerified {
  check: string;
  reason: string;
}

/** Objects of one cluster, by kind then namespace/name. Mutated by watches. */
export class LiveStore {
  readonly context: string;
  readonly byKind = new Map<string, Map<string, Json>>();
  /** Resource version of the last list per `${kind}|${namespace}`. */
  readonly versions = new Map<string, string>();
  readonly notVerified: NotVerified[] = [];
  /** Lists that failed, by kind and HTTP status (or the failure: unreachable, timeout ...). */
  readonly listErrors: { kind: string; status: string }[] = [];
  /** Kinds that could be listed in full for the scope. */
  readonly listed = new Set<string>();
  /**
   * Params of the cluster's ValidatingAdmissionPolicyBindings (`paramRef`) that the lists above do
   * not hold, by `apiVersion|kind|namespace/name`.
   */
  readonly params = new Map<string, Json>();
  /** Resource mappings found by discovery for param kinds: `group/Kind` -> plural and scope. */
  readonly resources = new Map<string, { resource: string; namespaced: boolean }>();
  /** Bumped on every change; waiters compare. */
  generation = 0;
  private listeners = new Set<() => void>();

  constructor(context: string) {
    this.context = context;
  }

  private ownerIndex = new Map<string, { generation: number; index: Map<string, Json[]> }>();

  /** Objects of `kind` whose ownerReferences name `uid` (indexed once per store generation). */
  ownedBy(kind: string, uid: string): Json[] {
    let cached = this.ownerIndex.get(kind);
    if (!cached || cached.generation !== this.generation) {
      const index = new Map<string, Json[]>();
      for (const o of this.byKind.get(kind)?.values() ?? []) {
        const refs = (o.metadata as Json | undefined)?.ownerReferences;
        if (!Array.isArray(refs)) continue;
        for (const r of refs) {
          const u = (r as Json | undefined)?.uid;
          if (typeof u !== 'string') continue;
          const list = index.get(u);
          if (list) list.push(o);
          else index.set(u, [o]);
        }
      }
      cached = { generation: this.generation, index };
      this.ownerIndex.set(kind, cached);
    }
    return cached.index.get(uid) ?? [];
  }

  all(kind: string): Json[] {
    const m = this.byKind.get(kind);
    return m ? [...m.values()] : [];
  }

  get(kind: string, namespace: string | undefined, name: string): Json | undefined {
    return this.byKind.get(kind)?.get(`${namespace ?? ''}/${name}`);
  }

  put(kind: string, o: Json): void {
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    m.set(keyOf(o), o);
  }

  remove(kind: string, o: Json): void {
    this.byKind.get(kind)?.delete(keyOf(o));
  }

  changed(): void {
    this.generation++;
    for (const l of this.listeners) l();
  }

  /** Resolves on the next change, or after `ms`. */
  nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.listeners.delete(done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      this.listeners.add(done);
    });
  }
}

export interface InventoryOptions {
  /** Namespaces to read; undefined: all namespaces (cluster-wide lists). */
  namespaces?: string[];
  /** List Secrets (the secret checks). */
  secrets?: boolean;
  /** Max requests in flight. Default 8. */
  concurrency?: number;
  pageSize?: number;
  signal?: AbortSignal;
}

/** Kinds whose managedFields a check reads (out-of-band edits, who injected a container). */
const KEEP_MANAGED_FIELDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Rollout', 'Pod']);

function withKind(spec: ResourceSpec, item: Json): Json {
  if (!item.kind) item.kind = spec.kind;
  if (!item.apiVersion) item.apiVersion = spec.apiVersion;
  if (spec.kind === 'Secret') stripSecret(item);
  // managedFields are often a third of an object: keep them only where a check reads them
  else if (!KEEP_MANAGED_FIELDS.has(spec.kind)) delete (item.metadata as Json | undefined)?.managedFields;
  else if (spec.kind === 'Pod') compactManagedFields(item);
  return item;
}

const NAMED_ITEM = '{"name":';

/**
 * A pod's managedFields, reduced to what is read of them: which manager wrote which named list
 * items (the containers a manager added: `unexpected-container` names the injector). Each
 * entry's fieldsV1 tree (a dozen nested objects per container, status conditions ...) becomes a
 * flat set of its `k:{"name":...}` keys; manager, operation, time and subresource are kept. On
 * 10,000 pods this is about a third of the inventory's heap.
 */
export function compactManagedFields(item: Json): void {
  const md = item.metadata as Json | undefined;
  const mf = md?.managedFields;
  if (!Array.isArray(mf)) return;
  for (const e of mf) {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) continue;
    const entry = e as Json;
    const tree = entry.fieldsV1;
    if (typeof tree !== 'object' || tree === null) continue;
    const keys: Json = {};
    const stack: unknown[] = [tree];
    while (stack.length) {
      const node = stack.pop();
      if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
      for (const k in node as Json) {
        if (k.includes(NAMED_ITEM)) keys[k] = {};
        stack.push((node as Json)[k]);
      }
    }
    entry.fieldsV1 = keys;
  }
}

/** Secret values never stay in memory: keep the key names only (and drop last-applied copies). */
export function stripSecret(item: Json): void {
  for (const f of ['data', 'stringData']) {
    const d = item[f];
    if (d && typeof d === 'object') item[f] = Object.fromEntries(Object.keys(d).map((k) => [k, '']));
  }
  const ann = (item.metadata as Json | undefined)?.annotations as Json | undefined;
  if (ann) delete ann['kubectl.kubernetes.io/last-applied-configuration'];
  const md = item.metadata as Json | undefined;
  if (md) delete md.managedFields;
}

/** Which optional API groups the server has (discovery of /apis); a failed discovery is `error`. */
async function servedGroups(
  client: ClusterClient,
  signal?: AbortSignal,
): Promise<{ groups: Set<string>; versions: Map<string, string[]>; error?: string }> {
  const out = new Set<string>();
  const versions = new Map<string, string[]>();
  try {
    const res = await client.get<{ groups?: unknown }>('/apis', {}, signal);
    const groups = typeof res === 'object' && res !== null && Array.isArray(res.groups) ? res.groups : [];
    for (const g of groups) {
      const name = typeof g === 'object' && g !== null ? (g as { name?: unknown }).name : undefined;
      if (typeof name === 'string' && name) {
        out.add(name);
        const vs = (g as { versions?: unknown }).versions;
        versions.set(
          name,
          (Array.isArray(vs) ? vs : [])
            .map((v) => (typeof v === 'object' && v !== null ? (v as { version?: unknown }).version : undefined))
            .filter((v): v is string => typeof v === 'string'),
        );
      }
    }
  } catch (e) {
    if (!(e instanceof ClusterError)) throw e;
    if (e.kind !== 'forbidden') return { groups: out, versions, error: e.message };
  }
  return { groups: out, versions };
}

/** Reads the inventory. Throws ClusterError when the cluster cannot be read at all. */
export async function readInventory(client: ClusterClient, opts: InventoryOptions = {}): Promise<LiveStore> {
  const store = new LiveStore(client.context);
  // a cheap probe first: an unreachable or unauthenticated cluster fails here, once
  await client.get('/api', {}, opts.signal);
  const discovery = await servedGroups(client, opts.signal);
  const groups = discovery.groups;
  // an optional group served in other versions only (Kyverno's policies.kyverno.io before v1):
  // its objects exist but are not read, which is said rather than passed
  const otherVersion = (s: ResourceSpec): string[] | undefined => {
    if (!s.optionalGroup || !groups.has(s.optionalGroup)) return undefined;
    const vs = discovery.versions.get(s.optionalGroup) ?? [];
    return vs.length && !vs.includes(s.apiVersion.slice(s.optionalGroup.length + 1)) ? vs : undefined;
  };
  const specs = RESOURCES.filter(
    (s) => (!s.secretChecks || opts.secrets) && (!s.optionalGroup || groups.has(s.optionalGroup)) && !otherVersion(s),
  );
  for (const s of RESOURCES) {
    const vs = otherVersion(s);
    if (!vs) continue;
    const reason = `the cluster serves ${s.optionalGroup} in version ${vs.join(', ')}, kubeward reads ${s.apiVersion}: ${s.kind} objects not verified`;
    for (const check of new Set([...s.checks, `inventory:${s.plural}`])) store.notVerified.push({ check, reason });
  }
  if (discovery.error) {
    // the optional kinds cannot be known to be absent: say so instead of assuming
    for (const s of RESOURCES) {
      if (s.optionalGroup && !groups.has(s.optionalGroup)) {
        store.notVerified.push({
          check: `inventory:${s.plural}`,
          reason: `API discovery failed (${discovery.error}): ${s.kind} objects not verified`,
        });
      }
    }
  }
  /** Kinds whose list failed for another reason than permissions: kind -> reasons. */
  const broken = new Map<string, string[]>();
  const tasks: { spec: ResourceSpec; namespace?: string }[] = [];
  for (const spec of specs) {
    if ((spec.namespaced || spec.kind === 'Namespace') && opts.namespaces) {
      for (const ns of opts.namespaces) tasks.push({ spec, namespace: ns });
    } else tasks.push({ spec });
  }
  const forbidden = new Map<string, string[]>();
  const failed = new Set<string>();
  await pool(tasks, opts.concurrency ?? 8, async ({ spec, namespace }) => {
    try {
      if (spec.kind === 'Namespace' && namespace) {
        // GET the named namespaces: an identity bound only in them may read them, not list all
        try {
          const ns = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, {}, opts.signal);
          store.put(spec.kind, withKind(spec, ns));
          // the watch of this one namespace resumes from here (watchStore)
          const rv = (ns.metadata as Json | undefined)?.resourceVersion;
          if (typeof rv === 'string') store.versions.set(`${spec.kind}|${namespace}`, rv);
        } catch (e) {
          if (!(e instanceof ClusterError) || e.kind !== 'not-found') throw e;
        }
        return;
      }
      const res = await client.list(
        withQuery(listPath(spec, namespace), spec.query),
        opts.pageSize ?? 500,
        opts.signal,
      );
      for (const item of res.items) store.put(spec.kind, withKind(spec, item));
      store.versions.set(`${spec.kind}|${namespace ?? ''}`, res.resourceVersion);
      if (res.skipped) {
        // the rest of the list is judged; what could not be read is said, never dropped silently
        store.notVerified.push({
          check: `inventory:${spec.plural}`,
          reason: `${res.skipped} item(s) of the ${spec.plural} list${namespace ? ` in namespace ${namespace}` : ''} are not objects and were skipped`,
        });
      }
    } catch (e) {
      if (!(e instanceof ClusterError)) throw e;
      // a refused list is counted below, where it matters to a check
      if (e.kind !== 'not-found' && e.kind !== 'forbidden')
        store.listErrors.push({ kind: spec.kind, status: e.status ? String(e.status) : e.kind });
      if (e.kind === 'forbidden') {
        const list = forbidden.get(spec.kind) ?? [];
        list.push(namespace ?? '');
        forbidden.set(spec.kind, list);
        failed.add(spec.kind);
        return;
      }
      if (e.kind === 'not-found') {
        failed.add(spec.kind);
        return; // the API is not served by this cluster: nothing of that kind to check
      }
      // any other failure (5xx, malformed JSON, 410 every time, a timeout): that kind is not
      // verified, with the reason; every other kind is still judged
      failed.add(spec.kind);
      const list = broken.get(spec.kind) ?? [];
      list.push(`${namespace ? `namespace ${namespace}: ` : ''}${e.message}`);
      broken.set(spec.kind, list);
    }
  });
  for (const [kind, reasons] of broken) {
    const spec = specOf(kind)!;
    const reason = `list ${spec.plural} failed (${[...new Set(reasons)].join('; ')}): ${kind} objects not verified`;
    store.notVerified.push({ check: `inventory:${spec.plural}`, reason });
    for (const check of spec.checks.filter((c) => opts.secrets || !SECRET_CHECKS.has(c))) {
      store.notVerified.push({ check, reason });
    }
  }
  for (const spec of specs) if (!failed.has(spec.kind)) store.listed.add(spec.kind);
  for (const [kind, nss] of forbidden) {
    const spec = specOf(kind)!;
    const where = nss.includes('')
      ? spec.namespaced
        ? ' in all namespaces'
        : ''
      : ` in namespace${nss.length > 1 ? 's' : ''} ${nss.join(', ')}`;
    const checks = spec.checks.filter((c) => opts.secrets || !SECRET_CHECKS.has(c));
    // cluster-scoped RBAC only matters to the secret checks when verifying some namespaces
    if (!checks.length && !spec.namespaced && opts.namespaces && spec.checks.length) continue;
    store.listErrors.push({ kind, status: '403' });
    for (const check of checks) {
      store.notVerified.push({ check, reason: `missing permission: list ${spec.plural}${where}` });
    }
    if (!checks.length) {
      store.notVerified.push({
        check: `inventory:${spec.plural}`,
        reason: `missing permission: list ${spec.plural}${where}`,
      });
    }
  }
  await readPolicyParams(client, store, opts);
  return store;
}

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The params the cluster's bindings name (`paramRef`) with their policy's `paramKind`: the kind's
 * resource by discovery (as the API server resolves it), then a LIST of that resource where the
 * params live, unless the inventory already holds them (ConfigMaps of the verified namespaces).
 * A param list that cannot be read is a `not verified` reason for admission-policy.
 */
async function readPolicyParams(client: ClusterClient, store: LiveStore, opts: InventoryOptions): Promise<void> {
  const policies = new Map<string, Json>();
  for (const p of store.all('ValidatingAdmissionPolicy')) policies.set(str(obj(p.metadata).name), p);
  const discovered = new Map<string, Promise<Json[] | undefined>>();
  const discover = (apiVersion: string): Promise<Json[] | undefined> => {
    let d = discovered.get(apiVersion);
    if (!d) {
      const url = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      d = client.get<{ resources?: unknown }>(url, {}, opts.signal).then(
        (r) => (Array.isArray(r.resources) ? r.resources.map(obj) : []),
        (e: unknown) => {
          if (!(e instanceof ClusterError)) throw e;
          return undefined;
        },
      );
      discovered.set(apiVersion, d);
    }
    return d;
  };
  const targets = new Map<string, { spec: ResourceSpec; namespace?: string; binding: string }>();
  for (const b of store.all('ValidatingAdmissionPolicyBinding')) {
    const spec = obj(b.spec);
    const ref = obj(spec.paramRef);
    const policy = policies.get(str(spec.policyName));
    const pk = obj(obj(policy?.spec).paramKind);
    const apiVersion = str(pk.apiVersion);
    const kind = str(pk.kind);
    if (!policy || !Object.keys(ref).length || !apiVersion || !kind) continue;
    const resources = await discover(apiVersion);
    const r = resources?.find((x) => x.kind === kind && !str(x.name).includes('/'));
    if (!r) continue; // not served: the policy's paramKind is unknown, as the API server finds it
    const namespaced = r.namespaced === true;
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    store.resources.set(`${group}/${kind}`, { resource: str(r.name), namespaced });
    const rs: ResourceSpec = { kind, apiVersion, plural: str(r.name), namespaced, checks: ['admission-policy'] };
    // a namespaced param without paramRef.namespace is looked up in the namespace of each request
    const nss = !namespaced
      ? [undefined]
      : str(ref.namespace)
        ? [str(ref.namespace)]
        : (opts.namespaces ?? [undefined]);
    for (const ns of nss) {
      const held =
        kind === 'ConfigMap' &&
        apiVersion === 'v1' &&
        store.listed.has('ConfigMap') &&
        (!opts.namespaces || (ns !== undefined && opts.namespaces.includes(ns)));
      if (held) continue;
      const name = str(ref.name);
      const path = `${listPath(rs, ns)}${name ? `?${new URLSearchParams({ fieldSelector: `metadata.name=${name}` })}` : ''}`;
      if (!targets.has(path)) targets.set(path, { spec: rs, namespace: ns, binding: str(obj(b.metadata).name) });
    }
  }
  await pool([...targets], opts.concurrency ?? 8, async ([path, t]) => {
    try {
      const res = await client.list(path, opts.pageSize ?? 500, opts.signal);
      for (const item of res.items) {
        const o = withKind(t.spec, item);
        store.params.set(`${t.spec.apiVersion}|${t.spec.kind}|${keyOf(o)}`, o);
      }
    } catch (e) {
      if (!(e instanceof ClusterError)) throw e;
      if (e.kind === 'not-found') return;
      const where = t.namespace ? ` in namespace ${t.namespace}` : t.spec.namespaced ? ' in all namespaces' : '';
      store.notVerified.push({
        check: 'admission-policy',
        reason:
          e.kind === 'forbidden'
            ? `missing permission: list ${t.spec.plural}${where} (the params of ValidatingAdmissionPolicyBinding ${t.binding})`
            : `list ${t.spec.plural}${where} failed (${e.message}): the params of ValidatingAdmissionPolicyBinding ${t.binding} not read`,
      });
    }
  });
}

function withQuery(p: string, q?: Record<string, string>): string {
  if (!q) return p;
  return `${p}?${new URLSearchParams(q).toString()}`;
}

/**
 * Keeps `kinds` of `store` current with watches until `signal` aborts. A closed stream resumes
 * from the last resourceVersion; 410 Gone relists; other failures back off (bounded by the signal).
 */
export function watchStore(
  client: ClusterClient,
  store: LiveStore,
  kinds: string[],
  namespaces: string[] | undefined,
  signal: AbortSignal,
  /** Told of every failed watch or relist (monitoring counts API errors by kind and status). */
  onError?: (kind: string, error: unknown) => void,
): Promise<void> {
  const targets: { spec: ResourceSpec; namespace?: string }[] = [];
  for (const kind of kinds) {
    const spec = specOf(kind);
    if (!spec || !store.listed.has(kind)) continue;
    if ((spec.namespaced || spec.kind === 'Namespace') && namespaces)
      for (const ns of namespaces) targets.push({ spec, namespace: ns });
    else targets.push({ spec });
  }
  // the named namespaces only (a field selector on the name, which RBAC authorizes like a get of
  // that namespace): a watch of all namespaces would bring in the ones the inventory left out
  const pathOf = (spec: ResourceSpec, namespace?: string) =>
    spec.kind === 'Namespace' && namespace
      ? withQuery(listPath(spec), { fieldSelector: `metadata.name=${namespace}` })
      : withQuery(listPath(spec, namespace), spec.query);
  return Promise.all(
    targets.map(async ({ spec, namespace }) => {
      const vkey = `${spec.kind}|${namespace ?? ''}`;
      let failures = 0;
      while (!signal.aborted) {
        const rv = store.versions.get(vkey) ?? '';
        try {
          await client.watch(
            pathOf(spec, namespace),
            rv,
            (ev: WatchEvent) => {
              const o = ev.object;
              const newRv = (o.metadata as Json | undefined)?.resourceVersion;
              if (typeof newRv === 'string') store.versions.set(vkey, newRv);
              if (ev.type === 'BOOKMARK') return;
              if (ev.type === 'DELETED') store.remove(spec.kind, o);
              else store.put(spec.kind, withKind(spec, o));
              store.changed();
            },
            signal,
          );
          failures = 0;
        } catch (e) {
          if (signal.aborted) break;
          onError?.(spec.kind, e);
          // 410 Gone: the resourceVersion was compacted; any other failure (a watch refused while
          // LIST is allowed, a dropped stream): relist so the store stays current, i.e. poll
          if (!(e instanceof ClusterError && e.kind === 'gone')) failures++;
          try {
            const res = await client.list(pathOf(spec, namespace), 500, signal);
            const m = store.byKind.get(spec.kind);
            if (m && namespace && spec.kind === 'Namespace') m.delete(`/${namespace}`);
            else if (m && namespace) {
              for (const k of [...m.keys()]) if (k.startsWith(`${namespace}/`)) m.delete(k);
            } else m?.clear();
            for (const item of res.items) store.put(spec.kind, withKind(spec, item));
            store.versions.set(vkey, res.resourceVersion);
            store.changed();
          } catch (relistError) {
            if (!signal.aborted) onError?.(spec.kind, relistError);
            failures++;
          }
          await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** Math.min(failures, 5), 3000)));
        }
      }
    }),
  ).then(() => undefined);
}
