/**
 * `kubeward verify`: arguments -> verify() -> reports -> exit code.
 *   0 verified, nothing at or above --fail-on; 1 findings at or above it (a failed rollout is
 *   critical); 2 usage or configuration errors; 3 cluster unreachable or verification incomplete.
 * Never calls process.exit; never prints kubeconfig content or secret values.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSeverity, SEVERITIES, type Report, type Severity } from '../core/model.ts';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../core/report/index.ts';
import { reportChunks } from '../core/report/stream.ts';
import { parseDuration, verify, verifyExitCode, VerifyUsageError, type VerifyOptions } from '../core/verify.ts';
import { DEFAULT_DEPLOYERS } from '../core/rules/live.ts';
import { limitYoungGeneration } from '../core/heap.ts';
import { loadRunConfig } from '../core/scan.ts';
import { registerRules } from '../core/rules/index.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';
import { PUSH_OPTIONS, pushReportIfAsked, type PushFlags } from './pushgateway.ts';
import { readSelection, SELECTION_OPTIONS, type SelectionValues } from './selection-flags.ts';
import { unknownOptionText } from './suggest.ts';
import { plural } from '../core/report/util.ts';
import { ensureDir } from '../core/dirs.ts';

export const VERIFY_HELP = `Usage: kubeward verify [options]

Verify the live cluster after a deploy: wait for the rollouts of --manifests (failing fast on
crashing or refused pods), run the rule catalog on the live objects and admitted pods, and the
live-only checks (drift, injected containers, running image digests, Pod Security Admission,
Warning events, and with --check-secrets unused and over-readable Secrets). The cluster's own
admission policies (ValidatingAdmissionPolicies + bindings + params, Kyverno ValidatingPolicies,
Pod Security labels) and --policies judge the live objects.

Connection:
  --kubeconfig FILE        kubeconfig file (repeatable; default: $KUBECONFIG, ~/.kube/config,
                           in-cluster service account). KUBEWARD_KUBECONFIG may hold the content.
  --context NAME           context to verify (repeatable; default: the current context)
  --all-contexts           verify every context of the kubeconfig
  -n, --namespace NS       namespace to verify (repeatable; default: the manifests' namespaces,
                           else all namespaces)
What was deployed:
  -m, --manifests PATHS    files, directories or globs of what was just deployed (repeatable)
  --timeout DURATION       bound on the whole run, rollout wait included: 90s, 5m, 1m30s
                           (default 5m)
  --expect-image NAME=DIGEST
                           expected digest of an image (repository) or container (repeatable)
  --check-secrets          also run secret-unused and secret-readers (needs list secrets)
  --policies PATH          admission policies (ValidatingAdmissionPolicy + bindings, Kyverno
                           ValidatingPolicy, their params) that judge the live objects besides
                           the cluster's own (repeatable)
  --deployer MANAGER       a field manager that deploys (repeatable; added to kubectl, helm,
                           argocd, flux, ...): writes by any other manager after it are out-of-band
Configuration (as scan reads it):
  -c, --config FILE        .kubeward.yaml: rules, severities, exemptions, custom rules, policies,
                           fail-on (default: .kubeward.yaml in the working directory, if any)
  --profile NAME           a profile of the configuration
Which findings:
  --rule ID                report only this rule (repeatable, or comma-separated)
  --skip-rule ID           do not report this rule (repeatable)
  --baseline FILE          hide findings recorded in this baseline ('kubeward baseline create')
  --min-severity SEVERITY  display only findings at or above SEVERITY (those at or above
                           --fail-on are always shown); the exit code is unchanged
Output:
  --fail-on SEVERITY       ${SEVERITIES.join(', ')} or none (default: the configuration's, else high)
  -f, --format FORMAT      ${REPORT_FORMATS.join(', ')} (repeatable, paired with --output)
  -o, --output FILE        where the matching --format goes (default stdout)
  --pushgateway URL        also push the results as metrics to a Prometheus Pushgateway
  --pushgateway-job NAME   job label (default kubeward-verify)
  --pushgateway-label K=V  extra grouping label (repeatable)
  -q, --quiet              no progress notes on stderr
  --stats                  print the requests made to each cluster and the time of each phase
                           on stderr
Tuning:
  --page-size N            items per LIST page (limit/continue), 1-5000 (default 500)
  -h, --help

Exit codes: 0 verified and clean, 1 findings at or above --fail-on, 2 usage or configuration
error, 3 cluster unreachable or verification incomplete (see "not verified" in the report).
`;

const OPTIONS = {
  kubeconfig: { type: 'string', multiple: true },
  context: { type: 'string', multiple: true },
  'all-contexts': { type: 'boolean' },
  namespace: { type: 'string', short: 'n', multiple: true },
  manifests: { type: 'string', short: 'm', multiple: true },
  timeout: { type: 'string' },
  'expect-image': { type: 'string', multiple: true },
  'check-secrets': { type: 'boolean' },
  policies: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  ...PUSH_OPTIONS,
  ...SELECTION_OPTIONS,
  deployer: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  stats: { type: 'boolean' },
  'page-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The dispatcher passes a CliIO; a stream-based io (`{ stdout: Writable, ... }`) works too. */
