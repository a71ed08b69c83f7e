import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('host-port', {
  valid: [
    deployment('- name: app\n  image: a:1\n  ports:\n  - containerPort: 8080'),
    {
      name: 'hostPort 0 means unset',
      yaml: deployment('- name: app\n  image: a:1\n  ports:\n  - containerPort: 8080\n    hostPort: 0'),
    },
  ],
  invalid: [
    {
      name: 'with hostNetwork, container ports are host ports (the API server defaults hostPort to containerPort)',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n  - name: app\n    image: a:1\n    ports:\n    - containerPort: 9100\n    - containerPort: 9101\n      hostPort: 0\n',
      paths: ['spec.containers[0].ports[0].containerPort'],
      message: /9100, 9101.*hostNetwork/,
    },
    {
      name: 'one finding per container, at the first host port',
      yaml: deployment(
        '- name: app\n  image: a:1\n  ports:\n  - containerPort: 8080\n  - containerPort: 80\n    hostPort: 80\n  - containerPort: 443\n    hostPort: 443',
      ),
      paths: ['spec.template.spec.containers[0].ports[1].hostPort'],
      lines: [19],
      message: /80, 443/,
    },
    {
      name: 'Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    ports:\n    - containerPort: 9000\n      hostPort: 9000\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].ports[0].hostPort'],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            image: a:1\n            ports:\n            - containerPort: 53\n              hostPort: 53\n',
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort'],
    },
  ],
});
