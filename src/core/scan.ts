/** `scan(options)`: load the config, load manifests, run the catalog, build the report. The library entry point. */
import { countBySeverity, type Report, type Severity } from './model.ts';
import { evaluate, sortFindings, type EngineOptions } from './engine.ts';
import { loadManifests } from './manifests/load.ts';
import type { LoadOptions } from './manifests/types.ts';
import { catalog } from './rules/index.ts';
import { VERSION } from './version.ts';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfigFile, resolveConfig } from './config.ts';
import { createSuppressor, suppressionRules } from './suppress.ts';

export interface ScanOptions extends LoadOptions, Omit<EngineOptions, 'mode'> {
  /** Severity at or above which the run fails. Default: the config's failOn, else 'high'. */
  failOn?: Severity;
  /** Path of a .kubeward.yaml; when absent, .kubeward.yaml/.kubeward.yml in cwd is used if present. */
  configFile?: string;
  /** Config profile to apply (e.g. 'dev', 'prod'). */
  profile?: string;
}

/**
 * Scans manifests. Throws ConfigError (src/core/config.ts) when the configuration is invalid or
 * the profile unknown; every other problem is reported in the Report.
 */
export async function scan(opts: ScanOptions): Promise<Report> {
  const started = performance.now();
  const cwd = opts.cwd ?? process.cwd();
  const rules = opts.rules ?? catalog;

  const configFile = await findConfigFile({ configFile: opts.configFile, cwd, paths: opts.paths });
  const config = configFile ? await loadConfigFile(configFile, cwd) : undefined;
  const cfg = resolveConfig(config, { profile: opts.profile, cwd });

  const include = [...cfg.include, ...(opts.include ?? [])];
  // configuration files are never manifests: keep them out of directory walks
  const exclude = [...CONFIG_FILE_NAMES.map((n) => `**/${n}`), ...cfg.exclude, ...(opts.exclude ?? [])];
  const inv = await loadManifests({
    ...opts,
    cwd,
    ...(include.length ? { include } : {}),
    exclude,
  });

  const suppressor = createSuppressor({
    exemptions: cfg.exemptions,
    annotations: cfg.suppressions.annotations,
    inline: cfg.suppressions.inline,
    knownRules: new Set([...catalog, ...suppressionRules].map((r) => r.meta.id)),
    settings: opts.settings ?? cfg.settings,
  });
  suppressor.inspect(inv.objects);
  const callerSuppress = opts.suppress;

  const res = evaluate(inv.objects, inv.problems, {
    ...opts,
    rules,
    settings: opts.settings ?? cfg.settings,
    kubeVersion: opts.kubeVersion ?? cfg.kubeVersion,
    suppress: (f, obj) => callerSuppress?.(f, obj) ?? suppressor.suppress(f, obj),
    mode: 'manifest',
  });
  // findings about the suppressions themselves (no reason, unknown rule, expired exemption)
  const findings = sortFindings([...res.findings, ...suppressor.findings()]);
  return {
    tool: { name: 'kubeward', version: VERSION },
    findings,
    suppressed: res.suppressed,
    counts: countBySeverity(findings),
    filesScanned: inv.files.length,
    objectsScanned: inv.objects.length,
    skipped: inv.skipped,
    errors: [...inv.errors, ...res.errors],
    notVerified: [],
    failOn: opts.failOn ?? cfg.failOn ?? 'high',
    durationMs: Math.round(performance.now() - started),
  };
}
