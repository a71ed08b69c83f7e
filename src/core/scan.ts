/** `scan(options)`: load the config, load manifests, run the catalog, build the report. The library entry point. */
import path from 'node:path';
import { countBySeverity, type Finding, type Report, type Severity } from './model.ts';
import { evaluate, sortFindings, type EngineOptions } from './engine.ts';
import { loadManifests } from './manifests/load.ts';
import type { LoadOptions } from './manifests/types.ts';
import { catalog, registerRules } from './rules/index.ts';
import type { Rule } from './rules/types.ts';
import type { K8sObject, LoadProblem } from './manifests/types.ts';
import type { InputError } from './model.ts';
import { VERSION } from './version.ts';
import {
  CONFIG_FILE_NAMES,
  findConfigFile,
  loadConfigFile,
  parseConfig,
  resolveConfig,
  type ResolvedConfig,
} from './config.ts';
import { createSuppressor, type Suppressor } from './suppress.ts';
import { scanWideRedactor } from './secrets/quoted.ts';
import { rules as inputRules } from './rules/input.ts';
import { DEFAULT_KUBE_VERSION } from './engine.ts';
import { evaluateSources, loadSources, type SourcesConfig } from './sources/index.ts';
import { KUSTOMIZATION_FILES } from './sources/discover.ts';
import { loadDockerfiles } from './sources/dockerfile.ts';

