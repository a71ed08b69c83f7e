/**
 * Pod Security Standards evaluation (rules/pss.ts): the catalog's pss-tagged rules run per level
 * and judge as the Pod Security admission controller does.
 */
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { formatPath } from '../../src/core/model.ts';
import { catalog } from '../../src/core/rules/index.ts';
import { PSS_RULES, podSecurityViolations, pssRules, pssVersion } from '../../src/core/rules/pss.ts';

function pod(spec: string, annotations = ''): ReturnType<typeof parseManifestText>['objects'][0] {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
${annotations ? `  annotations:\n${annotations}\n` : ''}spec:
${spec}`;
  const r = parseManifestText(text, 'pod.yaml');
  if (r.problems.length) throw new Error(r.problems[0].message);
  return r.objects[0];
}

const ids = (spec: string, level: 'baseline' | 'restricted', annotations = '', version?: string) =>
  podSecurityViolations(pod(spec, annotations), level, version).map((v) => `${v.ruleId} ${formatPath(v.path)}`);

const RESTRICTED_OK = `  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: c
      image: nginx
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
`;

test('the pss rules are exactly the catalog rules tagged pss', () => {
  const tagged = catalog.filter((r) => r.meta.pss).map((r) => r.meta.id);
  expect(PSS_RULES.map((r) => r.meta.id).sort()).toEqual(tagged.sort());
  expect(pssRules('baseline').every((r) => r.meta.pss === 'baseline')).toBe(true);
  expect(pssRules('restricted').length).toBe(tagged.length);
});

test('privileged: nothing; baseline: host namespaces and privileged', () => {
  const spec = `  hostNetwork: true
  containers:
    - name: c
      image: nginx
      securityContext: {privileged: true}
`;
  expect(podSecurityViolations(pod(spec), 'privileged')).toEqual([]);
  expect(ids(spec, 'baseline').sort()).toEqual([
    'host-network spec.hostNetwork',
    'privileged-container spec.containers[0].securityContext.privileged',
  ]);
});

test('a compliant pod has no restricted violations; a bare pod none at baseline', () => {
  expect(ids(RESTRICTED_OK, 'restricted')).toEqual([]);
  const bare = `  containers:\n    - name: c\n      image: nginx\n`;
  expect(ids(bare, 'baseline')).toEqual([]);
  expect(
    ids(bare, 'restricted')
      .map((x) => x.split(' ')[0])
      .sort(),
  ).toEqual(['capabilities-drop-all', 'privilege-escalation', 'run-as-non-root', 'seccomp-profile']);
});

test('baseline capabilities: anything outside the default set (IPC_LOCK, NET_RAW) is a violation; not dropping NET_RAW is not', () => {
  const spec = (caps: string) => `  containers:
    - name: c
      image: nginx
      securityContext:
        capabilities: {add: [${caps}]}
`;
  expect(ids(spec('IPC_LOCK'), 'baseline')).toEqual([
    'dangerous-capabilities spec.containers[0].securityContext.capabilities.add[0]',
  ]);
  expect(ids(spec('NET_RAW'), 'baseline')).toEqual([
    'dangerous-capabilities spec.containers[0].securityContext.capabilities.add[0]',
  ]);
  expect(ids(spec('CHOWN, NET_BIND_SERVICE'), 'baseline')).toEqual([]);
});

test('restricted runAsNonRoot needs runAsNonRoot: true itself (a runAsUser above 0 does not satisfy the admission controller)', () => {
  const spec = RESTRICTED_OK.replace('runAsNonRoot: true', 'runAsUser: 1000');
  expect(ids(spec, 'restricted')).toEqual(['run-as-non-root spec.containers[0].securityContext.runAsNonRoot']);
  // the pod may not set false even when every container sets true
  const podFalse = RESTRICTED_OK.replace('runAsNonRoot: true', 'runAsNonRoot: false').replace(
    'allowPrivilegeEscalation: false',
    'allowPrivilegeEscalation: false\n        runAsNonRoot: true',
  );
  expect(ids(podFalse, 'restricted')).toEqual(['run-as-non-root spec.securityContext.runAsNonRoot']);
});

test('Windows pods are exempt from the Linux-only restricted controls', () => {
  const win = `  os: {name: windows}
  securityContext:
    runAsNonRoot: true
  containers:
    - name: c
      image: mcr.microsoft.com/windows/nanoserver
`;
  expect(ids(win, 'restricted')).toEqual([]);
  expect(
    ids(win.replace('  os: {name: windows}\n', ''), 'restricted')
      .map((x) => x.split(' ')[0])
      .sort(),
  ).toEqual(['capabilities-drop-all', 'privilege-escalation', 'seccomp-profile']);
});

test('legacy seccomp annotations: unconfined is a baseline violation', () => {
  const bare = `  containers:\n    - name: c\n      image: nginx\n`;
  expect(ids(bare, 'baseline', '    seccomp.security.alpha.kubernetes.io/pod: unconfined')).toEqual([
    'seccomp-unconfined metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
  ]);
  expect(ids(bare, 'baseline', '    container.seccomp.security.alpha.kubernetes.io/c: unconfined')).toEqual([
    'seccomp-unconfined metadata.annotations["container.seccomp.security.alpha.kubernetes.io/c"]',
  ]);
});

test('hostPath is one baseline control (host-path), not four', () => {
  const spec = `  containers:
    - name: c
      image: nginx
      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
  volumes:
    - name: sock
      hostPath: {path: /var/run/docker.sock}
`;
  expect(ids(spec, 'baseline')).toEqual(['host-path spec.volumes[0].hostPath']);
  expect(ids(spec, 'restricted')).toContain('restricted-volume-types spec.volumes[0].hostPath');
});

test('sysctls follow the standard of the given version', () => {
  const spec = `  securityContext:
    sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "60"}]
  containers:
    - name: c
      image: nginx
