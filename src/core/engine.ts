/**
 * Runs rules over an inventory of objects and turns violations into located findings.
 * Knows nothing about files on disk or output formats.
 */
import {
  compareSeverity,
  fingerprint,
  formatPath,
  type Finding,
  type InputError,
  type Location,
  type Severity,
  type Suppression,
} from './model.ts';
import type { K8sObject, LoadProblem, SourceDocument } from './manifests/types.ts';
import { catalog } from './rules/index.ts';
import {
  POD_TEMPLATE_KINDS,
  type LiveContext,
  type Rule,
  type RuleContext,
  type RuleMeta,
  type Violation,
} from './rules/types.ts';
import { podTemplateKinds } from './rules/podspec.ts';
import { redactQuoted, sensitiveValues } from './secrets/quoted.ts';

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface EngineOptions {
  /** Rules to run; the whole catalog by default. */
  rules?: readonly Rule[];
  /** How each rule is configured; defaults from rule metadata when absent. */
  settings?: (meta: RuleMeta) => RuleSetting;
  /** Target Kubernetes version ('1.34'). */
  kubeVersion?: string;
  mode?: 'manifest' | 'live';
  /** Admission policies (and their bindings and params) from `policies:` paths, judged against the objects. */
  policies?: readonly K8sObject[];
  /** The live cluster's context (verify only): rules read it as `ctx.live`. */
  live?: LiveContext;
  /** Decides whether a finding is suppressed (annotation, inline comment, config exemption). */
  suppress?: (finding: Finding, object: K8sObject | undefined) => Suppression | undefined;
  /**
   * A `performance.now()` time by which the evaluation must end (the admission webhook's
   * per-request budget): past it, evaluate stops between two rule checks and throws
   * EvaluationDeadlineError instead of returning a partial, and so wrong, result.
   */
  deadline?: number;
}

/** The evaluation ran past `EngineOptions.deadline`; no result was produced. */
export class EvaluationDeadlineError extends Error {
  constructor(message = 'the evaluation ran past its deadline') {
    super(message);
    this.name = 'EvaluationDeadlineError';
  }
}

export interface EngineResult {
  findings: Finding[];
  suppressed: Finding[];
  /**
   * Input errors (exit 2): files that were not read, load problems whose input rule is off, and
   * rules that threw (each also a `rule-error` finding).
   */
  errors: InputError[];
}

export const DEFAULT_KUBE_VERSION = '1.34';

/** Default setting of a rule from its metadata and option defaults. */
export function defaultSetting(meta: RuleMeta): RuleSetting {
  const options: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(meta.options ?? {})) if (o.default !== undefined) options[k] = o.default;
  return { enabled: meta.enabledByDefault, severity: meta.severity, options };
}

