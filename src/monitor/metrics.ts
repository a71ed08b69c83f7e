/**
 * Prometheus metrics of `kubeward monitor` (prom-client, one registry per monitor). The findings
 * gauge uses the same name and labels as the `metrics` report format and the Pushgateway push of
 * scan/verify, so one dashboard and one set of alerts read them all. Labels hold rule ids,
 * severities, namespaces, kinds, managers and the cluster name: never object content.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { METRIC, findingSeries } from '../core/report/metrics.ts';
import type { RoundResult } from '../core/monitor/index.ts';

export interface MonitorMetrics {
  registry: Registry;
  observe(r: RoundResult): void;
  roundFailed(cluster: string, reason: string): void;
}

export function createMonitorMetrics(opts: { defaultMetrics?: boolean } = {}): MonitorMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'kubeward_monitor_' });
  const r = [registry];
  const findings = new Gauge({
    name: METRIC.findings,
    help: 'Active findings of the last round by rule, severity, namespace and cluster.',
    labelNames: ['rule', 'severity', 'namespace', 'cluster', 'source'],
    registers: r,
  });
  const incidents = new Counter({
    name: 'kubeward_incidents_total',
    help: 'Incidents: new findings at or above the incident threshold (monitor) or denied requests (admission).',
    labelNames: ['rule', 'severity', 'namespace', 'source', 'cluster'],
    registers: r,
  });
  const newFindings = new Counter({
    name: 'kubeward_new_findings_total',
    help: 'Findings that appeared since the previous round, by rule and severity.',
    labelNames: ['rule', 'severity', 'cluster'],
    registers: r,
  });
  const resolved = new Counter({
    name: 'kubeward_resolved_findings_total',
    help: 'Findings that disappeared since the previous round, by rule and severity.',
    labelNames: ['rule', 'severity', 'cluster'],
    registers: r,
  });
  const drift = new Counter({
    name: 'kubeward_drift_events_total',
    help: 'Out-of-band spec edits by a field manager that is not a deployer, by kind, namespace, manager and whether the object is protected.',
    labelNames: ['kind', 'namespace', 'manager', 'protected', 'cluster'],
    registers: r,
  });
  const secretReaders = new Counter({
    name: 'kubeward_secret_readers_new_total',
    help: 'New identities that can read a Secret (secret-readers findings that appeared), by namespace.',
    labelNames: ['namespace', 'cluster'],
    registers: r,
  });
  const rollouts = new Counter({
    name: 'kubeward_rollout_failures_total',
    help: 'Rollouts that failed (new rollout-failed findings), by namespace.',
    labelNames: ['namespace', 'cluster'],
    registers: r,
  });
  const lastSuccess = new Gauge({
    name: 'kubeward_monitor_last_success_timestamp_seconds',
    help: 'When the last successful round finished, in seconds since the epoch.',
    labelNames: ['cluster'],
    registers: r,
  });
  const duration = new Gauge({
    name: 'kubeward_monitor_round_duration_seconds',
    help: 'Duration of the last round.',
    labelNames: ['cluster'],
    registers: r,
  });
  const rounds = new Counter({
    name: 'kubeward_monitor_rounds_total',
    help: 'Rounds run, by result (ok, error) and whether the evaluation was reused (nothing changed).',
    labelNames: ['cluster', 'result', 'reused'],
    registers: r,
  });
  const changes = new Counter({
    name: 'kubeward_monitor_watch_changes_total',
    help: 'Watch events applied to the inventory between rounds.',
    labelNames: ['cluster'],
    registers: r,
  });
  const watched = new Gauge({
    name: 'kubeward_objects_watched',
    help: 'Objects held in the watched inventory, by kind.',
    labelNames: ['kind', 'cluster'],
    registers: r,
  });
  const apiErrors = new Counter({
    name: 'kubeward_api_errors_total',
    help: 'Kubernetes API errors (failed lists and watches) by kind and HTTP status (or unreachable/timeout).',
    labelNames: ['kind', 'status', 'cluster'],
    registers: r,
  });
  const notVerified = new Gauge({
    name: METRIC.notVerified,
    help: 'Checks the last round could not make (missing permission).',
    labelNames: ['cluster'],
    registers: r,
  });
  return {
    registry,
    observe(res) {
      const cluster = res.cluster;
      findings.reset();
      for (const s of findingSeries(res.report.findings)) {
        findings.set({ ...s.labels, cluster: s.labels.cluster || cluster, source: 'monitor' }, s.value);
      }
      for (const sev of ['critical', 'high', 'medium', 'low', 'info']) {
        if (!res.report.findings.some((f) => f.severity === sev))
          findings.set({ rule: '', severity: sev, namespace: '', cluster, source: 'monitor' }, 0);
      }
      for (const f of res.incidents)
        incidents.inc({
          rule: f.ruleId,
          severity: f.severity,
          namespace: f.object?.namespace ?? '',
          source: 'monitor',
          cluster,
        });
      if (res.round > 1)
        for (const f of res.newFindings) newFindings.inc({ rule: f.ruleId, severity: f.severity, cluster });
      for (const f of res.resolvedFindings) resolved.inc({ rule: f.ruleId, severity: f.severity, cluster });
      for (const d of res.drift)
        drift.inc({
          kind: d.kind,
          namespace: d.namespace,
          manager: d.manager,
          protected: String(d.protected),
          cluster,
        });
      for (const f of res.newSecretReaders) secretReaders.inc({ namespace: f.object?.namespace ?? '', cluster });
      for (const f of res.failedRollouts) rollouts.inc({ namespace: f.object?.namespace ?? '', cluster });
      for (const e of res.apiErrors) apiErrors.inc({ kind: e.kind, status: e.status, cluster });
      // touch the counters once so their series exist (rate() over an absent series is empty)
      incidents.inc({ rule: '', severity: 'critical', namespace: '', source: 'monitor', cluster }, 0);
      drift.inc({ kind: '', namespace: '', manager: '', protected: 'true', cluster }, 0);
      rollouts.inc({ namespace: '', cluster }, 0);
      watched.reset();
      for (const [kind, n] of Object.entries(res.objectsWatched)) watched.set({ kind, cluster }, n);
      changes.inc({ cluster }, res.changes);
      notVerified.set({ cluster }, res.report.notVerified.length);
      duration.set({ cluster }, res.durationMs / 1000);
      lastSuccess.set({ cluster }, Math.floor(res.finishedAt / 1000));
      rounds.inc({ cluster, result: 'ok', reused: String(res.reused) });
    },
    roundFailed(cluster, reason) {
      rounds.inc({ cluster, result: 'error', reused: 'false' });
      apiErrors.inc({ kind: '*', status: reason, cluster });
    },
  };
}
