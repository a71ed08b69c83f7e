import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('ephemeral-storage', {
  valid: [
    deployment(
      '- name: app\n  image: nginx:1.27\n  resources:\n    requests: { ephemeral-storage: 1Gi }\n    limits: { ephemeral-storage: 2Gi }',
    ),
    {
      name: 'limit only: request defaults to it',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  resources:\n    limits: { ephemeral-storage: 2Gi }'),
    },
  ],
  invalid: [
    {
      yaml: deployment('- name: app\n  image: nginx:1.27'),
      paths: [
        'spec.template.spec.containers[0].resources.requests.ephemeral-storage',
        'spec.template.spec.containers[0].resources.limits.ephemeral-storage',
      ],
    },
  ],
});
