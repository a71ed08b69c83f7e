/**
 * Pod Security Admission namespace labels as a policy: a Namespace (in the set, or the live
 * cluster) labelled `pod-security.kubernetes.io/enforce|warn|audit` (+ `-version`) judges every pod
 * template in it at that level, with the pod-security rules themselves (rules/pss.ts), not a copy.
 */
import type { K8sObject } from '../manifests/types.ts';
import { podTemplates } from '../rules/podspec.ts';
import { podSecurityViolations, type PssLevel } from '../rules/pss.ts';
import type { InventoryViolation, Rule, RuleContext } from '../rules/types.ts';
import type { Severity } from '../model.ts';
import { policyMapper, policyUniverse, whereIs } from './context.ts';

const PREFIX = 'pod-security.kubernetes.io/';
const MODES = ['enforce', 'warn', 'audit'] as const;
type Mode = (typeof MODES)[number];
const SEVERITY: Record<Mode, Severity> = { enforce: 'high', warn: 'medium', audit: 'low' };

export interface PsaLabels {
  namespace: K8sObject;
  modes: Partial<Record<Mode, { level: PssLevel | 'privileged'; version: string }>>;
  /** Labels with a value the admission controller does not accept. */
  invalid: { label: string; value: string }[];
}

/** The PSA labels of a Namespace object. */
export function psaLabels(ns: K8sObject): PsaLabels {
  const labels = ((ns.data.metadata as { labels?: Record<string, unknown> } | undefined)?.labels ?? {}) as Record<
    string,
    unknown
  >;
  const out: PsaLabels = { namespace: ns, modes: {}, invalid: [] };
  for (const mode of MODES) {
    const raw = labels[`${PREFIX}${mode}`];
    if (raw === undefined) continue;
    const level = String(raw);
    const version =
      labels[`${PREFIX}${mode}-version`] === undefined ? 'latest' : String(labels[`${PREFIX}${mode}-version`]);
    if (level !== 'privileged' && level !== 'baseline' && level !== 'restricted') {
      out.invalid.push({ label: `${PREFIX}${mode}`, value: level });
      continue;
    }
    if (version !== 'latest' && !/^v1\.\d+$/.test(version))
      out.invalid.push({ label: `${PREFIX}${mode}-version`, value: version });
    out.modes[mode] = { level, version };
  }
  return out;
}

function namespaceIndex(ctx: RuleContext): Map<string, PsaLabels> {
  return ctx.memo('policies:psa-namespaces', () => {
    const m = new Map<string, PsaLabels>();
    for (const o of policyUniverse(ctx))
      if (o.ref.kind === 'Namespace' && o.ref.apiVersion === 'v1' && o.ref.name) m.set(o.ref.name, psaLabels(o));
    return m;
  });
}

export const podSecurityLevel: Rule = {
  meta: {
    id: 'pod-security-level',
    title: 'Pods below their namespace’s Pod Security level',
    description:
      'A Pod or workload in a namespace whose `pod-security.kubernetes.io/enforce|warn|audit` labels set a Pod Security Standards level that its pods do not meet: with enforce the pods are rejected, with warn the apply prints warnings, with audit the audit log records it.',
    severity: 'high',
    enabledByDefault: true,
    category: 'policy',
    rationale:
      'Pod Security admission rejects pods that break the namespace’s enforced level, but for a Deployment, StatefulSet or Job the rejection happens later, when the controller creates the pods: the apply succeeds and the rollout silently never starts. Judging the pod templates against the namespace’s labels in the pull request shows it before the deploy.',
    remediation:
      'Change the pod template to meet the level (the message names the control and field), or, if the workload genuinely needs the privilege, move it to a namespace whose level allows it.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
  },
  *checkAll(ctx): Iterable<InventoryViolation> {
    const index = namespaceIndex(ctx);
    if (!index.size) return;
    const mapper = policyMapper(ctx);
    for (const o of ctx.objects) {
      if (!podTemplates(o).length) continue;
      if (!mapper.map(o.ref.apiVersion, o.ref.kind).namespaced) continue;
      const nsName = o.ref.namespace ?? 'default';
      const psa = index.get(nsName);
      if (!psa) continue;
      const isPod = o.ref.kind === 'Pod';
      // each control is reported once, under the strictest mode that catches it
      const reported = new Set<string>();
      for (const mode of MODES) {
        const m = psa.modes[mode];
        if (!m || m.level === 'privileged') continue;
        const violations = podSecurityViolations(o, m.level, m.version, {
          memo: ctx.memo,
          mode: ctx.mode,
          ...(ctx.live ? { live: ctx.live } : {}),
        });
        for (const v of violations) {
          const k = `${v.ruleId}\0${v.path.join('.')}`;
          if (reported.has(k)) continue;
          reported.add(k);
          const label = `${mode}=${m.level}${m.version !== 'latest' ? ` (version ${m.version})` : ''}`;
          const what =
            mode === 'enforce'
              ? isPod
                ? 'Pod Security admission rejects this Pod'
                : `the pods of this ${o.ref.kind} would be rejected by Pod Security admission (the ${o.ref.kind} itself is admitted with a warning)`
              : mode === 'warn'
                ? 'kubectl apply prints a Pod Security warning for it'
                : 'the audit log records a Pod Security violation for it';
          yield {
            object: o,
            path: v.path,
            message: `namespace ${nsName} has ${label}: ${what}: ${v.message} (${v.ruleId}, ${v.level})`,
            key: `${mode}:${v.ruleId}`,
            ...(SEVERITY[mode] !== 'high' ? { severity: SEVERITY[mode] } : {}),
            details: {
              namespace: nsName,
              mode,
              level: m.level,
              version: m.version,
              control: v.ruleId,
              policyLocation: whereIs(psa.namespace, ['metadata', 'labels', `${PREFIX}${mode}`]),
            },
          };
        }
      }
    }
  },
};

/** Namespaces whose PSA labels have values the admission controller rejects (reported as policy-invalid). */
export function psaLabelProblems(ctx: RuleContext): InventoryViolation[] {
  const out: InventoryViolation[] = [];
  for (const psa of namespaceIndex(ctx).values())
    for (const bad of psa.invalid)
      out.push({
        object: psa.namespace,
        path: ['metadata', 'labels', bad.label],
        message: `${bad.label}: "${bad.value}" is not a valid value (${bad.label.endsWith('-version') ? 'latest or v1.N' : 'privileged, baseline or restricted'}): Pod Security admission does not accept it, so the namespace is not protected as intended`,
        key: bad.label,
        details: { policyLocation: whereIs(psa.namespace, ['metadata', 'labels', bad.label]) },
      });
  return out;
}
