import { ruleTester } from '../support/rule-tester.ts';

const dep = (name: string, ns: string, podSpec = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: x } }
  template:
    metadata: { labels: { app: x } }
    spec:
${podSpec}      containers: [{ name: app, image: nginx:1.27 }]
`;

ruleTester('kube-system-workload', {
  valid: [
    dep('web', 'shop'),
    {
      name: 'system priority class',
      yaml: dep('my-addon', 'kube-system', '      priorityClassName: system-cluster-critical\n'),
    },
    { name: 'well-known add-on', yaml: dep('metrics-server', 'kube-system') },
    {
      name: 'not a workload',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: kube-system }\n',
    },
  ],
  invalid: [{ yaml: dep('web', 'kube-system'), paths: ['metadata.namespace'], lines: [3] }],
});
