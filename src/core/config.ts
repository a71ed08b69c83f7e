/**
 * `.kubeward.yaml`: rules on/off, severity overrides, rule options, presets, profiles,
 * exemptions and the suppression switch. Parsed with the `yaml` package (for positions),
 * validated against schema/kubeward.schema.json (ajv) and then against the rule catalog.
 * Any problem is a ConfigError naming file, line, column and what is wrong.
 */
import { editDistance } from './text.ts';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { compileGlob, globProblem } from './glob.ts';
import schema from '../../schema/kubeward.schema.json' with { type: 'json' };
import { isSeverity, type Severity } from './model.ts';
import { defaultSetting, type RuleSetting } from './engine.ts';
import { catalog } from './rules/index.ts';
import type { Rule, RuleMeta, RuleOption } from './rules/types.ts';
import { customRule, customRuleErrors, readCustomRule, type CustomRuleSpec } from './policies/custom.ts';
import type { HelmEnvironment, SourcesConfig } from './sources/index.ts';

export { isExpired, isoDate } from './suppress.ts';
import type { Exemption } from './suppress.ts';
export type { Exemption };

/** File names looked for, in this order. */
export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'] as const;

export interface ConfigProblem {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. the file cannot be read). */
  line: number;
  column: number;
  message: string;
}

/** An invalid or unreadable configuration. The CLI maps it to exit code 2. */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Every problem found (the fields above are the first one's). */
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const first = problems[0] ?? { file: '', line: 0, column: 0, message: 'invalid configuration' };
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
    this.problems = problems;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return where ? `${where}: ${p.message}` : p.message;
}

export type Preset = 'baseline' | 'restricted';

/** One rule's configuration: enabled and severity, plus the rule's own options. */
export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
  options: Record<string, unknown>;
}

export interface SuppressionSwitch {
  annotations?: boolean;
  inline?: boolean;
}

/** The settings of the top level or of one profile. */
export interface ConfigLayer {
  failOn?: Severity;
  kubeVersion?: string;
  preset?: Preset;
  include: string[];
  exclude: string[];
  rules: Record<string, RuleConfig>;
  exemptions: Exemption[];
  suppressions: SuppressionSwitch;
}

export interface KubewardConfig extends ConfigLayer {
  /** The file as given or found (relative to cwd when inside it). */
  file: string;
  /** Absolute directory of the file: globs in the file are relative to it. */
  dir: string;
  profiles: Record<string, ConfigLayer>;
  /** `policies:` globs (relative to `dir`): admission policies that judge the scanned manifests. */
  policies: string[];
  /** `customRules:` CEL rules, as declared. */
  customRules: CustomRuleSpec[];
  /** Line and column of each profile's key and of the `profiles` key, for messages. */
  profilePositions: Record<string, { line: number; column: number }>;
  /** `sources:` (charts, kustomize trees, images), with paths made absolute from the file's directory. */
  sources?: SourcesConfig;
  /** The admin section (`policy:`), top level only. */
  policy?: PolicySection;
}

/**
 * `policy:`, what a pull request may not change. Meant for a configuration the pull request does
 * not control (the action's `config` read at the base ref): see docs/security.md.
 */
export interface PolicySection {
  /** This configuration is the policy: annotations and inline comments apply only as allowed. */
  locked: boolean;
  /** Rules no suppression of any kind may silence. */
  lockedRules: string[];
  allowSuppressions: { annotations: boolean; inline: boolean; wildcard: boolean };
  maxExemptionDays?: number;
}

