/**
 * Report formatters. Contract (the reports owner fills it in):
 *   formatReport(report, format, options) -> string
 * Every format is produced from the same Report and never contains a secret value.
 */
import type { Report } from '../model.ts';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** Colour the text format (ANSI). Default false. */
  color?: boolean;
  /** Link files in markdown to this URL prefix (e.g. https://github.com/o/r/blob/<sha>/). */
  fileUrlPrefix?: string;
  /** Cap on markdown length in characters (PR comments: 65,536; job summary: 1 MiB). */
  maxLength?: number;
}

export function formatReport(report: Report, format: ReportFormat, _options: FormatOptions = {}): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  throw new Error(`format ${format} is not implemented yet`);
}
