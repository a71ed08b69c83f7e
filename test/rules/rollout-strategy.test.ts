import { ruleTester } from '../support/rule-tester.ts';

const dep = (replicas: number, strategy: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: ${replicas}
${strategy}  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
`;

ruleTester('rollout-strategy', {
  valid: [
    dep(3, ''),
    dep(3, '  strategy:\n    type: RollingUpdate\n    rollingUpdate: { maxUnavailable: 1, maxSurge: 1 }\n'),
    dep(4, '  strategy:\n    rollingUpdate: { maxUnavailable: 50% }\n'),
  ],
  invalid: [
    { name: 'Recreate', yaml: dep(3, '  strategy:\n    type: Recreate\n'), paths: ['spec.strategy.type'], lines: [7] },
    {
      name: 'maxUnavailable covers every replica',
      yaml: dep(2, '  strategy:\n    rollingUpdate: { maxUnavailable: 2 }\n'),
      paths: ['spec.strategy.rollingUpdate.maxUnavailable'],
    },
    { name: '100%', yaml: dep(5, '  strategy:\n    rollingUpdate: { maxUnavailable: 100% }\n'), count: 1 },
  ],
});