function parsePolicy(ctx: ParseContext, raw: unknown): PolicySection | undefined {
  if (!isPlainObject(raw)) return undefined;
  const lockedRules = Array.isArray(raw.lockedRules)
    ? raw.lockedRules.filter((x): x is string => typeof x === 'string')
    : [];
  lockedRules.forEach((r, i) => {
    if (!ctx.rules.has(r))
      problem(ctx, ['policy', 'lockedRules', i], `unknown rule "${r}"${didYouMean(r, ctx.rules.keys())}`);
  });
  const a = raw.allowSuppressions;
  const allow =
    typeof a === 'boolean'
      ? { annotations: a, inline: a, wildcard: false }
      : isPlainObject(a)
        ? {
            annotations: a.annotations !== false,
            inline: a.inline !== false,
            wildcard: a.wildcard === true,
          }
        : { annotations: true, inline: true, wildcard: false };
  return {
    locked: raw.locked === true,
    lockedRules,
    allowSuppressions: allow,
    ...(typeof raw.maxExemptionDays === 'number' ? { maxExemptionDays: raw.maxExemptionDays } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The candidate closest to `name` (case-insensitive edit distance, prefix/substring matches first). */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const l = c.toLowerCase();
    let score = editDistance(n, l);
    if (l.includes(n) || n.includes(l)) score = Math.min(score, Math.abs(l.length - n.length) / 2);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** `; did you mean "x"?` when a candidate is close; else the closest one, or nothing when `always` is false. */
function didYouMean(name: string, candidates: Iterable<string>, always = true): string {
  const c = closest(name, candidates);
  if (!c) return '';
  const near = editDistance(name.toLowerCase(), c.toLowerCase()) <= Math.max(2, Math.ceil(name.length / 3));
  const related = c.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(c.toLowerCase());
  if (near || related) return `; did you mean "${c}"?`;
  return always ? ` (the closest valid name is "${c}")` : '';
}

function isGlob(s: string): boolean {
  return /[*?[\]{}!]/.test(s);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// ---------------------------------------------------------------------------------------------
// Positions

type Seg = string | number;

class Positions {
  private readonly doc: Document;
  private readonly lc: LineCounter;
  private readonly text: string;

  constructor(doc: Document, lc: LineCounter, text: string) {
    this.doc = doc;
    this.lc = lc;
    this.text = text;
  }

  /** Source text of the scalar at `segs`, when there is one. */
  raw(segs: readonly Seg[]): string | undefined {
    const node = this.doc.getIn(segs, true);
    return isScalar(node) && node.range ? this.text.slice(node.range[0], node.range[1]).trim() : undefined;
  }

  /** Position of the value at `segs` (or of its key with `key`), else of the deepest existing parent. */
  at(segs: readonly Seg[], key = false): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let found: unknown = node;
    for (const seg of segs) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
        if (!pair) break;
        node = pair.value;
        found = key ? pair.key : (node ?? pair.key);
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        node = item;
        found = node;
      } else break;
    }
    const range = (found as { range?: [number, number, number] } | null | undefined)?.range;
    if (!range) return { line: 1, column: 1 };
    const p = this.lc.linePos(range[0]);
    return { line: p.line, column: p.col };
  }
}

function describePath(segs: readonly Seg[]): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out || '(top level)';
}

// ---------------------------------------------------------------------------------------------
// Schema validation

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    validator = ajv.compile(schema);
  }
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** The JSON schema of the configuration (schema/kubeward.schema.json). */
export const configSchema: Readonly<Record<string, unknown>> = schema;

function decodePointer(p: string): Seg[] {
  if (!p) return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function ajvProblem(e: ErrorObject, file: string, pos: Positions): ConfigProblem {
  const segs = decodePointer(e.instancePath);
  const where = describePath(segs);
  const last = segs[segs.length - 1];
  const params = e.params as Record<string, unknown>;
  let message: string;
  let at = pos.at(segs);
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const props = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      at = pos.at([...segs, prop], true);
      message = `unknown key "${prop}" ${segs.length ? `in ${where}` : 'at the top level'}${didYouMean(prop, props)}${props.length ? ` (valid keys: ${props.join(', ')})` : ''}`;
      break;
    }
    case 'required':
      message = `${where} is missing the required key "${String(params.missingProperty)}"`;
      break;
    case 'enum':
      message = `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')} (got ${typeName(e.data)})`;
      break;
    case 'type': {
      message = `${where} must be ${params.type === 'object' ? 'a mapping' : params.type === 'array' ? 'a list' : `a ${String(params.type)}`} (got ${typeName(e.data)})`;
      if (last === 'kubeVersion' && typeof e.data === 'number')
        message += `; quote it: kubeVersion: "${pos.raw(segs) ?? String(e.data)}" (YAML reads 1.30 as the number 1.3)`;
      if ((last === 'enabled' || last === 'annotations' || last === 'inline') && typeof e.data === 'string')
        message += '; write true or false';
      break;
    }
    case 'pattern':
      if (last === 'expires') message = `${where} must be a date YYYY-MM-DD (got ${typeName(e.data)})`;
      else if (last === 'kubeVersion')
        message = `${where} must be a Kubernetes version like "1.34" (got ${typeName(e.data)})`;
      else message = `${where} ${e.message ?? 'is invalid'} (got ${typeName(e.data)})`;
      break;
    default:
      message = `${where} ${e.message ?? 'is invalid'}`;
  }
  return { file, ...at, message };
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface ParseContext {
  file: string;
  pos: Positions;
  problems: ConfigProblem[];
  rules: ReadonlyMap<string, RuleMeta>;
}

