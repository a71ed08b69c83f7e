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
`;
const hpa = (min?: number) => `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
${min === undefined ? '' : `  minReplicas: ${min}\n`}  maxReplicas: 10
`;

ruleTester('replicas-minimum', {
  valid: [
    dep(2),
    { name: 'HPA minReplicas counts', yaml: dep() + hpa(3) },
    { name: 'configured minimum', yaml: dep(3), options: { min: 3 } },
    { name: 'HPA alone with enough minReplicas', yaml: hpa(2).replace('---\n', '') },
  ],
  invalid: [
    { name: 'replicas unset is 1', yaml: dep(), paths: ['spec.replicas'], message: /replicas unset/ },
    { name: 'below configured minimum', yaml: dep(2), options: { min: 3 }, paths: ['spec.replicas'] },
    {
      name: 'HPA minReplicas defaults to 1',
      yaml: dep(4) + hpa(),
      paths: ['spec.minReplicas'],
      message: /HPA minReplicas 1/,
    },
    {
      name: "an HPA's minReplicas is judged when its target is not in the set",
      yaml: hpa(1).replace('---\n', ''),
      paths: ['spec.minReplicas'],
      message: /HPA minReplicas 1 for Deployment web/,
    },
  ],
});
