/**
 * Admission policies as catalog rules, so their verdicts flow through the one engine/report path:
 * - admission-policy: a ValidatingAdmissionPolicy (via its bindings) would deny, warn or audit an object
 * - policy-invalid: a policy, binding or custom rule that is broken (bad CEL, unknown paramKind ...)
 * - policy-not-evaluated: a policy kubeward cannot judge offline (authorizer, unsupported function,
 *   no binding), named so it is never a silent pass
 * Findings sit at the object's field (the first `object.x.y` the expression names) or the object,
 * and carry the policy's file:line in `details.policyLocation`.
 */
import { formatPath, isSeverity, type FieldPath, type Severity } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import type { InventoryViolation, Rule, RuleContext } from '../rules/types.ts';
import { policyMapper, policyUniverse, whereIs } from './context.ts';
import { podSecurityLevel, psaLabelProblems } from './psa.ts';
import {
  admitKyverno,
  compileKyverno,
  isKyvernoPolicy,
  isPolicyException,
  kyvernoText,
  type KyvernoSet,
} from './kyverno.ts';
import {
  admit,
  compileVaps,
  denialStatus,
  isVap,
  isVapBinding,
  namespacesOf,
  type AdmissionEnv,
  type CompiledPolicySet,
  type PolicyDecision,
  type PolicyProblem,
} from './vap.ts';

const VAP_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/';
/** Annotation on a policy that sets the severity of its Deny findings. */
export const SEVERITY_ANNOTATION = 'kubeward.io/severity';

/** The compiled VAPs and bindings of the run (once per run). */
export function vapSet(ctx: RuleContext): CompiledPolicySet {
  return ctx.memo('policies:vap', () => compileVaps(policyUniverse(ctx), policyMapper(ctx)));
}

export function admissionEnv(ctx: RuleContext): AdmissionEnv {
  return ctx.memo('policies:env', () => ({
    mapper: policyMapper(ctx),
    namespaces: namespacesOf(policyUniverse(ctx)),
    objects: policyUniverse(ctx),
  }));
}

