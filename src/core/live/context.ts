/**
 * The live context: what `verify` knows about a cluster beyond the evaluated objects. Built by
 * src/core/live/inventory.ts and handed to the rules as `RuleContext.live` (absent in `scan`).
 * Types only: the rule layer imports it without loading anything of the cluster layer.
 */
import type { K8sObject } from '../manifests/types.ts';
import type { RolloutResult } from '../cluster/rollout.ts';

type Json = Record<string, unknown>;

export interface LiveContext {
  /** Name of the kubeconfig context (cluster) the objects were read from. */
  cluster: string;
  /** Live object -> the manifest object it was deployed from. */
  manifestOf: ReadonlyMap<K8sObject, K8sObject>;
  /** Admitted pod (or owned ReplicaSet) -> the workload that owns it (top controller). */
  ownerOf: ReadonlyMap<K8sObject, K8sObject>;
  /** Workload -> result of waiting for its rollout. */
  rollouts: ReadonlyMap<K8sObject, RolloutResult>;
  /** Image name (repository without tag) or container name -> expected digest `sha256:...`. */
  expectImages: ReadonlyMap<string, string>;
  /** Field managers that count as the deployer (kubectl, helm, argocd ...). */
  deployers: readonly string[];
  /** Warning events by `${kind}/${namespace}/${name}`. */
  events: ReadonlyMap<string, Json[]>;
  /** Namespaces in scope by name (labels decide the Pod Security level). */
  namespaces: ReadonlyMap<string, Json>;
  /** Secrets (values stripped) when the secret checks ran, else undefined. */
  secrets?: readonly K8sObject[];
  /** RBAC objects for secret-readers. */
  rbac: { roles: Json[]; clusterRoles: Json[]; roleBindings: Json[]; clusterRoleBindings: Json[] };
  /** All pods and service accounts in scope (also ones not evaluated), for reference checks. */
  pods: Json[];
  serviceAccounts: Json[];
  ingresses: Json[];
  /** True when --manifests named what was deployed. */
  manifestsGiven: boolean;
  /** Resource mappings found by discovery (param kinds of the cluster's policies): `group/Kind` -> plural, scope. */
  resources?: ReadonlyMap<string, { resource: string; namespaced: boolean }>;
  /** Checks that could not run (missing permission): these rules stay silent. */
  notVerified: ReadonlySet<string>;
}
