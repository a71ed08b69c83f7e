import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('selinux-custom-options', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment(
      '- name: app\n  image: a:1',
      'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"\n    type: container_t',
    ),
    deployment('- name: app\n  image: a:1\n  securityContext:\n    seLinuxOptions:\n      type: container_init_t'),
  ],
  invalid: [
    {
      name: 'pod type spc_t',
      yaml: deployment('- name: app\n  image: a:1', 'securityContext:\n  seLinuxOptions:\n    type: spc_t'),
      paths: ['spec.template.spec.securityContext.seLinuxOptions.type'],
      lines: [15],
    },
    {
      name: 'container user',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    seLinuxOptions:\n      user: system_u'),
      paths: ['spec.template.spec.containers[0].securityContext.seLinuxOptions.user'],
    },
    {
      name: 'Pod init container role',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    securityContext:\n      seLinuxOptions:\n        role: sysadm_r\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].securityContext.seLinuxOptions.role'],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n            seLinuxOptions:\n              type: unconfined_t\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.securityContext.seLinuxOptions.type'],
    },
  ],
});
