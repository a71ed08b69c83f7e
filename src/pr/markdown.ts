/**
 * Markdown for a report: the job summary and the sticky PR comment (shared by the GitHub Action and
 * the CircleCI orb). Every piece of manifest-derived text is escaped; the whole stays under
 * `maxLength` by dropping rows and details with a note saying how many were left out.
 */
import { atLeast, isSeverity, SEVERITIES, type Finding, type Report, type Severity } from '../core/model.ts';
import type { Outcome } from '../core/outcome.ts';
import { getRule } from '../core/rules/index.ts';
import { catalogMarkdown, codeBlock, encodePath, escapeMarkdown, inlineCode } from './escape.ts';

export const SEVERITY_ICON: Record<Severity, string> = {
  critical: '🟣',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '🔵',
};

export interface MarkdownOptions {
  /** Prefix of links to files, e.g. https://github.com/o/r/blob/<sha>/ (file path and #L<line> are appended). */
  fileUrlPrefix?: string;
  /** Hard cap on the length of the result in characters. */
  maxLength: number;
  /** First line(s), e.g. a hidden marker. */
  header?: string;
  /** Heading text (default "kubeward"). */
  title?: string;
  /** Include the mermaid pie chart of findings by severity. */
  chart?: boolean;
  /** Extra notes shown under the counts (already escaped markdown). */
  notes?: string[];
  /** Footer line (already escaped markdown). */
  footer?: string;
  /** The run's verdict (core/outcome.ts): a run that could not look at everything says so first. */
  outcome?: Pick<Outcome, 'exitCode' | 'problems'>;
}

export function findingLocation(f: Finding): string {
  if (!f.location) return f.object ? `${f.object.kind}/${f.object.name}` : '';
  return `${f.location.file}:${f.location.line}`;
}

function locationCell(f: Finding, prefix?: string): string {
  const text = escapeMarkdown(findingLocation(f));
  if (!f.location || !prefix || f.location.file.startsWith('<')) return text;
  return `[${text}](${prefix}${encodePath(f.location.file)}#L${f.location.line})`;
}

function countsLine(report: Report): string {
  return SEVERITIES.filter((s) => report.counts[s] > 0)
    .map((s) => `${report.counts[s]} ${s}`)
    .join(', ');
}

export function headline(report: Report, outcome?: Pick<Outcome, 'exitCode' | 'problems'>): string {
  const n = report.findings.length;
  if (outcome && outcome.exitCode >= 2) {
    const what = outcome.exitCode === 3 ? 'verification incomplete' : 'scan incomplete';
    const why = outcome.problems.map((p) => escapeMarkdown(p.message)).join('; ');
    return `❌ ${what}${why ? `: ${why}` : ''}${n ? ` — ${n} finding${n === 1 ? '' : 's'} (${countsLine(report)})` : ''}`;
  }
  // input errors or checks that could not run: never "all clear", whoever renders the report
  if (n === 0 && (report.errors.length || report.notVerified.length)) {
    const parts = [
      report.errors.length ? `${report.errors.length} input error(s)` : '',
      report.notVerified.length ? `${report.notVerified.length} check(s) not verified` : '',
    ].filter(Boolean);
    return `❌ incomplete: no findings, but ${parts.join(' and ')}`;
  }
  if (n === 0) return 'all clear: no findings ✅';
  const failOn: string = report.failOn;
  if (!isSeverity(failOn))
    return `${n} finding${n === 1 ? '' : 's'} (${countsLine(report)}) — fail-on ${failOn}: never fails`;
  const failing = report.findings.some((f) => atLeast(f.severity, failOn));
  const verdict = failing ? `❌ fails at **${failOn}**` : `✅ passes at **${failOn}**`;
  return `${n} finding${n === 1 ? '' : 's'} (${countsLine(report)}) — ${verdict}`;
}

function countsTable(report: Report): string {
  const rows = SEVERITIES.map((s) => `| ${SEVERITY_ICON[s]} ${s} | ${report.counts[s]} |`);
  return ['| Severity | Findings |', '| --- | ---: |', ...rows].join('\n');
}

