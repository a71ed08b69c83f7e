import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  closest,
  findConfigFile,
  isExpired,
  loadConfigFile,
  parseConfig,
  rebaseGlob,
  resolveConfig,
  ruleSetting,
} from '../../src/core/config.ts';
import type { RuleMeta } from '../../src/core/rules/types.ts';

/** The ConfigError parseConfig throws for `text` (fails the test when it does not throw). */
function configError(text: string, file = '.kubeward.yaml'): ConfigError {
  try {
    parseConfig(text, file, { dir: '/repo' });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig: valid configuration', () => {
  const text = `# yaml-language-server: $schema=../schema/kubeward.schema.json
failOn: high
kubeVersion: "1.34"
preset: restricted
include: ["deploy/**"]
exclude: ["deploy/legacy/**"]
rules:
  replicas-minimum: { enabled: true, min: 3 }
  image-registry-allowlist: { enabled: true, registries: [registry.example.com] }
  priority-class: { enabled: true, allowed: [system-cluster-critical] }
  resource-bounds: { enabled: true, limits: { cpu: { min: 100m, max: "2" }, memory: { max: 6Gi } } }
  run-as-non-root: { severity: critical }
profiles:
  dev: { rules: { liveness-probe: { enabled: false } } }
exemptions:
  - rules: [host-network]
    objects: [DaemonSet/monitoring/node-exporter]
    paths: ["deploy/monitoring/**"]
    reason: node metrics need the host network
    expires: 2027-03-31
suppressions: { annotations: true, inline: false }
`;

  test('the documented shape parses into rules, options, profiles and exemptions', () => {
    const c = parseConfig(text, '.kubeward.yaml', { dir: '/repo' });
    expect(c.failOn).toBe('high');
    expect(c.kubeVersion).toBe('1.34');
    expect(c.preset).toBe('restricted');
    expect(c.include).toEqual(['deploy/**']);
    expect(c.rules['replicas-minimum']).toEqual({ enabled: true, options: { min: 3 } });
    expect(c.rules['resource-bounds'].options.limits).toEqual({
      cpu: { min: '100m', max: '2' },
      memory: { max: '6Gi' },
    });
    expect(c.rules['run-as-non-root']).toEqual({ severity: 'critical', options: {} });
    expect(c.profiles.dev.rules['liveness-probe']).toEqual({ enabled: false, options: {} });
    expect(c.exemptions).toEqual([
      expect.objectContaining({
        rules: ['host-network'],
        objects: ['DaemonSet/monitoring/node-exporter'],
        paths: ['deploy/monitoring/**'],
        reason: 'node metrics need the host network',
        expires: '2027-03-31',
        line: 16,
      }),
    ]);
    expect(c.suppressions).toEqual({ annotations: true, inline: false });
  });

  test('an empty file is the default configuration', () => {
    const c = parseConfig('# nothing yet\n', '.kubeward.yaml');
    expect(c.rules).toEqual({});
    expect(c.exemptions).toEqual([]);
  });
});

