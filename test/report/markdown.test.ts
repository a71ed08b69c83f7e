import { escapeMarkdown, formatReport, renderMarkdown } from '../../src/core/report/index.ts';
import { countBySeverity } from '../../src/core/model.ts';
import { finding, HOSTILE, sampleReport } from './fixtures.ts';

/** Cells of a markdown table row, splitting on unescaped pipes. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

describe('markdown format', () => {
  const md = formatReport(sampleReport(), 'markdown');

  test('summary table by severity, then findings, then rule details', () => {
    // one input error in the sample: the verdict says the run is incomplete
    expect(md).toMatch(
      /^## kubeward: ❌ incomplete: 1 input error and 1 check not verified; 5 findings \(2 critical, 1 high, 1 medium, 1 low\)/,
    );
    expect(md).toContain('| 🟣 critical | 2 |');
    expect(md).toContain('| Severity | Location | Rule | Message |');
    expect(md.indexOf('### Findings')).toBeLessThan(md.indexOf('<details><summary><code>privileged-container</code>'));
    expect(md).toContain('**How to fix:**');
    expect(md).toContain(
      '[Rule documentation](https://github.com/kubeward/kubeward/blob/main/docs/rules/privileged-container.md)',
    );
  });

  test('every findings row has exactly four cells, hostile text included', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && /`[a-z-]+`/.test(l));
    expect(rows.length).toBe(5);
    for (const r of rows) expect(cells(r)).toHaveLength(4);
  });

  test('untrusted text cannot mention, link, inject HTML or code spans', () => {
    const e = escapeMarkdown(HOSTILE);
    expect(e).not.toMatch(/(?<!\\)`/);
    expect(e).not.toMatch(/<script/i);
    expect(e).not.toMatch(/@octocat/);
    expect(e).not.toMatch(/(?<!\\)\[click(?<!\\)\]\(/);
    expect(e).not.toContain('https://evil');
    expect(e).not.toMatch(/(?<!\\)\|/);
    expect(e).not.toContain('\u001b');
    expect(e).not.toContain('\n');
    expect(md).not.toContain('@octocat');
    expect(md).not.toContain('<script>');
  });

  test('a finding from a rendered chart or overlay names its environment(s), escaped', () => {
    const findings = [
      finding({
        ruleId: 'host-ipc',
        location: { file: 'c/t.yaml', line: 2, column: 1 },
        details: { environment: 'prod' },
      }),
      finding({
        ruleId: 'host-pid',
        location: { file: 'c/t.yaml', line: 3, column: 1 },
        details: { environments: 'dev, prod|x' },
      }),
    ];
    const md = renderMarkdown({ ...sampleReport(), findings, counts: countBySeverity(findings) });
    expect(md).toMatch(/`host-ipc` \| .*— Deployment prod\/web \(env: prod\) \|$/m);
    expect(md).toMatch(/`host-pid` \| .*\(env: dev, prod\\\|x\) \|$/m);
  });

  test('a finding without a location names its object', () => {
    expect(md).toMatch(/\| 🟣 critical \| Pod prod-eu:kube-system\/live-pod \| `privileged-container`/);
  });

  test('fileUrlPrefix links file:line', () => {
    const linked = formatReport(sampleReport(), 'markdown', { fileUrlPrefix: 'https://github.com/o/r/blob/abc/' });
    expect(linked).toContain('[deploy/web.yaml:17](https://github.com/o/r/blob/abc/deploy/web.yaml#L17)');
    // an odd file name cannot break out of the link
    expect(linked).toContain('(https://github.com/o/r/blob/abc/deploy/odd%7Cname%20%3Cx%3E.yaml#L2)');
  });

  test('maxLength cuts the findings list with a note and is respected', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      finding({
        ruleId: 'privileged-container',
        message: `container c${i} runs privileged`,
        location: { file: 'big.yaml', line: i + 1, column: 1 },
      }),
    );
    const report = sampleReport({ findings: many, counts: countBySeverity(many) });
    const full = formatReport(report, 'markdown');
    expect(full.length).toBeGreaterThan(20000);
    const cut = formatReport(report, 'markdown', { maxLength: 10000 });
    expect(cut.length).toBeLessThanOrEqual(10000);
    expect(cut).toMatch(/> ✂️ \d+ of 400 findings are not in this table \(cut to fit 10,000 characters\)/);
    expect(cut).toContain('| 🔴 high | 400 |');
    const tiny = formatReport(report, 'markdown', { maxLength: 300 });
    expect(tiny.length).toBeLessThanOrEqual(300);
  });

  test('suppressed findings are listed, collapsed', () => {
    expect(md).toContain('<details><summary>2 suppressed findings</summary>');
    expect(md).toContain('annotation: node agent needs it');
  });

  test('the same renderer as the job summary and the PR comment', () => {
    expect(md).toBe(renderMarkdown(sampleReport(), { layout: 'full' }));
  });
});
