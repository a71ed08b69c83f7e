import { deployment, ruleTester } from '../support/rule-tester.ts';

const probed = '- name: app\n  image: nginx:1.27\n  livenessProbe:\n    httpGet: { path: /healthz, port: 8080 }';

ruleTester('liveness-probe', {
  valid: [
    deployment(probed),
    {
      name: 'init containers are exempt',
      yaml: deployment(probed, 'initContainers:\n- name: init\n  image: busybox:1.36'),
    },
    {
      name: 'Jobs are exempt',
      yaml: `apiVersion: batch/v1
kind: Job
metadata: { name: once, namespace: shop }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: task
        image: busybox:1.36
`,
    },
    {
      name: 'CronJobs are exempt',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: task
            image: busybox:1.36
`,
    },
    {
      name: 'a Pod that never restarts runs to completion',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox:1.36\n',
    },
  ],
  invalid: [
    {
      yaml: deployment('- name: app\n  image: nginx:1.27'),
      paths: ['spec.template.spec.containers[0].livenessProbe'],
      lines: [14],
    },
    {
      name: 'second container of a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n  - name: a\n    image: busybox:1.36\n    livenessProbe: { exec: { command: [true] } }\n  - name: b\n    image: busybox:1.36\n',
      paths: ['spec.containers[1].livenessProbe'],
    },
  ],
});
