/**
 * Delivery sources (Helm charts per environment, Kustomize overlays, Dockerfiles) -> sets of
 * objects with traced locations -> the engine -> findings naming their environment.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileGlob } from '../glob.ts';
import {
  fingerprint as fp,
  type FieldPath,
  type Finding,
  type Fix,
  type InputError,
  type ObjectRef,
  type SkippedDocument,
} from '../model.ts';
import type { EngineOptions, EngineResult } from '../engine.ts';
import type { K8sObject, LoadProblem } from '../manifests/types.ts';
import { discoverSources } from './discover.ts';
import { which } from './exec.ts';
import { renderHelmChart, type HelmChartSpec, type HelmEnvironment } from './helm.ts';
import { buildKustomization, type KustomizeSpec } from './kustomize.ts';
import type { SourceSet } from './types.ts';
import { pushAll } from '../arrays.ts';

export type { HelmChartSpec, HelmEnvironment } from './helm.ts';
export type { KustomizeSpec } from './kustomize.ts';
export type { SourceSet } from './types.ts';
export { discoverSources, isDockerfileName } from './discover.ts';

export interface SourcesConfig {
  helm?: HelmChartSpec[];
  kustomize?: KustomizeSpec[];
  /** Image name (without tag) -> Dockerfile path that builds it (cross-check with manifests). */
  images?: Record<string, string>;
  /** Values files / --set / environments for charts found among the paths without their own entry. */
  values?: string[];
  set?: string[];
  environments?: Record<string, HelmEnvironment>;
  /** Scan helm test hooks too. */
  includeTests?: boolean;
  /** false: do not render charts or build kustomizations found among the paths. */
  render?: boolean;
  /** Release name and namespace for charts found among the paths without their own entry. */
  release?: string;
  namespace?: string;
  /** Overlays (name -> directory) for kustomize folders found among the paths without their own entry. */
  overlays?: Record<string, string>;
}

