import { formatReport } from '../../src/core/report/index.ts';
import { emptyReport, sampleReport, xmlProblems } from './fixtures.ts';

describe('junit format', () => {
  test('is well-formed XML, hostile text included', () => {
    const xml = formatReport(sampleReport(), 'junit');
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('\u001b');
  });

  test('the XML checker catches broken XML', () => {
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<a>1 < 2</a>')).not.toEqual([]);
    expect(xmlProblems('<a b="1"><c/></a>')).toEqual([]);
  });

  test('one testsuite per file; a failing testcase per finding at or above the threshold, typed by severity', () => {
    const xml = formatReport(sampleReport(), 'junit');
    // the low finding is below the report's high threshold: a passing testcase that still shows it
    expect(xml).toMatch(/<testsuite name="deploy\/web.yaml" tests="2" failures="1"/);
    expect(xml).toMatch(/<system-out>below the high threshold\n\s*LOW latest-tag: image nginx:latest/);
    const all = formatReport({ ...sampleReport(), failOn: 'low' }, 'junit');
    expect(all).toMatch(/<testsuite name="deploy\/web.yaml" tests="2" failures="2"/);
    const none = formatReport({ ...sampleReport(), failOn: 'none' }, 'junit');
    expect(none).not.toMatch(/<failure /);
    expect(xml).toMatch(/<failure type="critical" message="container &quot;app&quot; runs privileged">/);
    expect(xml).toMatch(/<testsuite name="\(no file\)"/);
    // suppressed findings are skipped testcases
    expect(xml).toMatch(/<testsuite name="deploy\/agent.yaml" tests="2" failures="0" errors="0" skipped="2">/);
    expect(xml).toContain('<skipped message="suppressed (annotation): node agent needs it"/>');
    // input errors are <error> testcases
    expect(xml).toContain('<error message="cannot read: EACCES">');
    const total = /<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml)!;
    expect(Number(total[2])).toBe(3);
  });

  test('objects without findings get one passing testcase', () => {
    const xml = formatReport(sampleReport(), 'junit', {
      objects: [
        { ref: { apiVersion: 'v1', kind: 'Service', namespace: 'prod', name: 'web' }, file: 'deploy/web.yaml' },
        { ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' }, file: 'deploy/web.yaml' },
      ],
    });
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('<testcase classname="Service prod/web" name="all checks passed" file="deploy/web.yaml"/>');
    expect(xml.match(/name="all checks passed"/g)).toHaveLength(1);
  });

  test('an empty report is a valid suite with one passing testcase', () => {
    const xml = formatReport(emptyReport(), 'junit');
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toMatch(/<testsuites name="kubeward" tests="1" failures="0"/);
  });
});
