/** What core/sources hands to the scan: sets of objects, each set one chart/overlay environment. */
import type { InputError, SkippedDocument } from '../model.ts';
import type { K8sObject, LoadProblem } from '../manifests/types.ts';
import type { FieldPath } from '../model.ts';
import type { Trace } from './trace.ts';

export interface SourceSet {
  /** 'helm' | 'kustomize' */
  tool: 'helm' | 'kustomize';
  /** The chart or kustomization directory as shown in findings (relative to cwd). */
  source: string;
  /** Environment name ('default' when the source has no environments). */
  environment: string;
  /** Every environment of this source, to tell "in all environments". */
  environments: string[];
  /** Profile tied to this environment, if any. */
  profile?: string;
  objects: K8sObject[];
  skipped: SkippedDocument[];
  problems: LoadProblem[];
  errors: InputError[];
  /** Notes for the report (e.g. test hooks skipped). */
  notes: string[];
  /** Files read to render the set (templates, values files, kustomizations). */
  files: string[];
  /** Per object: the trace of each located path (filled as the engine locates findings). */
  traces: Map<K8sObject, Map<string, TracedField>>;
  /** Milliseconds spent in the helm/kustomize binary. */
  renderMs: number;
}

export interface TracedField {
  path: FieldPath;
  trace: Trace;
  /** Line in the rendered output (kept in the finding's details). */
  renderedLine?: number;
  renderedFile: string;
}
