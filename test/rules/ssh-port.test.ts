import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('ssh-port', {
  valid: [
    deployment('- name: app\n  image: a:1\n  ports:\n  - containerPort: 8080'),
    {
      name: 'UDP 22 is not SSH',
      yaml: deployment('- name: app\n  image: a:1\n  ports:\n  - containerPort: 22\n    protocol: UDP'),
    },
  ],
  invalid: [
    {
      yaml: deployment('- name: app\n  image: a:1\n  ports:\n  - name: ssh\n    containerPort: 22'),
      paths: ['spec.template.spec.containers[0].ports[0].containerPort'],
      lines: [18],
    },
    {
      name: 'Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    ports:\n    - containerPort: 22\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].ports[0].containerPort'],
    },
    {
      name: 'CronJob host port 22',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            image: a:1\n            ports:\n            - containerPort: 2222\n              hostPort: 22\n',
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort'],
    },
  ],
});
