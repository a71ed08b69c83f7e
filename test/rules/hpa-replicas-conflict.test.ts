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
const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web-hpa, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  maxReplicas: 5
`;

ruleTester('hpa-replicas-conflict', {
  valid: [dep() + hpa, { name: 'no HPA', yaml: dep(3) }],
  invalid: [{ yaml: dep(3) + hpa, paths: ['spec.replicas'], lines: [5], message: /web-hpa/ }],
});
