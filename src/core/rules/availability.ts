/**
 * Availability: replicas, anti-affinity, PodDisruptionBudgets, HPAs, selectors, strategies, Jobs
 * and CronJobs, StatefulSet services.
 */
import type { FieldPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import { isPodSpecFragment } from './crd-templates.ts';
import {
  describe,
  inventory,
  isEmptySelector,
  labelsOf,
  matchesSelector,
  possiblyMultiReplica,
  replicaRange,
  REPLICATED_KINDS,
  type Hpa,
  type Workload,
} from './inventory.ts';
import { get, isObj, numOf, podTemplates, type PodTemplate } from './podspec.ts';
import type { Rule, RuleContext } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const PDB_DOC = 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/';
const HPA_DOC = 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/';

// ---------------------------------------------------------------------------------------------
// Availability

export const replicasMinimum: Rule = {
  meta: {
    id: 'replicas-minimum',
    title: 'Too few replicas',
    severity: 'medium',
    enabledByDefault: false,
    category: 'availability',
    rationale:
      "A single replica means downtime on every node drain, rollout hiccup or crash. With an HPA, the HPA's minReplicas is what counts.",
    remediation: "Run at least `min` replicas (option, default 2): raise `spec.replicas`, or the HPA's `minReplicas`.",
    example: 'spec:\n  replicas: 3',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/'],
    options: { min: { type: 'number', description: 'Minimum number of replicas.', default: 2 } },
  },
  *checkAll(ctx) {
    const min = numOf(ctx.options.min) ?? 2;
    const inv = inventory(ctx);
    // an HPA's minReplicas is judged on its own, also when its target is not in the set
    const targetOf = new Map<Hpa, Workload>(); // the first workload an HPA scales
    for (const w of inv.workloads) for (const h of w.hpas) if (!targetOf.has(h)) targetOf.set(h, w);
    for (const h of inv.hpas) {
      if (h.min >= min) continue;
      const target = targetOf.get(h);
      const explicit = get(h.obj.data, ['spec', 'minReplicas']) !== undefined;
      yield {
        object: h.obj,
        path: ['spec', 'minReplicas'],
        message: `HPA minReplicas ${h.min}${explicit ? '' : ' (unset)'} for ${target ? describe(target.obj) : `${h.targetKind} ${h.targetName}`} is below the minimum of ${min}`,
      };
    }
    for (const w of inv.workloads) {
      if (!REPLICATED_KINDS.has(w.kind) || w.hpas.length) continue;
      const r = replicaRange(w);
      if (r.min < min) {
        yield {
          object: w.obj,
          path: ['spec', 'replicas'],
          message: `${w.kind} runs ${r.min} replica${r.min === 1 ? '' : 's'}${w.replicas === undefined ? ' (replicas unset)' : ''}, below the minimum of ${min}`,
        };
      }
    }
  },
};

/** Does an anti-affinity term apply to the workload's own pods (selector and namespaces)? */
function termSelectsOwn(term: unknown, own: Record<string, string>, ns: string | undefined): boolean {
  if (!isObj(term) || !matchesSelector(term.labelSelector, own)) return false;
  const names = Array.isArray(term.namespaces) ? term.namespaces.map(String) : [];
  // no namespaces and no namespaceSelector: the pod's own namespace; an empty selector: all
  if (isObj(term.namespaceSelector)) return true;
  return (
    names.length === 0 || (ns !== undefined && names.includes(ns)) || (ns === undefined && names.includes('default'))
  );
}

/** Spreading that counts: an anti-affinity term or topology spread over the workload's own pods. */
function hasSpread(t: PodTemplate, ns: string | undefined): boolean {
  const own = labelsOf(t.metadata.labels);
  const aa = get(t.spec, ['affinity', 'podAntiAffinity']);
  if (isObj(aa)) {
    const req = Array.isArray(aa.requiredDuringSchedulingIgnoredDuringExecution)
      ? aa.requiredDuringSchedulingIgnoredDuringExecution
      : [];
    const pref = Array.isArray(aa.preferredDuringSchedulingIgnoredDuringExecution)
      ? aa.preferredDuringSchedulingIgnoredDuringExecution.map((p) => (isObj(p) ? p.podAffinityTerm : undefined))
      : [];
    if ([...req, ...pref].some((term) => termSelectsOwn(term, own, ns))) return true;
  }
  const tsc = t.spec.topologySpreadConstraints;
  return Array.isArray(tsc) && tsc.some((c) => isObj(c) && matchesSelector(c.labelSelector, own));
}

function replicaText(w: Workload): string {
  const r = replicaRange(w);
  if (r.hpa) return `scaled by HPA "${r.hpa.obj.ref.name}" up to ${r.max} replicas`;
  return r.max === Infinity ? 'with replicas unset (possibly scaled)' : `with ${r.max} replicas`;
}

export const antiAffinity: Rule = {
  meta: {
    id: 'anti-affinity',
    title: 'Multi-replica workload without anti-affinity or topology spread',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'Without pod anti-affinity or topology spread constraints the scheduler may put every replica on the same node or zone: one failure takes them all down.',
    remediation:
      "Add `topologySpreadConstraints` over `kubernetes.io/hostname` (and `topology.kubernetes.io/zone`), or a preferred `podAntiAffinity` on the pod's own labels.",
    example:
      'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: { app: web }',
    references: [
      'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity',
    ],
  },
  *checkAll(ctx) {
    for (const w of inventory(ctx).workloads) {
      if (!possiblyMultiReplica(w) || hasSpread(w.template, w.obj.ref.namespace)) continue;
      yield {
        object: w.obj,
        path: [...w.template.specPath, 'affinity'],
        message: `${w.kind} ${replicaText(w)} has no pod anti-affinity or topology spread constraints`,
      };
    }
  },
};

/** PDBs with the workloads they select (memoised). */
function pdbIndex(ctx: RuleContext): { pdb: K8sObject; workloads: readonly Workload[] }[] {
  return ctx.memo('resources:pdbs', () => {
    const inv = inventory(ctx);
    return inv.byKind('PodDisruptionBudget').map((pdb) => {
      const sel = get(pdb.data, ['spec', 'selector']);
      return { pdb, workloads: isObj(sel) ? inv.workloadsSelectedBy(sel, pdb.ref.namespace) : [] };
    });
  });
}

export const pdbMissing: Rule = {
  meta: {
    id: 'pdb-missing',
    title: 'Multi-replica workload without a PodDisruptionBudget',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once: the service goes down although it runs several pods.',
    remediation:
      'Add a PodDisruptionBudget selecting the pods, with `maxUnavailable: 1` (or a minAvailable below the replica count).',
    example:
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: { app: web }',
    references: [PDB_DOC],
  },
  *checkAll(ctx) {
    const covered = new Set<Workload>();
    for (const e of pdbIndex(ctx)) for (const w of e.workloads) covered.add(w);
    for (const w of inventory(ctx).workloads) {
      if (!possiblyMultiReplica(w) || covered.has(w)) continue;
      yield {
        object: w.obj,
        path: [...w.template.metaPath, 'labels'],
        message: `${w.kind} ${replicaText(w)} is selected by no PodDisruptionBudget in the scanned set (it may be outside the scanned set)`,
      };
    }
  },
};

function pct(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}

export const pdbBlocksEviction: Rule = {
  meta: {
    id: 'pdb-blocks-eviction',
    title: 'PodDisruptionBudget always blocks eviction',
    severity: 'medium',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'A PDB with `maxUnavailable: 0`, or a `minAvailable` at or above the number of replicas (with an HPA: its minReplicas), never allows a voluntary eviction: node drains and cluster upgrades hang until someone deletes the PDB.',
    remediation: 'Use `maxUnavailable: 1` (or a percentage), or a `minAvailable` below the smallest replica count.',
    example: 'spec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: { app: web }',
    references: [PDB_DOC, 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/'],
  },
  *checkAll(ctx) {
    for (const { pdb, workloads } of pdbIndex(ctx)) {
      const spec = pdb.data.spec;
      if (!isObj(spec)) continue;
      const mu = spec.maxUnavailable;
      if (mu !== undefined && mu !== null) {
        if (numOf(mu) === 0 || pct(mu) === 0)
          yield {
            object: pdb,
            path: ['spec', 'maxUnavailable'],
            message: `maxUnavailable ${String(mu)} never allows an eviction`,
          };
        continue;
      }
      const ma = spec.minAvailable;
      if (ma === undefined || ma === null) continue;
      const p = pct(ma);
      if (p !== undefined && p >= 100) {
        yield {
          object: pdb,
          path: ['spec', 'minAvailable'],
          message: `minAvailable ${String(ma)} never allows an eviction`,
        };
        continue;
      }
      if (!workloads.length) continue;
      // DaemonSets, Jobs and CRDs without a known replica count: cannot judge.
      if (workloads.some((w) => w.kind !== 'Pod' && !REPLICATED_KINDS.has(w.kind))) continue;
      let total = 0;
      const parts: string[] = [];
      for (const w of workloads) {
        const r = replicaRange(w);
        total += r.min;
        parts.push(
          `${describe(w.obj)}: ${r.hpa ? `HPA minReplicas ${r.min}` : w.replicas === undefined && w.kind !== 'Pod' ? 'replicas unset (1)' : `${r.min} replica${r.min === 1 ? '' : 's'}`}`,
        );
      }
      const n = numOf(ma);
      const required = n !== undefined ? n : p !== undefined ? Math.ceil((p * total) / 100) : undefined;
      if (required === undefined || required < total) continue;
      yield {
        object: pdb,
        path: ['spec', 'minAvailable'],
        message: `minAvailable ${String(ma)} leaves no pod evictable at ${total} selected pod${total === 1 ? '' : 's'} (${parts.join('; ')})`,
      };
    }
  },
};

export const pdbPolicy: Rule = {
  meta: {
    id: 'pdb-policy',
    kinds: ['PodDisruptionBudget'],
    title: 'PodDisruptionBudget without a budget or unhealthy-pod eviction policy',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'A PDB needs `minAvailable` or `maxUnavailable` to mean anything. Without `unhealthyPodEvictionPolicy: AlwaysAllow`, pods that are running but not ready count against the budget, so a broken rollout can block node drains.',
    remediation: 'Set `maxUnavailable` (or `minAvailable`) and `unhealthyPodEvictionPolicy: AlwaysAllow`.',
    example:
      'spec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels: { app: web }',
    references: [`${PDB_DOC}#unhealthy-pod-eviction-policy`],
  },
  *check(obj) {
    if (obj.ref.kind !== 'PodDisruptionBudget') return;
    const spec = isObj(obj.data.spec) ? obj.data.spec : {};
    const has = (k: string) => spec[k] !== undefined && spec[k] !== null;
    if (!has('minAvailable') && !has('maxUnavailable'))
      yield {
        path: ['spec', 'maxUnavailable'],
        message: 'PodDisruptionBudget sets neither minAvailable nor maxUnavailable',
      };
    if (!has('unhealthyPodEvictionPolicy'))
      yield {
        path: ['spec', 'unhealthyPodEvictionPolicy'],
        message: 'PodDisruptionBudget has no unhealthyPodEvictionPolicy: unready pods can block evictions',
        fix: {
          description: 'set unhealthyPodEvictionPolicy: AlwaysAllow',
          set: [{ path: ['spec', 'unhealthyPodEvictionPolicy'], value: 'AlwaysAllow' }],
        },
      };
  },
};

export const hpaDangling: Rule = {
  meta: {
    id: 'hpa-dangling',
    title: 'HPA target not in the set',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'An HorizontalPodAutoscaler whose scaleTargetRef names no existing workload scales nothing: usually a rename that was not carried over.',
    remediation: 'Point `spec.scaleTargetRef` (kind, name, apiVersion) at the workload, or delete the HPA.',
    example: 'scaleTargetRef:\n  apiVersion: apps/v1\n  kind: Deployment\n  name: web',
    references: [HPA_DOC],
  },
  *checkAll(ctx) {
    const inv = inventory(ctx);
    for (const h of inv.byKind('HorizontalPodAutoscaler')) {
      const t = get(h.data, ['spec', 'scaleTargetRef']);
      if (!isObj(t) || typeof t.kind !== 'string' || typeof t.name !== 'string') {
        yield {
          object: h,
          path: ['spec', 'scaleTargetRef'],
          message: 'HPA has no valid scaleTargetRef (kind and name)',
        };
        continue;
      }
      if (inv.find(t.kind, t.name, h.ref.namespace).length) continue;
      yield {
        object: h,
        path: ['spec', 'scaleTargetRef', 'name'],
        message: `HPA target ${t.kind} "${t.name}" is not in the scanned set (it may be outside the scanned set)`,
      };
    }
  },
};

export const hpaReplicasConflict: Rule = {
  meta: {
    id: 'hpa-replicas-conflict',
    title: 'HPA target also sets replicas',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'When a workload scaled by an HPA also sets `spec.replicas`, every `kubectl apply` or GitOps sync resets the replica count to the manifest value, scaling the workload down under load until the HPA reacts.',
    remediation: 'Remove `spec.replicas` from workloads an HPA scales (Kubernetes keeps the current count).',
    example: 'spec:\n  # no replicas: the HPA owns the count\n  selector:\n    matchLabels: { app: web }',
    references: [`${HPA_DOC}#migrating-deployments-and-statefulsets-to-horizontal-autoscaling`],
  },
  *checkAll(ctx) {
    for (const w of inventory(ctx).workloads) {
      if (!w.hpas.length || get(w.obj.data, ['spec', 'replicas']) === undefined) continue;
      yield {
        object: w.obj,
        path: ['spec', 'replicas'],
        message: `${w.kind} sets replicas while HPA "${w.hpas[0].obj.ref.name}" scales it: every apply resets the replica count`,
        fix: { description: 'remove spec.replicas', remove: [['spec', 'replicas']] },
      };
    }
  },
};

const SELECTOR_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Rollout',
  'ReplicationController',
  'DeploymentConfig',
  'Job',
]);

