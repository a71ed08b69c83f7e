import { deployment, ruleTester } from '../support/rule-tester.ts';

const DIGEST = 'sha256:' + 'b'.repeat(64);

ruleTester('image-digest', {
  valid: [deployment(`- name: app\n  image: nginx:1.27.3@${DIGEST}`)],
  invalid: [
    {
      name: 'tag only',
      yaml: deployment('- name: app\n  image: nginx:1.27.3'),
      paths: ['spec.template.spec.containers[0].image'],
    },
    {
      name: 'malformed digest',
      yaml: deployment('- name: app\n  image: nginx@sha256:abc'),
      paths: ['spec.template.spec.containers[0].image'],
    },
  ],
});
