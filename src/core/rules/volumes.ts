/** Volumes and host access: hostPath volumes, runtime sockets, volume types outside PSS restricted. */
import type { FieldPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import { boolOf, containersOf, isObj, podTemplates, type PodTemplate } from './podspec.ts';
import type { Rule } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const HOSTPATH = 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath';

interface HostPathVolume {
  name: string;
  /** The hostPath.path as written. */
  hostPath: string;
  /** Normalised absolute path (`/var/lib/kubelet`), or undefined when not an absolute POSIX path. */
  normal: string | undefined;
  /** Path of the volume's `hostPath` field. */
  path: FieldPath;
  template: PodTemplate;
  index: number;
}

/**
 * Normalises a POSIX path: collapses `//`, resolves `.` and `..`, drops trailing slashes.
 * Returns undefined for relative or Windows paths.
 */
export function normalizeHostPath(p: string): string | undefined {
  const s = p.trim();
  if (!s.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const part of s.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** True when `p` is `base` or below it. */
function within(p: string, base: string): boolean {
  return base === '/' ? true : p === base || p.startsWith(base + '/');
}

export function hostPathVolumes(t: PodTemplate): HostPathVolume[] {
  const vols = t.spec.volumes;
  if (!Array.isArray(vols)) return [];
  const out: HostPathVolume[] = [];
  vols.forEach((v, i) => {
    if (!isObj(v) || !isObj(v.hostPath)) return;
    const hp = typeof v.hostPath.path === 'string' ? v.hostPath.path : '';
    out.push({
      name: typeof v.name === 'string' ? v.name : `volumes[${i}]`,
      hostPath: hp,
      normal: normalizeHostPath(hp),
      path: [...t.specPath, 'volumes', i, 'hostPath'],
      template: t,
      index: i,
    });
  });
  return out;
}

function allHostPathVolumes(obj: K8sObject): HostPathVolume[] {
  return podTemplates(obj).flatMap(hostPathVolumes);
}

export const hostPath: Rule = {
  meta: {
    id: 'host-path',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'hostPath volume',
    severity: 'medium',
    enabledByDefault: true,
    category: 'volumes',
    pss: 'baseline',
    cis: '5.2.12',
    rationale:
      "A hostPath volume gives the pod a piece of the node's filesystem: data of other pods, node credentials, or a foothold for escaping the container. It also ties the pod to one node's contents.",
    remediation:
      'Use a PersistentVolumeClaim, emptyDir, ConfigMap, Secret or projected volume instead. Node agents that need host files belong in a separate, exempted namespace, mounted read-only.',
    example:
      'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\n  - name: tmp\n    emptyDir: {}',
    references: [PSS, HOSTPATH],
  },
  *check(obj) {
    for (const v of allHostPathVolumes(obj)) {
      yield {
        path: v.path,
        message: `volume "${v.name}" mounts the host path ${v.hostPath || '(empty)'}`,
        details: { volume: v.name, hostPath: v.hostPath },
      };
    }
  },
};

/** Host paths that expose node credentials, the kernel, devices or other pods' data. */
export const SENSITIVE_HOST_PATHS = [
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/root',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/etcd',
  '/etc/kubernetes',
  '/var/run',
  '/run',
];

/** Why `p` is sensitive: it is (under) a sensitive path, or it contains one (mounting /var exposes /var/lib/kubelet). */
function sensitiveReason(p: string, list: readonly string[]): string | undefined {
  for (const s of list) {
    if (s === '/' ? p === '/' : within(p, s)) return p === s ? `${s} is sensitive` : `it is under ${s}`;
  }
  for (const s of list) if (within(s, p)) return `it contains ${s}`;
  return undefined;
}

export const sensitiveHostPath: Rule = {
  meta: {
    id: 'sensitive-host-path',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Sensitive host path mounted',
    severity: 'high',
    enabledByDefault: true,
    category: 'volumes',
    pss: 'baseline',
    cis: '5.2.12',
    rationale:
      'Host paths such as /, /etc, /proc, /sys, /dev, /var/lib/kubelet or /etc/kubernetes hold node credentials, kubelet and runtime state, and kernel interfaces: mounting them (or a parent of them) is usually a direct path to node compromise.',
    remediation:
      'Do not mount these paths. If a node agent needs a specific file, mount that file alone, read-only, in a separate exempted namespace.',
    example: 'volumes:\n  - name: cache\n    emptyDir: {}',
    references: [PSS, HOSTPATH],
    options: {
      paths: {
        type: 'string[]',
        description: 'Host paths reported as sensitive (prefix match after normalisation).',
        default: SENSITIVE_HOST_PATHS,
      },
    },
  },
  *check(obj, ctx) {
    if (ctx.pssLevel) return; // a refinement: host-path is the Pod Security control
    const opt = ctx.options.paths;
    const list = (Array.isArray(opt) ? opt.filter((x): x is string => typeof x === 'string') : SENSITIVE_HOST_PATHS)
      .map(normalizeHostPath)
      .filter((x): x is string => x !== undefined);
    for (const v of allHostPathVolumes(obj)) {
      if (v.normal === undefined) continue;
      const why = sensitiveReason(v.normal, list);
      if (!why) continue;
      yield {
        path: [...v.path, 'path'],
        message: `volume "${v.name}" mounts the sensitive host path ${v.hostPath}: ${why}`,
        details: { volume: v.name, hostPath: v.hostPath },
      };
    }
  },
};

/** Container runtime API sockets: whoever reaches one controls every container on the node. */
export const RUNTIME_SOCKETS = [
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/run/crio/crio.sock',
  '/run/cri-dockerd.sock',
  '/run/dockershim.sock',
  '/run/docker/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/var/snap/microk8s/common/run/containerd.sock',
];
const SOCKET_NAMES = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock']);

/** /var/run is a symlink to /run on every modern distribution. */
function canonicalRun(p: string): string {
  return within(p, '/var/run') ? '/run' + p.slice('/var/run'.length) : p;
}

/** The runtime socket a host path exposes (itself, or one inside it), if any. */
export function runtimeSocketIn(normal: string): string | undefined {
  const p = canonicalRun(normal);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SOCKET_NAMES.has(base)) return normal;
  for (const s of RUNTIME_SOCKETS) if (within(s, p)) return s;
  return undefined;
}

export const containerRuntimeSocket: Rule = {
  meta: {
    id: 'container-runtime-socket',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Container runtime socket mounted',
    severity: 'critical',
    enabledByDefault: true,
    category: 'volumes',
    pss: 'baseline',
    rationale:
      'The Docker, containerd or CRI-O socket is the API that starts containers on the node. Whoever can reach it can start a privileged container with the host filesystem mounted: full node compromise, bypassing every admission control.',
    remediation:
      'Do not mount runtime sockets or their directories. Build images with rootless builders (BuildKit rootless, kaniko-style tools) and read container metadata from the Kubernetes API instead.',
    example: 'volumes:\n  - name: workspace\n    emptyDir: {}',
    references: [
      PSS,
      HOSTPATH,
      'https://kubernetes.io/docs/tasks/administer-cluster/migrating-from-dockershim/find-out-runtime-you-use/',
    ],
  },
  *check(obj, ctx) {
    if (ctx.pssLevel) return; // a refinement: host-path is the Pod Security control
    for (const v of allHostPathVolumes(obj)) {
      if (v.normal === undefined) continue;
      const sock = runtimeSocketIn(v.normal);
      if (!sock) continue;
      yield {
        path: [...v.path, 'path'],
        message:
          sock === v.normal
            ? `volume "${v.name}" mounts the container runtime socket ${v.hostPath}`
            : `volume "${v.name}" mounts ${v.hostPath}, which contains the container runtime socket ${sock}`,
        details: { volume: v.name, hostPath: v.hostPath },
      };
    }
  },
};

export const writableHostPath: Rule = {
  meta: {
    id: 'writable-host-path',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Writable hostPath mount',
    severity: 'high',
    enabledByDefault: true,
    category: 'volumes',
    pss: 'baseline',
    rationale:
      "A hostPath mounted read-write lets the container change the node's files: plant binaries or cron jobs, alter kubelet or runtime state, fill the node's disk.",
    remediation:
      'Mount hostPath volumes with `readOnly: true`, or replace them with a volume type that does not touch the node.',
    example: 'volumeMounts:\n  - name: varlog\n    mountPath: /var/log\n    readOnly: true',
    references: [PSS, HOSTPATH],
  },
  *check(obj, ctx) {
    if (ctx.pssLevel) return; // a refinement: host-path is the Pod Security control
    for (const t of podTemplates(obj)) {
      const vols = new Map(hostPathVolumes(t).map((v) => [v.name, v]));
      if (!vols.size) continue;
      for (const c of containersOf(t)) {
        const mounts = c.container.volumeMounts;
        if (!Array.isArray(mounts)) continue;
        for (let i = 0; i < mounts.length; i++) {
          const m = mounts[i];
          if (!isObj(m) || typeof m.name !== 'string') continue;
          const v = vols.get(m.name);
          if (!v || boolOf(m.readOnly) === true) continue;
          const path: FieldPath = [...c.path, 'volumeMounts', i, 'readOnly'];
          yield {
            path,
            message: `${c.type} "${c.name}" mounts the hostPath volume "${v.name}" (${v.hostPath}) writable at ${typeof m.mountPath === 'string' ? m.mountPath : '?'}`,
            fix: { description: 'mount it read-only', set: [{ path, value: true }] },
            details: { container: c.name, containerType: c.type, volume: v.name, hostPath: v.hostPath },
          };
        }
      }
    }
  },
};

/** Volume types the restricted Pod Security Standard allows. */
export const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

export const restrictedVolumeTypes: Rule = {
  meta: {
    id: 'restricted-volume-types',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Volume type outside the restricted set',
    severity: 'low',
    enabledByDefault: true,
    category: 'volumes',
    pss: 'restricted',
    rationale:
      'The restricted Pod Security Standard allows only volume types that do not reach the node or external storage directly (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret). In-tree types such as nfs, iscsi or rbd bypass the PersistentVolume abstraction and its access controls.',
    remediation:
      'Use a PersistentVolumeClaim (bound to a PersistentVolume of the needed type, managed by the cluster admin) or one of the allowed types.',
    example: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data',
    references: [PSS, 'https://kubernetes.io/docs/concepts/storage/volumes/'],
  },
  *check(obj) {
    const allowed = new Set(RESTRICTED_VOLUME_TYPES);
    for (const t of podTemplates(obj)) {
      const vols = t.spec.volumes;
      if (!Array.isArray(vols)) continue;
      for (let i = 0; i < vols.length; i++) {
        const v = vols[i];
        if (!isObj(v)) continue;
        // a volume with no source is an emptyDir
        const type = Object.keys(v).find((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
        if (!type || allowed.has(type)) continue;
        yield {
          path: [...t.specPath, 'volumes', i, type],
          message: `volume "${typeof v.name === 'string' ? v.name : i}" is of type ${type}, outside the restricted set`,
          details: { volume: typeof v.name === 'string' ? v.name : String(i), type },
        };
      }
    }
  },
};

export const rules: Rule[] = [
  hostPath,
  sensitiveHostPath,
  containerRuntimeSocket,
  writableHostPath,
  restrictedVolumeTypes,
];
