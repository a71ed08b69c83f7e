import { ruleTester } from '../support/rule-tester.ts';

const hpa = (kind: string, name: string, ns = 'shop') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: ${ns} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: ${kind}, name: ${name} }
  maxReplicas: 5
`;
const dep = `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
`;

ruleTester('hpa-dangling', {
  valid: [hpa('Deployment', 'web') + dep],
  invalid: [
    {
      name: 'no such workload',
      yaml: hpa('Deployment', 'api') + dep,
      paths: ['spec.scaleTargetRef.name'],
      message: /outside the scanned set/,
    },
    { name: 'wrong kind', yaml: hpa('StatefulSet', 'web') + dep, paths: ['spec.scaleTargetRef.name'] },
    { name: 'other namespace', yaml: hpa('Deployment', 'web', 'other') + dep, count: 1 },
  ],
});
