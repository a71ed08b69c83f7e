/**
 * The in-cluster manifests pass kubeward's own scan at medium and above; the PrometheusRule holds
 * exactly the plain rule file's groups; the Grafana dashboard's queries name metrics kubeward
 * exports; the CRD's schema accepts the policyreport format's output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import { scan } from '../../src/core/scan.ts';
import { atLeast } from '../../src/core/model.ts';
import { toPolicyReports } from '../../src/core/report/policyreport.ts';
import { sampleReport } from '../report/fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

test('deploy/webhook and deploy/monitor pass kubeward scan at medium and above', async () => {
  const report = await scan({ paths: ['deploy/webhook', 'deploy/monitor'], cwd: ROOT });
  expect(report.errors).toEqual([]);
  expect(report.objectsScanned).toBeGreaterThanOrEqual(15);
  const kinds = new Set(report.objects?.map((o) => o.ref.kind));
  for (const k of [
    'Deployment',
    'Service',
    'PodDisruptionBudget',
    'ValidatingWebhookConfiguration',
    'ClusterRole',
    'ServiceMonitor',
    'PrometheusRule',
    'CronJob',
    'CustomResourceDefinition',
  ])
    expect(kinds).toContain(k);
  const bad = report.findings.filter((f) => atLeast(f.severity, 'medium'));
  expect(bad.map((f) => `${f.ruleId} ${f.location?.file}:${f.location?.line}`)).toEqual([]);
});

test('the webhook registration never judges kube-system or its own namespace and fails open', () => {
  const vwc = YAML.parse(read('deploy/webhook/validatingwebhookconfiguration.yaml'));
  const hook = vwc.webhooks[0];
  expect(hook.failurePolicy).toBe('Ignore');
  expect(hook.admissionReviewVersions).toEqual(['v1']);
  expect(hook.sideEffects).toBe('None');
  expect(hook.namespaceSelector.matchExpressions[0]).toEqual({
    key: 'kubernetes.io/metadata.name',
    operator: 'NotIn',
    values: ['kube-system', 'kubeward'],
  });
  expect(hook.matchConditions.length).toBeGreaterThan(0);
  const dep = YAML.parseAllDocuments(read('deploy/webhook/webhook.yaml'))
    .map((d) => d.toJS())
    .find((d) => d.kind === 'Deployment');
  expect(dep.spec.replicas).toBe(2);
});

test('the PrometheusRule holds exactly the rule file groups', () => {
  const plain = YAML.parse(read('deploy/monitoring/kubeward.rules.yml'));
  const cr = YAML.parse(read('deploy/monitor/prometheusrule.yaml'));
  expect(cr.kind).toBe('PrometheusRule');
  expect(cr.spec).toEqual(plain);
  const names = plain.groups[0].rules.map((r: { alert: string }) => r.alert);
  for (const a of [
    'KubewardNewCriticalFinding',
    'KubewardDriftOnProtectedObject',
    'KubewardMonitorDown',
    'KubewardMonitorStale',
    'KubewardRolloutFailed',
  ])
    expect(names).toContain(a);
});

test('every metric the dashboard and the alerts query is one kubeward exports', () => {
  const exported = new Set<string>();
  for (const f of ['src/core/report/metrics.ts', 'src/monitor/metrics.ts', 'src/serve/metrics.ts'])
    for (const m of read(f).matchAll(/['"](kubeward_[a-z_]+)['"]/g)) exported.add(m[1]);
  const queried = new Set<string>();
  const texts = [read('deploy/monitoring/grafana-dashboard.json'), read('deploy/monitoring/kubeward.rules.yml')];
  for (const t of texts) for (const m of t.matchAll(/\b(kubeward_[a-z_]+?)(?:_bucket)?\b/g)) queried.add(m[1]);
  const missing = [...queried].filter((q) => !exported.has(q));
  expect(missing).toEqual([]);
  expect(queried.size).toBeGreaterThan(8);
  const dash = JSON.parse(read('deploy/monitoring/grafana-dashboard.json'));
  expect(dash.panels.length).toBeGreaterThan(8);
});

test('the OpenReports CRD schema accepts the openreports flavour and keeps its source', () => {
  const crds = YAML.parseAllDocuments(read('deploy/monitor/crds/openreports.io_reports.yaml')).map((d) => d.toJS());
  const ajv = new Ajv({ strict: false });
  const reports = toPolicyReports(
    sampleReport({ objects: [{ ref: { apiVersion: 'v1', kind: 'Service', namespace: 'a', name: 's' } }] }),
    { flavor: 'openreports' },
  );
  expect(new Set(reports.map((r) => r.kind))).toEqual(new Set(['Report', 'ClusterReport']));
  for (const r of reports) {
    const crd = crds.find((c) => c.spec.names.kind === r.kind);
    expect(crd).toBeDefined();
    expect(`${crd.spec.group}/${crd.spec.versions[0].name}`).toBe(r.apiVersion);
    const schema = crd.spec.versions[0].schema.openAPIV3Schema;
    // a structural schema prunes unknown fields: every top-level field written must be declared
    for (const k of Object.keys(r)) expect(Object.keys(schema.properties)).toContain(k);
    const validate = ajv.compile(schema);
    expect(validate(r) ? [] : validate.errors).toEqual([]);
  }
});

test('the PolicyReport CRD schema accepts the policyreport format', () => {
  const crds = YAML.parseAllDocuments(read('deploy/monitor/crds/wgpolicyk8s.io_policyreports.yaml')).map((d) =>
    d.toJS(),
  );
  const ajv = new Ajv({ strict: false });
  for (const r of toPolicyReports(
    sampleReport({ objects: [{ ref: { apiVersion: 'v1', kind: 'Service', namespace: 'a', name: 's' } }] }),
  )) {
    const crd = crds.find((c) => c.spec.names.kind === r.kind);
    expect(crd).toBeDefined();
    const validate = ajv.compile(crd.spec.versions[0].schema.openAPIV3Schema);
    expect(validate(r) ? [] : validate.errors).toEqual([]);
  }
  // and refuses what the API server would refuse
  const crd = crds.find((c) => c.spec.names.kind === 'PolicyReport');
  const validate = ajv.compile(crd.spec.versions[0].schema.openAPIV3Schema);
  expect(validate({ results: [{ policy: 'x', result: 'maybe' }] })).toBe(false);
});
