/**
 * `kubeward fix [paths..] [--rule ID] [--dry-run]`: writes the fixes the engine computes into the
 * manifests (comment- and format-preserving), never a file whose result cannot be proven (see
 * core/fixes/file.ts), then scans again and shows what is left. `--dry-run` prints a unified diff
 * and writes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { scan, type ScanOptions } from '../core/scan.ts';
import { scanOutcome, type Outcome } from '../core/outcome.ts';
import type { Finding, Report } from '../core/model.ts';
import { fixFileText } from '../core/fixes/file.ts';
import { formatText } from '../core/report/text.ts';
import { plural } from '../core/report/util.ts';
import { STDIN_FILE } from '../core/manifests/load.ts';
import { documentedRules } from '../core/docs.ts';
import { unknownRule } from '../core/selection.ts';
import { EXIT, UsageError, useColor, type CliIO } from './io.ts';

export const FIX_HELP = `Usage: kubeward fix [paths..] [options]

Writes the automatic fixes kubeward knows (e.g. allowPrivilegeEscalation: false, runAsNonRoot:
true) into the manifests, keeping comments, indentation and every line it does not change. A file
is only written when the result parses into the same objects with exactly the intended change;
otherwise it is left alone and named. Then scans again and shows what is left.

Helm charts and kustomize trees are rendered as 'kubeward scan' does: a fix traced to a values
file is written into that values file (under the traced key), one traced to a kustomize base into
the base resource; one traced to a template or a kustomize patch is listed with the file and line
where the change must be made by hand.

Options:
      --dry-run           print a unified diff of the changes; write nothing
      --rule ID           fix only this rule's findings (repeatable; comma lists too)
  -c, --config FILE       .kubeward.yaml to use (default: ./.kubeward.yaml if present)
      --profile NAME      config profile to apply
      --include GLOB      only files matching GLOB (repeatable)
      --exclude GLOB      skip files matching GLOB (repeatable)
      --no-color          no ANSI colours
  -q, --quiet             print only the diff (dry run) or the findings left
  -h, --help              show this help

Exit codes: 0 fixed (or nothing to fix) and nothing left at or above the threshold; 1 findings
left at or above it; 2 usage, configuration or input errors. --dry-run exits 0 unless an error
stops it.
`;

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MAX_PASSES = 5;

interface PassResult {
  fixable: Finding[];
  fixed: number;
  failed: number;
  /** Why fixes could not be applied: `file:line rule: reason`. */
  failures: string[];
  files: string[];
  rejected: string[];
}

