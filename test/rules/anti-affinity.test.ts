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
      name: 'required anti-affinity on its own pods, own namespace listed',
      yaml: dep(
        3,
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } }, namespaces: [shop] }\n',
      ),
    },
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
      name: 'an anti-affinity term selecting other pods is no spreading',
      yaml: dep(
        3,
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: db } } }\n',
      ),
      paths: ['spec.template.spec.affinity'],
    },
    {
      name: 'an anti-affinity term for pods in another namespace is no spreading',
      yaml: dep(
        3,
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } }, namespaces: [other] }\n',
      ),
      paths: ['spec.template.spec.affinity'],
    },
    {
      name: 'a topology spread over other pods is no spreading',
      yaml: dep(
        3,
        '      topologySpreadConstraints:\n      - { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: db } } }\n',
      ),
      paths: ['spec.template.spec.affinity'],
    },
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