describe('parseConfig: every error class names file, line, column and the problem', () => {
  test('bad severity', () => {
    const e = configError('rules:\n  run-as-non-root: { severity: urgent }\n');
    expect(e.file).toBe('.kubeward.yaml');
    expect([e.line, e.column]).toEqual([2, 32]);
    expect(e.message).toMatch(/rules\.run-as-non-root\.severity must be one of critical, high, medium, low, info/);
    expect(e.message).toMatch(/"urgent"/);
  });

  test('bad failOn', () => {
    const e = configError('failOn: hgh\n');
    expect([e.line, e.column]).toEqual([1, 9]);
    expect(e.message).toMatch(/failOn must be one of/);
  });

  test('unknown top-level key, with the closest valid key', () => {
    const e = configError('failOn: high\nfailon: low\n');
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.message).toMatch(/unknown key "failon" at the top level; did you mean "failOn"\?/);
  });

  test('unknown key inside an exemption', () => {
    const e = configError('exemptions:\n  - rules: [host-network]\n    paths: [a]\n    reasn: x\n    reason: y\n');
    expect([e.line, e.column]).toEqual([4, 5]);
    expect(e.message).toMatch(/unknown key "reasn" in exemptions\[0\]; did you mean "reason"\?/);
  });

  test('wrong type', () => {
    const e = configError('include: deploy/**\n');
    expect([e.line, e.column]).toEqual([1, 10]);
    expect(e.message).toMatch(/include must be a list \(got string "deploy\/\*\*"\)/);
  });

  test('wrong type with a hint: an unquoted kubeVersion', () => {
    const e = configError('kubeVersion: 1.30\n');
    expect(e.message).toMatch(/kubeVersion must be a string/);
    expect(e.message).toMatch(/quote it: kubeVersion: "1\.30"/);
  });

  test('wrong type with a hint: enabled: no', () => {
    const e = configError('rules:\n  host-network:\n    enabled: "no"\n');
    expect([e.line, e.column]).toEqual([3, 14]);
    expect(e.message).toMatch(/must be a boolean .*write true or false/);
  });

  test('unknown rule, with the closest rule id', () => {
    const e = configError('rules:\n  privileged-containr: { enabled: false }\n');
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.message).toMatch(/unknown rule "privileged-containr"; did you mean "privileged-container"\?/);
  });

  test('unknown rule in a profile and in an exemption', () => {
    const e = configError(
      'profiles:\n  dev:\n    rules:\n      host-netwrk: {}\nexemptions:\n  - rules: [host-pidd]\n    paths: [x]\n    reason: r\n',
    );
    expect(e.problems.map((p) => [p.line, p.message])).toEqual([
      [4, expect.stringMatching(/unknown rule "host-netwrk"; did you mean "host-network"\?/)],
      [6, expect.stringMatching(/unknown rule "host-pidd"; did you mean "host-pid"\?/)],
    ]);
  });

  test('unknown option, with the closest option of that rule', () => {
    const e = configError('rules:\n  replicas-minimum: { enabled: true, minimum: 3 }\n');
    expect([e.line, e.column]).toEqual([2, 38]);
    expect(e.message).toMatch(/rule "replicas-minimum" has no option "minimum"; did you mean "min"\?/);
  });

  test('an option on a rule that takes none', () => {
    const e = configError('rules:\n  host-network: { enabeld: false }\n');
    expect(e.message).toMatch(/rule "host-network" has no option "enabeld"; did you mean "enabled"\?/);
  });

  test('an option of the wrong type', () => {
    const e = configError('rules:\n  replicas-minimum: { min: three }\n');
    expect([e.line, e.column]).toEqual([2, 28]);
    expect(e.message).toMatch(/replicas-minimum.*min"? must be a number \(got string "three"\)/);
  });

  test('bad date: not a date at all', () => {
    const e = configError(
      'exemptions:\n  - rules: [host-network]\n    paths: [a]\n    reason: r\n    expires: next March\n',
    );
    expect([e.line, e.column]).toEqual([5, 14]);
    expect(e.message).toMatch(/exemptions\[0\]\.expires must be a date YYYY-MM-DD/);
    expect(e.problems).toHaveLength(1);
  });

  test('bad date: no such day', () => {
    const e = configError(
      'exemptions:\n  - rules: [host-network]\n    paths: [a]\n    reason: r\n    expires: 2027-02-30\n',
    );
    expect([e.line, e.column]).toEqual([5, 14]);
    expect(e.message).toMatch(/expires "2027-02-30" is not a valid date/);
  });

  test('an exemption without a reason', () => {
    const e = configError('exemptions:\n  - rules: [host-network]\n    paths: [a]\n');
    expect([e.line, e.column]).toEqual([2, 5]);
    expect(e.message).toMatch(/exemptions\[0\] is missing the required key "reason"/);
  });

  test('an exemption that covers nothing in particular', () => {
    const e = configError('exemptions:\n  - rules: [host-network]\n    reason: r\n');
    expect(e.message).toMatch(/needs objects or paths/);
  });

  test('a malformed object pattern', () => {
    const e = configError('exemptions:\n  - rules: [host-network]\n    objects: [node-exporter]\n    reason: r\n');
    expect([e.line, e.column]).toEqual([3, 15]);
    expect(e.message).toMatch(/must be Kind\/namespace\/name .* or Kind\/name/);
  });

  test('YAML syntax error', () => {
    const e = configError('rules:\n  host-network: { enabled: false\nfailOn: high\n');
    expect(e.line).toBeGreaterThanOrEqual(2);
    expect(e.column).toBeGreaterThan(0);
    expect(e.message).toMatch(/^\.kubeward\.yaml:\d+:\d+: YAML syntax error/);
  });

  test('duplicate keys are a syntax error', () => {
    const e = configError('failOn: high\nfailOn: low\n');
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.message).toMatch(/unique/);
  });

  test('a configuration that is not a mapping', () => {
    const e = configError('- failOn: high\n');
    expect(e.message).toMatch(/must be a mapping/);
  });

  test('every problem is reported, in file order', () => {
    const e = configError('bogus: 1\nfailOn: nope\nrules:\n  nope-rule: {}\n');
    expect(e.problems.map((p) => p.line)).toEqual([1, 2, 4]);
    expect(e.message.split('\n')).toHaveLength(3);
  });
});

