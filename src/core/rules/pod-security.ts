/**
 * Pod security: the Pod Security Standards (baseline and restricted) controls, per container.
 *
 * Two shapes of check, as the Pod Security admission controller judges them:
 * - "forbidden value" controls (runAsUser 0, seccomp Unconfined, custom SELinux, hostProcess ...)
 *   look at the pod-level field and at each container's own field independently: a bad pod-level
 *   value is one finding on the pod (covering every container that inherits it).
 * - "required value" controls (runAsNonRoot, a seccomp profile, a high uid ...) resolve each
 *   container's effective value (container over pod); a container satisfied by the pod passes, and
 *   containers failing because of the same pod-level value share one finding at that value.
 */
import type { FieldPath, Fix } from '../model.ts';
import { formatPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import {
  allContainers,
  boolOf,
  containersOf,
  effective,
  get,
  isObj,
  numOf,
  podAnnotations,
  podTemplates,
  type ContainerInfo,
  type PodTemplate,
} from './podspec.ts';
import type { Rule, Violation } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const SECURITY_CONTEXT = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';
const SECCOMP = 'https://kubernetes.io/docs/tutorials/security/seccomp/';
const APPARMOR = 'https://kubernetes.io/docs/tutorials/security/apparmor/';
const CAPABILITIES = 'https://man7.org/linux/man-pages/man7/capabilities.7.html';
const SYSCTLS = 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/';
const USERNS = 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/';
const HOSTPROCESS = 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/';
const HOST_ALIASES = 'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/';

// ---------------------------------------------------------------------------------------------
// helpers (exported for the volumes family and tests)

/** `container "web"`, `initContainer "migrate"`. */
export function who(c: ContainerInfo): string {
  return `${c.type} "${c.name}"`;
}

/** Pods with `spec.os.name: windows`: PSS exempts them from Linux-only controls. */
export function isWindows(t: PodTemplate): boolean {
  const os = t.spec.os;
  return isObj(os) && typeof os.name === 'string' && os.name.toLowerCase() === 'windows';
}

/** A capability name as the runtime reads it: upper case, without the `CAP_` prefix. */
export function capName(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const u = v.trim().toUpperCase();
  return u.startsWith('CAP_') ? u.slice(4) : u;
}

interface Cap {
  name: string;
  path: FieldPath;
}

/**
 * The container's `capabilities.add` or `.drop` entries, normalised (upper case, no `CAP_`), or
 * `exact`: as written, the way the Pod Security admission controller compares them.
 */
export function capsOf(c: ContainerInfo, list: 'add' | 'drop', exact = false): Cap[] {
  const base: FieldPath = [...c.path, 'securityContext', 'capabilities', list];
  const v = get(c.container, ['securityContext', 'capabilities', list]);
  if (!Array.isArray(v)) return [];
  const out: Cap[] = [];
  v.forEach((x, i) => {
    const name = exact ? (typeof x === 'string' ? x : undefined) : capName(x);
    if (name) out.push({ name, path: [...base, i] });
  });
  return out;
}

function containerDetails(c: ContainerInfo): Record<string, string> {
  return { container: c.name, containerType: c.type };
}

/** One container failing a "required value" control, at `path` (container's or pod's field). */
interface Hit {
  c: ContainerInfo;
  path: FieldPath;
  /** Message given the text naming the container(s). */
  message: (names: string) => string;
  fix?: Fix;
}

/** Merges hits that point at the same (pod-level) field into one violation naming every container. */
function* grouped(hits: Hit[]): Generator<Violation> {
  const groups = new Map<string, Hit[]>();
  for (const h of hits) {
    const k = formatPath(h.path);
    const g = groups.get(k);
    if (g) g.push(h);
    else groups.set(k, [h]);
  }
  for (const hs of groups.values()) {
    const h = hs[0];
    const names = hs.map((x) => who(x.c)).join(', ');
    yield {
      path: h.path,
      message: h.message(names),
      ...(h.fix ? { fix: h.fix } : {}),
      details: hs.length === 1 ? containerDetails(h.c) : { containers: hs.map((x) => x.c.name).join(', ') },
    };
  }
}

function setFix(description: string, path: FieldPath, value: unknown): Fix {
  return { description, set: [{ path, value }] };
}

/** The pod-level securityContext field path and value. */
function podField(t: PodTemplate, field: string): { value: unknown; path: FieldPath } {
  return { value: get(t.spec, ['securityContext', field]), path: [...t.specPath, 'securityContext', field] };
}

/** The container's own securityContext field (no inheritance). */
function ownField(c: ContainerInfo, field: string): { value: unknown; path: FieldPath } {
  return { value: get(c.container, ['securityContext', field]), path: [...c.path, 'securityContext', field] };
}

/** A profile (seccomp or AppArmor) as Kubernetes resolves it, with where it was found. */
export interface ProfileSetting {
  /** RuntimeDefault, Localhost, Unconfined, or the raw (invalid) value. */
  type: string;
  path: FieldPath;
  source: 'field' | 'annotation';
  from: 'container' | 'pod';
}

const LEGACY_SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const LEGACY_SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const LEGACY_APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';

/** Annotation value (`runtime/default`, `docker/default`, `localhost/x`, `unconfined`) as a field type. */
function annotationProfileType(v: string): string {
  const s = v.trim();
  if (s === 'runtime/default' || s === 'docker/default') return 'RuntimeDefault';
  if (s.startsWith('localhost/')) return 'Localhost';
  if (s === 'unconfined') return 'Unconfined';
  return s;
}

function fieldProfile(v: unknown, path: FieldPath, from: 'container' | 'pod'): ProfileSetting | undefined {
  if (!isObj(v)) return undefined;
  const type = typeof v.type === 'string' ? v.type : '';
  return { type, path: [...path, 'type'], source: 'field', from };
}

/**
 * The seccomp profile a container runs with: container field, container's legacy annotation,
 * pod field, pod's legacy annotation (the order the kubelet applied them in).
 */
export function seccompOf(c: ContainerInfo): ProfileSetting | undefined {
  const t = c.template;
  const ann = podAnnotations(t);
  const own = ownField(c, 'seccompProfile');
  const fromField = fieldProfile(own.value, own.path, 'container');
  if (fromField) return fromField;
  const ckey = LEGACY_SECCOMP_CONTAINER + c.name;
  if (ann[ckey] !== undefined)
    return {
      type: annotationProfileType(ann[ckey]),
      path: [...t.metaPath, 'annotations', ckey],
      source: 'annotation',
      from: 'container',
    };
  const pod = podField(t, 'seccompProfile');
  const fromPod = fieldProfile(pod.value, pod.path, 'pod');
  if (fromPod) return fromPod;
  if (ann[LEGACY_SECCOMP_POD] !== undefined)
    return {
      type: annotationProfileType(ann[LEGACY_SECCOMP_POD]),
      path: [...t.metaPath, 'annotations', LEGACY_SECCOMP_POD],
      source: 'annotation',
      from: 'pod',
    };
  return undefined;
}

/** The seccomp profile from the securityContext fields alone (container over pod). */
export function seccompFieldOf(c: ContainerInfo): ProfileSetting | undefined {
  const own = ownField(c, 'seccompProfile');
  const pod = podField(c.template, 'seccompProfile');
  return fieldProfile(own.value, own.path, 'container') ?? fieldProfile(pod.value, pod.path, 'pod');
}

/** The AppArmor profile of a container: container field, legacy annotation, pod field. */
export function appArmorOf(c: ContainerInfo): ProfileSetting | undefined {
  const t = c.template;
  const own = ownField(c, 'appArmorProfile');
  const fromField = fieldProfile(own.value, own.path, 'container');
  if (fromField) return fromField;
  const ann = podAnnotations(t);
  const key = LEGACY_APPARMOR_CONTAINER + c.name;
  if (ann[key] !== undefined)
    return {
      type: annotationProfileType(ann[key]),
      path: [...t.metaPath, 'annotations', key],
      source: 'annotation',
      from: 'container',
    };
  const pod = podField(t, 'appArmorProfile');
  return fieldProfile(pod.value, pod.path, 'pod');
}

/** A windowsOptions sub-field: Kubernetes merges windowsOptions field by field (container over pod). */
export function windowsOption(c: ContainerInfo, field: string): { value: unknown; path: FieldPath } {
  const own = get(c.container, ['securityContext', 'windowsOptions', field]);
  if (own !== undefined && own !== null)
    return { value: own, path: [...c.path, 'securityContext', 'windowsOptions', field] };
  const pod = get(c.template.spec, ['securityContext', 'windowsOptions', field]);
  if (pod !== undefined && pod !== null)
    return { value: pod, path: [...c.template.specPath, 'securityContext', 'windowsOptions', field] };
  return { value: undefined, path: [...c.path, 'securityContext', 'windowsOptions', field] };
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}

// ---------------------------------------------------------------------------------------------
// rules

export const privilegedContainer: Rule = {
  meta: {
    id: 'privileged-container',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Privileged container',
    severity: 'critical',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.2.2',
    rationale:
      'A privileged container runs with all capabilities and full access to the host devices: a compromise of the container is a compromise of the node.',
    remediation:
      'Remove `privileged: true`, or set it to false. Grant only the specific capabilities the workload needs.',
    example: 'securityContext:\n  privileged: false',
    references: [PSS, SECURITY_CONTEXT],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const r = effective(c, 'privileged');
      if (boolOf(r.value) === true) {
        yield {
          path: r.path,
          message: `${who(c)} runs privileged`,
          fix: setFix('set privileged: false', r.path, false),
          details: containerDetails(c),
        };
      }
    }
  },
};

