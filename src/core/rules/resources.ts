/** Resources: requests, limits, bounds and ephemeral storage of containers. */

import type { K8sObject } from '../manifests/types.ts';
import { inventory } from './inventory.ts';
import { allContainers, get, isObj, type ContainerInfo, type PodTemplate } from './podspec.ts';
import type { Rule, RuleContext, RuleMeta } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const RES_DOC = 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/';

// ---------------------------------------------------------------------------------------------
// Quantities

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/**
 * A Kubernetes resource quantity as a number of base units (cores, bytes): `100m` -> 0.1,
 * `1Gi` -> 1073741824, `1e3` -> 1000, `2` -> 2. Undefined when it does not parse.
 */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  return n * SUFFIX[m[2] ?? ''];
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Containers that resource rules look at: init and regular (ephemeral ones cannot set resources). */
function resourceContainers(obj: K8sObject): ContainerInfo[] {
  return allContainers(obj).filter((c) => c.type !== 'ephemeralContainer');
}

function quantityAt(c: ContainerInfo, kind: 'requests' | 'limits', res: string): unknown {
  return get(c.container, ['resources', kind, res]);
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** Pod-level resources (spec.resources, Kubernetes 1.32+) covering every container. */
function podLevel(t: PodTemplate, kind: 'requests' | 'limits', res: string): boolean {
  return isSet(get(t.spec, ['resources', kind, res]));
}

/** Does a LimitRange in the workload's (explicit) namespace default this resource for containers? */
function limitRangeDefault(ctx: RuleContext, obj: K8sObject, kind: 'requests' | 'limits', res: string): boolean {
  const ns = obj.ref.namespace;
  if (!ns) return false;
  const byNs = ctx.memo('resources:limitranges', () => {
    const m = new Map<string, { requests: Set<string>; limits: Set<string> }>();
    for (const lr of inventory(ctx).byKind('LimitRange')) {
      const n = lr.ref.namespace;
      if (!n) continue;
      let e = m.get(n);
      if (!e) m.set(n, (e = { requests: new Set(), limits: new Set() }));
      const limits = get(lr.data, ['spec', 'limits']);
      if (!Array.isArray(limits)) continue;
      for (const l of limits) {
        if (!isObj(l) || (l.type !== undefined && l.type !== 'Container')) continue;
        // defaultRequest falls back to default (and to max) for requests
        for (const k of Object.keys(isObj(l.defaultRequest) ? l.defaultRequest : {})) e.requests.add(k);
        for (const src of [l.default, l.max]) {
          for (const k of Object.keys(isObj(src) ? src : {})) {
            e.limits.add(k);
            e.requests.add(k);
          }
        }
      }
    }
    return m;
  });
  return byNs.get(ns)?.[kind].has(res) ?? false;
}

const RES_LABEL: Record<string, string> = { cpu: 'CPU', memory: 'memory', 'ephemeral-storage': 'ephemeral-storage' };

function missingResourceRule(
  id: string,
  kind: 'requests' | 'limits',
  res: 'cpu' | 'memory',
  severity: RuleMeta['severity'],
  rationale: string,
  cis?: string,
): Rule {
  const label = RES_LABEL[res];
  return {
    meta: {
      id,
      title: `${label[0].toUpperCase()}${label.slice(1)} ${kind === 'requests' ? 'request' : 'limit'} missing`,
      severity,
      enabledByDefault: true,
      category: 'resources',
      kinds: [POD_TEMPLATE_KINDS],
      rationale,
      remediation: `Set \`resources.${kind}.${res}\` on every container (init containers included), or a pod-level \`spec.resources.${kind}.${res}\`, or a LimitRange default in the namespace.`,
      example:
        'containers:\n- name: web\n  image: nginx:1.27.3\n  resources:\n    requests: { cpu: 100m, memory: 128Mi }\n    limits: { cpu: 500m, memory: 128Mi }',
      references: [RES_DOC, 'https://kubernetes.io/docs/concepts/policy/limit-range/'],
      ...(cis ? { cis } : {}),
    },
    *check(obj, ctx) {
      const cs = resourceContainers(obj);
      if (!cs.length) return;
      if (limitRangeDefault(ctx, obj, kind, res)) return;
      for (const c of cs) {
        if (podLevel(c.template, kind, res)) continue;
        if (isSet(quantityAt(c, kind, res))) continue;
        // Kubernetes defaults a missing request to the limit.
        if (kind === 'requests' && isSet(quantityAt(c, 'limits', res))) continue;
        yield {
          path: [...c.path, 'resources', kind, res],
          message: `${c.type} "${c.name}" has no ${label} ${kind === 'requests' ? 'request' : 'limit'}`,
        };
      }
    },
  };
}

export const cpuRequests = missingResourceRule(
  'cpu-requests',
  'requests',
  'cpu',
  'medium',
  'Without a CPU request the scheduler places the pod as if it needed nothing: nodes get overcommitted and the pod is the first to be starved under contention (BestEffort QoS).',
);
export const memoryRequests = missingResourceRule(
  'memory-requests',
  'requests',
  'memory',
  'medium',
  'Without a memory request the scheduler cannot place the pod sensibly and the pod is among the first evicted under memory pressure.',
);
export const cpuLimits = missingResourceRule(
  'cpu-limits',
  'limits',
  'cpu',
  'low',
  'Without a CPU limit one container can consume all spare CPU of the node, slowing its neighbours; a runaway or compromised process (crypto-mining) goes unchecked.',
);
export const memoryLimits = missingResourceRule(
  'memory-limits',
  'limits',
  'memory',
  'medium',
  'Without a memory limit a leaking or compromised container can exhaust node memory, triggering OOM kills of other workloads and node instability (denial of service).',
);

type Bounds = { min?: unknown; max?: unknown };

export const resourceBounds: Rule = {
  meta: {
    id: 'resource-bounds',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Resource request or limit outside configured bounds',
    severity: 'medium',
    enabledByDefault: false,
    category: 'resources',
    rationale:
      'Requests and limits far outside what your platform expects (a 64-core request, a 1Mi memory limit) are usually typos that waste capacity or make the pod fail.',
    remediation:
      'Bring the value within the configured bounds, or change the bounds. Quantities use Kubernetes notation (100m, 1.5, 512Mi, 2Gi, 1e3).',
    example:
      '# .kubeward.yaml\nrules:\n  resource-bounds:\n    requests: { cpu: { min: 10m, max: "4" }, memory: { min: 16Mi, max: 8Gi } }\n    limits: { memory: { max: 16Gi } }',
    references: [RES_DOC],
    options: {
      requests: {
        type: 'object',
        description: 'Bounds for requests: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).',
        default: {},
      },
      limits: {
        type: 'object',
        description: 'Bounds for limits: `{cpu: {min, max}, memory: {min, max}}` (Kubernetes quantities).',
        default: {},
      },
    },
  },
  *check(obj, ctx) {
    const cs = resourceContainers(obj);
    if (!cs.length) return;
    for (const kind of ['requests', 'limits'] as const) {
      const conf = ctx.options[kind];
      if (!isObj(conf)) continue;
      for (const res of ['cpu', 'memory']) {
        const b = conf[res] as Bounds | undefined;
        if (!isObj(b)) continue;
        const min = parseQuantity(b.min);
        const max = parseQuantity(b.max);
        for (const c of cs) {
          const raw = quantityAt(c, kind, res);
          if (!isSet(raw)) continue;
          const q = parseQuantity(raw);
          const path = [...c.path, 'resources', kind, res];
          if (q === undefined) {
            yield { path, message: `${c.type} "${c.name}" ${res} ${kind} "${String(raw)}" is not a valid quantity` };
          } else if (min !== undefined && q < min) {
            yield {
              path,
              message: `${c.type} "${c.name}" ${res} ${kind} ${String(raw)} is below the minimum ${String(b.min)}`,
            };
          } else if (max !== undefined && q > max) {
            yield {
              path,
              message: `${c.type} "${c.name}" ${res} ${kind} ${String(raw)} is above the maximum ${String(b.max)}`,
            };
          }
        }
      }
    }
  },
};

export const ephemeralStorage: Rule = {
  meta: {
    id: 'ephemeral-storage',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Ephemeral-storage request or limit missing',
    severity: 'low',
    enabledByDefault: false,
    category: 'resources',
    rationale:
      'Containers write logs, caches and emptyDir data to the node disk. Without an ephemeral-storage limit one pod can fill the node disk and get every pod on it evicted.',
    remediation:
      'Set `resources.requests.ephemeral-storage` and `resources.limits.ephemeral-storage` on every container.',
    example: 'resources:\n  requests: { ephemeral-storage: 1Gi }\n  limits: { ephemeral-storage: 2Gi }',
    references: [`${RES_DOC}#local-ephemeral-storage`],
  },
  *check(obj, ctx) {
    for (const kind of ['requests', 'limits'] as const) {
      if (limitRangeDefault(ctx, obj, kind, 'ephemeral-storage')) continue;
      for (const c of resourceContainers(obj)) {
        if (podLevel(c.template, kind, 'ephemeral-storage') || isSet(quantityAt(c, kind, 'ephemeral-storage')))
          continue;
        if (kind === 'requests' && isSet(quantityAt(c, 'limits', 'ephemeral-storage'))) continue;
        yield {
          path: [...c.path, 'resources', kind, 'ephemeral-storage'],
          message: `${c.type} "${c.name}" has no ephemeral-storage ${kind === 'requests' ? 'request' : 'limit'}`,
        };
      }
    }
  },
};

export const requestsEqualLimits: Rule = {
  meta: {
    id: 'requests-equal-limits',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Requests differ from limits (not Guaranteed QoS)',
    severity: 'low',
    enabledByDefault: false,
    category: 'resources',
    rationale:
      'Pods whose requests equal their limits for CPU and memory get the Guaranteed QoS class: they are evicted last and their performance does not depend on neighbours.',
    remediation:
      'Set CPU and memory limits equal to the requests (or set only limits: Kubernetes copies them to requests).',
    example: 'resources:\n  requests: { cpu: 500m, memory: 256Mi }\n  limits: { cpu: 500m, memory: 256Mi }',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#guaranteed'],
  },
  *check(obj) {
    for (const c of resourceContainers(obj)) {
      for (const res of ['cpu', 'memory']) {
        const lim = quantityAt(c, 'limits', res);
        const req = quantityAt(c, 'requests', res);
        if (!isSet(lim)) {
          yield {
            path: [...c.path, 'resources', 'limits', res],
            message: `${c.type} "${c.name}" has no ${res} limit, so it cannot be Guaranteed QoS`,
          };
          continue;
        }
        if (!isSet(req)) continue;
        const a = parseQuantity(req);
        const b = parseQuantity(lim);
        if (a !== undefined && b !== undefined && Math.abs(a - b) > Math.abs(b) * 1e-9) {
          yield {
            path: [...c.path, 'resources', 'requests', res],
            message: `${c.type} "${c.name}" ${res} request ${String(req)} differs from its limit ${String(lim)}`,
          };
        }
      }
    }
  },
};

export const rules: Rule[] = [
  cpuRequests,
  memoryRequests,
  cpuLimits,
  memoryLimits,
  resourceBounds,
  ephemeralStorage,
  requestsEqualLimits,
];
