import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('privileged-container', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27'),
    deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: false'),
  ],
  invalid: [
    {
      name: 'privileged true',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: true'),
      paths: ['spec.template.spec.containers[0].securityContext.privileged'],
      lines: [17],
    },
    {
      name: 'YAML 1.1 boolean in an init container',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27',
        'initContainers:\n- name: init\n  image: busybox:1.36\n  securityContext:\n    privileged: yes',
      ),
      paths: ['spec.template.spec.initContainers[0].securityContext.privileged'],
    },
  ],
});
