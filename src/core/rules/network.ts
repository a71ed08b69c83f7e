/**
 * Network isolation and exposure: NetworkPolicies, Services, Ingresses and ServiceMonitors,
 * mostly cross-object (which policy selects which pods, which Service selects which pods).
 */
import type { FieldPath } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import {
  inventory,
  isEmptySelector,
  matchesSelector,
  sameNamespace,
  selectorBuckets,
  type Workload,
} from './inventory.ts';
import { boolOf, containersOf, isObj } from './podspec.ts';
import { arr, groupOf, isKind, label, list, specOf, stringMap, strs } from './selectors.ts';
import type { InventoryViolation, Rule, RuleContext } from './types.ts';

const NETPOL_DOC = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';
const SVC_DOC = 'https://kubernetes.io/docs/concepts/services-networking/service/';
const ING_DOC = 'https://kubernetes.io/docs/concepts/services-networking/ingress/';

type Direction = 'Ingress' | 'Egress';
const DIRECTIONS: Direction[] = ['Ingress', 'Egress'];

// ---------- shared views ----------

interface Policy {
  obj: K8sObject;
  spec: JsonObject;
  podSelector: unknown;
  types: Set<Direction>;
}

/** The policy types of a NetworkPolicy as the API server defaults them. */
export function policyTypes(spec: JsonObject): Set<Direction> {
  const out = new Set<Direction>();
  if (Array.isArray(spec.policyTypes)) {
    for (const t of spec.policyTypes) if (t === 'Ingress' || t === 'Egress') out.add(t);
    return out;
  }
  out.add('Ingress');
  if (Array.isArray(spec.egress) && spec.egress.length > 0) out.add('Egress');
  return out;
}

function policies(ctx: RuleContext): Policy[] {
  return ctx.memo('network:policies', () =>
    inventory(ctx)
      .byKind('NetworkPolicy')
      .filter((o) => groupOf(o.ref.apiVersion) === 'networking.k8s.io' || groupOf(o.ref.apiVersion) === 'extensions')
      .map((obj) => {
        const spec = specOf(obj);
        // a missing podSelector is read as {} (selects every pod of the namespace)
        const podSelector = spec.podSelector === undefined || spec.podSelector === null ? {} : spec.podSelector;
        return { obj, spec, podSelector, types: policyTypes(spec) };
      }),
  );
}

/**
 * NetworkPolicies indexed by one `key=value` their podSelector requires (its first matchLabels
 * entry, else the values of an `In` expression), so a workload is checked only against the
 * policies that can select it: linear in workloads + policies instead of their product. Policies
 * with nothing to index by (empty selector, only Exists/NotIn expressions) are candidates for
 * every workload. Candidates are then judged by `selects`, as before.
 */
interface PolicyIndex {
  candidates(w: Workload): Policy[];
}

function policyIndex(ctx: RuleContext): PolicyIndex {
  return ctx.memo('network:policyIndex', () => {
    const everywhere: Policy[] = [];
    const byLabel = new Map<string, Policy[]>();
    for (const p of policies(ctx)) {
      const keys = selectorBuckets(p.podSelector);
      if (!keys) {
        everywhere.push(p);
        continue;
      }
      for (const k of keys) {
        const list = byLabel.get(k);
        if (list) list.push(p);
        else byLabel.set(k, [p]);
      }
    }
    return {
      candidates(w) {
        const out = [...everywhere];
        for (const [k, v] of Object.entries(w.podLabels)) {
          const list = byLabel.get(`${k}=${v}`);
          if (list) for (const p of list) out.push(p);
        }
        return out;
      },
    };
  });
}

/** Core v1 Services (not Knative Services). */
function services(ctx: RuleContext): K8sObject[] {
  return ctx.memo('network:services', () =>
    inventory(ctx)
      .byKind('Service')
      .filter((o) => groupOf(o.ref.apiVersion) === ''),
  );
}

/** Labels the controller adds to the pods (job-name, statefulset pod-name ...) that selectors may use. */
function controllerLabels(w: Workload, selector: Record<string, string>): Record<string, string> {
  // only Jobs and StatefulSets add labels: the others are matched on their own map, uncopied
  // (this runs for every Service x workload pair)
  if (w.kind !== 'Job' && w.kind !== 'StatefulSet') return w.podLabels;
  const out: Record<string, string> = { ...w.podLabels };
  if (w.kind === 'Job') {
    out['job-name'] = w.name;
    out['batch.kubernetes.io/job-name'] = w.name;
  }
  if (w.kind === 'StatefulSet') {
    const pod = selector['statefulset.kubernetes.io/pod-name'];
    if (pod && pod.startsWith(`${w.name}-`) && /^\d+$/.test(pod.slice(w.name.length + 1)))
      out['statefulset.kubernetes.io/pod-name'] = pod;
    const idx = selector['apps.kubernetes.io/pod-index'];
    if (idx && /^\d+$/.test(idx)) out['apps.kubernetes.io/pod-index'] = idx;
  }
  return out;
}

/** StatefulSet pod labels whose value depends on the selector asking (see controllerLabels). */
const SELECTOR_DEPENDENT = new Set(['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index']);

