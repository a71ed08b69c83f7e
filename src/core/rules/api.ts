/**
 * API rules: deprecated and removed apiVersions for the target Kubernetes version, and schema
 * validation of built-in kinds (unknown fields, wrong types) from schema data generated at
 * build time from @kubernetes/client-node (scripts/gen-schema-data.ts). No network, and
 * client-node is not loaded during a scan.
 */
import type { FieldPath, PathSegment } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import schemaData from './data/k8s-schema.json' with { type: 'json' };
import { isObj } from './podspec.ts';
import { levenshtein } from './selectors.ts';
import type { Rule, Violation } from './types.ts';

// ---------- deprecated-api ----------

export interface ApiDeprecation {
  apiVersion: string;
  /** Kinds concerned; undefined = every kind of the apiVersion. */
  kinds?: string[];
  /** Kubernetes minor version in which it was deprecated ('1.16'). */
  deprecatedIn: string;
  /** Minor version in which it is no longer served; undefined when no removal is scheduled. */
  removedIn?: string;
  /** What to use instead. */
  replacement: string;
  /** The replacement accepts the same fields: changing apiVersion is the whole fix. */
  dropIn?: boolean;
  /**
   * A beta API the API server does not serve unless enabled with `--runtime-config` (beta APIs
   * introduced since 1.24 are off by default): a default cluster refuses the object outright.
   */
  offByDefault?: boolean;
}

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'];

/** The deprecated/removed API table, from the Kubernetes deprecation guide. */
export const DEPRECATIONS: ApiDeprecation[] = [
  // 1.16
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    deprecatedIn: '1.8',
    removedIn: '1.16',
    replacement: 'apps/v1',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.10',
    removedIn: '1.16',
    replacement: 'policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
  },
  { apiVersion: 'apps/v1beta1', kinds: WORKLOADS, deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: WORKLOADS, deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  // 1.22
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress', 'IngressClass'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1alpha1',
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'apiregistration.k8s.io/v1',
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'authentication.k8s.io/v1',
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: 'coordination.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacement: 'scheduling.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'scheduling.k8s.io/v1alpha1',
    kinds: ['PriorityClass'],
    deprecatedIn: '1.14',
    removedIn: '1.17',
    replacement: 'scheduling.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
    dropIn: true,
  },
  // 1.25
  {
    apiVersion: 'batch/v1beta1',
    kinds: ['CronJob'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'batch/v1',
    dropIn: true,
  },
  {
    apiVersion: 'batch/v2alpha1',
    kinds: ['CronJob'],
    deprecatedIn: '1.21',
    removedIn: '1.21',
    replacement: 'batch/v1',
  },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: 'events.k8s.io/v1',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'policy/v1',
    dropIn: true,
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'Pod Security Admission (namespace labels); PodSecurityPolicy has no replacement API',
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    deprecatedIn: '1.20',
    removedIn: '1.25',
    replacement: 'node.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'node.k8s.io/v1alpha1',
    kinds: ['RuntimeClass'],
    deprecatedIn: '1.20',
    removedIn: '1.22',
    replacement: 'node.k8s.io/v1',
  },
  // 1.26 and later
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: 'autoscaling/v2',
    dropIn: true,
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1alpha1',
    deprecatedIn: '1.20',
    removedIn: '1.21',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    deprecatedIn: '1.26',
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    deprecatedIn: '1.24',
    removedIn: '1.27',
    replacement: 'storage.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1alpha1',
    kinds: ['CSIStorageCapacity', 'VolumeAttachment'],
    deprecatedIn: '1.21',
    removedIn: '1.24',
    replacement: 'storage.k8s.io/v1',
  },
  {
    apiVersion: 'networking.k8s.io/v1alpha1',
    kinds: ['ClusterCIDR'],
    deprecatedIn: '1.28',
    removedIn: '1.29',
    replacement: 'none (the MultiCIDRRangeAllocator was removed)',
  },
  {
    apiVersion: 'resource.k8s.io/v1alpha2',
    deprecatedIn: '1.31',
    removedIn: '1.31',
    replacement: 'resource.k8s.io/v1',
  },
  {
    apiVersion: 'resource.k8s.io/v1alpha3',
    kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
    deprecatedIn: '1.32',
    removedIn: '1.32',
    replacement: 'resource.k8s.io/v1',
  },
  {
    apiVersion: 'resource.k8s.io/v1beta1',
    kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
    deprecatedIn: '1.34',
    offByDefault: true,
    replacement: 'resource.k8s.io/v1',
  },
  {
    apiVersion: 'resource.k8s.io/v1beta2',
    kinds: ['ResourceClaim', 'ResourceClaimTemplate', 'DeviceClass', 'ResourceSlice'],
    deprecatedIn: '1.34',
    offByDefault: true,
    replacement: 'resource.k8s.io/v1',
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    deprecatedIn: '1.30',
    offByDefault: true,
    replacement: 'admissionregistration.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1alpha1',
    kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    deprecatedIn: '1.28',
    removedIn: '1.32',
    replacement: 'admissionregistration.k8s.io/v1',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['IPAddress', 'ServiceCIDR'],
    deprecatedIn: '1.33',
    offByDefault: true,
    replacement: 'networking.k8s.io/v1',
    dropIn: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['VolumeAttributesClass'],
    deprecatedIn: '1.34',
    offByDefault: true,
    replacement: 'storage.k8s.io/v1',
    dropIn: true,
  },
  { apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: '1.33', replacement: 'discovery.k8s.io/v1 EndpointSlice' },
  {
    apiVersion: 'v1',
    kinds: ['ComponentStatus'],
    deprecatedIn: '1.19',
    replacement: 'none (check component health endpoints directly)',
  },
];

