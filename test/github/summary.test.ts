import { countBySeverity, type Finding, type Report } from '../../src/core/model.ts';
import { SUMMARY_BYTES, summaryMarkdown } from '../../src/github/summary.ts';
import { annotate, annotateInputErrors, levelOf } from '../../src/github/annotations.ts';

function report(findings: Finding[]): Report {
  return {
    tool: { name: 'kubeward', version: '0.0.0-test' },
    findings,
    suppressed: [],
    counts: countBySeverity(findings),
    filesScanned: 1,
    objectsScanned: findings.length,
    skipped: [],
    errors: [],
    notVerified: [],
    failOn: 'high',
    durationMs: 1,
  };
}

const ctx = {
  owner: 'acme',
  repo: 'deploy',
  sha: 'abc',
  serverUrl: 'https://github.com',
  apiUrl: '',
  workspace: '/tmp',
  eventName: 'push',
};

test('the job summary stays under 1 MiB in bytes, also with multi-byte text', () => {
  const findings: Finding[] = Array.from({ length: 20_000 }, (_, i) => ({
    ruleId: 'run-as-non-root',
    severity: 'high',
    category: 'pod-security',
    title: 'Container may run as root',
    message: `容器 "${'名'.repeat(40)}" may run as root`,
    path: 'spec',
    fingerprint: String(i),
    location: { file: `deploy/${i}.yaml`, line: 1, column: 1 },
  }));
  const md = summaryMarkdown(report(findings), ctx, []);
  expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(SUMMARY_BYTES);
  expect(md).toMatch(
    /> ✂️ \d+ of 20000 findings are not in this table \(cut to fit [\d,]+ characters\): the SARIF and JSON reports have them all/,
  );
  expect(md).toContain('[deploy/0.yaml:1](https://github.com/acme/deploy/blob/abc/deploy/0.yaml#L1)');
});

test('annotation levels and the 10-per-level limit, most severe first', () => {
  expect([levelOf('critical'), levelOf('high'), levelOf('medium'), levelOf('low'), levelOf('info')]).toEqual([
    'error',
    'error',
    'warning',
    'notice',
    'notice',
  ]);
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => {
    lines.push(String(s));
    return true;
  }) as typeof process.stdout.write;
  try {
    const f = (severity: Finding['severity'], i: number): Finding => ({
      ruleId: 'r',
      severity,
      category: 'c',
      title: 't',
      message: `m${i}`,
      path: '',
      fingerprint: `${severity}${i}`,
      location: { file: 'a.yaml', line: i + 1, column: 1 },
    });
    const res = annotate([
      ...Array.from({ length: 12 }, (_, i) => f('high', i)),
      ...Array.from({ length: 3 }, (_, i) => f('medium', i)),
    ]);
    expect(res).toEqual({ shown: { error: 10, warning: 3, notice: 0 }, notShown: 2 });
    // input errors come first and use up the warning budget
    const used = annotateInputErrors([{ file: 'bad.yaml', line: 3, message: 'cannot read: EACCES' }]);
    expect(used).toBe(1);
    const more = annotate(
      Array.from({ length: 10 }, (_, i) => f('medium', i)),
      { warning: used },
    );
    expect(more).toEqual({ shown: { error: 0, warning: 10, notice: 0 }, notShown: 1 });
  } finally {
    process.stdout.write = write;
  }
  expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(10);
  expect(lines).toContain('::warning title=kubeward%3A input error,file=bad.yaml,line=3::cannot read: EACCES\n');
  expect(lines[0]).toMatch(/^::error title=r%3A t,file=a.yaml,line=1,endLine=1,col=1::\[high\] m0/);
});
