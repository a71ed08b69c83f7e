import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

const C = 'spec.template.spec.containers[0].securityContext.seccompProfile';

ruleTester('seccomp-profile', {
  valid: [
    {
      name: 'pod-level RuntimeDefault covers all containers',
      yaml: deployment(
        '- name: app\n  image: a:1\n- name: b\n  image: b:1',
        'securityContext:\n  seccompProfile:\n    type: RuntimeDefault\ninitContainers:\n- name: i\n  image: c:1',
      ),
    },
    deployment(
      '- name: app\n  image: a:1\n  securityContext:\n    seccompProfile:\n      type: Localhost\n      localhostProfile: profiles/app.json',
    ),
    {
      name: 'legacy pod annotation',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n  - name: app\n    image: a:1\n',
    },
    {
      name: 'legacy container annotation (docker/default)',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.seccomp.security.alpha.kubernetes.io/app: docker/default\nspec:\n  containers:\n  - name: app\n    image: a:1\n',
    },
    {
      name: 'container field overrides an unconfined pod',
      yaml: deployment(
        '- name: app\n  image: a:1\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
        'securityContext:\n  seccompProfile:\n    type: Unconfined',
      ),
    },
    {
      name: 'Windows exempt',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n',
    },
  ],
  invalid: [
    { name: 'unset', yaml: deployment('- name: app\n  image: a:1'), paths: [C], lines: [14] },
    {
      name: 'pod Unconfined inherited by two containers: one finding at the pod field',
      yaml: deployment(
        '- name: app\n  image: a:1\n- name: b\n  image: b:1',
        'securityContext:\n  seccompProfile:\n    type: Unconfined',
      ),
      paths: ['spec.template.spec.securityContext.seccompProfile.type'],
      lines: [15],
    },
    {
      name: 'annotation for another container does not count',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.seccomp.security.alpha.kubernetes.io/other: runtime/default\nspec:\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.containers[0].securityContext.seccompProfile'],
    },
    {
      name: 'Job init container without, main container with',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: i\n        image: a:1\n      containers:\n      - name: app\n        image: a:1\n        securityContext:\n          seccompProfile:\n            type: RuntimeDefault\n',
      paths: ['spec.template.spec.initContainers[0].securityContext.seccompProfile'],
    },
  ],
});

test('seccomp-profile fix sets RuntimeDefault', () => {
  const [f] = runRule('seccomp-profile', deployment('- name: app\n  image: a:1'));
  expect(f.fix?.set?.[0].value).toEqual({ type: 'RuntimeDefault' });
});
