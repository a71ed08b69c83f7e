/**
 * Continuous verification of one cluster: the inventory is listed once, then kept current by
 * watches (each round costs the API server O(changes), not a re-list); each round evaluates the
 * store with verify's evaluation (`evaluateStore`: the same catalog and live rules) and says what
 * changed since the last round: new and resolved findings, incidents (new findings at or above a
 * threshold), out-of-band edits with their field manager (drift), new readers of Secrets, and
 * rollouts that failed. A round where no watched object changed reuses the last evaluation.
 * Never prints, never exits.
 */
import { atLeast, countBySeverity, type Finding, type Report, type Severity } from '../model.ts';
import { sortFindings } from '../engine.ts';
import { loadManifests } from '../manifests/load.ts';
import type { K8sObject } from '../manifests/types.ts';
import { DEFAULT_DEPLOYERS } from '../rules/live.ts';
import { VERSION } from '../version.ts';
import {
  ClusterClient,
  ClusterError,
  loadKubeConfig,
  selectContexts,
  type ConnectionOptions,
  type RetryOptions,
} from '../cluster/client.ts';
import { readInventory, watchStore, type Json, type LiveStore } from '../cluster/inventory.ts';
import { publishPolicyReports, type PublishResult } from '../cluster/reports.ts';
import type { PolicyReportFlavor, PolicyReportObject } from '../report/policyreport.ts';
import { evaluateStore, VerifyUsageError, type StoreEvaluationOptions } from '../verify.ts';

/** Objects labelled with it are protected: drift on them is flagged for alerting. */
export const PROTECTED_LABEL = 'kubeward.io/protected';

/** Kinds whose out-of-band spec edits are drift events (their managedFields are kept by the inventory). */
const DRIFT_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Rollout'];

export interface MonitorOptions
  extends ConnectionOptions, Omit<StoreEvaluationOptions, 'rollouts' | 'tick' | 'namespaceOf' | 'namespaced'> {
  /** Namespaces to watch; default all. */
  namespaces?: string[];
  /** The desired state (manifests from git): enables drift against the manifests. */
  manifests?: string[];
  cwd?: string;
  /** New findings at or above it are incidents. Default high. */
  incidentThreshold?: Severity;
  retry?: RetryOptions;
  /**
   * The cluster's name in metrics, reports and notifications; default the kubeconfig context
   * (in a pod that is client-node's `inClusterContext`, the same in every cluster of a fleet).
   */
  clusterName?: string;
  /** Watch the store between rounds (default true); false re-lists every round (tests, CronJob). */
  watch?: boolean;
}

export interface DriftEvent {
  kind: string;
  namespace: string;
  name: string;
  manager: string;
  operation: string;
  time: string;
  protected: boolean;
}

export interface ApiError {
  kind: string;
  /** HTTP status, or the error kind when there was no response (unreachable, timeout). */
  status: string;
}

export interface RoundResult {
  round: number;
  cluster: string;
  /** The whole state after this round, like `verify`'s report. */
  report: Report;
  /** Findings not present in the previous round (all of them in the first round). */
  newFindings: Finding[];
  resolvedFindings: Finding[];
  /**
   * New findings at or above the incident threshold, and Secrets with a new reader (none in the
   * first round: it is the baseline).
   */
  incidents: Finding[];
  drift: DriftEvent[];
  /**
   * `secret-readers` findings with a reader that was not there in the previous round: new
   * findings, and Secrets that already had readers and gained one (these are incidents too).
   */
  newSecretReaders: Finding[];
  /** New `rollout-failed` findings. */
  failedRollouts: Finding[];
  /** Watch events applied since the previous round. */
  changes: number;
  /** True when nothing changed and the previous evaluation was reused. */
  reused: boolean;
  objectsWatched: Record<string, number>;
  apiErrors: ApiError[];
  durationMs: number;
  finishedAt: number;
}

function statusOf(e: unknown): string {
  if (e instanceof ClusterError) return e.status ? String(e.status) : e.kind;
  return 'error';
}

export class ClusterMonitor {
  readonly cluster: string;
  private client: ClusterClient;
  private store: LiveStore;
  private opts: MonitorOptions;
  private manifests: K8sObject[];
  private ac = new AbortController();
  private watching?: Promise<void>;
  private roundNo = 0;
  private lastGeneration = -1;
  private last?: { report: Report; byFp: Map<string, Finding> };
  private managed = new Map<string, Set<string>>();
  private apiErrors: ApiError[] = [];

