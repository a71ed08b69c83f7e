/** Every action input, read and validated in one place. */
import * as core from '@actions/core';
import { isSeverity, SEVERITIES, type Severity } from '../core/model.ts';
import type { SourcesConfig } from '../core/sources/index.ts';

export const COMMENT_MODES = ['sticky', 'review', 'both', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface ActionInputs {
  mode: 'scan' | 'verify';
  paths: string[];
  config?: string;
  /** Where `config` is read: the checked-out tree (`head`) or the PR's base commit (`base`). */
  configRef: 'head' | 'base';
  profile?: string;
  /** `none`: never fail the step. */
  failOn: Severity | 'none';
  sarifFile: string;
  comment: CommentMode;
  suggestions: boolean;
  onlyNew: boolean;
  /** A baseline file (workspace-relative) whose findings are hidden. */
  baseline?: string;
  /** Admission policy paths (VAPs + bindings, Kyverno ValidatingPolicy, params): `kubeward scan --policies`. */
  policies: string[];
  githubToken: string;
  annotations: boolean;
  /** Accept a scan that finds no Kubernetes object (else it fails, as the CLI exits 2). */
  allowEmpty: boolean;
  /** helm-charts, values, environments, kustomize: rendered sources (added to the config's). */
  sources?: SourcesConfig;
  /** Reserved for `mode: verify` (read by the verify entry). */
  verify: { kubeconfig?: string; context?: string; namespace?: string; manifests?: string; timeout?: string };
}

/** An input the user got wrong: reported as a failure with the input's name. */
export class InputError extends Error {
  override name = 'InputError';
}

function opt(name: string): string | undefined {
  const v = core.getInput(name).trim();
  return v === '' ? undefined : v;
}

function bool(name: string, dflt: boolean): boolean {
  const v = opt(name);
  if (v === undefined) return dflt;
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new InputError(`input ${name} must be true or false, got "${v}"`);
}

function oneOf<T extends string>(name: string, allowed: readonly T[], dflt: T): T {
  const v = opt(name)?.toLowerCase() ?? dflt;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new InputError(`input ${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  }
  return v as T;
}

/** Paths from a newline- or comma-separated list. */
export function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `NAME: a.yaml, b.yaml` or `NAME=a.yaml,b.yaml`, one environment a line. */
export function parseEnvironments(v: string | undefined): Record<string, { values: string[] }> {
  const out: Record<string, { values: string[] }> = {};
  for (const raw of (v ?? '').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z0-9_.-]+)\s*[:=]\s*(.+)$/.exec(line);
    if (!m)
      throw new InputError(
        `input environments: each line must look like "NAME: values.yaml, values-NAME.yaml", got "${line}"`,
      );
    out[m[1]] = { values: m[2].split(/[\s,]+/).filter(Boolean) };
  }
  return out;
}

/** The sources inputs as a SourcesConfig, undefined when none is set. */
export function readSources(get: (name: string) => string | undefined = opt): SourcesConfig | undefined {
  const charts = splitList(get('helm-charts'));
  const values = splitList(get('values'));
  const environments = parseEnvironments(get('environments'));
  const kz = splitList(get('kustomize'));
  const hasEnvs = Object.keys(environments).length > 0;
  if (!charts.length && !values.length && !hasEnvs && !kz.length) return undefined;
  const overlays = kz.filter((k) => /^[A-Za-z0-9_.-]+=/.test(k));
  const trees = kz.filter((k) => !/^[A-Za-z0-9_.-]+=/.test(k));
  const chartSettings = { ...(values.length ? { values } : {}), ...(hasEnvs ? { environments } : {}) };
  return {
    ...chartSettings,
    ...(charts.length ? { helm: charts.map((chart) => ({ chart, ...chartSettings })) } : {}),
    kustomize: [
      ...trees.map((path) => ({ path })),
      ...(overlays.length
        ? [
            {
              path: '.',
              overlays: Object.fromEntries(
                overlays.map((o) => [o.slice(0, o.indexOf('=')), o.slice(o.indexOf('=') + 1)]),
              ),
            },
          ]
        : []),
    ],
  };
}

function optionalSources(): { sources?: SourcesConfig } {
  const s = readSources();
  return s ? { sources: s } : {};
}

export function readInputs(): ActionInputs {
  const failOn = opt('fail-on')?.toLowerCase() ?? 'high';
  if (failOn !== 'none' && !isSeverity(failOn)) {
    throw new InputError(`input fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, got "${failOn}"`);
  }
  const paths = splitList(opt('paths'));
  return {
    mode: oneOf('mode', ['scan', 'verify'] as const, 'scan'),
    paths: paths.length > 0 ? paths : ['.'],
    config: opt('config'),
    configRef: oneOf('config-ref', ['head', 'base'] as const, 'head'),
    profile: opt('profile'),
    failOn,
    sarifFile: opt('sarif-file') ?? 'kubeward.sarif',
    comment: oneOf('comment', COMMENT_MODES, 'both'),
    suggestions: bool('suggestions', true),
    onlyNew: bool('only-new', false),
    baseline: opt('baseline'),
    policies: splitList(opt('policies')),
    githubToken: opt('github-token') ?? '',
    annotations: bool('annotations', true),
    allowEmpty: bool('allow-empty', false),
    ...optionalSources(),
    verify: {
      kubeconfig: opt('kubeconfig'),
      context: opt('context'),
      namespace: opt('namespace'),
      manifests: opt('manifests'),
      timeout: opt('timeout'),
    },
  };
}