/** '1.34', 'v1.34.2', '1.34+' -> [1, 34]; undefined when unparsable. */
export function parseMinor(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function atOrAfter(target: [number, number], v: string): boolean {
  const p = parseMinor(v);
  if (!p) return false;
  return target[0] > p[0] || (target[0] === p[0] && target[1] >= p[1]);
}

export function findDeprecation(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return DEPRECATIONS.find((d) => d.apiVersion === apiVersion && (!d.kinds || d.kinds.includes(kind)));
}

function fixOf(d: ApiDeprecation): Pick<Violation, 'fix'> {
  if (!d.dropIn) return {};
  return {
    fix: { description: `set apiVersion: ${d.replacement}`, set: [{ path: ['apiVersion'], value: d.replacement }] },
  };
}

export const deprecatedApi: Rule = {
  meta: {
    id: 'deprecated-api',
    title: 'Deprecated or removed apiVersion',
    severity: 'high',
    enabledByDefault: true,
    category: 'api',
    rationale:
      'An apiVersion removed in the target Kubernetes version makes `kubectl apply` fail (and blocks cluster upgrades for live objects); a deprecated one will fail after a coming upgrade. Findings are high when the API is removed in the target version, or is a beta API that the API server does not serve unless enabled with `--runtime-config` (resource.k8s.io v1beta1/v1beta2, ValidatingAdmissionPolicy v1beta1 ...), medium when it is only deprecated.',
    remediation:
      'Move the manifest to the replacement apiVersion named in the finding, adapting the fields that changed (see the Kubernetes deprecation guide). Set the target with --kube-version.',
    example: 'apiVersion: apps/v1   # was extensions/v1beta1\nkind: Deployment',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  },
  *check(obj, ctx): Generator<Violation> {
    const d = findDeprecation(obj.ref.apiVersion, obj.ref.kind);
    if (!d) return;
    const target = parseMinor(ctx.kubeVersion) ?? [1, 34];
    const tv = `${target[0]}.${target[1]}`;
    if (d.removedIn && atOrAfter(target, d.removedIn)) {
      yield {
        path: ['apiVersion'],
        severity: 'high',
        ...fixOf(d),
        message: `${obj.ref.apiVersion} ${obj.ref.kind} was removed in Kubernetes ${d.removedIn} (target ${tv}); use ${d.replacement}`,
        details: { removedIn: d.removedIn, replacement: d.replacement },
      };
    } else if (d.offByDefault) {
      yield {
        path: ['apiVersion'],
        severity: 'high',
        ...fixOf(d),
        message: `${obj.ref.apiVersion} ${obj.ref.kind} is not served by default: a beta API the API server enables only with --runtime-config${atOrAfter(target, d.deprecatedIn) ? `, deprecated since Kubernetes ${d.deprecatedIn}` : ''}; use ${d.replacement}`,
        details: { offByDefault: 'true', deprecatedIn: d.deprecatedIn, replacement: d.replacement },
      };
    } else if (atOrAfter(target, d.deprecatedIn)) {
      yield {
        path: ['apiVersion'],
        severity: 'medium',
        ...fixOf(d),
        message: `${obj.ref.apiVersion} ${obj.ref.kind} is deprecated since Kubernetes ${d.deprecatedIn}${d.removedIn ? ` and removed in ${d.removedIn}` : ''}; use ${d.replacement}`,
        details: { deprecatedIn: d.deprecatedIn, replacement: d.replacement },
      };
    }
  },
};

// ---------- schema-invalid ----------

interface SchemaData {
  source: string;
  roots: Record<string, Record<string, string>>;
  types: Record<string, Record<string, string>>;
}

const SCHEMA = schemaData as SchemaData;

/** Fields whose string values are resource quantities, written as YAML numbers too (`cpu: 1`). */
const QUANTITY_FIELDS = new Set([
  'limits',
  'requests',
  'hard',
  'used',
  'capacity',
  'allocatable',
  'overhead',
  'sizeLimit',
  'default',
  'defaultRequest',
  'max',
  'min',
  'maxLimitRequestRatio',
  'maximumVolumeSize',
  'storage',
  'averageValue',
]);

/** Fields of one type that are quantities (the same names elsewhere are plain strings). */
const QUANTITY_TYPE_FIELDS = new Set(['V2MetricTarget.value']);

/** Top-level keys of tools that process manifests before they are applied (SOPS metadata). */
const TOOL_ROOT_KEYS = new Set(['sops']);

const MAX_PER_OBJECT = 20;

function typeName(t: string): string {
  return t.replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a timestamp';
  if (isObj(v)) return 'an object';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)})`;
  return `a ${typeof v} (${String(v)})`;
}

function expected(t: string): string {
  if (t.endsWith('[]')) return 'a list';
  if (t.startsWith('map<')) return 'an object (map)';
  switch (t) {
    case 'string':
    case 'date':
      return 'a string';
    case 'int':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'int-or-string':
      return 'an integer or a string';
  }
  return `an object (${typeName(t)})`;
}

/** A close field name, for "did you mean". */
export function suggest(name: string, fields: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const f of fields) {
    if (f.toLowerCase() === name.toLowerCase()) return f;
    const d = levenshtein(name, f);
    if (d < bestD) {
      bestD = d;
      best = f;
    }
  }
  const limit = name.length <= 4 ? 1 : name.length <= 10 ? 2 : 3;
  return bestD <= limit ? best : undefined;
}

function scalarOk(t: string, v: unknown, field: PathSegment | undefined, parent: string): boolean {
  switch (t) {
    case 'string':
      if (typeof v === 'string' || v instanceof Date) return true;
      return (
        typeof v === 'number' &&
        typeof field === 'string' &&
        (QUANTITY_FIELDS.has(field) || QUANTITY_TYPE_FIELDS.has(`${parent}.${field}`))
      );
    case 'date':
      return typeof v === 'string' || v instanceof Date;
    case 'int':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'int-or-string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    case 'any':
      return true;
  }
  return true;
}

/** Validates a value against a schema type; pushes violations. */
function validate(
  v: unknown,
  t: string,
  path: FieldPath,
  out: Violation[],
  // the field name a map's values belong to (limits.cpu -> 'limits'), for quantity leniency
  field: PathSegment | undefined,
  parent = '',
): void {
  if (out.length >= MAX_PER_OBJECT || v === null || v === undefined || t === 'any') return;
  if (t.endsWith('[]')) {
    if (!Array.isArray(v)) {
      out.push({ path, message: `${String(path[path.length - 1])} must be a list, not ${describeValue(v)}` });
      return;
    }
    const item = t.slice(0, -2);
    v.forEach((x, i) => validate(x, item, [...path, i], out, field, parent));
    return;
  }
  if (t.startsWith('map<')) {
    if (!isObj(v)) {
      out.push({ path, message: `${String(path[path.length - 1])} must be ${expected(t)}, not ${describeValue(v)}` });
      return;
    }
    const item = t.slice(4, -1);
    for (const [k, x] of Object.entries(v)) validate(x, item, [...path, k], out, field, parent);
    return;
  }
  const fields = SCHEMA.types[t];
  if (!fields) {
    if (!scalarOk(t, v, field, parent)) {
      const name = typeof path[path.length - 1] === 'number' ? formatLast(path) : String(path[path.length - 1]);
      out.push({ path, message: `${name} must be ${expected(t)}, not ${describeValue(v)}` });
    }
    return;
  }
  if (!isObj(v)) {
    out.push({ path, message: `${formatLast(path)} must be ${expected(t)}, not ${describeValue(v)}` });
    return;
  }
  const names = Object.keys(fields);
  for (const [k, x] of Object.entries(v)) {
    const ft = fields[k];
    // strategic-merge-patch directives ($patch, $setElementOrder/...) in kustomize patches
    if (k.startsWith('$')) continue;
    if (path.length === 0 && TOOL_ROOT_KEYS.has(k)) continue;
    if (ft === undefined) {
      const s = suggest(k, names);
      out.push({
        path: [...path, k],
        message: `unknown field "${k}" in ${typeName(t)}${s ? `; did you mean "${s}"?` : ''}`,
        ...(s ? { details: { suggestion: s } } : {}),
      });
      if (out.length >= MAX_PER_OBJECT) return;
      continue;
    }
    validate(x, ft, [...path, k], out, k, t);
  }
}

function formatLast(path: FieldPath): string {
  for (let i = path.length - 1; i >= 0; i--)
    if (typeof path[i] === 'string')
      return `${String(path[i])}${path
        .slice(i + 1)
        .map((p) => `[${String(p)}]`)
        .join('')}`;
  return 'the object';
}

/** The root schema type of a built-in kind, undefined for CRDs and unknown apiVersions. */
export function rootType(obj: Pick<K8sObject, 'ref'>): string | undefined {
  return SCHEMA.roots[obj.ref.apiVersion]?.[obj.ref.kind];
}

export const schemaInvalid: Rule = {
  meta: {
    id: 'schema-invalid',
    title: 'Unknown field or wrong type',
    severity: 'high',
    enabledByDefault: true,
    category: 'api',
    rationale:
      'The API server rejects unknown fields and wrong types (kubectl validates strictly since 1.27), and older clients silently dropped them: a misspelled `replica:` or `securityContext` key means the setting is not applied at all. Checked for built-in kinds against the Kubernetes OpenAPI schema shipped with kubeward; custom resources are skipped.',
    remediation:
      'Fix the field name (the finding suggests the closest valid one) or the value type: lists where a list is expected, unquoted integers for ports and counts, quoted strings for labels, annotations and env values.',
    example:
      'spec:\n  replicas: 3            # not `replica: 3`\n  template:\n    spec:\n      containers:          # a list\n      - name: web\n        image: nginx:1.27',
    references: [
      'https://kubernetes.io/docs/reference/kubernetes-api/',
      'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    ],
  },
  *check(obj) {
    const root = rootType(obj);
    if (!root) return;
    const out: Violation[] = [];
    validate(obj.data, root, [], out, undefined);
    yield* out;
  },
};

/** Where the schema came from (client-node version), for `kubeward rules` and docs. */
export const SCHEMA_SOURCE = SCHEMA.source;

export const rules: Rule[] = [deprecatedApi, schemaInvalid];
