/**
 * The vocabulary shared by every part of kubeward: severities, object references, locations,
 * findings and the report. Nothing here knows about files on disk, CI vendors or output formats.
 */
import { hash } from 'node:crypto';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Numeric rank: critical 4 ... info 0. */
export function severityRank(s: Severity): number {
  return RANK[s];
}

/** True when `s` is at or above `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return RANK[s] >= RANK[threshold];
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** Sorts most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/** Identity of a Kubernetes object. `name` is '' for objects without metadata.name. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Set for live objects: the kubeconfig context (cluster) they were read from. */
  cluster?: string;
}

/** 1-based line and column, as editors and SARIF count them. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type PathSegment = string | number;
/** A field path into an object: ['spec', 'template', 'spec', 'containers', 0, 'securityContext']. */
export type FieldPath = readonly PathSegment[];

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `spec.template.spec.containers[0].securityContext`; odd keys are quoted: `metadata.annotations["a.b/c"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** How a finding's suppression was decided. */
export interface Suppression {
  kind: 'annotation' | 'inline' | 'config';
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  expires?: string;
}

/** A declarative, comment-preserving fix the fixes module can apply to the source YAML. */
export interface Fix {
  description: string;
  /** Set `path` (relative to the object root) to `value`, creating missing parents. */
  set?: { path: FieldPath; value: unknown }[];
  /** Remove the field at `path`. */
  remove?: FieldPath[];
  /**
   * The paths are relative to the file's first YAML document, not to a Kubernetes object (a Helm
   * values file that a rendered field was traced back to).
   */
  document?: boolean;
  /**
   * The object of the finding's file the paths refer to, when it is not the finding's object: a
   * kustomize base resource, before the overlay's namespace, name prefix or patches.
   */
  object?: ObjectRef;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  /** The rule's title. */
  title: string;
  /** What is wrong with this object, in one sentence. Never contains a secret value. */
  message: string;
  object?: ObjectRef;
  /** Field path as text (formatPath). */
  path: string;
  location?: Location;
  /** Stable across line moves: hash of rule, object identity and path (and file for file-less objects). */
  fingerprint: string;
  /** Redacted preview of a detected secret (e.g. `ghp_…(40 chars)`), never the value. */
  secretPreview?: string;
  fix?: Fix;
  /** Where the finding came from: a manifest, a live object, or a pod as admitted by the cluster. */
  origin?: 'manifest' | 'live' | 'admission';
  suppression?: Suppression;
  /** Free-form key/value details shown by some formats (pod, container, reason ...). No secret values. */
  details?: Record<string, string>;
}

export interface SkippedDocument {
  file: string;
  line: number;
  /** e.g. 'not a Kubernetes object (no apiVersion/kind)', 'empty document', 'unknown kind' */
  reason: string;
}

/** An input problem that stopped a file (or part of it) from being read. */
export interface InputError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export type SeverityCounts = Record<Severity, number>;

/** An object that was checked, with where it came from. */
export interface ScannedObject {
  ref: ObjectRef;
  file?: string;
  line?: number;
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const c = emptyCounts();
  for (const f of findings) c[f.severity]++;
  return c;
}

export interface Report {
  tool: { name: 'kubeward'; version: string };
  /** Active (unsuppressed) findings, most severe first, then by file, line, column. */
  findings: Finding[];
  /** Findings that a suppression or exemption silenced: listed, never silently dropped. */
  suppressed: Finding[];
  counts: SeverityCounts;
  filesScanned: number;
  objectsScanned: number;
  skipped: SkippedDocument[];
  errors: InputError[];
  /** Checks that could not run (e.g. live verification without permission), with the reason. */
  notVerified: { check: string; reason: string }[];
  /** The --fail-on threshold this report was judged against ('none': findings never fail the run). */
  failOn: Severity | 'none';
  /** The objects that were checked (lets JUnit list the ones that passed). */
  objects?: ScannedObject[];
  /** Wall-clock duration of the run in milliseconds. */
  durationMs: number;
  /**
   * Active findings left out of `findings` on purpose, by why (core/selection.ts): known in a
   * baseline, on lines a pull request does not change (`only-new`), or below `--min-severity`
   * (display only). Every format says how many.
   */
  hidden?: HiddenCounts;
  /** Rendered sources (Helm chart environments, Kustomize overlays) and what was said about them. */
  sources?: SourceSummary[];
}

export interface HiddenCounts {
  baseline?: number;
  onlyNew?: number;
  belowMinSeverity?: number;
}

/** One rendered source set of a scan. */
export interface SourceSummary {
  tool: 'helm' | 'kustomize' | 'dockerfile';
  /** Chart or kustomization directory, or Dockerfile. */
  source: string;
  environment: string;
  objects: number;
  /** Milliseconds spent in helm / kustomize. */
  renderMs: number;
  /** e.g. test hooks skipped, values traced through the template text only. */
  notes: string[];
}

/** Stable fingerprint of a finding: rule, object identity (or file when anonymous), path. */
export function fingerprint(ruleId: string, object: ObjectRef | undefined, path: string, file?: string): string {
  const id = object
    ? [
        object.cluster ?? '',
        object.kind,
        object.namespace ?? '',
        object.name,
        object.name === '' ? (file ?? '') : '',
      ].join('/')
    : (file ?? '');
  const text = `${ruleId}\0${id}\0${path}`;
  // one-shot hashing (Node >= 21.7) is several times cheaper than a Hash object per finding
  return hash('sha256', text, 'hex').slice(0, 32);
}

/** Does this report fail the given threshold? Never for 'none'. */
export function failsThreshold(report: Pick<Report, 'findings'>, failOn: Severity | 'none'): boolean {
  return failOn !== 'none' && report.findings.some((f) => atLeast(f.severity, failOn));
}
