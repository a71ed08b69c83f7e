import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('priority-class', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27', 'priorityClassName: business-critical'),
    {
      name: 'allowed class',
      yaml: deployment('- name: app\n  image: nginx:1.27', 'priorityClassName: high'),
      options: { allowed: ['high', 'low'] },
    },
  ],
  invalid: [
    {
      name: 'missing',
      yaml: deployment('- name: app\n  image: nginx:1.27'),
      paths: ['spec.template.spec.priorityClassName'],
    },
    {
      name: 'not allowed',
      yaml: deployment('- name: app\n  image: nginx:1.27', 'priorityClassName: system-cluster-critical'),
      options: { allowed: ['high'] },
      paths: ['spec.template.spec.priorityClassName'],
      lines: [13],
      message: /not one of the allowed/,
    },
  ],
});