export const selectorMismatch: Rule = {
  meta: {
    id: 'selector-mismatch',
    kinds: [...SELECTOR_KINDS],
    title: 'Selector does not match the pod template labels',
    severity: 'high',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'A workload whose selector does not match its own pod template labels is rejected by the API server, or (for older APIs and CRDs) never finds its pods: the rollout fails.',
    remediation: 'Make `spec.selector` match labels that `spec.template.metadata.labels` carries.',
    example:
      'spec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector'],
  },
  *check(obj) {
    if (!SELECTOR_KINDS.has(obj.ref.kind)) return;
    const t = podTemplates(obj)[0];
    if (!t) return;
    const sel = get(obj.data, ['spec', 'selector']);
    if (sel === undefined || sel === null) return;
    if (obj.ref.kind === 'Job' && get(obj.data, ['spec', 'manualSelector']) !== true) return;
    const labels = labelsOf(t.metadata.labels);
    if (isEmptySelector(sel)) {
      yield { path: ['spec', 'selector'], message: `${obj.ref.kind} has an empty selector` };
      return;
    }
    if (!isObj(sel) || !matchesSelector(sel, labels)) {
      yield {
        path: ['spec', 'selector'],
        message: `${obj.ref.kind} selector does not match its pod template labels (${
          Object.entries(labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || 'none'
        })`,
      };
    }
  },
};