/** Workloads by each `key=value` of their pod labels (controller-added Job labels included). */
function workloadsByLabel(ctx: RuleContext): Map<string, Workload[]> {
  return ctx.memo('network:workloadsByLabel', () => {
    const index = new Map<string, Workload[]>();
    for (const w of inventory(ctx).workloads) {
      for (const [k, v] of Object.entries(controllerLabels(w, {}))) {
        const key = `${k}\0${v}`;
        const list = index.get(key);
        if (list) list.push(w);
        else index.set(key, [w]);
      }
    }
    return index;
  });
}

/**
 * Workloads whose pods a Service's plain-map selector selects (controller-added labels included).
 * Several rules ask for the same Services: computed once per Service, from the workloads that
 * carry one of the selector's labels rather than from every workload.
 */
function serviceTargets(ctx: RuleContext, svc: K8sObject): Workload[] {
  const cache = ctx.memo('network:serviceTargets', () => new Map<K8sObject, Workload[]>());
  const hit = cache.get(svc);
  if (hit) return hit;
  const sel = specOf(svc).selector;
  let out: Workload[] = [];
  if (isObj(sel) && Object.keys(sel).length) {
    const map = stringMap(sel);
    const indexed = Object.entries(map).find(([k]) => !SELECTOR_DEPENDENT.has(k));
    const candidates = indexed
      ? (workloadsByLabel(ctx).get(`${indexed[0]}\0${indexed[1]}`) ?? [])
      : inventory(ctx).workloads;
    out = candidates.filter(
      (w) => sameNamespace(w.namespace, svc.ref.namespace) && matchesSelector(map, controllerLabels(w, map)),
    );
  }
  cache.set(svc, out);
  return out;
}

/** API groups served by Kubernetes itself (everything else with a dot is a custom resource). */
const BUILTIN_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

interface OperatorHints {
  /** Names of custom resources, with their namespaces. */
  names: { name: string; namespace: string | undefined }[];
  /** Kinds of custom resources, lower-cased (prometheus, alertmanager ...). */
  kinds: Set<string>;
}

function operatorHints(ctx: RuleContext): OperatorHints {
  return ctx.memo('network:operatorHints', () => {
    const out: OperatorHints = { names: [], kinds: new Set() };
    for (const o of ctx.objects) {
      const g = groupOf(o.ref.apiVersion);
      if (!g.includes('.') || BUILTIN_GROUPS.has(g) || o.ref.kind === 'CustomResourceDefinition') continue;
      if (o.ref.name) out.names.push({ name: o.ref.name, namespace: o.ref.namespace });
      out.kinds.add(o.ref.kind.toLowerCase());
    }
    return out;
  });
}

/**
 * Might pods with these labels be created by an operator from a custom resource in the set
 * (Prometheus, CloudNativePG Cluster, LeaderWorkerSet ...)? True when a selector value is the
 * name of a custom resource in the namespace, or the kind of one (`app.kubernetes.io/name: prometheus`).
 */
function operatorManaged(ctx: RuleContext, labels: Record<string, string>, namespace: string | undefined): boolean {
  const hints = operatorHints(ctx);
  const values = Object.values(labels);
  if (!values.length) return false;
  if (values.some((v) => hints.kinds.has(v.toLowerCase()))) return true;
  return hints.names.some((n) => values.includes(n.name) && sameNamespace(n.namespace, namespace));
}

/** matchLabels (and In-expressions with one value) of a LabelSelector, or a plain map selector. */
function selectorValues(sel: unknown): Record<string, string> {
  if (!isObj(sel)) return {};
  if (!('matchLabels' in sel || 'matchExpressions' in sel)) return stringMap(sel);
  const out = stringMap(sel.matchLabels);
  for (const e of arr(sel.matchExpressions)) {
    if (isObj(e) && typeof e.key === 'string' && e.operator === 'In' && arr(e.values).length === 1)
      out[e.key] = String(arr(e.values)[0]);
  }
  return out;
}

function workloadsIn(ctx: RuleContext): readonly Workload[] {
  return inventory(ctx).workloads;
}

/** Kinds that only hold a template for pods that something else creates. */
const TEMPLATE_KINDS = new Set(['PodTemplate', 'WorkflowTemplate', 'ClusterWorkflowTemplate']);

/** Objects a controller owns (live ReplicaSets and Pods): their owner is reported instead. */
function controlled(obj: K8sObject): boolean {
  const md = obj.data.metadata;
  return isObj(md) && arr(md.ownerReferences).some((o) => isObj(o) && boolOf(o.controller) === true);
}

/** Pods of a workload run on the host network (NetworkPolicies do not apply to them). */
function hostNetwork(w: Workload): boolean {
  return boolOf(w.template.spec.hostNetwork) === true;
}

/** Does the workload's pod template get selected by the policy? */
function selects(p: Policy, w: Workload): boolean {
  return sameNamespace(p.obj.ref.namespace, w.namespace) && matchesSelector(p.podSelector, w.podLabels);
}

/** "in the scanned set" for manifests, "in the cluster" for live objects. */
function inSet(ctx: RuleContext): string {
  return ctx.mode === 'live' ? 'in the cluster' : 'in the scanned set';
}

