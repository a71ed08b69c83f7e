import { deployment, ruleTester } from '../support/rule-tester.ts';

const web = deployment('- name: app\n  image: nginx:1.27');
const pol = (spec: string) =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n${spec}\n`;

ruleTester('network-policy-dangling', {
  valid: [
    web + pol('  podSelector:\n    matchLabels: { app: web }'),
    web + pol('  podSelector: {}'),
    web + pol('  podSelector:\n    matchExpressions:\n    - { key: app, operator: In, values: [web, api] }'),
    {
      name: 'peer with namespaceSelector may be elsewhere',
      yaml:
        web +
        pol(
          '  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector: {}\n      podSelector:\n        matchLabels: { app: x }',
        ),
    },
    {
      name: 'no workloads in the set: nothing to compare',
      yaml: pol('  podSelector:\n    matchLabels: { app: nope }'),
    },
  ],
  invalid: [
    {
      name: 'podSelector typo',
      yaml: web + pol('  podSelector:\n    matchLabels: { app: wbe }'),
      paths: ['spec.podSelector'],
      message: /outside the set/,
    },
    {
      name: 'peer selector matches nothing',
      yaml:
        web +
        pol('  podSelector: {}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: { app: frontend }'),
      paths: ['spec.ingress[0].from[0].podSelector'],
    },
  ],
});
