import { deployment, ruleTester } from '../support/rule-tester.ts';

const web = deployment('- name: app\n  image: nginx:1.27');
const policy = (spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
${spec}
`;

ruleTester('network-policy-missing', {
  valid: [
    {
      name: 'default deny both ways, podSelector {} selects all',
      yaml: web + policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]'),
    },
    {
      name: 'no policyTypes: Ingress, and Egress because it has egress rules',
      yaml: web + policy('  podSelector:\n    matchLabels: { app: web }\n  egress:\n  - to:\n    - podSelector: {}'),
    },
    {
      name: 'hostNetwork pods are not subject to policies',
      yaml: deployment('- name: app\n  image: nginx:1.27', 'hostNetwork: true'),
    },
    {
      name: 'pods owned by a controller are reported on the owner',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: shop\n  ownerReferences:\n  - { apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: x, controller: true }\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
    },
    {
      name: 'only ingress required by option',
      yaml: web + policy('  podSelector: {}'),
      options: { directions: ['Ingress'] },
    },
  ],
  invalid: [
    {
      name: 'no policy at all',
      yaml: web,
      paths: ['spec.template.metadata.labels'],
      lines: [11],
      message: /ingress or egress/,
    },
    {
      name: 'policy without policyTypes and without egress rules covers only ingress',
      yaml: web + policy('  podSelector:\n    matchLabels: { app: web }\n  ingress:\n  - from:\n    - podSelector: {}'),
      paths: ['spec.template.metadata.labels'],
      message: /for egress/,
    },
    {
      name: 'policy in another namespace does not count',
      yaml:
        web +
        policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]').replace(
          'namespace: shop\nspec',
          'namespace: other\nspec',
        ),
      count: 1,
    },
    {
      name: 'selector does not match',
      yaml: web + policy('  podSelector:\n    matchLabels: { app: api }\n  policyTypes: [Ingress, Egress]'),
      count: 1,
    },
  ],
});
