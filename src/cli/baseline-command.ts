/**
 * `kubeward baseline create [paths..] [-o FILE] [scan options]`: records the findings of a scan
 * (their fingerprints, which survive line moves) so that `kubeward scan --baseline FILE`, and the
 * action's and orb's `baseline` input, report only new ones.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBaseline } from '../core/selection.ts';
import { reportFromJson } from '../core/report/json-read.ts';
import { plural } from '../core/report/util.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';
import { runScan } from './scan-command.ts';
import { ensureDir } from '../core/dirs.ts';

export const DEFAULT_BASELINE = '.kubeward-baseline.json';

export const BASELINE_HELP = `Usage: kubeward baseline create [paths..] [-o FILE] [scan options]

Scans like 'kubeward scan' and records the findings in FILE (default ${DEFAULT_BASELINE}).
Commit it; then 'kubeward scan --baseline FILE' (or the action's and orb's 'baseline' input)
reports and fails on new findings only, and says how many known ones it hid. Findings are
matched by fingerprint (rule, object, field path), so moving lines does not make them new.
A scan with input errors writes no baseline.

Options:
  -o, --output FILE   where to write the baseline (default ${DEFAULT_BASELINE})
  (any 'kubeward scan' option that chooses what is scanned: -c, --profile, --include, --exclude,
   --kube-version, --rule, --skip-rule, --allow-empty)
  -h, --help          show this help
`;

export async function runBaseline(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    io.stdout(BASELINE_HELP);
    return EXIT.ok;
  }
  if (sub !== 'create')
    throw new UsageError(
      sub === undefined
        ? "give a subcommand: 'baseline create'"
        : `unknown subcommand '${sub}' (use 'baseline create')`,
      'baseline',
    );
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(BASELINE_HELP);
    return EXIT.ok;
  }
  // -o/--output is ours; everything else goes to the scan, whose JSON report we keep in memory
  let out = DEFAULT_BASELINE;
  const scanArgs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-o' || a === '--output') {
      if (rest[i + 1] === undefined) throw new UsageError(`${a} needs a file name`, 'baseline');
      out = rest[++i];
    } else if (a.startsWith('--output=')) out = a.slice('--output='.length);
    else if (
      a === '-f' ||
      a === '--format' ||
      a.startsWith('--format=') ||
      a === '--baseline' ||
      a === '--min-severity'
    )
      throw new UsageError(`${a.split('=')[0]} does not apply to 'baseline create'`, 'baseline');
    else scanArgs.push(a);
  }
  let json = '';
  const code = await runScan([...scanArgs, '--format', 'json', '--quiet'], {
    ...io,
    stdout: (t) => {
      json += t;
    },
  });
  if (code === EXIT.usage || json === '') {
    io.stderr(`kubeward baseline: the scan did not complete (exit 2): no baseline written\n`);
    return EXIT.usage;
  }
  const report = reportFromJson(json);
  const baseline = createBaseline(report);
  const dest = path.resolve(io.cwd, out);
  try {
    await ensureDir(path.dirname(dest));
    await writeFile(dest, JSON.stringify(baseline, null, 2) + '\n');
  } catch (e) {
    io.stderr(`kubeward: error: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.usage;
  }
  io.stderr(
    `kubeward baseline: recorded ${plural(baseline.findings.length, 'finding')} in ${out}; scan with --baseline ${out} to report only new ones\n`,
  );
  return EXIT.ok;
}
