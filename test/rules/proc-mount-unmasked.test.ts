import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('proc-mount-unmasked', {
  valid: [
    deployment('- name: app\n  image: a:1'),
    deployment('- name: app\n  image: a:1\n  securityContext:\n    procMount: Default'),
  ],
  invalid: [
    {
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    procMount: Unmasked'),
      paths: ['spec.template.spec.containers[0].securityContext.procMount'],
      lines: [17],
    },
    {
      name: 'Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    securityContext:\n      procMount: Unmasked\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].securityContext.procMount'],
    },
    {
      name: 'Job',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a:1\n        securityContext:\n          procMount: Unmasked\n',
      paths: ['spec.template.spec.containers[0].securityContext.procMount'],
    },
  ],
});