describe('resolveConfig', () => {
  const base = `failOn: medium
kubeVersion: "1.33"
include: [deploy/**]
rules:
  run-as-non-root: { severity: critical }
  replicas-minimum: { min: 2 }
  liveness-probe: { enabled: true }
profiles:
  dev:
    failOn: critical
    include: [dev/**]
    rules:
      liveness-probe: { enabled: false }
      replicas-minimum: { min: 1 }
  prod:
    kubeVersion: "1.34"
`;
  const cfg = parseConfig(base, 'conf/.kubeward.yaml', { dir: '/repo/conf' });
  const meta = (id: string) => {
    const m = {
      'run-as-non-root': { severity: 'high', enabledByDefault: true },
      'replicas-minimum': {
        severity: 'medium',
        enabledByDefault: false,
        options: { min: { type: 'number', description: '', default: 2 } },
      },
      'liveness-probe': { severity: 'low', enabledByDefault: true },
    }[id];
    return { id, title: id, category: 'resources', rationale: '', remediation: '', references: [], ...m } as RuleMeta;
  };

  test('without a profile: the top level, globs rebased to cwd', () => {
    const r = resolveConfig(cfg, { cwd: '/repo' });
    expect(r.failOn).toBe('medium');
    expect(r.kubeVersion).toBe('1.33');
    expect(r.include).toEqual(['conf/deploy/**']);
    expect(r.settings(meta('run-as-non-root'))).toEqual({ enabled: true, severity: 'critical', options: {} });
    // configuring options of a rule that is off by default turns it on
    expect(r.settings(meta('replicas-minimum'))).toEqual({ enabled: true, severity: 'medium', options: { min: 2 } });
  });

  test('a profile overlays the top level', () => {
    const r = resolveConfig(cfg, { cwd: '/repo/conf', profile: 'dev' });
    expect(r.profile).toBe('dev');
    expect(r.failOn).toBe('critical');
    expect(r.kubeVersion).toBe('1.33');
    expect(r.include).toEqual(['deploy/**', 'dev/**']);
    expect(r.settings(meta('liveness-probe')).enabled).toBe(false);
    expect(r.settings(meta('replicas-minimum')).options).toEqual({ min: 1 });
    expect(r.settings(meta('run-as-non-root')).severity).toBe('critical');
    expect(resolveConfig(cfg, { profile: 'prod' }).kubeVersion).toBe('1.34');
  });

  test('an unknown profile is an error listing the profiles', () => {
    expect(() => resolveConfig(cfg, { profile: 'stage' })).toThrow(ConfigError);
    try {
      resolveConfig(cfg, { profile: 'prd' });
    } catch (e) {
      const ce = e as ConfigError;
      expect(ce.file).toBe('conf/.kubeward.yaml');
      expect(ce.line).toBe(8);
      expect(ce.message).toMatch(/unknown profile "prd"; did you mean "prod"\? \(profiles: dev, prod\)/);
    }
  });

  test('a profile without any configuration file is an error', () => {
    expect(() => resolveConfig(undefined, { profile: 'dev' })).toThrow(/no configuration file was found/);
  });

  test('no configuration: defaults, suppressions on', () => {
    const r = resolveConfig(undefined);
    expect(r.suppressions).toEqual({ annotations: true, inline: true });
    expect(r.settings(meta('replicas-minimum'))).toEqual({ enabled: false, severity: 'medium', options: { min: 2 } });
  });
});

describe('presets', () => {
  const m = (pss: RuleMeta['pss'], enabledByDefault = false) =>
    ({
      id: 'x',
      title: 'x',
      severity: 'high',
      enabledByDefault,
      category: 'pod-security',
      rationale: '',
      remediation: '',
      references: [],
      pss,
    }) as RuleMeta;

  test('baseline turns on the baseline rules only', () => {
    expect(ruleSetting(m('baseline'), 'baseline', undefined).enabled).toBe(true);
    expect(ruleSetting(m('restricted'), 'baseline', undefined).enabled).toBe(false);
    expect(ruleSetting(m(undefined), 'baseline', undefined).enabled).toBe(false);
    expect(ruleSetting(m(undefined, true), 'baseline', undefined).enabled).toBe(true);
  });

  test('restricted turns on baseline and restricted rules', () => {
    expect(ruleSetting(m('baseline'), 'restricted', undefined).enabled).toBe(true);
    expect(ruleSetting(m('restricted'), 'restricted', undefined).enabled).toBe(true);
    expect(ruleSetting(m(undefined), 'restricted', undefined).enabled).toBe(false);
  });

  test('an explicit rule setting wins over the preset', () => {
    expect(ruleSetting(m('restricted'), 'restricted', { enabled: false, options: {} }).enabled).toBe(false);
  });
});

