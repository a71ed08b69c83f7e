/**
 * Prometheus text exposition format (version 0.0.4) of a report: findings by rule, severity,
 * namespace and cluster, plus run totals. The same series names are used by `kubeward monitor`'s
 * /metrics and by the Pushgateway push of `scan`/`verify`, so one dashboard reads them all.
 * Labels carry rule ids, severities, namespaces, kinds and cluster names only: never object
 * content, never a secret value.
 */
import { SEVERITIES, failsThreshold, type Report, type Severity } from '../model.ts';
import { failOnOf } from './util.ts';

export const METRIC = {
  findings: 'kubeward_findings',
  suppressed: 'kubeward_findings_suppressed',
  objects: 'kubeward_objects_scanned',
  files: 'kubeward_files_scanned',
  inputErrors: 'kubeward_input_errors',
  notVerified: 'kubeward_checks_not_verified',
  failed: 'kubeward_run_failed',
  duration: 'kubeward_run_duration_seconds',
  timestamp: 'kubeward_run_timestamp_seconds',
  info: 'kubeward_info',
} as const;

export interface MetricsOptions {
  /** Labels added to every series (e.g. `{ source: 'scan', environment: 'prod' }`). */
  labels?: Record<string, string>;
  /** Seconds since the epoch of the run; default now. */
  timestamp?: number;
}

/** Escapes a label value: backslash, double quote and line feed (the format's three escapes). */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => {
    if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new Error(`invalid Prometheus label name '${k}'`);
    return `${k}="${escapeLabel(v)}"`;
  });
  return parts.length ? `{${parts.join(',')}}` : '';
}

function num(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

/** Counts findings per (rule, severity, namespace, cluster). */
export function findingSeries(
  findings: Report['findings'],
): { labels: { rule: string; severity: Severity; namespace: string; cluster: string }; value: number }[] {
  const m = new Map<
    string,
    { labels: { rule: string; severity: Severity; namespace: string; cluster: string }; value: number }
  >();
  for (const f of findings) {
    const labels = {
      rule: f.ruleId,
      severity: f.severity,
      namespace: f.object?.namespace ?? '',
      cluster: f.object?.cluster ?? '',
    };
    const k = `${labels.rule}\0${labels.severity}\0${labels.namespace}\0${labels.cluster}`;
    const cur = m.get(k);
    if (cur) cur.value++;
    else m.set(k, { labels, value: 1 });
  }
  return [...m.values()].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.labels.severity) - SEVERITIES.indexOf(b.labels.severity) ||
      a.labels.rule.localeCompare(b.labels.rule) ||
      a.labels.namespace.localeCompare(b.labels.namespace) ||
      a.labels.cluster.localeCompare(b.labels.cluster),
  );
}

export function formatMetrics(report: Report, opts: MetricsOptions = {}): string {
  const base = opts.labels ?? {};
  const out: string[] = [];
  const family = (name: string, type: 'gauge' | 'counter', help: string) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  };
  const sample = (name: string, labels: Record<string, string>, value: number) => {
    out.push(`${name}${labelText({ ...base, ...labels })} ${num(value)}`);
  };

  family(METRIC.info, 'gauge', 'kubeward version that produced these series.');
  sample(METRIC.info, { version: report.tool.version }, 1);

  family(METRIC.findings, 'gauge', 'Active findings of the last run by rule, severity, namespace and cluster.');
  const series = findingSeries(report.findings);
  for (const s of series) sample(METRIC.findings, s.labels, s.value);
  // one zero per severity keeps a clean run visible (absent series are not zero in PromQL)
  for (const sev of SEVERITIES) {
    if (!series.some((s) => s.labels.severity === sev)) {
      sample(METRIC.findings, { rule: '', severity: sev, namespace: '', cluster: '' }, 0);
    }
  }
  family(METRIC.suppressed, 'gauge', 'Findings silenced by a suppression or exemption, by rule and severity.');
  const sup = new Map<string, { rule: string; severity: string; value: number }>();
  for (const f of report.suppressed) {
    const k = `${f.ruleId}\0${f.severity}`;
    const cur = sup.get(k);
    if (cur) cur.value++;
    else sup.set(k, { rule: f.ruleId, severity: f.severity, value: 1 });
  }
  for (const s of [...sup.values()].sort((a, b) => a.rule.localeCompare(b.rule)))
    sample(METRIC.suppressed, { rule: s.rule, severity: s.severity }, s.value);

  family(METRIC.objects, 'gauge', 'Objects checked by the last run.');
  sample(METRIC.objects, {}, report.objectsScanned);
  family(METRIC.files, 'gauge', 'Files read by the last run.');
  sample(METRIC.files, {}, report.filesScanned);
  family(METRIC.inputErrors, 'gauge', 'Input errors of the last run (unreadable files, failed rules).');
  sample(METRIC.inputErrors, {}, report.errors.length);
  family(METRIC.notVerified, 'gauge', 'Checks the last run could not make (missing permission, unreachable cluster).');
  sample(METRIC.notVerified, {}, report.notVerified.length);
  family(METRIC.failed, 'gauge', '1 when the last run had findings at or above its --fail-on threshold.');
  const t = failOnOf(report);
  sample(METRIC.failed, { fail_on: t }, t !== 'none' && failsThreshold(report, t) ? 1 : 0);
  family(METRIC.duration, 'gauge', 'Wall-clock duration of the last run.');
  sample(METRIC.duration, {}, report.durationMs / 1000);
  family(METRIC.timestamp, 'gauge', 'When the last run finished, in seconds since the epoch.');
  sample(METRIC.timestamp, {}, opts.timestamp ?? Math.round(Date.now() / 1000));
  return `${out.join('\n')}\n`;
}
