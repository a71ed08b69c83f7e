import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('privileged-port', {
  valid: [deployment('- name: app\n  image: a:1\n  ports:\n  - containerPort: 8080\n  - containerPort: 1024')],
  invalid: [
    {
      yaml: deployment('- name: app\n  image: a:1\n  ports:\n  - containerPort: 8080\n  - containerPort: 80'),
      paths: ['spec.template.spec.containers[0].ports[1].containerPort'],
      lines: [18],
    },
    {
      name: 'Pod init container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n    ports:\n    - containerPort: 443\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.initContainers[0].ports[0].containerPort'],
    },
    {
      name: 'Job',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a:1\n        ports:\n        - containerPort: 25\n',
      paths: ['spec.template.spec.containers[0].ports[0].containerPort'],
    },
  ],
});
