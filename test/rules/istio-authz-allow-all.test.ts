import { ruleTester } from '../support/rule-tester.ts';

const ap = (spec: string) =>
  `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n${spec}\n`;

ruleTester('istio-authz-allow-all', {
  valid: [
    { name: 'ALLOW with no rules denies all', yaml: ap('  action: ALLOW') },
    { name: 'empty spec denies all', yaml: ap('  {}') },
    ap('  rules:\n  - from:\n    - source:\n        namespaces: [shop]'),
    { name: 'DENY with empty rule denies all', yaml: ap('  action: DENY\n  rules:\n  - {}') },
  ],
  invalid: [
    { yaml: ap('  action: ALLOW\n  rules:\n  - {}'), paths: ['spec.rules[0]'], lines: [9], message: /namespace shop/ },
    {
      name: 'default action',
      yaml: ap('  selector:\n    matchLabels: { app: web }\n  rules:\n  - {}'),
      message: /selected workloads/,
    },
  ],
});
