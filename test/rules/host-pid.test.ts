import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-pid', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment('- name: app\n  image: a:1', 'hostPID: false'),
    { name: 'YAML 1.1 "no"', yaml: deployment('- name: app\n  image: a:1', 'hostPID: no') },
  ],
  invalid: [
    {
      name: 'Deployment',
      yaml: deployment('- name: app\n  image: a:1', 'hostPID: true'),
      paths: ['spec.template.spec.hostPID'],
      lines: [13],
      message: /process namespace/,
    },
    {
      name: 'YAML 1.1 "on" in a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: on\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.hostPID'],
      lines: [6],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostPID: true\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.hostPID'],
    },
  ],
});

test('host-pid fix sets hostPID: false', () => {
  const [f] = runRule('host-pid', deployment('- name: app\n  image: a:1', 'hostPID: true'));
  expect(f.fix?.set).toEqual([{ path: ['spec', 'template', 'spec', 'hostPID'], value: false }]);
});
