/**
 * `kubeward monitor`: continuous in-cluster verification. Arguments -> src/core/monitor (verify's
 * evaluation over a watched inventory) -> per round: Prometheus metrics (/metrics), PolicyReports
 * written to the cluster, incident notifications, an optional Pushgateway push, and one JSON log
 * line. `--once` runs a single round (a CronJob) and exits like `verify`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSeverity, SEVERITIES, type Severity } from '../core/model.ts';
import { formatReport, isReportFormat, REPORT_FORMATS, type ReportFormat } from '../core/report/index.ts';
import { toPolicyReports, type PolicyReportFlavor } from '../core/report/policyreport.ts';
import { formatMetrics } from '../core/report/metrics.ts';
import { loadRunConfig } from '../core/scan.ts';
import { configuredPolicies } from './configured-policies.ts';
import { registerRules } from '../core/rules/index.ts';
import { limitYoungGeneration } from '../core/heap.ts';
import { parseDuration, verifyExitCode, VerifyUsageError } from '../core/verify.ts';
import { ClusterMonitor, type MonitorOptions, type RoundResult } from '../core/monitor/index.ts';
import { ClusterError } from '../core/cluster/client.ts';
import { createMonitorMetrics, type MonitorMetrics } from '../monitor/metrics.ts';
import { DEFAULT_TEMPLATE, notify, renderNotification, worthNotifying } from '../monitor/notify.ts';
import { groupingLabels, pushMetrics, PushError } from './pushgateway.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';
import { ensureDir } from '../core/dirs.ts';

export const MONITOR_HELP = `Usage: kubeward monitor [options]

Verifies a cluster continuously: lists it once, keeps the inventory current with watches, and
every --interval runs the rule catalog and the live checks (the same evaluation as 'kubeward
verify'), reporting what changed since the last round: new and resolved findings, incidents
(new findings at or above --incident-threshold), out-of-band edits with their field manager
(drift), new readers of Secrets and failed rollouts. Publishes Prometheus metrics on /metrics,
PolicyReports in the cluster, and notifications for incidents.

Connection:
  --kubeconfig FILE          kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)
  --context NAME             context to monitor (one per monitor)
  --cluster-name NAME        the cluster's name in metrics, reports and notifications (or
                             $KUBEWARD_CLUSTER_NAME; default the context's name)
  -n, --namespace NS         namespaces to watch (repeatable; default all)
  -m, --manifests PATHS      desired state (files, directories, globs): drift against them
Rounds:
  --interval DURATION        time between rounds (default 60s)
  --once                     run one round and exit like verify (for a CronJob)
  --incident-threshold SEV   new findings at or above it are incidents (default high)
  --check-secrets            also run secret-unused and secret-readers (needs list secrets)
  --deployer NAME            field manager that counts as the deployer (repeatable; default
                             kubectl, helm, argocd, flux ...); other managers' spec edits are drift
Publishing:
  --metrics-port N           plain-HTTP port for /metrics, /healthz, /readyz (default 9090; 'off')
  --metrics-host ADDR        default 0.0.0.0
  --policy-reports FLAVOR    write reports into the cluster: wgpolicyk8s (PolicyReport,
                             wgpolicyk8s.io/v1alpha2), openreports (openreports.io/v1alpha1) or off (default)
  --report-name NAME         metadata.name of the reports (default kubeward)
  --notify-url URL           POST a Slack-compatible message for incidents (or $KUBEWARD_NOTIFY_URL)
  --notify-template FILE     message template: {{cluster}} {{count}} {{incidents}} {{drift}}
  --pushgateway URL          also push each round's metrics to a Pushgateway
  --pushgateway-job NAME     job label (default kubeward-monitor)
  --pushgateway-label K=V    extra grouping label (repeatable)
Output of --once:
  --fail-on SEVERITY         ${SEVERITIES.join(', ')} or none (default high)
  -f, --format FORMAT        ${REPORT_FORMATS.join(', ')} (repeatable, paired with --output)
  -o, --output FILE
Configuration:
  -c, --config FILE          .kubeward.yaml (rules, severities, exemptions)
  --profile NAME
  -q, --quiet                log warnings and errors only
  -h, --help

Exit codes (--once): 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error,
3 cluster unreachable or verification incomplete. Without --once it runs until SIGTERM (exit 0).
`;

const OPTIONS = {
  kubeconfig: { type: 'string', multiple: true },
  context: { type: 'string' },
  'cluster-name': { type: 'string' },
  namespace: { type: 'string', short: 'n', multiple: true },
  manifests: { type: 'string', short: 'm', multiple: true },
  interval: { type: 'string' },
  once: { type: 'boolean' },
  'incident-threshold': { type: 'string' },
  'check-secrets': { type: 'boolean' },
  deployer: { type: 'string', multiple: true },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  'policy-reports': { type: 'string' },
  'report-name': { type: 'string' },
  'notify-url': { type: 'string' },
  'notify-template': { type: 'string' },
  pushgateway: { type: 'string' },
  'pushgateway-job': { type: 'string' },
  'pushgateway-label': { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface MonitorRuntime {
  signal?: AbortSignal;
  /** Told of each round (tests). */
  onRound?: (r: RoundResult) => void;
  /** Told of the metrics server's URL once it listens. */
  onListening?: (metricsUrl: string) => void;
  /** Awaited between rounds instead of sleeping --interval (tests drive the rounds). */
  between?: (signal: AbortSignal) => Promise<void>;
}

