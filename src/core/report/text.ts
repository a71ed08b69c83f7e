/** Human-readable text: findings grouped by file, severity-coloured when asked, then a summary. */
import { styleText } from 'node:util';
import { SEVERITIES, type Finding, type Report, type Severity } from '../model.ts';
import type { Outcome } from '../outcome.ts';
import { NO_FILE, countsText, environmentsOf, failOnOf, groupByFile, objectName, passed, plural } from './util.ts';
import { hiddenText } from '../selection.ts';
import { maxOf } from '../arrays.ts';

export interface TextOptions {
  color?: boolean;
  /**
   * The run's verdict (core/outcome.ts) when the caller knows more than the report (e.g. `kubeward
   * fix` left a file alone): an exit 2 or 3 is never printed as "Passed".
   */
  outcome?: Pick<Outcome, 'exitCode' | 'problems'>;
}

type Format = Parameters<typeof styleText>[0];
const STYLE: Record<Severity | 'dim' | 'bold' | 'underline' | 'green', Format> = {
  critical: ['bold', 'magenta'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
  dim: 'dim',
  bold: 'bold',
  underline: 'underline',
  green: 'green',
};

/** C0/C1 control characters (ESC included) other than newline. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Control characters from untrusted input (messages, file names) are shown, never interpreted. */
function clean(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === '\n' || ch === '\t') out += ' ';
    else if (isControl(code)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

export function formatText(report: Report, opts: TextOptions = {}): string {
  // the caller decided whether to colour (TTY, NO_COLOR, --no-color): styleText must not re-decide
  const paint = (style: keyof typeof STYLE, s: string) =>
    opts.color ? styleText(STYLE[style], s, { validateStream: false }) : s;
  const out: string[] = [];

  const groups = groupByFile(report.findings);
  const locWidth = maxOf(
    report.findings.map((f) => (f.location ? `${f.location.line}:${f.location.column}` : '-').length),
    0,
  );
  const sevWidth = maxOf(
    report.findings.map((f) => f.severity.length),
    0,
  );
  const ruleWidth = maxOf(
    report.findings.map((f) => f.ruleId.length),
    0,
  );

  const line = (f: Finding) => {
    const loc = (f.location ? `${f.location.line}:${f.location.column}` : '-').padEnd(locWidth);
    const sev = paint(f.severity, f.severity.toUpperCase().padEnd(sevWidth));
    const rule = paint('dim', f.ruleId.padEnd(ruleWidth));
    let msg = clean(f.message);
    if (f.secretPreview) msg += ` (${clean(f.secretPreview)})`;
    const obj = f.object ? paint('dim', `  [${clean(objectName(f.object))}]`) : '';
    const env = environmentsOf(f);
    return `  ${loc}  ${sev}  ${rule}  ${msg}${obj}${env ? paint('dim', `  (env: ${clean(env)})`) : ''}`;
  };

  for (const [file, findings] of groups) {
    out.push(paint('underline', file === NO_FILE ? 'Live objects / no file' : clean(file)));
    for (const f of findings) out.push(line(f));
    out.push('');
  }

  if (report.suppressed.length) {
    out.push(paint('dim', `Suppressed (${report.suppressed.length}):`));
    for (const f of report.suppressed) {
      const where = f.location ? `${clean(f.location.file)}:${f.location.line}` : clean(objectName(f.object));
      const why = f.suppression
        ? `${f.suppression.kind}: ${clean(f.suppression.reason)}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ''}`
        : '';
      out.push(paint('dim', `  ${where}  ${f.ruleId}  ${why}`));
    }
    out.push('');
  }

  if (report.skipped.length) {
    out.push(paint('dim', `Skipped documents (${report.skipped.length}):`));
    for (const s of report.skipped) out.push(paint('dim', `  ${clean(s.file)}:${s.line}  ${clean(s.reason)}`));
    out.push('');
  }

  if (report.errors.length) {
    out.push(paint('high', `Errors (${report.errors.length}):`));
    for (const e of report.errors) {
      const at = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter(
        (x) => x !== undefined && x !== '',
      );
      out.push(`  ${clean(at.join(':'))}${at.length ? '  ' : ''}${clean(e.message)}`);
    }
    out.push('');
  }

  if (report.notVerified.length) {
    out.push(paint('dim', `Not verified (${report.notVerified.length}):`));
    for (const n of report.notVerified) out.push(paint('dim', `  ${clean(n.check)}: ${clean(n.reason)}`));
    out.push('');
  }

  // summary
  const total = report.findings.length;
  const counts = SEVERITIES.filter((s) => report.counts[s] > 0).map((s) => paint(s, `${report.counts[s]} ${s}`));
  out.push(
    total === 0
      ? paint('green', 'No findings.')
      : `${paint('bold', plural(total, 'finding'))}: ${counts.length ? counts.join(', ') : countsText(report)}`,
  );
  out.push(
    [
      plural(report.filesScanned, 'file'),
      plural(report.objectsScanned, 'object'),
      plural(report.skipped.length, 'skipped document'),
      plural(report.errors.length, 'error'),
      `${report.suppressed.length} suppressed`,
      ...(hiddenText(report.hidden) ? [hiddenText(report.hidden)] : []),
    ].join(', '),
  );
  const problems = opts.outcome && opts.outcome.exitCode >= 2 ? opts.outcome.problems : [];
  out.push(
    report.errors.length
      ? paint('high', `Incomplete: ${plural(report.errors.length, 'input error')}, so the results are not complete.`)
      : report.notVerified.length
        ? paint(
            'high',
            `Incomplete: ${plural(report.notVerified.length, 'check')} not verified, so the results are not complete.`,
          )
        : problems.length
          ? paint('high', `Incomplete: ${problems.map((p) => clean(p.message)).join('; ')}.`)
          : report.objectsScanned === 0 && report.filesScanned >= 0 && report.notVerified.length === 0 && total === 0
            ? paint('high', 'Nothing checked: no Kubernetes objects were found.')
            : failOnOf(report) === 'none'
              ? `Passed: --fail-on none never fails.`
              : passed(report)
                ? paint('green', `Passed: nothing at or above ${report.failOn}.`)
                : paint('high', `Failed: findings at or above ${report.failOn}.`),
  );
  return out.join('\n') + '\n';
}
