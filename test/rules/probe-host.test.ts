import { deployment, ruleTester } from '../support/rule-tester.ts';

const C = 'spec.template.spec.containers[0]';

ruleTester('probe-host', {
  valid: [
    deployment('- name: app\n  image: a:1\n  readinessProbe:\n    httpGet:\n      path: /healthz\n      port: 8080'),
    {
      name: 'an empty host is the pod IP',
      yaml: deployment('- name: app\n  image: a:1\n  livenessProbe:\n    tcpSocket:\n      host: ""\n      port: 8080'),
    },
    {
      name: 'the control exists from Kubernetes 1.34',
      yaml: deployment(
        '- name: app\n  image: a:1\n  livenessProbe:\n    httpGet:\n      host: 10.0.0.1\n      port: 80',
      ),
      kubeVersion: '1.33',
    },
  ],
  invalid: [
    {
      name: 'readiness probe to the metadata service',
      yaml: deployment(
        '- name: app\n  image: a:1\n  readinessProbe:\n    httpGet:\n      host: 169.254.169.254\n      path: /\n      port: 80',
      ),
      paths: [`${C}.readinessProbe.httpGet.host`],
      lines: [18],
      message: /container "app".*169\.254\.169\.254/,
    },
    {
      name: 'every probe and lifecycle handler, httpGet and tcpSocket, init containers too',
      yaml: deployment(
        '- name: app\n  image: a:1\n  startupProbe:\n    tcpSocket:\n      host: db\n      port: 5432\n  lifecycle:\n    preStop:\n      httpGet:\n        host: example.com\n        port: 80\n    postStart:\n      tcpSocket:\n        host: localhost\n        port: 80',
      ),
      paths: [
        `${C}.startupProbe.tcpSocket.host`,
        `${C}.lifecycle.preStop.httpGet.host`,
        `${C}.lifecycle.postStart.tcpSocket.host`,
      ],
    },
    {
      name: 'Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    livenessProbe:\n      httpGet:\n        host: 127.0.0.1\n        port: 80\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].livenessProbe.httpGet.host'],
    },
  ],
});
