/**
 * Pod Security Standards evaluation, once: the rules tagged `pss` (pod-security and volumes
 * families), run per level with `ctx.pssLevel` set so each judges exactly as the Pod Security
 * admission controller does. Used by the live `pod-security-admission` check (pods running in a
 * namespace below their enforced level) and by the PSA namespace-label policies.
 */
import type { FieldPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import { rules as podSecurityRules } from './pod-security.ts';
import { rules as volumeRules } from './volumes.ts';
import type { PssLevel, Rule, RuleContext } from './types.ts';

export type { PssLevel };

/** One Pod Security Standards control failed by an object. */
export interface PssViolation {
  /** The catalog rule that implements the control (e.g. `host-network`). */
  ruleId: string;
  /** The level the control belongs to: baseline controls also apply at restricted. */
  level: PssLevel;
  /** Field path, relative to the object root, as the rule reports it. */
  path: FieldPath;
  message: string;
}

/** The rules that implement the Pod Security Standards controls, in catalog order. */
export const PSS_RULES: readonly Rule[] = [...podSecurityRules, ...volumeRules].filter((r) => r.meta.pss);

const RANK: Record<PssLevel, number> = { baseline: 1, restricted: 2 };

function defaults(rule: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(rule.meta.options ?? {})) if (o.default !== undefined) out[k] = o.default;
  return out;
}
const DEFAULT_OPTIONS = new Map(PSS_RULES.map((r) => [r, defaults(r)]));

/** The rules of a level: baseline's, plus restricted's at restricted. */
export function pssRules(level: PssLevel): Rule[] {
  return PSS_RULES.filter((r) => RANK[r.meta.pss as PssLevel] <= RANK[level]);
}

/**
 * `latest`, `v1.30`, `1.30` (a PSA `*-version` label value) as the kubeVersion the rules read;
 * `latest` and anything unparseable mean the newest standard.
 */
export function pssVersion(version: string | undefined): string {
  const m = /^v?(1\.\d+)/.exec((version ?? '').trim());
  return m ? m[1] : 'latest';
}

/**
 * Pod Security Standards violations of one object (a Pod, or any workload with pod templates)
 * at `level`, for the standard of `version` (`latest` by default). `privileged` has none.
 * `ctx` lends a live context or a memo to rules that use them; user rule options never apply:
 * the standard is the standard.
 */
export function podSecurityViolations(
  obj: K8sObject,
  level: PssLevel | 'privileged',
  version?: string,
  ctx?: Partial<Pick<RuleContext, 'memo' | 'mode' | 'live'>>,
): PssViolation[] {
  if (level === 'privileged') return [];
  const kubeVersion = pssVersion(version);
  const memo = new Map<string, unknown>();
  const out: PssViolation[] = [];
  for (const rule of pssRules(level)) {
    const rc: RuleContext = {
      objects: [obj],
      options: DEFAULT_OPTIONS.get(rule) ?? {},
      kubeVersion,
      mode: ctx?.mode ?? (ctx?.live ? 'live' : 'manifest'),
      ...(ctx?.live ? { live: ctx.live } : {}),
      pssLevel: level,
      memo:
        ctx?.memo ??
        (<T>(key: string, compute: () => T): T => {
          if (!memo.has(key)) memo.set(key, compute());
          return memo.get(key) as T;
        }),
    };
    for (const v of rule.check?.(obj, rc) ?? []) {
      out.push({ ruleId: rule.meta.id, level: rule.meta.pss as PssLevel, path: v.path, message: v.message });
    }
  }
  return out;
}
