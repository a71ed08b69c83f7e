/**
 * Pushes a report's metrics (the `metrics` format) to a Prometheus Pushgateway, so CI runs of
 * `scan` and `verify` feed the same dashboards as the in-cluster monitor. Grouping: job, instance
 * and any extra labels; values that are empty or hold '/' are base64url-encoded as the Pushgateway
 * expects. The `instance` label defaults to the repository of the CI run (or the host name).
 * Credentials come from the environment (KUBEWARD_PUSHGATEWAY_TOKEN, or
 * KUBEWARD_PUSHGATEWAY_USERNAME and KUBEWARD_PUSHGATEWAY_PASSWORD, or user:password in the URL)
 * and never appear in messages.
 */
import os from 'node:os';
import { formatMetrics } from '../core/report/metrics.ts';

export interface PushOptions {
  url: string;
  job: string;
  /** Grouping labels after the job (instance, cluster, environment ...). */
  grouping?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** PUT replaces the group's metrics (default); POST replaces only the pushed metric names. */
  method?: 'PUT' | 'POST';
  timeoutMs?: number;
}

export class PushError extends Error {}

function segment(name: string, value: string): string {
  if (value === '' || value.includes('/')) return `${name}@base64/${Buffer.from(value).toString('base64url') || '='}`;
  return `${name}/${encodeURIComponent(value)}`;
}

/** The grouping path: /metrics/job/<job>/<label>/<value>... */
export function pushPath(job: string, grouping: Record<string, string> = {}): string {
  if (!job) throw new PushError('the Pushgateway job name is empty');
  return ['/metrics', segment('job', job), ...Object.entries(grouping).map(([k, v]) => segment(k, v))].join('/');
}

/** The URL without credentials, for messages. */
export function safeUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

export async function pushMetrics(text: string, opts: PushOptions): Promise<void> {
  let base: URL;
  try {
    base = new URL(opts.url);
  } catch {
    throw new PushError('--pushgateway must be a URL like http://pushgateway:9091');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new PushError('--pushgateway must be an http(s) URL');
  const env = opts.env ?? process.env;
  const headers: Record<string, string> = { 'content-type': 'text/plain; version=0.0.4' };
  if (env.KUBEWARD_PUSHGATEWAY_TOKEN) headers.authorization = `Bearer ${env.KUBEWARD_PUSHGATEWAY_TOKEN}`;
  else if (env.KUBEWARD_PUSHGATEWAY_USERNAME) {
    headers.authorization = `Basic ${Buffer.from(`${env.KUBEWARD_PUSHGATEWAY_USERNAME}:${env.KUBEWARD_PUSHGATEWAY_PASSWORD ?? ''}`).toString('base64')}`;
  } else if (base.username) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
  }
  const target = new URL(
    base.pathname.replace(/\/$/, '') + pushPath(opts.job, opts.grouping),
    `${base.protocol}//${base.host}`,
  );
  let res: Response;
  try {
    res = await fetch(target, {
      method: opts.method ?? 'PUT',
      headers,
      body: text,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new PushError(`cannot reach the Pushgateway at ${safeUrl(base)}: ${cause}`);
  }
  if (!res.ok) {
    const body = (await res.text().catch(() => '')).slice(0, 300).trim();
    throw new PushError(
      `the Pushgateway at ${safeUrl(base)} refused the push: HTTP ${res.status}${body ? `: ${body}` : ''}`,
    );
  }
}

/** The --pushgateway flags shared by scan, verify and monitor. */
export const PUSH_OPTIONS = {
  pushgateway: { type: 'string' },
  'pushgateway-job': { type: 'string' },
  'pushgateway-label': { type: 'string', multiple: true },
} as const;

export interface PushFlags {
  pushgateway?: string;
  'pushgateway-job'?: string;
  'pushgateway-label'?: string[];
}

/** Grouping labels from repeated NAME=VALUE flags; throws PushError for a bad one. */
export function groupingLabels(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf('=');
    const k = v.slice(0, i);
    if (i <= 0 || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k) || k === 'job')
      throw new PushError(`--pushgateway-label must be NAME=VALUE with a Prometheus label name (not job), not '${v}'`);
    out[k] = v.slice(i + 1);
  }
  return out;
}

/**
 * The default `instance` grouping label of a CI push: the repository the pipeline runs for
 * (GitHub Actions, CircleCI, GitLab CI), else the host name. Without one, every repository
 * pushing to the same job would replace the others' metrics in the Pushgateway.
 */
export function defaultInstance(env: Record<string, string | undefined>): string {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  if (env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME)
    return `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`;
  if (env.CI_PROJECT_PATH) return env.CI_PROJECT_PATH;
  return os.hostname();
}

/**
 * Pushes a report's metrics when --pushgateway was given. Returns an error message, or undefined
 * when pushed (or not asked for). The run's own result never depends on the push.
 */
export async function pushReportIfAsked(
  report: Parameters<typeof formatMetrics>[0],
  flags: PushFlags,
  source: 'scan' | 'verify',
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  if (!flags.pushgateway) return undefined;
  try {
    await pushMetrics(formatMetrics(report, { labels: { source } }), {
      url: flags.pushgateway,
      job: flags['pushgateway-job'] ?? `kubeward-${source}`,
      grouping: { instance: defaultInstance(env), ...groupingLabels(flags['pushgateway-label']) },
      env,
    });
    return undefined;
  } catch (e) {
    if (e instanceof PushError) return e.message;
    throw e;
  }
}
