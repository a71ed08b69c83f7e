/** `kubeward fix`, `kubeward baseline create`, `--baseline`, `--rule`, `--skip-rule`, `--min-severity`, in-process. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/run.ts';
import { fixFileText } from '../../src/core/fixes/file.ts';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    env: {},
    cwd,
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

const WEB = `# the web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app   # main container
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: true
            privileged: true
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kw-fix-'));
  writeFileSync(path.join(dir, 'web.yaml'), WEB);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kubeward fix', () => {
  test('--dry-run prints a unified diff and writes nothing', async () => {
    const r = await cli(['fix', 'web.yaml', '--dry-run'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/web.yaml');
    expect(r.stdout).toContain('+++ b/web.yaml');
    expect(r.stdout).toMatch(/^-\s+privileged: true$/m);
    expect(r.stdout).toMatch(/^\+\s+privileged: false$/m);
    expect(r.stderr).toMatch(/would fix \d+ findings in 1 file/);
    expect(readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(WEB);
  });

  test('writes the fixes keeping comments (passes until none applies), then scans again and shows what is left', async () => {
    const before = await cli(['scan', 'web.yaml', '-f', 'json'], dir);
    const n0 = JSON.parse(before.stdout).findings.length;
    const r = await cli(['fix', 'web.yaml'], dir);
    const text = readFileSync(path.join(dir, 'web.yaml'), 'utf8');
    expect(text).toContain('# the web tier');
    expect(text).toContain('- name: app   # main container');
    // privilege-escalation has a fix only once privileged is false: the second pass makes it
    expect(text).toContain('privileged: false');
    expect(text).toContain('allowPrivilegeEscalation: false');
    expect(r.stderr).toMatch(/fixed \d+ findings in 1 file; scanning again/);
    // the re-scan's text report: fewer findings than before
    const m = /(\d+) findings?:/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(n0);
    expect([0, 1]).toContain(r.code);
  });

  test('--rule fixes only that rule', async () => {
    await cli(['fix', 'web.yaml', '--rule', 'privileged-container'], dir);
    const text = readFileSync(path.join(dir, 'web.yaml'), 'utf8');
    expect(text).toContain('privileged: false');
    expect(text).toContain('allowPrivilegeEscalation: true');
    expect(text).not.toContain('runAsNonRoot');
    const bad = await cli(['fix', 'web.yaml', '--rule', 'privilege-escalaton'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/did you mean 'privilege-escalation'/);
  });

  test('a file that does not parse cleanly is never touched', async () => {
    const broken = WEB + '---\nkind: [unclosed\n';
    writeFileSync(path.join(dir, 'web.yaml'), broken);
    const r = await cli(['fix', 'web.yaml'], dir);
    expect(readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(broken);
    expect(r.code).toBe(2);
  });

  test('a file left alone is exit 2, and the verdict under the re-scan says so instead of "Passed"', async () => {
    // duplicate keys: a finding, not an input error, but the fixer cannot prove its result; the
    // one remaining finding (high) is under the configured threshold
    const dup = WEB.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 2\n').replace(
      '            privileged: true\n',
      '',
    );
    writeFileSync(path.join(dir, 'web.yaml'), dup);
    writeFileSync(path.join(dir, '.kubeward.yaml'), 'failOn: critical\n');
    const r = await cli(['fix', 'web.yaml'], dir);
    expect(readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(dup);
    expect(r.stderr).toContain('web.yaml: left alone: the file has parse problems');
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/^Passed/m);
    expect(r.stdout).toMatch(/^Incomplete: 1 file left alone \(named above\)\.$/m);
  });

  test('a fix that cannot be applied says where and why, not only how many', async () => {
    // the second container's securityContext is an alias of the first's: no edit can go there alone
    const aliased = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: &sc
            privileged: true
        - name: side
          image: nginx:1.27
          securityContext: *sc
`;
    writeFileSync(path.join(dir, 'web.yaml'), aliased);
    const r = await cli(['fix', 'web.yaml', '--dry-run'], dir);
    expect(r.stderr).toMatch(/\d+ fixes could not be applied where they point \(left as findings\):\n/);
    expect(r.stderr).toMatch(
      /^ {2}web\.yaml:16 privileged-container: expected a mapping at spec\.template\.spec\.containers\[1\]\.securityContext$/m,
    );
    expect(readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(aliased);
  });

  test('a result that differs from the intended change is rejected (core check)', () => {
    const target = {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      location: { line: 15 },
      fix: {
        description: 'set allowPrivilegeEscalation: false',
        set: [
          {
            path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'],
            value: false,
          },
        ],
      },
    };
    const ok = fixFileText(WEB, 'web.yaml', [target]);
    expect(ok.rejected).toBeUndefined();
    expect(ok.applied).toBe(1);
    // the same field reached through a YAML anchor that another container aliases: the edit would
    // change both containers, not the one the fix is for, so the file is left alone
    const aliased = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: x:1
      securityContext: &sc
        allowPrivilegeEscalation: true
    - name: b
      image: x:1
      securityContext: *sc
`;
    const res = fixFileText(aliased, 'p.yaml', [
      {
        object: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
        location: { line: 10 },
        fix: {
          description: 'set allowPrivilegeEscalation: false',
          set: [{ path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false }],
        },
      },
    ]);
    expect(res.applied).toBe(0);
    expect(res.text).toBe(aliased);
    expect(res.rejected).toMatch(/would differ from the intended change/);
  });
});

describe('baselines and selection', () => {
  test('baseline create, then --baseline reports only new findings and says how many it hid', async () => {
    const c = await cli(['baseline', 'create', 'web.yaml', '-o', 'base/kw.json'], dir);
    expect(c.code).toBe(0);
    const base = JSON.parse(readFileSync(path.join(dir, 'base/kw.json'), 'utf8'));
    expect(base.kubewardBaseline).toBe(1);
    expect(base.findings.length).toBeGreaterThan(3);

    // lines move (a comment added on top), nothing new: no finding, exit 0
    writeFileSync(path.join(dir, 'web.yaml'), '# moved\n# down\n' + WEB);
    const same = await cli(['scan', 'web.yaml', '--baseline', 'base/kw.json', '-f', 'json'], dir);
    expect(same.code).toBe(0);
    const j = JSON.parse(same.stdout);
    expect(j.findings).toEqual([]);
    expect(j.summary.hidden.baseline).toBe(base.findings.length);

    // a new problem is reported and fails the run
    writeFileSync(
      path.join(dir, 'web.yaml'),
      WEB.replace('namespace: shop', 'namespace: shop\n  annotations: {}')
        .replace('spec:\n  replicas', 'spec:\n  replicas')
        .replace('    spec:\n      containers', '    spec:\n      hostNetwork: true\n      containers'),
    );
    const fresh = await cli(['scan', 'web.yaml', '--baseline', 'base/kw.json'], dir);
    expect(fresh.stdout).toContain('host-network');
    expect(fresh.stdout).not.toContain('privilege-escalation');
    expect(fresh.stdout).toMatch(/\d+ hidden \(\d+ known in the baseline\)/);
    expect(fresh.code).toBe(1);
  });

  test('a missing or invalid baseline is a usage error, never an empty pass', async () => {
    const missing = await cli(['scan', 'web.yaml', '--baseline', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/baseline not found: nope.json/);
    writeFileSync(path.join(dir, 'bad.json'), '{"findings": 3}');
    const bad = await cli(['scan', 'web.yaml', '--baseline', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a kubeward baseline/);
  });

  test('--rule / --skip-rule choose the findings (and the verdict)', async () => {
    const only = JSON.parse(
      (await cli(['scan', 'web.yaml', '--rule', 'privileged-container', '-f', 'json'], dir)).stdout,
    );
    expect(new Set(only.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set(['privileged-container']));
    const skipped = await cli(
      ['scan', 'web.yaml', '--skip-rule', 'privileged-container,privilege-escalation', '-f', 'json'],
      dir,
    );
    const ids = JSON.parse(skipped.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('privileged-container');
    expect(ids).not.toContain('privilege-escalation');
    expect(ids.length).toBeGreaterThan(0);
  });

  test('--min-severity is a display filter: the exit code counts every finding', async () => {
    const r = await cli(['scan', 'web.yaml', '--min-severity', 'critical', '--fail-on', 'medium', '-f', 'json'], dir);
    const j = JSON.parse(r.stdout);
    // findings that fail the run (>= medium) are still shown; lower ones are hidden and counted
    expect(j.findings.every((f: { severity: string }) => ['critical', 'high', 'medium'].includes(f.severity))).toBe(
      true,
    );
    expect(j.summary.hidden.belowMinSeverity).toBeGreaterThan(0);
    expect(r.code).toBe(1);
    const bad = await cli(['scan', 'web.yaml', '--min-severity', 'severe'], dir);
    expect(bad.code).toBe(2);
  });
});
