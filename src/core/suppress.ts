/**
 * Suppressions: the engine's `suppress` hook. Four forms, tried in this order:
 *   1. annotation `kubeward.io/ignore.<container>: "rule-a,rule-b -- reason"` (container-scoped)
 *   2. annotation `kubeward.io/ignore: "rule-a,rule-b -- reason"` (whole object)
 *   3. inline comment `# kubeward-ignore rule-a,rule-b reason` on the finding's line or the line above
 *   4. config exemptions (rules, objects, paths, reason, expires)
 * A suppression without a reason is not applied. That, and an unknown rule id in an annotation
 * or comment, is reported as an `info` finding of rule `invalid-suppression`; an expired
 * exemption stops applying and is reported as an `info` finding of rule `expired-exemption`.
 * (Findings, not Report.errors: they must not turn a run into "input errors, exit 2".)
 */
import { compileGlob } from './glob.ts';
import {
  fingerprint,
  formatPath,
  type FieldPath,
  type Finding,
  type Location,
  type ObjectRef,
  type Severity,
  type Suppression,
} from './model.ts';
import type { K8sObject } from './manifests/types.ts';
import { allContainers, isObj, podTemplates } from './rules/podspec.ts';
import type { Rule, RuleMeta } from './rules/types.ts';
import { expiredExemption, INPUT_RULE_IDS, invalidSuppression, suppressionRules } from './rules/input.ts';

/** A config exemption: silences matching findings, with a reason, until it expires. */
export interface Exemption {
  /** Rule ids or globs. */
  rules: string[];
  /** `Kind/namespace/name` or `Kind/name` globs; empty: any object. */
  objects: string[];
  /** File globs; empty: any file. Relative to `base` (see ResolvedConfig: rebased to the scan's cwd). */
  paths: string[];
  reason: string;
  /** YYYY-MM-DD, the last day the exemption applies. */
  expires?: string;
  /** Where it is declared, for messages. */
  file: string;
  line: number;
  column: number;
}

export const IGNORE_ANNOTATION = 'kubeward.io/ignore';
export const INLINE_MARKER = 'kubeward-ignore';

// the rules whose findings the suppressor reports live with the other input rules (rules/input.ts)
export { suppressionRules };

/** Today's date (UTC) as YYYY-MM-DD. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An exemption is expired once its `expires` date has passed (it applies through that day, UTC). */
export function isExpired(e: { expires?: string }, now: Date = new Date()): boolean {
  return e.expires !== undefined && e.expires < isoDate(now);
}

export interface SuppressorOptions {
  /** Config exemptions; `paths` relative to the scan's cwd (as finding locations are). */
  exemptions?: readonly Exemption[];
  /** Honour kubeward.io/ignore annotations (default true). */
  annotations?: boolean;
  /** Honour # kubeward-ignore comments (default true). */
  inline?: boolean;
  /** Known rule ids: unknown ids in annotations and comments are reported. */
  knownRules?: ReadonlySet<string>;
  /** How a rule is configured (to turn the suppressor's own findings off or re-rate them). */
  settings?: (meta: RuleMeta) => { enabled: boolean; severity: Severity };
  /** "Today" for exemption expiry; default now. */
  now?: Date;
  /**
   * Let wildcard rule patterns (`*`, `secret-*`) silence secret findings and input errors
   * (rule-error, invalid-yaml, ...). Default false: only an exact rule id can (a locked policy's
   * `allowSuppressions.wildcard` turns it on).
   */
  wildcardProtected?: boolean;
  /** Rules no suppression of any kind may silence (a locked policy's `lockedRules`). */
  lockedRules?: readonly string[];
  /** Exemptions must expire within this many days of today (else they are not applied). */
  maxExemptionDays?: number;
}

/** Findings a wildcard suppression never silences: secrets and input errors. */
export function isProtectedRule(id: string): boolean {
  return id.startsWith('secret-') || INPUT_RULE_IDS.has(id);
}

const GLOB = /[*?[\]{}!]/;

/** A parsed `rules -- reason` suppression. */
export interface IgnoreSpec {
  rules: string[];
  reason: string;
}

/** Parses an annotation value `rule-a,rule-b -- reason`. reason is '' when missing. */
export function parseIgnoreAnnotation(value: string): IgnoreSpec {
  const m = /^(.*?)(?:\s+--\s*|\s*--\s+|--$)(.*)$/s.exec(value.trim());
  const rulesPart = m ? m[1] : value;
  const reason = m ? m[2].trim() : '';
  return { rules: splitRules(rulesPart), reason };
}

