/**
 * Fixing one file for `kubeward fix`: applies the findings' fixes with `applyFixes` (comment- and
 * format-preserving), then proves the result before anyone writes it: the new text must parse
 * without a new problem, into the same objects in the same order, whose data equals the old data
 * with exactly the fixes' `set`/`remove` applied. Anything else (a fix that would also change
 * another field, a document that no longer parses, an object that moved) rejects the whole file.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import type { FieldPath, Fix } from '../model.ts';
import { parseManifestText } from '../manifests/parse.ts';
import { applyFixes, findObject, type FixTarget } from './index.ts';

export interface FileFixResult {
  /** The fixed text (equal to the input when nothing could be applied or the result was rejected). */
  text: string;
  /** Fixes applied (0 when rejected). */
  applied: number;
  /** Fixes that could not be applied, with why. */
  failed: { target: FixTarget; reason: string }[];
  /** Why the whole file was left alone, when it was. */
  rejected?: string;
}

type Json = unknown;

/** A deep copy without shared parts: a YAML alias becomes its own copy, so an edit through an
 * anchor that also changes the alias's other uses shows up as a difference. */
function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setPath(root: Json, path: FieldPath, value: unknown): void {
  let cur = root as Record<string | number, Json>;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object')
      cur[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, Json>;
  }
  cur[path[path.length - 1]] = clone(value);
}

function removePath(root: Json, path: FieldPath): void {
  let cur = root as Record<string | number, Json> | undefined;
  for (let i = 0; i < path.length - 1; i++) {
    cur = cur?.[path[i]] as Record<string | number, Json> | undefined;
    if (cur === undefined || cur === null || typeof cur !== 'object') return;
  }
  const last = path[path.length - 1];
  if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
  else if (cur) delete cur[last];
}

/** The data an object should have after `fix`. */
export function expectedData(data: Json, fix: Fix): Json {
  const out = clone(data);
  for (const s of fix.set ?? []) setPath(out, s.path, s.value);
  for (const r of fix.remove ?? []) removePath(out, r);
  return out;
}

/** The data of a plain YAML file (a Helm values file), or why it cannot be proven. */
function plainData(text: string): { data?: Json; problem?: string } {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  if (!Array.isArray(docs)) return { data: null };
  if (docs.length > 1) return { problem: 'it holds more than one YAML document' };
  const d = docs[0];
  if (!d) return { data: null };
  if (d.errors.length) return { problem: 'it does not parse cleanly' };
  return { data: JSON.parse(JSON.stringify(d.toJS({ maxAliasCount: 100 }) ?? null)) as Json };
}

/**
 * Fixes traced into a values file (`fix.document`): the same proof on the file's one document,
 * whose data must equal the old data with exactly the fixes applied.
 */
function fixValuesFile(fileText: string, targets: readonly FixTarget[]): FileFixResult {
  if (targets.some((t) => t.fix && !t.fix.document))
    return { text: fileText, applied: 0, failed: [], rejected: 'fixes of objects and of values in one file' };
  const before = plainData(fileText);
  if (before.problem) return { text: fileText, applied: 0, failed: [], rejected: `the values file: ${before.problem}` };
  const res = applyFixes(fileText, targets);
  if (res.applied === 0) return { text: fileText, applied: 0, failed: res.failed };
  let expected = before.data;
  for (const t of targets)
    if (t.fix && !res.failed.some((f) => f.target === t)) expected = expectedData(expected, t.fix);
  const after = plainData(res.text);
  if (after.problem)
    return { text: fileText, applied: 0, failed: res.failed, rejected: 'the fixed text would not parse cleanly' };
  if (!isDeepStrictEqual(after.data, JSON.parse(JSON.stringify(expected ?? null))))
    return {
      text: fileText,
      applied: 0,
      failed: res.failed,
      rejected: 'the fixed values would differ from the intended change',
    };
  return { text: res.text, applied: res.applied, failed: res.failed };
}

/** Applies the targets' fixes to one file and verifies the result (see the module comment). */
export function fixFileText(fileText: string, file: string, targets: readonly FixTarget[]): FileFixResult {
  if (targets.some((t) => t.fix?.document)) return fixValuesFile(fileText, targets);
  const before = parseManifestText(fileText, file);
  if (before.problems.length > 0) {
    return { text: fileText, applied: 0, failed: [], rejected: 'the file has parse problems: fix those by hand first' };
  }
  const res = applyFixes(fileText, targets);
  if (res.applied === 0) return { text: fileText, applied: 0, failed: res.failed };

  // what each object must look like: its data with every applied fix, in order
  const expected = before.objects.map((o) => clone(o.data) as Json);
  for (const t of targets) {
    if (!t.fix || res.failed.some((f) => f.target === t)) continue;
    const obj = findObject(fileText, t, file);
    const i = obj
      ? before.objects.findIndex(
          (o) => o.source?.start === obj.source?.start && o.docPath.join() === obj.docPath.join(),
        )
      : -1;
    if (i < 0)
      return { text: fileText, applied: 0, failed: res.failed, rejected: 'a fixed object could not be found again' };
    expected[i] = expectedData(expected[i], t.fix);
  }
  const after = parseManifestText(res.text, file);
  if (after.problems.length > 0)
    return { text: fileText, applied: 0, failed: res.failed, rejected: 'the fixed text would not parse cleanly' };
  if (after.objects.length !== before.objects.length)
    return { text: fileText, applied: 0, failed: res.failed, rejected: 'the fixed text would hold different objects' };
  for (let i = 0; i < after.objects.length; i++) {
    if (
      !isDeepStrictEqual(JSON.parse(JSON.stringify(after.objects[i].data)), JSON.parse(JSON.stringify(expected[i])))
    ) {
      return {
        text: fileText,
        applied: 0,
        failed: res.failed,
        rejected: `the fixed ${after.objects[i].ref.kind} ${after.objects[i].ref.name} would differ from the intended change`,
      };
    }
  }
  return { text: res.text, applied: res.applied, failed: res.failed };
}
