/** Hygiene: objects in the default namespace, user workloads in kube-system. */
import type { K8sObject } from '../manifests/types.ts';
import { inventory } from './inventory.ts';
import { get, isObj, podTemplates } from './podspec.ts';
import type { Rule, RuleContext } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

/** Built-in cluster-scoped kinds (never namespaced). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'ClusterTrustBundle',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'SelfSubjectReview',
  'TokenReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SubjectAccessReview',
  'StorageVersion',
  'StorageVersionMigration',
  'VolumeAttributesClass',
  'DeviceClass',
  'ResourceSlice',
  'IPAddress',
  'ServiceCIDR',
  'GatewayClass',
]);

/** Built-in (and Gateway API) namespaced kinds. Kinds in neither table are skipped unless a CRD in the set says. */
export const NAMESPACED_KINDS = new Set([
  'Pod',
  'PodTemplate',
  'ReplicationController',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'LimitRange',
  'ResourceQuota',
  'Event',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ControllerRevision',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'Ingress',
  'Lease',
  'CSIStorageCapacity',
  'ResourceClaim',
  'ResourceClaimTemplate',
  'LocalSubjectAccessReview',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
  'ReferenceGrant',
  'BackendTLSPolicy',
  'DeploymentConfig',
]);

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** Scope of CRD kinds declared by CustomResourceDefinitions in the set: `group/Kind` -> namespaced? */
function crdScopes(ctx: RuleContext): Map<string, boolean> {
  return ctx.memo('hygiene:crd-scopes', () => {
    const m = new Map<string, boolean>();
    for (const crd of inventory(ctx).byKind('CustomResourceDefinition')) {
      const spec = crd.data.spec;
      if (!isObj(spec)) continue;
      const kind = get(spec, ['names', 'kind']);
      if (typeof spec.group !== 'string' || typeof kind !== 'string') continue;
      m.set(`${spec.group}/${kind}`, spec.scope !== 'Cluster');
    }
    return m;
  });
}

/** Is the object's kind namespaced? undefined when unknown (a CRD kind not declared in the set). */
export function isNamespaced(obj: K8sObject, ctx: RuleContext): boolean | undefined {
  const kind = obj.ref.kind;
  const group = groupOf(obj.ref.apiVersion);
  const builtinGroup =
    group === '' || !group.includes('.') || group.endsWith('.k8s.io') || group === 'apps.openshift.io';
  if (builtinGroup || group === 'gateway.networking.k8s.io') {
    if (CLUSTER_SCOPED_KINDS.has(kind)) return false;
    if (NAMESPACED_KINDS.has(kind)) return true;
  }
  return crdScopes(ctx).get(`${group}/${kind}`);
}

export const defaultNamespace: Rule = {
  meta: {
    id: 'default-namespace',
    title: 'Object in the default namespace',
    severity: 'low',
    enabledByDefault: true,
    category: 'hygiene',
    cis: '5.7.4',
    rationale:
      'The `default` namespace is where everything without a namespace lands: workloads there share service accounts, network policies and quotas with whatever else ends up there, and RBAC cannot separate them. An object without a namespace goes wherever the current kubectl context points.',
    remediation:
      'Put the object in a dedicated namespace (`metadata.namespace`, or kustomize `namespace:`). Cluster-scoped kinds and unknown custom resources are not checked.',
    example: 'metadata:\n  name: web\n  namespace: shop',
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  },
  *check(obj, ctx) {
    const ns = obj.ref.namespace;
    if (ns !== undefined && ns !== '' && ns !== 'default') return;
    if (isNamespaced(obj, ctx) !== true) return;
    yield {
      path: ['metadata', 'namespace'],
      message:
        ns === 'default'
          ? `${obj.ref.kind} is in the default namespace`
          : `${obj.ref.kind} has no namespace: it lands in the current context's namespace (usually default)`,
    };
  },
};

/** Cluster add-ons that conventionally run in kube-system (name prefixes). */
export const KUBE_SYSTEM_ADDONS = [
  'coredns',
  'kube-dns',
  'kube-proxy',
  'metrics-server',
  'kube-state-metrics',
  'cluster-autoscaler',
  'calico',
  'hubble-',
  'fluentd-elasticsearch',
  'cilium',
  'canal',
  'kube-flannel',
  'aws-node',
  'ebs-csi-',
  'efs-csi-',
  'csi-',
  'konnectivity-agent',
  'nvidia-',
  'descheduler',
  'node-local-dns',
  'sealed-secrets-controller',
];

export const kubeSystemWorkload: Rule = {
  meta: {
    id: 'kube-system-workload',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'User workload in kube-system',
    severity: 'medium',
    enabledByDefault: true,
    category: 'hygiene',
    rationale:
      'kube-system holds the control-plane add-ons and their highly privileged service accounts and secrets. A user workload there can read or reuse them, and policies usually exempt the namespace.',
    remediation:
      'Run the workload in its own namespace. Workloads with `priorityClassName: system-cluster-critical` or `system-node-critical`, and well-known cluster add-ons (CoreDNS, kube-proxy, metrics-server, kube-state-metrics, CNI and CSI node plugins, device plugins, descheduler ...), are taken as system components and not reported.',
    example: 'metadata:\n  name: web\n  namespace: shop',
    references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces'],
  },
  *check(obj) {
    if (obj.ref.namespace !== 'kube-system') return;
    const ts = podTemplates(obj);
    if (!ts.length) return;
    const name = obj.ref.name.toLowerCase();
    if (KUBE_SYSTEM_ADDONS.some((a) => name.startsWith(a))) return;
    if (ts.every((t) => typeof t.spec.priorityClassName === 'string' && t.spec.priorityClassName.startsWith('system-')))
      return;
    yield {
      path: ['metadata', 'namespace'],
      message: `${obj.ref.kind} runs in kube-system without a system priority class; user workloads belong in their own namespace`,
    };
  },
};

export const rules: Rule[] = [defaultNamespace, kubeSystemWorkload];