export const jobTtl: Rule = {
  meta: {
    id: 'job-ttl',
    kinds: ['Job'],
    title: 'Job without ttlSecondsAfterFinished',
    severity: 'low',
    enabledByDefault: false,
    category: 'availability',
    rationale:
      'Finished Jobs and their pods stay in the cluster forever unless cleaned up, filling etcd and cluttering the namespace.',
    remediation: 'Set `spec.ttlSecondsAfterFinished` (CronJobs clean up through their history limits instead).',
    example: 'spec:\n  ttlSecondsAfterFinished: 3600',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/'],
  },
  *check(obj) {
    if (obj.ref.kind !== 'Job') return;
    if (get(obj.data, ['spec', 'ttlSecondsAfterFinished']) !== undefined) return;
    yield {
      path: ['spec', 'ttlSecondsAfterFinished'],
      message: 'Job has no ttlSecondsAfterFinished: it stays after finishing',
    };
  },
};

export const nakedPod: Rule = {
  meta: {
    id: 'naked-pod',
    kinds: ['Pod'],
    title: 'Pod without a controller',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale: 'A bare Pod is not rescheduled when its node fails or is drained, and cannot be rolled out or scaled.',
    remediation: 'Run it through a Deployment, StatefulSet, DaemonSet or Job.',
    example: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [...]',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
    ],
  },
  *check(obj) {
    if (obj.ref.kind !== 'Pod' || obj.ref.apiVersion !== 'v1') return;
    const owners = get(obj.data, ['metadata', 'ownerReferences']);
    if (Array.isArray(owners) && owners.length) return;
    yield {
      path: ['kind'],
      message: 'Pod is not managed by a controller: it is not rescheduled when its node goes away',
    };
  },
};

