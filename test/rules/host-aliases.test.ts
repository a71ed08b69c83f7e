import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-aliases', {
  valid: [deployment('- name: app\n  image: a:1'), deployment('- name: app\n  image: a:1', 'hostAliases: []')],
  invalid: [
    {
      yaml: deployment('- name: app\n  image: a:1', 'hostAliases:\n- ip: 10.0.0.5\n  hostnames: [db.internal]'),
      paths: ['spec.template.spec.hostAliases'],
      lines: [13],
      message: /db\.internal/,
    },
    {
      name: 'Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostAliases:\n  - ip: 127.0.0.1\n    hostnames: [foo.local]\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.hostAliases'],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostAliases:\n          - ip: 10.1.1.1\n            hostnames: [x]\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.hostAliases'],
    },
  ],
});
