import { deployment, ruleTester } from '../support/rule-tester.ts';

const registries = ['registry.example.com', 'ghcr.io/acme', '*.dkr.ecr.eu-west-1.amazonaws.com', 'library'];

ruleTester('image-registry-allowlist', {
  valid: [
    { name: 'not configured: reports nothing', yaml: deployment('- name: app\n  image: evil.example.net/app:1') },
    {
      name: 'allowed registry',
      yaml: deployment('- name: app\n  image: registry.example.com/app:1'),
      options: { registries },
    },
    {
      name: 'allowed path prefix',
      yaml: deployment('- name: app\n  image: ghcr.io/acme/app:1'),
      options: { registries },
    },
    {
      name: 'wildcard',
      yaml: deployment('- name: app\n  image: 123.dkr.ecr.eu-west-1.amazonaws.com/app:1'),
      options: { registries },
    },
    {
      name: 'Docker Hub short names mean docker.io',
      yaml: deployment('- name: app\n  image: nginx:1.27'),
      options: { registries: ['docker.io'] },
    },
  ],
  invalid: [
    {
      name: 'other registry',
      yaml: deployment('- name: app\n  image: ghcr.io/other/app:1'),
      options: { registries },
      paths: ['spec.template.spec.containers[0].image'],
      message: /ghcr.io/,
    },
    {
      name: 'Docker Hub image when only a private registry is allowed',
      yaml: deployment('- name: app\n  image: nginx:1.27'),
      options: { registries: ['registry.example.com'] },
      paths: ['spec.template.spec.containers[0].image'],
      message: /docker.io/,
    },
  ],
});
