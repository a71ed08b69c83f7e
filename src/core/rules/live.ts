/**
 * Rules that need the live cluster (`kubeward verify`). They stay pure: everything beyond the
 * objects themselves (the manifests that were deployed, rollout results, events, RBAC and
 * Secrets) reaches them as `ctx.live` (src/core/live/context.ts). In `scan` there is no live
 * context and they yield nothing.
 */
import type { FieldPath } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import type { LiveContext, Rule, RuleContext, RuleMeta, Violation } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';
import type { PodProblem } from '../cluster/rollout.ts';
import { podProblems } from '../cluster/rollout.ts';
import { allContainers, containersOf, isObj, podTemplates, type ContainerInfo } from './podspec.ts';
import { podSecurityViolations } from './pss.ts';
import { ownedFields, ownersOf } from '../live/field-managers.ts';

type Json = Record<string, unknown>;

const CONTAINER_LISTS: [string, 'initContainer' | 'container' | 'ephemeralContainer'][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** The live context for rule `id`: absent in scan, and when the check could not run (permission). */
function live(ctx: RuleContext, id: string): LiveContext | undefined {
  const lc = ctx.live;
  if (!lc || lc.notVerified.has(id)) return undefined;
  return lc;
}

const obj = (v: unknown): Json => (isObj(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const mdOf = (o: K8sObject): Json => obj(o.data.metadata);

function meta(
  m: Omit<RuleMeta, 'category' | 'liveOnly' | 'enabledByDefault'> & { enabledByDefault?: boolean },
): RuleMeta {
  return { enabledByDefault: true, category: 'live', liveOnly: true, ...m };
}

function objKey(kind: string, ns: string | undefined, name: string): string {
  return `${kind}/${ns ?? ''}/${name}`;
}

function problemDetails(p: PodProblem): Record<string, string> {
  const d: Record<string, string> = {
    pod: `${p.namespace}/${p.pod}`,
    container: p.container,
    reason: p.reason,
    restarts: String(p.restarts),
  };
  if (p.message) d.message = p.message;
  if (p.lastTermination) d.lastTermination = p.lastTermination;
  if (p.exitCode !== undefined) d.exitCode = p.exitCode;
  if (p.events.length) d.events = p.events.join(' | ');
  return d;
}

function templateContainerPath(obj: K8sObject, p: PodProblem): FieldPath {
  const t = podTemplates(obj)[0];
  if (!t) return ['spec'];
  return [...t.specPath, p.initContainer ? 'initContainers' : 'containers', p.containerIndex];
}

// ---------------------------------------------------------------------------------------------
const rolloutFailed: Rule = {
  meta: meta({
    id: 'rollout-failed',
    title: 'Rollout did not complete',
    severity: 'critical',
    rationale:
      'A workload that did not roll out runs the previous version or nothing at all; pods that crash, cannot pull their image or are refused by admission never become ready, and waiting longer does not help.',
    remediation:
      'Read the pod, container, reason and last termination message in the finding and the Warning events, fix the image, configuration or security context, and deploy again (or roll back with `kubectl rollout undo`).',
    references: [
      'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_status/',
      'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#failed-deployment',
    ],
  }),
  *checkAll(ctx) {
    const lc = live(ctx, 'rollout-failed');
    if (!lc) return;
    for (const [o, r] of lc.rollouts) {
      if (r.state === 'done' || r.state === 'waiting') continue;
      const details: Record<string, string> = { state: r.state, status: r.message };
      let path: FieldPath = ['spec'];
      if (r.problems.length) {
        Object.assign(details, problemDetails(r.problems[0]));
        if (r.problems.length > 1) details.otherPods = String(r.problems.length - 1);
        path = templateContainerPath(o, r.problems[0]);
      } else if (r.createFailures.length) {
        details.reason = r.createFailures[0].reason;
        details.message = r.createFailures[0].message.slice(0, 500);
        path = podTemplates(o)[0]?.specPath ?? ['spec'];
      }
      if (r.events.length && !details.events) details.events = r.events.join(' | ');
      const what = r.state === 'timeout' ? 'did not finish rolling out in time' : 'failed to roll out';
      yield { object: o, path, message: `${r.kind} ${r.name} ${what}: ${r.message}`, details };
    }
  },
};

// ---------------------------------------------------------------------------------------------
function eventsOf(lc: LiveContext, kind: string, ns: string | undefined, name: string): string[] {
  return (lc.events.get(objKey(kind, ns, name)) ?? []).map((e) => `${str(e.reason)}: ${str(e.message)}`.slice(0, 300));
}

const podCrashloop: Rule = {
  meta: meta({
    id: 'pod-crashloop',
    kinds: ['Pod'],
    title: 'Pod crashing or unable to start',
    severity: 'high',
    rationale:
      'Containers in CrashLoopBackOff, ImagePullBackOff, OOMKilled or restarting often serve no traffic, hide configuration errors and, for security tooling, leave protection off.',
    remediation:
      'Look at the reason and last termination message in the finding, check `kubectl logs --previous`, fix the image reference, pull secret, memory limit or configuration, and redeploy.',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-states'],
    options: {
      restartThreshold: { type: 'number', description: 'Restart count that counts as a crash loop.', default: 5 },
    },
  }),
  *check(o, ctx) {
    if (o.ref.kind !== 'Pod') return;
    const lc = live(ctx, 'pod-crashloop');
    if (!lc) return;
    const threshold = typeof ctx.options.restartThreshold === 'number' ? ctx.options.restartThreshold : 5;
    for (const p of podProblems(undefined, o.data, threshold)) {
      p.events = eventsOf(lc, 'Pod', p.namespace, p.pod).slice(0, 5);
      yield {
        path: ['spec', p.initContainer ? 'initContainers' : 'containers', p.containerIndex],
        message: `container ${p.container} of pod ${p.pod}: ${p.reason}${p.lastTermination ? ` (last termination: ${p.lastTermination.slice(0, 160)})` : ''}`,
        details: problemDetails(p),
      };
    }
  },
};

// ---------------------------------------------------------------------------------------------
/** Canonical JSON: sorted keys; empty objects, arrays, null and undefined all read as absent. */
export function canon(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => canon(x) ?? 'null');
    return items.length ? `[${items.join(',')}]` : undefined;
  }
  if (isObj(v)) {
    const parts: string[] = [];
    for (const k of Object.keys(v).sort()) {
      const c = canon(v[k]);
      if (c !== undefined) parts.push(`${JSON.stringify(k)}:${c}`);
    }
    return parts.length ? `{${parts.join(',')}}` : undefined;
  }
  return JSON.stringify(v);
}

interface DriftItem {
  path: FieldPath;
  field: string;
  declared: string;
  live: string;
}

function short(s: string | undefined): string {
  if (s === undefined) return '(unset)';
  return s.length > 200 ? s.slice(0, 197) + '...' : s;
}

/** env entries that come from Secrets (names and references only, never values). */
function secretEnv(c: JsonObject): string | undefined {
  const refs: string[] = [];
  for (const e of arr(c.env)) {
    const ref = obj(obj(obj(e).valueFrom).secretKeyRef);
    if (ref.name) refs.push(`${str(obj(e).name)}<-${str(ref.name)}/${str(ref.key)}`);
  }
  for (const e of arr(c.envFrom)) {
    const ref = obj(obj(e).secretRef);
    if (ref.name) refs.push(`*<-${str(ref.name)}`);
  }
  return refs.length ? refs.sort().join(',') : undefined;
}

/** The downward API's fieldRef.apiVersion, defaulted to v1 by the API server. */
function undefaultDownwardItems(items: unknown): unknown {
  if (!Array.isArray(items)) return items;
  return items.map((it) => {
    const ref = obj(obj(it).fieldRef);
    return ref.apiVersion === 'v1' ? { ...obj(it), fieldRef: { ...ref, apiVersion: undefined } } : it;
  });
}

/** API-server defaults inside volume sources, removed before comparing with a manifest. */
function undefaultVolume(v: Json): Json {
  const out: Json = {};
  for (const [k, src0] of Object.entries(v)) {
    if (k === 'name' || !isObj(src0)) {
      out[k] = src0;
      continue;
    }
    const src: Json = { ...src0 };
    if (src.defaultMode === 420) delete src.defaultMode;
    if (k === 'hostPath' && src.type === '') delete src.type;
    if (k === 'downwardAPI') src.items = undefaultDownwardItems(src.items);
    if (k === 'projected' && Array.isArray(src.sources)) {
      src.sources = src.sources.map((x) => {
        const t = obj(obj(x).serviceAccountToken);
        if (t.expirationSeconds === 3600) return { serviceAccountToken: { ...t, expirationSeconds: undefined } };
        const d = obj(x).downwardAPI;
        if (isObj(d)) return { downwardAPI: { ...d, items: undefaultDownwardItems(d.items) } };
        return x;
      });
    }
    out[k] = src;
  }
  return out;
}

function volumeSummary(spec: JsonObject): string | undefined {
  const v = arr(spec.volumes).map((x) => {
    const vol = undefaultVolume(obj(x));
    const { name, ...rest } = vol;
    return `${str(name)}=${canon(rest) ?? ''}`;
  });
  return v.length ? v.sort().join(';') : undefined;
}

function saName(spec: JsonObject): string {
  return str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default';
}

/** Security-relevant differences between a manifest's pod templates and the live object's. */
export function driftBetween(manifest: K8sObject, liveObj: K8sObject): DriftItem[] {
  const out: DriftItem[] = [];
  const mt = podTemplates(manifest)[0];
  const lt = podTemplates(liveObj)[0];
  if (!mt || !lt) return out;
  const cmp = (path: FieldPath, field: string, a: string | undefined, b: string | undefined) => {
    if (a !== b) out.push({ path, field, declared: short(a), live: short(b) });
  };
  const ms = mt.spec;
  const ls = lt.spec;
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace'] as const) {
    const a = ms[f] === true ? 'true' : undefined;
    const b = ls[f] === true ? 'true' : undefined;
    cmp([...lt.specPath, f], f, a, b);
  }
  cmp([...lt.specPath, 'securityContext'], 'pod securityContext', canon(ms.securityContext), canon(ls.securityContext));
  cmp([...lt.specPath, 'serviceAccountName'], 'serviceAccountName', saName(ms), saName(ls));
  cmp([...lt.specPath, 'volumes'], 'volumes', volumeSummary(ms), volumeSummary(ls));
  const mByName = new Map(containersOf(mt).map((c) => [`${c.type}/${c.name}`, c]));
  for (const lc of containersOf(lt)) {
    const mc = mByName.get(`${lc.type}/${lc.name}`);
    if (!mc) continue; // unexpected-container reports those
    cmp([...lc.path, 'image'], `image of ${lc.name}`, str(mc.container.image), str(lc.container.image));
    cmp(
      [...lc.path, 'securityContext'],
      `securityContext of ${lc.name}`,
      canon(mc.container.securityContext),
      canon(lc.container.securityContext),
    );
    cmp([...lc.path, 'env'], `env from secrets of ${lc.name}`, secretEnv(mc.container), secretEnv(lc.container));
  }
  return out;
}