export const privilegeEscalation: Rule = {
  meta: {
    id: 'privilege-escalation',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Privilege escalation allowed',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'restricted',
    cis: '5.2.6',
    rationale:
      'Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent (setuid binaries, file capabilities): it defaults to true. A privileged container or one with CAP_SYS_ADMIN can always escalate.',
    remediation:
      'Set `securityContext.allowPrivilegeEscalation: false` on every container (init and ephemeral ones too), and do not run it privileged or with CAP_SYS_ADMIN.',
    example: 'securityContext:\n  allowPrivilegeEscalation: false',
    references: [PSS, SECURITY_CONTEXT],
  },
  *check(obj, ctx) {
    for (const c of allContainers(obj)) {
      if (isWindows(c.template)) continue;
      const ape = ownField(c, 'allowPrivilegeEscalation');
      const flag = boolOf(ape.value);
      // privileged or CAP_SYS_ADMIN always escalate (the API rejects them with allowPrivilegeEscalation: false)
      const priv = ownField(c, 'privileged');
      const sysAdmin = capsOf(c, 'add').find((x) => x.name === 'SYS_ADMIN' || x.name === 'ALL');
      const escalator =
        boolOf(priv.value) === true
          ? { path: priv.path, what: 'it runs privileged' }
          : sysAdmin
            ? { path: sysAdmin.path, what: `it adds ${sysAdmin.name === 'ALL' ? 'ALL capabilities' : 'CAP_SYS_ADMIN'}` }
            : undefined;
      if (flag !== false) {
        const base =
          flag === true
            ? `${who(c)} sets allowPrivilegeEscalation: true`
            : `${who(c)} does not set allowPrivilegeEscalation: false (it defaults to true)`;
        yield {
          path: ape.path,
          message: escalator ? `${base}, and ${escalator.what}, which always allows escalation` : base,
          // with privileged or CAP_SYS_ADMIN, false is rejected by the API server: remove those first
          ...(escalator ? {} : { fix: setFix('set allowPrivilegeEscalation: false', ape.path, false) }),
          details: containerDetails(c),
        };
      } else if (escalator && !ctx.pssLevel) {
        // not a control of its own in the standard: privileged and added capabilities are
        yield {
          path: escalator.path,
          message: `${who(c)} can escalate privileges: ${escalator.what}, which overrides allowPrivilegeEscalation: false`,
          details: containerDetails(c),
        };
      }
    }
  },
};

