import { describe, expect, it } from '@jest/globals';
import { runRule } from '../support/rule-tester.ts';

const ns = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
${labels}
---
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
`;

const hardenedPod = `apiVersion: v1
kind: Pod
metadata:
  name: ok
  namespace: shop
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: app
      image: registry.example/app:1.0
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: { drop: [ALL] }
`;

describe('pod-security-level', () => {
  it("reports a workload's pods that the namespace's enforce level would reject, at the field", () => {
    const f = runRule('pod-security-level', ns('    pod-security.kubernetes.io/enforce: baseline') + deployment);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'high', path: 'spec.template.spec.hostNetwork' });
    expect(f[0]!.message).toMatch(/enforce=baseline: the pods of this Deployment would be rejected/);
    expect(f[0]!.details).toMatchObject({ control: 'host-network', mode: 'enforce', policyLocation: 'test.yaml:6' });
  });

  it('warn is medium, audit low; a control is reported once, under the strictest mode', () => {
    const f = runRule(
      'pod-security-level',
      ns('    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/audit: restricted') +
        deployment,
    );
    expect(f.length).toBeGreaterThan(1);
    expect(f.every((x) => x.severity === 'medium')).toBe(true);
    expect(f.some((x) => x.details?.control === 'run-as-non-root' || x.details?.level === 'restricted')).toBe(true);
  });

  it('restricted judges restricted controls; a hardened pod passes', () => {
    const f = runRule('pod-security-level', ns('    pod-security.kubernetes.io/enforce: restricted') + hardenedPod);
    expect(f).toEqual([]);
    const g = runRule('pod-security-level', ns('    pod-security.kubernetes.io/enforce: restricted') + deployment);
    expect(g.map((x) => x.details?.control)).toEqual(expect.arrayContaining(['host-network']));
    expect(g.length).toBeGreaterThan(2);
  });

  it('privileged, no labels, or a namespace not in the set judge nothing', () => {
    expect(
      runRule('pod-security-level', ns('    pod-security.kubernetes.io/enforce: privileged') + deployment),
    ).toEqual([]);
    expect(runRule('pod-security-level', ns('    team: a') + deployment)).toEqual([]);
    expect(runRule('pod-security-level', deployment)).toEqual([]);
  });

  it('reports an invalid level label as policy-invalid', () => {
    const f = runRule('policy-invalid', ns('    pod-security.kubernetes.io/enforce: strict') + deployment);
    expect(f).toHaveLength(1);
    expect(f[0]!.path).toBe('metadata.labels["pod-security.kubernetes.io/enforce"]');
  });
});
