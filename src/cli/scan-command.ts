/** `kubeward scan`: arguments -> scan() -> one or more reports -> exit code. */
import { globProblem } from '../core/glob.ts';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, styleText } from 'node:util';
import { scan, type ScanOptions } from '../core/scan.ts';
import { scanOutcome } from '../core/outcome.ts';
import { atLeast, failsThreshold, isSeverity, SEVERITIES, type Report, type Severity } from '../core/model.ts';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../core/report/index.ts';
import { reportChunks } from '../core/report/stream.ts';
import { EXIT, UsageError, useColor, type CliIO } from './io.ts';
import { SCAN_HELP } from './help.ts';
import { PUSH_OPTIONS, pushReportIfAsked } from './pushgateway.ts';
import { readSelection, SELECTION_OPTIONS } from './selection-flags.ts';
import type { SourcesConfig } from '../core/sources/index.ts';
import { ensureDir } from '../core/dirs.ts';

const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  'kube-version': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  policies: { type: 'string', multiple: true },
  'allow-empty': { type: 'boolean' },
  ...PUSH_OPTIONS,
  values: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  environment: { type: 'string', multiple: true },
  release: { type: 'string' },
  namespace: { type: 'string' },
  'include-tests': { type: 'boolean' },
  overlay: { type: 'string', multiple: true },
  image: { type: 'string', multiple: true },
  'no-render': { type: 'boolean' },
  'file-url-prefix': { type: 'string' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  // set by `npm run scan`: with no path, scan the bundled examples/ as a demo
  demo: { type: 'boolean' },
  ...SELECTION_OPTIONS,
} as const;

export interface OutputTarget {
  format: ReportFormat;
  /** undefined: stdout. */
  file?: string;
}

const EXTENSION_FORMAT: Record<string, ReportFormat> = {
  '.txt': 'text',
  '.json': 'json',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.md': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.prom': 'metrics',
};

function formatFromFile(file: string): ReportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.sarif.json')) return 'sarif';
  return EXTENSION_FORMAT[path.extname(lower)];
}

/** Pairs the n-th --output with the n-th --format (the order of the flags on the command line). */
export function pairOutputs(formats: string[], outputs: string[]): OutputTarget[] {
  for (const f of formats) {
    if (!isReportFormat(f))
      throw new UsageError(`unknown --format '${f}' (use one of ${REPORT_FORMATS.join(', ')})`, 'scan');
  }
  const targets: OutputTarget[] = [];
  const n = Math.max(formats.length, outputs.length);
  for (let i = 0; i < n; i++) {
    const file = outputs[i];
    let format = formats[i] as ReportFormat | undefined;
    if (!format) {
      format = formatFromFile(file);
      if (!format) {
        throw new UsageError(
          `--output ${file} has no matching --format and its extension does not name one; add --format`,
          'scan',
        );
      }
    }
    targets.push(file === undefined || file === '-' ? { format } : { format, file });
  }
  if (targets.length === 0) targets.push({ format: 'text' });
  const toStdout = targets.filter((t) => !t.file);
  if (toStdout.length > 1) {
    throw new UsageError(
      `${toStdout.length} formats would go to stdout (${toStdout.map((t) => t.format).join(', ')}); give each but one an --output FILE`,
      'scan',
    );
  }
  return targets;
}

