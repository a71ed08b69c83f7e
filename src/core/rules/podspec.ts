/**
 * Where pod templates live in each kind, the containers in them, and the effective security
 * context of a container after pod-level inheritance. Every container rule goes through here.
 */
import type { FieldPath } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { crdTemplateResolvers, crdTemplateTable, type CrdContainerField } from './crd-templates.ts';

export function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function get(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isObj(cur)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

const TRUE_WORDS = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 'y', 'Y', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'n', 'N', 'off', 'Off', 'OFF']);

/** A boolean as Kubernetes' YAML reads it; undefined when unset or not a boolean. */
export function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (TRUE_WORDS.has(v)) return true;
    if (FALSE_WORDS.has(v)) return false;
  }
  return undefined;
}

/** A number, also from a numeric string; undefined otherwise. */
export function numOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export interface PodTemplate {
  /** Path of the pod spec in the object. */
  specPath: FieldPath;
  spec: JsonObject;
  /** Path of the pod metadata (for annotations and labels). */
  metaPath: FieldPath;
  metadata: JsonObject;
  /**
   * CRD templates whose containers sit in other fields (Argo Workflows' `container`, `script`,
   * `sidecars`): when set, containersOf reads these fields instead of the pod spec's.
   */
  containerFields?: CrdContainerField[];
}

export type ContainerType = 'container' | 'initContainer' | 'ephemeralContainer';

export interface ContainerInfo {
  container: JsonObject;
  /** Path of the container in the object. */
  path: FieldPath;
  type: ContainerType;
  name: string;
  template: PodTemplate;
}

/** Kind -> where its pod template (spec and metadata) sits. Extended for CRDs in podTemplateTable. */
interface TemplateLocation {
  spec: FieldPath;
  meta: FieldPath;
  /** apiVersion group the kind must have (for CRD kinds whose names could collide). */
  group?: string;
}

const TEMPLATE = { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] } as const;

export const podTemplateTable: Record<string, TemplateLocation[]> = {
  Pod: [{ spec: ['spec'], meta: ['metadata'] }],
  PodTemplate: [{ spec: ['template', 'spec'], meta: ['template', 'metadata'] }],
  Deployment: [TEMPLATE],
  ReplicaSet: [TEMPLATE],
  StatefulSet: [TEMPLATE],
  DaemonSet: [TEMPLATE],
  Job: [TEMPLATE],
  ReplicationController: [TEMPLATE],
  CronJob: [
    {
      spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
      meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
    },
  ],
  DeploymentConfig: [
    { ...TEMPLATE, group: 'apps.openshift.io' },
    { ...TEMPLATE, group: '' },
  ],
  Rollout: [{ ...TEMPLATE, group: 'argoproj.io' }],
  Service: [{ ...TEMPLATE, group: 'serving.knative.dev' }],
};

/** Kinds whose pod templates live in several or computed places (Argo Workflows ...). */
export const podTemplateResolvers: Record<string, (obj: K8sObject) => PodTemplate[]> = {};

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** Every kind that can carry a pod template (the tables above and the CRD tables), as of now. */
export function podTemplateKinds(): Set<string> {
  return new Set([
    ...Object.keys(podTemplateTable),
    ...Object.keys(podTemplateResolvers),
    ...Object.keys(crdTemplateTable),
    ...Object.keys(crdTemplateResolvers),
  ]);
}

/**
 * Every rule asks for the same templates and containers of the same objects: computed once per
 * object (rules get their own array copies, so they may sort or filter freely).
 */
const templateCache = new WeakMap<K8sObject, PodTemplate[]>();
const containerCache = new WeakMap<PodTemplate, ContainerInfo[]>();
const allContainerCache = new WeakMap<K8sObject, ContainerInfo[]>();

/** All pod templates in an object (none for kinds that carry no pods). */
export function podTemplates(obj: K8sObject): PodTemplate[] {
  let cached = templateCache.get(obj);
  if (!cached) {
    cached = computePodTemplates(obj);
    templateCache.set(obj, cached);
  }
  return cached.slice();
}

