/**
 * Finds delivery sources among the scan paths: Helm charts (a folder with Chart.yaml), Kustomize
 * roots (a folder with kustomization.yaml that no other scanned kustomization uses) and
 * Dockerfiles. Their folders are then kept out of the plain-manifest walk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

export function isDockerfileName(name: string): boolean {
  return (
    /^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$/.test(name) || /\.(?:Dockerfile|dockerfile|Containerfile)$/.test(name)
  );
}

export interface Discovered {
  /** Chart directories (absolute). */
  charts: string[];
  /** Kustomization directories to build (absolute): roots only. */
  kustomizations: string[];
  /** Every kustomization directory seen (bases, components, overlays): kept out of the manifest walk. */
  kustomizeDirs: string[];
  dockerfiles: string[];
}

export function kustomizationFile(dir: string): string | undefined {
  for (const n of KUSTOMIZATION_FILES) {
    try {
      if (statSync(path.join(dir, n)).isFile()) return path.join(dir, n);
    } catch {
      // next
    }
  }
  return undefined;
}

/** Local directories a kustomization uses (resources, bases, components) and its kind. */
export function kustomizationRefs(dir: string): { kind: string; dirs: string[] } {
  const file = kustomizationFile(dir);
  if (!file) return { kind: '', dirs: [] };
  let data: Record<string, unknown>;
  try {
    data = (yaml.load(readFileSync(file, 'utf8')) as Record<string, unknown>) ?? {};
  } catch {
    return { kind: '', dirs: [] };
  }
  const dirs: string[] = [];
  for (const key of ['resources', 'bases', 'components']) {
    const list = data[key];
    if (!Array.isArray(list)) continue;
    for (const r of list) {
      if (typeof r !== 'string' || /^[a-z]+:\/\/|^github\.com\//.test(r)) continue;
      const full = path.resolve(dir, r);
      try {
        if (statSync(full).isDirectory()) dirs.push(full);
      } catch {
        // missing: kustomize reports it
      }
    }
  }
  return { kind: typeof data.kind === 'string' ? data.kind : 'Kustomization', dirs };
}

export function discoverSources(
  paths: readonly string[],
  cwd: string,
  excluded?: (rel: string) => boolean,
): Discovered {
  const out: Discovered = { charts: [], kustomizations: [], kustomizeDirs: [], dockerfiles: [] };
  const explicitRoots = new Set<string>();
  const seen = new Set<string>();
  const relOf = (f: string) => path.relative(cwd, f).split(path.sep).join('/');
  const walk = (dir: string, depth: number) => {
    if (depth > 40 || seen.has(dir)) return;
    seen.add(dir);
    if (excluded && dir !== cwd && excluded(relOf(dir))) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // the manifest loader reports unreadable paths
    }
    const names = new Set(entries.map((e) => e.name));
    if (names.has('Chart.yaml')) {
      out.charts.push(dir);
      return;
    }
    if (KUSTOMIZATION_FILES.some((n) => names.has(n))) out.kustomizeDirs.push(dir);
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(full, depth + 1);
      else if (e.isFile() && isDockerfileName(e.name) && !(excluded && excluded(relOf(full))))
        out.dockerfiles.push(full);
    }
  };
  for (const p of paths) {
    if (p === '-' || /[*?[\]{}]/.test(p)) continue;
    const full = path.resolve(cwd, p);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (kustomizationFile(full) && !statSafe(path.join(full, 'Chart.yaml'))) explicitRoots.add(full);
      walk(full, 0);
    } else if (isDockerfileName(path.basename(full))) out.dockerfiles.push(full);
    else if (KUSTOMIZATION_FILES.includes(path.basename(full))) {
      explicitRoots.add(path.dirname(full));
      walk(path.dirname(full), 0);
    }
  }
  // roots: kustomizations no other scanned kustomization uses (components never build alone)
  const used = new Set<string>();
  const kinds = new Map<string, string>();
  for (const d of out.kustomizeDirs) {
    const r = kustomizationRefs(d);
    kinds.set(d, r.kind);
    for (const x of r.dirs) used.add(x);
  }
  for (const d of out.kustomizeDirs) {
    const under = [...explicitRoots].some((r) => d !== r && d.startsWith(r + path.sep));
    if (explicitRoots.has(d) || (!used.has(d) && !under && kinds.get(d) !== 'Component')) out.kustomizations.push(d);
  }
  out.charts = [...new Set(out.charts)];
  out.dockerfiles = [...new Set(out.dockerfiles)];
  return out;
}

function statSafe(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
