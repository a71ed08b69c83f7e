import { deployment, ruleTester } from '../support/rule-tester.ts';
import { runRule } from '../support/rule-tester.ts';

const ports = '  ports:\n  - { name: http, containerPort: 8080 }\n  - { name: grpc, containerPort: 9090 }';

ruleTester('probe-port', {
  valid: [
    deployment(
      `- name: app\n  image: app:1\n${ports}\n  readinessProbe:\n    httpGet: { path: /, port: http }\n  livenessProbe:\n    tcpSocket: { port: 8080 }\n  startupProbe:\n    grpc: { port: 9090 }`,
    ),
    {
      name: 'numeric port and no declared ports',
      yaml: deployment('- name: app\n  image: app:1\n  livenessProbe:\n    httpGet: { path: /, port: 8080 }'),
    },
    {
      name: 'numeric string port declared by a sidecar',
      yaml: deployment(
        `- name: app\n  image: app:1\n  ports: [{ containerPort: 80 }]\n  livenessProbe:\n    tcpSocket: { port: "15020" }\n- name: proxy\n  image: proxy:1\n  ports: [{ containerPort: 15020 }]`,
      ),
    },
  ],
  invalid: [
    {
      name: 'unknown named port',
      yaml: deployment(
        `- name: app\n  image: app:1\n${ports}\n  readinessProbe:\n    httpGet: { path: /, port: metrics }`,
      ),
      paths: ['spec.template.spec.containers[0].readinessProbe.httpGet.port'],
      message: /"metrics"/,
    },
    {
      name: 'undeclared numeric ports (tcpSocket, grpc)',
      yaml: deployment(
        `- name: app\n  image: app:1\n${ports}\n  livenessProbe:\n    tcpSocket: { port: 8081 }\n  startupProbe:\n    grpc: { port: 9091 }`,
      ),
      paths: [
        'spec.template.spec.containers[0].livenessProbe.tcpSocket.port',
        'spec.template.spec.containers[0].startupProbe.grpc.port',
      ],
    },
  ],
});

test('an undeclared numeric port is reported at low severity, an unknown name at medium', () => {
  const found = runRule(
    'probe-port',
    deployment(
      `- name: app\n  image: app:1\n${ports}\n  livenessProbe:\n    tcpSocket: { port: 8081 }\n  readinessProbe:\n    httpGet: { port: nope }`,
    ),
  );
  expect(found.map((f) => [f.path.split('.').slice(-3).join('.'), f.severity]).sort()).toEqual([
    ['livenessProbe.tcpSocket.port', 'low'],
    ['readinessProbe.httpGet.port', 'medium'],
  ]);
});