/** The hint that a referenced object may simply not be part of the scan (manifest mode only). */
function outside(ctx: RuleContext, what: string): string {
  return ctx.mode === 'live' ? '' : ` (${what} may be defined outside the set)`;
}

function optList(ctx: RuleContext, key: string, fallback: string[]): string[] {
  const v = ctx.options[key];
  return Array.isArray(v) ? v.map(String) : fallback;
}

function directionsOption(ctx: RuleContext): Direction[] {
  const wanted = optList(ctx, 'directions', DIRECTIONS).map((d) => d.toLowerCase());
  return DIRECTIONS.filter((d) => wanted.includes(d.toLowerCase()));
}

const directionsOpt = {
  type: 'string[]' as const,
  description: 'Traffic directions that must be covered: Ingress, Egress.',
  default: ['Ingress', 'Egress'],
};

// ---------- network-policy-missing ----------

export const networkPolicyMissing: Rule = {
  meta: {
    id: 'network-policy-missing',
    title: 'Workload not isolated by a NetworkPolicy',
    severity: 'medium',
    enabledByDefault: true,
    category: 'network',
    cis: '5.3.2',
    rationale:
      'Pods that no NetworkPolicy selects accept traffic from, and send traffic to, any pod in the cluster. One compromised pod can then reach every service, and exfiltrate data anywhere.',
    remediation:
      'Add a NetworkPolicy in the namespace whose podSelector matches the workload, with policyTypes Ingress and Egress and the narrowest rules the workload needs (a default-deny policy plus allow rules).',
    example:
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: { app: web }\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: { app: frontend }\n  egress:\n  - to:\n    - podSelector:\n        matchLabels: { app: db }',
    references: [NETPOL_DOC],
    options: { directions: directionsOpt },
  },
  *checkAll(ctx) {
    const wanted = directionsOption(ctx);
    if (!wanted.length) return;
    const index = policyIndex(ctx);
    for (const w of workloadsIn(ctx)) {
      if (hostNetwork(w) || TEMPLATE_KINDS.has(w.kind) || controlled(w.obj)) continue;
      const covered = new Set<Direction>();
      for (const p of index.candidates(w)) if (selects(p, w)) for (const t of p.types) covered.add(t);
      const missing = wanted.filter((d) => !covered.has(d));
      if (!missing.length) continue;
      const what = missing.map((d) => d.toLowerCase()).join(' or ');
      yield {
        object: w.obj,
        path: [...w.template.metaPath, 'labels'],
        message: `${label(w.obj)}: no NetworkPolicy ${inSet(ctx)} selects its pods for ${what}, so ${missing.length === 2 ? 'all traffic is' : `all ${what} traffic is`} allowed`,
        details: { missing: missing.join(',') },
      };
    }
  },
};

// ---------- namespace-default-deny ----------

function isDefaultDeny(p: Policy, d: Direction): boolean {
  if (!isEmptySelector(p.podSelector)) return false;
  if (d === 'Ingress') return p.types.has('Ingress') && arr(p.spec.ingress).length === 0;
  return p.types.has('Egress') && arr(p.spec.egress).length === 0;
}

export const namespaceDefaultDeny: Rule = {
  meta: {
    id: 'namespace-default-deny',
    title: 'Namespace without a default-deny NetworkPolicy',
    severity: 'medium',
    enabledByDefault: true,
    category: 'network',
    cis: '5.3.2',
    rationale:
      'Without a default-deny policy, every new workload in the namespace starts fully reachable until someone writes a policy for it. A default-deny policy makes isolation the default and allow rules explicit.',
    remediation:
      'Add a NetworkPolicy with an empty podSelector and policyTypes [Ingress, Egress] and no rules to each namespace, then allow the traffic each workload needs with further policies.',
    example:
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
    references: [`${NETPOL_DOC}#default-policies`],
    options: {
      directions: directionsOpt,
      exemptNamespaces: {
        type: 'string[]',
        description: 'Namespaces that need no default-deny policy.',
        default: ['kube-system', 'kube-public', 'kube-node-lease'],
      },
    },
  },
  *checkAll(ctx) {
    const wanted = directionsOption(ctx);
    if (!wanted.length) return;
    const exempt = new Set(optList(ctx, 'exemptNamespaces', []));
    const inv = inventory(ctx);
    const pols = policies(ctx);
    // namespaces present in the set: Namespace objects, else the first workload naming one
    const namespaces = new Map<string, { obj: K8sObject; path: FieldPath }>();
    for (const o of inv.byKind('Namespace')) {
      if (groupOf(o.ref.apiVersion) !== '' || !o.ref.name) continue;
      if (!namespaces.has(o.ref.name)) namespaces.set(o.ref.name, { obj: o, path: ['metadata', 'name'] });
    }
    for (const w of inv.workloads) {
      const ns = w.namespace;
      if (ns && !namespaces.has(ns)) namespaces.set(ns, { obj: w.obj, path: ['metadata', 'namespace'] });
    }
    for (const [ns, at] of namespaces) {
      if (exempt.has(ns)) continue;
      // a policy without a namespace is applied to whatever namespace the set is deployed to
      const inNs = pols.filter((p) => sameNamespace(p.obj.ref.namespace, ns));
      const missing = wanted.filter((d) => !inNs.some((p) => isDefaultDeny(p, d)));
      if (!missing.length) continue;
      yield {
        object: at.obj,
        path: at.path,
        message: `namespace "${ns}" has no default-deny NetworkPolicy for ${missing.map((d) => d.toLowerCase()).join(' or ')} ${inSet(ctx)}`,
        details: { namespace: ns, missing: missing.join(',') },
      };
    }
  },
};

