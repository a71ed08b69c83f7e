/** The Prometheus text format of a report: series, escaping, zero series, no secret value. */
import { formatMetrics, findingSeries, escapeLabel } from '../../src/core/report/metrics.ts';
import { formatReport } from '../../src/core/report/index.ts';
import { emptyReport, finding, sampleReport } from './fixtures.ts';

/** A strict reader of the exposition format: every line is a comment or `name{labels} value`. */
function parse(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  const seenType = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(seenType.has(meta[2])).toBe(false);
        seenType.add(meta[2]);
        expect(['gauge', 'counter']).toContain(meta[3]);
      }
      continue;
    }
    const m =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.e+]+|NaN|[+-]Inf)$/.exec(
        line,
      );
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]] = l[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    expect(seenType.has(m[1])).toBe(true);
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

describe('metrics format', () => {
  test('findings by rule, severity, namespace and cluster; totals', () => {
    const r = sampleReport();
    const s = parse(formatMetrics(r, { labels: { source: 'scan' }, timestamp: 1700000000 }));
    const f = s.filter((x) => x.name === 'kubeward_findings' && x.value > 0);
    expect(f.reduce((a, x) => a + x.value, 0)).toBe(r.findings.length);
    expect(f).toContainEqual({
      name: 'kubeward_findings',
      labels: {
        source: 'scan',
        rule: 'privileged-container',
        severity: 'critical',
        namespace: 'kube-system',
        cluster: 'prod-eu',
      },
      value: 1,
    });
    expect(s.find((x) => x.name === 'kubeward_run_failed')).toMatchObject({ labels: { fail_on: 'high' }, value: 1 });
    expect(s.find((x) => x.name === 'kubeward_run_timestamp_seconds')?.value).toBe(1700000000);
    expect(s.find((x) => x.name === 'kubeward_objects_scanned')?.value).toBe(6);
    expect(s.find((x) => x.name === 'kubeward_input_errors')?.value).toBe(1);
    expect(s.filter((x) => x.name === 'kubeward_findings_suppressed').length).toBe(2);
  });

  test('a clean run still exports one zero per severity and run_failed 0', () => {
    const s = parse(formatReport(emptyReport(), 'metrics'));
    const zeros = s.filter((x) => x.name === 'kubeward_findings');
    expect(zeros.map((z) => z.labels.severity).sort()).toEqual(['critical', 'high', 'info', 'low', 'medium']);
    expect(zeros.every((z) => z.value === 0)).toBe(true);
    expect(s.find((x) => x.name === 'kubeward_run_failed')?.value).toBe(0);
  });

  test('label values are escaped (quotes, backslashes, newlines)', () => {
    const odd = 'ns"with\\odd\nchars';
    expect(escapeLabel(odd)).toBe('ns\\"with\\\\odd\\nchars');
    const r = sampleReport({
      findings: [finding({ ruleId: 'x', object: { apiVersion: 'v1', kind: 'Pod', namespace: odd, name: 'p' } })],
    });
    const s = parse(formatMetrics(r));
    expect(s.find((x) => x.name === 'kubeward_findings' && x.value === 1)?.labels.namespace).toBe(odd);
  });

  test('series aggregate findings of the same rule, severity, namespace and cluster', () => {
    const a = finding({ ruleId: 'r', path: 'a' });
    const b = finding({ ruleId: 'r', path: 'b' });
    expect(findingSeries([a, b])).toEqual([
      { labels: { rule: 'r', severity: 'high', namespace: 'prod', cluster: '' }, value: 2 },
    ]);
  });

  test('invalid extra label names are refused', () => {
    expect(() => formatMetrics(emptyReport(), { labels: { 'bad-name': 'x' } })).toThrow(
      /invalid Prometheus label name/,
    );
  });
});
