/**
 * The one markdown renderer: the CLI's `-f markdown`, the GitHub job summary, the sticky PR comment
 * of the action and of the CircleCI orb all come from here, with the one escaper of
 * `markdown-escape.ts` (everything from the scanned input is untrusted). Two layouts:
 *
 * - `full` (CLI, job summary): verdict, counts, optional chart, a findings table, each rule's why
 *   and fix, input errors, what was not verified, suppressed findings.
 * - `comment` (sticky PR comment): fits one screen: verdict and counts on two lines, then the
 *   findings in the files the PR changes (the first few files open, the rest collapsed per file),
 *   then one line for the findings elsewhere with a link to the full report.
 *
 * Both stay under `maxLength` characters; what is cut is stated with how many findings were left out.
 */
import { atLeast, SEVERITIES, type Finding, type Report, type Severity } from '../model.ts';
import type { Outcome } from '../outcome.ts';
import { getRule } from '../rules/index.ts';
import {
  catalogMarkdown,
  codeBlock,
  encodePath,
  escapeHtmlText,
  escapeMarkdown,
  inlineCode,
  safeUrl,
  toMarkdown,
  type Markdown,
} from './markdown-escape.ts';
import { environmentsOf, failOnOf, objectName, plural } from './util.ts';
import { hiddenText } from '../selection.ts';

export const SEVERITY_ICON: Record<Severity, string> = {
  critical: '🟣',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '🔵',
};

/** Where each rule's documentation page lives (docs/rules/<id>.md in the repository). */
export const RULE_DOCS_URL = 'https://github.com/kubeward/kubeward/blob/main/docs/rules/';

export interface MarkdownOptions {
  /** Link `file:line` to this prefix + file + `#L` + line (e.g. https://github.com/o/r/blob/<sha>/). */
  fileUrlPrefix?: string;
  /** Hard cap on the length in characters; what is cut is stated. Default: no cap. */
  maxLength?: number;
  /** Heading text; default 'kubeward'. */
  title?: string;
  /** First line(s) before the heading, e.g. a hidden marker (trusted). */
  header?: string;
  /** Notes under the verdict: plain strings are escaped, `md` values are kept. */
  notes?: readonly (string | Markdown)[];
  /** Last line: kubeward's own markdown (a string is trusted as is). */
  footer?: string | Markdown;
  /** A mermaid pie chart of findings by severity (GitHub renders it). */
  chart?: boolean;
  /** `full` (default) or `comment` (one screen, for the sticky PR comment). */
  layout?: 'full' | 'comment';
  /** Files the pull request changes: their findings come first in the comment layout. */
  changedFiles?: readonly string[];
  /** Where the full report is (job summary, CI job), linked from the comment layout. */
  fullReportUrl?: string;
  /** The run's verdict (core/outcome.ts): a run that could not look at everything says so first. */
  outcome?: Pick<Outcome, 'exitCode' | 'problems'>;
  /** Prefix of rule documentation links (`<prefix><rule-id>.md`); default RULE_DOCS_URL, '' for none. */
  ruleDocsUrl?: string;
}

function trusted(v: string | Markdown): string {
  return typeof v === 'string' ? v : v.markdown;
}

/** Findings of the comment layout listed openly before the rest collapse. */
const OPEN_FILES = 2;
const OPEN_PER_FILE = 5;

function countsLine(report: Report): string {
  return SEVERITIES.filter((s) => report.counts[s] > 0)
    .map((s) => `${report.counts[s]} ${s}`)
    .join(', ');
}

/**
 * The verdict: `❌ fails at **high**: 3 findings (1 critical, 2 high)`. A run that could not look
 * at everything (the outcome's exit 2 or 3, input errors, checks not verified) never reads as
 * "all clear", whoever renders the report.
 */
export function headline(report: Report, outcome?: Pick<Outcome, 'exitCode' | 'problems'>): string {
  const n = report.findings.length;
  const findings = n === 0 ? 'no findings' : `${plural(n, 'finding')} (${countsLine(report)})`;
  if (outcome && outcome.exitCode >= 2) {
    const what = outcome.exitCode === 3 ? 'verification incomplete' : 'scan incomplete';
    const why = outcome.problems.map((p) => escapeMarkdown(p.message)).join('; ');
    return `❌ ${what}${why ? `: ${why}` : ''}; ${findings}`;
  }
  if (report.errors.length || report.notVerified.length) {
    const parts = [
      report.errors.length ? plural(report.errors.length, 'input error') : '',
      report.notVerified.length ? `${plural(report.notVerified.length, 'check')} not verified` : '',
    ].filter(Boolean);
    return `❌ incomplete: ${parts.join(' and ')}; ${findings}`;
  }
  const failOn = failOnOf(report);
  if (failOn === 'none') return `${n === 0 ? '✅ ' : ''}${findings} (fail-on none: never fails)`;
  if (n === 0) return 'all clear: no findings ✅';
  const failing = report.findings.some((f) => atLeast(f.severity, failOn));
  return `${failing ? `❌ fails at **${failOn}**` : `✅ passes at **${failOn}**`}: ${findings}`;
}