function parseLabels(values: string[] | undefined): Record<string, string> {
  try {
    return groupingLabels(values);
  } catch (e) {
    throw new UsageError((e as Error).message, 'monitor');
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

export async function runMonitor(argv: string[], io: CliIO, rt: MonitorRuntime = {}): Promise<number> {
  limitYoungGeneration();
  const { values, tokens, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  if (values.help) {
    io.stdout(MONITOR_HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, 'monitor');
  const intervalMs = values.interval === undefined ? 60000 : parseDuration(values.interval);
  if (intervalMs === undefined || intervalMs < 100)
    throw new UsageError(`--interval must be a duration like 30s or 5m, not '${values.interval}'`, 'monitor');
  const sev = (flag: string, v: string | undefined, d: Severity | 'none', allowNone: boolean): Severity | 'none' => {
    if (v === undefined) return d;
    const s = v.toLowerCase();
    if ((allowNone && s === 'none') || isSeverity(s)) return s as Severity | 'none';
    throw new UsageError(
      `--${flag} must be one of ${[...SEVERITIES, ...(allowNone ? ['none'] : [])].join(', ')}, not '${v}'`,
      'monitor',
    );
  };
  const incidentThreshold = sev('incident-threshold', values['incident-threshold'], 'high', false) as Severity;
  const failOn = sev('fail-on', values['fail-on'], 'high', true);
  const flavorRaw = values['policy-reports'] ?? 'off';
  if (!['wgpolicyk8s', 'openreports', 'off'].includes(flavorRaw))
    throw new UsageError(`--policy-reports must be wgpolicyk8s, openreports or off, not '${flavorRaw}'`, 'monitor');
  const flavor = flavorRaw === 'off' ? undefined : (flavorRaw as PolicyReportFlavor);
  const metricsPortRaw = values['metrics-port'] ?? (values.once ? 'off' : '9090');
  const metricsPort = metricsPortRaw === 'off' ? undefined : Number(metricsPortRaw);
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535))
    throw new UsageError(`--metrics-port must be a port number or off, not '${metricsPortRaw}'`, 'monitor');
  const formats = tokens
    .filter((t) => t.kind === 'option' && t.name === 'format')
    .map((t) => String((t as { value?: string }).value));
  const outputs = tokens
    .filter((t) => t.kind === 'option' && t.name === 'output')
    .map((t) => String((t as { value?: string }).value));
  for (const f of formats)
    if (!isReportFormat(f))
      throw new UsageError(`unknown --format '${f}' (use one of ${REPORT_FORMATS.join(', ')})`, 'monitor');
  if ((formats.length || outputs.length) && !values.once)
    throw new UsageError('--format and --output go with --once', 'monitor');
  const targets = formats.map((f, i) => ({
    format: f as ReportFormat,
    ...(outputs[i] && outputs[i] !== '-' ? { file: path.resolve(io.cwd, outputs[i]) } : {}),
  }));
  const grouping = parseLabels(values['pushgateway-label']);
  const notifyUrl = values['notify-url'] ?? io.env.KUBEWARD_NOTIFY_URL;
  let template = DEFAULT_TEMPLATE;
  if (values['notify-template']) {
    try {
      template = await readFile(path.resolve(io.cwd, values['notify-template']), 'utf8');
    } catch (e) {
      throw new UsageError(
        `cannot read --notify-template: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        'monitor',
      );
    }
  }

  let run;
  try {
    run = await loadRunConfig({
      cwd: io.cwd,
      paths: [],
      ...(values.config ? { configFile: path.resolve(io.cwd, values.config) } : {}),
      ...(values.profile ? { profile: values.profile } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'ConfigError')
      throw new UsageError(`configuration: ${(e as Error).message}`, 'monitor', false);
    throw e;
  }
  // the configuration's custom rules and admission policies judge each round, as in scan
  registerRules(run.config.customRules);
  const policyObjects = await configuredPolicies(run.config.policies, io.cwd, 'monitor');
  const quiet = Boolean(values.quiet);
  const log = (entry: Record<string, unknown>) => {
    if (quiet && entry.level === 'info') return;
    io.stderr(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
  const kubeconfigs = (values.kubeconfig ?? [])
    .flatMap((k) => k.split(path.delimiter))
    .filter(Boolean)
    .map((k) => path.resolve(io.cwd, k));
  const clusterName = values['cluster-name'] ?? io.env.KUBEWARD_CLUSTER_NAME;
  const opts: MonitorOptions = {
    env: io.env as NodeJS.ProcessEnv,
    ...(clusterName ? { clusterName } : {}),
    cwd: io.cwd,
    ...(kubeconfigs.length ? { kubeconfig: kubeconfigs } : {}),
    ...(!kubeconfigs.length && io.env.KUBEWARD_KUBECONFIG ? { kubeconfigContent: io.env.KUBEWARD_KUBECONFIG } : {}),
    ...(values.context ? { contexts: [values.context] } : {}),
    ...(values.namespace?.length
      ? {
          namespaces: values.namespace
            .flatMap((n) => n.split(','))
            .map((n) => n.trim())
            .filter(Boolean),
        }
      : {}),
    ...(values.manifests?.length ? { manifests: values.manifests } : {}),
    ...(values['check-secrets'] ? { secrets: true } : {}),
    ...(values.deployer?.length ? { deployers: values.deployer } : {}),
    incidentThreshold,
    failOn,
    watch: !values.once,
    ...run.engine,
    rules: run.rules,
    ...(policyObjects.length ? { policies: policyObjects } : {}),
    ...(rt.signal ? { signal: rt.signal } : {}),
  };

  const metrics = createMonitorMetrics();
  let lastSuccess = 0;
  let metricsServer: http.Server | undefined;
  if (metricsPort !== undefined) {
    metricsServer = await startMetricsServer(metrics, metricsPort, values['metrics-host'] ?? '0.0.0.0', () => ({
      ready: lastSuccess > 0,
      // stale: no successful round for three intervals (and at least 5 minutes)
      healthy: lastSuccess === 0 || Date.now() - lastSuccess < Math.max(3 * intervalMs, 300000),
    }));
    const a = metricsServer.address() as AddressInfo;
    const url = `http://${values['metrics-host'] && values['metrics-host'] !== '0.0.0.0' ? values['metrics-host'] : '127.0.0.1'}:${a.port}`;
    log({ level: 'info', msg: 'metrics listening', url });
    rt.onListening?.(url);
  }

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  if (rt.signal) rt.signal.addEventListener('abort', onSignal, { once: true });
  else if (!values.once) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  const publish = async (r: RoundResult) => {
    if (flavor && !r.reused) {
      const reports = toPolicyReports(r.report, {
        flavor,
        ...(values['report-name'] ? { name: values['report-name'] } : {}),
        labels: { 'kubeward.io/cluster': r.cluster.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 63) },
      });
      const res = await monitor!.publish(reports, flavor, values['report-name']);
      for (const e of res.errors)
        log({ level: 'error', msg: 'policy report not written', report: e.report, error: e.message });
      if (res.applied.length || res.deleted.length)
        log({ level: 'info', msg: 'policy reports', applied: res.applied.length, deleted: res.deleted.length });
    }
    if (notifyUrl && worthNotifying(r)) {
      try {
        await notify(notifyUrl, renderNotification(r, template));
      } catch (e) {
        log({ level: 'error', msg: 'notification failed', error: (e as Error).message });
      }
    }
    if (values.pushgateway) {
      try {
        await pushMetrics(formatMetrics(r.report, { labels: { source: 'monitor' } }), {
          url: values.pushgateway,
          job: values['pushgateway-job'] ?? 'kubeward-monitor',
          grouping: { cluster: r.cluster, ...grouping },
          env: io.env,
        });
      } catch (e) {
        if (!(e instanceof PushError)) throw e;
        log({ level: 'error', msg: 'pushgateway push failed', error: e.message });
      }
    }
  };

  let monitor: ClusterMonitor | undefined;
  let code: number = EXIT.ok;
  let backoff = 1000;
  try {
    while (!stop.signal.aborted) {
      if (!monitor) {
        try {
          monitor = await ClusterMonitor.start(opts);
          log({ level: 'info', msg: 'watching', cluster: monitor.cluster, objects: monitor.watched() });
          backoff = 1000;
        } catch (e) {
          if (e instanceof VerifyUsageError) throw new UsageError(e.message, 'monitor', false);
          if (!(e instanceof ClusterError)) throw e;
          metrics.roundFailed(clusterName ?? values.context ?? '', e.status ? String(e.status) : e.kind);
          log({ level: 'error', msg: 'cannot read the cluster', error: e.message });
          if (values.once) {
            io.stderr(`kubeward monitor: the cluster could not be verified (exit 3): ${e.message}\n`);
            return EXIT.verify;
          }
          await sleep(Math.min(backoff, intervalMs), stop.signal);
          backoff = Math.min(backoff * 2, 60000);
          continue;
        }
      }
      const r = await monitor.round();
      lastSuccess = Date.now();
      metrics.observe(r);
      log({
        level: 'info',
        msg: 'round',
        cluster: r.cluster,
        round: r.round,
        findings: r.report.findings.length,
        new: r.newFindings.length,
        resolved: r.resolvedFindings.length,
        incidents: r.incidents.map(
          (f) => `${f.ruleId}:${f.severity}:${f.object?.kind}/${f.object?.namespace ?? ''}/${f.object?.name}`,
        ),
        drift: r.drift.map((d) => `${d.kind}/${d.namespace}/${d.name} by ${d.manager}`),
        changes: r.changes,
        reused: r.reused,
        ms: Math.round(r.durationMs),
      });
      await publish(r);
      rt.onRound?.(r);
      if (values.once) {
        for (const t of targets) {
          const text = formatReport(r.report, t.format);
          if (!t.file) io.stdout(text);
          else {
            await ensureDir(path.dirname(t.file));
            await writeFile(t.file, text);
          }
        }
        code =
          failOn === 'none' ? (r.report.notVerified.length ? EXIT.verify : EXIT.ok) : verifyExitCode(r.report, failOn);
        break;
      }
      await (rt.between ? rt.between(stop.signal) : sleep(intervalMs, stop.signal));
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await monitor?.close();
    if (metricsServer) {
      const m = metricsServer;
      await new Promise<void>((r) => m.close(() => r()));
      m.closeAllConnections();
    }
  }
  log({ level: 'info', msg: 'stopped' });
  return code;
}

function startMetricsServer(
  metrics: MonitorMetrics,
  port: number,
  host: string,
  state: () => { ready: boolean; healthy: boolean },
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const send = (status: number, text: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (url === '/metrics') {
      metrics.registry.metrics().then(
        (t) => send(200, t, metrics.registry.contentType),
        (e: unknown) => send(500, `cannot collect metrics: ${(e as Error).message}\n`),
      );
    } else if (url === '/healthz' || url === '/livez') {
      const s = state();
      send(s.healthy ? 200 : 503, s.healthy ? 'ok\n' : 'no successful round for too long\n');
    } else if (url === '/readyz') {
      const s = state();
      send(s.ready ? 200 : 503, s.ready ? 'ok\n' : 'first round not done\n');
    } else send(404, 'not found: /metrics, /healthz, /readyz\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
