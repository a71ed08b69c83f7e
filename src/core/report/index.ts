/**
 * Report formatters: formatReport(report, format, options) -> string.
 * Every format is produced from the same Report and never contains a secret value (findings
 * carry a redacted `secretPreview` only).
 */
import type { Report } from '../model.ts';
import { formatHtml } from './html.ts';
import { formatJson } from './json.ts';
import { formatJunit, type ScannedObject } from './junit.ts';
import { formatMarkdown } from './markdown.ts';
import { formatSarif } from './sarif.ts';
import { formatText } from './text.ts';
import { formatMetrics, type MetricsOptions } from './metrics.ts';
import { formatPolicyReport, type PolicyReportOptions } from './policyreport.ts';

export const REPORT_FORMATS = [
  'text',
  'json',
  'sarif',
  'junit',
  'markdown',
  'html',
  'policyreport',
  'metrics',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** The text of a scanned file (html: code excerpts and suggested lines); undefined when unknown. */
  readSource?: (file: string) => string | undefined;
  /** Colour the text format (ANSI). Default false. */
  color?: boolean;
  /** Link files in markdown to this URL prefix (e.g. https://github.com/o/r/blob/<sha>/). */
  fileUrlPrefix?: string;
  /** Cap on markdown length in characters (PR comments: 65,536; job summary: 1 MiB). */
  maxLength?: number;
  /** Markdown heading (default 'kubeward'). */
  title?: string;
  /** Scanned objects, so junit can list the ones that passed (default: `report.objects` if present). */
  objects?: readonly ScannedObject[];
  /** policyreport: flavor (wgpolicyk8s.io/v1alpha2 or openreports.io/v1alpha1), name, labels. */
  policyReport?: PolicyReportOptions;
  /** metrics: labels added to every series (source, environment, cluster ...). */
  metrics?: MetricsOptions;
}

export function isReportFormat(v: unknown): v is ReportFormat {
  return typeof v === 'string' && (REPORT_FORMATS as readonly string[]).includes(v);
}

export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, { color: options.color });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report, { objects: options.objects });
    case 'markdown':
      return formatMarkdown(report, {
        fileUrlPrefix: options.fileUrlPrefix,
        maxLength: options.maxLength,
        title: options.title,
      });
    case 'html':
      return formatHtml(report, {
        ...(options.fileUrlPrefix ? { fileUrlPrefix: options.fileUrlPrefix } : {}),
        ...(options.readSource ? { readSource: options.readSource } : {}),
      });
    case 'policyreport':
      return formatPolicyReport(report, options.policyReport);
    case 'metrics':
      return formatMetrics(report, options.metrics);
    default:
      throw new Error(`unknown report format ${String(format)}; use one of ${REPORT_FORMATS.join(', ')}`);
  }
}

export { escapeMarkdown, escapeHtmlText, inlineCode, md, type Markdown } from './markdown-escape.ts';
export { renderMarkdown, headline, type MarkdownOptions } from './markdown.ts';
export { toJsonReport, JSON_REPORT_VERSION, type JsonReport, type JsonFinding } from './json.ts';
export { toSarif, SECURITY_SEVERITY } from './sarif.ts';
export type { ScannedObject } from './junit.ts';
export { formatMetrics, findingSeries, escapeLabel, METRIC, type MetricsOptions } from './metrics.ts';
export {
  toPolicyReports,
  formatPolicyReport,
  POLICY_REPORT_API,
  type PolicyReportFlavor,
  type PolicyReportObject,
  type PolicyReportOptions,
} from './policyreport.ts';