const STATUS_SUBRESOURCES = new Set(['status', 'scale']);

/** managedFields entries written after the deploy by a manager that is not the deployer. */
export function outOfBandEdits(
  o: K8sObject,
  deployers: readonly string[],
): { manager: string; time: string; op: string; fields: string[] }[] {
  const mf = arr(mdOf(o).managedFields).map(obj);
  const isDeployer = (m: string) => deployers.includes(m);
  let deployTime = '';
  for (const e of mf) if (isDeployer(str(e.manager)) && str(e.time) > deployTime) deployTime = str(e.time);
  if (!deployTime) return [];
  const out: { manager: string; time: string; op: string; fields: string[] }[] = [];
  for (const e of mf) {
    const m = str(e.manager);
    if (isDeployer(m) || STATUS_SUBRESOURCES.has(str(e.subresource))) continue;
    if (!('f:spec' in obj(e.fieldsV1))) continue;
    if (str(e.time) >= deployTime) {
      const fields = ownedFields({ 'f:spec': obj(e.fieldsV1)['f:spec'] }, 5);
      out.push({ manager: m, time: str(e.time), op: str(e.operation), fields });
    }
  }
  return out;
}

export const DEFAULT_DEPLOYERS = [
  'kubectl',
  'kubectl-client-side-apply',
  'helm',
  'argocd-controller',
  'argocd-application-controller',
  'kustomize-controller',
  'helm-controller',
  'fluxcd',
  'pulumi-kubernetes',
  'Terraform',
  'kubeward',
];

