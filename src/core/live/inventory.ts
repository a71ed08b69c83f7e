/**
 * Cluster objects -> the objects the rules see, the live counterpart of core/manifests: each
 * listed object becomes a K8sObject (origin `live`, or `admission` for pods), linked to the
 * manifest it was deployed from (findings then point at the manifest's lines) or, for pods, to
 * the workload that owns them; pods identical to their template are folded into it, the rest
 * are de-duplicated per distinct admitted spec. `attributeOrigins` then says whether a finding
 * on an admitted pod came from the template or from admission.
 */
import { fingerprint, formatPath, type Finding } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import { podTemplates } from '../rules/podspec.ts';
import type { Json, LiveStore } from '../cluster/inventory.ts';
import type { RolloutResult } from '../cluster/rollout.ts';
import type { LiveContext } from './context.ts';

export type { LiveContext };

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

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const objOf = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const mdOf = (o: Json): Json => objOf(o.metadata);

/** `Kind/namespace/name`: how manifests, rollouts and events are matched to live objects. */
export function manifestKey(kind: string, ns: string | undefined, name: string): string {
  return `${kind}/${ns ?? ''}/${name}`;
}

function normDigest(d: string): string {
  const t = d.trim();
  return t.startsWith('sha256:') ? t : `sha256:${t}`;
}

type MutableLiveContext = LiveContext & {
  manifestOf: Map<K8sObject, K8sObject>;
  ownerOf: Map<K8sObject, K8sObject>;
  rollouts: Map<K8sObject, RolloutResult>;
  events: Map<string, Json[]>;
  namespaces: Map<string, Json>;
};

export interface LiveInventoryOptions {
  /** Namespace a manifest object lands in (its own, or the context's default). */
  namespaceOf: (m: K8sObject) => string | undefined;
  /** True when verification is limited to namespaces (cluster-scoped RBAC is then not evaluated). */
  namespaced: boolean;
  /** Rollout results by `Kind/namespace/name`. */
  rollouts: ReadonlyMap<string, RolloutResult>;
  expectImages?: Record<string, string>;
  deployers: readonly string[];
  /** Run the Secret checks (the store then holds Secrets with values stripped). */
  secrets?: boolean;
}

export interface LiveInventory {
  /** Every live object: the live-only rules see all of them. */
  objects: K8sObject[];
  /** Workloads and one pod per distinct admitted spec: what the catalog runs on. */
  catalogObjects: K8sObject[];
  /** Representative pod -> how many pods share its spec. */
  podGroup: Map<K8sObject, number>;
  /**
   * The cluster's admission policies, bindings, Kyverno policies and exceptions and the params the
   * bindings name: what judges the objects (policies/rules.ts), not judged themselves.
   */
  policyObjects: K8sObject[];
  context: LiveContext;
}

/** Kinds read from the cluster for the admission policies (cluster/inventory.ts lists them). */
const POLICY_KINDS = [
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingPolicy',
  'NamespacedValidatingPolicy',
  'PolicyException',
];

