import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('seccomp-unconfined', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment('- name: app\n  image: a:1', 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault'),
  ],
  invalid: [
    {
      name: 'pod-level Unconfined: one finding on the pod',
      yaml: deployment(
        '- name: app\n  image: a:1\n- name: b\n  image: b:1',
        'securityContext:\n  seccompProfile:\n    type: Unconfined',
      ),
      paths: ['spec.template.spec.securityContext.seccompProfile.type'],
      lines: [15],
    },
    {
      name: 'container Unconfined',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    seccompProfile:\n      type: Unconfined'),
      paths: ['spec.template.spec.containers[0].securityContext.seccompProfile.type'],
    },
    {
      name: 'legacy annotations, pod and container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n    container.seccomp.security.alpha.kubernetes.io/init: unconfined\nspec:\n  initContainers:\n  - name: init\n    image: a:1\n  containers:\n  - name: app\n    image: a:1\n',
      paths: [
        'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
        'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/init"]',
      ],
      lines: [6, 7],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            image: a:1\n            securityContext:\n              seccompProfile:\n                type: Unconfined\n',
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile.type'],
    },
  ],
});
