/**
 * Pod templates inside well-known CRDs (Argo Rollout, Knative Service, Argo Workflow ...):
 * merged into podspec's tables so every container rule runs on them.
 *
 * Covered:
 * - Argo Rollout (argoproj.io, `spec.template`) and Knative Service (serving.knative.dev,
 *   `spec.template`): in podspec's `podTemplateTable`.
 * - Knative Configuration (`spec.template`) and Revision (`spec`), serving.knative.dev.
 * - Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate (`spec.templates[i]`) and
 *   CronWorkflow (`spec.workflowSpec.templates[i]`): each template that runs a container is one
 *   pod template whose containers are `container`, `script`, `containerSet.containers`,
 *   `initContainers` and `sidecars`; the template's own `securityContext` is the pod-level one.
 *   Limitation: the workflow-level `spec.securityContext` and `spec.podSpecPatch` are ignored.
 * - Kubeflow training jobs (kubeflow.org PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob,
 *   MXJob): every `spec.<x>ReplicaSpecs.<role>.template`.
 * - KServe InferenceService (serving.kserve.io): `spec.predictor`, `spec.transformer`,
 *   `spec.explainer` (their `containers` and the single `model` container).
 * - Ray (ray.io) RayCluster, RayService, RayJob: head and worker group templates.
 * Unknown kinds carry no pod template (never an error).
 */