const drift: Rule = {
  meta: meta({
    id: 'drift',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Live object differs from its manifest',
    severity: 'high',
    rationale:
      'What runs is what protects you: an image, security context, capability, host namespace, volume, service account or secret reference changed in the cluster (by a webhook, an operator or a manual edit) bypasses review of the manifest.',
    remediation:
      'Find who changed the object (the finding names the field manager when known), revert the change or bring it into the manifest, and restrict who can edit workloads in the namespace.',
    references: ['https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management'],
    options: {
      deployers: {
        type: 'string[]',
        description:
          'Field managers that count as the deployer; edits by any other manager after the deploy are reported.',
        default: DEFAULT_DEPLOYERS,
      },
    },
  }),
  *check(o, ctx): Generator<Violation> {
    if (o.origin !== 'live') return;
    const lc = live(ctx, 'drift');
    if (!lc) return;
    const m = lc.manifestOf.get(o);
    if (!m) return;
    // the rule option (config) replaces the default list; deployers given to verify() (--deployer)
    // come on top of it
    const configured = Array.isArray(ctx.options.deployers) ? (ctx.options.deployers as string[]) : DEFAULT_DEPLOYERS;
    const deployers = [...new Set([...configured, ...lc.deployers.filter((d) => !DEFAULT_DEPLOYERS.includes(d))])];
    for (const d of driftBetween(m, o)) {
      // who set the live value: the newest writer of the field that is not the deployer
      const by = ownersOf(o.data, d.path).find((w) => !deployers.includes(w.manager));
      yield {
        path: d.path,
        message: `${d.field} differs from the manifest: declared ${d.declared}, live ${d.live}${by ? ` (set by "${by.manager}")` : ''}`,
        details: {
          field: d.field,
          declared: d.declared,
          live: d.live,
          ...(by ? { manager: by.manager, operation: by.operation, time: by.time } : {}),
        },
      };
    }
    for (const e of outOfBandEdits(o, deployers)) {
      const fields = e.fields.length ? `: ${e.fields.join(', ')}` : '';
      yield {
        path: ['spec'],
        message: `edited out of band by "${e.manager}" (${e.op || 'Update'} at ${e.time}) after the deploy${fields}`,
        details: {
          manager: e.manager,
          operation: e.op,
          time: e.time,
          change: 'out-of-band edit',
          ...(e.fields.length ? { fields: e.fields.join(', ') } : {}),
        },
      };
    }
  },
};

