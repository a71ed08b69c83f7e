import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('apparmor-unconfined', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment('- name: app\n  image: a:1\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault'),
    {
      name: 'annotation runtime/default',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: runtime/default\nspec:\n  containers:\n  - name: app\n    image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'pod-level Unconfined',
      yaml: deployment('- name: app\n  image: a:1', 'securityContext:\n  appArmorProfile:\n    type: Unconfined'),
      paths: ['spec.template.spec.securityContext.appArmorProfile.type'],
    },
    {
      name: 'legacy annotation on an init container of a Deployment',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: { app: d }
  template:
    metadata:
      labels: { app: d }
      annotations:
        container.apparmor.security.beta.kubernetes.io/init: unconfined
    spec:
      initContainers:
      - name: init
        image: a:1
      containers:
      - name: app
        image: a:1
`,
      paths: ['spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/init"]'],
      lines: [12],
      message: /initContainer "init"/,
    },
    {
      name: 'Job container field',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a:1\n        securityContext:\n          appArmorProfile:\n            type: Unconfined\n',
      paths: ['spec.template.spec.containers[0].securityContext.appArmorProfile.type'],
    },
  ],
});
