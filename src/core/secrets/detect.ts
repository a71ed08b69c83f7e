/**
 * High-level detectors: a literal value under a key name, free text (config files, scripts),
 * container argv, and the entries of a Secret object. Every detection carries the secret material
 * only so it can be redacted and compared; messages are built from `label`, never from `secret`.
 */
import { secretName } from './names.ts';
import { findTokens, patternHints } from './patterns.ts';
import { redact } from './redact.ts';
import { secretlintGates, secretlintSync } from './secretlint.ts';
import {
  isBenignValue,
  isChecksum,
  isExpression,
  isPlaceholder,
  isUuid,
  looksLikePassword,
  looksLikeResourceName,
  looksRandom,
} from './text.ts';
import { maxOf } from '../arrays.ts';

export type Confidence = 'high' | 'medium' | 'low';

export interface Detection {
  /** Stable kind id: 'github-token', 'private-key', 'password', 'high-entropy', ... */
  kind: string;
  /** What was found, for messages: 'GitHub personal access token', 'password', ... */
  label: string;
  /** The secret material. Never printed; only redacted. */
  secret: string;
  /** Redacted preview for Finding.secretPreview. */
  preview: string;
  /** high: a known token format; medium: a secret-named key with a literal; low: entropy only. */
  confidence: Confidence;
  /** Where in the inspected text the secret starts (when known). */
  index?: number;
}

export interface DetectOptions {
  /** Names of Secrets in the scanned set: a value equal to one is a reference, not a secret. */
  resourceNames?: ReadonlySet<string>;
  /** Report high-entropy values under neutral names (confidence low). Default true. */
  entropy?: boolean;
  /**
   * Format detections by string, shared for one run (manifests repeat the same values a lot).
   * Owned by the caller (the rules keep one per run in `ctx.memo`), so no secret material outlives
   * the run in a process-wide cache.
   */
  cache?: Map<string, Detection[]>;
}

/** secretlint rule id -> label, for formats our own patterns do not cover. */
const SECRETLINT_LABELS: Record<string, string> = {
  'secretlint-rule-aws': 'AWS credential',
  'secretlint-rule-gcp': 'GCP credential',
  'secretlint-rule-npm': 'npm token',
  'secretlint-rule-slack': 'Slack token',
  'secretlint-rule-basicauth': 'password in a URL (basic auth)',
  'secretlint-rule-openai': 'OpenAI API key',
  'secretlint-rule-anthropic': 'Anthropic API key',
  'secretlint-rule-groq': 'Groq API key',
  'secretlint-rule-huggingface': 'Hugging Face token',
  'secretlint-rule-linear': 'Linear API key',
  'secretlint-rule-notion': 'Notion token',
  'secretlint-rule-privatekey': 'private key',
  'secretlint-rule-sendgrid': 'SendGrid API key',
  'secretlint-rule-shopify': 'Shopify token',
  'secretlint-rule-github': 'GitHub token',
  'secretlint-rule-gitlab': 'GitLab token',
  'secretlint-rule-grafana': 'Grafana token',
  'secretlint-rule-1password': '1Password service-account token',
  'secretlint-rule-database-connection-string': 'database connection string with a password',
  'secretlint-rule-hashicorp-vault': 'HashiCorp Vault token',
  'secretlint-rule-vercel': 'Vercel token',
  'secretlint-rule-databricks': 'Databricks token',
  'secretlint-rule-docker': 'Docker Hub token',
  'secretlint-rule-figma': 'Figma token',
};

function make(kind: string, label: string, secret: string, confidence: Confidence, index?: number): Detection {
  return { kind, label, secret, preview: redact(secret), confidence, ...(index !== undefined ? { index } : {}) };
}

/** Values too short or too simple to be worth running the format detectors on. */
function worthScanning(text: string): boolean {
  return text.length >= 12;
}

/** Known token formats in a text: our own patterns, then secretlint's recommended rules. */
export function detectFormats(text: string, cache?: Map<string, Detection[]>): Detection[] {
  if (!worthScanning(text)) return [];
  const hit = cache?.get(text);
  if (hit) return hit;
  const out = detectFormatsUncached(text);
  cache?.set(text, out);
  return out;
}

let anyHint: RegExp | null | undefined;

/**
 * One regex over the literals every detector needs: texts that contain none of them (most values)
 * skip the ~60 per-detector gates. null when some detector has no gate.
 */