export const rolloutStrategy: Rule = {
  meta: {
    id: 'rollout-strategy',
    title: 'Deployment strategy allows full unavailability',
    severity: 'low',
    enabledByDefault: false,
    category: 'availability',
    rationale:
      'The Recreate strategy, or a RollingUpdate whose maxUnavailable covers every replica, takes all pods down during each rollout.',
    remediation: 'Use `RollingUpdate` with a `maxUnavailable` below the replica count (e.g. 25% or 1).',
    example: 'strategy:\n  type: RollingUpdate\n  rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy'],
  },
  *checkAll(ctx) {
    for (const w of inventory(ctx).workloads) {
      if (w.kind !== 'Deployment') continue;
      const s = get(w.obj.data, ['spec', 'strategy']);
      if (!isObj(s)) continue;
      if (s.type === 'Recreate') {
        yield {
          object: w.obj,
          path: ['spec', 'strategy', 'type'],
          message: 'Deployment uses the Recreate strategy: every rollout stops all pods first',
        };
        continue;
      }
      const ru = s.rollingUpdate;
      if (!isObj(ru)) continue;
      const mu = ru.maxUnavailable;
      const replicas = replicaRange(w).min;
      const n = numOf(mu);
      const p = pct(mu);
      if ((n !== undefined && n >= replicas && replicas > 0) || (p !== undefined && p >= 100)) {
        yield {
          object: w.obj,
          path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
          message: `maxUnavailable ${String(mu)} allows all ${replicas} replica${replicas === 1 ? '' : 's'} to be down during a rollout`,
        };
      }
    }
  },
};

