import { deployment, ruleTester } from '../support/rule-tester.ts';

const SC = 'spec.template.spec.containers[0].securityContext.capabilities';

ruleTester('net-raw-capability', {
  valid: [
    deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [ALL]'),
    deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [cap_net_raw]'),
  ],
  invalid: [
    { name: 'not dropped', yaml: deployment('- name: app\n  image: a:1'), paths: [`${SC}.drop`] },
    {
      name: 'added (even with drop ALL)',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [ALL]\n      add: [NET_BIND_SERVICE, CAP_NET_RAW]',
      ),
      paths: [`${SC}.add[1]`],
      lines: [19],
    },
    {
      name: 'CronJob init container',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: init
            image: a:1
          containers:
          - name: app
            image: a:1
            securityContext:
              capabilities:
                drop: [ALL]
`,
      paths: ['spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.capabilities.drop'],
    },
  ],
});