function anyHintRegex(): RegExp | null {
  if (anyHint !== undefined) return anyHint;
  const ours = patternHints();
  const theirs = secretlintGates();
  if (!ours.length || !theirs) return (anyHint = null);
  const esc = (h: string) => h.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return (anyHint = new RegExp([...new Set([...ours, ...theirs])].map(esc).join('|')));
}

function detectFormatsUncached(text: string): Detection[] {
  const re = anyHintRegex();
  if (re && !re.test(text)) return [];
  const out: Detection[] = [];
  for (const t of findTokens(text)) {
    const end = t.index + t.secret.length;
    if (out.some((o) => o.index !== undefined && o.index < end && t.index < o.index + o.secret.length)) continue;
    out.push(make(t.kind, t.label, t.secret, 'high', t.index));
  }
  for (const s of secretlintSync(text)) {
    // the same material (or an overlapping span) found by our own pattern: keep ours
    const end = s.index + s.secret.length;
    if (out.some((o) => o.index !== undefined && o.index < end && s.index < o.index + o.secret.length)) continue;
    if (s.ruleId === 'secretlint-rule-privatekey' && !/[A-Za-z0-9+/=]{40}/.test(s.secret.replace(/\\n|\s/g, '')))
      continue;
    let secret = s.secret;
    // secretlint's URL rules match the whole URL: keep only the password part when we can
    const pw = /:\/\/[^\s/:@]*:([^\s/@]+)@/.exec(secret);
    if (pw) {
      if (isPlaceholder(pw[1])) continue;
      secret = pw[1];
    }
    if (isPlaceholder(secret)) continue;
    out.push(
      make(
        s.ruleId.replace(/^secretlint-rule-/, ''),
        SECRETLINT_LABELS[s.ruleId] ?? 'credential',
        secret,
        'high',
        s.index,
      ),
    );
  }
  return out;
}

/** Is this value a literal secret-looking value rather than a placeholder, reference or benign value? */
function isLiteralCandidate(value: string, opts: DetectOptions): boolean {
  const v = value.trim();
  if (isPlaceholder(v) || isBenignValue(v)) return false;
  if (opts.resourceNames?.has(v)) return false;
  if (looksLikeResourceName(v)) return false;
  // prose (help text, descriptions) is not a credential
  if (v.split(/\s+/).length > 3) return false;
  return true;
}

/**
 * A literal value under a key name (env var, ConfigMap key, annotation): known formats anywhere
 * in it, else the name says secret and the value is a literal, else (optionally) entropy alone.
 */
export function detectNamedValue(name: string, value: string, opts: DetectOptions = {}): Detection[] {
  const formats = detectFormats(value, opts.cache);
  if (formats.length) return formats;
  const byName = detectByName(name, value, opts);
  if (byName) return [byName];
  if (opts.entropy !== false) {
    const v = value.trim();
    if (
      v.length >= 24 &&
      v.length <= 200 &&
      looksRandom(v) &&
      !isChecksum(v) &&
      !isUuid(v) &&
      !/^[0-9a-f]+$/i.test(v) &&
      /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) &&
      maxOf(v.split(/[-_/.:]/).map((p) => p.length)) >= 16 &&
      isLiteralCandidate(v, opts)
    ) {
      return [make('high-entropy', 'high-entropy string', v, 'low')];
    }
  }
  return [];
}

/** The name says secret and the value is a literal (not a placeholder, reference or benign value). */
export function detectByName(
  name: string,
  value: string,
  opts: DetectOptions = {},
  inText = false,
): Detection | undefined {
  const sn = secretName(name);
  if (!sn) return undefined;
  const v = value.trim();
  if (!isLiteralCandidate(v, opts)) return undefined;
  // inside files and scripts, `passwd: files` or `token=os.environ[...]` are settings and code
  if (inText && (!looksLikePassword(v) || isExpression(v))) return undefined;
  if (sn.strength === 'weak') {
    const basic = /^(basic|bearer|token)\s+\S{8,}$/i.test(v) || /^[^\s:]+:[^\s:]{6,}$/.test(v);
    if (!basic && !looksRandom(v)) return undefined;
    if (!basic && (isChecksum(v) || isUuid(v))) return undefined;
  } else if (v.length < 4) {
    return undefined;
  }
  const kind = sn.what === 'password' || sn.what === 'passphrase' ? 'password' : 'named-secret';
  return make(kind, sn.what, v, 'medium');
}