import type { FieldPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';

export interface CrdTemplateLocation {
  spec: FieldPath;
  meta: FieldPath;
  /** apiVersion group the kind must have. */
  group: string;
}

/** Kind -> template locations, for CRDs whose pod spec sits at a fixed path. */
export const crdTemplateTable: Record<string, CrdTemplateLocation[]> = {
  Configuration: [
    { spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'], group: 'serving.knative.dev' },
  ],
  Revision: [{ spec: ['spec'], meta: ['metadata'], group: 'serving.knative.dev' }],
};

/** Where a CRD template keeps its containers, when not in a pod spec's usual fields. */
export interface CrdContainerField {
  /** Field of the template spec: a list of containers, or one container when `single`. */
  field: string;
  type: 'container' | 'initContainer' | 'ephemeralContainer';
  single?: boolean;
}

export interface ResolvedTemplate {
  specPath: FieldPath;
  metaPath: FieldPath;
  /**
   * Container fields of this template when they differ from a pod spec's
   * (initContainers/containers/ephemeralContainers), e.g. Argo's `container` and `sidecars`.
   */
  containerFields?: CrdContainerField[];
}

type Obj = Record<string, unknown>;
function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function at(obj: unknown, path: FieldPath): unknown {
  let cur = obj;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObj(cur) ? cur[seg] : undefined;
  }
  return cur;
}
function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** Argo Workflows template container fields. */
export const ARGO_CONTAINER_FIELDS: CrdContainerField[] = [
  { field: 'initContainers', type: 'initContainer' },
  { field: 'container', type: 'container', single: true },
  { field: 'script', type: 'container', single: true },
  { field: 'sidecars', type: 'container' },
];

const ARGO_GROUP = 'argoproj.io';

function argoTemplates(templatesPath: FieldPath) {
  return (obj: K8sObject): ResolvedTemplate[] => {
    if (groupOf(obj.ref.apiVersion) !== ARGO_GROUP) return [];
    const list = at(obj.data, templatesPath);
    if (!Array.isArray(list)) return [];
    const out: ResolvedTemplate[] = [];
    list.forEach((t, i) => {
      if (!isObj(t)) return;
      const p = [...templatesPath, i];
      if (isObj(t.container) || isObj(t.script) || Array.isArray(t.initContainers) || Array.isArray(t.sidecars)) {
        out.push({ specPath: p, metaPath: [...p, 'metadata'], containerFields: ARGO_CONTAINER_FIELDS });
      }
      if (isObj(t.containerSet) && Array.isArray(t.containerSet.containers)) {
        out.push({ specPath: [...p, 'containerSet'], metaPath: [...p, 'metadata'] });
      }
    });
    return out;
  };
}

/** Kinds whose "pod templates" are Argo Workflows templates (not full pod specs). */
export const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/** Is this object a batch-like CRD whose pods run to completion (no probes expected)? */
export function isRunToCompletionCrd(obj: K8sObject): boolean {
  const g = groupOf(obj.ref.apiVersion);
  return (
    (ARGO_WORKFLOW_KINDS.has(obj.ref.kind) && g === ARGO_GROUP) ||
    (g === 'kubeflow.org' && /Job$/.test(obj.ref.kind)) ||
    (g === 'ray.io' && obj.ref.kind === 'RayJob')
  );
}

/** Does the object's "pod template" come from a fragment rather than a full pod spec (Argo Workflows)? */
export function isPodSpecFragment(obj: K8sObject): boolean {
  return ARGO_WORKFLOW_KINDS.has(obj.ref.kind) && groupOf(obj.ref.apiVersion) === ARGO_GROUP;
}

function kubeflowReplicaSpecs(obj: K8sObject): ResolvedTemplate[] {
  if (groupOf(obj.ref.apiVersion) !== 'kubeflow.org') return [];
  const spec = obj.data.spec;
  if (!isObj(spec)) return [];
  const out: ResolvedTemplate[] = [];
  for (const [field, specs] of Object.entries(spec)) {
    if (!/ReplicaSpecs$/.test(field) || !isObj(specs)) continue;
    for (const [role, rs] of Object.entries(specs)) {
      if (!isObj(rs) || !isObj(rs.template)) continue;
      const base = ['spec', field, role, 'template'];
      out.push({ specPath: [...base, 'spec'], metaPath: [...base, 'metadata'] });
    }
  }
  return out;
}

const KSERVE_FIELDS: CrdContainerField[] = [
  { field: 'initContainers', type: 'initContainer' },
  { field: 'containers', type: 'container' },
  { field: 'model', type: 'container', single: true },
];

function inferenceService(obj: K8sObject): ResolvedTemplate[] {
  if (groupOf(obj.ref.apiVersion) !== 'serving.kserve.io') return [];
  const out: ResolvedTemplate[] = [];
  for (const comp of ['predictor', 'transformer', 'explainer']) {
    const c = at(obj.data, ['spec', comp]);
    if (!isObj(c)) continue;
    out.push({ specPath: ['spec', comp], metaPath: ['spec', comp], containerFields: KSERVE_FIELDS });
  }
  return out;
}

function rayCluster(base: FieldPath) {
  return (obj: K8sObject): ResolvedTemplate[] => {
    if (groupOf(obj.ref.apiVersion) !== 'ray.io') return [];
    const out: ResolvedTemplate[] = [];
    if (isObj(at(obj.data, [...base, 'headGroupSpec', 'template']))) {
      const p = [...base, 'headGroupSpec', 'template'];
      out.push({ specPath: [...p, 'spec'], metaPath: [...p, 'metadata'] });
    }
    const workers = at(obj.data, [...base, 'workerGroupSpecs']);
    if (Array.isArray(workers)) {
      workers.forEach((w, i) => {
        if (!isObj(w) || !isObj(w.template)) return;
        const p = [...base, 'workerGroupSpecs', i, 'template'];
        out.push({ specPath: [...p, 'spec'], metaPath: [...p, 'metadata'] });
      });
    }
    return out;
  };
}

/** Kind -> function listing the pod-spec-like paths of an object (Argo Workflow templates ...). */
export const crdTemplateResolvers: Record<string, (obj: K8sObject) => ResolvedTemplate[]> = {
  Workflow: argoTemplates(['spec', 'templates']),
  WorkflowTemplate: argoTemplates(['spec', 'templates']),
  ClusterWorkflowTemplate: argoTemplates(['spec', 'templates']),
  CronWorkflow: argoTemplates(['spec', 'workflowSpec', 'templates']),
  PyTorchJob: kubeflowReplicaSpecs,
  TFJob: kubeflowReplicaSpecs,
  MPIJob: kubeflowReplicaSpecs,
  XGBoostJob: kubeflowReplicaSpecs,
  PaddleJob: kubeflowReplicaSpecs,
  MXJob: kubeflowReplicaSpecs,
  InferenceService: inferenceService,
  RayCluster: rayCluster(['spec']),
  RayService: rayCluster(['spec', 'rayClusterConfig']),
  RayJob: rayCluster(['spec', 'rayClusterSpec']),
};
