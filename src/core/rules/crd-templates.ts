/**
 * Pod templates inside well-known CRDs (Argo Rollout, Knative Service, Argo Workflow ...):
 * merged into podspec's tables so every container rule runs on them.
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
export const crdTemplateTable: Record<string, CrdTemplateLocation[]> = {};

export interface ResolvedTemplate {
  specPath: FieldPath;
  metaPath: FieldPath;
}

/** Kind -> function listing the pod-spec-like paths of an object (Argo Workflow templates ...). */
export const crdTemplateResolvers: Record<string, (obj: K8sObject) => ResolvedTemplate[]> = {};
