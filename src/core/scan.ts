/** `scan(options)`: load manifests, run the catalog, build the report. The library entry point. */
import { countBySeverity, type Report, type Severity } from './model.ts';
import { evaluate, type EngineOptions } from './engine.ts';
import { loadManifests } from './manifests/load.ts';
import type { LoadOptions } from './manifests/types.ts';
import { VERSION } from './version.ts';

export interface ScanOptions extends LoadOptions, Omit<EngineOptions, 'mode'> {
  /** Severity at or above which the run fails. Default: the config's failOn, else 'high'. */
  failOn?: Severity;
  /** Path of a .kubeward.yaml; when absent, .kubeward.yaml/.kubeward.yml in cwd is used if present. */
  configFile?: string;
  /** Config profile to apply (e.g. 'dev', 'prod'). */
  profile?: string;
}

export async function scan(opts: ScanOptions): Promise<Report> {
  const started = performance.now();
  const inv = await loadManifests(opts);
  const res = evaluate(inv.objects, inv.problems, { ...opts, mode: 'manifest' });
  return {
    tool: { name: 'kubeward', version: VERSION },
    findings: res.findings,
    suppressed: res.suppressed,
    counts: countBySeverity(res.findings),
    filesScanned: inv.files.length,
    objectsScanned: inv.objects.length,
    skipped: inv.skipped,
    errors: [...inv.errors, ...res.errors],
    notVerified: [],
    failOn: opts.failOn ?? 'high',
    durationMs: Math.round(performance.now() - started),
  };
}
