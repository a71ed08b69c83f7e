/**
 * Helm charts: `helm template` per environment, then every rendered object traced back to its
 * template or values line (./trace.ts). Never prints; problems become input errors of the set.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { K8S_SCHEMA } from '../manifests/schema.ts';
import type { K8sObject } from '../manifests/types.ts';
import { formatPath, type FieldPath, type InputError } from '../model.ts';
import { run } from './exec.ts';
import { redactMessage } from './redact.ts';
import { splitRendered, type RenderedDoc } from './rendered.ts';
import {
  markValues,
  MarkerMap,
  mergeValues,
  namedTemplates,
  templateLiterals,
  templateText,
  trace,
  type TemplateText,
  type TraceInput,
  type ValuesFile,
} from './trace.ts';
import { parseYamlFile } from './yaml-paths.ts';
import type { SourceSet, TracedField } from './types.ts';
import { pushAll } from '../arrays.ts';

export interface HelmEnvironment {
  /** Values files, in order, after the chart's own values.yaml (relative to the chart, else to cwd). */
  values?: string[];
  /** `--set key=value` pairs. */
  set?: string[];
  /** Config profile applied to this environment's findings. */
  profile?: string;
}

export interface HelmChartSpec {
  /** The chart directory (holds Chart.yaml). */
  chart: string;
  release?: string;
  namespace?: string;
  kubeVersion?: string;
  /** Values files for every environment (before the environment's own). */
  values?: string[];
  set?: string[];
  /** Named value sets; each is rendered and scanned as its own set. */
  environments?: Record<string, HelmEnvironment>;
  /** Scan `helm.sh/hook: test` objects too (skipped by default). */
  includeTests?: boolean;
  /** Pass --include-crds. */
  includeCrds?: boolean;
}

export interface RenderContext {
  cwd: string;
  /** Path of the helm binary; undefined when none was found. */
  helm?: string;
  /** Target Kubernetes version ('1.34'). */
  kubeVersion: string;
  env?: NodeJS.ProcessEnv;
}

const rel = (cwd: string, f: string) => {
  const r = path.relative(cwd, f);
  return (r.startsWith('..') || path.isAbsolute(r) ? f : r).split(path.sep).join('/') || '.';
};

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Charts this chart depends on that are neither vendored in charts/ nor local (file://). */
export function missingDependencies(chartDir: string): string[] {
  const deps: { name: string; alias?: string; repository?: string }[] = [];
  for (const f of ['Chart.yaml', 'requirements.yaml']) {
    const p = path.join(chartDir, f);
    if (!existsSync(p)) continue;
    try {
      const d = yaml.load(readFileSync(p, 'utf8')) as { dependencies?: unknown };
      if (Array.isArray(d?.dependencies))
        for (const x of d.dependencies) if (isObj(x) && typeof x.name === 'string') deps.push(x as never);
    } catch {
      // Chart.yaml errors are helm's to report
    }
  }
  if (!deps.length) return [];
  const vendored = existsSync(path.join(chartDir, 'charts')) ? readdirSync(path.join(chartDir, 'charts')) : [];
  return deps
    .filter((d) => {
      if (typeof d.repository === 'string' && d.repository.startsWith('file://')) {
        return !existsSync(path.resolve(chartDir, d.repository.slice(7)));
      }
      return !vendored.some((v) => v === d.name || (v.startsWith(`${d.name}-`) && v.endsWith('.tgz')));
    })
    .map((d) => d.name);
}

function resolveValuesFile(chartDir: string, cwd: string, f: string): string {
  const inChart = path.resolve(chartDir, f);
  return existsSync(inChart) ? inChart : path.resolve(cwd, f);
}

/** Every template file's text, for the quoted literals that must not be replaced by markers. */
function allTemplateText(chartDir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ya?ml|tpl|txt|json)$/.test(e.name)) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(chartDir, 'templates'));
  return out.join('\n');
}

/** A valid release name from the chart's name (else its folder's). */
function releaseName(chartDir: string): string {
  let name = path.basename(chartDir);
  try {
    const c = yaml.load(readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8')) as { name?: unknown };
    if (typeof c?.name === 'string' && c.name) name = c.name;
  } catch {
    // helm reports a broken Chart.yaml
  }
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 53)
    .replace(/-+$/, '');
  return clean || 'release';
}

function kubeVersionArg(v: string): string {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  return m ? `v${m[1]}.${m[2]}.${m[3] ?? '0'}` : v;
}

function isTestHook(obj: K8sObject): boolean {
  const md = obj.data.metadata;
  const ann = isObj(md) && isObj(md.annotations) ? md.annotations : {};
  const hook = ann['helm.sh/hook'];
  return typeof hook === 'string' && hook.split(',').some((h) => /^test(-success|-failure)?$/.test(h.trim()));
}