export const runAsNonRoot: Rule = {
  meta: {
    id: 'run-as-non-root',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Container may run as root',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'restricted',
    cis: '5.2.7',
    rationale:
      'Without `runAsNonRoot: true` (or a non-zero `runAsUser`), the container runs as whatever user the image declares, often root. Root in a container is one kernel bug or misconfiguration away from root on the node.',
    remediation:
      'Set `runAsNonRoot: true` in the pod securityContext (it applies to every container) or per container, and run the image as a non-root user (`runAsUser` above 0).',
    example: 'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001',
    references: [PSS, SECURITY_CONTEXT],
  },
  *check(obj, ctx) {
    if (ctx.pssLevel) {
      yield* pssRunAsNonRoot(obj);
      return;
    }
    const hits: Hit[] = [];
    for (const c of allContainers(obj)) {
      const nonRoot = effective(c, 'runAsNonRoot');
      if (boolOf(nonRoot.value) === true) continue;
      const user = numOf(effective(c, 'runAsUser').value);
      if (user !== undefined && user > 0) continue;
      if (isWindows(c.template)) {
        const name = windowsOption(c, 'runAsUserName').value;
        if (typeof name === 'string' && name !== '' && name.toLowerCase() !== 'containeradministrator') continue;
      }
      const explicitFalse = boolOf(nonRoot.value) === false;
      const path = explicitFalse ? nonRoot.path : [...c.path, 'securityContext', 'runAsNonRoot'];
      const why =
        user === 0
          ? 'runs as root (runAsUser: 0)'
          : explicitFalse
            ? `may run as root (runAsNonRoot: false${nonRoot.from === 'pod' ? ' on the pod' : ''})`
            : 'may run as root: neither runAsNonRoot: true nor a runAsUser above 0 is set';
      hits.push({
        c,
        path,
        message: (names) => `${names} ${why}`,
        // with runAsUser 0, runAsNonRoot: true would stop the container from starting: no quick fix
        ...(user === 0 ? {} : { fix: setFix('set runAsNonRoot: true', path, true) }),
      });
    }
    yield* grouped(hits);
  },
};

/**
 * The standard's "Running as Non-root" control as the admission controller checks it: only
 * `runAsNonRoot: true` counts (a non-zero runAsUser does not), the pod must not set it false,
 * and each container sets true itself or inherits the pod's true without overriding it.
 */
function* pssRunAsNonRoot(obj: K8sObject): Generator<Violation> {
  for (const t of podTemplates(obj)) {
    const pod = podField(t, 'runAsNonRoot');
    const podValue = boolOf(pod.value);
    if (podValue === false) yield { path: pod.path, message: 'the pod securityContext sets runAsNonRoot: false' };
    for (const c of containersOf(t)) {
      const own = ownField(c, 'runAsNonRoot');
      const v = boolOf(own.value);
      if (v === false) yield { path: own.path, message: `${who(c)} sets runAsNonRoot: false` };
      else if (v === undefined && podValue !== true)
        yield { path: own.path, message: `${who(c)} does not set runAsNonRoot: true (nor does the pod)` };
    }
  }
}

export const runAsRootUser: Rule = {
  meta: {
    id: 'run-as-root-user',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Container runs as uid 0',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'restricted',
    cis: '5.2.7',
    rationale:
      '`runAsUser: 0` explicitly runs the process as root, whatever the image declares. The restricted Pod Security Standard forbids it on the pod and on every container.',
    remediation:
      'Set `runAsUser` to a non-zero uid (ideally 10000 or above), or remove it and set `runAsNonRoot: true`.',
    example: 'securityContext:\n  runAsUser: 10001\n  runAsNonRoot: true',
    references: [PSS, SECURITY_CONTEXT],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const pod = podField(t, 'runAsUser');
      if (numOf(pod.value) === 0) yield { path: pod.path, message: 'the pod securityContext sets runAsUser: 0 (root)' };
    }
    for (const c of allContainers(obj)) {
      const own = ownField(c, 'runAsUser');
      if (numOf(own.value) === 0)
        yield { path: own.path, message: `${who(c)} sets runAsUser: 0 (root)`, details: containerDetails(c) };
    }
  },
};

export const lowUid: Rule = {
  meta: {
    id: 'low-uid',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Container uid below 10000',
    severity: 'low',
    enabledByDefault: false,
    category: 'pod-security',
    rationale:
      'A uid below 10000 may collide with a user that exists on the node (system accounts, users of other tools). Should the container escape, it would act as that user. User namespaces (`hostUsers: false`) remove the risk.',
    remediation:
      'Set `runAsUser` to 10000 or above (pod or container), or run the pod in a user namespace with `hostUsers: false`.',
    example: 'spec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001',
    references: [SECURITY_CONTEXT, USERNS],
    options: {
      threshold: {
        type: 'number',
        description: 'Smallest acceptable uid (runAsUser below it is reported).',
        default: 10000,
      },
    },
  },
  *check(obj, ctx) {
    const min = numOf(ctx.options.threshold) ?? 10000;
    const hits: Hit[] = [];
    for (const c of allContainers(obj)) {
      const t = c.template;
      if (isWindows(t) || boolOf(t.spec.hostUsers) === false) continue;
      const r = effective(c, 'runAsUser');
      const uid = numOf(r.value);
      if (uid !== undefined && uid >= min) continue;
      hits.push({
        c,
        path: r.path,
        message: (names) =>
          uid === undefined
            ? `${names} sets no runAsUser: the image's user (possibly root or a low uid) applies`
            : `${names} runs as uid ${uid}${r.from === 'pod' ? ' (from the pod)' : ''}, below ${min}`,
      });
    }
    yield* grouped(hits);
  },
};

export const rootGroup: Rule = {
  meta: {
    id: 'root-group',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Root group (gid 0)',
    severity: 'low',
    enabledByDefault: true,
    category: 'pod-security',
    rationale:
      'Group 0 (root) owns many sensitive files on the host and in images. Running with gid 0, or giving it as fsGroup or a supplemental group, grants that access to the container processes.',
    remediation: 'Use a non-zero `runAsGroup`, `fsGroup` and `supplementalGroups` (10000 or above).',
    example: 'spec:\n  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001',
    references: [SECURITY_CONTEXT],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      for (const field of ['runAsGroup', 'fsGroup']) {
        const p = podField(t, field);
        if (numOf(p.value) === 0)
          yield { path: p.path, message: `the pod securityContext sets ${field}: 0 (root group)` };
      }
      const sg = get(t.spec, ['securityContext', 'supplementalGroups']);
      if (Array.isArray(sg)) {
        const i = sg.findIndex((g) => numOf(g) === 0);
        if (i >= 0)
          yield {
            path: [...t.specPath, 'securityContext', 'supplementalGroups', i],
            message: 'the pod securityContext adds supplemental group 0 (root group)',
          };
      }
    }
    for (const c of allContainers(obj)) {
      const own = ownField(c, 'runAsGroup');
      if (numOf(own.value) === 0)
        yield { path: own.path, message: `${who(c)} sets runAsGroup: 0 (root group)`, details: containerDetails(c) };
    }
  },
};

