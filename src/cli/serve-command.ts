/**
 * `kubeward serve`: the validating admission webhook. Arguments -> configuration (the same
 * .kubeward.yaml as scan) -> src/serve (HTTPS server over src/core/admission) -> runs until
 * SIGTERM/SIGINT, then drains in-flight reviews and exits 0.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSeverity, SEVERITIES, severityRank, type Severity } from '../core/model.ts';
import { loadRunConfig } from '../core/scan.ts';
import { configuredPolicies } from './configured-policies.ts';
import { registerRules } from '../core/rules/index.ts';
import { parseDuration } from '../core/verify.ts';
import { CLUSTER_CONTEXT_RULES, type AdmissionModes } from '../core/admission/index.ts';
import { startWebhookServer, type WebhookServer } from '../serve/server.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';

export const SERVE_HELP = `Usage: kubeward serve --tls-cert-file FILE --tls-key-file FILE [options]

Runs the validating admission webhook: answers AdmissionReview v1 on POST /validate with the
rule catalog and .kubeward.yaml (the same evaluation as 'kubeward scan'), denying, warning or
auditing each finding by severity. Also serves /healthz, /readyz and /metrics (Prometheus).

TLS:
  --tls-cert-file FILE     serving certificate (PEM); reloaded when the file changes
  --tls-key-file FILE      its private key (PEM)
Listening:
  --host ADDR              default 0.0.0.0
  --port N                 HTTPS port (default 8443)
  --metrics-port N         plain-HTTP port for /metrics, /healthz, /readyz (default 9090; 'off' for none)
Decisions:
  --deny-on SEVERITY       findings at or above it deny the request (default high; none: never deny)
  --warn-on SEVERITY       findings at or above it (and below --deny-on) are returned as warnings
                           (default low); the rest are audit annotations only
  --exempt-namespace NS    never judge requests in NS (repeatable); added to kube-system and the
                           webhook's own namespace ($POD_NAMESPACE), which are always exempt
  --existing-findings M    on UPDATE, findings the old object already had: warn (default) or enforce
  --failure-policy P       when the webhook fails on a request: Ignore (allow, default) or Fail (deny)
  --budget DURATION        per-request budget from the request's arrival (default 2s): a body not
                           received by then gets 408; a review not judged by then is answered per
                           --failure-policy, saying so (keep it below the webhook's timeoutSeconds)
  --shutdown-delay DURATION
                           on SIGTERM, keep answering reviews this long while /readyz says 503
                           (endpoints take a moment to drop the pod; default 0s, deploy/ uses 5s),
                           then drain in-flight reviews and exit
  --max-request-bytes N    largest request accepted (default 3145728)
Configuration:
  -c, --config FILE        .kubeward.yaml (default: ./.kubeward.yaml if present)
  --profile NAME           config profile
  --kube-version V         target Kubernetes version, e.g. 1.34
  -q, --quiet              log warnings and errors only (default: one JSON line per review)
  -h, --help

Not run at admission (they need the rest of the cluster; 'kubeward monitor' runs them):
  ${CLUSTER_CONTEXT_RULES.join(', ')}.
`;

const OPTIONS = {
  'tls-cert-file': { type: 'string' },
  'tls-key-file': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'metrics-port': { type: 'string' },
  'deny-on': { type: 'string' },
  'warn-on': { type: 'string' },
  'exempt-namespace': { type: 'string', multiple: true },
  'existing-findings': { type: 'string' },
  'failure-policy': { type: 'string' },
  budget: { type: 'string' },
  'shutdown-delay': { type: 'string' },
  'max-request-bytes': { type: 'string' },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  'kube-version': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

function severityOrNone(flag: string, v: string | undefined, dflt: Severity): Severity | 'none' {
  if (v === undefined) return dflt;
  const s = v.toLowerCase();
  if (s === 'none' || isSeverity(s)) return s;
  throw new UsageError(`--${flag} must be one of ${[...SEVERITIES, 'none'].join(', ')}, not '${v}'`, 'serve');
}

function port(flag: string, v: string | undefined, dflt: number | undefined): number | undefined {
  if (v === undefined) return dflt;
  if (v === 'off') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${flag} must be a port number, not '${v}'`, 'serve');
  return n;
}

/** Severity -> mode from the two thresholds. */
export function modesFrom(denyOn: Severity | 'none', warnOn: Severity | 'none'): AdmissionModes {
  const modes = {} as AdmissionModes;
  for (const s of SEVERITIES) {
    const r = severityRank(s);
    modes[s] =
      denyOn !== 'none' && r >= severityRank(denyOn)
        ? 'deny'
        : warnOn !== 'none' && r >= severityRank(warnOn)
          ? 'warn'
          : 'audit';
  }
  return modes;
}

