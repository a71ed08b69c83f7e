/**
 * `verify(options)`: post-deploy verification of one or more live clusters. Reads the inventory
 * (LIST per kind and namespace), waits for the rollouts of what was just deployed (watch +
 * timeout, failing fast on crashing or refused pods), runs the whole catalog on the live objects
 * and the admitted pods plus the live-only rules, and maps findings back to the manifests.
 */
import { countBySeverity, type Finding, type InputError, type Report, type Severity } from './model.ts';
import { evaluate, sortFindings, type EngineOptions } from './engine.ts';
import { loadManifests } from './manifests/load.ts';
import type { K8sObject, LoadProblem } from './manifests/types.ts';
import { catalog } from './rules/index.ts';
import { DEFAULT_DEPLOYERS } from './rules/live.ts';
import { attributeOrigins, groupPodFindings, liveInventory, manifestKey } from './live/inventory.ts';
import { VERSION } from './version.ts';
import {
  ClusterClient,
  ClusterError,
  loadKube,
  loadKubeConfig,
  selectContexts,
  type ConnectionOptions,
  type RetryOptions,
} from './cluster/client.ts';
import { readInventory, watchStore, type LiveStore } from './cluster/inventory.ts';
import { rolloutStatus, type RolloutResult } from './cluster/rollout.ts';
import { runDeadline } from './cluster/deadline.ts';
import { verifyOutcome } from './outcome.ts';
import { pushAll } from './arrays.ts';

export interface VerifyOptions extends ConnectionOptions, Omit<EngineOptions, 'mode'> {
  /** Namespaces to verify; default: the namespaces of the manifests, else all namespaces. */
  namespaces?: string[];
  /** Manifests (files, directories, globs) naming what was just deployed. */
  manifests?: string[];
  /**
   * Files, directories or globs of admission policies (VAP + bindings, Kyverno policies, their
   * params) that judge the live objects besides the cluster's own policies; not verified themselves.
   */
  policyPaths?: string[];
  cwd?: string;
  /** How long to wait for rollouts, in ms. Default 300000 (5m). */
  timeoutMs?: number;
  /** Image name (repository) or container name -> expected digest (`sha256:...`). */
  expectImages?: Record<string, string>;
  /** Run the Secret checks (secret-unused, secret-readers): needs `list secrets`. Default false. */
  secrets?: boolean;
  /** Field managers that count as the deployer for out-of-band edit detection. */
  deployers?: string[];
  failOn?: Severity | 'none';
  retry?: RetryOptions;
  /** Requests in flight per cluster. Default 8. */
  concurrency?: number;
  pageSize?: number;
  signal?: AbortSignal;
  /** Called with each phase's duration (benchmarks, debugging). */
  onTiming?: (phase: string, ms: number) => void;
  /** Called once per context with the requests made to it (list pages, watches, retries). */
  onRequests?: (context: string, stats: { requests: number; retries: number }) => void;
}

/** A problem with the options themselves (exit code 2). */
export class VerifyUsageError extends Error {}

export const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);
const WATCH_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod', 'Event', 'Rollout'];
/** kubectl-style durations: 90s, 5m, 1m30s, 1h, 250ms, or a bare number of seconds. */
export function parseDuration(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600000 : m[2] === 'm' ? n * 60000 : m[2] === 's' ? n * 1000 : n;
    matched = re.lastIndex;
  }
  if (!t || matched !== t.length) return undefined;
  return Math.round(total);
}

/** Exit code for a verify report: the core's one verdict (core/outcome.ts). */
export function verifyExitCode(report: Report, failOn: Severity | 'none' = report.failOn): number {
  return verifyOutcome(report, { failOn }).exitCode;
}