function parseFailOn(v: string | undefined): Severity | 'none' | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (s === 'none' || isSeverity(s)) return s;
  throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, not '${v}'`, 'scan');
}

function parseKubeVersion(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim());
  if (!m) throw new UsageError(`--kube-version must look like 1.34, not '${v}'`, 'scan');
  return `${m[1]}.${m[2]}`;
}

/** NAME=VALUE flags (--environment, --overlay, --image) as pairs. */
function namedPairs(flag: string, list: readonly string[] | undefined): [string, string][] {
  return (list ?? []).map((s) => {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new UsageError(`--${flag} must look like NAME=VALUE, not '${s}'`, 'scan');
    return [s.slice(0, i), s.slice(i + 1)];
  });
}

/** The sources flags as a SourcesConfig (undefined when none was given). */
export function sourcesFromFlags(values: {
  values?: string[];
  set?: string[];
  environment?: string[];
  release?: string;
  namespace?: string;
  'include-tests'?: boolean;
  overlay?: string[];
  image?: string[];
  'no-render'?: boolean;
}): SourcesConfig | undefined {
  for (const s of values.set ?? []) {
    if (!/^[^=]+=/.test(s)) throw new UsageError(`--set must look like KEY=VALUE, not '${s}'`, 'scan');
  }
  const envs = namedPairs('environment', values.environment);
  const overlays = namedPairs('overlay', values.overlay);
  const images = namedPairs('image', values.image);
  const out: SourcesConfig = {
    ...(values.values ? { values: values.values } : {}),
    ...(values.set ? { set: values.set } : {}),
    ...(envs.length
      ? { environments: Object.fromEntries(envs.map(([n, f]) => [n, { values: f.split(',').filter(Boolean) }])) }
      : {}),
    ...(values.release ? { release: values.release } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(values['include-tests'] ? { includeTests: true } : {}),
    ...(overlays.length ? { overlays: Object.fromEntries(overlays) } : {}),
    ...(images.length ? { images: Object.fromEntries(images) } : {}),
    ...(values['no-render'] ? { render: false } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

/** Where the bundled examples live: ../../examples from src/cli/ (and from lib/cli/ in the npm package). */
function examplesDir(io: CliIO): string {
  return io.env.KUBEWARD_EXAMPLES_DIR
    ? path.resolve(io.cwd, io.env.KUBEWARD_EXAMPLES_DIR)
    : fileURLToPath(new URL('../../examples/', import.meta.url));
}

function errorLine(e: Report['errors'][number]): string {
  const at = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined && x !== '');
  return `kubeward: error: ${at.length ? `${at.join(':')}: ` : ''}${e.message}\n`;
}

export async function runScan(argv: string[], io: CliIO): Promise<number> {
  const { values, tokens, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  if (values.help) {
    io.stdout(SCAN_HELP);
    return EXIT.ok;
  }
  // formats and outputs in command-line order (parseArgs keeps each list in order already)
  const formats = tokens
    .filter((t) => t.kind === 'option' && t.name === 'format')
    .map((t) => String((t as { value?: string }).value));
  const outputs = tokens
    .filter((t) => t.kind === 'option' && t.name === 'output')
    .map((t) => String((t as { value?: string }).value));
  const targets = pairOutputs(formats, outputs);
  const failOn = parseFailOn(values['fail-on']);
  const kubeVersion = parseKubeVersion(values['kube-version']);
  const note = (s: string) => {
    if (!values.quiet) io.stderr(s);
  };

  for (const flag of ['include', 'exclude'] as const) {
    for (const g of values[flag] ?? []) {
      const bad = globProblem(g);
      if (bad) throw new UsageError(`--${flag}: ${bad}`, 'scan');
    }
  }
  const base: ScanOptions = {
    paths: [],
    cwd: io.cwd,
    readStdin: io.readStdin,
    ...(values.include ? { include: values.include } : {}),
    ...(values.exclude ? { exclude: values.exclude } : {}),
    ...(values.policies ? { policyPaths: values.policies } : {}),
    ...(failOn && failOn !== 'none' ? { failOn } : {}),
    ...(values.config ? { configFile: path.resolve(io.cwd, values.config) } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(kubeVersion ? { kubeVersion } : {}),
    env: io.env,
  };
  const sources = sourcesFromFlags(values);
  if (sources) base.sources = sources;
  if (values.config) {
    try {
      await stat(base.configFile as string);
    } catch {
      throw new UsageError(`config file not found: ${values.config}`, 'scan');
    }
  }

  if (positionals.length === 0) {
    if (values.demo) return runDemo(base, targets, failOn, values, io);
    throw new UsageError("give at least one path to scan (a file, directory, glob, or '-' for stdin)", 'scan');
  }
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError("'-' (stdin) can be given once", 'scan');
  for (const p of positionals) {
    if (p === '-' || isGlob(p)) continue;
    try {
      await stat(path.resolve(io.cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `path not found: ${p}` : `cannot read ${p}: ${code ?? (e as Error).message}`,
        'scan',
      );
    }
  }

  const selection = await readSelection(values, io, 'scan');
  const report = selection.verdict(await runCore({ ...base, paths: positionals }, failOn));
  for (const e of report.errors) io.stderr(errorLine(e));
  const written = await writeReports(selection.display(report), targets, values, io);
  const pushError = await pushReportIfAsked(report, values, 'scan', io.env);
  if (pushError) io.stderr(`kubeward: error: ${pushError} (the scan's result is unchanged)\n`);
  if (written !== EXIT.ok) return written;

  const outcome = scanOutcome(report, {
    allowEmpty: Boolean(values['allow-empty']),
    failOn: failOn ?? report.failOn,
    paths: positionals,
  });
  for (const p of outcome.problems) {
    if (p.code === 'no-objects') io.stderr(`kubeward: ${p.message}; pass --allow-empty to accept an empty scan\n`);
    else note(`kubeward: ${p.message} (exit 2)\n`);
  }
  return outcome.exitCode;
}

