import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

const C = 'spec.template.spec.containers[0].securityContext';

ruleTester('privilege-escalation', {
  valid: [
    deployment('- name: app\n  image: a:1\n  securityContext:\n    allowPrivilegeEscalation: false'),
    {
      name: 'YAML 1.1 "off"',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    allowPrivilegeEscalation: off'),
    },
    {
      name: 'Windows pods are exempt',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'unset (defaults to true)',
      yaml: deployment('- name: app\n  image: a:1'),
      paths: [`${C}.allowPrivilegeEscalation`],
      lines: [14],
      message: /defaults to true/,
    },
    {
      name: 'explicit true',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    allowPrivilegeEscalation: true'),
      paths: [`${C}.allowPrivilegeEscalation`],
      lines: [17],
    },
    {
      name: 'pod-level settings do not help: the field is per container',
      yaml: deployment('- name: app\n  image: a:1', 'securityContext:\n  runAsNonRoot: true'),
      paths: [`${C}.allowPrivilegeEscalation`],
    },
    {
      name: 'privileged always escalates',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    allowPrivilegeEscalation: false\n    privileged: true',
      ),
      paths: [`${C}.privileged`],
      message: /runs privileged/,
    },
    {
      name: 'CAP_SYS_ADMIN always escalates',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    allowPrivilegeEscalation: false\n    capabilities:\n      add: ["CAP_SYS_ADMIN"]',
      ),
      paths: [`${C}.capabilities.add[0]`],
    },
    {
      name: 'init container of a Job',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox:1.36
      containers:
      - name: run
        image: a:1
        securityContext:
          allowPrivilegeEscalation: false
`,
      paths: ['spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation'],
      message: /initContainer "wait"/,
    },
  ],
});

test('privilege-escalation offers no fix the API server would reject', () => {
  const [priv] = runRule(
    'privilege-escalation',
    deployment('- name: app\n  image: a:1\n  securityContext:\n    privileged: true'),
  );
  expect(priv.message).toMatch(/runs privileged, which always allows escalation/);
  expect(priv.fix).toBeUndefined();
  const [plain] = runRule('privilege-escalation', deployment('- name: app\n  image: a:1'));
  expect(plain.fix?.set).toEqual([
    {
      path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'],
      value: false,
    },
  ]);
});
