import { load } from 'js-yaml';
import { catalog } from '../../src/core/rules/index.ts';
import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('privileged-container', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27'),
    deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: false'),
    {
      name: 'YAML 1.1 "off"',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  securityContext:\n    privileged: off'),
    },
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
      message: /initContainer "init" runs privileged/,
    },
    {
      name: 'Pod with an ephemeral container',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: a:1\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      privileged: true\n',
      paths: ['spec.ephemeralContainers[0].securityContext.privileged'],
      lines: [13],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            image: a:1\n            securityContext:\n              privileged: "True"\n',
      paths: ['spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged'],
    },
  ],
});

test('privileged-container fix sets privileged: false', () => {
  const [f] = runRule(
    'privileged-container',
    deployment('- name: app\n  image: a:1\n  securityContext:\n    privileged: true'),
  );
  expect(f.fix?.set?.[0].value).toBe(false);
});

// The whole family's metadata drives `kubeward rules`, docs and SARIF: keep it complete.
describe('pod-security and volumes metadata', () => {
  const family = catalog.filter((r) => r.meta.category === 'pod-security' || r.meta.category === 'volumes');

  test('every rule of the two RULES.md tables is present', () => {
    expect(family.map((r) => r.meta.id).sort()).toEqual(
      [
        'privileged-container',
        'privilege-escalation',
        'run-as-non-root',
        'run-as-root-user',
        'low-uid',
        'root-group',
        'read-only-root-fs',
        'capabilities-drop-all',
        'net-raw-capability',
        'dangerous-capabilities',
        'added-capabilities',
        'seccomp-profile',
        'seccomp-unconfined',
        'apparmor-unconfined',
        'selinux-custom-options',
        'proc-mount-unmasked',
        'unsafe-sysctls',
        'windows-host-process',
        'host-network',
        'host-pid',
        'host-ipc',
        'host-port',
        // not in RULES.md: the baseline standard's control of Kubernetes 1.34, found by the PSS oracle
        'probe-host',
        'host-users',
        'privileged-port',
        'ssh-port',
        'host-aliases',
        'host-path',
        'sensitive-host-path',
        'container-runtime-socket',
        'writable-host-path',
        'restricted-volume-types',
      ].sort(),
    );
  });

  test.each(family.map((r) => [r.meta.id, r] as const))(
    '%s has complete metadata and a parseable example',
    (_id, r) => {
      const m = r.meta;
      expect(m.title.length).toBeGreaterThan(5);
      expect(m.rationale.length).toBeGreaterThan(40);
      expect(m.remediation.length).toBeGreaterThan(20);
      expect(m.references.length).toBeGreaterThan(0);
      for (const ref of m.references) expect(ref).toMatch(/^https:\/\//);
      expect(typeof load(m.example ?? '')).toBe('object');
      expect(typeof r.check).toBe('function');
    },
  );

  test('off-by-default rules are the ones RULES.md marks off', () => {
    const off = family.filter((r) => !r.meta.enabledByDefault).map((r) => r.meta.id);
    expect(off.sort()).toEqual(['host-users', 'low-uid', 'privileged-port']);
  });
});
