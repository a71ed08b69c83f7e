/**
 * A shared, memoised index over the scanned set for cross-object rules: objects by kind and
 * name, label selector matching, workloads with their pod labels, and replicas (HPA included).
 *
 * Usage in a rule: `const inv = inventory(ctx);` (built once per run through `ctx.memo`).
 *
 * Namespaces: manifests often leave `metadata.namespace` unset (kustomize or `kubectl -n` sets it
 * later), so lookups are lenient: an object without a namespace matches a reference from any
 * namespace, and a reference from an object without a namespace matches an object in any
 * namespace. Two set namespaces must be equal. `'default'` is not treated specially.
 */
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { get, isObj, numOf, podTemplates, type PodTemplate } from './podspec.ts';
import type { RuleContext } from './types.ts';

/** Kinds that run a replicated set of identical pods (availability rules apply to them). */
export const REPLICATED_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
  'Rollout',
]);

/** Kinds with a pod template that Kubernetes or a well-known controller runs (pods, workloads, jobs, CRDs). */
export interface Workload {
  obj: K8sObject;
  kind: string;
  name: string;
  /** undefined when the manifest leaves it unset. */
  namespace: string | undefined;
  /** The (first) pod template. */
  template: PodTemplate;
  /** Labels the pods get (template metadata.labels). */
  podLabels: Record<string, string>;
  /** spec.replicas as written; undefined when unset (Kubernetes defaults it to 1). */
  replicas: number | undefined;
  /** HorizontalPodAutoscalers in the set that target this workload. */
  hpas: Hpa[];
}

export interface Hpa {
  obj: K8sObject;
  /** minReplicas (default 1). */
  min: number;
  /** maxReplicas (undefined when missing or not a number). */
  max: number | undefined;
  targetKind: string;
  targetName: string;
}

export interface Inventory {
  /** Every object of a kind, in input order. */
  byKind(kind: string): readonly K8sObject[];
  /** Objects of a kind with a name, namespace-lenient (see module doc). */
  find(kind: string, name: string, namespace: string | undefined): K8sObject[];
  /** Workloads (every object with a pod template). */
  workloads: readonly Workload[];
  /** The workload record of an object, if it has a pod template. */
  workloadOf(obj: K8sObject): Workload | undefined;
  /** Workloads whose pod labels the selector matches, namespace-lenient. */
  workloadsSelectedBy(selector: unknown, namespace: string | undefined): readonly Workload[];
  /** HPAs in the set. */
  hpas: readonly Hpa[];
}

/** Labels of an object-like map: string (or scalar) values only. */
export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (x !== null && typeof x !== 'object') out[k] = String(x);
  return out;
}

/** Does a namespace pair match (lenient: unset matches anything)? */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === '' || b === '' || a === b;
}

/**
 * Does a label selector match a set of labels? Accepts a LabelSelector (`matchLabels`,
 * `matchExpressions`) or a plain map (Service / ReplicationController selectors).
 * An empty LabelSelector (`{}`) matches everything; an undefined/null selector matches nothing.
 */
export function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
  if (!isLabelSelector) {
    for (const [k, v] of Object.entries(selector)) if (labels[k] !== String(v)) return false;
    return true;
  }
  for (const [k, v] of Object.entries(labelsOf(selector.matchLabels))) if (labels[k] !== v) return false;
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!isObj(e) || typeof e.key !== 'string') return false;
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      switch (e.operator) {
        case 'In':
          if (!has || !values.includes(labels[e.key])) return false;
          break;
        case 'NotIn':
          if (has && values.includes(labels[e.key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return false;
      }
    }
  }
  return true;
}

/**
 * `key=value` label pairs of which every label set the selector matches carries one: its first
 * matchLabels entry (or plain-map entry), else the values of its first `In` expression. Undefined
 * when there is nothing to index by (empty selector, only Exists/NotIn/DoesNotExist). Lets
 * cross-object rules look up candidates in a `key=value` index instead of trying every object;
 * a candidate is then judged by matchesSelector.
 */
export function selectorBuckets(selector: unknown): string[] | undefined {
  if (!isObj(selector)) return undefined;
  const plain = !('matchLabels' in selector || 'matchExpressions' in selector);
  const ml = plain ? labelsOf(selector) : labelsOf(selector.matchLabels);
  for (const [k, v] of Object.entries(ml)) return [`${k}=${v}`];
  if (plain || !Array.isArray(selector.matchExpressions)) return undefined;
  for (const e of selector.matchExpressions) {
    // a label set has one value for the key, so it is in at most one of these buckets
    if (isObj(e) && typeof e.key === 'string' && e.operator === 'In' && Array.isArray(e.values)) {
      const key = e.key;
      return [...new Set(e.values.map((v) => `${key}=${String(v)}`))];
    }
  }
  return undefined;
}

