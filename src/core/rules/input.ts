import type { Rule } from './types.ts';

/**
 * Input rules: findings about the input itself rather than about an object's settings. They have
 * no check of their own: the engine reports invalid-yaml for documents that do not parse, the
 * suppressor (src/core/suppress.ts) reports invalid-suppression and expired-exemption.
 */

/** Reported by the engine for documents that do not parse. */
export const invalidYaml: Rule = {
  meta: {
    id: 'invalid-yaml',
    title: 'Document does not parse',
    severity: 'high',
    enabledByDefault: true,
    category: 'hygiene',
    rationale:
      'A manifest that does not parse cannot be checked, and `kubectl apply` rejects it. A scanner that skips it silently would report a clean result for code it never read.',
    remediation:
      'Fix the YAML at the reported line. If the file is a Helm chart template or uses other `{{ }}` templating, render it first (`helm template ... | kubeward scan -`) and scan the output.',
    references: ['https://yaml.org/spec/1.2.2/'],
  },
};

/** Reported (not checked) by the suppressor: a suppression that is not applied. */
export const invalidSuppression: Rule = {
  meta: {
    id: 'invalid-suppression',
    title: 'Suppression that is not applied',
    severity: 'info',
    enabledByDefault: true,
    category: 'configuration',
    rationale:
      'A `kubeward.io/ignore` annotation or `# kubeward-ignore` comment without a reason cannot be reviewed, so kubeward does not apply it; one that names a rule id that does not exist silences nothing. Either way the author believes a finding is accepted while it is not.',
    remediation:
      'Give the rule ids and a reason: `kubeward.io/ignore: "rule-a,rule-b -- why"` on the object (or `kubeward.io/ignore.<container>` for one container), or `# kubeward-ignore rule-a why` on the reported line or the line above. `kubeward rules` lists the rule ids; docs/configuration.md describes every form.',
    example: 'metadata:\n  annotations:\n    kubeward.io/ignore: "host-network -- node-exporter reads host metrics"',
    references: [],
  },
};

/** Reported (not checked) by the suppressor: a config exemption past its `expires` date. */
export const expiredExemption: Rule = {
  meta: {
    id: 'expired-exemption',
    title: 'Expired exemption',
    severity: 'info',
    enabledByDefault: true,
    category: 'configuration',
    rationale:
      'An exemption in `.kubeward.yaml` accepted some findings until its `expires` date. After that date it no longer applies: the findings it covered are reported again, and this finding says why they came back.',
    remediation:
      'Fix the findings and remove the exemption, or, if the exception still holds, review the reason and move `expires` to a new date (docs/configuration.md, "Config exemptions").',
    example:
      'exemptions:\n  - rules: [host-network]\n    objects: [DaemonSet/monitoring/node-exporter]\n    reason: node metrics need the host network\n    expires: 2027-09-30',
    references: [],
  },
};

/** The rules whose findings the suppressor (src/core/suppress.ts) reports; in the catalog like every rule. */
export const suppressionRules: readonly Rule[] = [invalidSuppression, expiredExemption];

export const rules: Rule[] = [invalidYaml, ...suppressionRules];