export interface ServeRuntime {
  /** Aborting stops the server (tests); default: SIGTERM and SIGINT. */
  signal?: AbortSignal;
  /** Called once the server listens (tests read its URL). */
  onListening?: (s: WebhookServer) => void;
}

export async function runServe(argv: string[], io: CliIO, rt: ServeRuntime = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(SERVE_HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'serve');
  const cert = values['tls-cert-file'];
  const key = values['tls-key-file'];
  if (!cert || !key)
    throw new UsageError(
      '--tls-cert-file and --tls-key-file are required (the API server calls webhooks over HTTPS only)',
      'serve',
    );
  const denyOn = severityOrNone('deny-on', values['deny-on'], 'high');
  const warnOn = severityOrNone('warn-on', values['warn-on'], 'low');
  const fp = values['failure-policy'] ?? 'Ignore';
  if (fp !== 'Ignore' && fp !== 'Fail')
    throw new UsageError(`--failure-policy must be Ignore or Fail, not '${fp}'`, 'serve');
  const existing = values['existing-findings'] ?? 'warn';
  if (existing !== 'warn' && existing !== 'enforce')
    throw new UsageError(`--existing-findings must be warn or enforce, not '${existing}'`, 'serve');
  const budgetMs = values.budget === undefined ? 2000 : parseDuration(values.budget);
  if (budgetMs === undefined || budgetMs <= 0)
    throw new UsageError(`--budget must be a duration like 2s or 500ms, not '${values.budget}'`, 'serve');
  const shutdownDelayMs = values['shutdown-delay'] === undefined ? 0 : parseDuration(values['shutdown-delay']);
  if (shutdownDelayMs === undefined)
    throw new UsageError(
      `--shutdown-delay must be a duration like 5s or 0s, not '${values['shutdown-delay']}'`,
      'serve',
    );
  const maxBytes = values['max-request-bytes'] === undefined ? undefined : Number(values['max-request-bytes']);
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes <= 0))
    throw new UsageError(
      `--max-request-bytes must be a positive integer, not '${values['max-request-bytes']}'`,
      'serve',
    );
  // added to the defaults, never instead of them: exempting one more namespace must not start
  // judging kube-system or the webhook's own namespace (the webhook could then block its own recovery)
  const exempt = [
    ...new Set([
      'kube-system',
      ...(io.env.POD_NAMESPACE ? [io.env.POD_NAMESPACE] : []),
      ...(values['exempt-namespace'] ?? [])
        .flatMap((n) => n.split(','))
        .map((n) => n.trim())
        .filter(Boolean),
    ]),
  ];
  const kv = values['kube-version'];
  if (kv !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(kv))
    throw new UsageError(`--kube-version must look like 1.34, not '${kv}'`, 'serve');

  let run;
  try {
    run = await loadRunConfig({
      cwd: io.cwd,
      paths: [],
      ...(values.config ? { configFile: path.resolve(io.cwd, values.config) } : {}),
      ...(values.profile ? { profile: values.profile } : {}),
      ...(kv ? { kubeVersion: kv.replace(/^v/, '').split('.').slice(0, 2).join('.') } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'ConfigError')
      throw new UsageError(`configuration: ${(e as Error).message}`, 'serve', false);
    throw e;
  }

  // the configuration's custom rules and admission policies judge at admission as in scan; a
  // policy file that cannot be read stops the start (a gate must not run without a policy it was given)
  registerRules(run.config.customRules);
  const policyObjects = await configuredPolicies(run.config.policies, io.cwd, 'serve');

  const quiet = Boolean(values.quiet);
  const log = (entry: Record<string, unknown>) => {
    if (quiet && entry.level === 'info') return;
    io.stderr(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
  let server: WebhookServer;
  try {
    server = await startWebhookServer({
      certFile: path.resolve(io.cwd, cert),
      keyFile: path.resolve(io.cwd, key),
      ...(values.host ? { host: values.host } : {}),
      port: port('port', values.port, 8443),
      metricsPort: port('metrics-port', values['metrics-port'], 9090),
      budgetMs,
      shutdownDelayMs,
      ...(maxBytes ? { maxBodyBytes: maxBytes } : {}),
      failurePolicy: fp,
      admission: {
        engine: { ...run.engine, policies: policyObjects },
        rules: run.rules,
        modes: modesFrom(denyOn, warnOn),
        exemptNamespaces: exempt,
        existingFindings: existing,
      },
      log,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `cannot start the webhook: ${err.code ? `${err.code}: ` : ''}${err.message.split('\n')[0]}`,
      'serve',
      false,
    );
  }
  rt.onListening?.(server);

  await new Promise<void>((resolve) => {
    if (rt.signal) {
      if (rt.signal.aborted) resolve();
      else rt.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await server.close();
  log({ level: 'info', msg: 'stopped' });
  return EXIT.ok;
}
