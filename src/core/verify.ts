/**
 * `verify(options)`: post-deploy verification of one or more live clusters. Reads the inventory
 * (LIST per kind and namespace), waits for the rollouts of what was just deployed (watch +
 * timeout, failing fast on crashing or refused pods), runs the whole catalog on the live objects
 * and the admitted pods plus the live-only rules, and maps findings back to the manifests.
 */
import {
  countBySeverity,
  formatPath,
  failsThreshold,
  type Finding,
  type InputError,
  type Report,
  type Severity,
} from './model.ts';
import { evaluate, sortFindings, type EngineOptions } from './engine.ts';
import { loadManifests } from './manifests/load.ts';
import type { K8sObject, LoadProblem } from './manifests/types.ts';
import { catalog, getRule } from './rules/index.ts';
import { DEFAULT_DEPLOYERS, setLiveContext, type LiveContext } from './rules/live.ts';
import { podTemplates } from './rules/podspec.ts';
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
import { readInventory, watchStore, type Json, type LiveStore } from './cluster/inventory.ts';
import { rolloutStatus, type RolloutResult } from './cluster/rollout.ts';

export interface VerifyOptions extends ConnectionOptions, Omit<EngineOptions, 'mode'> {
  /** Namespaces to verify; default: the namespaces of the manifests, else all namespaces. */
  namespaces?: string[];
  /** Manifests (files, directories, globs) naming what was just deployed. */
  manifests?: string[];
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
}

/** A problem with the options themselves (exit code 2). */
export class VerifyUsageError extends Error {}

export const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']);
const WATCH_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Pod', 'Event', 'Rollout'];
/** Kinds the catalog runs on (Secrets and Events reach the live rules through the context). */
const EVALUATED = new Set([
  'Namespace',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'ConfigMap',
  'ServiceAccount',
  'NetworkPolicy',
  'Ingress',
  'PodDisruptionBudget',
  'Role',
  'RoleBinding',
  'Rollout',
]);
const CLUSTER_RBAC = new Set(['ClusterRole', 'ClusterRoleBinding']);

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

/**
 * Exit code for a verify report: 3 when a cluster could not be verified at all; 1 for findings
 * at or above failOn; 3 when some checks could not run (partial verification); else 0.
 */
