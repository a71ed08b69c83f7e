/**
 * Real helm/kustomize for the source tests, and ../shared/sources (third-party charts and
 * kustomize trees). Suites skip, saying so, when a binary or the shared folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../../src/core/model.ts';

export const SHARED_SOURCES = path.resolve(import.meta.dirname, '../../../shared/sources');
export const hasSharedSources = existsSync(SHARED_SOURCES);
const CACHE_BIN = path.join(process.env.KUBEWARD_CACHE ?? path.join(os.homedir(), '.cache', 'kubeward'), 'bin');

function onPath(name: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) {
    const f = path.join(d, name);
    if (d && existsSync(f)) return f;
  }
  return undefined;
}

/** helm: $KUBEWARD_HELM, the cache built by scripts/cluster/build.sh, or PATH. */
export const HELM = process.env.KUBEWARD_HELM || [path.join(CACHE_BIN, 'helm')].find(existsSync) || onPath('helm');
export const KUSTOMIZE =
  process.env.KUBEWARD_KUSTOMIZE || [path.join(CACHE_BIN, 'kustomize')].find(existsSync) || onPath('kustomize');

/** Environment handed to scan(): the binaries found above. */
export function toolEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(HELM ? { KUBEWARD_HELM: HELM } : {}),
    ...(KUSTOMIZE ? { KUBEWARD_KUSTOMIZE: KUSTOMIZE } : {}),
  };
}

export function describeWith(tool: 'helm' | 'kustomize', shared = false): jest.Describe {
  const bin = tool === 'helm' ? HELM : KUSTOMIZE;
  if (!bin) {
    console.warn(
      `${tool} not found (KUBEWARD_${tool.toUpperCase()}, ${CACHE_BIN}, PATH; scripts/cluster/build.sh ${tool} builds it with Go): ${tool} source tests are skipped`,
    );
    return describe.skip;
  }
  if (shared && !hasSharedSources) {
    console.warn(`shared sources not found at ${SHARED_SOURCES}: the real-chart tests are skipped`);
    return describe.skip;
  }
  return describe;
}

/** Every chart folder of shared/sources/helm. */
export function sharedCharts(): string[] {
  const root = path.join(SHARED_SOURCES, 'helm');
  return readdirSync(root)
    .map((d) => path.join(root, d))
    .sort();
}

/** A chart's environments: default values, and each ci/*.yaml (podinfo: values-prod.yaml). */
export function chartEnvironments(chart: string): Record<string, string[]> {
  const envs: Record<string, string[]> = { default: [] };
  const ci = path.join(chart, 'ci');
  if (existsSync(ci))
    for (const f of readdirSync(ci).sort()) if (/\.ya?ml$/.test(f)) envs[f.replace(/\.ya?ml$/, '')] = [`ci/${f}`];
  for (const f of readdirSync(chart)) if (/^values-.+\.ya?ml$/.test(f)) envs[f.replace(/^values-|\.ya?ml$/g, '')] = [f];
  return envs;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Does the line a finding points at hold the key (values: a segment of the values key; template:
 * a key of the field path, or a `.Values` reference; object: the `kind:` line)?
 */
export function holdsKey(cwd: string, f: Finding): boolean {
  if (!f.location) return false;
  const file = path.resolve(cwd, f.location.file);
  if (!existsSync(file)) return false;
  const line = readFileSync(file, 'utf8').split(/\r?\n/)[f.location.line - 1] ?? '';
  const traced = f.details?.traced;
  if (traced === 'object') return /^\s*kind:/.test(line);
  if (/\.Values\b/.test(line)) return true;
  const keys = f.path.split(/[.[\]"]+/).filter((k) => k && !/^\d+$/.test(k));
  if (f.details?.valuesKey) keys.push(...f.details.valuesKey.split(/[.[\]]+/).filter((k) => k && !/^\d+$/.test(k)));
  if (/^\s*-(\s|$)/.test(line)) return true; // a list item the path indexes
  return keys.some((k) => new RegExp(`^\\s*(?:-\\s+)?["']?${escapeRe(k)}["']?\\s*:`).test(line));
}
