/**
 * Prometheus metrics of the admission webhook (prom-client, one registry per server so tests and
 * embedders never share global state). Labels: operation, kind, namespace, rule, severity,
 * decision: never object names or content.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdmissionDecision } from '../core/admission/index.ts';

export interface AdmissionMetrics {
  registry: Registry;
  observe(d: AdmissionDecision, dryRun: boolean): void;
  /** A request that could not be answered in-protocol (bad input, too large, too slow, internal error). */
  rejected(reason: string): void;
  budgetExceeded: Counter;
  certReloads: Counter;
  inFlight: Gauge;
}

export function createAdmissionMetrics(opts: { defaultMetrics?: boolean } = {}): AdmissionMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'kubeward_webhook_' });
  const reviews = new Counter({
    name: 'kubeward_admission_reviews_total',
    help: 'Admission reviews answered, by operation, kind, decision (allowed, warned, denied, skipped) and dry run.',
    labelNames: ['operation', 'kind', 'decision', 'dry_run'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'kubeward_admission_review_duration_seconds',
    help: 'Time to judge one admission review (parse, rules, response).',
    labelNames: ['kind'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const findings = new Counter({
    name: 'kubeward_admission_findings_total',
    help: 'Findings on admitted or denied objects, by rule, severity, namespace and the mode that applied (deny, warn, audit).',
    labelNames: ['rule', 'severity', 'namespace', 'mode'],
    registers: [registry],
  });
  const incidents = new Counter({
    name: 'kubeward_incidents_total',
    help: 'Incidents: findings that denied a request (admission) or new findings at or above the threshold (monitor); dry runs excluded.',
    labelNames: ['rule', 'severity', 'namespace', 'source'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'kubeward_admission_errors_total',
    help: 'Requests answered with an HTTP error (bad input, too large, too slow, internal error), by reason.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const budgetExceeded = new Counter({
    name: 'kubeward_admission_budget_exceeded_total',
    help: 'Reviews that took longer than the per-request budget.',
    registers: [registry],
  });
  const certReloads = new Counter({
    name: 'kubeward_webhook_certificate_reloads_total',
    help: 'Times the serving certificate was reloaded from its files, by result.',
    labelNames: ['result'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'kubeward_admission_in_flight',
    help: 'Admission requests being read or judged.',
    registers: [registry],
  });
  return {
    registry,
    budgetExceeded,
    certReloads,
    inFlight,
    observe(d, dryRun) {
      const kind = d.object?.kind ?? d.request.kind.kind;
      reviews.inc({ operation: d.request.operation, kind, decision: d.decision, dry_run: String(dryRun) });
      duration.observe({ kind }, d.durationMs / 1000);
      const ns = d.object?.namespace ?? '';
      for (const f of d.findings) {
        findings.inc({ rule: f.ruleId, severity: f.severity, namespace: ns, mode: f.mode });
        if (f.mode === 'deny' && !dryRun && d.decision === 'denied') {
          incidents.inc({ rule: f.ruleId, severity: f.severity, namespace: ns, source: 'admission' });
        }
      }
    },
    rejected(reason) {
      errors.inc({ reason });
    },
  };
}
