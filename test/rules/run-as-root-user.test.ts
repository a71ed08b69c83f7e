import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('run-as-root-user', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment(
      '- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 1000',
      'securityContext:\n  runAsUser: 10001',
    ),
  ],
  invalid: [
    {
      name: 'container runAsUser 0',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 0'),
      paths: ['spec.template.spec.containers[0].securityContext.runAsUser'],
      lines: [17],
    },
    {
      name: 'pod-level 0 is one finding on the pod, not one per container',
      yaml: deployment('- name: app\n  image: a:1\n- name: b\n  image: b:1', 'securityContext:\n  runAsUser: 0'),
      paths: ['spec.template.spec.securityContext.runAsUser'],
      lines: [14],
    },
    {
      name: 'init container in a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: init
            image: a:1
            securityContext:
              runAsUser: 0
          containers:
          - name: app
            image: a:1
`,
      paths: ['spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.runAsUser'],
      message: /initContainer "init"/,
    },
  ],
});
