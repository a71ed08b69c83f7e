import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('restricted-volume-types', {
  valid: [
    deployment(
      '- name: app\n  image: a:1',
      'volumes:\n- name: a\n  configMap: { name: c }\n- name: b\n  secret: { secretName: s }\n- name: c\n  emptyDir: {}\n- name: d\n  persistentVolumeClaim: { claimName: d }\n- name: e\n  projected: { sources: [] }\n- name: f\n  downwardAPI: { items: [] }\n- name: g\n  csi: { driver: x }\n- name: h\n  ephemeral: { volumeClaimTemplate: { spec: {} } }\n- name: i',
    ),
  ],
  invalid: [
    {
      yaml: deployment(
        '- name: app\n  image: a:1',
        'volumes:\n- name: a\n  emptyDir: {}\n- name: nfs\n  nfs:\n    server: nfs.example.com\n    path: /exports',
      ),
      paths: ['spec.template.spec.volumes[1].nfs'],
      lines: [17],
      message: /type nfs/,
    },
    {
      name: 'hostPath in a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: h\n    hostPath: { path: /data }\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.volumes[0].hostPath'],
    },
    {
      name: 'CronJob gitRepo',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes:\n          - name: g\n            gitRepo: { repository: "https://example.com/r.git" }\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.volumes[0].gitRepo'],
    },
  ],
});