/** Words a secret-named key contains (a cheap filter before the name is judged). */
const SECRET_HINT =
  /pass|pwd|secret|token|cred|auth|dsn|conn|bearer|api[-_.]?key|(?:private|access|signing|encryption|master|session|hmac|jwt|client|app|account|storage|license|shared|webhook|cookie|ssh|aes|rsa)[-_.]?key/i;

// key = value, key: value, "key": "value" (config files, properties, .env, shell)
const ASSIGNMENT =
  /(?:^|[\s{,;&?(]|--?)["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:(?!\/\/))[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,;#'"&)\]]+))/gm;
// --password secret, -password secret (flag and value separated by blanks)
const FLAG_SPACE = /(?:^|\s)--?([A-Za-z][A-Za-z0-9_-]*)[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|([^\s-][^\s]*))/gm;
// `requirepass S3cret` (redis.conf, pgbouncer, many daemons' config): a directive and one value
const DIRECTIVE = /^[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s"'#]+)[ \t]*;?[ \t]*$/gm;
// <password>S3cret</password>
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<\n]{1,200})<\/\1>/g;
// mysql -pSECRET / -p SECRET, redis-cli -a SECRET
const MYSQL = /\b(?:mysql|mysqladmin|mysqldump|mariadb|mysqlsh)\b[^\n|;&]*?\s-p(?:[ \t]+)?([^\s-][^\s]*)/g;
const REDIS = /\bredis-cli\b[^\n|;&]*?\s-a[ \t]+([^\s-][^\s]*)/g;
// an HTTP Authorization header in a command line or script: `curl -H "Authorization: Bearer <t>"`
const AUTH_HEADER =
  /\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(bearer|token|basic|apikey|api-key|digest)[ \t]+)?([A-Za-z0-9._~+/:-]{8,}={0,2})/gi;
// `Bearer <t>` on its own (a header value built elsewhere, `--header=Bearer <t>`)
const BEARER = /\bbearer[ \t]+([A-Za-z0-9._~+/-]{16,}={0,2})/gi;

/** The credential of an Authorization header value, or undefined when it is a reference or a word. */
function headerCredential(scheme: string | undefined, value: string, opts: DetectOptions): Detection | undefined {
  if (!isLiteralCandidate(value, opts) || isExpression(value)) return undefined;
  if (scheme?.toLowerCase() === 'basic') {
    const dec = decodeBase64(value);
    const colon = dec?.indexOf(':') ?? -1;
    if (dec === undefined || colon <= 0 || !/^[\x20-\x7e]+$/.test(dec)) return undefined;
    const pw = dec.slice(colon + 1);
    if (pw.length < 4 || isPlaceholder(pw)) return undefined;
    return make('basic-auth', 'password in an HTTP Basic Authorization header', value, 'medium');
  }
  // a scheme word was taken for the token (`Authorization: Bearer $TOKEN` leaves no literal)
  if (/^(bearer|token|basic|digest|negotiate)$/i.test(value)) return undefined;
  if (value.length < 12 || (!looksRandom(value) && !looksLikePassword(value))) return undefined;
  return make('bearer-token', 'token in an HTTP Authorization header', value, 'medium');
}

/**
 * Free text: known formats anywhere, plus `key=value` assignments and `--flag value` pairs whose
 * key says secret, plus database client password flags.
 */
