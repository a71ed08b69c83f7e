import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('added-capabilities', {
  valid: [
    deployment(
      '- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [ALL]\n      add: [NET_BIND_SERVICE]',
    ),
    {
      name: 'CAP_ prefix, lower case',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      add: [cap_net_bind_service]',
      ),
    },
    {
      name: 'Windows exempt',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n    securityContext:\n      capabilities:\n        add: [CHOWN]\n',
    },
  ],
  invalid: [
    {
      name: 'CHOWN added',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE, CHOWN]',
      ),
      paths: ['spec.template.spec.containers[0].securityContext.capabilities.add[1]'],
      lines: [18],
    },
    {
      name: 'CronJob init container',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n          - name: i\n            image: a:1\n            securityContext:\n              capabilities:\n                add: [SETUID, SETGID]\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.capabilities.add[0]'],
      message: /SETUID, SETGID/,
    },
  ],
});
