import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('probes-identical', {
  valid: [
    deployment(
      '- name: app\n  image: nginx:1.27\n  livenessProbe:\n    httpGet: { path: /livez, port: 8080 }\n  readinessProbe:\n    httpGet: { path: /readyz, port: 8080 }',
    ),
    {
      name: 'same endpoint, different thresholds',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  livenessProbe:\n    httpGet: { path: /healthz, port: 8080 }\n    failureThreshold: 6\n  readinessProbe:\n    httpGet: { path: /healthz, port: 8080 }',
      ),
    },
  ],
  invalid: [
    {
      name: 'identical (key order does not matter)',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  livenessProbe:\n    httpGet: { path: /healthz, port: 8080 }\n    periodSeconds: 5\n  readinessProbe:\n    periodSeconds: 5\n    httpGet: { port: 8080, path: /healthz }',
      ),
      paths: ['spec.template.spec.containers[0].livenessProbe'],
      lines: [16],
    },
  ],
});
