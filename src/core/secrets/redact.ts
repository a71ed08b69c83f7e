/**
 * Redaction: the only form in which a detected secret leaves the detectors. A preview shows at most
 * four leading characters (only a known public type prefix such as `ghp_` or `AKIA`, and only for
 * values long enough that the prefix gives nothing away) and the length.
 */

/** Public type prefixes of well-known token formats (what the first characters say, not the secret). */
const TYPE_PREFIXES = [
  'github_pat_',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'glpat-',
  'xoxb-',
  'xoxa-',
  'xoxp-',
  'xoxr-',
  'xoxs-',
  'sk_live_',
  'rk_live_',
  'sk_test_',
  'rk_test_',
  'npm_',
  'AKIA',
  'ASIA',
  'AIza',
  'eyJ',
  'SG.',
  'sk-',
] as const;

/** Values shorter than this get no leading characters at all. */
const MIN_PREFIX_LENGTH = 16;

/** The known type prefix a value starts with, cut to at most 4 characters. */
export function typePrefix(value: string): string | undefined {
  if (value.length < MIN_PREFIX_LENGTH) return undefined;
  for (const p of TYPE_PREFIXES) if (value.startsWith(p)) return p.slice(0, 4);
  return undefined;
}

/**
 * A preview such as `ghp_…(40 chars)`, or `…(12 chars)` when the type is unknown. Never more than
 * four leading characters; none for short values.
 */
export function redact(value: string): string {
  const n = [...value].length;
  const prefix = typePrefix(value) ?? '';
  return `${prefix}…(${n} chars)`;
}
