/**
 * Hostile input (issue 10, section 1): a rule that throws must not vanish. It becomes a `rule-error`
 * finding (high, never suppressed, never turned off) naming the rule and the object, the run fails
 * (an input error: exit 2), and the other rules' findings stay.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate } from '../../src/core/engine.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { getRule } from '../../src/core/rules/index.ts';
import type { Rule } from '../../src/core/rules/types.ts';
import { scan } from '../../src/core/scan.ts';
import { run } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
`;

/** A planted value the failing rule puts in its error message: it must not be repeated. */
const PLANTED = 'pl4nted-' + 'Zq9'.repeat(6);

function boom(id: string, how: 'check' | 'checkAll' | 'stack'): Rule {
  const meta = { ...(getRule('host-network') as Rule).meta, id, title: `test rule ${id}` };
  if (how === 'checkAll') {
    return {
      meta,
      *checkAll() {
        yield* [];
        throw new TypeError(`cannot read "${PLANTED}"`);
      },
    };
  }
  if (how === 'stack') {
    const deep = (n: number): number => deep(n + 1) + 1;
    return {
      meta,
      *check() {
        yield { path: [], message: String(deep(0)) };
      },
    };
  }
  return {
    meta,
    check() {
      throw new Error(`value '${PLANTED}' is odd`);
    },
  };
}

const hostNetwork = getRule('host-network') as Rule;

describe('a rule that throws', () => {
  const objects = parseManifestText(POD, 'pod.yaml').objects;

  test.each(['check', 'stack'] as const)('in %s: a high rule-error finding naming the rule and the object', (how) => {
    const res = evaluate(objects, [], { rules: [boom('exploding-rule', how), hostNetwork] });
    const err = res.findings.filter((f) => f.ruleId === 'rule-error');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatchObject({ severity: 'high', object: { kind: 'Pod', name: 'web', namespace: 'prod' } });
    expect(err[0].message).toContain('exploding-rule');
    expect(err[0].message).toContain('Pod/prod/web');
    expect(err[0].location?.file).toBe('pod.yaml');
    // the other rules' findings stay, and the run counts as having input errors
    expect(res.findings.map((f) => f.ruleId)).toContain('host-network');
    expect(res.errors.some((e) => e.message.includes('exploding-rule'))).toBe(true);
  });

  test('in a cross-object rule (checkAll): reported too', () => {
    const res = evaluate(objects, [], { rules: [boom('exploding-all', 'checkAll'), hostNetwork] });
    const err = res.findings.filter((f) => f.ruleId === 'rule-error');
    expect(err).toHaveLength(1);
    expect(err[0].message).toContain('exploding-all');
    expect(res.findings.map((f) => f.ruleId)).toContain('host-network');
  });

  test('the error text does not repeat quoted input (it may be a secret)', () => {
    for (const how of ['check', 'checkAll'] as const) {
      const res = evaluate(objects, [], { rules: [boom('leaky', how)] });
      const text = JSON.stringify(res);
      expect(text).toContain('leaky');
      expect(text).not.toContain(PLANTED.slice(0, 12));
    }
  });

  test('cannot be suppressed by the suppress hook', () => {
    const res = evaluate(objects, [], {
      rules: [boom('exploding-rule', 'check'), hostNetwork],
      suppress: () => ({ kind: 'config', reason: 'everything' }),
    });
    expect(res.findings.map((f) => f.ruleId)).toEqual(['rule-error']);
    expect(res.suppressed.map((f) => f.ruleId)).toEqual(['host-network']);
  });

  test('cannot be turned off or re-rated by settings', () => {
    const res = evaluate(objects, [], {
      rules: [boom('exploding-rule', 'check')],
      settings: (meta) => ({
        enabled: meta.id !== 'rule-error',
        severity: meta.id === 'rule-error' ? 'info' : meta.severity,
        options: {},
      }),
    });
    expect(res.findings).toEqual([expect.objectContaining({ ruleId: 'rule-error', severity: 'high' })]);
  });

  test('is in the catalog (docs, SARIF metadata), high by default', () => {
    expect(getRule('rule-error')?.meta).toMatchObject({ severity: 'high', enabledByDefault: true });
  });

  test('through scan() with a config that turns everything off and exempts everything: still there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-rule-error-'));
    writeFileSync(path.join(dir, 'pod.yaml'), POD);
    writeFileSync(
      path.join(dir, '.kubeward.yaml'),
      `rules:\n  rule-error: { enabled: false }\nexemptions:\n  - rules: ["*"]\n    paths: ["**"]\n    reason: hide everything\n`,
    );
    const report = await scan({ paths: ['.'], cwd: dir, rules: [boom('exploding-rule', 'check'), hostNetwork] });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['rule-error']);
    expect(report.errors.length).toBeGreaterThan(0);
  });
});

describe('CLI: a rule that throws fails the run', () => {
  test('exit 2 (input errors), the rule-error finding in the JSON report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-rule-error-cli-'));
    writeFileSync(path.join(dir, 'pod.yaml'), POD);
    const rule = getRule('host-network') as Rule & { check: NonNullable<Rule['check']> };
    const original = rule.check;
    rule.check = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    let out = '';
    const io: CliIO = {
      stdout: (t) => void (out += t),
      stderr: () => undefined,
      readStdin: async () => '',
      env: {},
      cwd: dir,
      stdoutIsTTY: false,
    };
    try {
      const code = await run(['scan', '.', '--format', 'json', '--fail-on', 'critical'], io);
      expect(code).toBe(2);
    } finally {
      rule.check = original;
    }
    const doc = JSON.parse(out);
    const f = doc.findings.find((x: { ruleId: string }) => x.ruleId === 'rule-error');
    expect(f).toMatchObject({ severity: 'high', object: { name: 'web' } });
    expect(f.message).toContain('host-network');
  });
});
