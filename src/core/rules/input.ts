import type { Rule } from './types.ts';

/**
 * Input rules: findings about the input itself rather than about an object's settings; they have
 * no check of their own. The engine reports invalid-yaml, duplicate-key and rule-error from what the
 * loader found or from a rule that failed: configuration may lower their severity, but turning one
 * off never hides the input (the engine then reports the problem in the report's `errors`, exit 2).
 * The suppressor (src/core/suppress.ts) reports invalid-suppression and expired-exemption.
 */
export const invalidYaml: Rule = {
  meta: {
    id: 'invalid-yaml',
    title: 'Document does not parse',
    severity: 'high',
    enabledByDefault: true,
    category: 'hygiene',
    rationale:
      'A manifest that does not parse cannot be checked, and `kubectl apply` rejects it. A scanner that skips it silently would report a clean result for code it never read. Files that cannot be read at all (binary, over the size limit, not a regular file) are also input errors: the run exits 2 whatever this rule is set to. Turning this rule off does not hide a broken document either: it is then reported as an input error.',
    remediation:
      'Fix the YAML at the reported line. If the file is a Helm chart template or uses other `{{ }}` templating, render it first (`helm template ... | kubeward scan -`) and scan the output. A file that is meant to be broken (a parser test fixture) can be exempted by path with a reason, or excluded from the scan (`exclude:`).',
    references: ['https://yaml.org/spec/1.2.2/'],
  },
};

/** Reported by the engine for a mapping that holds the same key twice. */
export const duplicateKey: Rule = {
  meta: {
    id: 'duplicate-key',
    title: 'Duplicate key in a mapping',
    description:
      'A mapping holds the same key twice (`privileged: true` and later `privileged: false`); the finding points at the second key.',
    severity: 'medium',
    enabledByDefault: true,
    category: 'hygiene',
    rationale:
      'YAML forbids duplicate keys, and the API server rejects them under strict field validation (`kubectl apply --validate=strict`, the default since Kubernetes 1.27: "duplicate field"). Tools disagree about which of the two values counts: a reviewer can read the first (`privileged: true`) while a lenient parser keeps the last, so a duplicate key can hide a setting from review or from a scanner. kubeward reads the last value, as the API server does without strict validation, and reports the duplicate. Turning this rule off does not hide the duplicate: it is then reported as an input error.',
    remediation: 'Remove one of the two keys, keeping the value you mean.',
    example: 'securityContext:\n  privileged: false',
    references: [
      'https://yaml.org/spec/1.2.2/#mapping',
      'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    ],
  },
};

/** Reported by the engine when a rule throws on an object: never suppressed, never turned off. */
export const ruleError: Rule = {
  meta: {
    id: 'rule-error',
    title: 'A rule failed on an object',
    description: 'A rule threw an error while checking an object, so that object was not fully checked.',
    severity: 'high',
    enabledByDefault: true,
    category: 'hygiene',
    unsuppressible: true,
    rationale:
      "When a rule fails (a bug, or input built to make it fail, such as a value that exhausts the stack), the object it was checking was not judged by it. Reporting nothing would let crafted input pass the gate unchecked, so the failure is a high finding that names the rule and the object, it cannot be suppressed or turned off, and the run fails with exit 2 (input errors). The other rules' findings are kept.",
    remediation:
      'Report the failure to the kubeward maintainers with the rule id and, if you can share it, the object. Until it is fixed, check the object by hand; if the input is hostile (built to make a rule fail), reject the change.',
    references: [],
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

/** The rules the engine reports itself (from load problems or rule failures). */
const engineRules: Rule[] = [invalidYaml, duplicateKey, ruleError];

export const rules: Rule[] = [...engineRules, ...suppressionRules];

/** Ids of the rules the engine reports itself (from load problems or rule failures). */
export const INPUT_RULE_IDS: ReadonlySet<string> = new Set(engineRules.map((r) => r.meta.id));
