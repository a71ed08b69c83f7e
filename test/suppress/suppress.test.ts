import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate } from '../../src/core/engine.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { getRule } from '../../src/core/rules/index.ts';
import type { Rule } from '../../src/core/rules/types.ts';
import type { Exemption } from '../../src/core/config.ts';
import {
  createSuppressor,
  inlineCommentOf,
  parseIgnoreAnnotation,
  parseInlineComment,
  type SuppressorOptions,
} from '../../src/core/suppress.ts';
import { scan } from '../../src/core/scan.ts';
import { ConfigError } from '../../src/core/config.ts';

const RULES = ['privileged-container', 'host-network'].map((id) => getRule(id) as Rule);
const KNOWN = new Set(RULES.map((r) => r.meta.id));

/** A DaemonSet with two containers (web privileged, sidecar privileged) and hostNetwork. */
function daemonSet(
  opts: { annotations?: string; templateAnnotations?: string; webExtra?: string; hostNetworkLine?: string } = {},
) {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
${opts.annotations ? `  annotations:\n${opts.annotations}\n` : ''}spec:
  selector:
    matchLabels: { app: ne }
  template:
    metadata:
      labels: { app: ne }
${opts.templateAnnotations ? `      annotations:\n${opts.templateAnnotations}\n` : ''}    spec:
      ${opts.hostNetworkLine ?? 'hostNetwork: true'}
      containers:
        - name: web
          image: web:1
          securityContext:
${opts.webExtra ?? ''}            privileged: true
        - name: sidecar
          image: side:1
          securityContext:
            privileged: true
`;
}

function run(text: string, opts: SuppressorOptions = {}, file = 'deploy/monitoring/ds.yaml') {
  const parsed = parseManifestText(text, file);
  expect(parsed.problems).toEqual([]);
  const s = createSuppressor({ knownRules: KNOWN, ...opts });
  s.inspect(parsed.objects);
  const res = evaluate(parsed.objects, [], { rules: RULES, suppress: s.suppress });
  const show = (fs: typeof res.findings) => fs.map((f) => `${f.ruleId} ${f.path}`).sort();
  return {
    active: show(res.findings),
    suppressed: show(res.suppressed),
    suppressions: res.suppressed.map((f) => f.suppression),
    notes: s.findings(),
  };
}

const ALL = [
  'host-network spec.template.spec.hostNetwork',
  'privileged-container spec.template.spec.containers[0].securityContext.privileged',
  'privileged-container spec.template.spec.containers[1].securityContext.privileged',
];

describe('parsing', () => {
  test('annotation values', () => {
    expect(parseIgnoreAnnotation('rule-a,rule-b -- needed for X')).toEqual({
      rules: ['rule-a', 'rule-b'],
      reason: 'needed for X',
    });
    expect(parseIgnoreAnnotation('rule-a, rule-b--because')).toEqual({
      rules: ['rule-a', 'rule-b--because'],
      reason: '',
    });
    expect(parseIgnoreAnnotation('rule-a --')).toEqual({ rules: ['rule-a'], reason: '' });
    expect(parseIgnoreAnnotation('rule-a')).toEqual({ rules: ['rule-a'], reason: '' });
    expect(parseIgnoreAnnotation('rule-a -- a -- b')).toEqual({ rules: ['rule-a'], reason: 'a -- b' });
  });

  test('inline comments', () => {
    expect(parseInlineComment(' host-network node metrics')).toEqual({
      rules: ['host-network'],
      reason: 'node metrics',
    });
    expect(parseInlineComment('a,b -- why')).toEqual({ rules: ['a', 'b'], reason: 'why' });
    expect(parseInlineComment('host-network')).toEqual({ rules: ['host-network'], reason: '' });
    expect(parseInlineComment('host-network, host-pid: node agent')).toEqual({
      rules: ['host-network', 'host-pid'],
      reason: 'node agent',
    });
    expect(inlineCommentOf('  hostNetwork: true  # kubeward-ignore host-network why')?.commentOnly).toBe(false);
    expect(inlineCommentOf('  # kubeward-ignore host-network why')?.commentOnly).toBe(true);
    expect(inlineCommentOf('  image: "x#kubeward-ignore"')).toBeUndefined();
    expect(inlineCommentOf('  # kubeward-ignored host-network')).toBeUndefined();
  });
});

describe('annotations', () => {
  test('nothing suppressed without suppressions', () => {
    expect(run(daemonSet()).active).toEqual(ALL);
  });

  test('kubeward.io/ignore silences the named rules on the object, with the reason', () => {
    const r = run(
      daemonSet({ annotations: '    kubeward.io/ignore: "host-network,privileged-container -- node agent"' }),
    );
    expect(r.active).toEqual([]);
    expect(r.suppressed).toEqual(ALL);
    expect(r.suppressions[0]).toEqual({ kind: 'annotation', reason: 'node agent' });
  });

  test('only the named rules', () => {
    const r = run(daemonSet({ annotations: '    kubeward.io/ignore: "host-network -- node agent"' }));
    expect(r.suppressed).toEqual([ALL[0]]);
    expect(r.active).toEqual(ALL.slice(1));
  });

  test('without a reason the suppression is not applied, and an info finding points at the annotation', () => {
    const r = run(daemonSet({ annotations: '    kubeward.io/ignore: "host-network"' }));
    expect(r.active).toEqual(ALL);
    expect(r.notes).toEqual([
      expect.objectContaining({
        ruleId: 'invalid-suppression',
        severity: 'info',
        object: expect.objectContaining({ kind: 'DaemonSet', name: 'node-exporter' }),
        path: 'metadata.annotations["kubeward.io/ignore"]',
        location: expect.objectContaining({ file: 'deploy/monitoring/ds.yaml', line: 7 }),
        message: expect.stringMatching(/has no reason .*not applied/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
  });

  test("the suppressor's own findings follow the rule settings", () => {
    const r = run(daemonSet({ annotations: '    kubeward.io/ignore: "host-network"' }), {
      settings: (meta) => ({ enabled: meta.id !== 'invalid-suppression', severity: meta.severity }),
    });
    expect(r.notes).toEqual([]);
    const low = run(daemonSet({ annotations: '    kubeward.io/ignore: "host-network"' }), {
      settings: (meta) => ({ enabled: true, severity: meta.id === 'invalid-suppression' ? 'low' : meta.severity }),
    });
    expect(low.notes.map((f) => f.severity)).toEqual(['low']);
  });

  test('an unknown rule id is warned about', () => {
    const r = run(daemonSet({ annotations: '    kubeward.io/ignore: "host-netwrk -- typo"' }));
    expect(r.active).toEqual(ALL);
    expect(r.notes.map((w) => w.message)).toEqual([
      expect.stringMatching(/unknown rule host-netwrk: it suppresses nothing/),
    ]);
  });

  test('container-scoped annotation on the object silences only that container', () => {
    const r = run(daemonSet({ annotations: '    kubeward.io/ignore.sidecar: "privileged-container -- CSI driver"' }));
    expect(r.suppressed).toEqual([ALL[2]]);
    expect(r.active).toEqual(ALL.slice(0, 2));
    expect(r.suppressions).toEqual([{ kind: 'annotation', reason: 'CSI driver' }]);
  });

  test('container-scoped annotation on the pod template metadata', () => {
    const r = run(
      daemonSet({ templateAnnotations: '        kubeward.io/ignore.web: "privileged-container,host-network -- x"' }),
    );
    // host-network is not inside the container: not silenced by a container-scoped annotation
    expect(r.suppressed).toEqual([ALL[1]]);
  });

  test('object-wide annotation on the pod template metadata', () => {
    const r = run(daemonSet({ templateAnnotations: '        kubeward.io/ignore: "host-network -- x"' }));
    expect(r.suppressed).toEqual([ALL[0]]);
  });

  test('the admin switch turns annotations off', () => {
    const r = run(daemonSet({ annotations: '    kubeward.io/ignore: "host-network -- x"' }), { annotations: false });
    expect(r.active).toEqual(ALL);
  });
});

describe('inline comments', () => {
  test('on the offending line', () => {
    const r = run(daemonSet({ hostNetworkLine: 'hostNetwork: true # kubeward-ignore host-network node metrics' }));
    expect(r.suppressed).toEqual([ALL[0]]);
    expect(r.suppressions).toEqual([{ kind: 'inline', reason: 'node metrics' }]);
  });

  test('on the line just above', () => {
    const r = run(daemonSet({ webExtra: '            # kubeward-ignore privileged-container -- needs devices\n' }));
    expect(r.suppressed).toEqual([ALL[1]]);
    expect(r.suppressions).toEqual([{ kind: 'inline', reason: 'needs devices' }]);
  });

  test('a trailing comment on the line above does not apply to the next line', () => {
    const r = run(daemonSet({ webExtra: '            runAsUser: 1000 # kubeward-ignore privileged-container why\n' }));
    expect(r.active).toEqual(ALL);
  });

  test('another rule id does not apply', () => {
    const r = run(daemonSet({ hostNetworkLine: 'hostNetwork: true # kubeward-ignore host-pid why' }));
    expect(r.active).toEqual(ALL);
  });

  test('without a reason: not applied, warned with its line', () => {
    const r = run(daemonSet({ hostNetworkLine: 'hostNetwork: true # kubeward-ignore host-network' }));
    expect(r.active).toEqual(ALL);
    expect(r.notes).toEqual([
      expect.objectContaining({
        ruleId: 'invalid-suppression',
        location: { file: 'deploy/monitoring/ds.yaml', line: 13, column: 25 },
        message: expect.stringMatching(/without a reason/),
      }),
    ]);
  });

  test('the admin switch turns inline comments off', () => {
    const r = run(daemonSet({ hostNetworkLine: 'hostNetwork: true # kubeward-ignore host-network why' }), {
      inline: false,
    });
    expect(r.active).toEqual(ALL);
    expect(r.notes).toEqual([]);
  });
});

describe('config exemptions', () => {
  const ex = (e: Partial<Exemption>): Exemption => ({
    rules: ['host-network'],
    objects: [],
    paths: [],
    reason: 'node metrics need the host network',
    file: '.kubeward.yaml',
    line: 3,
    column: 5,
    ...e,
  });

  test('by object (Kind/namespace/name, globs)', () => {
    expect(
      run(daemonSet(), { exemptions: [ex({ objects: ['DaemonSet/monitoring/node-exporter'] })] }).suppressed,
    ).toEqual([ALL[0]]);
    expect(run(daemonSet(), { exemptions: [ex({ objects: ['DaemonSet/monitoring/*'] })] }).suppressed).toEqual([
      ALL[0],
    ]);
    expect(run(daemonSet(), { exemptions: [ex({ objects: ['daemonset/*/node-exporter'] })] }).suppressed).toEqual([
      ALL[0],
    ]);
    expect(run(daemonSet(), { exemptions: [ex({ objects: ['DaemonSet/other/node-exporter'] })] }).suppressed).toEqual(
      [],
    );
  });

  test('objects without a namespace match Kind/name', () => {
    const text = daemonSet().replace('  namespace: monitoring\n', '');
    expect(run(text, { exemptions: [ex({ objects: ['DaemonSet/node-exporter'] })] }).suppressed).toEqual([ALL[0]]);
  });

  test('by path, and by rule glob', () => {
    const r = run(daemonSet(), { exemptions: [ex({ rules: ['*'], paths: ['deploy/monitoring/**'] })] });
    expect(r.suppressed).toEqual(ALL);
    expect(r.suppressions[0]).toEqual({ kind: 'config', reason: 'node metrics need the host network' });
    expect(run(daemonSet(), { exemptions: [ex({ paths: ['deploy/apps/**'] })] }).suppressed).toEqual([]);
  });

  test('objects and paths must both match', () => {
    const e = ex({ objects: ['DaemonSet/monitoring/node-exporter'], paths: ['elsewhere/**'] });
    expect(run(daemonSet(), { exemptions: [e] }).suppressed).toEqual([]);
  });

  test('carries its expiry while it applies', () => {
    const r = run(daemonSet(), {
      exemptions: [ex({ paths: ['deploy/**'], expires: '2027-03-31' })],
      now: new Date('2027-03-31T12:00:00Z'),
    });
    expect(r.suppressions).toEqual([
      { kind: 'config', reason: 'node metrics need the host network', expires: '2027-03-31' },
    ]);
    expect(r.notes).toEqual([]);
  });

  test('an expired exemption stops applying and is reported as an info finding at its config line', () => {
    const r = run(daemonSet(), {
      exemptions: [ex({ paths: ['deploy/**'], expires: '2027-03-31' })],
      now: new Date('2027-04-01T00:00:00Z'),
    });
    expect(r.suppressed).toEqual([]);
    expect(r.active).toEqual(ALL);
    expect(r.notes).toEqual([
      expect.objectContaining({
        ruleId: 'expired-exemption',
        severity: 'info',
        path: '',
        location: { file: '.kubeward.yaml', line: 3, column: 5 },
        message: expect.stringMatching(/^the exemption for host-network expired on 2027-03-31 .*reported again/),
      }),
    ]);
  });

  test('exemptions still apply when the admin switch turns annotations and comments off', () => {
    const r = run(daemonSet(), { exemptions: [ex({ paths: ['deploy/**'] })], annotations: false, inline: false });
    expect(r.suppressed).toEqual([ALL[0]]);
  });
});

describe('scan() with a configuration', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kubeward-scan-'));
  mkdirSync(path.join(root, 'deploy', 'monitoring'), { recursive: true });
  mkdirSync(path.join(root, 'deploy', 'legacy'), { recursive: true });
  writeFileSync(path.join(root, 'deploy', 'monitoring', 'ds.yaml'), daemonSet());
  writeFileSync(path.join(root, 'deploy', 'legacy', 'old.yaml'), daemonSet().replace('node-exporter', 'old'));
  const write = (text: string) => writeFileSync(path.join(root, '.kubeward.yaml'), text);
  const only = { rules: RULES };

  test('exemptions, excludes, failOn and severity overrides from .kubeward.yaml', async () => {
    write(`failOn: critical
exclude: ["deploy/legacy/**"]
rules:
  host-network: { severity: low }
exemptions:
  - rules: [privileged-container]
    objects: [DaemonSet/monitoring/node-exporter]
    reason: device plugin
  - rules: [host-network]
    paths: ["deploy/**"]
    reason: long gone
    expires: 2001-01-01
`);
    const report = await scan({ paths: ['deploy'], cwd: root, ...only });
    expect(report.failOn).toBe('critical');
    expect(report.filesScanned).toBe(1);
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([
      'host-network low',
      'expired-exemption info',
    ]);
    expect(report.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 1, info: 1 });
    expect(report.suppressed.map((f) => [f.ruleId, f.suppression])).toEqual([
      ['privileged-container', { kind: 'config', reason: 'device plugin' }],
      ['privileged-container', { kind: 'config', reason: 'device plugin' }],
    ]);
    expect(report.errors).toEqual([]);
    expect(report.findings[1]).toMatchObject({
      location: { file: '.kubeward.yaml', line: 9 },
      message: expect.stringMatching(/expired on 2001-01-01/),
    });
    // the caller's failOn wins
    expect((await scan({ paths: ['deploy'], cwd: root, failOn: 'low', ...only })).failOn).toBe('low');
  });

  test('a profile, and rules turned off', async () => {
    write(`profiles:
  relaxed:
    rules:
      privileged-container: { enabled: false }
`);
    const report = await scan({ paths: ['deploy/monitoring'], cwd: root, profile: 'relaxed', ...only });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['host-network']);
    await expect(scan({ paths: ['deploy'], cwd: root, profile: 'strict', ...only })).rejects.toThrow(
      /unknown profile "strict"/,
    );
  });

  test('the admin switch', async () => {
    writeFileSync(
      path.join(root, 'deploy', 'monitoring', 'ds.yaml'),
      daemonSet({ hostNetworkLine: 'hostNetwork: true # kubeward-ignore host-network node metrics' }),
    );
    write('');
    expect((await scan({ paths: ['deploy/monitoring'], cwd: root, ...only })).suppressed.map((f) => f.ruleId)).toEqual([
      'host-network',
    ]);
    write('suppressions: { inline: false }\n');
    const report = await scan({ paths: ['deploy/monitoring'], cwd: root, ...only });
    expect(report.suppressed).toEqual([]);
    expect(report.findings.map((f) => f.ruleId)).toContain('host-network');
  });

  test('configuration files are not scanned as manifests; unparseable files can be exempted by path', async () => {
    write(`exemptions:
  - rules: [invalid-yaml]
    paths: ["broken/**"]
    reason: fixture of a parser test
`);
    mkdirSync(path.join(root, 'broken'), { recursive: true });
    writeFileSync(path.join(root, 'broken', 'bad.yaml'), 'a: [\n');
    writeFileSync(path.join(root, 'deploy', '.kubeward.yml'), 'failOn: low\n');
    const report = await scan({ paths: ['.'], cwd: root, rules: [...RULES, getRule('invalid-yaml') as Rule] });
    expect(report.skipped).toEqual([]);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('invalid-yaml');
    expect(report.suppressed.filter((f) => f.ruleId === 'invalid-yaml')).toEqual([
      expect.objectContaining({
        location: expect.objectContaining({ file: 'broken/bad.yaml' }),
        suppression: { kind: 'config', reason: 'fixture of a parser test' },
      }),
    ]);
  });

  test('an invalid configuration throws a ConfigError', async () => {
    write('failOn: never\n');
    const err = await scan({ paths: ['deploy'], cwd: root, ...only }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ file: '.kubeward.yaml', line: 1, column: 9 });
  });
});
