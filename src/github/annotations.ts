/** Workflow annotations: most severe first, within GitHub's 10 per type per step. */
import { log, type AnnotationProperties } from './log.ts';
import type { Finding, InputError, Severity } from '../core/model.ts';

export const ANNOTATION_LIMIT = 10;
type Level = 'error' | 'warning' | 'notice';

export function levelOf(s: Severity): Level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'notice';
}

export interface AnnotationResult {
  shown: Record<Level, number>;
  /** Findings that got no annotation because their level was full. */
  notShown: number;
}

/** Emits annotations for findings (already sorted most severe first); `used`: annotations already made. */
export function annotate(findings: readonly Finding[], used: Partial<Record<Level, number>> = {}): AnnotationResult {
  const shown: Record<Level, number> = { error: 0, warning: 0, notice: 0, ...used };
  let notShown = 0;
  for (const f of findings) {
    const level = levelOf(f.severity);
    if (shown[level] >= ANNOTATION_LIMIT) {
      notShown++;
      continue;
    }
    shown[level]++;
    const loc = f.location;
    const props: AnnotationProperties = { title: `${f.ruleId}: ${f.title}` };
    if (loc && !loc.file.startsWith('<')) {
      props.file = loc.file;
      props.startLine = loc.line;
      const end = loc.endLine ?? loc.line;
      props.endLine = end;
      // GitHub uses columns only for single-line annotations
      if (end === loc.line) {
        props.startColumn = loc.column;
        if (loc.endColumn !== undefined && loc.endColumn > loc.column) props.endColumn = loc.endColumn;
      }
    }
    const where = !loc && f.object ? ` (${f.object.kind}/${f.object.name})` : '';
    const msg = `[${f.severity}] ${f.message}${where}${f.secretPreview ? ` (${f.secretPreview})` : ''}`;
    log[level](msg, props);
  }
  return { shown, notShown };
}

/** Input errors (unreadable files, rules that failed) as warnings, first: they say results are missing. */
export function annotateInputErrors(errors: readonly InputError[]): number {
  let n = 0;
  for (const e of errors.slice(0, ANNOTATION_LIMIT)) {
    const props: AnnotationProperties = { title: 'kubeward: input error' };
    if (e.file && !e.file.startsWith('<')) props.file = e.file;
    if (e.line) props.startLine = e.line;
    log.warning(e.message, props);
    n++;
  }
  return n;
}