/** Records a problem, unless the schema already reported one at the same place. */
function problem(ctx: ParseContext, segs: readonly Seg[], message: string, key = false): void {
  const at = ctx.pos.at(segs, key);
  if (ctx.problems.some((p) => p.line === at.line && p.column === at.column)) return;
  ctx.problems.push({ file: ctx.file, ...at, message });
}

function checkOptionType(opt: RuleOption, v: unknown): string | undefined {
  switch (opt.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : 'a number';
    case 'string':
      return typeof v === 'string' ? undefined : 'a string';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'true or false';
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'a list of strings';
    case 'object':
      return isPlainObject(v) ? undefined : 'a mapping';
    default:
      return undefined;
  }
}

function parseRules(ctx: ParseContext, raw: unknown, base: Seg[]): Record<string, RuleConfig> {
  const out: Record<string, RuleConfig> = {};
  if (!isPlainObject(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const meta = ctx.rules.get(id);
    if (!meta) {
      problem(ctx, [...base, id], `unknown rule "${id}"${didYouMean(id, ctx.rules.keys())}`, true);
      continue;
    }
    const setting = isPlainObject(value) ? value : {};
    const rc: RuleConfig = { options: {} };
    if (typeof setting.enabled === 'boolean') rc.enabled = setting.enabled;
    if (isSeverity(setting.severity)) rc.severity = setting.severity;
    const declared = meta.options ?? {};
    for (const [k, v] of Object.entries(setting)) {
      if (k === 'enabled' || k === 'severity') continue;
      const opt = declared[k];
      if (!opt) {
        const names = Object.keys(declared);
        problem(
          ctx,
          [...base, id, k],
          names.length
            ? `rule "${id}" has no option "${k}"${didYouMean(k, [...names, 'enabled', 'severity'])} (options: ${names.join(', ')}, enabled, severity)`
            : `rule "${id}" has no option "${k}"${didYouMean(k, ['enabled', 'severity'])} (it takes only enabled and severity)`,
          true,
        );
        continue;
      }
      const want = checkOptionType(opt, v);
      if (want) {
        problem(ctx, [...base, id, k], `rule "${id}" option "${k}" must be ${want} (got ${typeName(v)})`);
        continue;
      }
      rc.options[k] = v;
    }
    out[id] = rc;
  }
  return out;
}

function parseExemptions(ctx: ParseContext, raw: unknown, base: Seg[]): Exemption[] {
  const out: Exemption[] = [];
  if (!Array.isArray(raw)) return out;
  raw.forEach((item, i) => {
    if (!isPlainObject(item)) return;
    const at = [...base, i];
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const rules = strings(item.rules);
    const objects = strings(item.objects);
    const paths = strings(item.paths);
    let ok = true;
    rules.forEach((r, j) => {
      const bad = isGlob(r) ? globProblem(r) : undefined;
      if (bad) {
        problem(ctx, [...at, 'rules', j], bad);
        ok = false;
      } else if (isGlob(r)) {
        const m = compileGlob(r);
        if (![...ctx.rules.keys()].some((id) => m(id))) {
          problem(ctx, [...at, 'rules', j], `rule pattern "${r}" matches no rule`);
          ok = false;
        }
      } else if (!ctx.rules.has(r)) {
        problem(ctx, [...at, 'rules', j], `unknown rule "${r}"${didYouMean(r, ctx.rules.keys())}`);
        ok = false;
      }
    });
    paths.forEach((g, j) => {
      const bad = globProblem(g);
      if (bad) {
        problem(ctx, [...at, 'paths', j], bad);
        ok = false;
      }
    });
    objects.forEach((o, j) => {
      const n = o.split('/').length;
      const bad = globProblem(o);
      if (bad) {
        problem(ctx, [...at, 'objects', j], bad);
        ok = false;
      } else if (n < 2 || n > 3 || o.split('/').some((s) => s === '')) {
        problem(
          ctx,
          [...at, 'objects', j],
          `object "${o}" must be Kind/namespace/name (namespaced) or Kind/name (cluster-scoped), globs allowed`,
        );
        ok = false;
      }
    });
    if (!objects.length && !paths.length) {
      problem(
        ctx,
        at,
        'an exemption needs objects or paths to say what it covers (to turn a rule off everywhere, set rules.<id>.enabled: false)',
      );
      ok = false;
    }
    const expires = typeof item.expires === 'string' ? item.expires : undefined;
    if (expires !== undefined && !isValidDate(expires)) {
      problem(ctx, [...at, 'expires'], `expires "${expires}" is not a valid date (YYYY-MM-DD)`);
      ok = false;
    }
    if (!ok) return;
    const p = ctx.pos.at(at);
    out.push({
      rules,
      objects,
      paths,
      reason: String(item.reason),
      ...(expires ? { expires } : {}),
      file: ctx.file,
      line: p.line,
      column: p.column,
    });
  });
  return out;
}

function parseLayer(ctx: ParseContext, raw: Record<string, unknown>, base: Seg[]): ConfigLayer {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  for (const key of ['include', 'exclude'] as const) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    list.forEach((g, j) => {
      const bad = typeof g === 'string' ? globProblem(g) : undefined;
      if (bad) problem(ctx, [...base, key, j], bad);
    });
  }
  const sw = isPlainObject(raw.suppressions) ? raw.suppressions : {};
  return {
    ...(isSeverity(raw.failOn) ? { failOn: raw.failOn } : {}),
    ...(typeof raw.kubeVersion === 'string' ? { kubeVersion: raw.kubeVersion } : {}),
    ...(raw.preset === 'baseline' || raw.preset === 'restricted' ? { preset: raw.preset } : {}),
    include: strings(raw.include),
    exclude: strings(raw.exclude),
    rules: parseRules(ctx, raw.rules, [...base, 'rules']),
    exemptions: parseExemptions(ctx, raw.exemptions, [...base, 'exemptions']),
    suppressions: {
      ...(typeof sw.annotations === 'boolean' ? { annotations: sw.annotations } : {}),
      ...(typeof sw.inline === 'boolean' ? { inline: sw.inline } : {}),
    },
  };
}

