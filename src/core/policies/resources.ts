/**
 * Kind -> resource mapping (plural, group, version, scope) as the API server's discovery reports it:
 * built-in kinds from a table, CRDs from the CustomResourceDefinitions in the scanned set.
 * Admission policies match by resource, so this mapping decides whether a policy applies.
 */
import type { K8sObject } from '../manifests/types.ts';

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name: 'deployments'. */
  resource: string;
  namespaced: boolean;
  /** How the mapping was found: the built-in table, a CRD in the set, or a guess from the kind. */
  source: 'builtin' | 'crd' | 'guess';
}

// group -> [kind, plural, namespaced]
const BUILTIN: Record<string, [string, string, boolean][]> = {
  '': [
    ['Pod', 'pods', true],
    ['Service', 'services', true],
    ['ConfigMap', 'configmaps', true],
    ['Secret', 'secrets', true],
    ['ServiceAccount', 'serviceaccounts', true],
    ['PersistentVolumeClaim', 'persistentvolumeclaims', true],
    ['PersistentVolume', 'persistentvolumes', false],
    ['Namespace', 'namespaces', false],
    ['Node', 'nodes', false],
    ['Endpoints', 'endpoints', true],
    ['Event', 'events', true],
    ['LimitRange', 'limitranges', true],
    ['ResourceQuota', 'resourcequotas', true],
    ['ReplicationController', 'replicationcontrollers', true],
    ['PodTemplate', 'podtemplates', true],
    ['Binding', 'bindings', true],
    ['ComponentStatus', 'componentstatuses', false],
  ],
  apps: [
    ['Deployment', 'deployments', true],
    ['StatefulSet', 'statefulsets', true],
    ['DaemonSet', 'daemonsets', true],
    ['ReplicaSet', 'replicasets', true],
    ['ControllerRevision', 'controllerrevisions', true],
  ],
  batch: [
    ['Job', 'jobs', true],
    ['CronJob', 'cronjobs', true],
  ],
  autoscaling: [['HorizontalPodAutoscaler', 'horizontalpodautoscalers', true]],
  policy: [
    ['PodDisruptionBudget', 'poddisruptionbudgets', true],
    ['PodSecurityPolicy', 'podsecuritypolicies', false],
    ['Eviction', 'evictions', true],
  ],
  'networking.k8s.io': [
    ['NetworkPolicy', 'networkpolicies', true],
    ['Ingress', 'ingresses', true],
    ['IngressClass', 'ingressclasses', false],
    ['IPAddress', 'ipaddresses', false],
    ['ServiceCIDR', 'servicecidrs', false],
  ],
  'rbac.authorization.k8s.io': [
    ['Role', 'roles', true],
    ['RoleBinding', 'rolebindings', true],
    ['ClusterRole', 'clusterroles', false],
    ['ClusterRoleBinding', 'clusterrolebindings', false],
  ],
  'storage.k8s.io': [
    ['StorageClass', 'storageclasses', false],
    ['CSIDriver', 'csidrivers', false],
    ['CSINode', 'csinodes', false],
    ['CSIStorageCapacity', 'csistoragecapacities', true],
    ['VolumeAttachment', 'volumeattachments', false],
    ['VolumeAttributesClass', 'volumeattributesclasses', false],
  ],
  'admissionregistration.k8s.io': [
    ['ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
    ['ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
    ['MutatingAdmissionPolicy', 'mutatingadmissionpolicies', false],
    ['MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', false],
    ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
    ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
  ],
  'apiextensions.k8s.io': [['CustomResourceDefinition', 'customresourcedefinitions', false]],
  'apiregistration.k8s.io': [['APIService', 'apiservices', false]],
  'scheduling.k8s.io': [['PriorityClass', 'priorityclasses', false]],
  'node.k8s.io': [['RuntimeClass', 'runtimeclasses', false]],
  'discovery.k8s.io': [['EndpointSlice', 'endpointslices', true]],
  'coordination.k8s.io': [['Lease', 'leases', true]],
  'certificates.k8s.io': [
    ['CertificateSigningRequest', 'certificatesigningrequests', false],
    ['ClusterTrustBundle', 'clustertrustbundles', false],
  ],
  'flowcontrol.apiserver.k8s.io': [
    ['FlowSchema', 'flowschemas', false],
    ['PriorityLevelConfiguration', 'prioritylevelconfigurations', false],
  ],
  'resource.k8s.io': [
    ['DeviceClass', 'deviceclasses', false],
    ['ResourceClaim', 'resourceclaims', true],
    ['ResourceClaimTemplate', 'resourceclaimtemplates', true],
    ['ResourceSlice', 'resourceslices', false],
  ],
  'events.k8s.io': [['Event', 'events', true]],
  'policies.kyverno.io': [
    ['ValidatingPolicy', 'validatingpolicies', false],
    ['NamespacedValidatingPolicy', 'namespacedvalidatingpolicies', true],
    ['PolicyException', 'policyexceptions', true],
  ],
};

const BY_GROUP_KIND = new Map<string, { resource: string; namespaced: boolean }>();
for (const [group, kinds] of Object.entries(BUILTIN))
  for (const [kind, resource, namespaced] of kinds) BY_GROUP_KIND.set(`${group}/${kind}`, { resource, namespaced });

/** Splits `apps/v1` into group and version (`v1` -> core group). */
export function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The lower-case plural Kubernetes' RESTMapper guesses for a kind it does not know. */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return `${k}es`;
  if (k.endsWith('y') && !/[aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** Resource mappings declared by the CRDs of a set of objects (group/kind -> plural and scope). */
export function crdMappings(objects: readonly K8sObject[]): Map<string, { resource: string; namespaced: boolean }> {
  const out = new Map<string, { resource: string; namespaced: boolean }>();
  for (const o of objects) {
    if (o.ref.kind !== 'CustomResourceDefinition') continue;
    const spec = o.data.spec as
      { group?: unknown; scope?: unknown; names?: { kind?: unknown; plural?: unknown } } | undefined;
    if (typeof spec?.group !== 'string' || typeof spec.names?.kind !== 'string') continue;
    const plural = typeof spec.names.plural === 'string' ? spec.names.plural : guessPlural(spec.names.kind);
    out.set(`${spec.group}/${spec.names.kind}`, { resource: plural, namespaced: spec.scope !== 'Cluster' });
  }
  return out;
}

export class ResourceMapper {
  private readonly crds: Map<string, { resource: string; namespaced: boolean }>;
  /** `discovered`: mappings the live cluster's discovery reported (`group/Kind` -> plural, scope). */
  constructor(
    objects: readonly K8sObject[] = [],
    discovered?: ReadonlyMap<string, { resource: string; namespaced: boolean }>,
  ) {
    this.crds = crdMappings(objects);
    for (const [k, v] of discovered ?? []) if (!this.crds.has(k)) this.crds.set(k, v);
  }
  /** The resource of an apiVersion/kind. */
  map(apiVersion: string, kind: string): ResourceInfo {
    const { group, version } = groupVersion(apiVersion);
    const key = `${group}/${kind}`;
    const b = BY_GROUP_KIND.get(key);
    if (b) return { group, version, kind, ...b, source: 'builtin' };
    const c = this.crds.get(key);
    if (c) return { group, version, kind, ...c, source: 'crd' };
    return { group, version, kind, resource: guessPlural(kind), namespaced: true, source: 'guess' };
  }
  /** True when the kind is known (built in or a CRD in the set). */
  knows(apiVersion: string, kind: string): boolean {
    return this.map(apiVersion, kind).source !== 'guess';
  }
}
