import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('image-pull-policy', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27.3\n  imagePullPolicy: Always'),
    { name: 'latest defaults to Always', yaml: deployment('- name: app\n  image: nginx:latest') },
    { name: 'untagged defaults to Always', yaml: deployment('- name: app\n  image: nginx') },
    {
      name: 'digest pinned: policy irrelevant',
      yaml: deployment(`- name: app\n  image: nginx@sha256:${'c'.repeat(64)}\n  imagePullPolicy: IfNotPresent`),
    },
  ],
  invalid: [
    {
      name: 'tagged image without policy defaults to IfNotPresent',
      yaml: deployment('- name: app\n  image: nginx:1.27.3'),
      paths: ['spec.template.spec.containers[0].imagePullPolicy'],
      message: /defaults it to IfNotPresent/,
    },
    {
      name: 'explicit IfNotPresent on latest',
      yaml: deployment('- name: app\n  image: nginx:latest\n  imagePullPolicy: IfNotPresent'),
      paths: ['spec.template.spec.containers[0].imagePullPolicy'],
      lines: [16],
    },
  ],
});