export function verifyExitCode(report: Report, failOn: Severity | 'none' = report.failOn): number {
  if (report.notVerified.some((n) => n.check === 'cluster')) return 3;
  if (failsThreshold(report, failOn)) return 1;
  if (report.notVerified.length) return 3;
  return 0;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const objOf = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const mdOf = (o: Json): Json => objOf(o.metadata);

function normDigest(d: string): string {
  const t = d.trim();
  return t.startsWith('sha256:') ? t : `sha256:${t}`;
}

interface ContextResult {
  findings: Finding[];
  suppressed: Finding[];
  errors: InputError[];
  notVerified: { check: string; reason: string }[];
  objects: number;
}

export async function verify(opts: VerifyOptions): Promise<Report> {
  const started = performance.now();
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
    errors.push(...inv.errors);
    if (!manifests.length) {
      // never fall back to verifying everything when what was deployed cannot be read
      const why = [...inv.errors, ...inv.problems].map((e) => `${e.file}: ${e.message}`).join('; ');
      throw new VerifyUsageError(`--manifests: no Kubernetes objects found${why ? ` (${why})` : ''}`);
    }
  }
  let kc;
  let contexts: string[];
  await kube;
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
      let r: ContextResult;
      try {
        r = await verifyContext(client, defaultNs, manifests, opts);
      } finally {
        await client.close();
      }
      findings.push(...r.findings);
      suppressed.push(...r.suppressed);
      errors.push(...r.errors);
      notVerified.push(...r.notVerified);
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

function manifestKey(kind: string, ns: string | undefined, name: string): string {
  return `${kind}/${ns ?? ''}/${name}`;
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
): Promise<ContextResult> {
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

  // --- live objects ---------------------------------------------------------------------------
  const byUid = new Map<string, { kind: string; o: Json }>();
  for (const [kind, m] of store.byKind) for (const o of m.values()) byUid.set(str(mdOf(o).uid), { kind, o });
  const controllerOf = (o: Json): { kind: string; o: Json } | undefined => {
    const refs = mdOf(o).ownerReferences;
    if (!Array.isArray(refs)) return undefined;
    const ref = objOf(refs.find((r) => objOf(r).controller === true) ?? refs[0]);
    return byUid.get(str(ref.uid));
  };
  const topOwner = (o: Json): { kind: string; o: Json } | undefined => {
    let cur = controllerOf(o);
    for (let i = 0; cur && i < 4; i++) {
      const up = controllerOf(cur.o);
      if (!up) break;
      cur = up;
    }
    return cur;
  };

  const manifestByKey = new Map<string, K8sObject>();
  for (const m of manifests) if (m.ref.name) manifestByKey.set(manifestKey(m.ref.kind, mNs(m), m.ref.name), m);

  const objects: K8sObject[] = [];
  const liveByRaw = new Map<Json, K8sObject>();
  const lc: LiveContext = {
    cluster: client.context,
    manifestOf: new Map(),
    ownerOf: new Map(),
    rollouts: new Map(),
    expectImages: new Map(Object.entries(opts.expectImages ?? {}).map(([k, v]) => [k, normDigest(v)])),
    deployers: opts.deployers ?? DEFAULT_DEPLOYERS,
    events: new Map(),
    namespaces: new Map(),
    rbac: {
      roles: store.all('Role'),
      clusterRoles: store.all('ClusterRole'),
      roleBindings: store.all('RoleBinding'),
      clusterRoleBindings: store.all('ClusterRoleBinding'),
    },
    pods: store.all('Pod'),
    serviceAccounts: store.all('ServiceAccount'),
    ingresses: store.all('Ingress'),
    manifestsGiven: manifests.length > 0,
    notVerified: new Set(store.notVerified.map((n) => n.check)),
  };
  if (opts.secrets && store.listed.has('Secret')) {
    lc.secrets = store.all('Secret').map((s) => toK8s(s, 'Secret', client.context, 'live'));
  }
  for (const ns of store.all('Namespace')) lc.namespaces.set(str(mdOf(ns).name), ns);
  for (const e of store.all('Event')) {
    const io = objOf(e.involvedObject ?? e.regarding);
    const k = manifestKey(str(io.kind), str(io.namespace ?? mdOf(e).namespace) || undefined, str(io.name));
    const list = lc.events.get(k) ?? [];
    list.push(e);
    lc.events.set(k, list);
  }

  const kinds = [...EVALUATED, ...(namespaces ? [] : CLUSTER_RBAC)];
  for (const kind of kinds) {
    for (const o of store.all(kind)) {
      const owner = kind === 'ReplicaSet' || kind === 'Job' ? controllerOf(o) : undefined;
      if (owner) continue; // reported through its controller's template
      const k = toK8s(o, kind, client.context, 'live');
      const m = manifestByKey.get(manifestKey(kind, k.ref.namespace, k.ref.name));
      if (m) {
        lc.manifestOf.set(k, m);
        k.locate = (p) => m.locate?.(p);
      }
      objects.push(k);
      liveByRaw.set(o, k);
    }
  }
  for (const o of store.all('Pod')) {
    const k = toK8s(o, 'Pod', client.context, 'admission');
    const top = topOwner(o);
    const ownerK = top ? liveByRaw.get(top.o) : undefined;
    const m = manifestByKey.get(manifestKey('Pod', k.ref.namespace, k.ref.name));
    if (m) {
      lc.manifestOf.set(k, m);
      k.locate = (p) => m.locate?.(p);
    } else if (ownerK) {
      lc.ownerOf.set(k, ownerK);
      const t = podTemplates(ownerK)[0];
      if (t && ownerK.locate) {
        const ol = ownerK.locate;
        k.locate = (p) => {
          if (p[0] === 'spec') return ol([...t.specPath, ...p.slice(1)]);
          if (p[0] === 'metadata') return ol([...t.metaPath, ...p.slice(1)]);
          return ol(t.specPath);
        };
      }
    }
    objects.push(k);
  }
  for (const [key, r] of rolloutByKey) {
    const [kind, ns, ...rest] = key.split('/');
    const raw = store.get(kind, ns, rest.join('/'));
    let k = raw ? liveByRaw.get(raw) : undefined;
    if (!k) {
      // not in the cluster: report on the manifest itself
      const m = manifestByKey.get(key);
      if (!m) continue;
      k = { ...m, ref: { ...m.ref, namespace: ns, cluster: client.context }, origin: 'live' };
    }
    lc.rollouts.set(k, r);
  }

  // The live rules see every object; the catalog sees workloads and one pod per distinct admitted
  // spec, skipping pods identical to their workload's template (their findings are the template's).
  const catalogObjects: K8sObject[] = [];
  const podGroup = new Map<K8sObject, number>();
  const reps = new Map<string, K8sObject>();
  const templateSig = new Map<K8sObject, string>();
  const quickSig = new Map<string, string>();
  for (const o of objects) {
    if (o.origin !== 'admission') {
      catalogObjects.push(o);
      continue;
    }
    const owner = lc.ownerOf.get(o);
    // pods of one template revision with the same containers share a spec: sign the first only
    const spec = objOf(o.data.spec);
    const hash = objOf(objOf(o.data.metadata).labels);
    const quick = owner
      ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${str(hash['pod-template-hash'] ?? hash['controller-revision-hash'])}|${containerNames(spec)}`
      : undefined;
    const known = quick ? quickSig.get(quick) : undefined;
    const sig = known ?? podSignature(spec);
    if (quick && known === undefined) quickSig.set(quick, sig);
    if (owner) {
      let tsig = templateSig.get(owner);
      if (tsig === undefined) {
        const t = podTemplates(owner)[0];
        templateSig.set(owner, (tsig = t ? podSignature(t.spec) : ''));
      }
      if (sig === tsig) continue;
    }
    const key = `${owner ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}` : `pod/${o.ref.namespace}/${o.ref.name}`}|${sig}`;
    const rep = reps.get(key);
    if (rep) {
      podGroup.set(rep, (podGroup.get(rep) ?? 1) + 1);
      continue;
    }
    reps.set(key, o);
    podGroup.set(o, 1);
    catalogObjects.push(o);
  }
  tick('index');
  setLiveContext(objects, lc);
  setLiveContext(catalogObjects, lc);
  const all = opts.rules ?? catalog;
  const liveRes = evaluate(objects, [], { ...opts, rules: all.filter((r) => r.meta.liveOnly), mode: 'live' });
  tick('live rules');
  const res = evaluate(catalogObjects, [], { ...opts, rules: all.filter((r) => !r.meta.liveOnly), mode: 'live' });
  tick(`catalog (${catalogObjects.length} objects)`);
  const findings = [...liveRes.findings, ...attributeOrigins(res.findings, catalogObjects, lc, podGroup)];
  tick('attribute');
  return {
    findings,
    suppressed: [...liveRes.suppressed, ...res.suppressed],
    errors: [...liveRes.errors, ...res.errors],
    notVerified: store.notVerified.map((n) => ({
      check: n.check,
      reason: `not verified${client.context ? ` on ${client.context}` : ''}: ${n.reason}`,
    })),
    objects: objects.length,
  };
}

/** Fields the API server or the kubelet set on every pod, which say nothing about its security. */
const POD_NOISE = new Set([
  'nodeName',
  'hostname',
  'subdomain',
  'serviceAccount',
  'preemptionPolicy',
  'priority',
  'enableServiceLinks',
  'schedulerName',
  'dnsPolicy',
  'restartPolicy',
  'terminationGracePeriodSeconds',
]);

function containerNames(spec: Json): string {
  const names = (k: string) => (Array.isArray(spec[k]) ? spec[k].map((c) => str(objOf(c).name)).join(',') : '');
  return `${names('initContainers')};${names('containers')};${names('ephemeralContainers')}`;
}

/** A pod spec's identity for the catalog: admission's service-account volume and defaults removed. */
export function podSignature(spec: Json): string {
  const out: Json = {};
  const keep = (k: string, v: unknown) => {
    if (Array.isArray(v) && v.length === 0) return;
    out[k] = v;
  };
  for (const [k, v] of Object.entries(spec)) {
    if (POD_NOISE.has(k) || k === 'serviceAccountName') continue;
    if (k === 'volumes' && Array.isArray(v)) {
      keep(
        k,
        v.filter((x) => !/^kube-api-access-/.test(str(objOf(x).name))),
      );
    } else if (k === 'tolerations' && Array.isArray(v)) {
      keep(
        k,
        v.filter((x) => !/^node\.kubernetes\.io\/(not-ready|unreachable)$/.test(str(objOf(x).key))),
      );
    } else if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
      keep(
        k,
        v.map((c) => {
          const cc = { ...objOf(c) };
          if (Array.isArray(cc.volumeMounts)) {
            cc.volumeMounts = cc.volumeMounts.filter((m) => !/^kube-api-access-/.test(str(objOf(m).name)));
            if (!(cc.volumeMounts as unknown[]).length) delete cc.volumeMounts;
          }
          return cc;
        }),
      );
    } else keep(k, v);
  }
  out.serviceAccountName = str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default';
  // pods and templates are both serialized by the API server in field order: plain JSON compares
  return JSON.stringify(out);
}