/** Is the selector empty (matches everything)? Plain maps and LabelSelectors alike. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isObj(selector)) return false;
  if ('matchLabels' in selector || 'matchExpressions' in selector) {
    const ml = selector.matchLabels;
    const me = selector.matchExpressions;
    return (!isObj(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0);
  }
  return Object.keys(selector).length === 0;
}

function key(kind: string, name: string): string {
  return `${kind}\0${name}`;
}

function buildHpa(obj: K8sObject): Hpa | undefined {
  const spec = obj.data.spec;
  if (!isObj(spec)) return undefined;
  const t = spec.scaleTargetRef;
  if (!isObj(t) || typeof t.kind !== 'string' || typeof t.name !== 'string') return undefined;
  const max = numOf(spec.maxReplicas);
  return { obj, min: numOf(spec.minReplicas) ?? 1, max, targetKind: t.kind, targetName: t.name };
}

function build(objects: readonly K8sObject[]): Inventory {
  const kinds = new Map<string, K8sObject[]>();
  const names = new Map<string, K8sObject[]>();
  for (const o of objects) {
    let k = kinds.get(o.ref.kind);
    if (!k) kinds.set(o.ref.kind, (k = []));
    k.push(o);
    const nk = key(o.ref.kind, o.ref.name);
    let n = names.get(nk);
    if (!n) names.set(nk, (n = []));
    n.push(o);
  }
  const find = (kind: string, name: string, namespace: string | undefined): K8sObject[] =>
    (names.get(key(kind, name)) ?? []).filter((o) => sameNamespace(o.ref.namespace, namespace));

  const hpas: Hpa[] = [];
  for (const o of kinds.get('HorizontalPodAutoscaler') ?? []) {
    const h = buildHpa(o);
    if (h) hpas.push(h);
  }
  const hpasByTarget = new Map<string, Hpa[]>();
  for (const h of hpas) {
    const k = key(h.targetKind, h.targetName);
    let l = hpasByTarget.get(k);
    if (!l) hpasByTarget.set(k, (l = []));
    l.push(h);
  }

  const workloads: Workload[] = [];
  const byObj = new Map<K8sObject, Workload>();
  for (const o of objects) {
    const ts = podTemplates(o);
    if (!ts.length) continue;
    const spec = isObj(o.data.spec) ? o.data.spec : {};
    const w: Workload = {
      obj: o,
      kind: o.ref.kind,
      name: o.ref.name,
      namespace: o.ref.namespace,
      template: ts[0],
      podLabels: labelsOf(ts[0].metadata.labels),
      replicas: o.ref.kind === 'Pod' ? 1 : numOf((spec as JsonObject).replicas),
      hpas: (hpasByTarget.get(key(o.ref.kind, o.ref.name)) ?? []).filter((h) =>
        sameNamespace(h.obj.ref.namespace, o.ref.namespace),
      ),
    };
    workloads.push(w);
    byObj.set(o, w);
  }
  // Index workloads by label key/value for faster selector matching.
  const order = new Map<Workload, number>(workloads.map((w, i) => [w, i]));
  const byLabel = new Map<string, Workload[]>();
  for (const w of workloads) {
    for (const [k, v] of Object.entries(w.podLabels)) {
      const lk = `${k}=${v}`;
      let l = byLabel.get(lk);
      if (!l) byLabel.set(lk, (l = []));
      l.push(w);
    }
  }
  // the same selector is often asked again (a `tier: web` peer in every policy of a namespace):
  // answered once per selector text and namespace, not once per asker
  const selected = new Map<string, readonly Workload[]>();
  const workloadsSelectedBy = (selector: unknown, namespace: string | undefined): readonly Workload[] => {
    if (!isObj(selector)) return [];
    const cacheKey = `${namespace ?? ''}\0${JSON.stringify(selector)}`;
    const hit = selected.get(cacheKey);
    if (hit) return hit;
    const buckets = selectorBuckets(selector);
    let candidates: readonly Workload[] = workloads;
    if (buckets?.length === 1) candidates = byLabel.get(buckets[0]) ?? [];
    else if (buckets) {
      // several values of one key: no workload is in two of the buckets; keep the set's order
      candidates = buckets.flatMap((b) => byLabel.get(b) ?? []).sort((a, b) => order.get(a)! - order.get(b)!);
    }
    const out = candidates.filter(
      (w) => sameNamespace(w.namespace, namespace) && matchesSelector(selector, w.podLabels),
    );
    selected.set(cacheKey, out);
    return out;
  };

  return {
    byKind: (kind) => kinds.get(kind) ?? [],
    find,
    workloads,
    workloadOf: (obj) => byObj.get(obj),
    workloadsSelectedBy,
    hpas,
  };
}

/** The shared inventory of the run (built once, shared between rules through ctx.memo). */
export function inventory(ctx: Pick<RuleContext, 'objects' | 'memo'>): Inventory {
  return ctx.memo('inventory', () => build(ctx.objects));
}

/**
 * The replica range of a workload as Kubernetes would run it: `[min, max]`. With an HPA, the
 * HPA's minReplicas/maxReplicas; else spec.replicas (unset = 1). DaemonSets, Jobs and Pods
 * are not replicated workloads and get [1, 1].
 */
export function replicaRange(w: Workload): { min: number; max: number; hpa: Hpa | undefined } {
  const hpa = w.hpas[0];
  if (hpa) return { min: hpa.min, max: Math.max(hpa.min, hpa.max ?? hpa.min), hpa };
  if (!REPLICATED_KINDS.has(w.kind)) return { min: 1, max: 1, hpa: undefined };
  // unset replicas: 1 when created, but often left out because something else scales the workload
  // (an HPA outside the set, KEDA, kubectl scale): possibly more than one
  if (w.replicas === undefined) return { min: 1, max: Infinity, hpa: undefined };
  return { min: w.replicas, max: w.replicas, hpa: undefined };
}

/** Might the workload run more than one pod (replicas > 1 or unset, or an HPA allows more)? */
export function possiblyMultiReplica(w: Workload): boolean {
  return REPLICATED_KINDS.has(w.kind) && replicaRange(w).max > 1;
}

/**
 * Is the value a template placeholder rather than a real name (`$KSA_NAME`, `${IMAGE}`,
 * `<your-project>`, `{{ .Values.x }}`)? Rules skip such references instead of judging them.
 */
export function isPlaceholder(v: string): boolean {
  return /\$\{?[A-Za-z_]|<[^<>]*>|\{\{/.test(v);
}

/** `kind/name` (with namespace when set) for messages. */
export function describe(o: K8sObject): string {
  return `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name || '(unnamed)'}`;
}

/** The object's field at a path (re-exported for cross-object rules). */
export { get };