describe('finding and loading the file', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kubeward-config-'));
  mkdirSync(path.join(root, 'deploy'));
  mkdirSync(path.join(root, 'other'));
  writeFileSync(path.join(root, 'deploy', '.kubeward.yml'), 'failOn: low\n');

  test('cwd first, then the first scanned directory', async () => {
    expect(await findConfigFile({ cwd: root, paths: ['other', 'deploy'] })).toBeUndefined();
    expect(await findConfigFile({ cwd: root, paths: ['deploy/x.yaml', 'deploy'] })).toBe('deploy/.kubeward.yml');
    writeFileSync(path.join(root, '.kubeward.yaml'), 'failOn: critical\n');
    expect(await findConfigFile({ cwd: root, paths: ['deploy'] })).toBe('.kubeward.yaml');
    expect(await findConfigFile({ cwd: root, configFile: 'custom.yaml', paths: ['deploy'] })).toBe('custom.yaml');
  });

  test('a configFile that does not exist is a ConfigError', async () => {
    await expect(loadConfigFile('missing.yaml', root)).rejects.toThrow(
      /missing\.yaml: cannot read the configuration file: no such file/,
    );
  });

  test('globs are relative to the file', async () => {
    const c = await loadConfigFile('deploy/.kubeward.yml', root);
    expect(c.dir).toBe(path.join(root, 'deploy'));
    expect(rebaseGlob('apps/**', c.dir, root)).toBe('deploy/apps/**');
    expect(rebaseGlob('./apps/**', root, root)).toBe('apps/**');
  });
});

test('expiry: an exemption applies through its expires day (UTC)', () => {
  expect(isExpired({ expires: '2027-03-31' }, new Date('2027-03-31T23:59:00Z'))).toBe(false);
  expect(isExpired({ expires: '2027-03-31' }, new Date('2027-04-01T00:00:00Z'))).toBe(true);
  expect(isExpired({}, new Date('2999-01-01'))).toBe(false);
});

test('closest', () => {
  expect(closest('host-net', ['host-network', 'host-pid', 'image-digest'])).toBe('host-network');
  expect(closest('failon', ['failOn', 'include'])).toBe('failOn');
});

describe('docs/configuration.md', () => {
  const doc = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'configuration.md'), 'utf8');

  test('its first example is a valid configuration for the current catalog', () => {
    const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(block).toMatch(/exemptions:/);
    const c = parseConfig(block, 'docs/configuration.md', { dir: '/repo' });
    expect(Object.keys(c.rules).length).toBeGreaterThan(3);
    expect(Object.keys(c.profiles)).toEqual(['dev']);
  });

  test('far-off names still name the closest valid one', () => {
    const e = configError('rules:\n  zzzz-qqqq: {}\n');
    expect(e.message).toMatch(/unknown rule "zzzz-qqqq" \(the closest valid name is "[a-z-]+"\)/);
    const cfg = parseConfig('profiles: { dev: {}, prod: {} }\n', 'k.yaml');
    expect(() => resolveConfig(cfg, { profile: 'stage' })).toThrow(
      /^k\.yaml:1:1: unknown profile "stage" \(profiles: dev, prod\)$/,
    );
  });
});

test('the suppressor rules can be configured like any rule', () => {
  const c = parseConfig(
    'rules:\n  invalid-suppression: { severity: medium }\n  expired-exemption: { enabled: false }\n',
    'k.yaml',
  );
  const r = resolveConfig(c);
  expect(r.rules['invalid-suppression']).toEqual({ severity: 'medium', options: {} });
  expect(r.rules['expired-exemption']).toEqual({ enabled: false, options: {} });
});

describe('scan() picks up the configuration of the scanned directory', () => {
  test('deploy/.kubeward.yaml: globs relative to deploy/, failOn and kubeVersion applied', async () => {
    const { scan } = await import('../../src/core/scan.ts');
    const root = mkdtempSync(path.join(tmpdir(), 'kubeward-cfgdir-'));
    mkdirSync(path.join(root, 'deploy', 'legacy'), { recursive: true });
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, namespace: x }\nspec:\n  containers:\n    - name: c\n      image: c:1\n      securityContext: { privileged: true }\n`;
    writeFileSync(path.join(root, 'deploy', 'app.yaml'), pod('app'));
    writeFileSync(path.join(root, 'deploy', 'legacy', 'old.yaml'), pod('old'));
    writeFileSync(
      path.join(root, 'deploy', '.kubeward.yaml'),
      'failOn: critical\nkubeVersion: "1.29"\nexclude: ["legacy/**"]\n',
    );
    const report = await scan({ paths: ['deploy'], cwd: root });
    expect(report.failOn).toBe('critical');
    expect(report.filesScanned).toBe(1);
    expect(new Set(report.findings.map((f) => f.object?.name))).toEqual(new Set(['app']));
    expect(report.findings.map((f) => f.ruleId)).toContain('privileged-container');
  });
});