// ---------------------------------------------------------------------------------------------
function injectorOf(o: K8sObject, c: ContainerInfo): string | undefined {
  const ann = obj(podTemplates(o)[0]?.metadata.annotations ?? mdOf(o).annotations);
  const istio = str(ann['sidecar.istio.io/status']);
  if (istio) {
    try {
      const s = JSON.parse(istio) as { containers?: string[]; initContainers?: string[] };
      if ([...(s.containers ?? []), ...(s.initContainers ?? [])].includes(c.name)) return 'istio sidecar injector';
    } catch {
      if (istio.includes(c.name)) return 'istio sidecar injector';
    }
  }
  if (ann['linkerd.io/proxy-version'] && /linkerd/.test(c.name)) return 'linkerd proxy injector';
  if (str(ann['vault.hashicorp.com/agent-inject-status']) && /vault/.test(c.name)) return 'vault agent injector';
  for (const e of arr(mdOf(o).managedFields).map(obj)) {
    const text = JSON.stringify(e.fieldsV1 ?? {});
    if (text.includes(`{\\"name\\":\\"${c.name}\\"}`)) {
      if (c.type === 'ephemeralContainer' || str(e.subresource) === 'ephemeralcontainers')
        return `${str(e.manager)} (ephemeralcontainers)`;
      if (!/^(kube-controller-manager|kubelet)$/.test(str(e.manager))) return str(e.manager);
    }
  }
  return undefined;
}