export const readOnlyRootFs: Rule = {
  meta: {
    id: 'read-only-root-fs',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Writable root filesystem',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    cis: '5.7.3',
    rationale:
      "A writable root filesystem lets an attacker drop tools, modify binaries or persist in the container. An immutable root filesystem also keeps the container's state in volumes you chose.",
    remediation:
      'Set `readOnlyRootFilesystem: true` on every container and mount an `emptyDir` where the application needs to write (/tmp, caches).',
    example:
      'securityContext:\n  readOnlyRootFilesystem: true\nvolumeMounts:\n  - name: tmp\n    mountPath: /tmp\n# volumes:\n#   - name: tmp\n#     emptyDir: {}',
    references: [SECURITY_CONTEXT],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      if (isWindows(c.template)) continue; // not supported on Windows
      const r = ownField(c, 'readOnlyRootFilesystem');
      const v = boolOf(r.value);
      if (v === true) continue;
      yield {
        path: r.path,
        message:
          v === false
            ? `${who(c)} sets readOnlyRootFilesystem: false`
            : `${who(c)} does not set readOnlyRootFilesystem: true`,
        fix: setFix('set readOnlyRootFilesystem: true', r.path, true),
        details: containerDetails(c),
      };
    }
  },
};

export const capabilitiesDropAll: Rule = {
  meta: {
    id: 'capabilities-drop-all',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Capabilities not dropped',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'restricted',
    cis: '5.2.10',
    rationale:
      'Container runtimes grant a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID ...). Few applications need any of them; each is attack surface. Only `"ALL"`, spelled so, satisfies the restricted standard: the admission controller rejects `all` and `CAP_ALL`.',
    remediation:
      'Drop all capabilities with `capabilities.drop: ["ALL"]` (upper case, no `CAP_` prefix) and add back only what the process needs (at most NET_BIND_SERVICE under the restricted standard).',
    example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
    references: [PSS, CAPABILITIES],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      if (isWindows(c.template)) continue;
      // exactly "ALL", as the admission controller (and the restricted standard) reads it
      const drop = capsOf(c, 'drop', true);
      if (drop.some((x) => x.name === 'ALL')) continue;
      const near = drop.find((x) => capName(x.name) === 'ALL');
      const path: FieldPath = [...c.path, 'securityContext', 'capabilities', 'drop'];
      yield {
        path,
        message: near
          ? `${who(c)} drops "${near.name}", not "ALL": the restricted standard only accepts "ALL"`
          : `${who(c)} does not drop "ALL" capabilities`,
        fix: setFix('drop all capabilities', path, ['ALL']),
        details: containerDetails(c),
      };
    }
  },
};

export const netRawCapability: Rule = {
  meta: {
    id: 'net-raw-capability',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'NET_RAW capability',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.2.8',
    rationale:
      'NET_RAW, granted by default by most runtimes, lets a process craft raw packets: ARP and DNS spoofing against other pods on the node, and it was the way in for several kernel exploits.',
    remediation: 'Drop it, with `capabilities.drop: ["ALL"]` (preferred) or `["NET_RAW"]`, and do not add it.',
    example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
    references: [PSS, CAPABILITIES],
  },
  *check(obj, ctx) {
    // as a Pod Security control, adding NET_RAW is judged by the capabilities control
    // (dangerous-capabilities), and the standard does not require dropping it
    if (ctx.pssLevel) return;
    for (const c of allContainers(obj)) {
      const added = capsOf(c, 'add').find((x) => x.name === 'NET_RAW');
      if (added) {
        yield { path: added.path, message: `${who(c)} adds NET_RAW`, details: containerDetails(c) };
        continue;
      }
      if (isWindows(c.template)) continue;
      const drop = capsOf(c, 'drop');
      if (drop.some((x) => x.name === 'ALL' || x.name === 'NET_RAW')) continue;
      const path: FieldPath = [...c.path, 'securityContext', 'capabilities', 'drop'];
      yield {
        path,
        message: `${who(c)} does not drop NET_RAW (granted by default)`,
        // the same value as capabilities-drop-all's fix, so applying both is consistent
        fix: setFix('drop all capabilities (NET_RAW included)', path, ['ALL']),
        details: containerDetails(c),
      };
    }
  },
};

/** Capabilities the baseline Pod Security Standard allows to add (the runtimes' default set). */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Capabilities that give a container host-level power. */
export const DANGEROUS_CAPABILITIES = [
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'BPF',
  'PERFMON',
  'DAC_READ_SEARCH',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SYSLOG',
  'LINUX_IMMUTABLE',
  'CHECKPOINT_RESTORE',
];

export const dangerousCapabilities: Rule = {
  meta: {
    id: 'dangerous-capabilities',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Dangerous capability added',
    severity: 'critical',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.2.9',
    rationale:
      'Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_MODULE, SYS_PTRACE or BPF are close to root on the node: mounting filesystems, loading kernel modules, reading other processes, reconfiguring the network.',
    remediation:
      'Remove these capabilities from `capabilities.add`. If a component truly needs one (a CNI plugin, a node agent), isolate it in its own namespace and exempt it explicitly with a reason.',
    example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
    references: [PSS, CAPABILITIES],
    options: {
      capabilities: {
        type: 'string[]',
        description: 'Capabilities reported as dangerous (without the CAP_ prefix).',
        default: DANGEROUS_CAPABILITIES,
      },
    },
  },
  *check(obj, ctx) {
    const list = (stringList(ctx.options.capabilities) ?? DANGEROUS_CAPABILITIES).map((x) => capName(x) ?? x);
    const dangerous = new Set(list);
    // as the Pod Security control: every capability outside the baseline's default set
    const isBad = ctx.pssLevel ? (n: string) => !BASELINE_CAPABILITIES.has(n) : (n: string) => dangerous.has(n);
    for (const c of allContainers(obj)) {
      // as the Pod Security control, names are compared as written (`chown` is not CHOWN)
      const bad = capsOf(c, 'add', !!ctx.pssLevel).filter((x) => isBad(x.name));
      if (!bad.length) continue;
      yield {
        path: bad[0].path,
        message: `${who(c)} adds ${bad.map((x) => x.name).join(', ')}`,
        details: { ...containerDetails(c), capabilities: bad.map((x) => x.name).join(',') },
      };
    }
  },
};