type StreamIO = {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd?: string;
};

function normalizeIO(io: CliIO | StreamIO): {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
} {
  const w = (s: unknown) =>
    typeof s === 'function'
      ? (t: string) => void (s as (t: string) => void)(t)
      : (t: string) => void (s as NodeJS.WritableStream).write(t);
  return {
    out: w(io.stdout),
    err: w(io.stderr),
    env: io.env as NodeJS.ProcessEnv,
    cwd: ('cwd' in io && io.cwd) || process.cwd(),
  };
}

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface ParsedVerifyArgs {
  options: VerifyOptions;
  targets: { format: ReportFormat; file?: string }[];
  failOn: Severity | 'none';
  quiet: boolean;
  stats: boolean;
  help: boolean;
  push?: PushFlags;
  /** --rule, --skip-rule, --baseline, --min-severity (read by readSelection, as scan does). */
  selection?: SelectionValues;
  /** --config (resolved) and --profile; --fail-on given explicitly (else the configuration's). */
  configFile?: string;
  profile?: string;
  failOnGiven?: boolean;
}

export function parseVerifyArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): ParsedVerifyArgs {
  const { values, tokens, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  const empty: VerifyOptions = {};
  if (values.help) return { options: empty, targets: [], failOn: 'high', quiet: false, stats: false, help: true };
  if (positionals.length) {
    throw new UsageError(`unexpected argument '${positionals[0]}' (manifests go after --manifests)`, 'verify');
  }
  const failOnRaw = (values['fail-on'] ?? 'high').toLowerCase();
  if (failOnRaw !== 'none' && !isSeverity(failOnRaw)) {
    throw new UsageError(
      `--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, not '${values['fail-on']}'`,
      'verify',
    );
  }
  const failOn = failOnRaw as Severity | 'none';
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = parseDuration(values.timeout);
    if (timeoutMs === undefined)
      throw new UsageError(`--timeout must be a duration like 90s, 5m or 1m30s, not '${values.timeout}'`, 'verify');
  }
  let pageSize: number | undefined;
  if (values['page-size'] !== undefined) {
    pageSize = Number(values['page-size']);
    if (!/^\d+$/.test(values['page-size']) || pageSize < 1 || pageSize > 5000)
      throw new UsageError(`--page-size must be a whole number from 1 to 5000, not '${values['page-size']}'`, 'verify');
  }
  const expectImages: Record<string, string> = {};
  for (const e of values['expect-image'] ?? []) {
    const i = e.lastIndexOf('=');
    const name = e.slice(0, i).trim();
    const digest = e.slice(i + 1).trim();
    if (i <= 0 || !/^(sha256:)?[a-f0-9]{64}$/.test(digest)) {
      throw new UsageError(`--expect-image must be NAME=sha256:<64 hex>, not '${e}'`, 'verify');
    }
    expectImages[name] = digest;
  }
  if (values['all-contexts'] && values.context?.length) {
    throw new UsageError('--context and --all-contexts cannot be combined', 'verify');
  }
  // formats and outputs in command-line order
  const formats = tokens
    .filter((t) => t.kind === 'option' && t.name === 'format')
    .map((t) => String((t as { value?: string }).value));
  const outputs = tokens
    .filter((t) => t.kind === 'option' && t.name === 'output')
    .map((t) => String((t as { value?: string }).value));
  for (const f of formats) {
    if (!isReportFormat(f))
      throw new UsageError(`unknown --format '${f}' (use one of ${REPORT_FORMATS.join(', ')})`, 'verify');
  }
  if (outputs.length > formats.length) throw new UsageError('each --output needs a --format before it', 'verify');
  const targets = formats.map((f, i) => ({
    format: f as ReportFormat,
    ...(outputs[i] && outputs[i] !== '-' ? { file: path.resolve(cwd, outputs[i]) } : {}),
  }));
  if (!targets.length) targets.push({ format: 'text' });
  if (targets.filter((t) => !t.file).length > 1)
    throw new UsageError('only one --format may go to stdout; give the others an --output FILE', 'verify');

  const kubeconfigs = (values.kubeconfig ?? [])
    .flatMap((k) => k.split(path.delimiter))
    .filter(Boolean)
    .map((k) => path.resolve(cwd, k));
  const options: VerifyOptions = {
    env,
    cwd,
    ...(kubeconfigs.length ? { kubeconfig: kubeconfigs } : {}),
    ...(!kubeconfigs.length && env.KUBEWARD_KUBECONFIG ? { kubeconfigContent: env.KUBEWARD_KUBECONFIG } : {}),
    ...(values.context?.length ? { contexts: list(values.context) } : {}),
    ...(values['all-contexts'] ? { allContexts: true } : {}),
    ...(values.namespace?.length ? { namespaces: list(values.namespace) } : {}),
    ...(values.manifests?.length ? { manifests: list(values.manifests) } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(Object.keys(expectImages).length ? { expectImages } : {}),
    ...(values['check-secrets'] ? { secrets: true } : {}),
    ...(values.policies?.length ? { policyPaths: list(values.policies) } : {}),
    ...(values.deployer?.length ? { deployers: [...new Set([...DEFAULT_DEPLOYERS, ...list(values.deployer)])] } : {}),
    failOn,
  };
  const push: PushFlags = {
    ...(values.pushgateway ? { pushgateway: values.pushgateway } : {}),
    ...(values['pushgateway-job'] ? { 'pushgateway-job': values['pushgateway-job'] } : {}),
    ...(values['pushgateway-label'] ? { 'pushgateway-label': values['pushgateway-label'] } : {}),
  };
  const selection: SelectionValues = {
    ...(values.rule ? { rule: values.rule } : {}),
    ...(values['skip-rule'] ? { 'skip-rule': values['skip-rule'] } : {}),
    ...(values['min-severity'] !== undefined ? { 'min-severity': values['min-severity'] } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
  };
  return {
    options,
    targets,
    failOn,
    quiet: Boolean(values.quiet),
    stats: Boolean(values.stats),
    help: false,
    push,
    selection,
    ...(values.config ? { configFile: path.resolve(cwd, values.config) } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    failOnGiven: values['fail-on'] !== undefined,
  };
}

/**
 * The configuration scan and monitor read (.kubeward.yaml, --config, --profile) applied to
 * verify: rule settings and severities, exemptions and suppressions, custom CEL rules, the
 * `policies:` paths and fail-on. Throws ConfigError.
 */
async function withConfiguration(parsed: ParsedVerifyArgs, cwd: string): Promise<ParsedVerifyArgs> {
  const run = await loadRunConfig({
    cwd,
    paths: [],
    ...(parsed.configFile ? { configFile: parsed.configFile } : {}),
    ...(parsed.profile ? { profile: parsed.profile } : {}),
  });
  registerRules(run.config.customRules);
  const failOn = parsed.failOnGiven ? parsed.failOn : run.failOn;
  const policyPaths = [...run.config.policies, ...(parsed.options.policyPaths ?? [])];
  return {
    ...parsed,
    failOn,
    options: {
      ...parsed.options,
      ...run.engine,
      rules: run.rules,
      failOn,
      ...(policyPaths.length ? { policyPaths } : {}),
    },
  };
}

export async function runVerify(argv: string[], io: CliIO | StreamIO): Promise<number> {
  limitYoungGeneration();
  const { out, err, env, cwd } = normalizeIO(io);
  let parsed: ParsedVerifyArgs;
  let selection: Awaited<ReturnType<typeof readSelection>>;
  try {
    parsed = parseVerifyArgs(argv, env, cwd);
    if (!parsed.help) parsed = await withConfiguration(parsed, cwd);
    selection = await readSelection(parsed.selection ?? {}, { cwd }, 'verify');
  } catch (e) {
    if ((e as Error).name === 'ConfigError') {
      err(`kubeward verify: configuration: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    const code = (e as { code?: string }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      const hint = e instanceof UsageError && !e.showUsage ? '' : "Run 'kubeward verify --help' for usage.\n";
      const message =
        code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
          ? unknownOptionText((e as Error).message, VERIFY_HELP)
          : (e as Error).message;
      err(`kubeward verify: ${message}\n${hint}`);
      return EXIT.usage;
    }
    throw e;
  }
  if (parsed.help) {
    out(VERIFY_HELP);
    return EXIT.ok;
  }
  let report: Report;
  const phases: string[] = [];
  const stats = parsed.stats
    ? {
        onTiming: (phase: string, ms: number) => void phases.push(`${phase} ${ms} ms`),
        onRequests: (context: string, s: { requests: number; retries: number }) =>
          err(`kubeward verify: stats: context ${context}: ${s.requests} requests, ${s.retries} retries\n`),
      }
    : {};
  try {
    // the rule selection and the baseline decide the verdict; --min-severity only what is shown
    report = selection.verdict(await verify({ ...parsed.options, ...stats }));
    if (parsed.stats) err(`kubeward verify: stats: phases: ${phases.join(', ')}; total ${report.durationMs} ms\n`);
  } catch (e) {
    if (e instanceof VerifyUsageError) {
      err(`kubeward verify: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const shown = selection.display(report);
  for (const t of parsed.targets) {
    // in pieces: a JSON or SARIF report of millions of findings does not fit in one string
    if (!t.file) for (const c of reportChunks(shown, t.format)) out(c);
    else {
      try {
        await ensureDir(path.dirname(t.file));
        await writeFile(t.file, reportChunks(shown, t.format));
      } catch (e) {
        err(`kubeward verify: cannot write ${t.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        return EXIT.usage;
      }
    }
  }
  const pushError = await pushReportIfAsked(report, parsed.push ?? {}, 'verify', env);
  if (pushError) err(`kubeward verify: ${pushError} (the verification's result is unchanged)\n`);
  const note = (s: string) => {
    if (!parsed.quiet) err(s);
  };
  for (const n of report.notVerified) note(`kubeward verify: not verified: ${n.check}: ${n.reason}\n`);
  const code =
    parsed.failOn === 'none'
      ? report.notVerified.length
        ? EXIT.verify
        : EXIT.ok
      : verifyExitCode(report, parsed.failOn);
  if (code === EXIT.verify) {
    const unreachable = report.notVerified.some((n) => n.check === 'cluster');
    err(
      unreachable
        ? 'kubeward verify: the cluster could not be verified (exit 3): ' +
            report.notVerified
              .filter((n) => n.check === 'cluster')
              .map((n) => n.reason)
              .join('; ') +
            '\n'
        : `kubeward verify: verification incomplete (exit 3): ${plural(report.notVerified.length, 'check')} could not run\n`,
    );
  }
  return code;
}