export const priorityClass: Rule = {
  meta: {
    id: 'priority-class',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'priorityClassName missing or not allowed',
    severity: 'low',
    enabledByDefault: false,
    category: 'availability',
    rationale:
      'Without a priority class every pod has the same priority: under resource pressure the scheduler may preempt critical workloads for unimportant ones.',
    remediation: 'Set `priorityClassName` to one of your PriorityClasses (option `allowed`, when configured).',
    example: 'spec:\n  template:\n    spec:\n      priorityClassName: business-critical',
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/'],
    options: {
      allowed: {
        type: 'string[]',
        description: 'Allowed priority class names; any name is accepted while empty.',
        default: [],
      },
    },
  },
  *check(obj, ctx) {
    if (isPodSpecFragment(obj)) return;
    const allowed = Array.isArray(ctx.options.allowed)
      ? ctx.options.allowed.filter((x): x is string => typeof x === 'string')
      : [];
    for (const t of podTemplates(obj)) {
      const pc = t.spec.priorityClassName;
      if (typeof pc !== 'string' || pc === '') {
        yield { path: [...t.specPath, 'priorityClassName'], message: 'pod has no priorityClassName' };
      } else if (allowed.length && !allowed.includes(pc)) {
        yield {
          path: [...t.specPath, 'priorityClassName'],
          message: `priorityClassName "${pc}" is not one of the allowed classes (${allowed.join(', ')})`,
        };
      }
    }
  },
};