export interface ParseConfigOptions {
  /** Absolute directory globs are relative to; defaults to the file's directory (from cwd). */
  dir?: string;
  /** Rules to validate against; the catalog by default. */
  rules?: readonly Rule[];
}

/** Parses and validates configuration text. Throws ConfigError listing every problem. */
export function parseConfig(text: string, file: string, opts: ParseConfigOptions = {}): KubewardConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const p = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
        return { file, line: p.line, column: p.col, message: `YAML syntax error: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const pos = new Positions(doc, lc, text);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read YAML: ${(e as Error).message}` }]);
  }
  if (!isPlainObject(data)) {
    throw new ConfigError([
      { file, ...pos.at([]), message: `the configuration must be a mapping (got ${typeName(data)})` },
    ]);
  }
  const errors = validate(data);
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = ajvProblem(e, file, pos);
    const key = formatProblem(p);
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  const rules = new Map((opts.rules ?? catalog).map((r) => [r.meta.id, r.meta]));
  const customRules: CustomRuleSpec[] = [];
  if (Array.isArray(data.customRules)) {
    data.customRules.forEach((raw, i) => {
      if (!isPlainObject(raw)) return;
      const at = pos.at(['customRules', i]);
      const spec = readCustomRule(raw, file, at.line);
      if (!spec) return; // the schema reported what is missing
      if (rules.has(spec.id)) {
        const where = customRules.some((c) => c.id === spec.id) ? 'another custom rule' : 'a built-in rule';
        problems.push({
          file,
          ...pos.at(['customRules', i, 'id']),
          message: `custom rule id "${spec.id}" is already ${where}'s id`,
        });
        return;
      }
      const errs = customRuleErrors(spec);
      for (const e of errs) {
        const key = e.key.startsWith('variables[')
          ? ['variables', Number(/\d+/.exec(e.key)![0]), 'expression']
          : [e.key];
        problems.push({
          file,
          ...pos.at(['customRules', i, ...key]),
          message: `custom rule "${spec.id}": ${e.message}`,
        });
      }
      if (errs.length) return;
      customRules.push(spec);
      rules.set(spec.id, customRule(spec).meta);
    });
  }
  const ctx: ParseContext = { file, pos, problems, rules };
  const top = parseLayer(ctx, data, []);
  const profiles: Record<string, ConfigLayer> = {};
  const profilePositions: Record<string, { line: number; column: number }> = {};
  if (isPlainObject(data.profiles)) {
    profilePositions[''] = pos.at(['profiles'], true);
    for (const [name, raw] of Object.entries(data.profiles)) {
      profilePositions[name] = pos.at(['profiles', name], true);
      if (isPlainObject(raw)) profiles[name] = parseLayer(ctx, raw, ['profiles', name]);
    }
  }
  const policy = parsePolicy(ctx, data.policy);
  const dir = opts.dir ?? path.resolve(path.dirname(file));
  const sources = isPlainObject(data.sources)
    ? sourcesConfig(data.sources, dir, profiles, pos, file, problems)
    : undefined;
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(problems);
  }
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    ...top,
    file,
    dir,
    profiles,
    profilePositions,
    ...(sources ? { sources } : {}),
    ...(policy ? { policy } : {}),
    policies: strings(data.policies),
    customRules,
  };
}

