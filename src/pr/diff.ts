/** Which lines of a pull request a review comment may be placed on, from each file's `patch`. */
import parseDiff from 'parse-diff';

export interface FileDiff {
  /** Lines (of the new file) the PR adds or changes. */
  added: Set<number>;
  /** Every new-file line in a hunk (added or context) -> index of its hunk: GitHub accepts comments there. */
  hunkOf: Map<number, number>;
  /** Text of those lines as the patch shows them (to check the checked-out file is the PR head). */
  text: Map<number, string>;
}

/** Parses one file's `patch` from the pulls/files API (hunks only, no file header). */
export function patchLines(patch: string | undefined | null): FileDiff {
  const out: FileDiff = { added: new Set(), hunkOf: new Map(), text: new Map() };
  if (!patch) return out;
  const text = patch.startsWith('@@') ? `--- a/f\n+++ b/f\n${patch}` : patch;
  const files = parseDiff(text);
  let hunk = 0;
  for (const file of files) {
    for (const chunk of file.chunks) {
      for (const ch of chunk.changes) {
        if (ch.content.startsWith('\\')) continue; // "\ No newline at end of file"
        if (ch.type === 'add') {
          out.added.add(ch.ln);
          out.hunkOf.set(ch.ln, hunk);
          out.text.set(ch.ln, ch.content.slice(1));
        } else if (ch.type === 'normal') {
          out.hunkOf.set(ch.ln2, hunk);
          out.text.set(ch.ln2, ch.content.slice(1));
        }
      }
      hunk++;
    }
  }
  return out;
}

/** True when the file's lines start..end read as the patch says (the checkout is the PR head). */
export function matchesPatch(diff: FileDiff, fileText: string, start: number, end: number): boolean {
  const lines = fileText.split('\n');
  for (let l = start; l <= end; l++) {
    const expected = diff.text.get(l);
    if (expected === undefined || (lines[l - 1] ?? '').replace(/\r$/, '') !== expected.replace(/\r$/, '')) return false;
  }
  return true;
}

/** True when lines start..end are all in one hunk of the diff (a multi-line comment's range). */
export function rangeInDiff(diff: FileDiff, start: number, end: number): boolean {
  const h = diff.hunkOf.get(start);
  if (h === undefined) return false;
  for (let l = start; l <= end; l++) if (diff.hunkOf.get(l) !== h) return false;
  return true;
}

export interface PullFile {
  filename: string;
  status?: string;
  patch?: string;
  previous_filename?: string;
}

/** Map of file name -> diff lines. Removed files and files GitHub sends without a patch have no lines. */
export function diffsOf(files: readonly PullFile[]): Map<string, FileDiff> {
  const m = new Map<string, FileDiff>();
  for (const f of files) {
    if (f.status === 'removed') continue;
    m.set(f.filename, patchLines(f.patch));
  }
  return m;
}
