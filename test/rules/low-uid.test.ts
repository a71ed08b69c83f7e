import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('low-uid', {
  valid: [
    {
      name: 'pod-level high uid satisfies containers',
      yaml: deployment('- name: app\n  image: a:1', 'securityContext:\n  runAsUser: 10001'),
    },
    deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 20000'),
    { name: 'user namespace exempts', yaml: deployment('- name: app\n  image: a:1', 'hostUsers: false') },
    {
      name: 'configured minimum',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 1000'),
      options: { threshold: 1000 },
    },
    {
      name: 'Windows pod exempt',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: deployment('- name: app\n  image: a:1'),
      paths: ['spec.template.spec.containers[0].securityContext.runAsUser'],
    },
    {
      name: 'low uid on the pod, inherited: one finding at the pod field',
      yaml: deployment('- name: app\n  image: a:1\n- name: b\n  image: b:1', 'securityContext:\n  runAsUser: 1000'),
      paths: ['spec.template.spec.securityContext.runAsUser'],
      message: /uid 1000/,
    },
    {
      name: 'container overrides a good pod uid with a low one',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 999',
        'securityContext:\n  runAsUser: 10001',
      ),
      paths: ['spec.template.spec.containers[0].securityContext.runAsUser'],
    },
    {
      name: 'Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n  containers:\n  - name: app\n    image: a:1\n    securityContext:\n      runAsUser: 10001\n',
      paths: ['spec.initContainers[0].securityContext.runAsUser'],
    },
  ],
});