function scannedLine(report: Report): string {
  const extra: string[] = [];
  if (report.suppressed.length) extra.push(`${report.suppressed.length} suppressed`);
  if (report.skipped.length) extra.push(`${plural(report.skipped.length, 'document')} skipped`);
  if (report.errors.length) extra.push(`**${plural(report.errors.length, 'input error')}**`);
  if (report.notVerified.length) extra.push(`**${report.notVerified.length} not verified**`);
  const hidden = hiddenText(report.hidden);
  if (hidden) extra.push(hidden);
  return (
    `Scanned ${plural(report.filesScanned, 'file')} (${plural(report.objectsScanned, 'object')})` +
    (extra.length ? ` · ${extra.join(' · ')}` : '') +
    '.'
  );
}

function fileUrl(f: Finding, prefix: string | undefined): string | undefined {
  if (!f.location || !prefix || f.location.file.startsWith('<')) return undefined;
  const base = safeUrl(prefix);
  return base ? `${base}${encodePath(f.location.file)}#L${f.location.line}` : undefined;
}

function locationCell(f: Finding, prefix: string | undefined): string {
  if (!f.location) return f.object ? escapeMarkdown(objectName(f.object)) : '—';
  const label = escapeMarkdown(`${f.location.file.replace(/\\/g, '/')}:${f.location.line}`);
  const url = fileUrl(f, prefix);
  return url ? `[${label}](${url})` : label;
}

function ruleCell(id: string, docs: string): string {
  const code = inlineCode(id, true);
  return docs && getRule(id) ? `[${code}](${docs}${encodePath(id)}.md)` : code;
}

function messageText(f: Finding, inTable: boolean): string {
  let msg = escapeMarkdown(f.message);
  if (f.secretPreview) msg += ` (${inlineCode(f.secretPreview, inTable)})`;
  if (f.object && f.location) msg += ` — ${escapeMarkdown(objectName(f.object))}`;
  const env = environmentsOf(f);
  if (env) msg += ` (env: ${escapeMarkdown(env)})`;
  return msg;
}

function tableRow(f: Finding, o: Resolved): string {
  return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${locationCell(f, o.fileUrlPrefix)} | ${inlineCode(f.ruleId, true)} | ${messageText(f, true)} |`;
}

function countsTable(report: Report): string {
  return [
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${SEVERITY_ICON[s]} ${s} | ${report.counts[s]} |`),
  ].join('\n');
}

function countsInline(report: Report): string {
  return SEVERITIES.map((s) => `${SEVERITY_ICON[s]} ${report.counts[s]} ${s}`).join(' · ');
}

function chart(report: Report): string {
  const slices = SEVERITIES.filter((s) => report.counts[s] > 0).map((s) => `    "${s}" : ${report.counts[s]}`);
  if (slices.length === 0) return '';
  return ['```mermaid', 'pie showData title Findings by severity', ...slices, '```'].join('\n');
}

function ruleDetails(ruleId: string, findings: readonly Finding[], docs: string): string {
  const meta = getRule(ruleId)?.meta;
  const title = escapeHtmlText(meta?.title || findings[0].title || ruleId);
  const parts = [
    `<details><summary><code>${escapeHtmlText(ruleId)}</code> ${title} (${findings.length})</summary>`,
    '',
  ];
  if (meta?.rationale) parts.push(`**Why:** ${catalogMarkdown(meta.rationale)}`, '');
  if (meta?.remediation) parts.push(`**How to fix:** ${catalogMarkdown(meta.remediation)}`, '');
  if (meta?.example) parts.push(codeBlock('yaml', meta.example), '');
  const fixes = [...new Set(findings.map((f) => f.fix?.description).filter((d): d is string => !!d))];
  if (fixes.length > 0)
    parts.push(
      `**Automatic fix** (\`kubeward fix\`, or a suggestion on the PR): ${fixes.map(escapeMarkdown).join('; ')}`,
      '',
    );
  if (meta && docs) parts.push(`[Rule documentation](${docs}${encodePath(ruleId)}.md)`, '');
  if (!meta) parts.push('Not a built-in rule: no documentation.', '');
  parts.push('</details>');
  return parts.join('\n');
}

function errorLine(e: Report['errors'][number]): string {
  const at = [e.file, e.line].filter((x) => x !== undefined && x !== '').join(':');
  return `- ${at ? `${inlineCode(at)}: ` : ''}${escapeMarkdown(e.message)}`;
}

