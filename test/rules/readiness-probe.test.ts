import { deployment, ruleTester } from '../support/rule-tester.ts';

const probed = '- name: app\n  image: nginx:1.27\n  readinessProbe:\n    httpGet: { path: /healthz, port: 8080 }';

ruleTester('readiness-probe', {
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
      paths: ['spec.template.spec.containers[0].readinessProbe'],
      lines: [14],
    },
    {
      name: 'second container of a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n  - name: a\n    image: busybox:1.36\n    readinessProbe: { exec: { command: [true] } }\n  - name: b\n    image: busybox:1.36\n',
      paths: ['spec.containers[1].readinessProbe'],
    },
  ],
});

ruleTester('readiness-probe', {
  valid: [
    {
      name: 'Knative Serving adds a default readiness probe',
      yaml: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: { name: hello, namespace: shop }\nspec:\n  template:\n    spec:\n      containers:\n      - image: ghcr.io/knative/helloworld-go:1.0\n',
    },
  ],
  invalid: [
    {
      name: 'Argo Rollout',
      yaml: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: web, namespace: shop }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n      - { name: web, image: nginx:1.27 }\n',
      paths: ['spec.template.spec.containers[0].readinessProbe'],
    },
  ],
});