// ---------- network-policy-allow-all ----------

const ANY_CIDR = new Set(['0.0.0.0/0', '::/0']);

function peerAllowsAll(peer: unknown): string | undefined {
  if (!isObj(peer)) return undefined;
  const ip = peer.ipBlock;
  if (isObj(ip)) {
    if (typeof ip.cidr === 'string' && ANY_CIDR.has(ip.cidr.trim()) && arr(ip.except).length === 0)
      return `ipBlock ${ip.cidr} without except`;
    return undefined;
  }
  const ns = peer.namespaceSelector;
  const pod = peer.podSelector;
  if (isEmptySelector(ns) && (pod === undefined || pod === null || isEmptySelector(pod)))
    return 'an empty namespaceSelector (every pod in every namespace)';
  return undefined;
}

function ruleIsEmpty(rule: unknown, peersKey: string): boolean {
  if (rule === null) return true;
  if (!isObj(rule)) return false;
  return arr(rule[peersKey]).length === 0 && arr(rule.ports).length === 0;
}

export const networkPolicyAllowAll: Rule = {
  meta: {
    id: 'network-policy-allow-all',
    kinds: ['NetworkPolicy'],
    title: 'NetworkPolicy allows all traffic',
    severity: 'medium',
    enabledByDefault: true,
    category: 'network',
    cis: '5.3.2',
    rationale:
      'A rule `- {}`, an empty namespaceSelector or an ipBlock of 0.0.0.0/0 without exceptions allows traffic from (or to) everything, which undoes the isolation the policy appears to give.',
    remediation:
      'List the peers the workload actually talks to: podSelector and namespaceSelector with labels, or ipBlock CIDRs narrower than 0.0.0.0/0 (with except for internal ranges), and restrict ports.',
    example:
      'ingress:\n- from:\n  - namespaceSelector:\n      matchLabels: { kubernetes.io/metadata.name: frontend }\n    podSelector:\n      matchLabels: { app: web }\n  ports:\n  - port: 8080',
    references: [NETPOL_DOC],
  },
  *check(obj) {
    if (!isKind(obj, 'NetworkPolicy', ['networking.k8s.io', 'extensions'])) return;
    const spec = specOf(obj);
    const types = policyTypes(spec);
    for (const [dir, key, peersKey] of [
      ['Ingress', 'ingress', 'from'],
      ['Egress', 'egress', 'to'],
    ] as const) {
      if (!types.has(dir)) continue;
      const rules = arr(spec[key]);
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i];
        if (ruleIsEmpty(r, peersKey)) {
          yield {
            path: ['spec', key, i],
            message: `${key} rule ${i} is empty and allows all ${key} traffic on every port`,
          };
          continue;
        }
        if (!isObj(r)) continue;
        const peers = arr(r[peersKey]);
        for (let j = 0; j < peers.length; j++) {
          const why = peerAllowsAll(peers[j]);
          if (why) {
            yield {
              path: ['spec', key, i, peersKey, j],
              message: `${key} rule ${i} allows ${dir === 'Ingress' ? 'from' : 'to'} ${why}`,
            };
          }
        }
      }
    }
  },
};

// ---------- network-policy-cross-namespace ----------

/** The namespaces a namespaceSelector is limited to by name, if it is. */
function namesOfNamespaceSelector(sel: unknown): string[] | undefined {
  if (!isObj(sel)) return undefined;
  const ml = stringMap(sel.matchLabels);
  if (ml['kubernetes.io/metadata.name']) return [ml['kubernetes.io/metadata.name']];
  for (const e of arr(sel.matchExpressions)) {
    if (isObj(e) && e.key === 'kubernetes.io/metadata.name' && e.operator === 'In') return strs(e.values);
  }
  return undefined;
}

