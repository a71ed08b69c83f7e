import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

const C = 'spec.template.spec.containers[0].securityContext.runAsNonRoot';

ruleTester('run-as-non-root', {
  valid: [
    {
      name: 'container runAsNonRoot true',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsNonRoot: true'),
    },
    {
      name: 'YAML 1.1 boolean',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsNonRoot: "yes"'),
    },
    {
      name: 'container runAsUser > 0',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 1000'),
    },
    {
      name: 'pod-level runAsNonRoot satisfies every container, init included',
      yaml: deployment(
        '- name: app\n  image: a:1\n- name: side\n  image: b:1',
        'securityContext:\n  runAsNonRoot: true\ninitContainers:\n- name: init\n  image: c:1',
      ),
    },
    {
      name: 'pod-level runAsUser satisfies containers',
      yaml: deployment('- name: app\n  image: a:1', 'securityContext:\n  runAsUser: 10001'),
    },
    {
      name: 'container true overrides pod false',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    runAsNonRoot: true',
        'securityContext:\n  runAsNonRoot: false',
      ),
    },
    {
      name: 'Windows pod running as ContainerUser',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  securityContext:
    windowsOptions:
      runAsUserName: ContainerUser
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
  ],
  invalid: [
    {
      name: 'nothing set, reported where the field belongs',
      yaml: deployment('- name: app\n  image: a:1'),
      paths: [C],
      lines: [14],
      message: /container "app" may run as root/,
    },
    {
      name: 'explicit false on the container',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsNonRoot: false'),
      paths: [C],
      lines: [17],
    },
    {
      name: 'runAsUser 0 with pod runAsNonRoot unset',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    runAsUser: 0'),
      paths: [C],
      message: /runAsUser: 0/,
    },
    {
      name: 'pod-level false inherited by two containers: one finding at the pod field',
      yaml: deployment(
        '- name: app\n  image: a:1\n- name: side\n  image: b:1',
        'securityContext:\n  runAsNonRoot: false',
      ),
      paths: ['spec.template.spec.securityContext.runAsNonRoot'],
      lines: [14],
      message: /container "app", container "side"/,
    },
    {
      name: 'init container of a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
          - name: fetch
            image: busybox:1.36
          containers:
          - name: run
            image: a:1
            securityContext:
              runAsNonRoot: true
`,
      paths: ['spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.runAsNonRoot'],
      message: /initContainer "fetch"/,
    },
    {
      name: 'bare Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.containers[0].securityContext.runAsNonRoot'],
    },
  ],
});

test('run-as-non-root: fix sets runAsNonRoot, except where runAsUser 0 would then stop the container', () => {
  const [plain] = runRule('run-as-non-root', deployment('- name: app\n  image: a:1'));
  expect(plain.fix?.set?.[0].value).toBe(true);
  const [root] = runRule(
    'run-as-non-root',
    deployment('- name: app\n  image: a:1', 'securityContext:\n  runAsUser: 0'),
  );
  expect(root.fix).toBeUndefined();
});
