/** The rule catalog: one module per family, each exporting `rules`. */
import type { Rule } from './types.ts';
import { rules as input } from './input.ts';
import { rules as podSecurity } from './pod-security.ts';
import { rules as volumes } from './volumes.ts';
import { rules as images } from './images.ts';
import { rules as resources } from './resources.ts';
import { rules as probes } from './probes.ts';
import { rules as availability } from './availability.ts';
import { rules as serviceAccounts } from './service-accounts.ts';
import { rules as secrets } from './secrets.ts';
import { rules as network } from './network.ts';
import { rules as rbac } from './rbac.ts';
import { rules as istio } from './istio.ts';
import { rules as hygiene } from './hygiene.ts';
import { rules as api } from './api.ts';
import { rules as live } from './live.ts';
import { rules as dockerfile } from './dockerfile.ts';
import { rules as policies } from '../policies/rules.ts';

export type { Rule, RuleMeta, RuleContext, Violation, InventoryViolation, RuleCategory, RuleOption } from './types.ts';

/** Every rule, in catalog order. */
export const catalog: readonly Rule[] = [
  ...podSecurity,
  ...volumes,
  ...images,
  ...resources,
  ...probes,
  ...availability,
  ...serviceAccounts,
  ...secrets,
  ...network,
  ...rbac,
  ...istio,
  ...hygiene,
  ...api,
  ...dockerfile,
  ...input,
  ...live,
  ...policies,
];

const byId = new Map<string, Rule>();
for (const r of catalog) {
  if (byId.has(r.meta.id)) throw new Error(`duplicate rule id ${r.meta.id}`);
  byId.set(r.meta.id, r);
}

const extra = new Map<string, Rule>();

/**
 * Adds rules defined at run time (custom CEL rules from the configuration) so that everything that
 * looks rules up by id (reports, SARIF metadata, `kubeward explain`) knows them. Replaces the
 * previously registered ones; ids of the catalog are refused.
 */
export function registerRules(rules: readonly Rule[]): void {
  extra.clear();
  for (const r of rules) {
    if (byId.has(r.meta.id)) throw new Error(`rule id ${r.meta.id} is already a built-in rule`);
    extra.set(r.meta.id, r);
  }
}

/** The catalog plus the rules registered for this run. */
export function allRules(): readonly Rule[] {
  return extra.size ? [...catalog, ...extra.values()] : catalog;
}

export function getRule(id: string): Rule | undefined {
  return byId.get(id) ?? extra.get(id);
}
