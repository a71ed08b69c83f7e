/** The action's `mode: verify` inputs -> verify options (inline kubeconfig, contexts, durations). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kubeconfigSource, verifyOptionsFrom } from '../../src/github/verify.ts';
import type { ActionInputs } from '../../src/github/inputs.ts';

const inputs = (verify: ActionInputs['verify']): ActionInputs =>
  ({
    mode: 'verify',
    paths: ['.'],
    failOn: 'high',
    sarifFile: 'k.sarif',
    policies: [],
    verify,
  }) as unknown as ActionInputs;

test('inline kubeconfig content is passed as content, a path as a file', () => {
  const content = 'apiVersion: v1\nkind: Config\nclusters: []\n';
  expect(kubeconfigSource(content, '/ws')).toEqual({ kubeconfigContent: content });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-action-'));
  writeFileSync(path.join(dir, 'kc.yaml'), content);
  expect(kubeconfigSource('kc.yaml', dir)).toEqual({ kubeconfig: path.join(dir, 'kc.yaml') });
  expect(() => kubeconfigSource('missing.yaml', dir)).toThrow(/file not found: missing.yaml/);
});

test('contexts, namespaces, manifests and the timeout map to verify options', () => {
  const o = verifyOptionsFrom(
    inputs({ context: 'prod, staging', namespace: 'shop\npay', manifests: 'k8s/', timeout: '1m30s' }),
    '/ws',
    {},
  );
  expect(o).toMatchObject({
    contexts: ['prod', 'staging'],
    namespaces: ['shop', 'pay'],
    manifests: ['k8s/'],
    timeoutMs: 90_000,
    failOn: 'high',
    cwd: '/ws',
  });
  expect(verifyOptionsFrom(inputs({ context: '*' }), '/ws', {}).allContexts).toBe(true);
  // the policies input judges the live objects too (kubeward verify --policies)
  const withPolicies = { ...inputs({}), policies: ['policies/', 'vap.yaml'] } as ActionInputs;
  expect(verifyOptionsFrom(withPolicies, '/ws', {}).policyPaths).toEqual(['policies/', 'vap.yaml']);
  expect(() => verifyOptionsFrom(inputs({ timeout: 'later' }), '/ws', {})).toThrow(/input timeout/);
  expect(verifyOptionsFrom(inputs({}), '/ws', { KUBEWARD_CHECK_SECRETS: 'true' }).secrets).toBe(true);
});

test("mode: verify applies the workspace's configuration as scan mode does (rules, exemptions, custom rules, policies)", async () => {
  const { withConfiguration } = await import('../../src/github/verify.ts');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-action-cfg-'));
  writeFileSync(
    path.join(dir, '.kubeward.yaml'),
    [
      'rules:',
      '  liveness-probe: { enabled: false }',
      'policies: [policies/]',
      'customRules:',
      '  - id: team-label',
      '    title: Workloads carry a team label',
      '    severity: high',
      '    match: { kinds: [Deployment] }',
      '    expression: "has(object.metadata.labels) && \'team\' in object.metadata.labels"',
      '    message: every workload needs a team label',
      '',
    ].join('\n'),
  );
  const base = verifyOptionsFrom({ ...inputs({}), policies: ['vap.yaml'] } as ActionInputs, dir, {});
  const o = await withConfiguration(base, { configRef: 'head' } as ActionInputs, {
    workspace: dir,
    owner: 'a',
    repo: 'b',
  });
  expect(o.rules?.some((r) => r.meta.id === 'team-label')).toBe(true);
  const { getRule } = await import('../../src/core/rules/index.ts');
  expect(o.settings?.(getRule('liveness-probe')!.meta).enabled).toBe(false);
  expect(o.policyPaths).toEqual(['policies/', 'vap.yaml']);
  // a broken configuration is a ConfigError (the step fails with exit-code 2)
  writeFileSync(path.join(dir, '.kubeward.yaml'), 'rules:\n  no-such-rule: { enabled: false }\n');
  await expect(
    withConfiguration(base, { configRef: 'head' } as ActionInputs, { workspace: dir, owner: 'a', repo: 'b' }),
  ).rejects.toMatchObject({ name: 'ConfigError' });
});
