/**
 * A scan's findings as lines of text, for checking that a speed or memory change leaves results
 * unchanged: rule, severity, fingerprint, location (start and end), path and a digest of the
 * message and details, sorted. test/perf/findings-unchanged.test.ts compares it with the files
 * in test/fixtures/findings-golden/ (regenerate them with KUBEWARD_UPDATE_GOLDEN=1 when a rule
 * change is meant to change findings, and say so in the commit).
 */
import { createHash } from 'node:crypto';
import type { Finding, Report } from '../../src/core/model.ts';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

export function findingLine(f: Finding, suppressed = false): string {
  const l = f.location;
  const at = l ? `${l.file}:${l.line}:${l.column}-${l.endLine ?? ''}:${l.endColumn ?? ''}` : '-';
  const details = f.details ? JSON.stringify(f.details) : '';
  return [
    suppressed ? 'suppressed' : 'finding',
    f.ruleId,
    f.severity,
    f.fingerprint,
    at,
    f.path || '-',
    digest(`${f.message}\0${details}\0${f.secretPreview ?? ''}\0${JSON.stringify(f.fix ?? null)}`),
  ].join(' ');
}

/** Findings and suppressed findings of a report, one line each, sorted. */
export function findingsDigest(report: Report): string {
  return [...report.findings.map((f) => findingLine(f)), ...report.suppressed.map((f) => findingLine(f, true))]
    .sort()
    .join('\n');
}
