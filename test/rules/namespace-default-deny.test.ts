import { ruleTester } from '../support/rule-tester.ts';

const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const pol = (spec: string, namespace = 'shop') =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ${namespace}\nspec:\n${spec}\n`;

ruleTester('namespace-default-deny', {
  valid: [
    ns + pol('  podSelector: {}\n  policyTypes: [Ingress, Egress]'),
    ns + pol('  podSelector: {}\n  policyTypes: [Ingress]') + pol('  podSelector: {}\n  policyTypes: [Egress]'),
    { name: 'option: ingress only', yaml: ns + pol('  podSelector: {}'), options: { directions: ['Ingress'] } },
    {
      name: 'policy without a namespace counts (kustomize sets it)',
      yaml: ns + pol('  podSelector: {}\n  policyTypes: [Ingress, Egress]').replace('  namespace: shop\n', ''),
    },
    { name: 'exempt namespace', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n' },
  ],
  invalid: [
    { name: 'no policy', yaml: ns, paths: ['metadata.name'], lines: [4], message: /ingress or egress/ },
    {
      name: 'ingress deny only (no policyTypes, no egress rules)',
      yaml: ns + pol('  podSelector: {}'),
      paths: ['metadata.name'],
      message: /for egress/,
    },
    {
      name: 'policy with rules is not a default deny',
      yaml: ns + pol('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - {}'),
      message: /ingress$|for ingress/,
    },
    {
      name: 'selector not empty',
      yaml: ns + pol('  podSelector:\n    matchLabels: { app: web }\n  policyTypes: [Ingress, Egress]'),
      count: 1,
    },
    {
      name: 'namespace known only from a workload',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n  - name: a\n    image: a:1\n',
      paths: ['metadata.namespace'],
    },
  ],
});