/** Fixes what one scan found: each file's fixes applied and verified, then written (or diffed). */
async function fixPass(report: Report, rules: readonly string[], dryRun: boolean, io: CliIO): Promise<PassResult> {
  const fixable = report.findings.filter(
    (f) => f.fix && f.location && f.location.file !== STDIN_FILE && (rules.length === 0 || rules.includes(f.ruleId)),
  );
  const byFile = new Map<string, Finding[]>();
  for (const f of fixable) {
    const file = f.location!.file;
    let g = byFile.get(file);
    if (!g) byFile.set(file, (g = []));
    g.push(f);
  }
  const res: PassResult = { fixable, fixed: 0, failed: 0, failures: [], files: [], rejected: [] };
  for (const [file, findings] of byFile) {
    const full = path.resolve(io.cwd, file);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (e) {
      res.rejected.push(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const r = fixFileText(text, file, findings);
    res.failed += r.failed.length;
    for (const x of r.failed) {
      const f = x.target as Finding;
      res.failures.push(`${file}:${f.location?.line ?? '?'} ${f.ruleId ?? ''}: ${x.reason}`);
    }
    if (r.rejected) {
      res.rejected.push(`${file}: left alone: ${r.rejected}`);
      continue;
    }
    if (r.applied === 0 || r.text === text) continue;
    if (dryRun) {
      io.stdout(createTwoFilesPatch(`a/${file}`, `b/${file}`, text, r.text, '', '', { context: 3 }));
    } else {
      try {
        await writeFile(full, r.text);
      } catch (e) {
        res.rejected.push(`${file}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        continue;
      }
    }
    res.fixed += r.applied;
    res.files.push(file);
  }
  return res;
}

async function runScanCore(opts: ScanOptions): Promise<Report> {
  try {
    return await scan(opts);
  } catch (e) {
    const err = e as Error;
    if (err.name !== 'ConfigError') throw err;
    throw new UsageError(`configuration: ${err.message}`, 'fix', false);
  }
}

export async function runFix(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(FIX_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0)
    throw new UsageError('give at least one path to fix (a file, directory or glob)', 'fix');
  if (positionals.includes('-')) throw new UsageError('standard input cannot be fixed in place: give files', 'fix');
  const rules = (values.rule ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = unknownRule(
    rules,
    documentedRules().map((r) => r.meta.id),
  );
  if (bad) throw new UsageError(bad, 'fix');
  const say = (s: string) => {
    if (!values.quiet) io.stderr(s);
  };

  const opts: ScanOptions = {
    paths: positionals,
    cwd: io.cwd,
    env: io.env,
    ...(values.include ? { include: values.include } : {}),
    ...(values.exclude ? { exclude: values.exclude } : {}),
    ...(values.config ? { configFile: path.resolve(io.cwd, values.config) } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
  };
  let before = await runScanCore(opts);
  for (const e of before.errors)
    io.stderr(`kubeward: error: ${[e.file, e.line].filter((x) => x !== undefined).join(':')}: ${e.message}\n`);

  // one pass in a dry run; otherwise again while a pass fixed something (a fix can make another
  // rule's fix applicable, as eslint --fix does), at most MAX_PASSES times
  let fixed = 0;
  let failed = 0;
  let failures: string[] = [];
  let fixable: Finding[] = [];
  const touched = new Set<string>();
  const rejected: string[] = [];
  for (let pass = 0; pass < (values['dry-run'] ? 1 : MAX_PASSES); pass++) {
    if (pass > 0) before = await runScanCore(opts);
    const r = await fixPass(before, rules, Boolean(values['dry-run']), io);
    fixable = r.fixable;
    failed = r.failed;
    failures = r.failures;
    fixed += r.fixed;
    for (const f of r.files) touched.add(f);
    if (pass === 0 || r.fixed > 0) for (const x of r.rejected) if (!rejected.includes(x)) rejected.push(x);
    if (r.fixed === 0) break;
  }
  const files = touched.size;

  // findings traced into a chart template or a kustomize patch: the change belongs there, by hand
  const manual = before.findings.filter(
    (f) => f.details?.manualFix && !f.fix && (rules.length === 0 || rules.includes(f.ruleId)),
  );
  const noFix = before.findings.length - fixable.length - manual.length;
  for (const r of rejected) io.stderr(`kubeward fix: ${r}\n`);
  if (manual.length) {
    const MAX = 20;
    say(
      `kubeward fix: ${plural(manual.length, 'finding')} from Helm charts or kustomize overlays ${manual.length === 1 ? 'needs' : 'need'} a change kubeward cannot write (a template or patch, not a values file):\n`,
    );
    for (const f of manual.slice(0, MAX)) {
      const at = f.location ? `${f.location.file}:${f.location.line}` : (f.object?.name ?? '');
      say(`  ${f.ruleId} ${at}: ${f.details!.manualFix}\n`);
    }
    if (manual.length > MAX) say(`  ... and ${manual.length - MAX} more (see 'kubeward scan')\n`);
  }
  if (failed > 0) {
    say(`kubeward fix: ${plural(failed, 'fix', 'fixes')} could not be applied where they point (left as findings):\n`);
    for (const x of failures.slice(0, 20)) say(`  ${x}\n`);
    if (failures.length > 20) say(`  ... and ${failures.length - 20} more\n`);
  }
  if (values['dry-run']) {
    say(
      `kubeward fix: would fix ${plural(fixed, 'finding')} in ${plural(files, 'file')}; ` +
        `${plural(noFix, 'finding')} ${noFix === 1 ? 'has' : 'have'} no automatic fix${rules.length ? ' or another rule' : ''}. ` +
        `Nothing was written (--dry-run; one pass: a fix that makes another applicable shows on the next run).\n`,
    );
    return before.errors.length || rejected.length ? EXIT.usage : EXIT.ok;
  }
  say(`kubeward fix: fixed ${plural(fixed, 'finding')} in ${plural(files, 'file')}; scanning again\n`);
  const after = await runScanCore(opts);
  const color = useColor(io, Boolean(values['no-color']));
  // a file left alone is exit 2: the re-scan's verdict line must not read "Passed" above it
  const scanned = scanOutcome(after, { paths: positionals });
  const outcome: Outcome = rejected.length
    ? {
        ...scanned,
        exitCode: EXIT.usage,
        passed: false,
        problems: [
          ...scanned.problems,
          { code: 'input-errors', message: `${plural(rejected.length, 'file')} left alone (named above)` },
        ],
      }
    : scanned;
  io.stdout(formatText(after, { color, outcome }));
  return outcome.exitCode;
}
