/**
 * The verdict of a run, decided in one place for every adapter: the CLI's exit code, the action's
 * `passed` output and failed step, the orb's exit status. A run that could not look at what it
 * was given (input errors, nothing to scan, a cluster not verified) never passes, whatever the
 * findings; the adapters only phrase the reasons.
 */
import { atLeast, failsThreshold, type Report, type Severity } from './model.ts';

/** 0 clean, 1 findings at or above failOn, 2 input or configuration errors, 3 verification incomplete. */
export type ExitCode = 0 | 1 | 2 | 3;

/** Why a run gives no verdict on the findings. */
export interface RunProblem {
  code: 'input-errors' | 'no-objects' | 'cluster' | 'not-verified';
  /** One line, plain text (adapters escape it for their medium). */
  message: string;
}

export interface Outcome {
  exitCode: ExitCode;
  /** exitCode === 0. */
  passed: boolean;
  /** The reasons behind exit 2 or 3 (empty for 0 and 1). */
  problems: RunProblem[];
  /** Findings at or above failOn. */
  failing: number;
  failOn: Severity | 'none';
}

export interface ScanOutcomeOptions {
  /** Accept a scan that found no Kubernetes object (`--allow-empty`). Default false. */
  allowEmpty?: boolean;
  /** Default: the report's failOn. */
  failOn?: Severity | 'none';
  /** The paths given, for the "nothing found" message. */
  paths?: readonly string[];
}

/** `1 file`, `2 files`: no "1 files" in a message. */
function count(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

function failingCount(report: Pick<Report, 'findings'>, failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  let n = 0;
  for (const f of report.findings) if (atLeast(f.severity, failOn)) n++;
  return n;
}

/**
 * The verdict of a scan: exit 2 when the report has input errors or (without allowEmpty) holds no
 * Kubernetes object; else 1 when a finding is at or above failOn; else 0.
 */
export function scanOutcome(
  report: Pick<Report, 'findings' | 'errors' | 'objectsScanned' | 'filesScanned' | 'skipped' | 'failOn'>,
  opts: ScanOutcomeOptions = {},
): Outcome {
  const failOn = opts.failOn ?? report.failOn;
  const problems: RunProblem[] = [];
  if (report.errors.length) {
    // the first error is named, so the one line a CI log shows says what to fix
    const e = report.errors[0];
    const at = e.line ? `${e.file}:${e.line}` : e.file;
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
    problems.push({
      code: 'input-errors',
      message: `${count(report.errors.length, 'input error')}: the results are incomplete; ${at ? `${at}: ` : ''}${e.message}${more}`,
    });
  }
  if (report.objectsScanned === 0 && !opts.allowEmpty) {
    const where = opts.paths?.length ? ` in ${opts.paths.join(', ')}` : '';
    problems.push({
      code: 'no-objects',
      message: `no Kubernetes objects found${where} (${count(report.filesScanned, 'file')} read, ${count(report.skipped.length, 'document')} skipped)`,
    });
  }
  const failing = failingCount(report, failOn);
  const exitCode: ExitCode = problems.length ? 2 : failsThreshold(report, failOn) ? 1 : 0;
  return { exitCode, passed: exitCode === 0, problems, failing, failOn };
}

/**
 * The verdict of a verification: 3 when anything could not be verified (a cluster unreachable, a
 * kind whose list failed, a check without permission), as a scan with input errors exits 2 whatever
 * its findings: the findings are reported, but the run has not looked at everything. Else 1 for
 * findings at or above failOn, else 0. With failOn `none`, findings never fail.
 */
export function verifyOutcome(
  report: Pick<Report, 'findings' | 'notVerified' | 'failOn'>,
  opts: { failOn?: Severity | 'none' } = {},
): Outcome {
  const failOn = opts.failOn ?? report.failOn;
  const cluster = report.notVerified.filter((n) => n.check === 'cluster');
  const problems: RunProblem[] = cluster.length
    ? cluster.map((n) => ({ code: 'cluster' as const, message: n.reason }))
    : report.notVerified.map((n) => ({ code: 'not-verified' as const, message: `${n.check}: ${n.reason}` }));
  const failing = failingCount(report, failOn);
  const exitCode: ExitCode = report.notVerified.length ? 3 : failsThreshold(report, failOn) ? 1 : 0;
  return { exitCode, passed: exitCode === 0, problems, failing, failOn };
}
