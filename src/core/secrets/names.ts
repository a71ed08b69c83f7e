/**
 * Does a key name (env var, ConfigMap key, annotation, Secret key, CLI flag) say it holds a secret?
 * Word-boundary aware: `DB_PASSWORD`, `apiKey`, `client-secret` are secret names; `TOKEN_URL`,
 * `PASSWORD_FILE`, `SECRET_NAME`, `*_PATH`, `*_REF`, `AUTH_ENABLED` are not.
 */

export type NameStrength = 'strong' | 'weak';

export interface SecretName {
  strength: NameStrength;
  /** What the name says the value is: 'password', 'token', 'API key', ... */
  what: string;
}

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `a.b/c` into lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Single words that name a secret by themselves. */
const STRONG: Record<string, string> = {
  password: 'password',
  passwd: 'password',
  pwd: 'password',
  pass: 'password',
  passphrase: 'passphrase',
  passcode: 'password',
  secret: 'secret',
  secrets: 'secret',
  token: 'token',
  tokens: 'token',
  apikey: 'API key',
  apitoken: 'API token',
  credentials: 'credentials',
  credential: 'credentials',
  creds: 'credentials',
  privatekey: 'private key',
  secretkey: 'secret key',
  accesskey: 'access key',
  clientsecret: 'client secret',
  authtoken: 'token',
  bearer: 'token',
  dsn: 'connection string',
  connectionstring: 'connection string',
  connstr: 'connection string',
  htpasswd: 'password',
  requirepass: 'password',
  masterauth: 'password',
  masterpassword: 'password',
  kubeconfig: 'kubeconfig',
};

/** Words that make a following `key` a secret: api key, private key, signing key ... */
const KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'secret',
  'access',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'master',
  'session',
  'auth',
  'ssh',
  'client',
  'app',
  'hmac',
  'jwt',
  'crypt',
  'cipher',
  'aes',
  'rsa',
  'account',
  'storage',
  'license',
  'service',
  'subscription',
  'shared',
  'webhook',
  'cookie',
]);

/** Words that, following the secret word, turn the name into a reference or a setting. */
const ALLOWED_AFTER = new Set([
  'key',
  'value',
  'data',
  'string',
  'str',
  'b64',
  'base64',
  'plain',
  'plaintext',
  'raw',
  'text',
  'secret',
  'token',
  'password',
  'pass',
  'pwd',
  'v1',
  'v2',
  'v3',
  'old',
  'new',
  'current',
  'previous',
  'prev',
  'primary',
  'secondary',
  'admin',
  'root',
  'base',
  'hash', // handled below: hashes are not secrets
]);

/** Names that end in these words hold something else: a hash, a reference, a setting. */
const NOT_SECRET_TAIL = new Set([
  'hash',
  'sha',
  'sha1',
  'sha256',
  'sha512',
  'md5',
  'checksum',
  'digest',
  'hashed',
  'bcrypt',
]);

/** Whole names that look secret but are conventional non-secrets. */
const EXCEPTIONS = new Set(['pwd', 'oldpwd', 'key', 'keys', 'public key', 'publickey']);

const nameCache = new Map<string, SecretName | undefined>();

/** What a key name says about its value (cached: the same names recur across manifests). */
export function secretName(name: string): SecretName | undefined {
  if (nameCache.has(name)) return nameCache.get(name);
  const r = judgeName(name);
  if (nameCache.size > 50000) nameCache.clear();
  nameCache.set(name, r);
  return r;
}

function judgeName(name: string): SecretName | undefined {
  const w = words(name);
  if (!w.length) return undefined;
  if (EXCEPTIONS.has(w.join(' ')))
    return w.join(' ') === 'key' || w.join(' ') === 'keys' ? { strength: 'weak', what: 'key' } : undefined;
  if (NOT_SECRET_TAIL.has(w[w.length - 1])) return undefined;
  if (w.includes('public') || w.includes('pub')) return undefined;
  // find the last secret word; everything after it must be allowed continuation
  let found: SecretName | undefined;
  let at = -1;
  for (let i = 0; i < w.length; i++) {
    const cur = w[i];
    const joined = i + 1 < w.length ? cur + w[i + 1] : '';
    if (STRONG[joined]) {
      found = { strength: 'strong', what: STRONG[joined] };
      at = i + 1;
      i++;
    } else if (STRONG[cur]) {
      found = { strength: 'strong', what: STRONG[cur] };
      at = i;
    } else if (cur === 'key' && i > 0 && KEY_QUALIFIERS.has(w[i - 1])) {
      found = { strength: 'strong', what: w[i - 1] === 'api' ? 'API key' : `${w[i - 1]} key` };
      at = i;
    } else if (
      cur === 'auth' ||
      cur === 'authorization' ||
      cur === 'key' ||
      cur === 'pat' ||
      cur === 'sig' ||
      cur === 'signature'
    ) {
      found = {
        strength: 'weak',
        what:
          cur === 'key'
            ? 'key'
            : cur === 'pat'
              ? 'token'
              : cur === 'sig' || cur === 'signature'
                ? 'signature'
                : 'credentials',
      };
      at = i;
    }
  }
  if (found && found.what === 'access key' && w.includes('secret')) found = { ...found, what: 'secret access key' };
  if (!found) {
    // concatenated names: azurestorageaccountkey, dbpassword, apitoken
    const last = w[w.length - 1];
    const m = /(password|passwd|secret|token|apikey|accesskey|secretkey|privatekey)$/.exec(last);
    if (m && last !== m[1]) return { strength: 'strong', what: STRONG[m[1]] ?? m[1] };
    if (last.endsWith('key') && last.length > 6 && !/(monkey|hockey|turkey|jockey|donkey)$/.test(last))
      return { strength: 'weak', what: 'key' };
    return undefined;
  }
  for (let j = at + 1; j < w.length; j++) {
    if (!ALLOWED_AFTER.has(w[j]) && !/^\d+$/.test(w[j])) return undefined;
  }
  return found;
}