/** `sources:` with environment shorthands expanded, directories absolute, profiles checked. */
function sourcesConfig(
  raw: Record<string, unknown>,
  dir: string,
  profiles: Record<string, ConfigLayer>,
  pos: Positions,
  file: string,
  problems: ConfigProblem[],
): SourcesConfig {
  const src = raw as SourcesConfig & Record<string, unknown>;
  const checkProfile = (name: string | undefined, at: Seg[]) => {
    if (name !== undefined && !Object.hasOwn(profiles, name)) {
      problems.push({
        file,
        ...pos.at(at, false),
        message: `unknown profile "${name}"${didYouMean(name, Object.keys(profiles), false)}`,
      });
    }
  };
  const envs = (e: unknown, at: Seg[]): Record<string, HelmEnvironment> | undefined => {
    if (!isPlainObject(e)) return undefined;
    const out: Record<string, HelmEnvironment> = {};
    for (const [name, v] of Object.entries(e)) {
      if (Array.isArray(v)) out[name] = { values: v as string[] };
      else if (isPlainObject(v)) {
        out[name] = v as HelmEnvironment;
        checkProfile(out[name].profile, [...at, name, 'profile']);
      }
    }
    return out;
  };
  const out: SourcesConfig = { ...(src as SourcesConfig) };
  if (Array.isArray(src.helm)) {
    out.helm = src.helm.map((c, i) => {
      const e = envs(c.environments, ['sources', 'helm', i, 'environments']);
      return { ...c, chart: path.resolve(dir, c.chart), ...(e ? { environments: e } : {}) };
    });
  }
  if (Array.isArray(src.kustomize)) {
    out.kustomize = src.kustomize.map((k, i) => {
      for (const [name, o] of Object.entries(k.overlays ?? {}))
        if (typeof o === 'object') checkProfile(o.profile, ['sources', 'kustomize', i, 'overlays', name, 'profile']);
      return { ...k, path: path.resolve(dir, k.path) };
    });
  }
  const e = envs(src.environments, ['sources', 'environments']);
  if (e) out.environments = e;
  if (isPlainObject(src.images)) {
    out.images = Object.fromEntries(Object.entries(src.images).map(([k, v]) => [k, path.resolve(dir, String(v))]));
  }
  return out;
}