export const addedCapabilities: Rule = {
  meta: {
    id: 'added-capabilities',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Capability added beyond NET_BIND_SERVICE',
    severity: 'low',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'restricted',
    cis: '5.2.9',
    rationale:
      'The restricted Pod Security Standard allows adding only NET_BIND_SERVICE. Every other added capability widens what a compromised process can do.',
    remediation:
      'Remove the capability from `capabilities.add`, or listen on a port above 1023 instead of adding capabilities.',
    example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
    references: [PSS, CAPABILITIES],
    options: {
      allowed: {
        type: 'string[]',
        description: 'Capabilities that may be added.',
        default: ['NET_BIND_SERVICE'],
      },
    },
  },
  *check(obj, ctx) {
    const allowed = new Set(
      ctx.pssLevel
        ? ['NET_BIND_SERVICE']
        : (stringList(ctx.options.allowed) ?? ['NET_BIND_SERVICE']).map((x) => capName(x) ?? x),
    );
    for (const c of allContainers(obj)) {
      if (isWindows(c.template)) continue;
      const extra = capsOf(c, 'add', !!ctx.pssLevel).filter((x) => !allowed.has(x.name));
      if (!extra.length) continue;
      yield {
        path: extra[0].path,
        message: `${who(c)} adds ${extra.map((x) => x.name).join(', ')} (only NET_BIND_SERVICE is allowed)`,
        details: { ...containerDetails(c), capabilities: extra.map((x) => x.name).join(',') },
      };
    }
  },
};

export const seccompProfile: Rule = {
  meta: {
    id: 'seccomp-profile',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'No seccomp profile',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'restricted',
    cis: '5.7.2',
    rationale:
      'Without a seccomp profile the container can call every system call of the kernel, including the rarely used ones that most kernel exploits go through. The RuntimeDefault profile blocks them at almost no compatibility cost.',
    remediation:
      'Set `seccompProfile: {type: RuntimeDefault}` in the pod securityContext (it applies to every container), or a `Localhost` profile.',
    example: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
    references: [PSS, SECCOMP],
  },
  *check(obj, ctx) {
    const hits: Hit[] = [];
    for (const c of allContainers(obj)) {
      if (isWindows(c.template)) continue;
      // the admission controller reads the fields only: a legacy annotation does not satisfy it
      const p = ctx.pssLevel ? seccompFieldOf(c) : seccompOf(c);
      if (p && (p.type === 'RuntimeDefault' || p.type === 'Localhost')) continue;
      if (!p) {
        const path: FieldPath = [...c.path, 'securityContext', 'seccompProfile'];
        hits.push({
          c,
          path,
          message: (names) => `${names} has no seccomp profile (neither on the container nor on the pod)`,
          fix: setFix('set seccompProfile type RuntimeDefault', path, { type: 'RuntimeDefault' }),
        });
        continue;
      }
      const where =
        p.source === 'annotation' ? 'annotation' : p.from === 'pod' ? 'pod securityContext' : 'securityContext';
      hits.push({
        c,
        path: p.path,
        message: (names) =>
          `${names} runs with seccomp profile ${p.type || '(empty)'} (from the ${where}), not RuntimeDefault or Localhost`,
        ...(p.source === 'field'
          ? { fix: setFix('set seccompProfile type RuntimeDefault', p.path, 'RuntimeDefault') }
          : {}),
      });
    }
    yield* grouped(hits);
  },
};