interface Resolved {
  fileUrlPrefix?: string;
  max: number;
  docs: string;
}

/** Appends blocks while they fit `budget`; returns how many were taken. */
function fill(blocks: readonly string[], used: number, budget: number): number {
  let n = 0;
  for (const b of blocks) {
    if (used + b.length > budget) break;
    used += b.length;
    n++;
  }
  return n;
}

export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const o: Resolved = {
    ...(opts.fileUrlPrefix ? { fileUrlPrefix: opts.fileUrlPrefix } : {}),
    max: opts.maxLength ?? Infinity,
    docs: opts.ruleDocsUrl === undefined ? RULE_DOCS_URL : safeUrl(opts.ruleDocsUrl),
  };
  const head: string[] = [];
  if (opts.header) head.push(opts.header);
  const level = opts.layout === 'comment' ? '###' : '##';
  head.push(`${level} ${escapeMarkdown(opts.title ?? 'kubeward')}: ${headline(report, opts.outcome)}`);
  for (const n of opts.notes ?? []) head.push(`> ${toMarkdown(n)}`);
  const footer = opts.footer ? `\n\n${trusted(opts.footer)}\n` : '\n';
  const out = opts.layout === 'comment' ? renderComment(report, opts, o, head) : renderFull(report, opts, o, head);
  return finish(out, footer, o.max);
}

/** Adds the footer; the final guard against the cap (whatever was built, never longer than max). */
function finish(body: string, footer: string, max: number): string {
  const text = body.replace(/\n+$/, '') + footer;
  if (text.length <= max) return text;
  const cut = `\n\n> ✂️ cut at ${max.toLocaleString('en-US')} characters.\n`;
  return body.slice(0, Math.max(0, max - cut.length)).replace(/\n[^\n]*$/, '') + cut;
}

function renderFull(report: Report, opts: MarkdownOptions, o: Resolved, head: string[]): string {
  head.push(scannedLine(report));
  if (report.findings.length > 0) {
    head.push(countsTable(report));
    if (opts.chart) head.push(chart(report));
  }
  let out = head.join('\n\n');
  const reserve = 600 + (opts.footer ? trusted(opts.footer).length : 0);
  const budget = o.max - reserve;

  // the tail (errors, not verified, suppressed) is kept when possible: it explains the verdict
  const tail: string[] = [];
  if (report.errors.length) {
    const lines = report.errors.slice(0, 200).map(errorLine);
    if (report.errors.length > 200) lines.push(`- … ${report.errors.length - 200} more`);
    tail.push(`\n\n### Input errors\n\n${lines.join('\n')}`);
  }
  if (report.notVerified.length) {
    tail.push(
      `\n\n### Not verified\n\n${report.notVerified.map((n) => `- ${escapeMarkdown(n.check)}: ${escapeMarkdown(n.reason)}`).join('\n')}`,
    );
  }
  if (report.suppressed.length) {
    const items = report.suppressed.slice(0, 500).map((f) => {
      const why = f.suppression
        ? ` — ${escapeMarkdown(f.suppression.kind)}: ${escapeMarkdown(f.suppression.reason)}${f.suppression.expires ? ` (until ${escapeMarkdown(f.suppression.expires)})` : ''}`
        : '';
      return `- ${locationCell(f, o.fileUrlPrefix)} ${inlineCode(f.ruleId)}${why}`;
    });
    if (report.suppressed.length > 500) items.push(`- … ${report.suppressed.length - 500} more`);
    tail.push(
      `\n\n<details><summary>${plural(report.suppressed.length, 'suppressed finding')}</summary>\n\n${items.join('\n')}\n\n</details>`,
    );
  }
  let tailText = tail.join('');
  if (out.length + tailText.length > budget) tailText = '';

  if (report.findings.length > 0) {
    const rows = report.findings.map((f) => '\n' + tableRow(f, o));
    const header = '\n\n### Findings\n\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |';
    const shown = fill(rows, out.length + header.length + tailText.length, budget);
    out += header + rows.slice(0, shown).join('');
    if (shown < rows.length) {
      out += `\n\n> ✂️ ${rows.length - shown} of ${plural(rows.length, 'finding')} are not in this table (cut to fit ${o.max.toLocaleString('en-US')} characters): the SARIF and JSON reports have them all.`;
    } else {
      const byRule = new Map<string, Finding[]>();
      for (const f of report.findings) {
        let g = byRule.get(f.ruleId);
        if (!g) byRule.set(f.ruleId, (g = []));
        g.push(f);
      }
      const blocks = [...byRule].map(([id, fs]) => '\n' + ruleDetails(id, fs, o.docs) + '\n');
      const taken = fill(blocks, out.length + 20 + tailText.length, budget);
      if (taken > 0) out += '\n\n### Rules\n' + blocks.slice(0, taken).join('');
      if (taken < blocks.length)
        out += `\n\n> ✂️ ${blocks.length - taken} of ${plural(blocks.length, 'rule')} not explained here (size limit): \`kubeward explain RULE\`.`;
    }
  }
  return out + tailText;
}

