/**
 * The flags that choose which findings a run reports, shared by `scan` and `verify`:
 * `--rule`, `--skip-rule`, `--baseline`, `--min-severity` (core/selection.ts does the work).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report, Severity } from '../core/model.ts';
import { documentedRules } from '../core/docs.ts';
import {
  applyBaseline,
  minSeverity,
  parseBaseline,
  parseSeverity,
  selectRules,
  unknownRule,
  type Baseline,
} from '../core/selection.ts';
import { SEVERITIES } from '../core/model.ts';
import { UsageError, type CliIO } from './io.ts';

export const SELECTION_OPTIONS = {
  rule: { type: 'string', multiple: true },
  'skip-rule': { type: 'string', multiple: true },
  'min-severity': { type: 'string' },
  baseline: { type: 'string' },
} as const;

export interface SelectionValues {
  rule?: string[];
  'skip-rule'?: string[];
  'min-severity'?: string;
  baseline?: string;
}

export interface Selection {
  /** Rule selection and baseline: the report the verdict is taken from. */
  verdict(report: Report): Report;
  /** The display filter on top (--min-severity). */
  display(report: Report): Report;
}

const list = (v: string[] | undefined) =>
  (v ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

export async function readSelection(
  values: SelectionValues,
  io: Pick<CliIO, 'cwd'>,
  command: string,
): Promise<Selection> {
  const rules = list(values.rule);
  const skip = list(values['skip-rule']);
  const known = documentedRules().map((r) => r.meta.id);
  const bad = unknownRule([...rules, ...skip], [...known, 'rule-error']);
  if (bad) throw new UsageError(bad, command);
  let min: Severity | undefined;
  if (values['min-severity'] !== undefined) {
    min = parseSeverity(values['min-severity']);
    if (!min)
      throw new UsageError(
        `--min-severity must be one of ${SEVERITIES.join(', ')}, not '${values['min-severity']}'`,
        command,
      );
  }
  let baseline: Baseline | undefined;
  if (values.baseline !== undefined) {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, values.baseline), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT'
          ? `baseline not found: ${values.baseline} (create one with 'kubeward baseline create -o ${values.baseline}')`
          : `cannot read the baseline ${values.baseline}: ${code ?? (e as Error).message}`,
        command,
        false,
      );
    }
    try {
      baseline = parseBaseline(text, values.baseline);
    } catch (e) {
      throw new UsageError((e as Error).message, command, false);
    }
  }
  return {
    verdict: (r) => {
      const selected = selectRules(r, rules, skip);
      return baseline ? applyBaseline(selected, baseline) : selected;
    },
    display: (r) => (min ? minSeverity(r, min) : r),
  };
}
