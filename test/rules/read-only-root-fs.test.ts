import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('read-only-root-fs', {
  valid: [
    deployment('- name: app\n  image: a:1\n  securityContext:\n    readOnlyRootFilesystem: true'),
    {
      name: 'YAML 1.1 True',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    readOnlyRootFilesystem: True'),
    },
    {
      name: 'Windows pods cannot set it',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: deployment('- name: app\n  image: a:1'),
      paths: ['spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem'],
      lines: [14],
    },
    {
      name: 'false',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    readOnlyRootFilesystem: false'),
      paths: ['spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem'],
      lines: [17],
    },
    {
      name: 'per container, init included, in a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: init
            image: a:1
          containers:
          - name: app
            image: a:1
            securityContext:
              readOnlyRootFilesystem: true
          - name: side
            image: a:1
`,
      paths: [
        'spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem',
        'spec.jobTemplate.spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem',
      ],
    },
  ],
});

test('read-only-root-fs attaches a fix', () => {
  const [f] = runRule('read-only-root-fs', deployment('- name: app\n  image: a:1'));
  expect(f.fix?.set).toEqual([
    { path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem'], value: true },
  ]);
});