export const seccompUnconfined: Rule = {
  meta: {
    id: 'seccomp-unconfined',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Seccomp explicitly unconfined',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.7.2',
    rationale:
      'An Unconfined seccomp profile removes the system call filter that the runtime would otherwise apply, exposing the whole kernel attack surface.',
    remediation: 'Use `seccompProfile: {type: RuntimeDefault}` or a Localhost profile tailored to the application.',
    example: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
    references: [PSS, SECCOMP],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const p = fieldProfile(podField(t, 'seccompProfile').value, podField(t, 'seccompProfile').path, 'pod');
      if (p?.type === 'Unconfined')
        yield {
          path: p.path,
          message: 'the pod securityContext sets seccomp profile Unconfined',
          fix: setFix('set seccompProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
        };
      const ann = podAnnotations(t)[LEGACY_SECCOMP_POD];
      if (!p && ann !== undefined && annotationProfileType(ann) === 'Unconfined')
        yield {
          path: [...t.metaPath, 'annotations', LEGACY_SECCOMP_POD],
          message: `the pod annotation ${LEGACY_SECCOMP_POD} is unconfined`,
        };
    }
    for (const c of allContainers(obj)) {
      const own = ownField(c, 'seccompProfile');
      const p = fieldProfile(own.value, own.path, 'container');
      if (p?.type === 'Unconfined') {
        yield {
          path: p.path,
          message: `${who(c)} sets seccomp profile Unconfined`,
          fix: setFix('set seccompProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
          details: containerDetails(c),
        };
        continue;
      }
      const key = LEGACY_SECCOMP_CONTAINER + c.name;
      const ann = podAnnotations(c.template)[key];
      if (!p && ann !== undefined && annotationProfileType(ann) === 'Unconfined')
        yield {
          path: [...c.template.metaPath, 'annotations', key],
          message: `${who(c)} is unconfined by the annotation ${key}`,
          details: containerDetails(c),
        };
    }
  },
};

export const apparmorUnconfined: Rule = {
  meta: {
    id: 'apparmor-unconfined',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'AppArmor unconfined',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    rationale:
      "On nodes with AppArmor, the runtime's default profile restricts mounts, /proc and /sys writes and more. Unconfined removes that layer.",
    remediation:
      'Remove the Unconfined profile (the runtime default then applies), or set `appArmorProfile: {type: RuntimeDefault}` or a Localhost profile.',
    example: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
    references: [PSS, APPARMOR],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const pod = podField(t, 'appArmorProfile');
      const p = fieldProfile(pod.value, pod.path, 'pod');
      if (p?.type === 'Unconfined')
        yield {
          path: p.path,
          message: 'the pod securityContext sets AppArmor profile Unconfined',
          fix: setFix('set appArmorProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
        };
    }
    for (const c of allContainers(obj)) {
      const own = ownField(c, 'appArmorProfile');
      const p = fieldProfile(own.value, own.path, 'container');
      if (p?.type === 'Unconfined') {
        yield {
          path: p.path,
          message: `${who(c)} sets AppArmor profile Unconfined`,
          fix: setFix('set appArmorProfile type RuntimeDefault', p.path, 'RuntimeDefault'),
          details: containerDetails(c),
        };
        continue;
      }
      const key = LEGACY_APPARMOR_CONTAINER + c.name;
      const ann = podAnnotations(c.template)[key];
      if (!p && ann !== undefined && annotationProfileType(ann) === 'Unconfined')
        yield {
          path: [...c.template.metaPath, 'annotations', key],
          message: `${who(c)} is unconfined by the annotation ${key}`,
          details: containerDetails(c),
        };
    }
  },
};

/** SELinux types the Pod Security Standards allow ('' = unset). */
export const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function* seLinuxIssues(v: unknown, path: FieldPath, subject: string): Generator<Violation> {
  if (!isObj(v)) return;
  for (const f of ['user', 'role']) {
    if (typeof v[f] === 'string' && v[f] !== '') {
      yield { path: [...path, f], message: `${subject} sets a custom SELinux ${f} "${v[f]}"` };
      return;
    }
  }
  if (typeof v.type === 'string' && !SELINUX_TYPES.has(v.type)) {
    yield {
      path: [...path, 'type'],
      message: `${subject} sets SELinux type "${v.type}", outside the container_t family`,
    };
  }
}

export const selinuxCustomOptions: Rule = {
  meta: {
    id: 'selinux-custom-options',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Custom SELinux options',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    rationale:
      'A custom SELinux user or role, or a type such as spc_t or unconfined_t, can lift the SELinux confinement that isolates containers from the host and from each other.',
    remediation:
      'Remove `seLinuxOptions.user` and `.role`, and use a type of the container_t family (container_t, container_init_t, container_kvm_t, container_engine_t) or none. Setting `level` is fine.',
    example: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"',
    references: [PSS, SECURITY_CONTEXT],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const p = podField(t, 'seLinuxOptions');
      yield* seLinuxIssues(p.value, p.path, 'the pod securityContext');
    }
    for (const c of allContainers(obj)) {
      const o = ownField(c, 'seLinuxOptions');
      for (const v of seLinuxIssues(o.value, o.path, who(c))) yield { ...v, details: containerDetails(c) };
    }
  },
};

export const procMountUnmasked: Rule = {
  meta: {
    id: 'proc-mount-unmasked',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Unmasked /proc mount',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    rationale:
      'The runtime masks sensitive paths of /proc (kcore, keys, sysrq-trigger ...). `procMount: Unmasked` exposes them to the container.',
    remediation: 'Remove `procMount` or set it to `Default`.',
    example: 'securityContext:\n  procMount: Default',
    references: [PSS, SECURITY_CONTEXT],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const r = ownField(c, 'procMount');
      if (r.value === 'Unmasked')
        yield {
          path: r.path,
          message: `${who(c)} sets procMount: Unmasked`,
          fix: setFix('set procMount: Default', r.path, 'Default'),
          details: containerDetails(c),
        };
    }
  },
};

/** Sysctls the baseline Pod Security Standard allows (namespaced, isolated from the host), with the Kubernetes minor version that allowed them. */
export const SAFE_SYSCTLS_SINCE: Record<string, number> = {
  'kernel.shm_rmid_forced': 0,
  'net.ipv4.ip_local_port_range': 0,
  'net.ipv4.ip_unprivileged_port_start': 0,
  'net.ipv4.tcp_syncookies': 0,
  'net.ipv4.ping_group_range': 0,
  'net.ipv4.ip_local_reserved_ports': 27,
  'net.ipv4.tcp_keepalive_time': 29,
  'net.ipv4.tcp_fin_timeout': 29,
  'net.ipv4.tcp_keepalive_intvl': 29,
  'net.ipv4.tcp_keepalive_probes': 29,
  'net.ipv4.tcp_rmem': 32,
  'net.ipv4.tcp_wmem': 32,
};
export const SAFE_SYSCTLS = Object.keys(SAFE_SYSCTLS_SINCE);

