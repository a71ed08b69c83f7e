/**
 * Rollout status with `kubectl rollout status` semantics, plus the failures kubectl keeps
 * waiting through: pods of the new revision crashing or unable to pull, and ReplicaSets whose
 * pods the API refuses to create (Pod Security Admission, webhooks, quotas).
 */
import type { Json, LiveStore } from './inventory.ts';
import { pushAll } from '../arrays.ts';

export type RolloutState = 'done' | 'waiting' | 'failed' | 'timeout';

export interface PodProblem {
  pod: string;
  namespace: string;
  container: string;
  reason: string;
  message?: string;
  lastTermination?: string;
  exitCode?: string;
  restarts: number;
  events: string[];
  /** Index of the container in spec.containers / spec.initContainers. */
  containerIndex: number;
  initContainer: boolean;
}

export interface RolloutResult {
  kind: string;
  namespace: string;
  name: string;
  state: RolloutState;
  message: string;
  problems: PodProblem[];
  /** ReplicaFailure / FailedCreate reasons. */
  createFailures: { reason: string; message: string }[];
  events: string[];
}

/** Reasons that mean a container will not start without a change: fail at once. */
export const FATAL_WAITING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RunContainerError',
]);

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? +v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const md = (o: Json) => obj(o.metadata);
const spec = (o: Json) => obj(o.spec);
const status = (o: Json) => obj(o.status);
const uid = (o: Json) => str(md(o).uid);

function conditions(o: Json): Json[] {
  const c = status(o).conditions;
  return Array.isArray(c) ? c.map(obj) : [];
}

/** Warning events about one object, newest first, as "Reason: message". */
export function warningEventsFor(store: LiveStore, kind: string, namespace: string, name: string): string[] {
  const out: { t: string; s: string }[] = [];
  for (const e of store.all('Event')) {
    const io = obj(e.involvedObject ?? e.regarding);
    if (str(e.type) !== 'Warning' || io.kind !== kind || io.name !== name) continue;
    if (str(io.namespace ?? md(e).namespace) !== namespace) continue;
    const t = str(e.lastTimestamp) || str(e.eventTime) || str(md(e).creationTimestamp);
    out.push({ t, s: `${str(e.reason)}: ${str(e.message ?? e.note)}`.slice(0, 300) });
  }
  out.sort((a, b) => b.t.localeCompare(a.t));
  return [...new Set(out.map((x) => x.s))].slice(0, 5);
}

/** Container problems of one pod that will not heal by waiting. */
export function podProblems(store: LiveStore | undefined, pod: Json, restartThreshold = Infinity): PodProblem[] {
  const out: PodProblem[] = [];
  const st = status(pod);
  const ns = str(md(pod).namespace);
  const name = str(md(pod).name);
  let events: string[] | undefined;
  const lists: [unknown, boolean][] = [
    [st.initContainerStatuses, true],
    [st.containerStatuses, false],
  ];
  for (const [list, init] of lists) {
    if (!Array.isArray(list)) continue;
    const specList = spec(pod)[init ? 'initContainers' : 'containers'];
    for (const cs0 of list) {
      // fast path without allocations for the usual healthy container
      const raw = cs0 as {
        state?: { waiting?: { reason?: string } };
        lastState?: { terminated?: unknown };
        restartCount?: number;
      };
      if (!raw?.state?.waiting && !raw?.lastState?.terminated && !((raw?.restartCount ?? 0) >= restartThreshold)) {
        const t = (raw?.state as { terminated?: { reason?: string } } | undefined)?.terminated;
        if (!t || t.reason !== 'OOMKilled') continue;
      }
      const cs = obj(cs0);
      const waiting = obj(obj(cs.state).waiting);
      const terminated = obj(obj(cs.state).terminated);
      const last = obj(obj(cs.lastState).terminated);
      const restarts = num(cs.restartCount);
      let reason = '';
      let message = str(waiting.message);
      if (FATAL_WAITING.has(str(waiting.reason))) reason = str(waiting.reason);
      else if (str(terminated.reason) === 'OOMKilled' || str(last.reason) === 'OOMKilled') reason = 'OOMKilled';
      else if (restarts >= restartThreshold) {
        reason = 'HighRestartCount';
        message = `${restarts} restarts`;
      }
      if (!reason) continue;
      // OOMKilled while also backing off: name both
      if (reason === 'CrashLoopBackOff' && str(last.reason) === 'OOMKilled') reason = 'CrashLoopBackOff (OOMKilled)';
      const term = Object.keys(last).length ? last : terminated;
      const container = str(cs.name);
      const idx = Array.isArray(specList) ? specList.findIndex((c) => obj(c).name === container) : -1;
      events ??= store ? warningEventsFor(store, 'Pod', ns, name) : [];
      out.push({
        pod: name,
        namespace: ns,
        container,
        reason,
        ...(message ? { message: message.slice(0, 500) } : {}),
        ...(Object.keys(term).length
          ? {
              lastTermination: (str(term.message) || str(term.reason) || '').slice(0, 500),
              exitCode: term.exitCode === undefined ? undefined : String(term.exitCode),
            }
          : {}),
        restarts,
        events,
        containerIndex: Math.max(0, idx),
        initContainer: init,
      });
    }
  }
  return out;
}