/** Reads and parses a config file. `file` is shown in messages as given. */
export async function loadConfigFile(
  file: string,
  cwd: string = process.cwd(),
  rules?: readonly Rule[],
): Promise<KubewardConfig> {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        file,
        line: 0,
        column: 0,
        message: `cannot read the configuration file: ${code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message)}`,
      },
    ]);
  }
  return parseConfig(text, file, { dir: path.dirname(abs), ...(rules ? { rules } : {}) });
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

function display(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/**
 * The config file to use: `configFile` when given; else .kubeward.yaml/.kubeward.yml in cwd;
 * else in the first scanned path that is a directory. Returned as shown in messages.
 */
export async function findConfigFile(opts: {
  configFile?: string;
  cwd?: string;
  paths?: readonly string[];
}): Promise<string | undefined> {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.configFile) return display(path.resolve(cwd, opts.configFile), cwd);
  const dirs = [cwd];
  for (const p of opts.paths ?? []) {
    if (p === '-' || isGlob(p)) continue;
    const abs = path.resolve(cwd, p);
    if (await isDir(abs)) {
      dirs.push(abs);
      break;
    }
  }
  for (const dir of dirs) {
    for (const name of CONFIG_FILE_NAMES) {
      const f = path.join(dir, name);
      if (await isFile(f)) return display(f, cwd);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Resolution: profile overlay, preset, rule settings

export interface ResolvedConfig {
  /** The config file used, if any. */
  file?: string;
  /** The admin section, when the file has one (never from a profile). */
  policy?: PolicySection;
  profile?: string;
  failOn?: Severity;
  kubeVersion?: string;
  preset?: Preset;
  /** Globs rebased to the scan's cwd (feed LoadOptions). */
  include: string[];
  exclude: string[];
  rules: Record<string, RuleConfig>;
  /** Exemptions with `paths` rebased to the scan's cwd. */
  exemptions: Exemption[];
  suppressions: { annotations: boolean; inline: boolean };
  /** `policies:` globs rebased to the scan's cwd. */
  policies: string[];
  /** `customRules:` as Rules (run like the catalog's). */
  customRules: Rule[];
  /** The engine's `settings` hook. */
  settings(meta: RuleMeta): RuleSetting;
  /** `sources:` of the configuration (paths absolute). */
  sources?: SourcesConfig;
}

/** Rewrites a glob relative to `dir` as one relative to `cwd`. */
export function rebaseGlob(pattern: string, dir: string, cwd: string): string {
  const neg = pattern.startsWith('!') ? '!' : '';
  let p = neg ? pattern.slice(1) : pattern;
  if (path.isAbsolute(p)) return pattern;
  p = p.replace(/^(\.\/)+/, '');
  const rel = path.relative(cwd, dir).split(path.sep).join('/');
  return neg + (rel ? `${rel}/${p}` : p);
}

function overlay(top: ConfigLayer, p: ConfigLayer | undefined): ConfigLayer {
  if (!p) return top;
  const rules: Record<string, RuleConfig> = { ...top.rules };
  for (const [id, rc] of Object.entries(p.rules)) {
    const t = rules[id];
    if (!t) {
      rules[id] = rc;
      continue;
    }
    const merged: RuleConfig = { options: { ...t.options, ...rc.options } };
    const enabled = rc.enabled ?? t.enabled;
    const severity = rc.severity ?? t.severity;
    if (enabled !== undefined) merged.enabled = enabled;
    if (severity !== undefined) merged.severity = severity;
    rules[id] = merged;
  }
  return {
    failOn: p.failOn ?? top.failOn,
    kubeVersion: p.kubeVersion ?? top.kubeVersion,
    preset: p.preset ?? top.preset,
    include: [...top.include, ...p.include],
    exclude: [...top.exclude, ...p.exclude],
    rules,
    exemptions: [...top.exemptions, ...p.exemptions],
    suppressions: { ...top.suppressions, ...p.suppressions },
  };
}

/** The setting of one rule under a preset and rule configuration. */
export function ruleSetting(meta: RuleMeta, preset: Preset | undefined, rc: RuleConfig | undefined): RuleSetting {
  const d = defaultSetting(meta);
  let enabled = d.enabled;
  if (preset === 'baseline' && meta.pss === 'baseline') enabled = true;
  if (preset === 'restricted' && (meta.pss === 'baseline' || meta.pss === 'restricted')) enabled = true;
  if (!rc) return { ...d, enabled };
  if (rc.enabled !== undefined) enabled = rc.enabled;
  else if (Object.keys(rc.options).length) enabled = true; // configuring a rule's options turns it on
  return { enabled, severity: rc.severity ?? d.severity, options: { ...d.options, ...rc.options } };
}

/**
 * Applies the chosen profile over the top level and returns what the scan needs. Without a
 * config, the defaults. Throws ConfigError for an unknown profile.
 */
export function resolveConfig(
  config: KubewardConfig | undefined,
  opts: { profile?: string; cwd?: string } = {},
): ResolvedConfig {
  const cwd = opts.cwd ?? process.cwd();
  if (!config) {
    if (opts.profile) {
      throw new ConfigError([
        {
          file: CONFIG_FILE_NAMES[0],
          line: 0,
          column: 0,
          message: `profile "${opts.profile}" was requested but no configuration file was found (looked for ${CONFIG_FILE_NAMES.join(', ')})`,
        },
      ]);
    }
    return {
      include: [],
      exclude: [],
      rules: {},
      exemptions: [],
      suppressions: { annotations: true, inline: true },
      policies: [],
      customRules: [],
      settings: defaultSetting,
    };
  }
  let layer: ConfigLayer | undefined;
  if (opts.profile !== undefined) {
    layer = Object.hasOwn(config.profiles, opts.profile) ? config.profiles[opts.profile] : undefined;
    if (!layer) {
      const names = Object.keys(config.profiles);
      const at = config.profilePositions[''] ?? { line: 0, column: 0 };
      throw new ConfigError([
        {
          file: config.file,
          ...at,
          message: names.length
            ? `unknown profile "${opts.profile}"${didYouMean(opts.profile, names, false)} (profiles: ${names.join(', ')})`
            : `unknown profile "${opts.profile}": the configuration defines no profiles`,
        },
      ]);
    }
  }
  const merged = overlay(config, layer);
  const rebase = (g: string) => rebaseGlob(g, config.dir, cwd);
  const preset = merged.preset;
  const rules = merged.rules;
  return {
    file: config.file,
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(merged.failOn ? { failOn: merged.failOn } : {}),
    ...(merged.kubeVersion ? { kubeVersion: merged.kubeVersion } : {}),
    ...(preset ? { preset } : {}),
    include: merged.include.map(rebase),
    exclude: merged.exclude.map(rebase),
    rules,
    exemptions: merged.exemptions.map((e) => ({ ...e, paths: e.paths.map(rebase) })),
    suppressions: {
      // the policy's allowSuppressions bounds what the (possibly PR-side) layers switch on
      annotations: (merged.suppressions.annotations ?? true) && (config.policy?.allowSuppressions.annotations ?? true),
      inline: (merged.suppressions.inline ?? true) && (config.policy?.allowSuppressions.inline ?? true),
    },
    ...(config.policy ? { policy: config.policy } : {}),
    policies: (config.policies ?? []).map(rebase),
    customRules: (config.customRules ?? []).map(customRule),
    settings: (meta) => ruleSetting(meta, preset, Object.hasOwn(rules, meta.id) ? rules[meta.id] : undefined),
    ...(config.sources ? { sources: config.sources } : {}),
  };
}
