/**
 * Markdown for PR comments and job summaries. Everything that comes from the scanned files
 * (messages, names, paths) is untrusted: it is escaped so it cannot break the table, mention
 * people, inject links or HTML. Rule metadata (remediation, examples) is ours and rendered as is.
 */
import { SEVERITIES, type Finding, type Report } from '../model.ts';
import { getRule } from '../rules/index.ts';
import { escapeHtml, objectName, passed, plural } from './util.ts';

export interface MarkdownOptions {
  /** Link `file:line` to this prefix + file + `#L` + line. */
  fileUrlPrefix?: string;
  /** Maximum length in characters; the findings list is cut (with a note) to fit. */
  maxLength?: number;
  /** Heading text; default 'kubeward'. */
  title?: string;
}

const ICON: Record<string, string> = {
  critical: '🟣',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '⚪',
};

/** Escapes untrusted text for inline use (table cells, list items). */
export function escapeMarkdown(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r?\n|\r/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_{}[\]()#+!|~$]/g, (c) => `\\${c}`)
      // @mentions and #refs: a zero-width space stops GitHub from linking them
      .replace(/@/g, '@&#8203;')
      // bare URLs would be autolinked
      .replace(/:\/\//g, ':/&#8203;/')
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}&#8203;.`)
  );
}

function fileLink(f: Finding, prefix: string | undefined): string {
  if (!f.location) return f.object ? escapeMarkdown(objectName(f.object)) : '—';
  const label = escapeMarkdown(`${f.location.file}:${f.location.line}`);
  if (!prefix) return label;
  const url =
    prefix +
    f.location.file
      .replace(/\\/g, '/')
      .split('/')
      .map((s) => encodeURIComponent(s))
      .join('/') +
    `#L${f.location.line}`;
  // the URL is percent-encoded: no ')' or spaces can end the link early
  return `[${label}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

function row(f: Finding, prefix: string | undefined): string {
  let msg = escapeMarkdown(f.message);
  if (f.secretPreview) msg += ` (${escapeMarkdown(f.secretPreview)})`;
  if (f.object && f.location) msg += ` — ${escapeMarkdown(objectName(f.object))}`;
  return `| ${fileLink(f, prefix)} | \`${f.ruleId.replace(/`/g, '')}\` | ${ICON[f.severity]} ${f.severity} | ${msg} |`;
}

function ruleDetails(ruleId: string): string {
  const rule = getRule(ruleId);
  const id = ruleId.replace(/[^A-Za-z0-9._-]/g, '');
  if (!rule) return `<details><summary><code>${id}</code></summary>\n\nNo documentation for this rule.\n\n</details>`;
  const m = rule.meta;
  return [
    `<details><summary><code>${id}</code>: ${escapeHtml(m.title)}</summary>`,
    '',
    m.rationale,
    '',
    `**How to fix:** ${m.remediation}`,
    ...(m.example ? ['', '```yaml', m.example, '```'] : []),
    ...(m.references.length ? ['', m.references.map((r) => `- <${r}>`).join('\n')] : []),
    '',
    '</details>',
  ].join('\n');
}

export function formatMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const max = opts.maxLength ?? Infinity;
  const head: string[] = [];
  const ok = passed(report);
  head.push(`## ${escapeMarkdown(opts.title ?? 'kubeward')}: ${ok ? '✅ passed' : '❌ failed'}`);
  head.push('');
  head.push(
    `${plural(report.findings.length, 'finding')} in ${plural(report.filesScanned, 'file')} (${plural(report.objectsScanned, 'object')}); ` +
      `threshold: **${report.failOn}**` +
      (report.suppressed.length ? `; ${report.suppressed.length} suppressed` : '') +
      (report.skipped.length ? `; ${plural(report.skipped.length, 'document')} skipped` : '') +
      (report.errors.length ? `; **${plural(report.errors.length, 'error')}**` : '') +
      '.',
  );
  head.push('');
  head.push('| Severity | Count |', '|---|---:|');
  for (const s of SEVERITIES) head.push(`| ${ICON[s]} ${s} | ${report.counts[s]} |`);
  head.push('');

  const tail: string[] = [];
  if (report.errors.length) {
    tail.push('### Errors', '');
    for (const e of report.errors) {
      tail.push(
        `- ${escapeMarkdown([e.file, e.line].filter((x) => x !== undefined && x !== '').join(':'))}: ${escapeMarkdown(e.message)}`,
      );
    }
    tail.push('');
  }
  if (report.notVerified.length) {
    tail.push('### Not verified', '');
    for (const n of report.notVerified) tail.push(`- ${escapeMarkdown(n.check)}: ${escapeMarkdown(n.reason)}`);
    tail.push('');
  }
  if (report.suppressed.length) {
    tail.push(`<details><summary>${plural(report.suppressed.length, 'suppressed finding')}</summary>`, '');
    for (const f of report.suppressed) {
      const why = f.suppression ? ` — ${f.suppression.kind}: ${escapeMarkdown(f.suppression.reason)}` : '';
      tail.push(`- ${fileLink(f, opts.fileUrlPrefix)} \`${f.ruleId.replace(/`/g, '')}\`${why}`);
    }
    tail.push('', '</details>', '');
  }

  const findingsHeader = ['### Findings', '', '| Location | Rule | Severity | Message |', '|---|---|---|---|'];
  const rows = report.findings.map((f) => row(f, opts.fileUrlPrefix));
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))];
  const details = ruleIds.map(ruleDetails);

  const join = (parts: string[]) => parts.join('\n');
  const assemble = (nRows: number, nDetails: number, tailParts: string[]) => {
    const parts = [...head];
    if (rows.length) {
      parts.push(...findingsHeader, ...rows.slice(0, nRows));
      if (nRows < rows.length) {
        parts.push(
          '',
          `_… ${rows.length - nRows} more findings not shown (the report was cut to fit ${max} characters; see the full report)._`,
        );
      }
      parts.push('');
    }
    if (nDetails > 0) parts.push('### Rules', '', ...details.slice(0, nDetails).flatMap((d) => [d, '']));
    parts.push(...tailParts);
    return join(parts).replace(/\n+$/, '') + '\n';
  };

  let out = assemble(rows.length, details.length, tail);
  if (out.length <= max) return out;
  // Cut: drop the rule docs first, then findings rows, then the tail.
  let nDetails = details.length;
  while (nDetails > 0 && (out = assemble(rows.length, nDetails, tail)).length > max) nDetails--;
  if (out.length <= max) return out;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (assemble(mid, 0, tail).length <= max) lo = mid;
    else hi = mid - 1;
  }
  out = assemble(lo, 0, tail);
  if (out.length <= max) return out;
  out = assemble(lo, 0, []);
  if (out.length <= max) return out;
  const note = '\n\n_… cut to fit._\n';
  return out.slice(0, Math.max(0, max - note.length)) + note;
}