function computePodTemplates(obj: K8sObject): PodTemplate[] {
  const resolver = podTemplateResolvers[obj.ref.kind];
  if (resolver) return resolver(obj);
  const crdResolver = crdTemplateResolvers[obj.ref.kind];
  if (crdResolver) {
    const out: PodTemplate[] = [];
    for (const r of crdResolver(obj)) {
      const spec = get(obj.data, r.specPath);
      if (!isObj(spec)) continue;
      const md = get(obj.data, r.metaPath);
      out.push({
        specPath: r.specPath,
        spec,
        metaPath: r.metaPath,
        metadata: isObj(md) ? md : {},
        ...(r.containerFields ? { containerFields: r.containerFields } : {}),
      });
    }
    if (out.length) return out;
  }
  const locs = [...(podTemplateTable[obj.ref.kind] ?? []), ...(crdTemplateTable[obj.ref.kind] ?? [])];
  if (!locs.length) return [];
  const group = groupOf(obj.ref.apiVersion);
  const out: PodTemplate[] = [];
  for (const loc of locs) {
    if (loc.group !== undefined && loc.group !== group) continue;
    const spec = get(obj.data, loc.spec);
    if (!isObj(spec)) continue;
    const md = get(obj.data, loc.meta);
    out.push({ specPath: loc.spec, spec, metaPath: loc.meta, metadata: isObj(md) ? md : {} });
    break;
  }
  return out;
}

const CONTAINER_FIELDS: [string, ContainerType][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** Every container of a pod template: init, regular and ephemeral. */
export function containersOf(t: PodTemplate): ContainerInfo[] {
  let cached = containerCache.get(t);
  if (!cached) {
    cached = computeContainersOf(t);
    containerCache.set(t, cached);
  }
  return cached.slice();
}

function computeContainersOf(t: PodTemplate): ContainerInfo[] {
  if (t.containerFields) return crdContainersOf(t, t.containerFields);
  const out: ContainerInfo[] = [];
  for (const [field, type] of CONTAINER_FIELDS) {
    const list = t.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isObj(c)) return;
      out.push({
        container: c,
        path: [...t.specPath, field, i],
        type,
        name: typeof c.name === 'string' ? c.name : `${field}[${i}]`,
        template: t,
      });
    });
  }
  return out;
}

/** Containers of a CRD template from its own container fields (single objects or lists). */
function crdContainersOf(t: PodTemplate, fields: CrdContainerField[]): ContainerInfo[] {
  const out: ContainerInfo[] = [];
  for (const { field, type, single } of fields) {
    const v = t.spec[field];
    if (single) {
      if (isObj(v)) {
        // Argo's `container`/`script` usually have no name: use the template's
        const name = typeof v.name === 'string' ? v.name : typeof t.spec.name === 'string' ? t.spec.name : field;
        out.push({ container: v, path: [...t.specPath, field], type, name, template: t });
      }
      continue;
    }
    if (!Array.isArray(v)) continue;
    v.forEach((c, i) => {
      if (!isObj(c)) return;
      const name = typeof c.name === 'string' ? c.name : `${field}[${i}]`;
      out.push({ container: c, path: [...t.specPath, field, i], type, name, template: t });
    });
  }
  return out;
}

/** All containers of all pod templates in the object. */
export function allContainers(obj: K8sObject): ContainerInfo[] {
  let cached = allContainerCache.get(obj);
  if (!cached) {
    cached = podTemplates(obj).flatMap(containersOf);
    allContainerCache.set(obj, cached);
  }
  return cached.slice();
}

/** Security context fields that a pod-level securityContext provides to its containers. */
export const INHERITED_FIELDS = [
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seLinuxOptions',
  'seccompProfile',
  'appArmorProfile',
  'windowsOptions',
] as const;
export type InheritedField = (typeof INHERITED_FIELDS)[number];

export interface Resolved {
  value: unknown;
  /** Where the value was found, or where it should be set on the container when unset. */
  path: FieldPath;
  /** 'container', 'pod', or 'unset'. */
  from: 'container' | 'pod' | 'unset';
}

/**
 * A security context field as the container will run with it: the container's own value,
 * else the pod's for inheritable fields, else unset (path then points at the container's
 * securityContext field that should hold it).
 */
export function effective(c: ContainerInfo, field: string): Resolved {
  const csc = c.container.securityContext;
  if (isObj(csc) && csc[field] !== undefined && csc[field] !== null) {
    return { value: csc[field], path: [...c.path, 'securityContext', field], from: 'container' };
  }
  if ((INHERITED_FIELDS as readonly string[]).includes(field)) {
    const psc = c.template.spec.securityContext;
    if (isObj(psc) && psc[field] !== undefined && psc[field] !== null) {
      return { value: psc[field], path: [...c.template.specPath, 'securityContext', field], from: 'pod' };
    }
  }
  return { value: undefined, path: [...c.path, 'securityContext', field], from: 'unset' };
}

/** Annotations of the pod template (legacy seccomp/AppArmor annotations live here). */
export function podAnnotations(t: PodTemplate): Record<string, string> {
  const a = t.metadata.annotations;
  const out: Record<string, string> = {};
  if (isObj(a)) for (const [k, v] of Object.entries(a)) if (typeof v === 'string') out[k] = v;
  return out;
}
