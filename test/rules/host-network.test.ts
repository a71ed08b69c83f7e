import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-network', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment('- name: app\n  image: a:1', 'hostNetwork: false'),
    { name: 'YAML 1.1 "no"', yaml: deployment('- name: app\n  image: a:1', 'hostNetwork: no') },
  ],
  invalid: [
    {
      name: 'Deployment',
      yaml: deployment('- name: app\n  image: a:1', 'hostNetwork: true'),
      paths: ['spec.template.spec.hostNetwork'],
      lines: [13],
      message: /network namespace/,
    },
    {
      name: 'YAML 1.1 "on" in a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: on\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.hostNetwork'],
      lines: [6],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostNetwork: true\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.hostNetwork'],
    },
  ],
});

test('host-network fix sets hostNetwork: false', () => {
  const [f] = runRule('host-network', deployment('- name: app\n  image: a:1', 'hostNetwork: true'));
  expect(f.fix?.set).toEqual([{ path: ['spec', 'template', 'spec', 'hostNetwork'], value: false }]);
});
