/**
 * Reads a JSON report (the `json` format, docs/report-schema.json) back into a Report, so a later
 * step (e.g. `kubeward comment` in CircleCI) can publish what an earlier step found.
 */
import { countBySeverity, isSeverity, type Finding, type Report, type Severity } from '../model.ts';
import { JSON_REPORT_VERSION, type JsonFinding, type JsonReport } from './json.ts';

export class ReportReadError extends Error {}

function toFinding(j: JsonFinding, i: number, where: string): Finding {
  if (!j || typeof j.ruleId !== 'string' || !isSeverity(j.severity)) {
    throw new ReportReadError(`${where}[${i}] is not a kubeward finding (ruleId and severity are required)`);
  }
  const f: Finding = {
    ruleId: j.ruleId,
    severity: j.severity,
    category: j.category ?? '',
    title: j.title ?? j.ruleId,
    message: j.message ?? '',
    path: j.path ?? '',
    fingerprint: j.fingerprint ?? '',
  };
  if (j.file && typeof j.line === 'number') {
    f.location = { file: j.file, line: j.line, column: j.column ?? 1 };
    if (typeof j.endLine === 'number') f.location.endLine = j.endLine;
    if (typeof j.endColumn === 'number') f.location.endColumn = j.endColumn;
  }
  if (j.object) {
    f.object = { apiVersion: j.object.apiVersion, kind: j.object.kind, name: j.object.name };
    if (j.object.namespace) f.object.namespace = j.object.namespace;
    if (j.object.cluster) f.object.cluster = j.object.cluster;
  }
  if (j.origin) f.origin = j.origin;
  if (j.secretPreview) f.secretPreview = j.secretPreview;
  if (j.suppression) f.suppression = j.suppression;
  if (j.details) f.details = j.details;
  return f;
}

export function reportFromJson(text: string): Report {
  let j: JsonReport;
  try {
    j = JSON.parse(text) as JsonReport;
  } catch (e) {
    throw new ReportReadError(`not JSON: ${(e as Error).message}`);
  }
  if (!j || typeof j !== 'object' || !Array.isArray(j.findings) || !j.summary) {
    throw new ReportReadError('not a kubeward JSON report (findings and summary are missing)');
  }
  if (j.version !== JSON_REPORT_VERSION) {
    throw new ReportReadError(
      `JSON report version ${String(j.version)} is not supported (expected ${JSON_REPORT_VERSION})`,
    );
  }
  const findings = j.findings.map((f, i) => toFinding(f, i, 'findings'));
  const failOn = j.summary.failOn;
  return {
    tool: { name: 'kubeward', version: j.tool?.version ?? '' },
    findings,
    suppressed: (j.suppressed ?? []).map((f, i) => toFinding(f, i, 'suppressed')),
    counts: countBySeverity(findings),
    filesScanned: j.summary.files ?? 0,
    objectsScanned: j.summary.objects ?? 0,
    skipped: j.skipped ?? [],
    errors: j.errors ?? [],
    notVerified: j.notVerified ?? [],
    failOn: (failOn === 'none' || isSeverity(failOn) ? failOn : 'high') as Severity,
    durationMs: j.summary.durationMs ?? 0,
  };
}