/** The text of 1-based line `n` of `text`, or undefined. */
function lineText(text: string, n: number): string | undefined {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

/** Line `n` (1-based, of the file) of a document's source: from the document's own text when it has one. */
function fileLine(src: SourceDocument, n: number): string | undefined {
  const { text, line, column } = src;
  if (text === undefined || line === undefined || column === undefined) return lineText(src.fileText, n);
  // before the document, on its first line when that starts after a `---` marker, or past its
  // end (an empty line, as far as the document's text knows): the file's text answers
  if (n < line || (n === line && column > 0)) return lineText(src.fileText, n);
  const t = lineText(text, n - line + 1);
  return t === undefined || t === '' ? lineText(src.fileText, n) : t;
}

/**
 * A violation inside a multi-line value (a file in a ConfigMap, a script) says which line of the
 * value (`details.lineInValue`); when the value is a literal block scalar (`key: |`, `- |`), its lines are
 * the file's lines, so the finding points at that line instead of the key.
 */
function refineToValueLine(loc: Location, src: SourceDocument, lineInValue: number): Location {
  const header = fileLine(src, loc.line);
  // `key: |` or a sequence item `- |` (a script in args)
  if (header === undefined || !/(?::|^\s*-)\s*\|[-+0-9]*\s*(?:#.*)?$/.test(header)) return loc;
  const line = loc.line + lineInValue;
  const text = fileLine(src, line);
  if (text === undefined || text.trim() === '') return loc;
  const column = text.length - text.trimStart().length + 1;
  return { file: loc.file, line, column, endLine: line, endColumn: text.trimEnd().length + 1 };
}

function makeFinding(
  rule: Rule,
  setting: RuleSetting,
  v: Violation,
  obj: K8sObject | undefined,
  origin: Finding['origin'],
): Finding {
  const path = formatPath(v.path);
  // the one redaction point: a rule may quote a value by accident, never a secret one
  const hidden = obj ? sensitiveValues(obj.data) : [];
  let location = obj?.locate?.(v.path);
  const inValue = Number(v.details?.lineInValue);
  if (location && obj?.source && inValue >= 1) location = refineToValueLine(location, obj.source, inValue);
  const f: Finding = {
    ruleId: rule.meta.id,
    // a per-violation severity (e.g. removed vs deprecated API) wins unless the user overrode the rule's
    severity: v.severity && setting.severity === rule.meta.severity ? v.severity : setting.severity,
    category: rule.meta.category,
    title: rule.meta.title,
    message: hidden.length ? redactQuoted(v.message, hidden) : v.message,
    path,
    fingerprint: fingerprint(rule.meta.id, obj?.ref, v.key ? `${path}#${v.key}` : path, obj?.file),
    ...(obj ? { object: obj.ref } : {}),
    ...(location ? { location } : {}),
    ...(v.secretPreview ? { secretPreview: v.secretPreview } : {}),
    ...(v.fix ? { fix: v.fix } : {}),
    ...(v.details ? { details: hidden.length ? redactDetails(v.details, hidden) : v.details } : {}),
    ...(origin ? { origin } : {}),
  };
  return f;
}

function redactDetails(details: Record<string, string>, hidden: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(details)) out[k] = typeof v === 'string' ? redactQuoted(v, hidden) : v;
  return out;
}

/** Sorts findings most severe first, then by file, line, column, rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) ||
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** Load problems that mean input was not read at all: always input errors (exit 2), whatever the config. */
const UNREAD: ReadonlySet<LoadProblem['kind']> = new Set(['unreadable', 'too-large', 'binary']);

/** The input rule that reports a load problem. */
function problemRule(p: LoadProblem): Rule | undefined {
  return catalog.find((r) => r.meta.id === (p.kind === 'duplicate-key' ? 'duplicate-key' : 'invalid-yaml'));
}

/**
 * Findings and input errors for load problems (invalid YAML, Helm sources, binary files, duplicate
 * keys ...). Configuration can re-rate an input rule, but never hide input: a file that was not read
 * is always an input error, and a problem whose rule is turned off becomes one.
 */
export function problemReport(
  problems: readonly LoadProblem[],
  settings?: (meta: RuleMeta) => RuleSetting,
): { findings: Finding[]; errors: InputError[] } {
  const out: { findings: Finding[]; errors: InputError[] } = { findings: [], errors: [] };
  for (const p of problems) {
    const rule = problemRule(p);
    const setting = rule && (settings ? settings(rule.meta) : defaultSetting(rule.meta));
    if (!rule || !setting?.enabled || UNREAD.has(p.kind)) {
      const off = rule && !setting?.enabled && !UNREAD.has(p.kind) ? ` (rule ${rule.meta.id} is off)` : '';
      out.errors.push({ file: p.file, line: p.line, column: p.column, message: p.message + off });
    }
    if (!rule || !setting?.enabled) continue;
    const path = p.path ? formatPath(p.path) : '';
    out.findings.push({
      ruleId: rule.meta.id,
      severity: setting.severity,
      category: rule.meta.category,
      title: rule.meta.title,
      message: p.message,
      path,
      ...(p.object ? { object: p.object } : {}),
      location: { file: p.file, line: p.line, column: p.column },
      fingerprint: p.object
        ? fingerprint(rule.meta.id, p.object, path, p.file)
        : fingerprint(rule.meta.id, undefined, `${p.kind}:${p.line}`, p.file),
    });
  }
  return out;
}

/** Findings for documents that could not be parsed (invalid YAML, Helm sources, binary files ...). */
export function problemFindings(
  problems: readonly LoadProblem[],
  settings?: (meta: RuleMeta) => RuleSetting,
): Finding[] {
  return problemReport(problems, settings).findings;
}

/** Quoted text in an error message may be input (a value, a key): it is not repeated. */
function safeErrorText(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const msg = err.message
    .replace(/"(?:[^"\\\n]|\\.){0,200}"|'(?:[^'\\\n]|\\.){0,200}'|`[^`\n]{0,200}`/g, '"…"')
    .split('\n')[0];
  const text = `${err.name}: ${msg}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * A rule that throws does not vanish: the object it was checking was not judged by it. The failure
 * is a `rule-error` finding (high, never suppressed or turned off) and an input error (exit 2).
 */
function ruleErrorReport(rule: Rule, obj: K8sObject | undefined, e: unknown): { finding: Finding; error: InputError } {
  const meta = catalog.find((r) => r.meta.id === 'rule-error')?.meta;
  const on = obj
    ? `${obj.ref.kind}/${obj.ref.namespace ? `${obj.ref.namespace}/` : ''}${obj.ref.name}`
    : 'the inventory (a cross-object rule)';
  const message = `rule ${rule.meta.id} failed on ${on}, which was not checked by it: ${safeErrorText(e)}`;
  const location = obj?.locate?.([]);
  return {
    finding: {
      ruleId: 'rule-error',
      severity: 'high',
      category: meta?.category ?? 'hygiene',
      title: meta?.title ?? 'A rule failed on an object',
      message,
      path: '',
      fingerprint: fingerprint('rule-error', obj?.ref, rule.meta.id, obj?.file),
      ...(obj ? { object: obj.ref } : {}),
      ...(location ? { location } : obj?.file ? { location: { file: obj.file, line: 1, column: 1 } } : {}),
      ...(obj?.origin ? { origin: obj.origin } : {}),
      details: { rule: rule.meta.id },
    },
    error: {
      file: obj?.file ?? (obj ? `${obj.ref.kind}/${obj.ref.name}` : ''),
      ...(location ? { line: location.line, column: location.column } : {}),
      message,
    },
  };
}

export function evaluate(
  objects: readonly K8sObject[],
  problems: readonly LoadProblem[],
  opts: EngineOptions = {},
): EngineResult {
  const rules = opts.rules ?? catalog;
  const settingOf = opts.settings ?? defaultSetting;
  const memo = new Map<string, unknown>();
  const result: EngineResult = { findings: [], suppressed: [], errors: [] };
  const push = (f: Finding, obj: K8sObject | undefined) => {
    const s = opts.suppress?.(f, obj);
    if (s) result.suppressed.push({ ...f, suppression: s });
    else result.findings.push(f);
  };

  const fromProblems = problemReport(problems, opts.settings);
  for (const f of fromProblems.findings) push(f, undefined);
  for (const e of fromProblems.errors) result.errors.push(e);
  const failed = (rule: Rule, obj: K8sObject | undefined, e: unknown) => {
    const r = ruleErrorReport(rule, obj, e);
    result.findings.push(r.finding); // never suppressed
    result.errors.push(r.error);
  };

  // Violations are located after every rule has run, document by document: each document's
  // position index is then built once and can be dropped before the next (manifests/locate.ts)
  const pending = new Map<unknown, { rule: Rule; setting: RuleSetting; v: Violation; obj: K8sObject }[]>();
  const defer = (rule: Rule, setting: RuleSetting, v: Violation, obj: K8sObject) => {
    const key = obj.source ?? obj;
    const list = pending.get(key);
    if (list) list.push({ rule, setting, v, obj });
    else pending.set(key, [{ rule, setting, v, obj }]);
  };

  // Dispatch by kind: a rule that declares its kinds sees only objects of those kinds
  const byKind = new Map<string, K8sObject[]>();
  for (const o of objects) {
    const list = byKind.get(o.ref.kind);
    if (list) list.push(o);
    else byKind.set(o.ref.kind, [o]);
  }
  const dispatched = new Map<string, readonly K8sObject[]>();
  let templated: Set<string> | undefined;
  const objectsFor = (kinds: readonly string[] | undefined): readonly K8sObject[] => {
    if (!kinds) return objects;
    const key = kinds.join('\0');
    let list = dispatched.get(key);
    if (!list) {
      const set = new Set<string>();
      for (const k of kinds) {
        if (k === POD_TEMPLATE_KINDS) for (const t of (templated ??= podTemplateKinds())) set.add(t);
        else set.add(k);
      }
      list = set.size === 1 ? (byKind.get([...set][0]) ?? []) : objects.filter((o) => set.has(o.ref.kind));
      dispatched.set(key, list);
    }
    return list;
  };

  const deadline = opts.deadline;
  const checkDeadline = () => {
    if (deadline !== undefined && performance.now() > deadline) throw new EvaluationDeadlineError();
  };
  for (const rule of rules) {
    const setting = settingOf(rule.meta);
    if (!setting.enabled) continue;
    checkDeadline();
    const ctx: RuleContext = {
      objects,
      options: setting.options,
      kubeVersion: opts.kubeVersion ?? DEFAULT_KUBE_VERSION,
      mode: opts.mode ?? (opts.live ? 'live' : 'manifest'),
      ...(opts.live ? { live: opts.live } : {}),
      policies: opts.policies ?? [],
      memo<T>(key: string, compute: () => T): T {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
    };
    if (rule.check) {
      for (const obj of objectsFor(rule.meta.kinds)) {
        if (deadline !== undefined) checkDeadline();
        try {
          for (const v of rule.check(obj, ctx)) defer(rule, setting, v, obj);
        } catch (e) {
          failed(rule, obj, e);
        }
      }
    }
    if (rule.checkAll) {
      try {
        for (const v of rule.checkAll(ctx)) defer(rule, setting, v, v.object);
      } catch (e) {
        failed(rule, undefined, e);
      }
    }
  }
  for (const group of pending.values()) {
    for (const p of group) push(makeFinding(p.rule, p.setting, p.v, p.obj, p.obj.origin), p.obj);
  }
  sortFindings(result.findings);
  sortFindings(result.suppressed);
  return result;
}