export const networkPolicyCrossNamespace: Rule = {
  meta: {
    id: 'network-policy-cross-namespace',
    kinds: ['NetworkPolicy'],
    title: 'NetworkPolicy allows ingress from other namespaces',
    severity: 'medium',
    enabledByDefault: false,
    category: 'network',
    rationale:
      'Where namespaces separate teams or tenants, ingress from other namespaces should be the exception. A namespaceSelector (or a rule without peers) opens the workload to pods of other namespaces.',
    remediation:
      'Limit ingress peers to podSelectors in the same namespace, or name the allowed namespaces explicitly with `kubernetes.io/metadata.name` and list them in the rule option `allowedNamespaces`.',
    example: 'ingress:\n- from:\n  - podSelector:\n      matchLabels: { app: frontend }',
    references: [NETPOL_DOC],
    options: {
      allowedNamespaces: {
        type: 'string[]',
        description: 'Namespaces from which ingress is acceptable (e.g. the ingress controller namespace).',
        default: [],
      },
    },
  },
  *check(obj, ctx) {
    if (!isKind(obj, 'NetworkPolicy', ['networking.k8s.io', 'extensions'])) return;
    const spec = specOf(obj);
    if (!policyTypes(spec).has('Ingress')) return;
    const allowed = new Set(optList(ctx, 'allowedNamespaces', []));
    if (obj.ref.namespace) allowed.add(obj.ref.namespace);
    const rules = arr(spec.ingress);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const peers = isObj(r) ? arr(r.from) : [];
      if (!peers.length) {
        yield { path: ['spec', 'ingress', i], message: `ingress rule ${i} has no peers: it allows every namespace` };
        continue;
      }
      for (let j = 0; j < peers.length; j++) {
        const p = peers[j];
        if (!isObj(p)) continue;
        if (isObj(p.ipBlock)) continue;
        if (p.namespaceSelector === undefined || p.namespaceSelector === null) continue;
        const names = namesOfNamespaceSelector(p.namespaceSelector);
        if (names && names.every((n) => allowed.has(n))) continue;
        yield {
          path: ['spec', 'ingress', i, 'from', j, 'namespaceSelector'],
          message: names
            ? `ingress rule ${i} allows namespaces ${list(names.filter((n) => !allowed.has(n)))}`
            : `ingress rule ${i} allows pods of other namespaces (namespaceSelector by label)`,
        };
      }
    }
  },
};

// ---------- network-policy-dangling ----------

export const networkPolicyDangling: Rule = {
  meta: {
    id: 'network-policy-dangling',
    title: 'NetworkPolicy selector matches no workload',
    severity: 'low',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'A policy whose podSelector matches no pod protects nothing, usually because of a label typo; the workload it was meant for stays unisolated. Peer selectors that match nothing silently block the traffic they were meant to allow.',
    remediation:
      'Fix the labels in the podSelector (or the peer podSelector) to match the pod template labels of the intended workload, or remove the stale policy.',
    example: 'spec:\n  podSelector:\n    matchLabels: { app: web }   # the Deployment template has labels { app: web }',
    references: [NETPOL_DOC],
  },
  *checkAll(ctx) {
    const inv = inventory(ctx);
    if (!inv.workloads.length) return;
    const hint = `${inSet(ctx)}${outside(ctx, 'its pods')}`;
    for (const p of policies(ctx)) {
      const ns = p.obj.ref.namespace;
      if (
        !isEmptySelector(p.podSelector) &&
        !inv.workloadsSelectedBy(p.podSelector, ns).length &&
        !operatorManaged(ctx, selectorValues(p.podSelector), ns)
      ) {
        yield {
          object: p.obj,
          path: ['spec', 'podSelector'],
          message: `podSelector of ${label(p.obj)} matches no workload ${hint}`,
        };
      }
      for (const [key, peersKey] of [
        ['ingress', 'from'],
        ['egress', 'to'],
      ] as const) {
        const rules = arr(p.spec[key]);
        for (let i = 0; i < rules.length; i++) {
          const r = rules[i];
          if (!isObj(r)) continue;
          const peers = arr(r[peersKey]);
          for (let j = 0; j < peers.length; j++) {
            const peer = peers[j];
            // peers with a namespaceSelector may select pods of namespaces outside the set
            if (!isObj(peer) || peer.namespaceSelector !== undefined || !isObj(peer.podSelector)) continue;
            if (isEmptySelector(peer.podSelector)) continue;
            if (inv.workloadsSelectedBy(peer.podSelector, ns).length) continue;
            if (operatorManaged(ctx, selectorValues(peer.podSelector), ns)) continue;
            yield {
              object: p.obj,
              path: ['spec', key, i, peersKey, j, 'podSelector'],
              message: `${key} peer podSelector matches no workload ${hint}`,
            };
          }
        }
      }
    }
  },
};

// ---------- service-exposed ----------

export const serviceExposed: Rule = {
  meta: {
    id: 'service-exposed',
    kinds: ['Service'],
    title: 'Service exposed outside the cluster',
    severity: 'low',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'NodePort Services open a port on every node and LoadBalancer Services get an external address: both expose the workload beyond the cluster network, often bypassing the ingress layer that does TLS and authentication.',
    remediation:
      'Use a ClusterIP Service behind an Ingress or Gateway. If external exposure is intended, restrict it with `loadBalancerSourceRanges` and list the type in the rule option `allowedTypes`.',
    example: 'spec:\n  type: ClusterIP',
    references: [`${SVC_DOC}#publishing-services-service-types`],
    options: {
      allowedTypes: {
        type: 'string[]',
        description: 'Service types that are acceptable (NodePort, LoadBalancer).',
        default: [],
      },
    },
  },
  *check(obj, ctx) {
    if (!isKind(obj, 'Service', '')) return;
    const t = specOf(obj).type;
    if (t !== 'NodePort' && t !== 'LoadBalancer') return;
    if (optList(ctx, 'allowedTypes', []).includes(t)) return;
    yield { path: ['spec', 'type'], message: `Service type ${t} exposes the workload outside the cluster` };
  },
};

