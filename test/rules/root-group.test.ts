import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('root-group', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment(
      '- name: app\n  image: a:1',
      'securityContext:\n  runAsGroup: 10001\n  fsGroup: 10001\n  supplementalGroups: [10002]',
    ),
  ],
  invalid: [
    {
      name: 'pod fsGroup 0 and supplemental group 0',
      yaml: deployment('- name: app\n  image: a:1', 'securityContext:\n  fsGroup: 0\n  supplementalGroups: [5, 0]'),
      paths: ['spec.template.spec.securityContext.fsGroup', 'spec.template.spec.securityContext.supplementalGroups[1]'],
    },
    {
      name: 'init container runAsGroup 0 in a Job',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      initContainers:
      - name: i
        image: a:1
        securityContext:
          runAsGroup: 0
      containers:
      - name: app
        image: a:1
`,
      paths: ['spec.template.spec.initContainers[0].securityContext.runAsGroup'],
      lines: [12],
    },
    {
      name: 'pod runAsGroup 0',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsGroup: 0\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.securityContext.runAsGroup'],
      lines: [7],
    },
  ],
});