const WHEN_UNSATISFIABLE = new Set(['DoNotSchedule', 'ScheduleAnyway']);

export const topologySpreadInvalid: Rule = {
  meta: {
    id: 'topology-spread-invalid',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Invalid topology spread constraint',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      "A topologySpreadConstraint whose labelSelector matches none of the pods (typically not even the workload's own) counts nothing and spreads nothing; a malformed one is rejected by the API server.",
    remediation:
      "Give every constraint `maxSkew` ≥ 1, a `topologyKey`, `whenUnsatisfiable` (DoNotSchedule or ScheduleAnyway) and a `labelSelector` matching the pod's own labels.",
    example:
      'topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: ScheduleAnyway\n  labelSelector:\n    matchLabels: { app: web }',
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/'],
  },
  *check(obj, ctx) {
    for (const t of podTemplates(obj)) {
      const list = t.spec.topologySpreadConstraints;
      if (!Array.isArray(list)) continue;
      const own = labelsOf(t.metadata.labels);
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        const base: FieldPath = [...t.specPath, 'topologySpreadConstraints', i];
        if (!isObj(c)) {
          yield { path: base, message: 'topology spread constraint is not an object' };
          continue;
        }
        const skew = numOf(c.maxSkew);
        if (skew === undefined || skew < 1)
          yield { path: [...base, 'maxSkew'], message: 'topology spread constraint needs maxSkew ≥ 1' };
        if (typeof c.topologyKey !== 'string' || c.topologyKey === '')
          yield { path: [...base, 'topologyKey'], message: 'topology spread constraint has no topologyKey' };
        if (typeof c.whenUnsatisfiable !== 'string' || !WHEN_UNSATISFIABLE.has(c.whenUnsatisfiable))
          yield {
            path: [...base, 'whenUnsatisfiable'],
            message: 'whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway',
          };
        // as the API validates: minDomains ≥ 1, and only with whenUnsatisfiable: DoNotSchedule
        if (c.minDomains !== undefined && c.minDomains !== null) {
          const md = numOf(c.minDomains);
          if (md === undefined || md < 1)
            yield { path: [...base, 'minDomains'], message: 'minDomains must be at least 1' };
          else if (c.whenUnsatisfiable !== 'DoNotSchedule')
            yield {
              path: [...base, 'minDomains'],
              message: 'minDomains is only allowed with whenUnsatisfiable: DoNotSchedule',
            };
        }
        const sel = c.labelSelector;
        if (!isObj(sel)) {
          yield {
            path: [...base, 'labelSelector'],
            message: 'topology spread constraint has no labelSelector: it counts no pods',
          };
          continue;
        }
        if (matchesSelector(sel, own)) continue;
        // matchLabelKeys adds the pod's own values for these keys: judge on the selector alone
        if (inventory(ctx).workloadsSelectedBy(sel, obj.ref.namespace).length) continue;
        yield {
          path: [...base, 'labelSelector'],
          message:
            'topology spread labelSelector matches neither this pod template nor any workload in the scanned set',
        };
      }
    }
  },
};

