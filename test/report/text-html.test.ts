import { formatReport } from '../../src/core/report/index.ts';
import { emptyReport, sampleReport } from './fixtures.ts';

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
    expect(formatReport({ ...sampleReport(), errors: [] }, 'text')).toContain('Failed: findings at or above high.');
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
});

describe('html format', () => {
  test('self-contained page with everything escaped', () => {
    const out = formatReport(sampleReport(), 'html');
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('Hostile &lt;b&gt;title&lt;/b&gt;');
    expect(out).not.toMatch(/(src|href)="http/);
    expect(out).toContain('node agent needs it');
    expect(out).toContain('Failed');
  });
});

describe('formatReport', () => {
  test('rejects an unknown format', () => {
    expect(() => formatReport(sampleReport(), 'yaml' as 'json')).toThrow(/unknown report format/);
  });
});