// ---------- service-external-ips ----------

export const serviceExternalIps: Rule = {
  meta: {
    id: 'service-external-ips',
    kinds: ['Service'],
    title: 'Service with externalIPs',
    severity: 'high',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'Anyone who can create a Service with externalIPs can intercept traffic to those addresses from inside the cluster (CVE-2020-8554): cluster nodes route traffic for the IP to the Service.',
    remediation:
      'Remove `externalIPs`; use a LoadBalancer Service or an Ingress instead, and block externalIPs cluster-wide with an admission policy (the DenyServiceExternalIPs admission plugin).',
    example: 'spec:\n  type: LoadBalancer\n  ports:\n  - port: 443',
    references: ['https://github.com/kubernetes/kubernetes/issues/97076', `${SVC_DOC}#external-ips`],
  },
  *check(obj) {
    if (!isKind(obj, 'Service', '')) return;
    const ips = arr(specOf(obj).externalIPs);
    if (!ips.length) return;
    yield {
      path: ['spec', 'externalIPs'],
      message: `Service sets externalIPs ${list(ips.map(String))} (CVE-2020-8554: traffic to these IPs can be intercepted)`,
    };
  },
};

// ---------- service-dangling ----------

export const serviceDangling: Rule = {
  meta: {
    id: 'service-dangling',
    title: 'Service selects no workload',
    severity: 'low',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients get connection errors, usually because the selector and the pod template labels drifted apart.',
    remediation: 'Make the Service selector match the pod template labels of the workload that serves it.',
    example:
      'kind: Service\nspec:\n  selector: { app: web }   # Deployment template: labels { app: web }\n  ports:\n  - port: 80\n    targetPort: http',
    references: [SVC_DOC],
  },
  *checkAll(ctx) {
    const inv = inventory(ctx);
    if (!inv.workloads.length) return;
    for (const s of services(ctx)) {
      const spec = specOf(s);
      if (spec.type === 'ExternalName') continue;
      const sel = spec.selector;
      if (!isObj(sel) || !Object.keys(sel).length) continue;
      if (serviceTargets(ctx, s).length) continue;
      if (operatorManaged(ctx, stringMap(sel), s.ref.namespace)) continue;
      yield {
        object: s,
        path: ['spec', 'selector'],
        message: `selector ${Object.entries(stringMap(sel))
          .map(([k, v]) => `${k}=${v}`)
          .join(',')} of ${label(s)} matches no workload ${inSet(ctx)}${outside(ctx, 'its pods')}`,
      };
    }
  },
};

// ---------- servicemonitor-dangling ----------

export const serviceMonitorDangling: Rule = {
  meta: {
    id: 'servicemonitor-dangling',
    title: 'ServiceMonitor selects no Service',
    severity: 'low',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'A Prometheus-operator ServiceMonitor that selects no Service scrapes nothing: metrics and the alerts built on them silently disappear.',
    remediation:
      'Make spec.selector match the labels of the Service (not the pods), and spec.namespaceSelector include its namespace (`any: true` or `matchNames`).',
    example:
      'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nspec:\n  selector:\n    matchLabels: { app: web }   # labels of the Service\n  namespaceSelector:\n    matchNames: [shop]\n  endpoints:\n  - port: metrics',
    references: ['https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor'],
  },
  *checkAll(ctx) {
    const svcs = services(ctx);
    if (!svcs.length) return;
    for (const m of inventory(ctx).byKind('ServiceMonitor')) {
      if (groupOf(m.ref.apiVersion) !== 'monitoring.coreos.com') continue;
      const spec = specOf(m);
      const sel = spec.selector;
      if (!isObj(sel)) continue;
      const nsSel = isObj(spec.namespaceSelector) ? spec.namespaceSelector : {};
      const any = boolOf(nsSel.any) === true;
      const names = strs(nsSel.matchNames);
      const inScope = (s: K8sObject) => {
        if (any) return true;
        if (names.length) return s.ref.namespace === undefined || names.includes(s.ref.namespace);
        return sameNamespace(s.ref.namespace, m.ref.namespace);
      };
      // a LabelSelector: plain-map shape is not valid here, only matchLabels/matchExpressions
      const labelSel = 'matchLabels' in sel || 'matchExpressions' in sel ? sel : { matchLabels: {} };
      if (
        svcs.some(
          (s) =>
            inScope(s) &&
            matchesSelector(labelSel, stringMap(s.data.metadata && (s.data.metadata as JsonObject).labels)),
        )
      )
        continue;
      yield {
        object: m,
        path: ['spec', 'selector'],
        message: `${label(m)} selects no Service ${inSet(ctx)}${names.length ? ` (namespaces ${list(names)})` : any ? '' : ' (same namespace)'}${outside(ctx, 'the Service')}`,
      };
    }
  },
};

// ---------- ingress-tls ----------

function isIngress(obj: K8sObject): boolean {
  return isKind(obj, 'Ingress', ['networking.k8s.io', 'extensions']);
}

