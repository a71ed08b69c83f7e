/**
 * PolicyReport output: the report as `wgpolicyk8s.io/v1alpha2` PolicyReport (one per namespace)
 * and ClusterPolicyReport (cluster-scoped objects and findings without an object), or the same
 * results as OpenReports `openreports.io/v1alpha1` Report/ClusterReport. Fleet tools (Policy
 * Reporter, Kyverno's UI, OCM) aggregate these across clusters. Results carry the rule, severity,
 * the object and the finding's message and path, never a secret value (not even the redacted
 * preview).
 */
import YAML from 'yaml';
import { atLeast, compareSeverity, type Finding, type ObjectRef, type Report } from '../model.ts';
import { failOnOf } from './util.ts';

export type PolicyReportFlavor = 'wgpolicyk8s' | 'openreports';

export const POLICY_REPORT_API: Record<PolicyReportFlavor, { apiVersion: string; kind: string; clusterKind: string }> =
  {
    wgpolicyk8s: { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', clusterKind: 'ClusterPolicyReport' },
    openreports: { apiVersion: 'openreports.io/v1alpha1', kind: 'Report', clusterKind: 'ClusterReport' },
  };

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export interface PolicyReportOptions {
  flavor?: PolicyReportFlavor;
  /** metadata.name of every report. Default 'kubeward'. */
  name?: string;
  /** Extra labels on every report (e.g. the cluster name). */
  labels?: Record<string, string>;
  /** Seconds since the epoch stamped on each result; default now. */
  timestamp?: number;
  /** Most results per report, most severe first (a report is one etcd object: keep it small). Default 1000. */
  maxResults?: number;
}

export interface PolicyReportResult {
  source: string;
  policy: string;
  rule: string;
  category: string;
  severity: string;
  result: 'pass' | 'fail' | 'warn' | 'error' | 'skip';
  scored: boolean;
  message: string;
  timestamp: { seconds: number; nanos: number };
  resources?: { apiVersion: string; kind: string; name: string; namespace?: string }[];
  properties?: Record<string, string>;
}

export interface PolicyReportObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  source?: string;
  summary: { pass: number; fail: number; warn: number; error: number; skip: number };
  results: PolicyReportResult[];
}

const CLUSTER_SCOPED = '';

function resourceOf(ref: ObjectRef): { apiVersion: string; kind: string; name: string; namespace?: string } {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
  };
}

/** The reports for `report`: one per namespace with results, plus a cluster-scoped one when needed. */
export function toPolicyReports(report: Report, opts: PolicyReportOptions = {}): PolicyReportObject[] {
  const flavor = opts.flavor ?? 'wgpolicyk8s';
  const api = POLICY_REPORT_API[flavor];
  const seconds = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const max = opts.maxResults ?? 1000;
  const threshold = failOnOf(report);
  const groups = new Map<string, PolicyReportResult[]>();
  const add = (ns: string, r: PolicyReportResult) => {
    const g = groups.get(ns);
    if (g) g.push(r);
    else groups.set(ns, [r]);
  };
  const result = (f: Finding, outcome: PolicyReportResult['result'], extra: Record<string, string> = {}) => {
    const properties: Record<string, string> = {
      fingerprint: f.fingerprint,
      ...(f.path ? { path: f.path } : {}),
      ...(f.location ? { location: `${f.location.file}:${f.location.line}:${f.location.column}` } : {}),
      ...(f.object?.cluster ? { cluster: f.object.cluster } : {}),
      ...(f.origin ? { origin: f.origin } : {}),
      ...extra,
    };
    const r: PolicyReportResult = {
      source: 'kubeward',
      policy: f.ruleId,
      rule: f.ruleId,
      category: f.category,
      severity: f.severity,
      result: outcome,
      scored: true,
      message: f.message,
      timestamp: { seconds, nanos: 0 },
      ...(f.object ? { resources: [resourceOf(f.object)] } : {}),
      properties,
    };
    add(f.object?.namespace ?? CLUSTER_SCOPED, r);
  };
  for (const f of report.findings) {
    result(f, threshold !== 'none' && atLeast(f.severity, threshold) ? 'fail' : 'warn');
  }
  for (const f of report.suppressed) {
    result(f, 'skip', {
      suppressedBy: f.suppression?.kind ?? 'config',
      reason: f.suppression?.reason ?? '',
      ...(f.suppression?.expires ? { expires: f.suppression.expires } : {}),
    });
  }
  // objects without a finding pass: dashboards then show the share of compliant objects
  const withFinding = new Set(
    [...report.findings, ...report.suppressed].map(
      (f) => f.object && `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}`,
    ),
  );
  for (const o of report.objects ?? []) {
    if (withFinding.has(`${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`)) continue;
    add(o.ref.namespace ?? CLUSTER_SCOPED, {
      source: 'kubeward',
      policy: 'kubeward',
      rule: 'catalog',
      category: 'kubeward',
      severity: 'info',
      result: 'pass',
      scored: true,
      message: 'no findings',
      timestamp: { seconds, nanos: 0 },
      resources: [resourceOf(o.ref)],
    });
  }
  const order: Record<PolicyReportResult['result'], number> = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 };
  const out: PolicyReportObject[] = [];
  const namespaces = [...groups.keys()].sort((a, b) =>
    a === CLUSTER_SCOPED ? 1 : b === CLUSTER_SCOPED ? -1 : a.localeCompare(b),
  );
  for (const ns of namespaces) {
    const all = groups.get(ns)!;
    all.sort(
      (a, b) =>
        order[a.result] - order[b.result] ||
        compareSeverity(a.severity as Finding['severity'], b.severity as Finding['severity']) ||
        a.policy.localeCompare(b.policy),
    );
    const results = all.slice(0, max);
    const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const r of all) summary[r.result]++;
    const truncated = all.length - results.length;
    out.push({
      apiVersion: api.apiVersion,
      kind: ns === CLUSTER_SCOPED ? api.clusterKind : api.kind,
      metadata: {
        name: opts.name ?? 'kubeward',
        ...(ns === CLUSTER_SCOPED ? {} : { namespace: ns }),
        labels: { [MANAGED_BY_LABEL]: 'kubeward', ...opts.labels },
        ...(truncated ? { annotations: { 'kubeward.io/results-truncated': String(truncated) } } : {}),
      },
      ...(flavor === 'openreports' ? { source: 'kubeward' } : {}),
      summary,
      results,
    });
  }
  return out;
}

/** The reports as multi-document YAML, ready for `kubectl apply -f`. */
export function formatPolicyReport(report: Report, opts: PolicyReportOptions = {}): string {
  const docs = toPolicyReports(report, opts);
  if (!docs.length) return '';
  return docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n');
}
