import { deployment, ruleTester } from '../support/rule-tester.ts';

const ADD = 'spec.template.spec.containers[0].securityContext.capabilities.add';

ruleTester('dangerous-capabilities', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment(
      '- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE, CHOWN]',
    ),
    {
      name: 'configured list',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      add: [NET_ADMIN]'),
      options: { capabilities: ['SYS_ADMIN'] },
    },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN, case and prefix insensitive; one finding per container',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      add: [CHOWN, cap_sys_admin, NET_ADMIN]',
      ),
      paths: [`${ADD}[1]`],
      lines: [18],
      message: /SYS_ADMIN, NET_ADMIN/,
    },
    {
      name: 'ALL added in a Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    securityContext:\n      capabilities:\n        add: ["ALL"]\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].securityContext.capabilities.add[0]'],
      message: /initContainer "i" adds ALL/,
    },
    {
      name: 'Job with BPF',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a:1\n        securityContext:\n          capabilities:\n            add: [BPF]\n',
      paths: ['spec.template.spec.containers[0].securityContext.capabilities.add[0]'],
    },
  ],
});