/** Cloud load balancer controllers that terminate TLS with certificates named in annotations. */
const TLS_ANNOTATIONS = new Set([
  'networking.gke.io/managed-certificates',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'alb.ingress.kubernetes.io/certificate-arn',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
  'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
]);

export const ingressTls: Rule = {
  meta: {
    id: 'ingress-tls',
    kinds: ['Ingress'],
    title: 'Ingress without TLS',
    severity: 'medium',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'An Ingress without a `tls` section serves its hosts over plain HTTP: credentials, cookies and data cross the network unencrypted and can be read or altered in transit.',
    remediation:
      'Add a `tls` section naming the hosts and a Secret holding the certificate (cert-manager can issue and renew it). Certificates attached by cloud load balancer annotations (GKE managed certificates, AWS certificate-arn, ...) count as TLS.',
    example: 'spec:\n  tls:\n  - hosts: [shop.example.com]\n    secretName: shop-tls',
    references: [`${ING_DOC}#tls`],
  },
  *check(obj) {
    if (!isIngress(obj)) return;
    if (arr(specOf(obj).tls).length) return;
    const ann = stringMap(isObj(obj.data.metadata) ? obj.data.metadata.annotations : undefined);
    if (Object.keys(ann).some((k) => TLS_ANNOTATIONS.has(k))) return;
    yield { path: ['spec', 'tls'], message: `${label(obj)} has no tls section: its hosts are served over plain HTTP` };
  },
};

// ---------- ingress-nginx-snippet ----------

const SNIPPET = /^(?:nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet|nginx\.org\/(?:server|location)-snippets)$/;

export const ingressNginxSnippet: Rule = {
  meta: {
    id: 'ingress-nginx-snippet',
    kinds: ['ConfigMap', 'Ingress'],
    title: 'ingress-nginx snippet annotation',
    severity: 'high',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'Snippet annotations inject raw NGINX configuration into the shared controller. Whoever can create an Ingress can read the controller service account token and every Secret in the cluster with them (CVE-2021-25742, CVE-2023-5044, CVE-2025-1974 family).',
    remediation:
      'Replace configuration-snippet, server-snippet, auth-snippet and similar annotations with the dedicated annotations of ingress-nginx, and keep `allow-snippet-annotations: "false"` in the controller ConfigMap.',
    example:
      'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m   # dedicated annotation instead of a snippet',
    references: [
      'https://github.com/kubernetes/ingress-nginx/issues/7837',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/',
    ],
  },
  *check(obj) {
    if (isKind(obj, 'ConfigMap', '') && isObj(obj.data.data)) {
      // the controller ConfigMap: snippet annotations allowed for every Ingress author
      const v = obj.data.data['allow-snippet-annotations'];
      if (boolOf(v) === true)
        yield {
          path: ['data', 'allow-snippet-annotations'],
          message: 'ingress-nginx controller ConfigMap allows snippet annotations on every Ingress',
        };
      return;
    }
    if (!isIngress(obj)) return;
    const ann = obj.data.metadata && (obj.data.metadata as JsonObject).annotations;
    if (!isObj(ann)) return;
    for (const k of Object.keys(ann)) {
      if (!SNIPPET.test(k)) continue;
      yield {
        path: ['metadata', 'annotations', k],
        message: `annotation ${k} injects raw NGINX configuration into the ingress controller`,
      };
    }
  },
};

// ---------- ingress-dangling ----------

interface Backend {
  path: FieldPath;
  service: string;
  port: unknown;
  portPath: FieldPath;
}

function backendsOf(obj: K8sObject): Backend[] {
  const spec = specOf(obj);
  const out: Backend[] = [];
  const add = (b: unknown, path: FieldPath) => {
    if (!isObj(b)) return;
    if (isObj(b.service) && typeof b.service.name === 'string') {
      const port = isObj(b.service.port) ? (b.service.port.number ?? b.service.port.name) : undefined;
      const key = isObj(b.service.port) ? (b.service.port.number !== undefined ? 'number' : 'name') : undefined;
      out.push({
        path: [...path, 'service', 'name'],
        service: b.service.name,
        port,
        portPath: key ? [...path, 'service', 'port', key] : [...path, 'service'],
      });
    } else if (typeof b.serviceName === 'string') {
      out.push({
        path: [...path, 'serviceName'],
        service: b.serviceName,
        port: b.servicePort,
        portPath: [...path, 'servicePort'],
      });
    }
  };
  add(spec.defaultBackend, ['spec', 'defaultBackend']);
  add(spec.backend, ['spec', 'backend']);
  arr(spec.rules).forEach((r, i) => {
    if (!isObj(r) || !isObj(r.http)) return;
    arr(r.http.paths).forEach((p, j) => {
      if (isObj(p)) add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
    });
  });
  return out;
}

function servicePortMatches(svc: K8sObject, port: unknown): boolean {
  if (port === undefined || port === null || port === '') return true;
  for (const p of arr(specOf(svc).ports)) {
    if (!isObj(p)) continue;
    if (typeof port === 'number' && Number(p.port) === port) return true;
    if (typeof port === 'string' && (p.name === port || String(p.port) === port)) return true;
  }
  return false;
}

