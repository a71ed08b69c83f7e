import { deployment, ruleTester } from '../support/rule-tester.ts';

const DIGEST = 'sha256:' + 'a'.repeat(64);

ruleTester('image-reference-invalid', {
  valid: [
    deployment('- name: app\n  image: nginx'),
    deployment('- name: app\n  image: nginx:1.27.3'),
    deployment(`- name: app\n  image: localhost:5000/team/app:v1@${DIGEST}`),
    deployment('- name: app\n  image: ghcr.io/Org-Name/app:V1.2_rc-1'.replace('Org-Name', 'org-name')),
    { name: 'placeholder image', yaml: deployment('- name: app\n  image: $IMAGE') },
  ],
  invalid: [
    {
      name: 'truncated digest',
      yaml: deployment('- name: app\n  image: name@sha256:123'),
      paths: ['spec.template.spec.containers[0].image'],
      message: /not a valid image reference/,
    },
    {
      name: 'sha256 digest of the wrong length',
      yaml: deployment(`- name: app\n  image: app@sha256:${'a'.repeat(63)}`),
      paths: ['spec.template.spec.containers[0].image'],
      message: /63 hex digits, not 64/,
    },
    {
      name: 'upper-case repository',
      yaml: deployment('- name: app\n  image: MyApp:1.0'),
      paths: ['spec.template.spec.containers[0].image'],
    },
  ],
});
