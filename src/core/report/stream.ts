/**
 * Reports as a sequence of chunks instead of one string. A JSON or SARIF report of a few million
 * findings is larger than the longest string V8 can hold (~512 MiB): `JSON.stringify` of it throws
 * "Invalid string length". The chunks here are the same text, byte for byte, as
 * `JSON.stringify(value, null, 2)`; the adapters write them to a file or stdout as they come.
 */
import type { Report } from '../model.ts';
import { formatReport, type FormatOptions, type ReportFormat } from './index.ts';
import { toJsonReport } from './json.ts';
import { toSarif } from './sarif.ts';

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/**
 * `JSON.stringify(value, null, 2)` in pieces: containers shallower than `streamDepth` are written
 * member by member, deeper values in one piece each.
 */
export function* jsonChunks(value: unknown, streamDepth: number, depth = 0): Generator<string> {
  const ind = '  '.repeat(depth);
  if (
    depth < streamDepth &&
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  ) {
    if (Array.isArray(value)) {
      if (!value.length) return void (yield '[]');
      yield '[';
      for (let i = 0; i < value.length; i++) {
        yield `${i ? ',' : ''}\n${ind}  `;
        const v: unknown = value[i];
        if (skipped(v)) yield 'null';
        else yield* jsonChunks(v, streamDepth, depth + 1);
      }
      yield `\n${ind}]`;
      return;
    }
    const obj = value as Record<string, unknown>;
    let first = true;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (skipped(v)) continue;
      yield `${first ? '{' : ','}\n${ind}  ${JSON.stringify(k)}: `;
      first = false;
      yield* jsonChunks(v, streamDepth, depth + 1);
    }
    yield first ? '{}' : `\n${ind}}`;
    return;
  }
  const s = JSON.stringify(value, null, 2);
  if (s === undefined) return;
  yield depth && s.includes('\n') ? s.replace(/\n/g, `\n${ind}`) : s;
}

/** Joins small chunks into pieces of about `size` characters (fewer writes). */
export function* batched(chunks: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf: string[] = [];
  let n = 0;
  for (const c of chunks) {
    buf.push(c);
    n += c.length;
    if (n >= size) {
      yield buf.join('');
      buf = [];
      n = 0;
    }
  }
  if (n) yield buf.join('');
}

/**
 * The report in `format`, in pieces of about 64 KiB: JSON and SARIF are generated finding by
 * finding (any size); the other formats are one piece (they are read by people or capped).
 */
export function* reportChunks(report: Report, format: ReportFormat, options: FormatOptions = {}): Generator<string> {
  if (format === 'json') {
    // root > findings > one finding
    yield* batched(jsonChunks(toJsonReport(report), 2));
    yield '\n';
  } else if (format === 'sarif') {
    // root > runs > run > results > one result
    yield* batched(jsonChunks(toSarif(report), 4));
    yield '\n';
  } else {
    yield formatReport(report, format, options);
  }
}