export function detectInText(text: string, opts: DetectOptions = {}): Detection[] {
  const out = [...detectFormats(text, opts.cache)]; // a copy: the cached array is shared
  const seen = new Set(out.map((d) => d.secret));
  const add = (d: Detection | undefined) => {
    if (!d || seen.has(d.secret)) return;
    if (out.some((o) => o.secret.includes(d.secret) || d.secret.includes(o.secret))) return;
    seen.add(d.secret);
    out.push(d);
  };
  for (const re of [MYSQL, REDIS]) {
    if (!/mysql|mariadb|redis-cli/.test(text)) break;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const v = m[1].replace(/^["']|["']$/g, '');
      if (isLiteralCandidate(v, opts) && !/^\d+$/.test(v) && v.length >= 4)
        add(make('password', 'database password', v, 'medium', m.index + m[0].lastIndexOf(m[1])));
    }
  }
  if (!SECRET_HINT.test(text)) return out;
  // only lines that mention a secret word can hold a secret-named assignment: scan those lines
  const hint = new RegExp(SECRET_HINT.source, 'gi');
  let lastLineStart = -1;
  let h: RegExpExecArray | null;
  while ((h = hint.exec(text))) {
    const start = text.lastIndexOf('\n', h.index) + 1;
    if (start === lastLineStart) continue;
    lastLineStart = start;
    let end = text.indexOf('\n', h.index);
    if (end === -1) end = text.length;
    hint.lastIndex = end;
    const line = text.slice(start, end);
    for (const re of [AUTH_HEADER, BEARER]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) {
        const value = re === AUTH_HEADER ? m[2] : m[1];
        const d = headerCredential(re === AUTH_HEADER ? m[1] : 'bearer', value, opts);
        if (d) add({ ...d, index: start + m.index + m[0].lastIndexOf(value) });
      }
    }
    for (const re of [ASSIGNMENT, FLAG_SPACE, DIRECTIVE, XML_ELEMENT]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) {
        if (!SECRET_HINT.test(m[1])) continue;
        let value = m[2] ?? m[3] ?? m[4] ?? '';
        if (re === DIRECTIVE) value = value.replace(/^(["'])(.*)\1$/, '$2');
        // an unquoted value in a flow mapping ends at its closing brace, unless it opened one
        if (m[4] !== undefined && value.endsWith('}') && !value.includes('{')) value = value.replace(/}+$/, '');
        const after = line[m.index + m[0].length] ?? '';
        if (m[4] !== undefined && /[[(.]/.test(after)) continue;
        const d = detectByName(m[1], value, opts, true);
        if (d) add({ ...d, index: start + m.index + m[0].lastIndexOf(value) });
      }
    }
  }
  return out;
}

const MYSQL_CLIENT = /(?:^|\/)(?:mysql|mysqladmin|mysqldump|mariadb|mysqlsh)$/;
const REDIS_CLIENT = /(?:^|\/)redis-cli$/;

/**
 * Container command + args (one list): each element as text, `--secret-flag value` pairs across
 * elements, and `-p value` / `-a value` for database clients. Returns the index of the element
 * holding the secret.
 */
export function detectInArgv(
  argv: readonly unknown[],
  opts: DetectOptions = {},
): { index: number; detection: Detection }[] {
  const out: { index: number; detection: Detection }[] = [];
  const strs = argv.map((a) => (typeof a === 'string' ? a : typeof a === 'number' ? String(a) : ''));
  // the short flag that takes a password: mysql -p, redis-cli -a
  const pwFlag = strs.some((s) => MYSQL_CLIENT.test(s)) ? 'p' : strs.some((s) => REDIS_CLIENT.test(s)) ? 'a' : '';
  for (let i = 0; i < strs.length; i++) {
    const s = strs[i];
    for (const d of detectInText(s, opts)) out.push({ index: i, detection: d });
    const next = strs[i + 1];
    if (next === undefined || next.startsWith('-') || s.includes('=')) continue;
    const flag = /^--?([A-Za-z][A-Za-z0-9_-]*)$/.exec(s);
    if (!flag) continue;
    if (detectFormats(next, opts.cache).length) continue; // the value's own format detection reports it
    let d: Detection | undefined;
    if (flag[1].length > 1) d = detectByName(flag[1], next, opts);
    else if (flag[1] === pwFlag && isLiteralCandidate(next, opts) && !/^\d+$/.test(next))
      d = make('password', 'database password', next, 'medium');
    else if (
      flag[1] === 'p' &&
      isLiteralCandidate(next, opts) &&
      looksLikePassword(next) &&
      !/^[\d:.\-/]+(?:\/?(tcp|udp|sctp))?$/i.test(next) &&
      !/^[a-z0-9][a-z0-9.-]*$/.test(next)
    )
      d = make('password', 'password', next, 'medium');
    if (d && !out.some((o) => o.detection.secret === d.secret)) out.push({ index: i + 1, detection: d });
  }
  return out;
}

/** Keys of a Secret that hold non-secret identifiers. */
const NON_SECRET_KEYS =
  /(?:^|[._-])(user(name)?(_?in)?|known_hosts|login|email|e-?mail|host(name)?|server|port|db|database|dbname|db[-_]?name|region|zone|endpoint|url|uri|namespace|name|project(_?id)?|account(_?id)?|client[-_]?id|app[-_]?id|tenant[-_]?id|bucket|ca\.crt|ca|tls\.crt|.*\.crt|.*\.pem\.pub|.*\.pub|type|kind|mode|version)$/i;

function dockerConfigRegistries(json: string): string[] | undefined {
  let cfg: unknown;
  try {
    cfg = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof cfg !== 'object' || cfg === null) return undefined;
  const root = cfg as Record<string, unknown>;
  const auths = (typeof root.auths === 'object' && root.auths !== null ? root.auths : root) as Record<string, unknown>;
  const regs: string[] = [];
  for (const [reg, a] of Object.entries(auths)) {
    if (typeof a !== 'object' || a === null) continue;
    const e = a as Record<string, unknown>;
    const cred = [e.auth, e.password, e.identitytoken, e.registrytoken].find((x) => typeof x === 'string' && x !== '');
    if (typeof cred !== 'string') continue;
    if (typeof e.auth === 'string' && e.auth) {
      const dec = Buffer.from(e.auth, 'base64').toString('utf8');
      const pw = dec.slice(dec.indexOf(':') + 1);
      if (dec.indexOf(':') > 0 && isPlaceholder(pw)) continue;
    } else if (isPlaceholder(cred)) continue;
    regs.push(reg);
  }
  return regs;
}

/**
 * What kind of secret one entry of a committed Secret holds, or undefined when it holds nothing
 * worth reporting (empty, placeholder, public certificate, plain identifier).
 */
export function classifySecretEntry(
  key: string,
  value: string,
  secretType = 'Opaque',
  opts: DetectOptions = {},
): Detection | undefined {
  const v = value.trim();
  if (isPlaceholder(v)) return undefined;
  if (/"type"\s*:\s*"service_account"/.test(v) && /"private_key"\s*:\s*"-----BEGIN/.test(v))
    return make('gcp-service-account', 'GCP service-account key (JSON with a private key)', v, 'high');
  if (/PRIVATE KEY(?: BLOCK)?-----/.test(v)) {
    const tls = secretType === 'kubernetes.io/tls' || /^tls\.key$/.test(key);
    return make('private-key', tls ? 'TLS private key' : 'private key', v, 'high');
  }
  if (/-----BEGIN (CERTIFICATE|PUBLIC KEY)/.test(v)) return undefined;
  if (key === '.dockerconfigjson' || key === '.dockercfg' || secretType.startsWith('kubernetes.io/docker')) {
    const regs = dockerConfigRegistries(v);
    if (!regs) return undefined;
    if (!regs.length) return undefined;
    return make(
      'docker-config',
      `registry credentials (dockerconfigjson) for ${regs.slice(0, 3).join(', ')}`,
      v,
      'high',
    );
  }
  if (secretType === 'kubernetes.io/service-account-token') {
    if (key === 'token') return make('service-account-token', 'service-account token', v, 'high');
    return undefined;
  }
  if (secretType === 'kubernetes.io/basic-auth' && key === 'password') return make('password', 'password', v, 'medium');
  if (secretType === 'kubernetes.io/ssh-auth' && key === 'ssh-privatekey')
    return make('private-key', 'SSH private key', v, 'high');
  const formats = detectFormats(v, opts.cache);
  if (formats.length) return { ...formats[0], secret: v, preview: redact(v) };
  if (/client-key-data:|client-certificate-data:|\btoken:\s*\S{16,}/.test(v) && /clusters:/.test(v))
    return make('kubeconfig', 'kubeconfig with credentials', v, 'high');
  const sn = secretName(key);
  if (sn) {
    if (isBenignValue(v)) return undefined;
    // a bare `key` names many things (a Redis key, a cache key): only random-looking values count
    if (sn.strength === 'weak' && (!looksRandom(v) || isChecksum(v) || isUuid(v))) return undefined;
    return make(
      sn.what === 'password' ? 'password' : 'api-token',
      sn.what === 'password' ? 'password' : sn.what === 'token' || sn.what === 'API key' ? 'API token' : sn.what,
      v,
      'medium',
    );
  }
  if (NON_SECRET_KEYS.test(key)) return undefined;
  if (/\n/.test(v)) {
    // a config file: report what is inside it, if anything
    const inner = detectInText(v, opts);
    if (inner.length)
      return { ...inner[0], label: `${inner[0].label} in a config file`, secret: v, preview: redact(v) };
    return undefined;
  }
  if (isBenignValue(v) || v.length < 6) return undefined;
  // an unrecognised key: report only values that look generated (keys, tokens), not settings
  if (looksRandom(v) && !isChecksum(v) && !isUuid(v))
    return make('secret-value', 'random-looking secret value', v, 'medium');
  return undefined;
}

/** Decodes a Secret `data` value (base64); undefined when it is not valid base64. */
export function decodeBase64(v: string): string | undefined {
  const s = v.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return undefined;
  return Buffer.from(s, 'base64').toString('utf8');
}
