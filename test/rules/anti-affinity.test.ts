import { ruleTester } from '../support/rule-tester.ts';

const dep = (replicas: number | undefined, podSpec = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${podSpec}      containers: [{ name: app, image: nginx:1.27 }]
`;
const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  maxReplicas: 5
`;

ruleTester('anti-affinity', {
  valid: [
    { name: 'single replica', yaml: dep(1) },
    {
      name: 'preferred anti-affinity',
      yaml: dep(
        3,
        '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }\n',
      ),
    },
    {
      name: 'topology spread',
      yaml: dep(
        3,
        '      topologySpreadConstraints:\n      - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'replicas unset and no HPA: possibly more than one',
      yaml: dep(undefined),
      count: 1,
      message: /replicas unset/,
    },
    { name: 'three replicas', yaml: dep(3), paths: ['spec.template.spec.affinity'], lines: [9] },
    {
      name: 'replicas unset but HPA-scaled',
      yaml: dep(undefined) + hpa,
      paths: ['spec.template.spec.affinity'],
      message: /HPA/,
    },
  ],
});
