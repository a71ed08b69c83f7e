import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('duplicate-env', {
  valid: [
    deployment(
      '- name: app\n  image: nginx:1.27\n  env:\n  - { name: A, value: "1" }\n  - { name: B, value: "2" }\n- name: side\n  image: busybox:1.36\n  env:\n  - { name: A, value: "1" }',
    ),
  ],
  invalid: [
    {
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  env:\n  - { name: A, value: "1" }\n  - { name: B, value: "2" }\n  - { name: A, value: "3" }',
      ),
      paths: ['spec.template.spec.containers[0].env[2].name'],
      lines: [19],
      message: /first at env\[0\]/,
    },
  ],
});
