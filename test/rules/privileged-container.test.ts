import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('privileged-container', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27'),
    deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: false'),
    {
      name: 'YAML 1.1 "off"',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: off'),
    },
  ],
  invalid: [
    {
      name: 'privileged true',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: true'),
      paths: ['spec.template.spec.containers[0].securityContext.privileged'],
      lines: [17],
    },
    {
      name: 'YAML 1.1 boolean in an init container',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27',
        'initContainers:\n- name: init\n  image: busybox:1.36\n  securityContext:\n    privileged: yes',
      ),
      paths: ['spec.template.spec.initContainers[0].securityContext.privileged'],
      message: /initContainer "init" runs privileged/,
    },
    {
      name: 'Pod with an ephemeral container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a:1\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      privileged: true\n',
      paths: ['spec.ephemeralContainers[0].securityContext.privileged'],
      lines: [13],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            image: a:1\n            securityContext:\n              privileged: "True"\n',
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged'],
    },
  ],
});

test('privileged-container fix sets privileged: false', () => {
  const [f] = runRule(
    'privileged-container',
    deployment('- name: app\n  image: a:1\n  securityContext:\n    privileged: true'),
  );
  expect(f.fix?.set?.[0].value).toBe(false);
});