/** The severity a policy asks for (annotation `kubeward.io/severity`), else undefined. */
function policySeverity(o: K8sObject): Severity | undefined {
  const a = (o.data.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations?.[
    SEVERITY_ANNOTATION
  ];
  return isSeverity(a) ? a : undefined;
}

/** Deny -> the policy's severity (default high); Warn -> medium; Audit -> low. */
export function severityOf(d: PolicyDecision, base: Severity): Severity {
  if (d.actions.includes('Deny')) return policySeverity(d.policy.object) ?? base;
  if (d.actions.includes('Warn')) return 'medium';
  return 'low';
}

/** The API server's words for a decision. */
export function decisionText(d: PolicyDecision): string {
  const b = d.binding ? ` with binding '${d.binding.name}'` : '';
  if (d.actions.includes('Deny'))
    return `ValidatingAdmissionPolicy '${d.policy.name}'${b} denied request: ${d.message}`;
  if (d.actions.includes('Warn'))
    return `Validation failed for ValidatingAdmissionPolicy '${d.policy.name}'${b}: ${d.message}`;
  return `ValidatingAdmissionPolicy '${d.policy.name}'${b} would record an audit failure: ${d.message}`;
}

/** Objects that policies judge: the scanned set minus the policy machinery itself. */
function judged(o: K8sObject): boolean {
  return !isVap(o) && !isVapBinding(o) && !isKyvernoPolicy(o) && !isPolicyException(o);
}

/** The compiled Kyverno policies and exceptions of the run. */
export function kyvernoSet(ctx: RuleContext): KyvernoSet {
  return ctx.memo('policies:kyverno', () => compileKyverno(policyUniverse(ctx), policyMapper(ctx)));
}

function kyvernoDecisions(ctx: RuleContext): { object: K8sObject; decisions: PolicyDecision[] }[] {
  return ctx.memo('policies:kyverno-decisions', () => {
    const set = kyvernoSet(ctx);
    if (!set.policies.length) return [];
    const env = admissionEnv(ctx);
    const out: { object: K8sObject; decisions: PolicyDecision[] }[] = [];
    for (const o of ctx.objects) {
      if (!judged(o)) continue;
      const decisions = admitKyverno(set, o, env);
      if (decisions.length) out.push({ object: o, decisions });
    }
    return out;
  });
}

function problemViolations(problems: readonly PolicyProblem[], kind: PolicyProblem['kind']): InventoryViolation[] {
  return problems
    .filter((p) => p.kind === kind)
    .map((p) => ({
      object: p.object,
      path: p.path,
      message: p.message,
      key: `${formatPath(p.path)}:${p.message}`,
      ...(kind === 'not-evaluated' && /has no ValidatingAdmissionPolicyBinding|not in the set/.test(p.message)
        ? { severity: 'low' as const }
        : {}),
      details: { policy: `${p.object.ref.kind}/${p.object.ref.name}`, policyLocation: whereIs(p.object, p.path) },
    }));
}

/** VAP decisions for every judged object, computed once and shared by the rules below. */
function vapDecisions(
  ctx: RuleContext,
): { object: K8sObject; decisions: PolicyDecision[]; unknownNamespaces: string[] }[] {
  return ctx.memo('policies:vap-decisions', () => {
    const set = vapSet(ctx);
    if (!set.policies.length) return [];
    const env = admissionEnv(ctx);
    const out: { object: K8sObject; decisions: PolicyDecision[]; unknownNamespaces: string[] }[] = [];
    for (const o of ctx.objects) {
      if (!judged(o)) continue;
      const v = admit(set, o, env);
      if (v.decisions.length) out.push({ object: o, decisions: v.decisions, unknownNamespaces: v.unknownNamespaces });
    }
    return out;
  });
}

function decisionDetails(d: PolicyDecision, unknownNamespaces: string[]): Record<string, string> {
  const details: Record<string, string> = {
    policy: d.policy.name,
    policyLocation: whereIs(d.policy.object, d.policyPath.length ? d.policyPath : ['metadata', 'name']),
    validationActions: d.actions.join(','),
  };
  if (d.binding) {
    details.binding = d.binding.name;
    details.bindingLocation = whereIs(d.binding.object, ['metadata', 'name']);
  }
  if (d.validation !== undefined) details.validation = String(d.validation);
  if (d.param !== undefined) details.param = d.param;
  if (d.reason) details.reason = d.reason;
  if (unknownNamespaces.length)
    details.namespace = `namespace ${unknownNamespaces.join(', ')} is not in the set: only its kubernetes.io/metadata.name label was assumed`;
  return details;
}

/** Locates at the named field when it exists, else at the object (its nearest existing parent). */
function pathFor(o: K8sObject, d: PolicyDecision): FieldPath {
  return d.objectPath ? [...d.objectPath] : [];
}

export const admissionPolicy: Rule = {
  meta: {
    id: 'admission-policy',
    title: 'Rejected by a ValidatingAdmissionPolicy',
    description:
      'A ValidatingAdmissionPolicy in the set or in the `policies:` paths, through its bindings, would deny (or warn about, or audit) this object: the verdict and message the API server would give.',
    severity: 'high',
    enabledByDefault: true,
    category: 'policy',
    everyLiveObject: true,
    rationale:
      'Admission policies are the cluster’s guardrails. A manifest that breaks one fails at deploy time, after review and merge; evaluating the same policies on the pull request reports it where it can still be fixed.',
    remediation:
      'Change the object so the policy’s validation holds (the message says which), or, if the policy is wrong, change the policy. The finding’s details name the policy, binding and the policy’s file:line.',
    references: [VAP_DOCS],
  },
  *checkAll(ctx) {
    for (const { object, decisions, unknownNamespaces } of vapDecisions(ctx)) {
      for (const d of decisions) {
        if (d.notEvaluable) continue;
        const sev = severityOf(d, 'high');
        const message = decisionText(d);
        const details = decisionDetails(d, unknownNamespaces);
        if (d.actions.includes('Deny')) {
          // the API server's exact reply, for comparison with a real dry run
          const st = denialStatus(object, d, message, policyMapper(ctx));
          details.admissionStatus = String(st.code);
          details.admissionMessage = st.message;
        }
        yield {
          object,
          path: pathFor(object, d),
          message,
          key: `${d.policy.name}/${d.binding?.name ?? ''}/${d.validation ?? 'config'}/${d.param ?? ''}`,
          ...(sev !== 'high' ? { severity: sev } : {}),
          details,
        };
      }
    }
  },
};

export const policyInvalid: Rule = {
  meta: {
    id: 'policy-invalid',
    title: 'Admission policy or custom rule is invalid',
    description:
      'A ValidatingAdmissionPolicy, binding, Kyverno policy or custom CEL rule that does not compile or is misconfigured: bad CEL, an unknown paramKind, a binding without validationActions or a missing paramRef.',
    severity: 'high',
    enabledByDefault: true,
    category: 'policy',
    everyLiveObject: true,
    rationale:
      'A broken policy is either rejected by the API server (so the guardrail silently does not exist) or denies every request it matches. Either way the team believes in a check that does not work as written.',
    remediation:
      'Fix the expression or field at the reported line. CEL errors give the character position inside the expression.',
    references: [VAP_DOCS, 'https://kubernetes.io/docs/reference/using-api/cel/'],
  },
  *checkAll(ctx) {
    yield* problemViolations(vapSet(ctx).problems, 'invalid');
    yield* problemViolations(kyvernoSet(ctx).problems, 'invalid');
    yield* psaLabelProblems(ctx);
  },
};

export const policyNotEvaluated: Rule = {
  meta: {
    id: 'policy-not-evaluated',
    title: 'Admission policy could not be evaluated offline',
    description:
      'A policy whose verdict kubeward cannot compute without the cluster (authorizer checks, an unsupported Kyverno function) or that nothing binds. Reported so a policy is never passed silently.',
    severity: 'high',
    enabledByDefault: true,
    category: 'policy',
    everyLiveObject: true,
    rationale:
      'A gate that skips a policy it cannot evaluate and reports success claims a check it did not make. Naming the policy and the reason keeps the result honest.',
    remediation:
      'Verify the object against the live cluster (`kubeward verify`, or a server-side dry run), or rewrite the expression without the unsupported function. For an unbound policy, add its ValidatingAdmissionPolicyBinding to the set or remove the policy.',
    references: [VAP_DOCS],
  },
  *checkAll(ctx) {
    yield* problemViolations(vapSet(ctx).problems, 'not-evaluated');
    yield* problemViolations(kyvernoSet(ctx).problems, 'not-evaluated');
    for (const { object, decisions } of kyvernoDecisions(ctx)) {
      for (const d of decisions) {
        if (!d.notEvaluable) continue;
        yield {
          object,
          path: pathFor(object, d),
          message: `Kyverno ${d.policy.object.ref.kind} '${d.policy.name}' could not be evaluated: ${d.message}`,
          key: `kyverno/${d.policy.name}/${d.validation ?? 'config'}`,
          details: { ...decisionDetails(d, []), notEvaluable: d.notEvaluable },
        };
      }
    }
    for (const { object, decisions, unknownNamespaces } of vapDecisions(ctx)) {
      for (const d of decisions) {
        if (!d.notEvaluable) continue;
        yield {
          object,
          path: pathFor(object, d),
          message: `ValidatingAdmissionPolicy '${d.policy.name}'${d.binding ? ` with binding '${d.binding.name}'` : ''} could not be evaluated: ${d.message}`,
          key: `${d.policy.name}/${d.binding?.name ?? ''}/${d.validation ?? 'config'}`,
          details: { ...decisionDetails(d, unknownNamespaces), notEvaluable: d.notEvaluable },
        };
      }
    }
  },
};

export const kyvernoPolicy: Rule = {
  meta: {
    id: 'kyverno-policy',
    title: 'Rejected by a Kyverno ValidatingPolicy',
    description:
      'A Kyverno CEL policy (policies.kyverno.io/v1 ValidatingPolicy or NamespacedValidatingPolicy) in the set or the `policies:` paths would deny, warn about or audit this object, and no PolicyException exempts it.',
    severity: 'high',
    enabledByDefault: true,
    category: 'policy',
    everyLiveObject: true,
    rationale:
      'Kyverno enforces the same guardrails at admission; a manifest that breaks one fails at deploy time. Evaluating the policy on the pull request reports it while it can still be fixed.',
    remediation:
      'Change the object so the validation holds (the message says which), or add a PolicyException with a reason if the object is a justified exception.',
    references: ['https://kyverno.io/docs/policy-types/validating-policy/', 'https://kyverno.io/docs/exceptions/'],
  },
  *checkAll(ctx) {
    for (const { object, decisions } of kyvernoDecisions(ctx)) {
      for (const d of decisions) {
        if (d.notEvaluable) continue;
        const sev = severityOf(d, 'high');
        yield {
          object,
          path: pathFor(object, d),
          message: kyvernoText(d),
          key: `kyverno/${d.policy.name}/${d.validation ?? 'config'}`,
          ...(sev !== 'high' ? { severity: sev } : {}),
          details: decisionDetails(d, []),
        };
      }
    }
  },
};

export { policyMapper, policyUniverse, whereIs };

export const rules: Rule[] = [admissionPolicy, kyvernoPolicy, policyInvalid, policyNotEvaluated, podSecurityLevel];
