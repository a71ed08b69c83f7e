import type { FieldPath, Fix, Severity } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import type { LiveContext } from '../live/context.ts';

export type { LiveContext };
/** A Pod Security Standards level a rule belongs to (`privileged` has no controls). */
export type PssLevel = 'baseline' | 'restricted';

export type RuleCategory =
  | 'pod-security'
  | 'volumes'
  | 'images'
  | 'resources'
  | 'availability'
  | 'service-accounts'
  | 'secrets'
  | 'configuration'
  | 'network'
  | 'rbac'
  | 'istio'
  | 'hygiene'
  | 'api'
  | 'dockerfile'
  | 'live'
  | 'policy';

/** JSON-schema-like description of one rule option (validated by the config loader). */
export interface RuleOption {
  type: 'number' | 'string' | 'boolean' | 'string[]' | 'object';
  description: string;
  default?: unknown;
}

/**
 * In `RuleMeta.kinds`: every kind that carries a pod template (Pod, the workload kinds, and the
 * CRD kinds registered in rules/podspec.ts and rules/crd-templates.ts).
 */
export const POD_TEMPLATE_KINDS = '*PodTemplate';

export interface RuleMeta {
  /** Stable kebab-case id from RULES.md. */
  id: string;
  title: string;
  /** What the rule flags, in a sentence or two (docs and SARIF fullDescription); the title when absent. */
  description?: string;
  /** Default severity. */
  severity: Severity;
  /** false for rules that RULES.md marks `off`: built in, disabled unless configured. */
  enabledByDefault: boolean;
  category: RuleCategory;
  /** Why it matters (one paragraph). */
  rationale: string;
  /** How to fix it (one paragraph). */
  remediation: string;
  /** A YAML snippet showing the fixed form. */
  example?: string;
  references: string[];
  /** Pod Security Standards level the rule belongs to, where it does. */
  pss?: PssLevel;
  /** CIS Kubernetes Benchmark item(s), where one applies. */
  cis?: string;
  options?: Record<string, RuleOption>;
  /**
   * Kinds `check` applies to, as kube-linter's `scope.objectKinds`: the engine hands `check` only
   * objects of these kinds. `POD_TEMPLATE_KINDS` stands for every kind with a pod template.
   * Absent: every object. (Cross-object rules, `checkAll`, pick their objects from the inventory.)
   */
  kinds?: readonly string[];
  /** Rules that only make sense against a live cluster (kubeward verify). */
  liveOnly?: boolean;
  /**
   * In verify, judge every live object as its own admission request (each pod too, not one pod
   * per distinct spec): the admission policies, whose verdict is per request.
   */
  everyLiveObject?: boolean;
  /** Reported by kubeward itself (rule-error): cannot be turned off, re-rated or suppressed. */
  unsuppressible?: boolean;
}

/** One thing wrong, at one field path of one object. */
export interface Violation {
  /** Field path relative to the object root. When the field is missing, the path it should have. */
  path: FieldPath;
  message: string;
  /** Overrides the rule's severity for this violation (e.g. deprecated-api: high when removed). */
  severity?: Severity;
  fix?: Fix;
  secretPreview?: string;
  details?: Record<string, string>;
  /**
   * Distinguishes findings of one rule at the same path of the same object (e.g. the admission
   * policy that produced each), so their fingerprints differ.
   */
  key?: string;
}

/** A violation of a cross-object rule, naming the object it is reported on. */
export interface InventoryViolation extends Violation {
  object: K8sObject;
}

export interface RuleContext {
  /** Every object in the scanned set (manifests, or the live inventory). */
  readonly objects: readonly K8sObject[];
  /** This rule's options, defaults applied, config merged. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Target Kubernetes version, e.g. '1.34'. */
  readonly kubeVersion: string;
  /** 'manifest' for scan, 'live' for verify: some cross-object rules soften their wording. */
  readonly mode: 'manifest' | 'live';
  /**
   * Admission policies, bindings and their params from `policies:` paths: they judge `objects`
   * but are not scanned themselves. Empty when none were given.
   */
  readonly policies?: readonly K8sObject[];
  /**
   * What verify knows about the cluster beyond the objects (manifests deployed, rollouts, events,
   * RBAC, Secrets). Present in verify, absent in scan: rules that need it yield nothing without it.
   */
  readonly live?: LiveContext;
  /**
   * Set when a rule tagged `pss` runs as a Pod Security Standards control
   * (`podSecurityViolations` in rules/pss.ts): the rule then judges exactly as the Pod Security
   * admission controller does at that level, whatever its own options and stricter defaults say.
   */
  readonly pssLevel?: PssLevel;
  /** Computes a value once per run and shares it between rules (indexes by kind, selectors ...). */
  memo<T>(key: string, compute: () => T): T;
}

export interface Rule {
  meta: RuleMeta;
  /** Looks at one object; yields its violations. */
  check?(obj: K8sObject, ctx: RuleContext): Iterable<Violation>;
  /** Looks at the whole set (cross-object rules); yields violations naming their object. */
  checkAll?(ctx: RuleContext): Iterable<InventoryViolation>;
}