/** Parses the text after `# kubeward-ignore`: `rule-a,rule-b reason` (a leading `--` or `:` before the reason is dropped). */
export function parseInlineComment(rest: string): IgnoreSpec {
  const t = rest.trim();
  const m = /^([^\s,:]+(?:\s*,\s*[^\s,:]+)*)(.*)$/s.exec(t);
  if (!m) return { rules: [], reason: '' };
  return {
    rules: splitRules(m[1]),
    reason: m[2]
      .trim()
      .replace(/^(--|:|-)\s*/, '')
      .trim(),
  };
}

function splitRules(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const INLINE = /^#\s*kubeward-ignore(?=\s|$)(.*)$/;

/**
 * The YAML comment of a line (from its `#`), or undefined: a `#` inside a quoted scalar
 * (`value: "a # kubeward-ignore x y"`) or glued to a word is part of the value, not a comment.
 * A quote opens a scalar only where a scalar starts (line start, after `: `, `- `, `[`, `{`, `,`).
 */
export function commentOf(line: string): string | undefined {
  let quote: '"' | "'" | undefined;
  let scalarStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
      continue;
    }
    if (quote === "'") {
      if (c === "'" && line[i + 1] === "'") i++;
      else if (c === "'") quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(i);
    if ((c === '"' || c === "'") && scalarStart) {
      quote = c;
      continue;
    }
    if (/\s/.test(c)) continue;
    scalarStart = c === '[' || c === '{' || c === ',' || ((c === ':' || c === '-') && /\s|^$/.test(line[i + 1] ?? ''));
  }
  return undefined;
}

