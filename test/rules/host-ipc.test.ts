import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-ipc', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment('- name: app\n  image: a:1', 'hostIPC: false'),
    { name: 'YAML 1.1 "no"', yaml: deployment('- name: app\n  image: a:1', 'hostIPC: no') },
  ],
  invalid: [
    {
      name: 'Deployment',
      yaml: deployment('- name: app\n  image: a:1', 'hostIPC: true'),
      paths: ['spec.template.spec.hostIPC'],
      lines: [13],
      message: /IPC namespace/,
    },
    {
      name: 'YAML 1.1 "on" in a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostIPC: on\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.hostIPC'],
      lines: [6],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostIPC: true\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.hostIPC'],
    },
  ],
});

test('host-ipc fix sets hostIPC: false', () => {
  const [f] = runRule('host-ipc', deployment('- name: app\n  image: a:1', 'hostIPC: true'));
  expect(f.fix?.set).toEqual([{ path: ['spec', 'template', 'spec', 'hostIPC'], value: false }]);
});