/** Minor version of '1.34' / 'v1.34.2'; the newest when unparseable. */
function minorOf(kubeVersion: string): number {
  const m = /^v?1\.(\d+)/.exec(kubeVersion.trim());
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

/** `net/ipv4/tcp_syncookies` and `net.ipv4.tcp_syncookies` are the same sysctl. */
function sysctlName(s: string): string {
  return s.trim().replace(/\//g, '.');
}

export const unsafeSysctls: Rule = {
  meta: {
    id: 'unsafe-sysctls',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Unsafe sysctl',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    rationale:
      'Sysctls outside the safe set are not isolated per pod: they change kernel behaviour for the whole node, or can starve or destabilise it.',
    remediation:
      'Remove the sysctl, or tune the node itself. Only the Pod Security Standard safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies ...) may be set by pods.',
    example:
      'spec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65535"',
    references: [PSS, SYSCTLS],
    options: {
      allowed: { type: 'string[]', description: 'Sysctls allowed in addition to the safe set.', default: [] },
    },
  },
  *check(obj, ctx) {
    const minor = minorOf(ctx.kubeVersion);
    const safe = new Set([
      ...SAFE_SYSCTLS.filter((s) => SAFE_SYSCTLS_SINCE[s] <= minor),
      ...(stringList(ctx.options.allowed) ?? []).map(sysctlName),
    ]);
    for (const t of podTemplates(obj)) {
      const list = get(t.spec, ['securityContext', 'sysctls']);
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        const name = isObj(s) && typeof s.name === 'string' ? s.name : undefined;
        if (name === undefined || safe.has(sysctlName(name))) continue;
        yield {
          path: [...t.specPath, 'securityContext', 'sysctls', i, 'name'],
          message: `the pod sets sysctl ${name}, outside the safe set of Kubernetes 1.${minor === Number.MAX_SAFE_INTEGER ? 'x' : minor}`,
        };
      }
    }
  },
};

export const windowsHostProcess: Rule = {
  meta: {
    id: 'windows-host-process',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Windows HostProcess container',
    severity: 'high',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.2.11',
    rationale:
      'A Windows HostProcess container runs directly on the host, with host networking and access to the whole node: the equivalent of a privileged Linux container.',
    remediation:
      'Remove `windowsOptions.hostProcess: true` (pod and containers) unless the workload is a node agent exempted with a reason.',
    example: 'securityContext:\n  windowsOptions:\n    hostProcess: false',
    references: [PSS, HOSTPROCESS],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const v = get(t.spec, ['securityContext', 'windowsOptions', 'hostProcess']);
      if (boolOf(v) === true) {
        const path: FieldPath = [...t.specPath, 'securityContext', 'windowsOptions', 'hostProcess'];
        yield {
          path,
          message: 'the pod runs as a Windows HostProcess pod',
          fix: setFix('set hostProcess: false', path, false),
        };
      }
    }
    for (const c of allContainers(obj)) {
      const v = get(c.container, ['securityContext', 'windowsOptions', 'hostProcess']);
      if (boolOf(v) === true) {
        const path: FieldPath = [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'];
        yield {
          path,
          message: `${who(c)} is a Windows HostProcess container`,
          fix: setFix('set hostProcess: false', path, false),
          details: containerDetails(c),
        };
      }
    }
  },
};

function hostNamespaceRule(
  id: string,
  field: 'hostNetwork' | 'hostPID' | 'hostIPC',
  title: string,
  what: string,
  cis: string,
  rationale: string,
): Rule {
  return {
    meta: {
      id,
      title,
      kinds: [POD_TEMPLATE_KINDS],
      severity: 'high',
      enabledByDefault: true,
      category: 'pod-security',
      pss: 'baseline',
      cis,
      rationale,
      remediation: `Remove \`${field}: true\` (it defaults to false). Node agents that need it belong in a separate, exempted namespace.`,
      example: `spec:\n  ${field}: false`,
      references: [PSS],
    },
    *check(obj) {
      for (const t of podTemplates(obj)) {
        if (boolOf(t.spec[field]) !== true) continue;
        const path: FieldPath = [...t.specPath, field];
        yield {
          path,
          message: `the pod shares the host ${what} (${field}: true)`,
          fix: setFix(`set ${field}: false`, path, false),
        };
      }
    },
  };
}

export const hostNetwork = hostNamespaceRule(
  'host-network',
  'hostNetwork',
  'Host network namespace',
  'network namespace',
  '5.2.5',
  "With the host's network namespace the pod sees every interface of the node, can bind its ports, sniff traffic and reach services listening on localhost, and bypasses NetworkPolicies.",
);
export const hostPid = hostNamespaceRule(
  'host-pid',
  'hostPID',
  'Host PID namespace',
  'process namespace',
  '5.2.3',
  "With the host's PID namespace the pod sees every process of the node, can read their environment and, with ptrace, inject into them.",
);
export const hostIpc = hostNamespaceRule(
  'host-ipc',
  'hostIPC',
  'Host IPC namespace',
  'IPC namespace',
  '5.2.4',
  "With the host's IPC namespace the pod can read and write shared memory of every process on the node.",
);

interface PortHit {
  path: FieldPath;
  port: number;
}

function portsOf(c: ContainerInfo, field: 'hostPort' | 'containerPort'): PortHit[] {
  const ports = c.container.ports;
  if (!Array.isArray(ports)) return [];
  const out: PortHit[] = [];
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const n = numOf(p[field]);
    if (n !== undefined) out.push({ path: [...c.path, 'ports', i, field], port: n });
  });
  return out;
}

/** Ports of a container on the host network: its hostPort, or its containerPort when hostPort is unset or 0. */
function hostNetworkPorts(c: ContainerInfo): PortHit[] {
  const ports = c.container.ports;
  if (!Array.isArray(ports)) return [];
  const out: PortHit[] = [];
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const host = numOf(p.hostPort);
    const container = numOf(p.containerPort);
    if (host !== undefined && host !== 0) out.push({ path: [...c.path, 'ports', i, 'hostPort'], port: host });
    else if (container !== undefined && container !== 0)
      out.push({ path: [...c.path, 'ports', i, 'containerPort'], port: container });
  });
  return out;
}

