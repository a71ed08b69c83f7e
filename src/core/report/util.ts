/** Helpers shared by the formatters: grouping, object names, locations. Pure functions, no I/O. */
import { SEVERITIES, failsThreshold, type Finding, type ObjectRef, type Report, type Severity } from '../model.ts';

/** `Deployment prod/web`, `ClusterRole admin`, `Pod <unnamed>`. */
export function objectName(ref: ObjectRef | undefined): string {
  if (!ref) return '';
  const name = ref.name === '' ? '<unnamed>' : ref.name;
  const ns = ref.namespace ? `${ref.namespace}/` : '';
  const cluster = ref.cluster ? `${ref.cluster}:` : '';
  return `${ref.kind} ${cluster}${ns}${name}`;
}

/**
 * The rendered environments a finding is in (a Helm environment, a Kustomize overlay): one name,
 * or the list when it is in every environment of its source; undefined for plain manifests.
 */
export function environmentsOf(f: { details?: Record<string, string> }): string | undefined {
  return f.details?.environment ?? f.details?.environments;
}

/** Key used to group findings that have no file (live objects): the object, else '(no location)'. */
export const NO_FILE = '(no file)';

/** The file a finding belongs to, or NO_FILE. */
export function fileOf(f: Finding): string {
  return f.location?.file ?? NO_FILE;
}

/** Groups findings by file, keeping first-seen order; NO_FILE last. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = fileOf(f);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(f);
  }
  const noFile = groups.get(NO_FILE);
  if (noFile) {
    groups.delete(NO_FILE);
    groups.set(NO_FILE, noFile);
  }
  return groups;
}

/**
 * The report's threshold; 'none' (--fail-on none: never fail) is carried in `failOn` by the CLI
 * until the model's type admits it.
 */
export function failOnOf(report: Report): Severity | 'none' {
  return (report.failOn as string) === 'none' ? 'none' : report.failOn;
}

/**
 * Does the report pass? Not when the run was incomplete (input errors, checks not verified: the
 * exit code is 2 or 3 whatever the findings, core/outcome.ts), else when nothing is at or above
 * its threshold.
 */
export function passed(report: Report): boolean {
  if (report.errors.length || report.notVerified.length) return false;
  const t = failOnOf(report);
  return t === 'none' || !failsThreshold(report, t);
}

/** `1 critical, 2 high` (only non-zero severities); 'none' when there are none. */
export function countsText(report: Report): string {
  const parts = SEVERITIES.filter((s) => report.counts[s] > 0).map((s) => `${report.counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** `file:line:col`, `file:line`, `file`, or ''. */
export function locationText(f: Finding): string {
  const l = f.location;
  if (!l) return '';
  return `${l.file}:${l.line}:${l.column}`;
}

/** Paths in reports always use forward slashes. */
export function slashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/** XML/HTML text and attribute escaping; also drops characters XML 1.0 cannot carry. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** HTML escaping (same as XML but with the HTML-safe apostrophe entity). */
export function escapeHtml(s: string): string {
  return escapeXml(s).replace(/&apos;/g, '&#39;');
}