export interface SourceRunOptions {
  paths: readonly string[];
  cwd: string;
  config?: SourcesConfig;
  kubeVersion: string;
  /** Exclude globs (relative to cwd). */
  exclude?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export interface LoadedSources {
  sets: SourceSet[];
  /** Globs to keep source folders out of the plain-manifest walk. */
  exclude: string[];
  dockerfiles: string[];
  errors: InputError[];
  /** Image name -> Dockerfile (relative to cwd), from `images:`. */
  images: Record<string, string>;
}

/** helm: $KUBEWARD_HELM, else `helm` on PATH. kustomize: $KUBEWARD_KUSTOMIZE, else kustomize, else kubectl. */
export function findTools(env: NodeJS.ProcessEnv = process.env): {
  helm?: string;
  kustomize?: { bin: string; args: string[] };
} {
  const helm = env.KUBEWARD_HELM || which('helm', env);
  const kz = env.KUBEWARD_KUSTOMIZE || which('kustomize', env);
  const kubectl = which('kubectl', env);
  return {
    ...(helm ? { helm } : {}),
    ...(kz
      ? { kustomize: { bin: kz, args: ['build'] } }
      : kubectl
        ? { kustomize: { bin: kubectl, args: ['kustomize'] } }
        : {}),
  };
}

const relOf = (cwd: string, f: string) => {
  const r = path.relative(cwd, f);
  return (r.startsWith('..') || path.isAbsolute(r) ? f : r).split(path.sep).join('/') || '.';
};
const globEscape = (s: string) => s.replace(/[*?[\]{}()!+@]/g, '\\$&');

export async function loadSources(opts: SourceRunOptions): Promise<LoadedSources> {
  const cfg = opts.config ?? {};
  const excludeMatch = opts.exclude?.length ? compileGlob(opts.exclude, { dot: true }) : undefined;
  const found = discoverSources(opts.paths, opts.cwd, excludeMatch);
  const out: LoadedSources = { sets: [], exclude: [], dockerfiles: [...found.dockerfiles], errors: [], images: {} };
  // Dockerfiles named in `images:` are read even when they are not among the paths
  for (const [name, file] of Object.entries(cfg.images ?? {})) {
    const full = path.resolve(opts.cwd, file);
    out.images[name] = relOf(opts.cwd, full);
    if (!out.dockerfiles.includes(full)) {
      if (existsSync(full)) out.dockerfiles.push(full);
      else
        out.errors.push({
          file: relOf(opts.cwd, full),
          message: `Dockerfile of image ${name} (sources.images) not found`,
        });
    }
  }
  const tools = findTools(opts.env);
  const keepOut = (dir: string) => {
    const r = relOf(opts.cwd, dir);
    out.exclude.push(r === '.' ? '**' : `${globEscape(r)}/**`);
  };

  const charts: HelmChartSpec[] = [...(cfg.helm ?? [])];
  const configured = new Set(charts.map((c) => path.resolve(opts.cwd, c.chart)));
  if (cfg.render !== false) {
    for (const dir of found.charts) {
      if (configured.has(dir)) continue;
      charts.push({
        chart: dir,
        ...(cfg.release ? { release: cfg.release } : {}),
        ...(cfg.namespace ? { namespace: cfg.namespace } : {}),
        ...(cfg.values ? { values: cfg.values } : {}),
        ...(cfg.set ? { set: cfg.set } : {}),
        ...(cfg.environments ? { environments: cfg.environments } : {}),
      });
    }
  }
  for (const dir of found.charts) keepOut(dir);
  for (const c of charts) {
    keepOut(path.resolve(opts.cwd, c.chart));
    const spec = cfg.includeTests && c.includeTests === undefined ? { ...c, includeTests: true } : c;
    out.sets.push(
      ...(await renderHelmChart(spec, {
        cwd: opts.cwd,
        kubeVersion: opts.kubeVersion,
        ...(tools.helm ? { helm: tools.helm } : {}),
        ...(opts.env ? { env: opts.env } : {}),
      })),
    );
  }

  const trees: KustomizeSpec[] = [...(cfg.kustomize ?? [])];
  if (cfg.overlays && cfg.render !== false) {
    // overlays given for the scan paths: each path holding them is one tree
    for (const p of opts.paths) {
      const dir = path.resolve(opts.cwd, p);
      if (!found.charts.includes(dir) && Object.values(cfg.overlays).some((o) => existsSync(path.resolve(dir, o)))) {
        trees.push({ path: dir, overlays: cfg.overlays });
      }
    }
  }
  const configuredK = new Set(trees.map((k) => path.resolve(opts.cwd, k.path)));
  const underConfigured = (d: string) => [...configuredK].some((c) => d === c || d.startsWith(c + path.sep));
  if (cfg.render !== false) {
    // several roots found under one scan path are that tree's overlays: one source, one
    // environment each (named by their folder), so a finding in every overlay is reported once
    const roots = found.kustomizations.filter((d) => !underConfigured(d));
    const grouped = new Set<string>();
    for (const p of opts.paths) {
      if (p === '-' || /[*?[\]{}]/.test(p)) continue;
      const base = path.resolve(opts.cwd, p);
      const under = roots.filter((d) => !grouped.has(d) && d !== base && d.startsWith(base + path.sep));
      if (under.length < 2 || roots.includes(base)) continue;
      const rels = under.map((d) => path.relative(base, d).split(path.sep).join('/'));
      const short = rels.map((r) => r.split('/').pop() as string);
      const names = new Set(short).size === short.length ? short : rels;
      trees.push({ path: base, overlays: Object.fromEntries(names.map((n, i) => [n, rels[i]])) });
      for (const d of under) grouped.add(d);
    }
    for (const dir of roots) if (!grouped.has(dir)) trees.push({ path: dir });
  }
  for (const d of found.kustomizeDirs) keepOut(d);
  for (const k of trees) {
    keepOut(path.resolve(opts.cwd, k.path));
    out.sets.push(
      ...(await buildKustomization(k, {
        cwd: opts.cwd,
        ...(tools.kustomize ? { kustomize: tools.kustomize } : {}),
        ...(opts.env ? { env: opts.env } : {}),
      })),
    );
  }
  return out;
}

const refKey = (o: { kind: string; namespace?: string; name: string }) => `${o.kind}/${o.namespace ?? ''}/${o.name}`;

const where = (l: { file: string; line?: number }) => `${l.file}${l.line ? `:${l.line}` : ''}`;

/**
 * A fix of a built kustomize object rewritten for the base resource it was traced to: each path's
 * part along the finding's path takes the base's list indices. Undefined when a path reaches a list
 * item the trace did not walk (its index in the base is not known).
 */
function fixInBase(fix: Fix, findingPath: FieldPath, base: { object: ObjectRef; docPath: FieldPath }): Fix | undefined {
  const q = base.docPath;
  const move = (p: FieldPath): FieldPath | undefined => {
    let k = 0;
    while (k < p.length && k < q.length && k < findingPath.length && p[k] === findingPath[k]) k++;
    if (p.slice(k).some((s) => typeof s === 'number')) return undefined;
    return [...q.slice(0, k), ...p.slice(k)];
  };
  const set = (fix.set ?? []).map((s) => ({ path: move(s.path), value: s.value }));
  const remove = (fix.remove ?? []).map(move);
  if (set.some((s) => !s.path) || remove.some((r) => !r)) return undefined;
  return {
    description: fix.description,
    object: base.object,
    ...(set.length ? { set: set.map((s) => ({ path: s.path!, value: s.value })) } : {}),
    ...(remove.length ? { remove: remove as FieldPath[] } : {}),
  };
}

/**
 * Adds environment, trace and rendered-location details; moves fixes onto the traced values file.
 * A fix that cannot be written where the finding was traced (a template, a patch) is dropped and
 * `details.manualFix` says where the change belongs.
 */
function decorate(f: Finding, set: SourceSet, byRef: Map<string, K8sObject[]>): Finding {
  if (!f.object) return f;
  const objs = byRef.get(refKey(f.object)) ?? [];
  let traced;
  for (const o of objs) {
    traced = set.traces.get(o)?.get(f.path);
    if (traced) break;
  }
  const details: Record<string, string> = { ...(f.details ?? {}) };
  details.source = `${set.tool} ${set.source}`;
  let fix = f.fix;
  if (traced) {
    details.traced = traced.trace.kind;
    if (traced.trace.valuesKey) details.valuesKey = traced.trace.valuesKey;
    details.rendered = `${traced.renderedFile}${traced.renderedLine ? `:${traced.renderedLine}` : ''}`;
    const t = traced.trace;
    if (fix && t.kind === 'values' && t.renderedPrefix && t.valuesPrefix) {
      const q = t.renderedPrefix;
      const v = t.valuesPrefix;
      const move = (p: readonly (string | number)[]) =>
        p.length >= q.length && q.every((s, i) => p[i] === s) ? [...v, ...p.slice(q.length)] : undefined;
      const set2 = (fix.set ?? []).map((s) => ({ path: move(s.path), value: s.value }));
      const rem = (fix.remove ?? []).map(move);
      if (set2.every((s) => s.path) && rem.every(Boolean)) {
        fix = {
          description: fix.description,
          document: true,
          ...(set2.length ? { set: set2.map((s) => ({ path: s.path!, value: s.value })) } : {}),
          ...(rem.length ? { remove: rem as (string | number)[][] } : {}),
        };
      } else {
        fix = undefined;
        details.manualFix = `the values under ${t.valuesKey ?? 'the traced key'} cannot take this fix as written: make it in the chart`;
      }
    } else if (fix && set.tool === 'helm') {
      // templates are not YAML the fixer can edit: say where the change belongs
      fix = undefined;
      details.manualFix = `make this change in the chart: ${where(traced.trace.location)} (kubeward fix does not edit templates)`;
    } else if (fix && set.tool === 'kustomize' && t.kind !== 'base') {
      // a patch's list positions are not the built object's, and generators are not objects
      fix = undefined;
      details.manualFix = `make this change in the ${t.kind === 'generator' ? 'kustomization' : 'patch'}: ${where(traced.trace.location)}`;
    } else if (fix && set.tool === 'kustomize') {
      // a base resource: the fix goes into the base file, on the resource as it is there (before
      // the overlay's namespace or name prefix), its list items by their index in the base
      const based = t.base ? fixInBase(fix, traced.path, t.base) : undefined;
      if (based) fix = based;
      else {
        fix = undefined;
        details.manualFix = `make this change in the base: ${where(traced.trace.location)} (the overlay changes the lists on the way there)`;
      }
    }
  } else if (fix && set.tool === 'helm') {
    fix = undefined;
    details.manualFix = `make this change in the chart ${set.source} (the field was not traced to a template or values line)`;
  }
  const { fix: _drop, ...rest } = f;
  void _drop;
  return { ...rest, details, ...(fix ? { fix } : {}) };
}

export interface SourceEvaluation {
  findings: Finding[];
  suppressed: Finding[];
  errors: InputError[];
  skipped: SkippedDocument[];
  problems: LoadProblem[];
  objects: K8sObject[];
  files: string[];
  notes: string[];
}

/**
 * Evaluates each set on its own (with its environment's profile) and merges: a finding present in
 * every environment of its source is reported once with the list; others name their environment.
 */
export async function evaluateSources(
  sets: readonly SourceSet[],
  evaluateSet: (set: SourceSet) => Promise<EngineResult>,
): Promise<SourceEvaluation> {
  const out: SourceEvaluation = {
    findings: [],
    suppressed: [],
    errors: [],
    skipped: [],
    problems: [],
    objects: [],
    files: [],
    notes: [],
  };
  const bySource = new Map<string, { set: SourceSet; res: EngineResult }[]>();
  for (const set of sets) {
    pushAll(out.errors, set.errors);
    pushAll(out.skipped, set.skipped);
    pushAll(out.objects, set.objects);
    pushAll(out.files, set.files);
    pushAll(out.notes, set.notes);
    const res = await evaluateSet(set);
    pushAll(out.errors, res.errors);
    const key = `${set.tool}\0${set.source}`;
    bySource.set(key, [...(bySource.get(key) ?? []), { set, res }]);
  }
  for (const group of bySource.values()) {
    const envs = group[0].set.environments;
    const named = !(envs.length === 1 && envs[0] === 'default');
    for (const which of ['findings', 'suppressed'] as const) {
      // the same finding across environments: same rule, field, kind and traced line (objects may
      // differ in namespace or name prefix between overlays)
      const merged = new Map<string, { f: Finding; envs: string[]; fps: Set<string>; names: Set<string> }>();
      for (const { set, res } of group) {
        const byRef = new Map<string, K8sObject[]>();
        for (const o of set.objects) byRef.set(refKey(o.ref), [...(byRef.get(refKey(o.ref)) ?? []), o]);
        for (const raw of res[which]) {
          const f = decorate(raw, set, byRef);
          const k = [
            f.ruleId,
            f.severity,
            f.path,
            f.object?.kind ?? '',
            f.location?.file ?? '',
            f.location?.line ?? '',
          ].join('\0');
          const m = merged.get(k);
          if (m) {
            m.envs.push(set.environment);
            m.fps.add(f.fingerprint);
            m.names.add(f.object?.name ?? '');
          } else
            merged.set(k, {
              f,
              envs: [set.environment],
              fps: new Set([f.fingerprint]),
              names: new Set([f.object?.name ?? '']),
            });
        }
      }
      for (const { f, envs: present, fps, names } of merged.values()) {
        if (!named) {
          out[which].push(f);
        } else if (present.length === envs.length && envs.length > 1) {
          const fingerprint =
            fps.size === 1
              ? f.fingerprint
              : fp(
                  f.ruleId,
                  undefined,
                  `${f.object?.kind ?? ''}/${[...names].sort().join(',')}/${f.path}`,
                  f.location?.file,
                );
          out[which].push({ ...f, fingerprint, details: { ...f.details, environments: present.join(', ') } });
        } else {
          for (const env of present) {
            out[which].push({
              ...f,
              fingerprint: fp(f.ruleId, f.object, `${f.path}@${env}`, f.location?.file),
              details: { ...f.details, environment: env },
            });
          }
        }
      }
    }
  }
  return out;
}

export type { EngineOptions };