export const cronjobConfig: Rule = {
  meta: {
    id: 'cronjob-config',
    kinds: ['CronJob'],
    title: 'CronJob misconfigured',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'Without `startingDeadlineSeconds`, a CronJob controller that missed more than 100 schedules (after downtime) stops scheduling the job altogether; a Job pod template must use restartPolicy OnFailure or Never (Always, and unset, are rejected).',
    remediation:
      'Set `spec.startingDeadlineSeconds` and `spec.jobTemplate.spec.template.spec.restartPolicy: OnFailure` (or Never).',
    example:
      'spec:\n  schedule: "*/15 * * * *"\n  startingDeadlineSeconds: 300\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation'],
  },
  *check(obj) {
    if (obj.ref.kind !== 'CronJob') return;
    if (numOf(get(obj.data, ['spec', 'startingDeadlineSeconds'])) === undefined)
      yield { path: ['spec', 'startingDeadlineSeconds'], message: 'CronJob has no startingDeadlineSeconds' };
    const rpPath = ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy'];
    const rp = get(obj.data, rpPath);
    if (rp !== 'OnFailure' && rp !== 'Never')
      yield {
        path: rpPath,
        message:
          rp === undefined
            ? 'CronJob pod template has no restartPolicy (defaults to Always, which Jobs reject): use OnFailure or Never'
            : `CronJob pod template restartPolicy "${String(rp)}" is invalid for Jobs: use OnFailure or Never`,
      };
  },
};

export const statefulsetServiceName: Rule = {
  meta: {
    id: 'statefulset-service-name',
    title: 'StatefulSet serviceName is not a headless Service',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      "A StatefulSet's pods get stable DNS names only through the headless Service named in `serviceName` that selects them; without it peers cannot find each other.",
    remediation: 'Set `spec.serviceName` to a Service with `clusterIP: None` whose selector matches the pod labels.',
    example:
      'apiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec:\n  clusterIP: None\n  selector: { app: db }\n  ports: [{ port: 5432 }]',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id'],
  },
  *checkAll(ctx) {
    const inv = inventory(ctx);
    for (const w of inv.workloads) {
      if (w.kind !== 'StatefulSet') continue;
      const sn = get(w.obj.data, ['spec', 'serviceName']);
      if (typeof sn !== 'string' || sn === '') {
        yield { object: w.obj, path: ['spec', 'serviceName'], message: 'StatefulSet has no serviceName' };
        continue;
      }
      const svcs = inv.find('Service', sn, w.namespace).filter((s) => s.ref.apiVersion === 'v1');
      if (!svcs.length) {
        yield {
          object: w.obj,
          path: ['spec', 'serviceName'],
          message: `Service "${sn}" is not in the scanned set (it may be outside the scanned set)`,
        };
        continue;
      }
      const headless = svcs.filter((s) => get(s.data, ['spec', 'clusterIP']) === 'None');
      if (!headless.length) {
        yield {
          object: w.obj,
          path: ['spec', 'serviceName'],
          message: `Service "${sn}" is not headless (clusterIP: None)`,
        };
        continue;
      }
      if (!headless.some((s) => matchesSelector(get(s.data, ['spec', 'selector']), w.podLabels))) {
        yield {
          object: w.obj,
          path: ['spec', 'serviceName'],
          message: `headless Service "${sn}" does not select this StatefulSet's pods`,
        };
      }
    }
  },
};

export const rules: Rule[] = [
  replicasMinimum,
  antiAffinity,
  pdbMissing,
  pdbBlocksEviction,
  pdbPolicy,
  hpaDangling,
  hpaReplicasConflict,
  selectorMismatch,
  jobTtl,
  nakedPod,
  rolloutStrategy,
  priorityClass,
  topologySpreadInvalid,
  cronjobConfig,
  statefulsetServiceName,
];
