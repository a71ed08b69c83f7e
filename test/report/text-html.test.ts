import { formatReport } from '../../src/core/report/index.ts';
import { htmlReportData } from '../../src/core/report/html.ts';
import { emptyReport, finding, sampleReport } from './fixtures.ts';
import { countBySeverity } from '../../src/core/model.ts';

describe('text format', () => {
  test('groups by file, one line per finding, then the summary', () => {
    const out = formatReport(sampleReport(), 'text');
    expect(out).not.toContain('\u001b');
    const lines = out.split('\n');
    const web = lines.indexOf('deploy/web.yaml');
    expect(web).toBeGreaterThanOrEqual(0);
    expect(lines[web + 1]).toMatch(/^ {2}17:9 +CRITICAL +privileged-container +container "app" runs privileged/);
    expect(lines[web + 2]).toMatch(/^ {2}20:16 +LOW +latest-tag/);
    expect(out).toMatch(/Live objects \/ no file\n {2}- +CRITICAL +privileged-container/);
    expect(out).toContain('(ghp_…(40 chars))');
    expect(out).toContain('5 findings: 2 critical, 1 high, 1 medium, 1 low');
    expect(out).toContain('4 files, 6 objects, 1 skipped document, 1 error, 2 suppressed');
    // an input error: the verdict line says the run is incomplete, never "Passed" or "Failed"
    expect(out).toContain('Incomplete: 1 input error, so the results are not complete.');
    expect(out).not.toMatch(/^(Passed|Failed)/m);
    expect(out).toContain('deploy/broken.yaml:4:2  cannot read: EACCES');
    expect(formatReport({ ...sampleReport(), errors: [], notVerified: [] }, 'text')).toContain(
      'Failed: findings at or above high.',
    );
  });

  test('a finding from a rendered chart or overlay names its environment(s)', () => {
    const findings = [
      finding({
        ruleId: 'privileged-container',
        location: { file: 'charts/shop/values-prod.yaml', line: 7, column: 7 },
        details: { environment: 'prod' },
      }),
      finding({
        ruleId: 'host-ipc',
        location: { file: 'charts/shop/templates/deployment.yaml', line: 15, column: 7 },
        details: { environments: 'dev, prod' },
      }),
      finding({ ruleId: 'host-pid', location: { file: 'deploy/plain.yaml', line: 3, column: 1 } }),
    ];
    const out = formatReport({ ...sampleReport(), findings, counts: countBySeverity(findings) }, 'text');
    expect(out).toMatch(/privileged-container .*\[Deployment prod\/web\] +\(env: prod\)$/m);
    expect(out).toMatch(/host-ipc .*\(env: dev, prod\)$/m);
    expect(out).toMatch(/host-pid .*\[Deployment prod\/web\]$/m);
  });

  test('escape sequences in untrusted text are shown, not interpreted', () => {
    const out = formatReport(sampleReport(), 'text');
    expect(out).toContain('\\x1b[31mred');
  });

  test('colour when asked', () => {
    const out = formatReport(sampleReport(), 'text', { color: true });
    expect(out).toContain('\u001b[1m\u001b[35mCRITICAL');
    expect(out).toContain('\u001b[31m1 high');
  });

  test('empty report', () => {
    const out = formatReport({ ...emptyReport(), objectsScanned: 1 }, 'text');
    expect(out).toContain('No findings.');
    expect(out).toContain('Passed: nothing at or above high.');
    // nothing scanned is not a pass
    expect(formatReport(emptyReport(), 'text')).toContain('Nothing checked: no Kubernetes objects were found.');
  });

  test('a verification with checks not verified (exit 3) never reads "Passed"', () => {
    const report = {
      ...emptyReport(),
      objectsScanned: 4,
      notVerified: [{ check: 'pods', reason: 'HTTP 403 listing pods' }],
    };
    for (const r of [report, { ...report, failOn: 'none' as 'high' }]) {
      const out = formatReport(r, 'text');
      expect(out).toContain('Incomplete: 1 check not verified, so the results are not complete.');
      expect(out).not.toMatch(/^(Passed|Failed)/m);
      const html = formatReport(r, 'html');
      expect(html).toContain('Incomplete: 1 check not verified');
      expect(html).not.toContain('Passed');
    }
  });
});

describe('html format', () => {
  test('self-contained page: hashed inline script and style only, untrusted text never HTML', () => {
    const out = formatReport(sampleReport(), 'html');
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    // the only executable script is the page's own, allowed by its hash; no inline handlers
    const csp = /content="(default-src 'none'; [^"]+)"/.exec(out)![1];
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(out.match(/<script>/g)).toHaveLength(1);
    expect(out).not.toMatch(/\son[a-z]+=/i);
    // hostile text travels as JSON data that cannot close its element
    expect(out).not.toContain('<script>alert(1)');
    expect(out).not.toContain('<b>title</b>');
    const data = htmlReportData(out) as { s: string[] };
    expect(data.s).toContain(sampleReport().findings[2].message);
    expect(out).not.toMatch(/(src|href)="http/);
    expect(out).toContain('Incomplete: 1 input error');
  });

  test('a large report is packed (gzip) and still holds every finding', () => {
    const many = Array.from({ length: 12_000 }, (_, i) => ({
      ...sampleReport().findings[0],
      message: `container "c${i}" runs privileged ${'m'.repeat(60)}`,
      fingerprint: String(i),
    }));
    const out = formatReport(sampleReport({ findings: many }), 'html');
    expect(out).toContain('data-encoding="gzip-base64"');
    expect((htmlReportData(out) as { f: unknown[] }).f).toHaveLength(12_000);
  });
});

describe('formatReport', () => {
  test('rejects an unknown format', () => {
    expect(() => formatReport(sampleReport(), 'yaml' as 'json')).toThrow(/unknown report format/);
  });
});
