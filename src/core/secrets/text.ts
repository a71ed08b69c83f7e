/**
 * Value heuristics shared by the detectors: entropy by charset, placeholders, and values that look
 * like secrets but are not (paths, URLs without credentials, UUIDs, digests, checksums, certificates).
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = s.length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type Charset = 'hex' | 'base64' | 'other';

const HEX = /^[0-9a-fA-F]+$/;
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function charsetOf(s: string): Charset {
  if (HEX.test(s)) return 'hex';
  if (B64.test(s)) return 'base64';
  return 'other';
}

/**
 * Does this single token look randomly generated? Thresholds per charset (as truffleHog and
 * detect-secrets use): hex >= 3.0 bits/char over >= 20 chars, base64 >= 4.2 over >= 20 chars with
 * mixed character classes, other printable >= 4.0 over >= 16 chars with mixed classes.
 */
export function looksRandom(s: string): boolean {
  if (s.length < 16 || /\s/.test(s)) return false;
  const cs = charsetOf(s);
  const h = shannonEntropy(s);
  const classes = (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0);
  if (cs === 'hex') return s.length >= 20 && h >= 3.0;
  if (cs === 'base64') return s.length >= 20 && classes >= 3 && h >= 4.2;
  return classes >= 2 && h >= 4.0;
}

/** Does this value look like a password someone chose (not a word, path or identifier)? */
export function looksLikePassword(s: string): boolean {
  if (s.length < 6 || /\s/.test(s)) return false;
  const classes =
    (/[a-z]/.test(s) ? 1 : 0) +
    (/[A-Z]/.test(s) ? 1 : 0) +
    (/[0-9]/.test(s) ? 1 : 0) +
    (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
  return classes >= 2 || looksRandom(s);
}

const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'replace_me',
  'replaceme',
  'replace-me',
  'todo',
  'tbd',
  'fixme',
  'example',
  'sample',
  'dummy',
  'placeholder',
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'key',
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'enabled',
  'disabled',
  'redacted',
  'hidden',
  'masked',
  'required',
  'optional',
  'empty',
  'default',
  'test',
  'foo',
  'bar',
  'foobar',
  'insert_here',
  'your_password',
  'your-password',
  'yourpassword',
  'mypassword',
  'my-password',
  'my_password',
  'secretpassword',
  'mysecret',
  'my-secret',
  'supersecret',
]);

/**
 * Placeholders, templates and references: `changeme`, `<...>`, `${VAR}`, `$(VAR)`, `$VAR`,
 * `{{ .. }}`, `%VAR%`, empty, `REPLACE_ME`, `xxx`, `TODO`, `example`, `true/false`, short numbers.
 */
export function isPlaceholder(raw: string): boolean {
  const v = raw.trim().replace(/^["']|["']$/g, '');
  if (v === '') return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (/^\d{1,5}$/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true; // xxxx, ****, ....
  if (/^x{3,}/i.test(v) && /^[x\-_.*]+$/i.test(v)) return true;
  if (/^<[^<>]*>$/.test(v) || /^\[[^[\]]*\]$/.test(v)) return true;
  if (
    /\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\{\{.*?\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v)
  )
    return true;
  if (/^\$[A-Za-z_][\w-]*$|^__[A-Za-z0-9_]+__$|^@@[\w-]+@@$/.test(v)) return true;
  // an environment-variable-like name used as a value (HF_TOKEN: "HF_TOKEN", API_KEY_VAL)
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true;
  // vendor prefix + upper-case word: nvapi-NVKEY, sk-YOURKEY
  if (/^[a-z]{2,8}[-_][A-Z]{3,}$/.test(v)) return true;
  if (/^(ref|vault|secret|env|file|awssm|azkv|gcpsm|op|sops|arn):/i.test(v)) return true;
  if (
    /change[-_ ]?me|replace[-_ ]?(me|this|with)|^your[-_ ]|^my[-_]?(secret|password|token)|placeholder|(?:^|[-_ ])example(?:[-_ ]|$)|^sample|^dummy|^fake|insert[-_ ]|redacted|^todo|not[-_ ]?set|^none$/i.test(
      v,
    )
  )
    return true;
  // a base64-encoded placeholder (Secret data, sample configs): "cGFzc3dvcmQ=" is "password"
  if (v.length >= 8 && v.length <= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) && v.length % 4 === 0) {
    const dec = Buffer.from(v, 'base64').toString('utf8');
    if (/^[\x20-\x7e]+$/.test(dec) && dec !== v && isPlaceholder(dec)) return true;
  }
  return false;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGEST = /^(sha256|sha384|sha512|sha1|md5):[0-9a-f]{32,128}$/i;
const IMAGE_WITH_DIGEST = /^[\w.\-/:]+@sha256:[0-9a-f]{64}$/;
const CHECKSUM_HEX = /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i;
const PATHLIKE = /^(\/|~\/|\.\.?\/)[^\s]*$|^[A-Za-z]:\\/;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const DNS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** A value that is code or an expression, not a literal: os.environ["X"], getenv("X"), process.env.X. */
export function isExpression(v: string): boolean {
  return /environ|getenv|process\.env|[([{]$|^\w+\(|\)$/.test(v);
}

export function isUuid(v: string): boolean {
  return UUID.test(v);
}

/** A bare hex checksum or git SHA (md5, sha1, sha256, sha512 lengths). */
export function isChecksum(v: string): boolean {
  return CHECKSUM_HEX.test(v) || DIGEST.test(v);
}

/** A URL with a password in its userinfo: `scheme://user:pass@host`. Returns the password. */
export function urlPassword(v: string): string | undefined {
  const m = /([a-z][a-z0-9+.-]*):\/\/([^\s/:@"'<>]*):([^\s/@"'<>]+)@[^\s/@"'<>]/i.exec(v);
  if (!m) return undefined;
  const pw = m[3];
  if (isPlaceholder(pw) || (isPlaceholder(m[2] ?? '') && isPlaceholder(pw))) return undefined;
  return pw;
}

/**
 * Values that are clearly not secrets whatever their key says: paths, URLs without credentials,
 * UUIDs, image digests, checksums, public certificates, booleans and plain numbers.
 */
export function isBenignValue(raw: string): boolean {
  const v = raw.trim();
  if (UUID.test(v) || DIGEST.test(v) || IMAGE_WITH_DIGEST.test(v)) return true;
  if (
    /-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|DH PARAMETERS|EC PARAMETERS|PGP PUBLIC KEY BLOCK|PGP SIGNATURE)-----/.test(
      v,
    ) &&
    !/PRIVATE KEY-----/.test(v)
  )
    return true;
  if (PATHLIKE.test(v)) return true;
  if (URL_RE.test(v) && urlPassword(v) === undefined) return true;
  if (/^-?\d+(\.\d+)?$/.test(v) && v.length < 12) return true;
  return false;
}

/** A Kubernetes-style resource name (DNS label/subdomain) that mentions a secret word: a reference, not a value. */
export function looksLikeResourceName(v: string): boolean {
  const parts = v.split('/');
  if (parts.length > 2 || !parts.every((p) => DNS_NAME.test(p))) return false;
  return v.length <= 253 && /secret|token|password|passwd|cred|key|auth|cert|tls|ssl/.test(v) && /[-./]/.test(v);
}