const unexpectedContainer: Rule = {
  meta: meta({
    id: 'unexpected-container',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Container the manifest does not declare',
    severity: 'high',
    rationale:
      'Sidecars injected by admission webhooks and ephemeral debug containers run with access to the pod (its network, volumes and often its service account token) without having been reviewed with the manifest.',
    remediation:
      'Confirm the injector is expected (service mesh, secrets agent) and declare or allow it; remove debug containers by restarting the pod, and restrict `pods/ephemeralcontainers` in RBAC.',
    references: [
      'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/',
      'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
    ],
    options: {
      allowed: {
        type: 'string[]',
        description: 'Container names that may be injected without a finding (e.g. istio-proxy).',
        default: [],
      },
    },
  }),
  *check(o, ctx) {
    if (o.origin !== 'live' && o.origin !== 'admission') return;
    const lc = live(ctx, 'unexpected-container');
    if (!lc) return;
    const allowed = ctx.memo(
      'live:allowed-containers',
      () => new Set(Array.isArray(ctx.options.allowed) ? (ctx.options.allowed as string[]) : []),
    );
    const owner = lc.ownerOf.get(o);
    const declaredFrom = lc.manifestOf.get(o) ?? (owner ? (lc.manifestOf.get(owner) ?? owner) : undefined);
    const cache = ctx.memo('live:declared-containers', () => new WeakMap<K8sObject, Set<string>>());
    let declared = declaredFrom ? cache.get(declaredFrom) : undefined;
    if (declaredFrom && !declared) {
      declared = new Set(allContainers(declaredFrom).map((c) => `${c.type}/${c.name}`));
      cache.set(declaredFrom, declared);
    }
    // fast path: every container name is declared (the common case for 10,000s of pods)
    const spec = o.ref.kind === 'Pod' ? obj(o.data.spec) : podTemplates(o)[0]?.spec;
    let suspicious = false;
    for (const [field, type] of CONTAINER_LISTS) {
      for (const c of arr(spec?.[field])) {
        const n = str(obj(c).name);
        if (allowed.has(n)) continue;
        if (declared ? !declared.has(`${type}/${n}`) : type === 'ephemeralContainer') suspicious = true;
      }
    }
    if (!suspicious) return;
    // one finding per workload and injected container (with the number of pods), not one per pod
    const seen = ctx.memo('live:injected-seen', () => new Map<string, Record<string, string>>());
    for (const c of allContainers(o)) {
      if (allowed.has(c.name)) continue;
      const isDeclared = declared?.has(`${c.type}/${c.name}`);
      if (isDeclared) continue;
      if (!declared && c.type !== 'ephemeralContainer') continue;
      const groupKey =
        owner && c.type !== 'ephemeralContainer'
          ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${c.type}/${c.name}`
          : undefined;
      const prev = groupKey ? seen.get(groupKey) : undefined;
      if (prev) {
        prev.pods = String(Number(prev.pods) + 1);
        continue;
      }
      const by = injectorOf(o, c);
      // a container of an admitted pod that its template does not declare was added while the pod
      // was admitted (mutating webhooks and policies own no field: managedFields do not name them)
      const atAdmission = o.origin === 'admission' && o.ref.kind === 'Pod' && c.type !== 'ephemeralContainer';
      const what =
        c.type === 'ephemeralContainer'
          ? 'ephemeral (debug) container'
          : `${c.type === 'initContainer' ? 'init ' : ''}container`;
      yield {
        path: c.path,
        message: `${what} ${c.name} (${str(c.container.image) || 'no image'}) is not declared in the ${lc.manifestOf.get(o) || (owner && lc.manifestOf.get(owner)) ? 'manifest' : 'workload template'}${by ? `; injected by ${by}` : atAdmission ? '; added at admission (a mutating webhook or policy)' : ''}`,
        details: (() => {
          const d: Record<string, string> = {
            container: c.name,
            image: str(c.container.image),
            type: c.type,
            ...(by ? { injectedBy: by } : {}),
            ...(atAdmission ? { introducedBy: 'admission' } : {}),
            ...(owner ? { owner: `${owner.ref.kind}/${owner.ref.name}`, pods: '1' } : {}),
          };
          if (groupKey) seen.set(groupKey, d);
          return d;
        })(),
      };
    }
  },
};

// ---------------------------------------------------------------------------------------------
function digestOf(image: string): string | undefined {
  const m = /@(sha256:[a-f0-9]{64})/.exec(image);
  return m ? m[1] : undefined;
}

/** Repository of an image reference without tag or digest. */
export function repoOf(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  return s;
}

const imageNotPinnedLive: Rule = {
  meta: meta({
    id: 'image-not-pinned-live',
    kinds: ['Pod'],
    title: 'Running image differs from the pinned digest',
    severity: 'medium',
    rationale:
      'A tag can be moved: the image the kubelet pulled may not be the one that was scanned and approved. The running image ID is the only proof of what executes.',
    remediation:
      'Pin images by digest in the manifest (or pass --expect-image NAME=DIGEST), make sure the registry tag was not overwritten, and restart pods still running an old image.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  }),
  *check(o, ctx) {
    if (o.ref.kind !== 'Pod') return;
    const lc = live(ctx, 'image-not-pinned-live');
    if (!lc) return;
    const owner = lc.ownerOf.get(o);
    const src = lc.manifestOf.get(o) ?? (owner ? lc.manifestOf.get(owner) : undefined);
    const cache = ctx.memo('live:declared-images', () => new WeakMap<K8sObject, Map<string, string>>());
    let declaredImages = src ? cache.get(src) : undefined;
    if (!declaredImages) {
      declaredImages = new Map((src ? allContainers(src) : []).map((c) => [c.name, str(c.container.image)]));
      if (src) cache.set(src, declaredImages);
    }
    const st = obj(o.data.status);
    const spec = obj(o.data.spec);
    let specImages: Map<string, string> | undefined;
    for (const cs0 of [...arr(st.initContainerStatuses), ...arr(st.containerStatuses)]) {
      const cs = obj(cs0);
      const running = digestOf(str(cs.imageID));
      if (!running) continue;
      const name = str(cs.name);
      specImages ??= new Map(
        CONTAINER_LISTS.flatMap(([f]) => arr(spec[f]).map((c) => [str(obj(c).name), str(obj(c).image)] as const)),
      );
      const image = specImages.get(name) ?? '';
      const expected =
        lc.expectImages.get(name) ??
        lc.expectImages.get(repoOf(image)) ??
        digestOf(declaredImages.get(name) ?? '') ??
        digestOf(image);
      if (!expected || running === expected) continue;
      const c = allContainers(o).find((x) => x.name === name);
      if (!c) continue;
      yield {
        path: [...c.path, 'image'],
        message: `container ${name} runs ${running.slice(0, 19)}… but ${expected.slice(0, 19)}… was expected`,
        details: { container: name, image, expected, running: str(cs.imageID) },
      };
    }
  },
};

// ---------------------------------------------------------------------------------------------
function secretRefsOfPodSpec(spec: JsonObject, add: (name: string) => void): void {
  for (const v of arr(spec.volumes).map(obj)) {
    if (obj(v.secret).secretName) add(str(obj(v.secret).secretName));
    for (const s of arr(obj(v.projected).sources).map(obj)) if (obj(s.secret).name) add(str(obj(s.secret).name));
    const csi = obj(obj(v.csi).nodePublishSecretRef);
    if (csi.name) add(str(csi.name));
  }
  for (const p of arr(spec.imagePullSecrets).map(obj)) if (p.name) add(str(p.name));
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of arr(spec[key]).map(obj)) {
      for (const e of arr(c.env).map(obj)) {
        const r = obj(obj(e.valueFrom).secretKeyRef);
        if (r.name) add(str(r.name));
      }
      for (const e of arr(c.envFrom).map(obj)) if (obj(e.secretRef).name) add(str(obj(e.secretRef).name));
    }
  }
}

/** `${namespace}/${secret}` -> service accounts (`ns/name`) of the pods that use it. */
function secretUsers(lc: LiveContext, objects: readonly K8sObject[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const use = (ns: string, name: string, sa: string) => {
    const k = `${ns}/${name}`;
    let s = out.get(k);
    if (!s) out.set(k, (s = new Set()));
    if (sa) s.add(sa);
  };
  const fromTemplates = (o: K8sObject) => {
    for (const t of podTemplates(o)) {
      const ns = o.ref.namespace ?? '';
      secretRefsOfPodSpec(t.spec, (n) => use(ns, n, `${ns}/${saName(t.spec)}`));
    }
  };
  for (const o of objects) fromTemplates(o);
  for (const p of lc.pods) {
    const ns = str(obj(p.metadata).namespace);
    const spec = obj(p.spec);
    secretRefsOfPodSpec(spec, (n) => use(ns, n, `${ns}/${saName(spec)}`));
  }
  for (const sa of lc.serviceAccounts) {
    const ns = str(obj(sa.metadata).namespace);
    for (const s of [...arr(sa.secrets), ...arr(sa.imagePullSecrets)].map(obj)) if (s.name) use(ns, str(s.name), '');
  }
  for (const ing of lc.ingresses) {
    const ns = str(obj(ing.metadata).namespace);
    for (const t of arr(obj(ing.spec).tls).map(obj)) if (t.secretName) use(ns, str(t.secretName), '');
  }
  return out;
}

const SYSTEM_SECRET_TYPES = new Set([
  'kubernetes.io/service-account-token',
  'helm.sh/release.v1',
  'bootstrap.kubernetes.io/token',
]);

const secretUnused: Rule = {
  meta: meta({
    id: 'secret-unused',
    title: 'Secret referenced by nothing',
    severity: 'low',
    rationale:
      'A Secret nothing uses is a credential nobody rotates or watches; it can still be read by everyone with access to Secrets in the namespace.',
    remediation:
      'Delete the Secret (and revoke the credential it holds) or reference it from the workload that needs it.',
    references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  }),
  *checkAll(ctx) {
    const lc = live(ctx, 'secret-unused');
    if (!lc?.secrets) return;
    const used = ctx.memo('live:secret-users', () => secretUsers(lc, ctx.objects));
    for (const s of lc.secrets) {
      const type = str(s.data.type);
      const name = s.ref.name;
      if (SYSTEM_SECRET_TYPES.has(type) || name.startsWith('sh.helm.release.')) continue;
      if (obj(mdOf(s).annotations)['kubernetes.io/service-account.name']) continue;
      if (used.has(`${s.ref.namespace ?? ''}/${name}`)) continue;
      yield {
        object: s,
        path: ['metadata', 'name'],
        message: `Secret ${name} is not referenced by any pod, service account or ingress`,
      };
    }
  },
};

// ---------------------------------------------------------------------------------------------
interface Grant {
  /** `ns/name` of a service account, or `group:<name>`. */
  subject: string;
  namespace?: string; // undefined: all namespaces
  via: string;
  names?: Set<string>;
  implicit?: string;
}

const READ = new Set(['get', 'list', 'watch', '*']);

function ruleGrants(rule: Json): { read: boolean; implicit?: string; names?: Set<string> } {
  const groups = arr(rule.apiGroups).map(String);
  const res = arr(rule.resources).map(String);
  const verbs = arr(rule.verbs).map(String);
  const names = arr(rule.resourceNames).map(String);
  const core = groups.includes('') || groups.includes('*');
  const anyGroup = groups.length > 0;
  const has = (r: string) => res.includes(r) || res.includes('*');
  const verb = (v: string) => verbs.includes(v) || verbs.includes('*');
  if (core && has('secrets') && verbs.some((v) => READ.has(v))) {
    return { read: true, ...(names.length ? { names: new Set(names) } : {}) };
  }
  // a create request names no object: a create rule limited to resourceNames allows no create
  const creates = verb('create') && !names.length;
  if (core && has('pods') && creates) return { read: false, implicit: 'create pods (mount any Secret)' };
  if (
    creates &&
    (groups.includes('apps') || groups.includes('batch') || groups.includes('*')) &&
    ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs'].some(has)
  )
    return { read: false, implicit: 'create workloads (mount any Secret)' };
  if (core && has('serviceaccounts/token') && verb('create'))
    return { read: false, implicit: 'create serviceaccounts/token' };
  if (anyGroup && verb('impersonate')) return { read: false, implicit: 'impersonate' };
  if ((groups.includes('rbac.authorization.k8s.io') || groups.includes('*')) && (verb('bind') || verb('escalate')))
    return { read: false, implicit: 'bind/escalate roles' };
  return { read: false };
}

function computeGrants(lc: LiveContext): Grant[] {
  const roles = new Map<string, Json>();
  for (const r of lc.rbac.roles) roles.set(`${str(obj(r.metadata).namespace)}/${str(obj(r.metadata).name)}`, r);
  const cr = new Map<string, Json>();
  for (const r of lc.rbac.clusterRoles) cr.set(str(obj(r.metadata).name), r);
  const out: Grant[] = [];
  const bind = (b: Json, ns: string | undefined) => {
    // bindings named system:* grant like any other (anyone who may create bindings can use the
    // prefix); the built-in ones bind kube-system's service accounts, skipped below
    const bname = str(obj(b.metadata).name);
    const ref = obj(b.roleRef);
    const role = ref.kind === 'Role' ? roles.get(`${ns}/${str(ref.name)}`) : cr.get(str(ref.name));
    if (!role) return;
    const via = `${ns ? 'RoleBinding' : 'ClusterRoleBinding'} ${bname} -> ${str(ref.kind)} ${str(ref.name)}`;
    for (const s of arr(b.subjects).map(obj)) {
      let subject: string | undefined;
      const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(str(s.name));
      if (s.kind === 'ServiceAccount') subject = `${str(s.namespace) || ns || ''}/${str(s.name)}`;
      // a ServiceAccount named as a User is that ServiceAccount (its token authenticates as that user)
      else if (s.kind === 'User' && sa) subject = `${sa[1]}/${sa[2]}`;
      // every ServiceAccount is in system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated
      else if (s.kind === 'Group' && /^system:(serviceaccounts(:[^:]+)?|authenticated)$/.test(str(s.name))) {
        subject = `group:${str(s.name)}`;
      }
      if (!subject || subject.startsWith('kube-system/')) continue;
      for (const rule of arr(role.rules).map(obj)) {
        const g = ruleGrants(rule);
        if (!g.read && !g.implicit) continue;
        out.push({
          subject,
          ...(ns ? { namespace: ns } : {}),
          via,
          ...(g.names ? { names: g.names } : {}),
          ...(g.implicit ? { implicit: g.implicit } : {}),
        });
      }
    }
  };
  for (const b of lc.rbac.roleBindings) bind(b, str(obj(b.metadata).namespace));
  for (const b of lc.rbac.clusterRoleBindings) bind(b, undefined);
  return out;
}

const secretReaders: Rule = {
  meta: meta({
    id: 'secret-readers',
    title: 'Secret readable by service accounts that do not use it',
    severity: 'high',
    rationale:
      "Every service account that can read a Secret (directly, or implicitly by creating pods, minting tokens, impersonating or binding roles) is one compromised pod away from leaking it. Readers beyond the Secret's own consumers widen the blast radius.",
    remediation:
      'Scope Roles to resourceNames, remove get/list/watch on secrets from broad roles, and keep pod creation, token creation, impersonation and bind/escalate away from workload service accounts.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    ],
  }),
  *checkAll(ctx) {
    const lc = live(ctx, 'secret-readers');
    if (!lc?.secrets) return;
    const grants = ctx.memo('live:secret-grants', () => computeGrants(lc));
    const used = ctx.memo('live:secret-users', () => secretUsers(lc, ctx.objects));
    for (const s of lc.secrets) {
      const ns = s.ref.namespace ?? '';
      if (SYSTEM_SECRET_TYPES.has(str(s.data.type))) continue;
      const consumers = used.get(`${ns}/${s.ref.name}`) ?? new Set<string>();
      const readers = new Map<string, string>();
      for (const g of grants) {
        if (g.namespace !== undefined && g.namespace !== ns) continue;
        if (g.names && !g.names.has(s.ref.name)) continue;
        if (consumers.has(g.subject)) continue;
        if (!readers.has(g.subject))
          readers.set(g.subject, g.implicit ? `${g.implicit} via ${g.via}` : `read via ${g.via}`);
      }
      if (!readers.size) continue;
      const list = [...readers.keys()].sort();
      yield {
        object: s,
        path: ['metadata', 'name'],
        message: `Secret ${s.ref.name} can be read by ${list.length} service account${list.length > 1 ? 's' : ''} that do not use it: ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`,
        details: {
          readers: list.slice(0, 50).join(', '),
          via: list
            .slice(0, 10)
            .map((k) => `${k}: ${readers.get(k)}`)
            .join(' | '),
        },
      };
    }
  },
};

// ---------------------------------------------------------------------------------------------
/** A namespace's Pod Security Admission level (`privileged` enforces nothing). */
export type PsaLevel = 'privileged' | 'baseline' | 'restricted';
const LEVELS: PsaLevel[] = ['privileged', 'baseline', 'restricted'];

const ENFORCE = 'pod-security.kubernetes.io/enforce';

const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

export function enforceLevel(ns: Json | undefined): PsaLevel | undefined {
  const l = str(obj(obj(ns?.metadata).labels)[ENFORCE]);
  return (LEVELS as string[]).includes(l) ? (l as PsaLevel) : undefined;
}

const podSecurityAdmission: Rule = {
  meta: meta({
    id: 'pod-security-admission',
    kinds: ['Namespace', 'Pod'],
    title: 'Namespace without Pod Security Admission enforcement',
    severity: 'medium',
    rationale:
      'Without an enforce label at baseline or restricted, the API server admits privileged pods into the namespace; pods admitted before a label was set keep running in violation of it.',
    remediation:
      'Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or baseline), with `enforce-version`, after checking with `kubectl label --dry-run=server`; restart or fix pods that violate the level.',
    example: 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/'],
  }),
  *check(o, ctx) {
    const lc = live(ctx, 'pod-security-admission');
    if (!lc) return;
    if (o.ref.kind === 'Namespace') {
      const labels = obj(mdOf(o).labels);
      const raw = labels[ENFORCE];
      const level = enforceLevel(o.data);
      if (raw === undefined) {
        yield {
          path: ['metadata', 'labels', ENFORCE],
          message: `namespace ${o.ref.name} has no ${ENFORCE} label: privileged pods are admitted`,
        };
      } else if (!level) {
        yield {
          path: ['metadata', 'labels', ENFORCE],
          message: `namespace ${o.ref.name} has an invalid enforce level "${str(raw)}"`,
        };
      } else if (level === 'privileged') {
        yield {
          path: ['metadata', 'labels', ENFORCE],
          message: `namespace ${o.ref.name} enforces "privileged": below baseline`,
        };
      }
      return;
    }
    if (o.ref.kind !== 'Pod') return;
    const level = enforceLevel(lc.namespaces.get(o.ref.namespace ?? ''));
    if (!level || level === 'privileged') return;
    const spec = obj(o.data.spec);
    // pods of one template revision share their spec: judge it once
    const owner = lc.ownerOf.get(o);
    const labels = obj(mdOf(o).labels);
    const rev = str(labels['pod-template-hash'] ?? labels['controller-revision-hash']);
    const key =
      owner && rev
        ? `${owner.ref.kind}/${owner.ref.namespace}/${owner.ref.name}|${rev}|${level}|${CONTAINER_LISTS.map(([f]) =>
            arr(spec[f])
              .map((c) => str(obj(c).name))
              .join(','),
          ).join(';')}`
        : undefined;
    const version = str(obj(obj(lc.namespaces.get(o.ref.namespace ?? '')?.metadata).labels)[ENFORCE_VERSION]);
    const cache = ctx.memo('live:pss', () => new Map<string, string[]>());
    let v = key ? cache.get(`${key}|${version}`) : undefined;
    if (!v) {
      // the Pod Security Standards as the catalog's pss rules judge them (rules/pss.ts)
      v = [...new Set(podSecurityViolations(o, level, version || 'latest').map((x) => `${x.ruleId}: ${x.message}`))];
      if (key) cache.set(`${key}|${version}`, v);
    }
    if (!v.length) return;
    yield {
      path: ['spec'],
      message: `running pod ${o.ref.name} violates the namespace's enforced "${level}" level: ${v.slice(0, 4).join('; ')}${v.length > 4 ? '; …' : ''}`,
      details: { level, violations: v.join('; ') },
    };
  },
};