export const ingressDangling: Rule = {
  meta: {
    id: 'ingress-dangling',
    title: 'Ingress backend Service or port missing',
    severity: 'low',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'An Ingress path whose backend Service (or port) does not exist returns 503 errors; often the Service was renamed or its port name changed.',
    remediation:
      'Point the backend at an existing Service in the same namespace and at one of its port numbers or names.',
    example:
      'backend:\n  service:\n    name: web      # a Service in the namespace\n    port:\n      name: http   # one of its ports',
    references: [ING_DOC],
  },
  *checkAll(ctx) {
    const svcs = services(ctx);
    if (!svcs.length) return;
    const inv = inventory(ctx);
    for (const ing of [...inv.byKind('Ingress')].filter(isIngress)) {
      for (const b of backendsOf(ing)) {
        // AWS Load Balancer Controller actions: the "service" is an annotation-defined action
        if (b.port === 'use-annotation') continue;
        const found = inv.find('Service', b.service, ing.ref.namespace).filter((s) => groupOf(s.ref.apiVersion) === '');
        if (!found.length) {
          yield {
            object: ing,
            path: b.path,
            message: `backend Service "${b.service}" is not ${inSet(ctx)}${outside(ctx, 'it')}`,
          };
        } else if (!found.some((s) => servicePortMatches(s, b.port))) {
          yield {
            object: ing,
            path: b.portPath,
            message: `backend Service "${b.service}" has no port ${JSON.stringify(b.port)}`,
          };
        }
      }
    }
  },
};

// ---------- invalid-target-port ----------

/** Why a port name is not a valid IANA_SVC_NAME, or undefined when it is. */
export function ianaSvcNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may contain only lowercase letters, digits and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with "-"';
  if (name.includes('--')) return 'must not contain "--"';
  return undefined;
}

export const invalidTargetPort: Rule = {
  meta: {
    id: 'invalid-target-port',
    title: 'Invalid or unknown port name',
    severity: 'low',
    enabledByDefault: true,
    category: 'network',
    rationale:
      'A named targetPort must be one of the selected pods’ container port names, and port names must be valid IANA service names (at most 15 lowercase letters, digits and dashes, with a letter). Otherwise the Service has no working endpoints, or the manifest is rejected.',
    remediation:
      'Name container ports with valid IANA service names and refer to one of them (or to a port number) in the Service targetPort. A quoted number such as "8080" is read as a name: write it unquoted.',
    example:
      'containers:\n- name: web\n  ports:\n  - name: http\n    containerPort: 8080\n---\nkind: Service\nspec:\n  ports:\n  - port: 80\n    targetPort: http',
    references: [`${SVC_DOC}#field-spec-ports`, 'https://www.rfc-editor.org/rfc/rfc6335#section-5.1'],
  },
  *checkAll(ctx) {
    const inv = inventory(ctx);
    const out: InventoryViolation[] = [];
    // container port names
    for (const w of inv.workloads) {
      for (const t of [w.template])
        for (const c of containersOf(t)) {
          arr(c.container.ports).forEach((p, i) => {
            if (!isObj(p) || typeof p.name !== 'string') return;
            const why = ianaSvcNameProblem(p.name);
            if (why)
              out.push({
                object: w.obj,
                path: [...c.path, 'ports', i, 'name'],
                message: `port name "${p.name}" of container "${c.name}" ${why}`,
              });
          });
        }
    }
    // Service targetPorts
    for (const s of services(ctx)) {
      const spec = specOf(s);
      const selected = serviceTargets(ctx, s);
      arr(spec.ports).forEach((p, i) => {
        if (!isObj(p) || typeof p.targetPort !== 'string') return;
        const name = p.targetPort;
        const path = ['spec', 'ports', i, 'targetPort'];
        if (/^\d+$/.test(name)) {
          out.push({
            object: s,
            path,
            message: `targetPort "${name}" is a quoted number, which Kubernetes reads as a port name; write it unquoted`,
          });
          return;
        }
        const why = ianaSvcNameProblem(name);
        if (why) {
          out.push({ object: s, path, message: `targetPort name "${name}" ${why}` });
          return;
        }
        if (!selected.length) return;
        const names = new Set<string>();
        for (const w of selected)
          for (const c of containersOf(w.template)) {
            if (c.type !== 'container') continue;
            for (const cp of arr(c.container.ports)) if (isObj(cp) && typeof cp.name === 'string') names.add(cp.name);
          }
        if (names.has(name)) return;
        out.push({
          object: s,
          path,
          message: `targetPort "${name}" is not a container port name of the selected pods (${list(selected.map((w) => label(w.obj)))})${names.size ? `; names: ${list([...names].sort())}` : ''}`,
        });
      });
    }
    yield* out;
  },
};

export const rules: Rule[] = [
  networkPolicyMissing,
  namespaceDefaultDeny,
  networkPolicyAllowAll,
  networkPolicyCrossNamespace,
  networkPolicyDangling,
  serviceExposed,
  serviceExternalIps,
  serviceDangling,
  serviceMonitorDangling,
  ingressTls,
  ingressNginxSnippet,
  ingressDangling,
  invalidTargetPort,
];