  private constructor(client: ClusterClient, store: LiveStore, opts: MonitorOptions, manifests: K8sObject[]) {
    this.client = client;
    this.store = store;
    this.opts = opts;
    this.manifests = manifests;
    this.cluster = opts.clusterName || client.context;
  }

  /** Connects, lists the inventory and starts the watches. Throws ClusterError or VerifyUsageError. */
  static async start(opts: MonitorOptions): Promise<ClusterMonitor> {
    let manifests: K8sObject[] = [];
    if (opts.manifests?.length) {
      const inv = await loadManifests({ paths: opts.manifests, cwd: opts.cwd });
      if (!inv.objects.length) throw new VerifyUsageError('--manifests: no Kubernetes objects found');
      manifests = inv.objects;
    }
    let client: ClusterClient;
    try {
      const kc = await loadKubeConfig(opts);
      const contexts = selectContexts(kc, opts);
      if (contexts.length !== 1)
        throw new VerifyUsageError('kubeward monitor watches one context: run one monitor per cluster');
      client = await ClusterClient.create(kc, contexts[0], opts.retry);
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'config') throw new VerifyUsageError(e.message);
      throw e;
    }
    try {
      const store = await readInventory(client, {
        namespaces: opts.namespaces,
        secrets: opts.secrets,
        signal: opts.signal,
      });
      const m = new ClusterMonitor(client, store, opts, manifests);
      // by kind and the status the API server answered (a 500 was counted as a 403, under the plural)
      for (const e of store.listErrors) m.apiErrors.push(e);
      if (opts.watch ?? true) m.startWatching();
      return m;
    } catch (e) {
      await client.close();
      throw e;
    }
  }

  private startWatching(): void {
    this.watching = watchStore(
      this.client,
      this.store,
      [...this.store.listed],
      this.opts.namespaces,
      this.ac.signal,
      (kind, e) => this.apiErrors.push({ kind, status: statusOf(e) }),
    ).catch((e: unknown) => {
      this.apiErrors.push({ kind: '*', status: statusOf(e) });
    });
  }

  /** Objects held per kind. */
  watched(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [kind, m] of this.store.byKind) out[kind] = m.size;
    return out;
  }

  /** One round: evaluate what changed, diff with the previous round. */
  async round(): Promise<RoundResult> {
    const started = performance.now();
    this.roundNo++;
    if (!(this.opts.watch ?? true) && this.roundNo > 1) {
      // no watches: re-list (a CronJob-like monitor, or tests)
      const fresh = await readInventory(this.client, {
        namespaces: this.opts.namespaces,
        secrets: this.opts.secrets,
        signal: this.opts.signal,
      });
      this.store = fresh;
      this.lastGeneration = -1;
    }
    const generation = this.store.generation;
    const changes = this.lastGeneration < 0 ? 0 : generation - this.lastGeneration;
    const apiErrors = this.apiErrors.splice(0);
    const drift = this.detectDrift();
    let reused = false;
    let report: Report;
    if (this.last && generation === this.lastGeneration) {
      reused = true;
      report = { ...this.last.report, durationMs: 0 };
    } else {
      const ev = evaluateStore(this.store, this.manifests, {
        ...this.opts,
        namespaceOf: (m) => m.ref.namespace ?? 'default',
        namespaced: Boolean(this.opts.namespaces?.length),
      });
      const findings = sortFindings(ev.findings);
      report = {
        tool: { name: 'kubeward', version: VERSION },
        findings,
        suppressed: sortFindings(ev.suppressed),
        counts: countBySeverity(findings),
        filesScanned: 0,
        objectsScanned: ev.objects,
        skipped: [],
        errors: ev.errors,
        notVerified: ev.notVerified,
        failOn: this.opts.failOn ?? 'high',
        durationMs: 0,
      };
    }
    this.lastGeneration = generation;
    const byFp = new Map(report.findings.map((f) => [f.fingerprint, f]));
    const prev = this.last?.byFp;
    const newFindings = prev ? report.findings.filter((f) => !prev.has(f.fingerprint)) : report.findings;
    const resolvedFindings = prev ? [...prev.values()].filter((f) => !byFp.has(f.fingerprint)) : [];
    const threshold = this.opts.incidentThreshold ?? 'high';
    const first = !prev;
    // a Secret that already had readers and gained one keeps its finding (same fingerprint): the
    // grown list of readers is a new reader all the same
    const grownReaders = prev
      ? report.findings.filter((f) => {
          const before = f.ruleId === 'secret-readers' ? prev.get(f.fingerprint) : undefined;
          if (!before) return false;
          const had = new Set(readersOf(before));
          return readersOf(f).some((r) => !had.has(r));
        })
      : [];
    const newSecretReaders = first
      ? []
      : [...newFindings.filter((f) => f.ruleId === 'secret-readers'), ...grownReaders];
    const incidents = first ? [] : [...newFindings, ...grownReaders].filter((f) => atLeast(f.severity, threshold));
    this.last = { report, byFp };
    const durationMs = performance.now() - started;
    report = { ...report, durationMs: Math.round(durationMs) };
    return {
      round: this.roundNo,
      cluster: this.cluster,
      report,
      newFindings,
      resolvedFindings,
      incidents,
      drift,
      newSecretReaders,
      failedRollouts: first ? [] : newFindings.filter((f) => f.ruleId === 'rollout-failed'),
      changes,
      reused,
      objectsWatched: this.watched(),
      apiErrors,
      durationMs,
      finishedAt: Date.now(),
    };
  }

  /**
   * Out-of-band spec edits since the last round: a managedFields entry with spec fields, written
   * by a manager that is not a deployer, that was not there (or had another time) before. The
   * first round records the baseline.
   */
  private detectDrift(): DriftEvent[] {
    const deployers = this.opts.deployers ?? DEFAULT_DEPLOYERS;
    const first = this.managed.size === 0 && this.roundNo === 1;
    const events: DriftEvent[] = [];
    const seen = new Map<string, Set<string>>();
    for (const kind of DRIFT_KINDS) {
      for (const o of this.store.all(kind)) {
        const md = (o.metadata ?? {}) as Json;
        const key = `${kind}/${String(md.namespace ?? '')}/${String(md.name ?? '')}`;
        const entries = new Set<string>();
        for (const mf of Array.isArray(md.managedFields) ? md.managedFields : []) {
          const e = mf as Json;
          entries.add(`${String(e.manager)}|${String(e.operation)}|${String(e.subresource ?? '')}|${String(e.time)}`);
        }
        seen.set(key, entries);
        const before = this.managed.get(key);
        if (first || !before) continue;
        const labels = (md.labels ?? {}) as Json;
        // spec edits by a non-deployer whose managedFields entry is new since the last round
        for (const e of specEdits(o, deployers)) {
          const sig = [...entries].find((x) => x.startsWith(`${e.manager}|`) && x.endsWith(`|${e.time}`));
          if (!sig || before.has(sig)) continue;
          events.push({
            kind,
            namespace: String(md.namespace ?? ''),
            name: String(md.name ?? ''),
            manager: e.manager,
            operation: e.op,
            time: e.time,
            protected: labels[PROTECTED_LABEL] === 'true',
          });
        }
      }
    }
    this.managed = seen;
    return events;
  }

  /** Writes the round's PolicyReports into the monitored cluster (server-side apply). */
  publish(reports: PolicyReportObject[], flavor: PolicyReportFlavor, name?: string): Promise<PublishResult> {
    return publishPolicyReports(this.client, reports, { flavor, ...(name ? { name } : {}) });
  }

  async close(): Promise<void> {
    this.ac.abort();
    if (this.watching) await this.watching;
    await this.client.close();
  }
}

/** The service accounts a `secret-readers` finding names (`details.readers`, comma-separated). */
function readersOf(f: Finding): string[] {
  const r = f.details?.readers;
  return typeof r === 'string' && r ? r.split(', ') : [];
}

/** managedFields entries with spec fields written by a manager that is not a deployer. */
function specEdits(o: Json, deployers: readonly string[]): { manager: string; time: string; op: string }[] {
  const md = (o.metadata ?? {}) as Json;
  const out: { manager: string; time: string; op: string }[] = [];
  for (const mf of Array.isArray(md.managedFields) ? md.managedFields : []) {
    const e = mf as Json;
    const manager = String(e.manager ?? '');
    if (deployers.includes(manager) || e.subresource === 'status' || e.subresource === 'scale') continue;
    const fields = (e.fieldsV1 ?? {}) as Json;
    if (!('f:spec' in fields)) continue;
    out.push({ manager, time: String(e.time ?? ''), op: String(e.operation ?? '') });
  }
  return out;
}