/** The environments of a spec: name -> value files and --set pairs (one 'default' when none). */
export function environmentsOf(
  spec: HelmChartSpec,
): { name: string; values: string[]; set: string[]; profile?: string }[] {
  const envs = Object.entries(spec.environments ?? {});
  if (!envs.length) return [{ name: 'default', values: [...(spec.values ?? [])], set: [...(spec.set ?? [])] }];
  return envs.map(([name, e]) => ({
    name,
    values: [...(spec.values ?? []), ...(e.values ?? [])],
    set: [...(spec.set ?? []), ...(e.set ?? [])],
    ...(e.profile ? { profile: e.profile } : {}),
  }));
}

export async function renderHelmChart(spec: HelmChartSpec, ctx: RenderContext): Promise<SourceSet[]> {
  const chartDir = path.resolve(ctx.cwd, spec.chart);
  const chartRel = rel(ctx.cwd, chartDir);
  const envs = environmentsOf(spec);
  const names = envs.map((e) => e.name);
  const empty = (environment: string, errors: InputError[], profile?: string): SourceSet => ({
    tool: 'helm',
    source: chartRel,
    environment,
    environments: names,
    ...(profile ? { profile } : {}),
    objects: [],
    skipped: [],
    problems: [],
    errors,
    notes: [],
    files: [],
    traces: new Map(),
    renderMs: 0,
  });
  if (!existsSync(path.join(chartDir, 'Chart.yaml'))) {
    return [empty(names[0], [{ file: chartRel, message: `not a Helm chart: ${chartRel}/Chart.yaml is missing` }])];
  }
  if (!ctx.helm) {
    return [
      empty(names[0], [
        { file: chartRel, message: `helm is needed to scan ${chartRel}: install it or render the chart yourself` },
      ]),
    ];
  }
  const missing = missingDependencies(chartDir);
  if (missing.length) {
    return [
      empty(names[0], [
        {
          file: `${chartRel}/Chart.yaml`,
          message: `chart ${chartRel} depends on ${missing.join(', ')}, not found in ${chartRel}/charts/: run \`helm dependency build ${chartRel}\` first (kubeward fetches nothing)`,
        },
      ]),
    ];
  }
  const allText = allTemplateText(chartDir);
  const keep = templateLiterals(allText);
  const defines = namedTemplates(allText);
  const templates = new Map<string, TemplateText | null>();
  const templateOf = (source: string): { file: string; text: TemplateText | null } => {
    // helm prints `<chart name>/templates/x.yaml` (subcharts: `<chart>/charts/<sub>/templates/x.yaml`)
    const inChart = source.split('/').slice(1).join('/');
    const full = path.join(chartDir, inChart);
    const file = rel(ctx.cwd, full);
    if (!templates.has(file)) {
      let t: TemplateText | null = null;
      try {
        if (statSync(full).isFile()) t = templateText(file, readFileSync(full, 'utf8'), defines);
      } catch {
        t = null;
      }
      templates.set(file, t);
    }
    return { file, text: templates.get(file) ?? null };
  };

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'kubeward-helm-'));
  try {
    const sets: SourceSet[] = [];
    for (const env of envs) {
      const set = empty(env.name, [], env.profile);
      sets.push(set);
      const files = env.values.map((f) => resolveValuesFile(chartDir, ctx.cwd, f));
      const absent = files.filter((f) => !existsSync(f));
      if (absent.length) {
        set.errors.push(
          ...absent.map((f) => ({
            file: rel(ctx.cwd, f),
            message: `values file of chart ${chartRel} (environment ${env.name}) not found`,
          })),
        );
        continue;
      }
      const setValues = env.set.map((s) => s.slice(s.indexOf('=') + 1));
      const baseArgs = [
        'template',
        spec.release ?? releaseName(chartDir),
        chartDir,
        '--kube-version',
        kubeVersionArg(spec.kubeVersion ?? ctx.kubeVersion),
        ...(spec.namespace ? ['--namespace', spec.namespace] : []),
        ...(spec.includeCrds ? ['--include-crds'] : []),
      ];
      const setArgs = env.set.flatMap((s) => ['--set', s]);
      const t0 = performance.now();
      const res = await run(ctx.helm, [...baseArgs, ...files.flatMap((f) => ['-f', f]), ...setArgs], {
        cwd: ctx.cwd,
        ...(ctx.env ? { env: ctx.env } : {}),
      });
      set.renderMs += performance.now() - t0;
      if (res.spawnError) {
        set.errors.push({
          file: chartRel,
          message: `helm is needed to scan ${chartRel}: install it or render the chart yourself (${res.spawnError})`,
        });
        continue;
      }
      if (res.code !== 0) {
        set.errors.push({
          file: chartRel,
          message: `helm template failed for ${chartRel}${envs.length > 1 || env.name !== 'default' ? ` (environment ${env.name})` : ''}: ${redactMessage(res.stderr || res.stdout, setValues)}`,
        });
        continue;
      }
      const renderedName = `${chartRel} (helm template${env.name === 'default' ? '' : `, ${env.name}`})`;
      const real = splitRendered(res.stdout, renderedName);
      pushAll(set.problems, real.problems);
      pushAll(set.skipped, real.skipped);

      // marker rendering: the merged values with leaves replaced by markers
      let valuesData: unknown = {};
      const valueFiles: ValuesFile[] = [];
      const chartValues = path.join(chartDir, 'values.yaml');
      const parseErrors: string[] = [];
      for (const f of [...(existsSync(chartValues) ? [chartValues] : []), ...files]) {
        try {
          const text = readFileSync(f, 'utf8');
          valuesData = mergeValues(valuesData, yaml.load(text, { schema: K8S_SCHEMA }) ?? {});
          valueFiles.push({ file: rel(ctx.cwd, f), yaml: parseYamlFile(text) });
        } catch (e) {
          parseErrors.push(`${rel(ctx.cwd, f)}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      pushAll(
        set.files,
        valueFiles.map((v) => v.file),
      );
      let markerDocs: Map<string, RenderedDoc> | undefined;
      let marked: ReturnType<typeof markValues> | undefined;
      if (!parseErrors.length) {
        for (const numbers of [true, false]) {
          marked = markValues(valuesData, { numbers, keep });
          const mf = path.join(tmp, `markers-${env.name.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
          await writeFile(mf, JSON.stringify(marked.values));
          const t1 = performance.now();
          const mres = await run(ctx.helm, [...baseArgs, '-f', mf, ...setArgs], {
            cwd: ctx.cwd,
            ...(ctx.env ? { env: ctx.env } : {}),
          });
          set.renderMs += performance.now() - t1;
          if (mres.code === 0) {
            markerDocs = new Map(
              splitRendered(mres.stdout, 'markers').docs.map((d) => [
                `${d.source}\0${d.ordinal}\0${d.obj.ref.kind}`,
                d,
              ]),
            );
            break;
          }
        }
      }
      if (!markerDocs) {
        set.notes.push(
          `${chartRel}${env.name === 'default' ? '' : ` (${env.name})`}: values could not be traced by marker rendering; findings are traced through the template text only`,
        );
      }

      let tests = 0;
      for (const d of real.docs) {
        if (isTestHook(d.obj) && !spec.includeTests) {
          tests++;
          const { file } = templateOf(d.source);
          set.skipped.push({
            file,
            line: 1,
            reason: `Helm test hook (helm.sh/hook: test) ${d.obj.ref.kind}/${d.obj.ref.name}: skipped by default (sources.helm includeTests: true scans it)`,
          });
          continue;
        }
        const { file, text } = templateOf(d.source);
        const rendered = d.obj;
        if (!text) {
          // no template file to trace to (a generated document): keep the rendered positions
          set.objects.push(rendered);
          continue;
        }
        if (!set.files.includes(file)) set.files.push(file);
        const md = markerDocs?.get(`${d.source}\0${d.ordinal}\0${rendered.ref.kind}`);
        const input: TraceInput = {
          data: rendered.data,
          template: text,
          kind: rendered.ref.kind,
          ordinal: d.ordinal,
          values: valueFiles,
          ...(md && marked ? { markers: new MarkerMap(rendered.data, md.obj.data, marked) } : {}),
        };
        const traced = new Map<string, TracedField>();
        const obj: K8sObject = {
          data: rendered.data,
          ref: rendered.ref,
          origin: 'manifest',
          file,
          docPath: [],
          source: { file, fileText: text.text, start: 0, end: text.text.length },
          locate(p: FieldPath) {
            const t = trace(input, p);
            const r = rendered.locate?.(p);
            traced.set(formatPath(p), {
              path: p,
              trace: t,
              renderedFile: renderedName,
              ...(r ? { renderedLine: r.line } : {}),
            });
            return t.location;
          },
        };
        set.traces.set(obj, traced);
        set.objects.push(obj);
      }
      if (tests) {
        set.notes.push(
          `${chartRel}${env.name === 'default' ? '' : ` (${env.name})`}: ${tests} Helm test hook ${tests === 1 ? 'object' : 'objects'} skipped (helm.sh/hook: test; includeTests: true scans them)`,
        );
      }
    }
    return sets;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
