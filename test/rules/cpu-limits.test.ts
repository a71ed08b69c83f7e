import { deployment, ruleTester } from '../support/rule-tester.ts';

const full =
  '- name: app\n  image: nginx:1.27\n  resources:\n    requests: { cpu: 100m, memory: 64Mi }\n    limits: { cpu: 200m, memory: 64Mi }';

ruleTester('cpu-limits', {
  valid: [
    deployment(full),
    {
      name: 'pod-level resources cover the containers',
      yaml: deployment('- name: app\n  image: nginx:1.27', 'resources:\n  limits: { cpu: "1" }'),
    },
    {
      name: 'ephemeral containers are not judged',
      yaml: deployment(full, 'ephemeralContainers:\n- name: debug\n  image: busybox:1.36'),
    },
    {
      name: 'a LimitRange default in the namespace',
      yaml: `${deployment('- name: app\n  image: nginx:1.27')}---
apiVersion: v1
kind: LimitRange
metadata: { name: defaults, namespace: shop }
spec:
  limits:
  - type: Container
    default: { cpu: 500m }
`,
    },
  ],
  invalid: [
    {
      name: 'container without limits.cpu',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  resources:\n    limits: { memory: "1" }'),
      paths: ['spec.template.spec.containers[0].resources.limits.cpu'],
      lines: [17],
    },
    {
      name: 'init container included',
      yaml: deployment(full, 'initContainers:\n- name: init\n  image: busybox:1.36'),
      paths: ['spec.template.spec.initContainers[0].resources.limits.cpu'],
    },
  ],
});