export interface ScanOptions extends LoadOptions, Omit<EngineOptions, 'mode'> {
  /** Severity at or above which the run fails. Default: the config's failOn, else 'high'. */
  failOn?: Severity;
  /** Path of a .kubeward.yaml; when absent, .kubeward.yaml/.kubeward.yml in cwd is used if present. */
  configFile?: string;
  /** Config profile to apply (e.g. 'dev', 'prod'). */
  profile?: string;
  /**
   * The configuration's text, read from somewhere the scanned tree does not control (e.g. the
   * base commit of a pull request): used instead of any file. `file` is its path relative to
   * cwd (globs in it are relative to that file's directory, as for a file); `name` how messages
   * call it (default `file`).
   */
  configContent?: { text: string; file: string; name?: string };
  /**
   * Files, directories or globs of admission policies (VAP + bindings, Kyverno policies, their
   * params) that judge the scanned objects without being scanned; added to the config's `policies:`.
   */
  policyPaths?: string[];
  /**
   * Helm charts, Kustomize trees and Dockerfiles: added to the configuration's `sources:` (charts and
   * trees listed here are rendered as well as those found among the paths). false: render nothing.
   */
  sources?: SourcesConfig | false;
  /** Environment for finding and running helm/kustomize (KUBEWARD_HELM, PATH ...). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The configuration's sources with the caller's added (the caller's chart-wide settings win). */
function mergeSources(config: SourcesConfig | undefined, caller: SourcesConfig | undefined): SourcesConfig {
  const c = config ?? {};
  const o = caller ?? {};
  return {
    ...c,
    ...o,
    helm: [...(c.helm ?? []), ...(o.helm ?? [])],
    kustomize: [...(c.kustomize ?? []), ...(o.kustomize ?? [])],
    images: { ...(c.images ?? {}), ...(o.images ?? {}) },
  };
}

/** What a run (scan, or verify) takes from the configuration. */
export interface RunConfig {
  config: ResolvedConfig;
  suppressor: Suppressor;
  /** Engine hooks: the caller's settings/suppress first, then the configuration's. */
  engine: Required<Pick<EngineOptions, 'settings' | 'suppress'>> & Pick<EngineOptions, 'kubeVersion'>;
  /** Include/exclude globs for loadManifests: the config's plus the caller's (config files are always excluded). */
  include: string[];
  exclude: string[];
  failOn: Severity;
  /** The rules to run: the catalog plus the configuration's custom rules. */
  rules: readonly Rule[];
}

/**
 * Finds, loads and resolves the configuration (configFile, else .kubeward.yaml in cwd, else in
 * the first directory of `paths`) and builds the suppressor. Throws ConfigError.
 */
export async function loadRunConfig(
  opts: Pick<
    ScanOptions,
    | 'configFile'
    | 'configContent'
    | 'profile'
    | 'cwd'
    | 'paths'
    | 'include'
    | 'exclude'
    | 'failOn'
    | 'kubeVersion'
    | 'settings'
    | 'suppress'
  >,
): Promise<RunConfig> {
  const cwd = opts.cwd ?? process.cwd();
  const content = opts.configContent;
  const configFile = content
    ? undefined
    : await findConfigFile({ configFile: opts.configFile, cwd, paths: opts.paths });
  const loaded = content
    ? parseConfig(content.text, content.name ?? content.file, {
        dir: path.dirname(path.resolve(cwd, content.file)),
      })
    : configFile
      ? await loadConfigFile(configFile, cwd)
      : undefined;
  const config = resolveConfig(loaded, { profile: opts.profile, cwd });
  const settings = opts.settings ?? config.settings;
  const suppressor = createSuppressor({
    exemptions: config.exemptions,
    annotations: config.suppressions.annotations,
    inline: config.suppressions.inline,
    knownRules: new Set([...catalog, ...config.customRules].map((r) => r.meta.id)),
    settings,
    ...(config.policy
      ? {
          wildcardProtected: config.policy.allowSuppressions.wildcard,
          lockedRules: config.policy.lockedRules,
          ...(config.policy.maxExemptionDays !== undefined ? { maxExemptionDays: config.policy.maxExemptionDays } : {}),
        }
      : {}),
  });
  const callerSuppress = opts.suppress;
  const kubeVersion = opts.kubeVersion ?? config.kubeVersion;
  return {
    config,
    suppressor,
    engine: {
      settings,
      suppress: (f, obj) => callerSuppress?.(f, obj) ?? suppressor.suppress(f, obj),
      ...(kubeVersion ? { kubeVersion } : {}),
    },
    include: [...config.include, ...(opts.include ?? [])],
    // configuration files are never manifests: keep them out of directory walks
    exclude: [...CONFIG_FILE_NAMES.map((n) => `**/${n}`), ...config.exclude, ...(opts.exclude ?? [])],
    failOn: opts.failOn ?? config.failOn ?? 'high',
    rules: config.customRules.length ? [...catalog, ...config.customRules] : catalog,
  };
}

/**
 * Loads the admission policies of `policies:` paths (config and caller). Problems in them are
 * reported like any input's.
 */
export async function loadPolicyObjects(
  paths: readonly string[],
  cwd: string,
): Promise<{ objects: K8sObject[]; problems: LoadProblem[]; errors: InputError[]; files: string[] }> {
  if (!paths.length) return { objects: [], problems: [], errors: [], files: [] };
  const inv = await loadManifests({ paths: [...paths], cwd });
  return { objects: inv.objects, problems: inv.problems, errors: inv.errors, files: inv.files };
}

/** Findings the rule engine's redaction does not see: the input rules' and the suppressor's. */
const OUTSIDE_RULES: ReadonlySet<string> = new Set(inputRules.map((r) => r.meta.id));

function redactFinding(f: Finding, redactText: (t: string) => string): Finding {
  const message = redactText(f.message);
  let details = f.details;
  if (details) {
    details = {};
    for (const [k, v] of Object.entries(f.details!)) details[k] = typeof v === 'string' ? redactText(v) : v;
  }
  return message === f.message && details === f.details ? f : { ...f, message, ...(details ? { details } : {}) };
}

/**
 * Scans manifests. Throws ConfigError (src/core/config.ts) when the configuration is invalid or
 * the profile unknown; every other problem is reported in the Report.
 */
export async function scan(opts: ScanOptions): Promise<Report> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const run = await loadRunConfig({ ...opts, cwd });

  const srcs =
    opts.sources === false
      ? undefined
      : await loadSources({
          paths: opts.paths,
          cwd,
          config: mergeSources(run.config.sources, opts.sources),
          kubeVersion: run.engine.kubeVersion ?? DEFAULT_KUBE_VERSION,
          exclude: run.exclude,
          ...(opts.env ? { env: opts.env } : {}),
        });
  const inv = await loadManifests({
    ...opts,
    cwd,
    ...(run.include.length ? { include: run.include } : {}),
    // kustomization files are never objects; rendered sources' folders are scanned rendered
    exclude: [...run.exclude, ...KUSTOMIZATION_FILES.map((n) => `**/${n}`), ...(srcs?.exclude ?? [])],
  });
  run.suppressor.inspect(inv.objects);
  registerRules(run.config.customRules);
  const pol = await loadPolicyObjects([...run.config.policies, ...(opts.policyPaths ?? [])], cwd);