function chart(report: Report): string {
  const slices = SEVERITIES.filter((s) => report.counts[s] > 0).map((s) => `    "${s}" : ${report.counts[s]}`);
  if (slices.length === 0) return '';
  return ['```mermaid', 'pie showData title Findings by severity', ...slices, '```'].join('\n');
}

function findingRow(f: Finding, prefix?: string): string {
  const msg = escapeMarkdown(f.message) + (f.secretPreview ? ` (${inlineCode(f.secretPreview)})` : '');
  return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${locationCell(f, prefix)} | ${inlineCode(f.ruleId)} | ${msg} |`;
}

function ruleDetails(ruleId: string, findings: Finding[]): string {
  const meta = getRule(ruleId)?.meta;
  const title = escapeMarkdown(findings[0].title || meta?.title || ruleId);
  const parts = [
    `<details><summary><code>${escapeMarkdown(ruleId)}</code> ${title} (${findings.length})</summary>`,
    '',
  ];
  if (meta?.rationale) parts.push(`**Why:** ${catalogMarkdown(meta.rationale)}`, '');
  if (meta?.remediation) parts.push(`**Fix:** ${catalogMarkdown(meta.remediation)}`, '');
  if (meta?.example) parts.push(codeBlock('yaml', meta.example), '');
  const fixes = [...new Set(findings.map((f) => f.fix?.description).filter((d): d is string => !!d))];
  if (fixes.length > 0) parts.push(`Automatic fix: ${fixes.map(escapeMarkdown).join('; ')}`, '');
  parts.push('</details>');
  return parts.join('\n');
}

/** Renders the report; never longer than `opts.maxLength`. */
export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const note = (n: number, what: string) =>
    `\n\n> ⚠️ ${n} more ${what} not shown here (size limit): see the SARIF file or the annotations.`;
  const head: string[] = [];
  if (opts.header) head.push(opts.header);
  head.push(`### ${opts.title ?? 'kubeward'}: ${headline(report, opts.outcome)}`);
  for (const n of opts.notes ?? []) head.push(`> ${n}`);
  const extra: string[] = [];
  if (report.suppressed.length > 0) extra.push(`${report.suppressed.length} suppressed`);
  if (report.errors.length > 0) extra.push(`${report.errors.length} input error(s)`);
  head.push(
    `Scanned ${report.filesScanned} file(s), ${report.objectsScanned} object(s)${extra.length ? ` · ${extra.join(' · ')}` : ''}.`,
  );
  if (report.findings.length > 0) {
    head.push(countsTable(report));
    if (opts.chart) head.push(chart(report));
  }
  const footer = opts.footer ? `\n\n${opts.footer}` : '';
  let out = head.join('\n\n');
  const reserve = footer.length + 200;
  const budget = opts.maxLength - reserve;
  if (out.length > budget)
    return (out.slice(0, Math.max(0, budget)) + '\n\n> ⚠️ truncated' + footer).slice(0, opts.maxLength);

  if (report.findings.length > 0) {
    let table = '\n\n#### Findings\n\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |';
    let shown = 0;
    for (const f of report.findings) {
      const row = '\n' + findingRow(f, opts.fileUrlPrefix);
      if (out.length + table.length + row.length > budget) break;
      table += row;
      shown++;
    }
    out += table;
    if (shown < report.findings.length) return out + note(report.findings.length - shown, 'findings') + footer;

    const byRule = new Map<string, Finding[]>();
    for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    let details = '\n\n#### Rules\n';
    let rulesShown = 0;
    for (const [id, fs] of byRule) {
      const block = '\n' + ruleDetails(id, fs) + '\n';
      if (out.length + details.length + block.length > budget) break;
      details += block;
      rulesShown++;
    }
    if (rulesShown > 0) out += details;
    if (rulesShown < byRule.size) out += note(byRule.size - rulesShown, 'rule details');
  }
  if (report.errors.length > 0) {
    let errs = '\n\n#### Input errors\n';
    for (const e of report.errors) {
      const row = `\n- ${escapeMarkdown(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`)}`;
      if (out.length + errs.length + row.length > budget) break;
      errs += row;
    }
    out += errs;
  }
  return out + footer;
}
