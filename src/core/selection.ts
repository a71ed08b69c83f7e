/**
 * Which findings a run reports, decided in one place for the CLI, the action and the orb:
 *
 * - `--rule` / `--skip-rule`: the rules whose findings count (they also decide the verdict);
 *   `rule-error` findings are never dropped (a rule that crashed is never silently skipped).
 * - a baseline (`kubeward baseline create`, `--baseline`, the action's and orb's `baseline`
 *   input): findings already known are hidden, so only new ones are reported and fail the run.
 *   Fingerprints (rule, object, field path) survive line moves.
 * - `only-new` (pull requests): findings on lines the PR does not change are hidden.
 * - `--min-severity`: a display filter; the verdict is decided before it, and findings that fail
 *   the run are always shown.
 *
 * Every hidden finding is counted in `report.hidden`, which every format states.
 */
import {
  atLeast,
  countBySeverity,
  isSeverity,
  type Finding,
  type HiddenCounts,
  type Report,
  type Severity,
} from './model.ts';
import { closest } from './config.ts';
import { editDistance } from './text.ts';

/** A baseline file: the fingerprints of the findings known when it was made. */
export interface Baseline {
  kubewardBaseline: 1;
  /** `kubeward <version>` that wrote it. */
  tool: string;
  created: string;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** For people reading the file: where it was and on what. */
  file?: string;
  object?: string;
}

/** An invalid baseline file. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The baseline of a report: its active findings, sorted by fingerprint so the file diffs well. */
export function createBaseline(report: Pick<Report, 'findings' | 'tool'>, now = new Date()): Baseline {
  const seen = new Set<string>();
  const findings: BaselineEntry[] = [];
  for (const f of report.findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const o = f.object;
    findings.push({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      ...(f.location ? { file: f.location.file } : {}),
      ...(o ? { object: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` } : {}),
    });
  }
  findings.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { kubewardBaseline: 1, tool: `kubeward ${report.tool.version}`, created: now.toISOString(), findings };
}

/** Parses a baseline file's text; throws BaselineError saying what is wrong. */
export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: not JSON (${(e as Error).message})`);
  }
  const b = data as Partial<Baseline>;
  if (typeof data !== 'object' || data === null || b.kubewardBaseline !== 1 || !Array.isArray(b.findings)) {
    throw new BaselineError(
      `${file}: not a kubeward baseline (expected {"kubewardBaseline": 1, "findings": [...]}, as 'kubeward baseline create' writes)`,
    );
  }
  b.findings.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || typeof e.fingerprint !== 'string' || e.fingerprint === '')
      throw new BaselineError(`${file}: findings[${i}] has no fingerprint`);
  });
  return b as Baseline;
}

function withHidden(report: Report, findings: Finding[], key: keyof HiddenCounts, n: number): Report {
  const hidden = { ...report.hidden };
  if (n > 0) hidden[key] = (hidden[key] ?? 0) + n;
  return {
    ...report,
    findings,
    counts: countBySeverity(findings),
    ...(Object.keys(hidden).length ? { hidden } : {}),
  };
}

/** Hides the findings a baseline knows. */
export function applyBaseline(report: Report, baseline: Pick<Baseline, 'findings'>): Report {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const keep = report.findings.filter((f) => !known.has(f.fingerprint));
  return withHidden(report, keep, 'baseline', report.findings.length - keep.length);
}

/** Hides the findings `isNew` rejects (the action's `only-new`: lines the PR does not change). */
export function onlyNew(report: Report, isNew: (f: Finding) => boolean): Report {
  const keep = report.findings.filter(isNew);
  return withHidden(report, keep, 'onlyNew', report.findings.length - keep.length);
}

/** Rules whose findings are never dropped by a rule selection. */
const ALWAYS_REPORTED = new Set(['rule-error']);

/** Keeps the findings of `rules` (when given) minus `skipRules`; counts follow. Not "hidden": not run. */
export function selectRules(report: Report, rules: readonly string[] = [], skipRules: readonly string[] = []): Report {
  if (rules.length === 0 && skipRules.length === 0) return report;
  const only = new Set(rules);
  const skip = new Set(skipRules);
  const keep = (f: Finding) =>
    ALWAYS_REPORTED.has(f.ruleId) || ((only.size === 0 || only.has(f.ruleId)) && !skip.has(f.ruleId));
  const findings = report.findings.filter(keep);
  return { ...report, findings, suppressed: report.suppressed.filter(keep), counts: countBySeverity(findings) };
}

/**
 * The display filter: hides findings below `min`, except those at or above the run's threshold
 * (a failing run always shows why it fails).
 */
export function minSeverity(report: Report, min: Severity): Report {
  const failOn = report.failOn;
  const keep = report.findings.filter(
    (f) => atLeast(f.severity, min) || (failOn !== 'none' && atLeast(f.severity, failOn)),
  );
  return withHidden(report, keep, 'belowMinSeverity', report.findings.length - keep.length);
}

/** Checks rule ids against the known ones: the message for the first unknown one, with "did you mean". */
export function unknownRule(ids: readonly string[], known: Iterable<string>): string | undefined {
  const all = [...known];
  const set = new Set(all);
  for (const id of ids) {
    if (set.has(id)) continue;
    const c = closest(id, all);
    const near = c && editDistance(id.toLowerCase(), c.toLowerCase()) <= Math.max(2, Math.ceil(id.length / 3));
    return `unknown rule '${id}'${near ? `; did you mean '${c}'?` : ''} ('kubeward rules' lists them)`;
  }
  return undefined;
}

/** Parses a severity name for a flag; undefined when it is not one. */
export function parseSeverity(v: string): Severity | undefined {
  const s = v.toLowerCase();
  return isSeverity(s) ? s : undefined;
}

/** `3 known in the baseline, 2 below --min-severity` — for every format's summary; '' when none. */
export function hiddenText(hidden: HiddenCounts | undefined): string {
  if (!hidden) return '';
  const parts: string[] = [];
  if (hidden.baseline) parts.push(`${hidden.baseline} known in the baseline`);
  if (hidden.onlyNew) parts.push(`${hidden.onlyNew} on lines the pull request does not change`);
  if (hidden.belowMinSeverity) parts.push(`${hidden.belowMinSeverity} below the minimum severity shown`);
  return parts.length ? `${parts.reduce((n, p) => n + Number(p.split(' ')[0]), 0)} hidden (${parts.join(', ')})` : '';
}