`;
  expect(ids(spec, 'baseline', '', 'v1.28')).toEqual(['unsafe-sysctls spec.securityContext.sysctls[0].name']);
  expect(ids(spec, 'baseline', '', 'v1.29')).toEqual([]);
  expect(ids(spec, 'baseline', '', 'latest')).toEqual([]);
  expect(pssVersion('v1.30')).toBe('1.30');
  expect(pssVersion('latest')).toBe('latest');
});

test('workloads are judged through their pod template', () => {
  const r = parseManifestText(
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      hostPID: true
      containers: [{name: c, image: nginx}]
`,
    'd.yaml',
  );
  expect(podSecurityViolations(r.objects[0], 'baseline').map((v) => formatPath(v.path))).toEqual([
    'spec.template.spec.hostPID',
  ]);
});

test('capability names are compared exactly, as the admission controller does (found by the PSS oracle)', () => {
  // baseline: only the default set, spelled exactly: `chown` and `CAP_CHOWN` are not CHOWN
  expect(
    ids(
      '  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        capabilities: {add: [CHOWN]}\n',
      'baseline',
    ),
  ).toEqual([]);
  expect(
    ids(
      '  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        capabilities: {add: [chown]}\n',
      'baseline',
    ),
  ).toEqual(['dangerous-capabilities spec.containers[0].securityContext.capabilities.add[0]']);
  expect(
    ids(
      '  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        capabilities: {add: [CAP_CHOWN]}\n',
      'baseline',
    ),
  ).toEqual(['dangerous-capabilities spec.containers[0].securityContext.capabilities.add[0]']);
  // restricted: drop must hold "ALL" itself, and only NET_BIND_SERVICE may be added
  const restricted = (caps: string) =>
    ids(
      `  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n    - name: c\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities: ${caps}\n`,
      'restricted',
    ).map((x) => x.split(' ')[0]);
  expect(restricted('{drop: [ALL], add: [NET_BIND_SERVICE]}')).toEqual([]);
  expect(restricted('{drop: [all]}')).toEqual(['capabilities-drop-all']);
  expect(restricted('{drop: [CAP_ALL]}')).toEqual(['capabilities-drop-all']);
  expect(restricted('{drop: [ALL], add: [net_bind_service]}')).toEqual([
    'dangerous-capabilities',
    'added-capabilities',
  ]);
});

test('hostNetwork makes container ports host ports (the API server defaults hostPort to containerPort)', () => {
  expect(
    ids(
      '  hostNetwork: true\n  containers:\n    - name: c\n      image: nginx\n      ports: [{containerPort: 8080}]\n',
      'baseline',
    ),
  ).toEqual(['host-network spec.hostNetwork', 'host-port spec.containers[0].ports[0].containerPort']);
});

test('probe and lifecycle hosts are a baseline control (Kubernetes 1.34+)', () => {
  const spec =
    '  containers:\n    - name: c\n      image: nginx\n      readinessProbe: {httpGet: {host: 169.254.169.254, port: 80}}\n';
  expect(ids(spec, 'baseline')).toEqual(['probe-host spec.containers[0].readinessProbe.httpGet.host']);
  expect(ids(spec, 'baseline', '', 'v1.33')).toEqual([]);
  expect(ids(spec.replace('169.254.169.254', '""'), 'baseline')).toEqual([]);
});