/** Turns a cluster's listed objects into the evaluated objects and their live context. */
export function liveInventory(
  store: LiveStore,
  cluster: string,
  manifests: readonly K8sObject[],
  opts: LiveInventoryOptions,
): LiveInventory {
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
  for (const m of manifests)
    if (m.ref.name) manifestByKey.set(manifestKey(m.ref.kind, opts.namespaceOf(m), m.ref.name), m);

  const objects: K8sObject[] = [];
  const liveByRaw = new Map<Json, K8sObject>();
  const lc: MutableLiveContext = {
    cluster,
    manifestOf: new Map(),
    ownerOf: new Map(),
    rollouts: new Map(),
    expectImages: new Map(Object.entries(opts.expectImages ?? {}).map(([k, v]) => [k, normDigest(v)])),
    deployers: opts.deployers,
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
    resources: store.resources,
  };
  if (opts.secrets && store.listed.has('Secret')) {
    lc.secrets = store.all('Secret').map((s) => toK8s(s, 'Secret', cluster, 'live'));
  }
  for (const ns of store.all('Namespace')) lc.namespaces.set(str(mdOf(ns).name), ns);
  for (const e of store.all('Event')) {
    const io = objOf(e.involvedObject ?? e.regarding);
    const k = manifestKey(str(io.kind), str(io.namespace ?? mdOf(e).namespace) || undefined, str(io.name));
    const list = lc.events.get(k) ?? [];
    list.push(e);
    lc.events.set(k, list);
  }

  const kinds = [...EVALUATED, ...(opts.namespaced ? [] : CLUSTER_RBAC)];
  for (const kind of kinds) {
    for (const o of store.all(kind)) {
      const owner = kind === 'ReplicaSet' || kind === 'Job' ? controllerOf(o) : undefined;
      if (owner) continue; // reported through its controller's template
      const k = toK8s(o, kind, cluster, 'live');
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
    const k = toK8s(o, 'Pod', cluster, 'admission');
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
  for (const [key, r] of opts.rollouts) {
    const [kind, ns, ...rest] = key.split('/');
    const raw = store.get(kind, ns, rest.join('/'));
    let k = raw ? liveByRaw.get(raw) : undefined;
    if (!k) {
      // not in the cluster: report on the manifest itself
      const m = manifestByKey.get(key);
      if (!m) continue;
      k = { ...m, ref: { ...m.ref, namespace: ns, cluster }, origin: 'live' };
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
  const policyObjects: K8sObject[] = [];
  for (const kind of POLICY_KINDS) for (const o of store.all(kind)) policyObjects.push(toK8s(o, kind, cluster, 'live'));
  for (const o of store.params.values()) policyObjects.push(toK8s(o, str(o.kind), cluster, 'live'));
  return { objects, catalogObjects, podGroup, policyObjects, context: lc };
}

/** The policy identity of a finding (admission-policy and the other policy rules' details). */
function policyKey(f: Finding): string {
  const d = f.details ?? {};
  return `${d.policy ?? ''}|${d.binding ?? ''}|${d.validation ?? ''}|${d.param ?? ''}|${d.mode ?? ''}`;
}

/**
 * Admission-policy findings on every live pod, one per workload: the pods of one owner that a
 * policy judges alike (same policy, binding, validation, field and message) are one finding on
 * the first of them, with `details.pods` (how many) and `details.owner`, and a fingerprint of the
 * owner (pod names change with every rollout; the baseline entry must not). Unlike
 * attributeOrigins, nothing is dropped for the template having it too: a policy that matches
 * pods judges each pod, whatever its workload's template says.
 */
export function groupPodFindings(findings: Finding[], inv: LiveInventory): Finding[] {
  const byKey = new Map<string, K8sObject>();
  for (const o of inv.objects) if (o.ref.kind === 'Pod') byKey.set(`Pod/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
  const out: Finding[] = [];
  const groups = new Map<string, Finding>();
  for (const f of findings) {
    const pod = f.object?.kind === 'Pod' ? byKey.get(refKey(f)) : undefined;
    const owner = pod ? inv.context.ownerOf.get(pod) : undefined;
    if (!owner) {
      out.push(f);
      continue;
    }
    const ownerKey = `${owner.ref.kind}/${owner.ref.namespace ?? ''}/${owner.ref.name}`;
    const k = `${f.ruleId}|${policyKey(f)}|${ownerKey}|${f.path}|${f.message}`;
    const prev = groups.get(k);
    if (prev) {
      prev.details = { ...prev.details, pods: String(Number(prev.details?.pods ?? '1') + 1) };
      continue;
    }
    const nf: Finding = {
      ...f,
      fingerprint: fingerprint(f.ruleId, owner.ref, `pods:${f.path}#${policyKey(f)}|${f.message}`),
      details: { ...f.details, owner: `${owner.ref.kind}/${owner.ref.name}`, pods: '1' },
    };
    groups.set(k, nf);
    out.push(nf);
  }
  return out;
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

export function toK8s(o: Json, kind: string, cluster: string, origin: 'live' | 'admission'): K8sObject {
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
export function attributeOrigins(findings: Finding[], inv: LiveInventory): Finding[] {
  const { catalogObjects: objects, context: lc, podGroup } = inv;
  const byKey = new Map<string, K8sObject>();
  for (const o of objects) byKey.set(`${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`, o);
  const onWorkload = new Set<string>();
  for (const f of findings) if (f.origin === 'live') onWorkload.add(`${f.ruleId}|${refKey(f)}|${f.path}`);
  const out: Finding[] = [];
  const collapsed = new Map<string, Finding>();
  for (const f of findings) {
    if (!f.object) {
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
