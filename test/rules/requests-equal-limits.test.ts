import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('requests-equal-limits', {
  valid: [
    deployment(
      '- name: app\n  image: nginx:1.27\n  resources:\n    requests: { cpu: 500m, memory: 256Mi }\n    limits: { cpu: "0.5", memory: 256Mi }',
    ),
    {
      name: 'limits only',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  resources:\n    limits: { cpu: "1", memory: 1Gi }'),
    },
  ],
  invalid: [
    {
      name: 'requests below limits',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  resources:\n    requests: { cpu: 100m, memory: 256Mi }\n    limits: { cpu: 500m, memory: 256Mi }',
      ),
      paths: ['spec.template.spec.containers[0].resources.requests.cpu'],
    },
    {
      name: 'no limits',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  resources:\n    requests: { cpu: 100m, memory: 256Mi }'),
      paths: [
        'spec.template.spec.containers[0].resources.limits.cpu',
        'spec.template.spec.containers[0].resources.limits.memory',
      ],
    },
  ],
});