export async function verify(options: VerifyOptions): Promise<Report> {
  const started = performance.now();
  let opts: VerifyOptions & { deadline?: number } = options;
  const failOn = opts.failOn ?? 'high';
  const errors: InputError[] = [];
  let manifests: K8sObject[] = [];
  let problems: LoadProblem[] = [];
  let files = 0;
  // start loading the Kubernetes client while the manifests are read
  const kube = loadKube().catch(() => undefined);
  if (opts.manifests?.length) {
    const inv = await loadManifests({ paths: opts.manifests, cwd: opts.cwd });
    manifests = inv.objects;
    problems = inv.problems;
    files = inv.files.length;
    pushAll(errors, inv.errors);
    if (!manifests.length) {
      // never fall back to verifying everything when what was deployed cannot be read
      const why = [...inv.errors, ...inv.problems].map((e) => `${e.file}: ${e.message}`).join('; ');
      throw new VerifyUsageError(`--manifests: no Kubernetes objects found${why ? ` (${why})` : ''}`);
    }
  }
  if (opts.policyPaths?.length) {
    const pol = await loadManifests({ paths: opts.policyPaths, cwd: opts.cwd });
    pushAll(errors, pol.errors);
    pushAll(problems, pol.problems);
    opts = { ...opts, policies: [...(opts.policies ?? []), ...pol.objects] };
  }
  let kc;
  let contexts: string[];
  await kube;
  // --timeout bounds the whole run from here (every request, retry, watch and rollout wait), not
  // only the rollout wait; loading the client and reading the manifests are local work before it
  const { signal, deadline } = runDeadline(options.timeoutMs ?? 300000, options.signal);
  opts = { ...opts, signal, deadline };
  const tick = timer(opts);
  try {
    kc = await loadKubeConfig(opts);
    contexts = selectContexts(kc, opts);
    tick('kubeconfig');
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'config') throw new VerifyUsageError(e.message);
    throw e;
  }

  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const notVerified: { check: string; reason: string }[] = [];
  let objects = 0;
  for (const context of contexts) {
    const defaultNs = kc.getContextObject(context)?.namespace || 'default';
    try {
      const client = await ClusterClient.create(kc, context, opts.retry);
      let r: StoreEvaluation;
      try {
        r = await verifyContext(client, defaultNs, manifests, opts);
      } finally {
        await client.close();
        opts.onRequests?.(context, { ...client.stats });
      }
      pushAll(findings, r.findings);
      pushAll(suppressed, r.suppressed);
      pushAll(errors, r.errors);
      pushAll(notVerified, r.notVerified);
      objects += r.objects;
    } catch (e) {
      if (!(e instanceof ClusterError)) throw e;
      const reason = `${contexts.length > 1 ? `${context}: ` : ''}${e.message}`;
      notVerified.push({ check: 'cluster', reason: `cluster not verified: ${reason}` });
      errors.push({ file: `context ${context}`, message: e.message });
    }
  }
  if (problems.length) {
    const res = evaluate([], problems, { ...opts, mode: 'live' });
    for (const f of res.findings) findings.push(f);
    for (const e of res.errors) errors.push(e);
  }
  sortFindings(findings);
  sortFindings(suppressed);
  return {
    tool: { name: 'kubeward', version: VERSION },
    findings,
    suppressed,
    counts: countBySeverity(findings),
    filesScanned: files,
    objectsScanned: objects,
    skipped: [],
    errors,
    notVerified,
    failOn,
    durationMs: Math.round(performance.now() - started),
  };
}

function timer(opts: VerifyOptions): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    opts.onTiming?.(phase, Math.round(now - last));
    last = now;
  };
}

function isNamespaced(kind: string): boolean {
  return (
    ![
      'Namespace',
      'ClusterRole',
      'ClusterRoleBinding',
      'CustomResourceDefinition',
      'PersistentVolume',
      'StorageClass',
      'PriorityClass',
      'Node',
    ].includes(kind) && !kind.endsWith('WebhookConfiguration')
  );
}

async function verifyContext(
  client: ClusterClient,
  defaultNs: string,
  manifests: K8sObject[],
  opts: VerifyOptions,
): Promise<StoreEvaluation> {
  const mNs = (m: K8sObject) => (isNamespaced(m.ref.kind) ? (m.ref.namespace ?? defaultNs) : undefined);
  let namespaces = opts.namespaces?.length ? [...new Set(opts.namespaces)] : undefined;
  if (!namespaces && manifests.length) {
    const set = new Set<string>();
    for (const m of manifests) {
      const ns = mNs(m);
      if (ns) set.add(ns);
      if (m.ref.kind === 'Namespace') set.add(m.ref.name);
    }
    namespaces = [...set].sort();
  }
  const tick = timer(opts);
  const store = await readInventory(client, {
    namespaces,
    secrets: opts.secrets,
    concurrency: opts.concurrency,
    pageSize: opts.pageSize,
    signal: opts.signal,
  });
  tick('inventory');

  // --- rollouts -------------------------------------------------------------------------------
  const targets = manifests
    .filter((m) => ROLLOUT_KINDS.has(m.ref.kind) && m.ref.name)
    .map((m) => ({ kind: m.ref.kind, ns: mNs(m) ?? defaultNs, name: m.ref.name }));
  const rolloutByKey = targets.length
    ? await awaitRollouts(client, store, targets, namespaces, opts)
    : snapshotRollouts(store);
  tick('rollouts');

  return evaluateStore(store, manifests, {
    ...opts,
    namespaceOf: mNs,
    namespaced: namespaces !== undefined,
    rollouts: rolloutByKey,
    tick,
  });
}

export interface StoreEvaluationOptions extends Omit<VerifyOptions, 'namespaces' | 'manifests'> {
  /** Namespace a manifest object lands in; default its own. */
  namespaceOf?: (m: K8sObject) => string | undefined;
  /** True when the store holds some namespaces only (cluster-scoped RBAC is then not evaluated). */
  namespaced?: boolean;
  /** Rollout results by `Kind/namespace/name`; default: the failed rollouts in the store now. */
  rollouts?: ReadonlyMap<string, RolloutResult>;
  tick?: (phase: string) => void;
}

export interface StoreEvaluation {
  findings: Finding[];
  suppressed: Finding[];
  errors: InputError[];
  notVerified: { check: string; reason: string }[];
  objects: number;
}