  const res = evaluate(inv.objects, [...inv.problems, ...pol.problems], {
    ...opts,
    ...run.engine,
    rules: opts.rules ?? run.rules,
    mode: 'manifest',
    policies: [...(opts.policies ?? []), ...pol.objects],
  });
  // each chart environment / overlay is evaluated as its own set, with its environment's profile
  const profiled = new Map<string, Promise<RunConfig>>();
  const src = srcs?.sets.length
    ? await evaluateSources(srcs.sets, async (set) => {
        let r = run;
        if (set.profile && set.profile !== opts.profile) {
          if (!profiled.has(set.profile))
            profiled.set(set.profile, loadRunConfig({ ...opts, cwd, profile: set.profile }));
          r = await profiled.get(set.profile)!;
        }
        run.suppressor.inspect(set.objects);
        return evaluate(set.objects, set.problems, {
          ...opts,
          ...r.engine,
          rules: opts.rules ?? r.rules,
          mode: 'manifest',
          policies: [...(opts.policies ?? []), ...pol.objects],
        });
      })
    : undefined;
  // Dockerfiles: the Dockerfile rules only, with every manifest object for the USER cross-check
  const docker = srcs?.dockerfiles.length ? loadDockerfiles(srcs.dockerfiles, cwd) : undefined;
  const dres = docker
    ? (run.suppressor.inspect(docker.objects),
      evaluate([...docker.objects, ...inv.objects, ...(src?.objects ?? [])], [], {
        ...opts,
        ...run.engine,
        settings: (meta) => {
          const s = run.engine.settings(meta);
          return meta.id === 'dockerfile-user-conflict'
            ? { ...s, options: { ...s.options, images: { ...(s.options.images as object), ...srcs?.images } } }
            : s;
        },
        rules: (opts.rules ?? catalog).filter((r) => r.meta.category === 'dockerfile'),
        mode: 'manifest',
      }))
    : undefined;
  const objects = [...inv.objects, ...(src?.objects ?? []), ...(docker?.objects ?? [])];
  // findings made outside the rules (load problems, rule errors, and the suppressor's own: no
  // reason, unknown rule, expired exemption) and input errors go through the same redaction point
  const redactText = scanWideRedactor(objects);
  const findings = sortFindings(
    [...res.findings, ...(src?.findings ?? []), ...(dres?.findings ?? []), ...run.suppressor.findings()].map((f) =>
      OUTSIDE_RULES.has(f.ruleId) ? redactFinding(f, redactText) : f,
    ),
  );
  return {
    tool: { name: 'kubeward', version: VERSION },
    findings,
    suppressed: sortFindings([...res.suppressed, ...(src?.suppressed ?? []), ...(dres?.suppressed ?? [])]),
    counts: countBySeverity(findings),
    filesScanned: new Set([
      ...inv.files,
      ...(src?.files ?? []),
      ...(docker?.objects.map((o) => o.file as string) ?? []),
    ]).size,
    objectsScanned: objects.length,
    objects: objects.map((o) => ({ ref: o.ref, ...(o.file ? { file: o.file } : {}) })),
    skipped: [...inv.skipped, ...(src?.skipped ?? [])],
    errors: [
      ...inv.errors,
      ...pol.errors,
      ...res.errors,
      ...(src?.errors ?? []),
      ...(srcs?.errors ?? []),
      ...(docker?.errors ?? []),
      ...(dres?.errors ?? []),
    ].map((e) => ({ ...e, message: redactText(e.message) })),
    notVerified: [],
    failOn: run.failOn,
    durationMs: Math.round(performance.now() - started),
    ...(srcs?.sets.length
      ? {
          sources: srcs.sets.map((s) => ({
            tool: s.tool,
            source: s.source,
            environment: s.environment,
            objects: s.objects.length,
            renderMs: Math.round(s.renderMs),
            notes: s.notes,
          })),
        }
      : {}),
  };
}
