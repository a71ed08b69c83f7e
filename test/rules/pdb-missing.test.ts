import { ruleTester } from '../support/rule-tester.ts';

const dep = (replicas?: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
`;
const pdb = (ns: string, sel: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: ${ns} }
spec:
  maxUnavailable: 1
  selector: ${sel}
`;
const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  maxReplicas: 5
`;

ruleTester('pdb-missing', {
  valid: [
    { name: 'single replica', yaml: dep(1) },
    { name: 'covered by matchLabels', yaml: dep(3) + pdb('shop', '{ matchLabels: { app: web } }') },
    {
      name: 'covered by matchExpressions',
      yaml: dep(3) + pdb('shop', '{ matchExpressions: [{ key: tier, operator: In, values: [front] }] }'),
    },
  ],
  invalid: [
    { name: 'no PDB', yaml: dep(2), paths: ['spec.template.metadata.labels'], message: /outside the scanned set/ },
    { name: 'PDB in another namespace', yaml: dep(2) + pdb('other', '{ matchLabels: { app: web } }'), count: 1 },
    { name: 'PDB selecting other pods', yaml: dep(2) + pdb('shop', '{ matchLabels: { app: api } }'), count: 1 },
    { name: 'replicas unset but HPA-scaled', yaml: dep() + hpa, count: 1, message: /HPA/ },
    {
      name: 'replicas unset, no HPA in the set: possibly more than one (scaled from elsewhere)',
      yaml: dep(),
      paths: ['spec.template.metadata.labels'],
      message: /replicas unset/,
    },
  ],
});
