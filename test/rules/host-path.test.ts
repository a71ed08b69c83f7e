import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-path', {
  valid: [
    deployment(
      '- name: app\n  image: a:1',
      'volumes:\n- name: tmp\n  emptyDir: {}\n- name: data\n  persistentVolumeClaim:\n    claimName: data',
    ),
  ],
  invalid: [
    {
      name: 'one finding per hostPath volume',
      yaml: deployment(
        '- name: app\n  image: a:1',
        'volumes:\n- name: tmp\n  emptyDir: {}\n- name: logs\n  hostPath:\n    path: /var/log\n- name: cache\n  hostPath:\n    path: /opt/cache',
      ),
      paths: ['spec.template.spec.volumes[1].hostPath', 'spec.template.spec.volumes[2].hostPath'],
      lines: [17, 20],
    },
    {
      name: 'Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: h\n    hostPath:\n      path: /data\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.volumes[0].hostPath'],
      message: /volume "h" mounts the host path \/data/,
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes:\n          - name: h\n            hostPath: { path: /srv }\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.volumes[0].hostPath'],
    },
  ],
});
