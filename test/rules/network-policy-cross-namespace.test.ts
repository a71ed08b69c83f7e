import { ruleTester } from '../support/rule-tester.ts';

const pol = (spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector: {}\n${spec}\n`;

ruleTester('network-policy-cross-namespace', {
  valid: [
    pol('  ingress:\n  - from:\n    - podSelector:\n        matchLabels: { app: web }'),
    pol('  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: { kubernetes.io/metadata.name: shop }'),
    {
      name: 'allowed namespace',
      yaml: pol(
        '  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: { kubernetes.io/metadata.name: ingress-nginx }',
      ),
      options: { allowedNamespaces: ['ingress-nginx'] },
    },
    pol('  policyTypes: [Ingress]'),
  ],
  invalid: [
    {
      name: 'namespaceSelector by label',
      yaml: pol('  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: { team: a }'),
      paths: ['spec.ingress[0].from[0].namespaceSelector'],
    },
    { name: 'rule without peers', yaml: pol('  ingress:\n  - ports:\n    - port: 80'), paths: ['spec.ingress[0]'] },
    {
      name: 'other namespace by name',
      yaml: pol(
        '  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: { kubernetes.io/metadata.name: other }',
      ),
      message: /other/,
    },
  ],
});
