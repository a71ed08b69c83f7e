/**
 * Glob matching in linear time. picomatch compiles a glob to a backtracking RegExp, and
 * `Pod/ns/*a*a*a*a*a*a*a*a*b` against a long name took minutes: a pull request could stall the gate
 * with one exemption or `exclude` pattern. Here a glob is translated to a regular expression without
 * lookarounds or backreferences and run by RE2JS (a JavaScript port of RE2: matching time is linear
 * in the input, whatever the pattern). Patterns are also bounded in length.
 *
 * Supported: `*` and `?` (within a path segment), `**` (any number of segments), `[...]` classes
 * (`[!...]`/`[^...]` negated), `{a,b}` alternatives (nested), `\` escapes, and a leading `!` that
 * negates the pattern. Like picomatch, a pattern matches the whole string; with `dot: false`,
 * wildcards do not match a segment that starts with `.`.
 */
import { RE2JS } from 're2js';

/** Longer patterns are refused: no real path or object glob comes near it. */
export const MAX_GLOB_LENGTH = 1024;

export class GlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobError';
  }
}

export interface GlobOptions {
  /** Wildcards match segments that start with `.` (default false). */
  dot?: boolean;
  /** Case-insensitive (default false). */
  nocase?: boolean;
}

const META = /[\\^$.|?*+()[\]{}]/g;
const escape = (s: string) => s.replace(META, '\\$&');

/** Why a pattern cannot be used, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) {
    return `pattern is ${pattern.length} characters long, over the ${MAX_GLOB_LENGTH}-character limit for a glob`;
  }
  try {
    compileOne(pattern, {});
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Index of the `}` closing the `{` at `i`, or -1. */
function closingBrace(p: string, i: number): number {
  let depth = 0;
  for (let j = i; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return -1;
}

/** Splits brace content at top-level commas. */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(body.slice(start, j));
      start = j + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** Translates a glob (no leading `!`) to RE2 syntax. `segStart`: the text starts a path segment. */
function translate(p: string, dot: boolean, segStart: boolean): string {
  // a segment of any name (dot: false, not one that starts with `.`)
  const anySeg = dot ? '[^/]*' : '(?:[^/.][^/]*)?';
  let out = '';
  let atStart = segStart;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) out += escape(p[++i]);
      atStart = false;
    } else if (c === '*') {
      let j = i;
      while (p[j + 1] === '*') j++;
      const globstar = j > i && atStart && (j + 1 === p.length || p[j + 1] === '/');
      if (globstar) {
        if (p[j + 1] === '/') {
          // `**/`: zero or more whole segments
          out += `(?:${anySeg}/)*`;
          i = j + 1;
          atStart = true;
          continue;
        }
        // trailing `**`: the rest, any depth (also nothing)
        out += dot ? '.*' : `(?:${anySeg}(?:/${anySeg})*)?`;
      } else out += atStart && !dot ? anySeg : '[^/]*';
      i = j;
      atStart = false;
    } else if (c === '?') {
      out += atStart && !dot ? '[^/.]' : '[^/]';
      atStart = false;
    } else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
      } else {
        let body = p.slice(i + 1, end);
        const neg = body[0] === '!' || body[0] === '^';
        if (neg) body = body.slice(1);
        const cls = body.replace(/[\\[\]^]/g, (m) => `\\${m}`);
        out += neg ? `[^/${cls}]` : `[${cls}]`;
        i = end;
      }
      atStart = false;
    } else if (c === '{') {
      const end = closingBrace(p, i);
      const alts = end === -1 ? [] : alternatives(p.slice(i + 1, end));
      if (alts.length < 2) {
        out += '\\{';
        atStart = false;
        continue;
      }
      out += `(?:${alts.map((a) => translate(a, dot, atStart)).join('|')})`;
      i = end;
      atStart = false;
    } else if (c === '/' && i + 3 === p.length && p.endsWith('**')) {
      // trailing `/**`: the directory itself or anything below it (as picomatch)
      out += dot ? '(?:/.*)?' : `(?:/${anySeg}(?:/${anySeg})*)?`;
      break;
    } else {
      out += escape(c);
      atStart = c === '/';
    }
  }
  return out;
}

function compileOne(pattern: string, opts: GlobOptions): (s: string) => boolean {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(globProblem(pattern) ?? 'pattern too long');
  let p = pattern;
  let negate = false;
  while (p.startsWith('!')) {
    negate = !negate;
    p = p.slice(1);
  }
  if (p.startsWith('./')) p = p.slice(2);
  let re: RE2JS;
  try {
    re = RE2JS.compile(`^(?:${translate(p, Boolean(opts.dot), true)})$`, opts.nocase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    throw new GlobError(`invalid glob "${pattern.slice(0, 80)}": ${(e as Error).message}`);
  }
  return negate ? (s) => !re.matches(s) : (s) => re.matches(s);
}

/**
 * A matcher for one pattern or any of several (like `picomatch(patterns)`). Throws GlobError for a
 * pattern over MAX_GLOB_LENGTH or one that cannot be compiled.
 */
export function compileGlob(patterns: string | readonly string[], opts: GlobOptions = {}): (s: string) => boolean {
  const list = (typeof patterns === 'string' ? [patterns] : patterns).map((p) => compileOne(p, opts));
  if (list.length === 1) return list[0];
  return (s) => list.some((m) => m(s));
}