function fileLabel(file: string): string {
  return file.replace(/\\/g, '/');
}

function commentItem(f: Finding, o: Resolved): string {
  const loc = f.location ? `L${f.location.line}` : f.object ? objectName(f.object) : '—';
  const url = fileUrl(f, o.fileUrlPrefix);
  const where = url ? `[${escapeMarkdown(loc)}](${url})` : escapeMarkdown(loc);
  return `- ${SEVERITY_ICON[f.severity]} **${f.severity}** ${where} ${ruleCell(f.ruleId, o.docs)}: ${messageText(f, false)}`;
}

function renderComment(report: Report, opts: MarkdownOptions, o: Resolved, head: string[]): string {
  if (report.findings.length > 0) head.push(countsInline(report));
  head.push(scannedLine(report));
  let out = head.join('\n\n');
  const more = opts.fullReportUrl ? safeUrl(opts.fullReportUrl) : '';
  const fullLink = more ? `[the full report](${more})` : 'the job summary';

  if (report.errors.length) {
    const shown = report.errors.slice(0, 5).map(errorLine);
    if (report.errors.length > 5) shown.push(`- … ${report.errors.length - 5} more in ${fullLink}`);
    out += `\n\n**Input errors** (the run fails until they are fixed):\n\n${shown.join('\n')}`;
  }

  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const k = f.location ? fileLabel(f.location.file) : '';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(f);
  }
  const changed = opts.changedFiles ? new Set(opts.changedFiles.map(fileLabel)) : undefined;
  const inChanged = [...groups].filter(([file]) => !changed || (file !== '' && changed.has(file)));
  const elsewhere = changed ? [...groups].filter(([file]) => file === '' || !changed.has(file)) : [];
  const elsewhereCount = elsewhere.reduce((n, [, fs]) => n + fs.length, 0);

  const blocks: { text: string; count: number }[] = [];
  inChanged.forEach(([file, fs], i) => {
    const name = file === '' ? 'Live objects / no file' : file;
    const items = fs.map((f) => commentItem(f, o));
    if (i < OPEN_FILES) {
      let text = `\n\n**${escapeMarkdown(name)}** (${fs.length})\n\n${items.slice(0, OPEN_PER_FILE).join('\n')}`;
      if (items.length > OPEN_PER_FILE)
        text += `\n\n<details><summary>${items.length - OPEN_PER_FILE} more in this file</summary>\n\n${items.slice(OPEN_PER_FILE).join('\n')}\n\n</details>`;
      blocks.push({ text, count: fs.length });
    } else {
      blocks.push({
        text: `\n\n<details><summary>${escapeHtmlText(name)} (${plural(fs.length, 'finding')})</summary>\n\n${items.join('\n')}\n\n</details>`,
        count: fs.length,
      });
    }
  });

  if (report.findings.length > 0) {
    const title = changed
      ? inChanged.length
        ? `#### In the files this pull request changes`
        : `No finding is in a file this pull request changes.`
      : '#### Findings';
    out += `\n\n${title}`;
  }
  const elsewhereLine = elsewhereCount
    ? `\n\n**Elsewhere:** ${plural(elsewhereCount, 'finding')} in ${plural(elsewhere.length, 'other file')} this pull request does not change: see ${fullLink} and the SARIF results in code scanning.`
    : '';
  const reserve = 400 + elsewhereLine.length + (opts.footer ? trusted(opts.footer).length : 0);
  const budget = o.max - reserve;
  const taken = fill(
    blocks.map((b) => b.text),
    out.length,
    budget,
  );
  out += blocks
    .slice(0, taken)
    .map((b) => b.text)
    .join('');
  if (taken < blocks.length) {
    const left = blocks.slice(taken);
    const n = left.reduce((s, b) => s + b.count, 0);
    out += `\n\n> ✂️ cut to fit GitHub's ${o.max.toLocaleString('en-US')}-character limit: ${plural(n, 'more finding')} in ${plural(left.length, 'file')} not shown here; see ${fullLink}.`;
  }
  out += elsewhereLine;
  if (report.suppressed.length) out += `\n\n${report.suppressed.length} suppressed (listed in the full report).`;
  return out;
}

/** The CLI's markdown (`-f markdown`): the full layout. */
export function formatMarkdown(
  report: Report,
  opts: { fileUrlPrefix?: string; maxLength?: number; title?: string } = {},
): string {
  return renderMarkdown(report, { ...opts, layout: 'full' });
}
