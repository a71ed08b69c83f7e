/**
 * The JSON report: a stable, documented shape (docs/report-schema.json), not the internal Report.
 * Bump JSON_REPORT_VERSION when a field changes meaning or is removed.
 */
import type { Finding, HiddenCounts, Report, SeverityCounts, Severity, Suppression } from '../model.ts';
import { failOnOf, passed } from './util.ts';

export const JSON_REPORT_VERSION = 1;

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  category: string;
  title: string;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  object: { apiVersion: string; kind: string; namespace: string | null; name: string; cluster?: string } | null;
  path: string;
  fingerprint: string;
  origin?: 'manifest' | 'live' | 'admission';
  secretPreview?: string;
  suppression?: Suppression;
  fix?: { description: string };
  details?: Record<string, string>;
}

export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  summary: {
    counts: SeverityCounts;
    files: number;
    objects: number;
    skipped: number;
    errors: number;
    suppressed: number;
    failOn: Severity | 'none';
    passed: boolean;
    durationMs: number;
    /** Findings left out on purpose (baseline, only-new, --min-severity), by why. */
    hidden?: HiddenCounts;
  };
  findings: JsonFinding[];
  suppressed: JsonFinding[];
  skipped: Report['skipped'];
  errors: Report['errors'];
  notVerified: Report['notVerified'];
}

export function toJsonFinding(f: Finding): JsonFinding {
  const l = f.location;
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    title: f.title,
    message: f.message,
    file: l?.file ?? null,
    line: l?.line ?? null,
    column: l?.column ?? null,
    endLine: l?.endLine ?? null,
    endColumn: l?.endColumn ?? null,
    object: f.object
      ? {
          apiVersion: f.object.apiVersion,
          kind: f.object.kind,
          namespace: f.object.namespace ?? null,
          name: f.object.name,
          ...(f.object.cluster ? { cluster: f.object.cluster } : {}),
        }
      : null,
    path: f.path,
    fingerprint: f.fingerprint,
  };
  if (f.origin) out.origin = f.origin;
  if (f.secretPreview) out.secretPreview = f.secretPreview;
  if (f.suppression) out.suppression = { ...f.suppression };
  if (f.fix) out.fix = { description: f.fix.description };
  if (f.details && Object.keys(f.details).length) out.details = { ...f.details };
  return out;
}

export function toJsonReport(report: Report): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    summary: {
      counts: { ...report.counts },
      files: report.filesScanned,
      objects: report.objectsScanned,
      skipped: report.skipped.length,
      errors: report.errors.length,
      suppressed: report.suppressed.length,
      failOn: failOnOf(report),
      passed: passed(report),
      durationMs: report.durationMs,
      ...(report.hidden && Object.keys(report.hidden).length ? { hidden: { ...report.hidden } } : {}),
    },
    findings: report.findings.map(toJsonFinding),
    suppressed: report.suppressed.map(toJsonFinding),
    skipped: report.skipped.map((s) => ({ ...s })),
    errors: report.errors.map((e) => ({ ...e })),
    notVerified: report.notVerified.map((n) => ({ ...n })),
  };
}

export function formatJson(report: Report): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
