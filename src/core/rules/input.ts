import type { Rule } from './types.ts';

/** Reported by the engine for documents that do not parse; it has no check of its own. */
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

export const rules: Rule[] = [invalidYaml];