function toK8s(o: Json, kind: string, cluster: string, origin: 'live' | 'admission'): K8sObject {
  const md = mdOf(o);
  const ns = str(md.namespace);
  return {
    data: o,
    ref: {
      apiVersion: str(o.apiVersion),
      kind,
      name: str(md.name),
      ...(ns ? { namespace: ns } : {}),
      cluster,
    },
    origin,
    docPath: [],
  };
}

function refKey(f: Finding): string {
  const o = f.object;
  return o ? `${o.kind}/${o.namespace ?? ''}/${o.name}` : '';
}

/**
 * Says whether the template or admission introduced each catalog finding on an admitted pod:
 * a finding that its workload's template also has is the template's (reported once, on the
 * workload); the rest were introduced at admission and are reported once per workload.
 */
function attributeOrigins(
  findings: Finding[],
  objects: K8sObject[],
  lc: LiveContext,
  podGroup: Map<K8sObject, number>,
): Finding[] {
  const byKey = new Map<string, K8sObject>();
  for (const o of objects) byKey.set(`${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
  const onWorkload = new Set<string>();
  for (const f of findings) if (f.origin === 'live') onWorkload.add(`${f.ruleId}|${refKey(f)}|${f.path}`);
  const out: Finding[] = [];
  const collapsed = new Map<string, Finding>();
  for (const f of findings) {
    const liveOnly = getRule(f.ruleId)?.meta.liveOnly;
    if (liveOnly || !f.object) {
      out.push(f);
      continue;
    }
    if (f.origin === 'live') {
      out.push({ ...f, details: { ...f.details, introducedBy: 'template' } });
      continue;
    }
    if (f.origin !== 'admission') {
      out.push(f);
      continue;
    }
    const pod = byKey.get(refKey(f));
    const owner = pod ? lc.ownerOf.get(pod) : undefined;
    const t = owner ? podTemplates(owner)[0] : undefined;
    if (!owner || !t) {
      out.push({ ...f, details: { ...f.details, introducedBy: 'admission' } });
      continue;
    }
    const mapped = f.path.startsWith('spec')
      ? formatPath(t.specPath) + f.path.slice(4)
      : f.path.startsWith('metadata')
        ? formatPath(t.metaPath) + f.path.slice(8)
        : f.path;
    const ownerKey = `${owner.ref.kind}/${owner.ref.namespace ?? ''}/${owner.ref.name}`;
    if (onWorkload.has(`${f.ruleId}|${ownerKey}|${mapped}`)) continue; // the template's: reported on the workload
    const ck = `${f.ruleId}|${ownerKey}|${mapped}`;
    const prev = collapsed.get(ck);
    if (prev) {
      prev.details = { ...prev.details, pods: String(Number(prev.details?.pods ?? '1') + (podGroup.get(pod!) ?? 1)) };
      continue;
    }
    const nf: Finding = {
      ...f,
      message: `${f.message} (introduced at admission: not in the ${owner.ref.kind} template)`,
      details: {
        ...f.details,
        introducedBy: 'admission',
        owner: `${owner.ref.kind}/${owner.ref.name}`,
        pods: String(podGroup.get(pod!) ?? 1),
      },
    };
    collapsed.set(ck, nf);
    out.push(nf);
  }
  return out;
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
  const deadline = Date.now() + timeoutMs;
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
      if (!pending || ac.signal.aborted) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        for (const r of results.values()) {
          if (r.state !== 'waiting') continue;
          r.state = 'timeout';
          r.message = `timed out after ${Math.round(timeoutMs / 1000)}s: ${r.message}`;
        }
        break;
      }
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
