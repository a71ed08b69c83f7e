/** PolicyReport / ClusterPolicyReport (wgpolicyk8s.io/v1alpha2) and OpenReports output. */
import YAML from 'yaml';
import { toPolicyReports, formatPolicyReport } from '../../src/core/report/policyreport.ts';
import { formatReport } from '../../src/core/report/index.ts';
import { emptyReport, finding, sampleReport } from './fixtures.ts';

describe('policyreport format', () => {
  test('one PolicyReport per namespace, a ClusterPolicyReport for the rest; summary counts', () => {
    const reports = toPolicyReports(sampleReport(), { timestamp: 1700000000 });
    expect(reports.map((r) => `${r.kind}/${r.metadata.namespace ?? ''}`)).toEqual([
      'PolicyReport/kube-system',
      'PolicyReport/ops',
      'PolicyReport/prod',
      'ClusterPolicyReport/',
    ]);
    for (const r of reports) {
      expect(r.apiVersion).toBe('wgpolicyk8s.io/v1alpha2');
      expect(r.metadata.labels['app.kubernetes.io/managed-by']).toBe('kubeward');
      const counted = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
      for (const x of r.results) counted[x.result]++;
      expect(r.summary).toEqual(counted);
    }
    const prod = reports.find((r) => r.metadata.namespace === 'prod')!;
    const priv = prod.results.find((x) => x.policy === 'privileged-container')!;
    expect(priv).toMatchObject({
      source: 'kubeward',
      rule: 'privileged-container',
      severity: 'critical',
      result: 'fail',
      scored: true,
      timestamp: { seconds: 1700000000, nanos: 0 },
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' }],
    });
    expect(priv.properties).toMatchObject({
      path: 'spec.template.spec.containers[0].securityContext.privileged',
      location: 'deploy/web.yaml:17:9',
    });
    // below the threshold: warn
    expect(prod.results.find((x) => x.policy === 'latest-tag')?.result).toBe('warn');
    // suppressed: skip, with the reason
    const ops = reports.find((r) => r.metadata.namespace === 'ops')!;
    expect(ops.results[0]).toMatchObject({
      result: 'skip',
      properties: { suppressedBy: 'annotation', reason: 'node agent needs it' },
    });
  });

  test('objects without findings pass', () => {
    const r = emptyReport({ objects: [{ ref: { apiVersion: 'v1', kind: 'Service', namespace: 'a', name: 's' } }] });
    const [rep] = toPolicyReports(r);
    expect(rep.summary).toEqual({ pass: 1, fail: 0, warn: 0, error: 0, skip: 0 });
  });

  test('OpenReports flavor: openreports.io/v1alpha1 Report and ClusterReport with a source', () => {
    const reports = toPolicyReports(sampleReport(), { flavor: 'openreports', name: 'kw' });
    expect(new Set(reports.map((r) => `${r.apiVersion} ${r.kind}`))).toEqual(
      new Set(['openreports.io/v1alpha1 Report', 'openreports.io/v1alpha1 ClusterReport']),
    );
    expect(reports.every((r) => r.source === 'kubeward' && r.metadata.name === 'kw')).toBe(true);
  });

  test('results are capped per report, most severe first, the rest counted', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      finding({ ruleId: `r${i}`, severity: i === 29 ? 'critical' : 'low', path: `p${i}` }),
    );
    const [rep] = toPolicyReports(sampleReport({ findings: many, suppressed: [] }), { maxResults: 10 });
    expect(rep.results.length).toBe(10);
    expect(rep.results[0].severity).toBe('critical');
    expect(rep.summary.fail + rep.summary.warn).toBe(30);
    expect(rep.metadata.annotations?.['kubeward.io/results-truncated']).toBe('20');
  });

  test('YAML documents a kubectl apply reads; no secret preview', () => {
    const text = formatReport(sampleReport(), 'policyreport');
    const docs = YAML.parseAllDocuments(text).map((d) => d.toJS());
    expect(docs.length).toBe(4);
    expect(text).not.toContain('ghp_');
    expect(formatPolicyReport(emptyReport())).toBe('');
  });
});
