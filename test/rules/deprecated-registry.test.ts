import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('deprecated-registry', {
  valid: [
    deployment('- name: app\n  image: registry.k8s.io/pause:3.10'),
    deployment('- name: app\n  image: gcr.io/my-project/app:1'),
  ],
  invalid: [
    {
      name: 'k8s.gcr.io',
      yaml: deployment('- name: app\n  image: k8s.gcr.io/pause:3.2'),
      paths: ['spec.template.spec.containers[0].image'],
      message: /registry.k8s.io/,
    },
    {
      name: 'gcr.io/google_containers in an init container',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27',
        'initContainers:\n- name: init\n  image: gcr.io/google_containers/busybox:1.24',
      ),
      paths: ['spec.template.spec.initContainers[0].image'],
    },
  ],
});