/**
 * Runs the catalog and the live-only rules on an inventory already read (and possibly kept
 * current by watches): the evaluation half of verify, shared with `kubeward monitor`'s rounds.
 */
export function evaluateStore(
  store: LiveStore,
  manifests: K8sObject[],
  opts: StoreEvaluationOptions = {},
): StoreEvaluation {
  const tick = opts.tick ?? (() => undefined);
  const rolloutByKey = opts.rollouts ?? snapshotRollouts(store);
  const context = store.context;
  const inv = liveInventory(store, context, manifests, {
    namespaceOf: opts.namespaceOf ?? ((m) => m.ref.namespace),
    namespaced: opts.namespaced ?? false,
    rollouts: rolloutByKey,
    expectImages: opts.expectImages,
    deployers: opts.deployers ?? DEFAULT_DEPLOYERS,
    secrets: opts.secrets,
  });
  const { objects, catalogObjects } = inv;
  tick('index');
  const all = opts.rules ?? catalog;
  const live = inv.context;
  // the cluster's own admission policies judge alongside the ones given (--policies)
  const policies = [...(opts.policies ?? []), ...inv.policyObjects];
  const liveRes = evaluate(objects, [], {
    ...opts,
    rules: all.filter((r) => r.meta.liveOnly && !r.meta.everyLiveObject),
    mode: 'live',
    live,
  });
  tick('live rules');
  // admission policies: every live object is a request of its own (each pod, not one per spec)
  const perObject = all.filter((r) => r.meta.everyLiveObject);
  const polRes = perObject.length
    ? evaluate(objects, [], { ...opts, rules: perObject, mode: 'live', live, policies })
    : { findings: [], suppressed: [], errors: [] };
  tick('admission policies');
  const res = evaluate(catalogObjects, [], {
    ...opts,
    rules: all.filter((r) => !r.meta.liveOnly && !r.meta.everyLiveObject),
    mode: 'live',
    live,
    policies,
  });
  tick(`catalog (${catalogObjects.length} objects)`);
  const findings = [
    ...liveRes.findings,
    ...groupPodFindings(polRes.findings, inv),
    ...attributeOrigins(res.findings, inv),
  ];
  tick('attribute');
  return {
    findings,
    suppressed: [...liveRes.suppressed, ...polRes.suppressed, ...res.suppressed],
    errors: [...liveRes.errors, ...polRes.errors, ...res.errors],
    notVerified: store.notVerified.map((n) => ({
      check: n.check,
      reason: `not verified${context ? ` on ${context}` : ''}: ${n.reason}`,
    })),
    objects: objects.length,
  };
}

/** Without manifests: the rollout state of every workload now, without waiting. */
function snapshotRollouts(store: LiveStore): Map<string, RolloutResult> {
  const out = new Map<string, RolloutResult>();
  for (const kind of ROLLOUT_KINDS) {
    for (const o of store.all(kind)) {
      const r = rolloutStatus(store, kind, o);
      if (r.state === 'failed') out.set(manifestKey(kind, r.namespace, r.name), r);
    }
  }
  return out;
}

async function awaitRollouts(
  client: ClusterClient,
  store: LiveStore,
  targets: { kind: string; ns: string; name: string }[],
  namespaces: string[] | undefined,
  opts: VerifyOptions,
): Promise<Map<string, RolloutResult>> {
  const timeoutMs = opts.timeoutMs ?? 300000;
  const deadline = (opts as { deadline?: number }).deadline ?? Date.now() + timeoutMs;
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let watching: Promise<void> | undefined;
  const results = new Map<string, RolloutResult>();
  const watchNs = namespaces ?? [...new Set(targets.map((t) => t.ns))];
  try {
    for (let round = 0; round < 1_000_000; round++) {
      let pending = 0;
      for (const t of targets) {
        const key = manifestKey(t.kind, t.ns, t.name);
        const o = store.get(t.kind, t.ns, t.name);
        const r: RolloutResult = o
          ? rolloutStatus(store, t.kind, o)
          : {
              kind: t.kind,
              namespace: t.ns,
              name: t.name,
              state: 'waiting',
              message: `${t.kind} ${t.ns}/${t.name} not found in the cluster`,
              problems: [],
              createFailures: [],
              events: [],
            };
        results.set(key, r);
        if (r.state === 'waiting') pending++;
      }
      if (!pending) break;
      const left = deadline - Date.now();
      if (left <= 0 || (ac.signal.aborted && Date.now() >= deadline - 50)) {
        for (const r of results.values()) {
          if (r.state !== 'waiting') continue;
          r.state = 'timeout';
          r.message = `timed out after ${Math.round(timeoutMs / 1000)}s: ${r.message}`;
        }
        break;
      }
      if (ac.signal.aborted) break;
      watching ??= watchStore(client, store, WATCH_KINDS, watchNs, ac.signal).catch(() => undefined);
      await store.nextChange(Math.min(left, 2000));
      // let a burst of watch events land before re-evaluating
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    ac.abort();
    opts.signal?.removeEventListener('abort', onAbort);
    if (watching) await watching;
  }
  return results;
}
