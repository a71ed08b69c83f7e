import { ruleTester } from '../support/rule-tester.ts';

const dep = (replicas?: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
---
`;
const pdb = (budget: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
  ${budget}
  selector: { matchLabels: { app: web } }
`;
const hpa = (min: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: ${min}
  maxReplicas: 10
`;

ruleTester('pdb-blocks-eviction', {
  valid: [
    dep(3) + pdb('minAvailable: 2'),
    dep(3) + pdb('maxUnavailable: 1'),
    dep(3) + pdb('minAvailable: 50%'),
    { name: 'HPA minimum above minAvailable', yaml: dep() + pdb('minAvailable: 2') + hpa(3) },
    { name: 'workload not in the set: integer cannot be judged', yaml: pdb('minAvailable: 5') },
  ],
  invalid: [
    { name: 'maxUnavailable 0', yaml: pdb('maxUnavailable: 0'), paths: ['spec.maxUnavailable'], lines: [5] },
    { name: 'maxUnavailable 0%', yaml: dep(3) + pdb('maxUnavailable: "0%"'), paths: ['spec.maxUnavailable'] },
    { name: 'minAvailable 100%', yaml: pdb('minAvailable: 100%'), paths: ['spec.minAvailable'] },
    { name: 'minAvailable equals replicas', yaml: dep(2) + pdb('minAvailable: 2'), paths: ['spec.minAvailable'] },
    {
      name: 'replicas unset is 1',
      yaml: dep() + pdb('minAvailable: 1'),
      paths: ['spec.minAvailable'],
      message: /replicas unset/,
    },
    { name: 'percentage rounds up', yaml: dep(3) + pdb('minAvailable: 67%'), paths: ['spec.minAvailable'] },
    {
      name: 'HPA minReplicas at minAvailable',
      yaml: dep(5) + pdb('minAvailable: 2') + hpa(2),
      paths: ['spec.minAvailable'],
      message: /HPA minReplicas 2/,
    },
  ],
});
