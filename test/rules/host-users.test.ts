import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-users', {
  valid: [
    deployment('- name: app\n  image: a:1', 'hostUsers: false'),
    {
      name: 'Windows exempt',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n',
    },
    {
      name: 'host namespaces cannot use user namespaces (reported by their own rules)',
      yaml: deployment('- name: app\n  image: a:1', 'hostNetwork: true'),
    },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: deployment('- name: app\n  image: a:1'),
      paths: ['spec.template.spec.hostUsers'],
      lines: [12],
    },
    {
      name: 'Pod with hostUsers true',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostUsers: true\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.hostUsers'],
      lines: [6],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.hostUsers'],
    },
  ],
});