async function runCore(opts: ScanOptions, failOn: Severity | 'none' | undefined): Promise<Report> {
  let report: Report;
  try {
    report = await scan(opts);
  } catch (e) {
    // scan() throws only for what stops the whole run: configuration errors (ConfigError, one
    // `file:line:col: message` per line); anything else is a bug, reported with its stack
    const err = e as Error;
    if (err.name !== 'ConfigError') throw err;
    throw new UsageError(
      err.message
        .split('\n')
        .map((l, i) => (i === 0 ? `configuration: ${l}` : `kubeward: error: configuration: ${l}`))
        .join('\n'),
      'scan',
      false,
    );
  }
  if (failOn === 'none') report = { ...report, failOn: 'none' as Severity };
  return report;
}

/** Reads a scanned file for the HTML report's excerpts (regular files under 2 MiB only). */
function sourceReader(cwd: string): (file: string) => string | undefined {
  return (file) => {
    try {
      const full = path.resolve(cwd, file);
      const st = statSync(full);
      if (!st.isFile() || st.size > 2 * 1024 * 1024) return undefined;
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

async function writeReports(
  report: Report,
  targets: OutputTarget[],
  values: { 'no-color'?: boolean; 'file-url-prefix'?: string; quiet?: boolean },
  io: CliIO,
): Promise<number> {
  for (const t of targets) {
    const color = !t.file && t.format === 'text' && useColor(io, Boolean(values['no-color']));
    // in pieces: a JSON or SARIF report of millions of findings does not fit in one string
    const chunks = () =>
      reportChunks(report, t.format, {
        color,
        ...(t.format === 'html' ? { readSource: sourceReader(io.cwd) } : {}),
        ...(values['file-url-prefix'] ? { fileUrlPrefix: values['file-url-prefix'] } : {}),
      });
    if (!t.file) {
      for (const c of chunks()) io.stdout(c);
      continue;
    }
    const dest = path.resolve(io.cwd, t.file);
    try {
      await ensureDir(path.dirname(dest));
      await writeFile(dest, chunks());
    } catch (e) {
      io.stderr(
        `kubeward: error: cannot write ${t.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      return EXIT.usage;
    }
    if (!values.quiet) io.stderr(`kubeward: wrote ${t.format} report to ${t.file}\n`);
  }
  return EXIT.ok;
}

/** `npm run scan` with no path: scan each bundled examples/ directory and always exit 0. */
async function runDemo(
  base: ScanOptions,
  targets: OutputTarget[],
  failOn: Severity | 'none' | undefined,
  values: { 'no-color'?: boolean; 'file-url-prefix'?: string; quiet?: boolean },
  io: CliIO,
): Promise<number> {
  if (targets.some((t) => t.file))
    throw new UsageError('the demo prints to stdout; give a path to write report files', 'scan');
  const dir = examplesDir(io);
  let subdirs: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    subdirs = entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    if (subdirs.length === 0) subdirs = ['.'];
  } catch {
    throw new UsageError(`demo: the bundled examples directory is missing (${dir}); give a path to scan`, 'scan');
  }
  const rel = (p: string) => path.relative(io.cwd, p).split(path.sep).join('/') || '.';
  const color = useColor(io, Boolean(values['no-color']));
  const bold = (s: string) =>
    color && targets[0].format === 'text' ? styleText('bold', s, { validateStream: false }) : s;
  if (!values.quiet) {
    io.stderr(
      `kubeward demo: no path given, scanning the bundled examples in ${rel(dir)}/ (npm run scan -- PATH scans yours)\n\n`,
    );
  }
  const failing: string[] = [];
  for (const sub of subdirs) {
    const target = rel(path.join(dir, sub));
    const report = await runCore({ ...base, paths: [target] }, failOn);
    if (targets[0].format === 'text') io.stdout(bold(`=== ${target} ===`) + '\n');
    for (const e of report.errors) io.stderr(errorLine(e));
    await writeReports(report, targets, values, io);
    if (targets[0].format === 'text') io.stdout('\n');
    const threshold = report.failOn;
    if (failOn !== 'none' && threshold !== 'none' && failsThreshold(report, threshold)) {
      const n = report.findings.filter((f) => atLeast(f.severity, threshold)).length;
      failing.push(`${target} (${n} at or above ${threshold})`);
    }
  }
  if (!values.quiet) {
    io.stderr(
      `kubeward demo: this run exits 0 so that 'npm run scan' succeeds. A real scan (kubeward scan PATH) exits 1 when ` +
        `findings are at or above --fail-on` +
        (failing.length ? `, as ${failing.join(' and ')} would.\n` : '.\n'),
    );
  }
  return EXIT.ok;
}