/** The `# kubeward-ignore` comment on a line, if any; `commentOnly` when the line holds nothing else. */
export function inlineCommentOf(line: string): { spec: IgnoreSpec; commentOnly: boolean } | undefined {
  const comment = line.includes('#') ? commentOf(line) : undefined;
  const m = comment === undefined ? null : INLINE.exec(comment);
  if (!m) return undefined;
  return { spec: parseInlineComment(m[1]), commentOnly: /^\s*#/.test(line) };
}

/**
 * Matches rule ids against patterns. An exact id always matches itself; a wildcard pattern
 * never matches a protected rule (isProtectedRule) unless `wildcardProtected`.
 */
function ruleMatcher(patterns: readonly string[], wildcardProtected = false): (id: string) => boolean {
  if (!patterns.length) return () => false;
  const exact = new Set(patterns.filter((p) => !GLOB.test(p)));
  const globs = patterns.filter((p) => GLOB.test(p));
  const glob = globs.length ? compileGlob(globs) : undefined;
  return (id) => exact.has(id) || (!!glob && (wildcardProtected || !isProtectedRule(id)) && glob(id));
}

/** Does a finding path lie inside the field at `prefix` (formatPath form)? */
export function pathWithin(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[');
}

interface AnnotationEntry extends IgnoreSpec {
  matches: (id: string) => boolean;
  /** Container-scoped entries: the path prefixes of the containers they cover. */
  containerPaths?: string[];
}

/** Strings `Kind/namespace/name` (namespaced) or `Kind/name` an object is matched as. */
export function objectKeys(f: Pick<Finding, 'object'>): string[] {
  const o = f.object;
  if (!o) return [];
  if (o.namespace) return [`${o.kind}/${o.namespace}/${o.name}`];
  return [`${o.kind}/${o.name}`, `${o.kind}/default/${o.name}`];
}

export interface Suppressor {
  /** The engine's `suppress` hook. */
  suppress(finding: Finding, obj: K8sObject | undefined): Suppression | undefined;
  /**
   * Checks the annotations and comments of every object up front, so a suppression without a
   * reason (or naming an unknown rule) is reported even when nothing would have matched it.
   */
  inspect(objects: readonly K8sObject[]): void;
  /**
   * Findings about suppressions themselves (rules invalid-suppression and expired-exemption),
   * collected so far. Not suppressible.
   */
  findings(): Finding[];
}

export function createSuppressor(opts: SuppressorOptions = {}): Suppressor {
  const useAnnotations = opts.annotations ?? true;
  const useInline = opts.inline ?? true;
  const matcher = (patterns: readonly string[]) => ruleMatcher(patterns, opts.wildcardProtected ?? false);
  const locked = new Set(opts.lockedRules ?? []);
  const now = opts.now ?? new Date();
  const notes: Finding[] = [];
  const noted = new Set<string>();
  const note = (
    rule: Rule,
    n: {
      message: string;
      object?: ObjectRef;
      path?: string;
      location?: Location;
      key: string;
      origin?: Finding['origin'];
    },
  ) => {
    const setting = opts.settings?.(rule.meta) ?? { enabled: rule.meta.enabledByDefault, severity: rule.meta.severity };
    if (!setting.enabled) return;
    const fp = fingerprint(rule.meta.id, n.object, n.key, n.location?.file);
    if (noted.has(fp)) return;
    noted.add(fp);
    notes.push({
      ruleId: rule.meta.id,
      severity: setting.severity,
      category: rule.meta.category,
      title: rule.meta.title,
      message: n.message,
      path: n.path ?? '',
      fingerprint: fp,
      ...(n.object ? { object: n.object } : {}),
      ...(n.location ? { location: n.location } : {}),
      ...(n.origin ? { origin: n.origin } : {}),
    });
  };

  // Config exemptions: expired ones stop applying and are reported once.
  const exemptions: {
    e: Exemption;
    rules: (id: string) => boolean;
    objects?: (s: string) => boolean;
    paths?: (s: string) => boolean;
  }[] = [];
  for (const e of opts.exemptions ?? []) {
    if (isExpired(e, now)) {
      note(expiredExemption, {
        message: `the exemption for ${e.rules.join(', ')} expired on ${e.expires} (reason: ${e.reason}); the findings it covered are reported again. Renew or remove it`,
        location: { file: e.file, line: e.line, column: e.column },
        key: `exemption:${e.rules.join(',')}:${e.objects.join(',')}:${e.paths.join(',')}:${e.expires}`,
      });
      continue;
    }
    if (opts.maxExemptionDays !== undefined) {
      const limit = isoDate(new Date(now.getTime() + opts.maxExemptionDays * 86_400_000));
      if (!e.expires || e.expires > limit) {
        note(invalidSuppression, {
          message: `the exemption for ${e.rules.join(', ')} ${e.expires ? `expires on ${e.expires}` : 'has no expires date'}, beyond the ${opts.maxExemptionDays} days the locked policy allows (until ${limit}): it is not applied`,
          location: { file: e.file, line: e.line, column: e.column },
          key: `exemption-too-long:${e.rules.join(',')}:${e.objects.join(',')}:${e.paths.join(',')}:${e.expires ?? ''}`,
        });
        continue;
      }
    }
    exemptions.push({
      e,
      rules: matcher(e.rules),
      ...(e.objects.length ? { objects: compileGlob(e.objects, { nocase: true }) } : {}),
      ...(e.paths.length ? { paths: compileGlob(e.paths, { dot: true }) } : {}),
    });
  }

  const unknownRules = (spec: IgnoreSpec) =>
    opts.knownRules ? spec.rules.filter((r) => !/[*?[\]{}]/.test(r) && !opts.knownRules?.has(r)) : ([] as string[]);

  // Annotations, parsed once per object.
  const annotationCache = new WeakMap<K8sObject, AnnotationEntry[]>();
  const annotationsOf = (obj: K8sObject): AnnotationEntry[] => {
    const cached = annotationCache.get(obj);
    if (cached) return cached;
    const entries: AnnotationEntry[] = [];
    let containers: ReturnType<typeof allContainers> | undefined;
    const sources: { metaPath: FieldPath; annotations: unknown; specPath?: FieldPath }[] = [
      { metaPath: ['metadata'], annotations: isObj(obj.data.metadata) ? obj.data.metadata.annotations : undefined },
    ];
    for (const t of podTemplates(obj)) {
      if (formatPath(t.metaPath) === 'metadata') continue; // a Pod's template metadata is its own
      sources.push({ metaPath: t.metaPath, annotations: t.metadata.annotations, specPath: t.specPath });
    }
    for (const src of sources) {
      if (!isObj(src.annotations)) continue;
      for (const [key, value] of Object.entries(src.annotations)) {
        let container: string | undefined;
        if (key === IGNORE_ANNOTATION) container = undefined;
        else if (key.startsWith(IGNORE_ANNOTATION + '.')) container = key.slice(IGNORE_ANNOTATION.length + 1);
        else continue;
        const fieldPath = [...src.metaPath, 'annotations', key];
        const at = {
          object: obj.ref,
          path: formatPath(fieldPath),
          key: formatPath(fieldPath),
          origin: obj.origin,
          ...(obj.locate?.(fieldPath) ? { location: obj.locate(fieldPath) as Location } : {}),
        };
        const label = `annotation ${key}`;
        if (typeof value !== 'string') {
          note(invalidSuppression, {
            ...at,
            message: `${label} must be a string "rule-a,rule-b -- reason": the suppression is not applied`,
          });
          continue;
        }
        const spec = parseIgnoreAnnotation(value);
        if (!spec.rules.length || !spec.reason) {
          note(invalidSuppression, {
            ...at,
            message: `${label} has no ${spec.rules.length ? 'reason' : 'rule ids'} (write "rule-a,rule-b -- reason"): the suppression is not applied`,
          });
          continue;
        }
        const unknown = unknownRules(spec);
        if (unknown.length) {
          note(invalidSuppression, {
            ...at,
            message: `${label} names ${unknown.length > 1 ? 'unknown rules' : 'an unknown rule'} ${unknown.join(', ')}: ${unknown.length > 1 ? 'they suppress' : 'it suppresses'} nothing`,
          });
        }
        const entry: AnnotationEntry = { ...spec, matches: matcher(spec.rules) };
        if (container !== undefined) {
          const specPrefix = src.specPath ? formatPath(src.specPath) : undefined;
          containers ??= allContainers(obj);
          entry.containerPaths = containers
            .filter((c) => c.name === container)
            .map((c) => formatPath(c.path))
            .filter((p) => !specPrefix || pathWithin(p, specPrefix));
        }
        entries.push(entry);
      }
    }
    annotationCache.set(obj, entries);
    return entries;
  };

  // Source lines per file, for inline comments.
  const lineCache = new Map<string, string[]>();
  const linesOf = (obj: K8sObject): string[] | undefined => {
    const src = obj.source;
    if (!src) return undefined;
    let lines = lineCache.get(src.file);
    if (!lines) {
      lines = src.fileText.split(/\r?\n/);
      lineCache.set(src.file, lines);
    }
    return lines;
  };
  const inspectedFiles = new Set<string>();
  /** Whether a file mentions the inline marker at all: searched once per file, not per finding. */
  const markerIn = new Map<string, boolean>();
  const hasMarker = (src: NonNullable<K8sObject['source']>): boolean => {
    let has = markerIn.get(src.file);
    if (has === undefined)
      markerIn.set(
        src.file,
        (has = src.fileIncludes ? src.fileIncludes(INLINE_MARKER) : src.fileText.includes(INLINE_MARKER)),
      );
    return has;
  };

  const inlineFor = (f: Finding, obj: K8sObject): IgnoreSpec | undefined => {
    const line = f.location?.line;
    if (!line || !obj.source || f.location?.file !== obj.source.file) return undefined;
    if (!hasMarker(obj.source)) return undefined;
    const lines = linesOf(obj);
    if (!lines) return undefined;
    const here = lines[line - 1] !== undefined ? inlineCommentOf(lines[line - 1]) : undefined;
    const above = line >= 2 ? inlineCommentOf(lines[line - 2]) : undefined;
    for (const c of [here, above?.commentOnly ? above : undefined]) {
      if (c && c.spec.reason && matcher(c.spec.rules)(f.ruleId)) return c.spec;
    }
    return undefined;
  };

  return {
    suppress(f, obj) {
      // a locked policy's rules are never silenced, whatever the suppression
      if (locked.has(f.ruleId)) return undefined;
      if (obj && useAnnotations) {
        const entries = annotationsOf(obj);
        for (const e of entries) {
          if (!e.containerPaths || !e.matches(f.ruleId)) continue;
          if (e.containerPaths.some((p) => pathWithin(f.path, p))) return { kind: 'annotation', reason: e.reason };
        }
        for (const e of entries) {
          if (!e.containerPaths && e.matches(f.ruleId)) return { kind: 'annotation', reason: e.reason };
        }
      }
      if (obj && useInline) {
        const spec = inlineFor(f, obj);
        if (spec) return { kind: 'inline', reason: spec.reason };
      }
      for (const x of exemptions) {
        if (!x.rules(f.ruleId)) continue;
        if (x.objects && !objectKeys(f).some((k) => x.objects?.(k))) continue;
        if (x.paths && !(f.location?.file && x.paths(f.location.file))) continue;
        return { kind: 'config', reason: x.e.reason, ...(x.e.expires ? { expires: x.e.expires } : {}) };
      }
      return undefined;
    },

    inspect(objects) {
      for (const obj of objects) {
        if (useAnnotations) annotationsOf(obj);
        if (!useInline || !obj.source || inspectedFiles.has(obj.source.file)) continue;
        inspectedFiles.add(obj.source.file);
        if (!hasMarker(obj.source)) continue;
        const lines = linesOf(obj) ?? [];
        lines.forEach((text, i) => {
          const c = inlineCommentOf(text);
          if (!c) return;
          const file = obj.source?.file ?? '';
          const at = {
            location: { file, line: i + 1, column: text.indexOf('#') + 1 },
            key: `inline:${text.trim()}`,
          };
          if (!c.spec.rules.length || !c.spec.reason) {
            note(invalidSuppression, {
              ...at,
              message: `"# ${INLINE_MARKER}" without ${c.spec.rules.length ? 'a reason' : 'a rule id'} (write "# ${INLINE_MARKER} rule-id reason"): the suppression is not applied`,
            });
            return;
          }
          const unknown = unknownRules(c.spec);
          if (unknown.length) {
            note(invalidSuppression, {
              ...at,
              message: `"# ${INLINE_MARKER}" names ${unknown.length > 1 ? 'unknown rules' : 'an unknown rule'} ${unknown.join(', ')}: ${unknown.length > 1 ? 'they suppress' : 'it suppresses'} nothing`,
            });
          }
        });
      }
    },

    findings() {
      return [...notes];
    },
  };
}