function newReplicaSet(store: LiveStore, d: Json): Json | undefined {
  const rev = str(obj(md(d).annotations)['deployment.kubernetes.io/revision']);
  let best: Json | undefined;
  let bestRev = -1;
  for (const rs of store.ownedBy('ReplicaSet', uid(d))) {
    if (md(rs).namespace !== md(d).namespace) continue;
    const r = str(obj(md(rs).annotations)['deployment.kubernetes.io/revision']);
    if (rev && r === rev) return rs;
    if (num(r) > bestRev) {
      bestRev = num(r);
      best = rs;
    }
  }
  return best;
}

function podsOwnedBy(store: LiveStore, owner: Json, filter?: (p: Json) => boolean): Json[] {
  const ns = md(owner).namespace;
  return store.ownedBy('Pod', uid(owner)).filter((p) => md(p).namespace === ns && (!filter || filter(p)));
}

function label(o: Json, k: string): string {
  return str(obj(md(o).labels)[k]);
}

/** kubectl's status for one workload, then the fail-fast diagnosis. */
export function rolloutStatus(store: LiveStore, kind: string, o: Json): RolloutResult {
  const res: RolloutResult = {
    kind,
    namespace: str(md(o).namespace),
    name: str(md(o).name),
    state: 'waiting',
    message: '',
    problems: [],
    createFailures: [],
    events: [],
  };
  const gen = num(md(o).generation);
  const s = status(o);
  const observed = num(s.observedGeneration);
  const sp = spec(o);
  const replicas = sp.replicas === undefined ? undefined : num(sp.replicas);
  let newPods: Json[] = [];

  if (kind === 'Deployment') {
    const rs = newReplicaSet(store, o);
    if (rs) {
      newPods = podsOwnedBy(store, rs);
      for (const c of conditions(rs)) {
        if (c.type === 'ReplicaFailure' && c.status === 'True') {
          res.createFailures.push({ reason: str(c.reason) || 'FailedCreate', message: str(c.message) });
        }
      }
    }
    if (gen > observed) res.message = 'waiting for the deployment spec update to be observed';
    else if (conditions(o).some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
      res.state = 'failed';
      res.message = `deployment "${res.name}" exceeded its progress deadline`;
    } else if (replicas !== undefined && num(s.updatedReplicas) < replicas) {
      res.message = `${num(s.updatedReplicas)} out of ${replicas} new replicas have been updated`;
    } else if (num(s.replicas) > num(s.updatedReplicas)) {
      res.message = `${num(s.replicas) - num(s.updatedReplicas)} old replicas are pending termination`;
    } else if (num(s.availableReplicas) < num(s.updatedReplicas)) {
      res.message = `${num(s.availableReplicas)} of ${num(s.updatedReplicas)} updated replicas are available`;
    } else {
      res.state = 'done';
      res.message = `deployment "${res.name}" successfully rolled out`;
    }
  } else if (kind === 'StatefulSet') {
    const update = str(s.updateRevision);
    newPods = podsOwnedBy(store, o, (p) => !update || label(p, 'controller-revision-hash') === update);
    const strategy = obj(sp.updateStrategy);
    if (strategy.type && strategy.type !== 'RollingUpdate') {
      res.state = 'done';
      res.message = `statefulset "${res.name}" uses ${str(strategy.type)}: rollout status is not tracked`;
    } else if (observed === 0 || gen > observed) res.message = 'waiting for statefulset spec update to be observed';
    else if (replicas !== undefined && num(s.readyReplicas) < replicas) {
      res.message = `${replicas - num(s.readyReplicas)} pods of ${replicas} are not ready`;
    } else {
      const ru = obj(strategy.rollingUpdate);
      if (ru.partition !== undefined && replicas !== undefined) {
        const want = replicas - num(ru.partition);
        if (num(s.updatedReplicas) < want) {
          res.message = `${num(s.updatedReplicas)} of ${want} pods updated (partition ${num(ru.partition)})`;
        } else {
          res.state = 'done';
          res.message = `partitioned roll out complete: ${num(s.updatedReplicas)} new pods have been updated`;
        }
      } else if (update && update !== str(s.currentRevision)) {
        res.message = `waiting for statefulset rolling update to complete ${num(s.updatedReplicas)} pods at revision ${update}`;
      } else {
        res.state = 'done';
        res.message = `statefulset rolling update complete ${num(s.currentReplicas ?? s.readyReplicas)} pods at revision ${str(s.currentRevision)}`;
      }
    }
  } else if (kind === 'DaemonSet') {
    newPods = podsOwnedBy(
      store,
      o,
      (p) => !label(p, 'pod-template-generation') || label(p, 'pod-template-generation') === String(gen),
    );
    const strategy = obj(sp.updateStrategy);
    const desired = num(s.desiredNumberScheduled);
    if (strategy.type && strategy.type !== 'RollingUpdate') {
      res.state = 'done';
      res.message = `daemonset "${res.name}" uses ${str(strategy.type)}: rollout status is not tracked`;
    } else if (gen > observed) res.message = 'waiting for daemon set spec update to be observed';
    else if (num(s.updatedNumberScheduled) < desired) {
      res.message = `${num(s.updatedNumberScheduled)} out of ${desired} new pods have been updated`;
    } else if (num(s.numberAvailable) < desired) {
      res.message = `${num(s.numberAvailable)} of ${desired} updated pods are available`;
    } else {
      res.state = 'done';
      res.message = `daemon set "${res.name}" successfully rolled out`;
    }
  } else if (kind === 'Rollout') {
    // Argo Rollouts: status.phase summarises the controller's view
    const phase = str(s.phase);
    const rs = store
      .ownedBy('ReplicaSet', uid(o))
      .find(
        (r) => md(r).namespace === res.namespace && label(r, 'rollouts-pod-template-hash') === str(s.currentPodHash),
      );
    if (rs) newPods = podsOwnedBy(store, rs);
    if (phase === 'Healthy') {
      res.state = 'done';
      res.message = `rollout "${res.name}" is healthy`;
    } else if (phase === 'Degraded') {
      res.state = 'failed';
      res.message = `rollout "${res.name}" is degraded: ${str(s.message)}`;
    } else res.message = `rollout "${res.name}" is ${phase || 'progressing'}${s.message ? `: ${str(s.message)}` : ''}`;
  } else {
    res.state = 'done';
    res.message = `${kind} has no rollout status`;
  }

  if (res.state !== 'done') {
    for (const p of newPods) pushAll(res.problems, podProblems(store, p));
    if (kind !== 'Deployment' && kind !== 'Rollout') {
      for (const ev of warningEventsFor(store, kind, res.namespace, res.name)) {
        if (/^FailedCreate\b/.test(ev)) res.createFailures.push({ reason: 'FailedCreate', message: ev.slice(14) });
      }
    }
    res.events = warningEventsFor(store, kind, res.namespace, res.name);
    if (res.problems.length) {
      const p = res.problems[0];
      res.state = 'failed';
      res.message = `pod ${p.pod} container ${p.container}: ${p.reason}${p.message ? ` (${p.message})` : ''}`;
    } else if (res.createFailures.length) {
      const f = res.createFailures[0];
      res.state = 'failed';
      res.message = `pods cannot be created: ${f.reason}: ${f.message}`;
    }
  }
  return res;
}
