import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

const VOLS = 'volumes:\n- name: logs\n  hostPath:\n    path: /var/log\n- name: tmp\n  emptyDir: {}';

ruleTester('writable-host-path', {
  valid: [
    deployment(
      '- name: app\n  image: a:1\n  volumeMounts:\n  - name: logs\n    mountPath: /logs\n    readOnly: true\n  - name: tmp\n    mountPath: /tmp',
      VOLS,
    ),
    { name: 'declared but not mounted', yaml: deployment('- name: app\n  image: a:1', VOLS) },
    {
      name: 'YAML 1.1 "yes"',
      yaml: deployment(
        '- name: app\n  image: a:1\n  volumeMounts:\n  - name: logs\n    mountPath: /logs\n    readOnly: yes',
        VOLS,
      ),
    },
  ],
  invalid: [
    {
      name: 'mounted writable by one container, read-only by another',
      yaml: deployment(
        '- name: app\n  image: a:1\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp\n  - name: logs\n    mountPath: /logs\n- name: side\n  image: b:1\n  volumeMounts:\n  - name: logs\n    mountPath: /logs\n    readOnly: true',
        VOLS,
      ),
      paths: ['spec.template.spec.containers[0].volumeMounts[1].readOnly'],
      lines: [25],
      message: /container "app" mounts the hostPath volume "logs" \(\/var\/log\) writable/,
    },
    {
      name: 'readOnly false in a Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: h\n    hostPath: { path: /data }\n  initContainers:\n  - name: i\n    image: a:1\n    volumeMounts:\n    - name: h\n      mountPath: /data\n      readOnly: false\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].volumeMounts[0].readOnly'],
      lines: [15],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes:\n          - name: h\n            hostPath: { path: /srv }\n          containers:\n          - name: app\n            image: a:1\n            volumeMounts:\n            - { name: h, mountPath: /srv }\n',
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0].readOnly'],
    },
  ],
});

test('writable-host-path fix mounts read-only', () => {
  const [f] = runRule(
    'writable-host-path',
    deployment('- name: app\n  image: a:1\n  volumeMounts:\n  - name: logs\n    mountPath: /logs', VOLS),
  );
  expect(f.fix?.set?.[0]).toEqual({
    path: ['spec', 'template', 'spec', 'containers', 0, 'volumeMounts', 0, 'readOnly'],
    value: true,
  });
});
