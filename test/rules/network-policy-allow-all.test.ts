import { ruleTester } from '../support/rule-tester.ts';

const pol = (spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector: {}\n${spec}\n`;

ruleTester('network-policy-allow-all', {
  valid: [
    pol('  policyTypes: [Ingress]'),
    pol('  ingress:\n  - from:\n    - podSelector: {}'),
    pol('  ingress:\n  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8]'),
    pol('  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: { team: a }'),
    {
      name: 'egress rules ignored when not an Egress policy',
      yaml: pol('  policyTypes: [Ingress]\n  egress:\n  - {}'),
    },
  ],
  invalid: [
    { name: 'empty ingress rule', yaml: pol('  ingress:\n  - {}'), paths: ['spec.ingress[0]'], lines: [9] },
    {
      name: 'empty namespaceSelector and any cidr',
      yaml: pol(
        '  policyTypes: [Ingress, Egress]\n  ingress:\n  - from:\n    - namespaceSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0',
      ),
      paths: ['spec.ingress[0].from[0]', 'spec.egress[0].to[0]'],
    },
    {
      name: 'empty namespaceSelector with empty podSelector',
      yaml: pol('  ingress:\n  - from:\n    - namespaceSelector: {}\n      podSelector: {}'),
      paths: ['spec.ingress[0].from[0]'],
    },
  ],
});