// ---------------------------------------------------------------------------------------------
const warningEvents: Rule = {
  meta: meta({
    id: 'warning-events',
    title: 'Warning events on deployed objects',
    severity: 'low',
    rationale:
      'Warning events (failed mounts, failed scheduling, probe failures, admission warnings) are how the cluster reports trouble that does not always stop a rollout.',
    remediation: 'Read the events with `kubectl events --for <kind>/<name> --types=Warning` and fix the cause.',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/'],
  }),
  *check(o, ctx) {
    if (o.origin === 'manifest') return;
    const lc = live(ctx, 'warning-events');
    if (!lc) return;
    const evs = lc.events.get(objKey(o.ref.kind, o.ref.namespace, o.ref.name));
    if (!evs?.length) return;
    if (lc.manifestsGiven) {
      const owner = lc.ownerOf.get(o);
      if (!lc.manifestOf.has(o) && !(owner && lc.manifestOf.has(owner))) return;
    }
    const reasons = [...new Set(evs.map((e) => str(e.reason)))];
    const count = evs.reduce((n, e) => n + (typeof e.count === 'number' ? e.count : 1), 0);
    const msgs = evs.slice(0, 3).map((e) => `${str(e.reason)}: ${str(e.message)}`.slice(0, 200));
    yield {
      path: [],
      message: `${count} Warning event${count > 1 ? 's' : ''} on ${o.ref.kind} ${o.ref.name}: ${msgs.join(' | ')}`,
      details: { reasons: reasons.join(', '), events: msgs.join(' | '), count: String(count) },
    };
  },
};

export const rules: Rule[] = [
  rolloutFailed,
  podCrashloop,
  drift,
  unexpectedContainer,
  imageNotPinnedLive,
  secretUnused,
  secretReaders,
  podSecurityAdmission,
  warningEvents,
];