export const hostPort: Rule = {
  meta: {
    id: 'host-port',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Host port',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.2.13',
    rationale:
      "A hostPort binds the node's own address: it bypasses Services and NetworkPolicies, limits scheduling to one pod per node and port, and exposes the workload outside the cluster network. With `hostNetwork: true` every container port is a host port: the API server sets hostPort to containerPort, and the baseline standard rejects the pod.",
    remediation:
      'Remove `hostPort` and expose the port through a Service (and an Ingress or Gateway when it must be public). On a pod with `hostNetwork: true`, remove the host network, or the container ports.',
    example: 'ports:\n  - containerPort: 8080\n    name: http',
    references: [PSS, 'https://kubernetes.io/docs/concepts/configuration/overview/#services'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const hostNet = boolOf(c.template.spec.hostNetwork) === true;
      const explicit = portsOf(c, 'hostPort').filter((p) => p.port !== 0);
      // with hostNetwork the API server defaults an unset (or 0) hostPort to the containerPort
      const bad = hostNet ? hostNetworkPorts(c) : explicit;
      if (!bad.length) continue;
      yield {
        path: bad[0].path,
        message: `${who(c)} binds host port${bad.length > 1 ? 's' : ''} ${bad.map((p) => p.port).join(', ')}${
          hostNet && bad.some((p) => p.path[p.path.length - 1] === 'containerPort')
            ? ' (hostNetwork: true makes its container ports host ports)'
            : ''
        }`,
        details: containerDetails(c),
      };
    }
  },
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE = ['postStart', 'preStop'];

export const probeHost: Rule = {
  meta: {
    id: 'probe-host',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Probe or lifecycle hook on another host',
    severity: 'medium',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    rationale:
      "A probe or lifecycle handler with `httpGet.host` or `tcpSocket.host` makes the kubelet, from the node's network, connect wherever the pod says: the cloud metadata service, the node's localhost, other internal services. The baseline Pod Security Standard forbids any host but the default (the pod IP) since Kubernetes 1.34.",
    remediation:
      'Remove `host` from the probe or hook (it defaults to the pod IP); send a `Host` header with `httpHeaders` if the application needs a virtual host name.',
    example:
      'readinessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n    httpHeaders:\n      - name: Host\n        value: api.example.com',
    references: [
      PSS,
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
  },
  *check(obj, ctx) {
    if (minorOf(ctx.kubeVersion) < 34) return;
    for (const c of allContainers(obj)) {
      const handlers: FieldPath[] = [
        ...PROBES.map((p): FieldPath => [p]),
        ...LIFECYCLE.map((h): FieldPath => ['lifecycle', h]),
      ];
      for (const h of handlers) {
        for (const action of ['httpGet', 'tcpSocket']) {
          const host = get(c.container, [...h, action, 'host']);
          // allowed: unset or "" (the pod IP)
          if (host === undefined || host === null || host === '') continue;
          const path: FieldPath = [...c.path, ...h, action, 'host'];
          yield {
            path,
            message: `${who(c)} ${h.join('.')} ${action} connects to host ${JSON.stringify(host)} (the kubelet connects from the node)`,
            fix: { description: 'remove the host (the pod IP is used)', remove: [path] },
            details: containerDetails(c),
          };
        }
      }
    }
  },
};

export const hostUsers: Rule = {
  meta: {
    id: 'host-users',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'No user namespace',
    severity: 'low',
    enabledByDefault: false,
    category: 'pod-security',
    rationale:
      'With `hostUsers: false` the pod runs in its own user namespace: root in the container maps to an unprivileged uid on the node, which defuses most container escapes. It needs Linux 6.3+ and a runtime that supports it.',
    remediation: 'Set `hostUsers: false` in the pod spec, where the nodes support user namespaces.',
    example: 'spec:\n  hostUsers: false',
    references: [USERNS],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      if (isWindows(t)) continue;
      const v = boolOf(t.spec.hostUsers);
      if (v === false) continue;
      // host namespaces cannot be combined with a user namespace
      if (['hostNetwork', 'hostPID', 'hostIPC'].some((f) => boolOf(t.spec[f]) === true)) continue;
      const path: FieldPath = [...t.specPath, 'hostUsers'];
      yield {
        path,
        message:
          v === true
            ? 'the pod sets hostUsers: true (no user namespace)'
            : 'the pod does not set hostUsers: false (no user namespace)',
        fix: setFix('set hostUsers: false', path, false),
      };
    }
  },
};

export const privilegedPort: Rule = {
  meta: {
    id: 'privileged-port',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Privileged container port',
    severity: 'low',
    enabledByDefault: false,
    category: 'pod-security',
    rationale:
      'Listening on a port below 1024 usually means running as root or adding NET_BIND_SERVICE. Services can map any port to a high container port instead.',
    remediation: 'Listen on a port of 1024 or above and map it in the Service (`port: 80`, `targetPort: 8080`).',
    example: 'ports:\n  - name: http\n    containerPort: 8080',
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const bad = portsOf(c, 'containerPort').filter((p) => p.port > 0 && p.port < 1024);
      if (!bad.length) continue;
      yield {
        path: bad[0].path,
        message: `${who(c)} listens on privileged port${bad.length > 1 ? 's' : ''} ${bad.map((p) => p.port).join(', ')}`,
        details: containerDetails(c),
      };
    }
  },
};

export const sshPort: Rule = {
  meta: {
    id: 'ssh-port',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'SSH port exposed',
    severity: 'low',
    enabledByDefault: true,
    category: 'pod-security',
    rationale:
      'An SSH server in a container is a second, unaudited way in, usually with long-lived credentials. Use `kubectl exec` or ephemeral debug containers instead.',
    remediation: 'Remove the SSH server and port 22 from the container.',
    example: 'ports:\n  - name: http\n    containerPort: 8080',
    references: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      const i = ports.findIndex(
        (p) =>
          isObj(p) &&
          (numOf(p.containerPort) === 22 || numOf(p.hostPort) === 22) &&
          (p.protocol === undefined || p.protocol === 'TCP'),
      );
      if (i < 0) continue;
      const p = ports[i] as Record<string, unknown>;
      const field = numOf(p.containerPort) === 22 ? 'containerPort' : 'hostPort';
      yield {
        path: [...c.path, 'ports', i, field],
        message: `${who(c)} exposes port 22 (SSH)`,
        details: containerDetails(c),
      };
    }
  },
};

export const hostAliases: Rule = {
  meta: {
    id: 'host-aliases',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'hostAliases set',
    severity: 'low',
    enabledByDefault: true,
    category: 'pod-security',
    rationale:
      "hostAliases write entries into the pod's /etc/hosts: they silently redirect names away from cluster DNS, which hides dependencies and can be used to intercept traffic.",
    remediation: 'Remove `hostAliases` and use DNS (a Service, an ExternalName Service, or a DNS record).',
    example:
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: legacy-db\nspec:\n  type: ExternalName\n  externalName: db.internal.example.com',
    references: [HOST_ALIASES],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const v = t.spec.hostAliases;
      if (!Array.isArray(v) || v.length === 0) continue;
      const names = v
        .flatMap((a) => (isObj(a) && Array.isArray(a.hostnames) ? a.hostnames : []))
        .filter((x): x is string => typeof x === 'string');
      yield {
        path: [...t.specPath, 'hostAliases'],
        message: `the pod overrides /etc/hosts with hostAliases${names.length ? ` (${names.slice(0, 5).join(', ')})` : ''}`,
      };
    }
  },
};

export const rules: Rule[] = [
  privilegedContainer,
  privilegeEscalation,
  runAsNonRoot,
  runAsRootUser,
  lowUid,
  rootGroup,
  readOnlyRootFs,
  capabilitiesDropAll,
  netRawCapability,
  dangerousCapabilities,
  addedCapabilities,
  seccompProfile,
  seccompUnconfined,
  apparmorUnconfined,
  selinuxCustomOptions,
  procMountUnmasked,
  unsafeSysctls,
  windowsHostProcess,
  hostNetwork,
  hostPid,
  hostIpc,
  hostPort,
  probeHost,
  hostUsers,
  privilegedPort,
  sshPort,
  hostAliases,
];
