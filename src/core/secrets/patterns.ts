/**
 * Known token formats, matched synchronously over candidate strings. Documented patterns only:
 * each entry names the vendor's format. Matches carry the secret material for redaction; callers
 * never print it.
 */
import { isPlaceholder, looksRandom, urlPassword } from './text.ts';

export interface TokenMatch {
  /** Stable kind id, e.g. 'github-token'. */
  kind: string;
  /** Human label for messages, e.g. 'GitHub personal access token'. */
  label: string;
  /** The secret material (never printed). */
  secret: string;
  index: number;
}

interface TokenPattern {
  kind: string;
  label: string | ((m: RegExpExecArray) => string);
  re: RegExp;
  /** Group holding the secret material (default: whole match). */
  group?: number;
  /** Extra check on the match (e.g. a JWT's header decodes to JSON). */
  accept?: (m: RegExpExecArray) => boolean;
  /** Cheap substring that must occur for the regex to be tried. */
  hint?: string | readonly string[];
}

function b64urlJson(s: string): unknown {
  try {
    return JSON.parse(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

const GITHUB_TYPES: Record<string, string> = {
  ghp: 'GitHub personal access token',
  gho: 'GitHub OAuth access token',
  ghu: 'GitHub user-to-server token',
  ghs: 'GitHub server-to-server token',
  ghr: 'GitHub refresh token',
};

export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  {
    kind: 'private-key',
    label: (m) => `${m[1] ? m[1].trim() + ' ' : ''}private key`,
    // PEM private key blocks (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8, PGP)
    re: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    hint: 'PRIVATE KEY',
    accept: (m) => /[A-Za-z0-9+/=]{40}/.test(m[0].replace(/\\n|\s/g, '')),
  },
  {
    kind: 'aws-access-key-id',
    label: 'AWS access key ID',
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    re: /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Z0-9])/g,
    group: 1,
    hint: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    accept: (m) => !/EXAMPLE$/.test(m[1]),
  },
  {
    kind: 'aws-secret-access-key',
    label: 'AWS secret access key',
    re: /aws.{0,20}?secret.{0,20}?["'`]?\s*[:=]\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    hint: ['aws', 'AWS', 'Aws'],
    accept: (m) => looksRandom(m[1]) && !/EXAMPLEKEY$/.test(m[1]),
  },
  {
    kind: 'gcp-service-account',
    label: 'GCP service-account key',
    re: /"type"\s*:\s*"service_account"[\s\S]{0,4000}?"private_key"\s*:\s*"(-----BEGIN[^"]+)"/g,
    group: 1,
    hint: 'service_account',
  },
  {
    kind: 'gcp-api-key',
    label: 'Google API key',
    re: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
    group: 1,
    hint: 'AIza',
  },
  {
    kind: 'azure-storage-key',
    label: 'Azure storage account key',
    // DefaultEndpointsProtocol=...;AccountName=...;AccountKey=<88 base64 chars>
    re: /AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)/g,
    group: 1,
    hint: 'AccountKey',
  },
  {
    kind: 'azure-sas',
    label: 'Azure shared access signature',
    re: /(?:SharedAccessKey|sig)=([A-Za-z0-9%+/]{40,}={0,2})/g,
    group: 1,
    hint: ['SharedAccessKey', 'sig='],
    accept: (m) => looksRandom(decodeURIComponent(m[1])),
  },
  {
    kind: 'github-token',
    label: (m) => GITHUB_TYPES[m[1].slice(0, 3)] ?? 'GitHub token',
    // https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
    re: /(?<![A-Za-z0-9_])((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    group: 1,
    hint: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  },
  {
    kind: 'github-token',
    label: 'GitHub fine-grained personal access token',
    re: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    group: 1,
    hint: 'github_pat_',
  },
  {
    kind: 'gitlab-token',
    label: 'GitLab personal access token',
    re: /(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,128})(?![A-Za-z0-9_-])/g,
    group: 1,
    hint: 'glpat-',
  },
  {
    kind: 'slack-token',
    label: 'Slack token',
    re: /(?<![A-Za-z0-9-])(xox[baprs]-[0-9A-Za-z-]{10,250})(?![A-Za-z0-9-])/g,
    group: 1,
    hint: 'xox',
    accept: (m) => /\d/.test(m[1]) && m[1].length >= 20,
  },
  {
    kind: 'slack-webhook',
    label: 'Slack incoming webhook URL',
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/(T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g,
    group: 1,
    hint: 'hooks.slack.com',
  },
  {
    kind: 'stripe-key',
    label: (m) => (m[1].includes('_live_') ? 'Stripe live secret key' : 'Stripe test secret key'),
    re: /(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99})(?![A-Za-z0-9_])/g,
    group: 1,
    hint: ['k_live_', 'k_test_'],
  },
  {
    kind: 'npm-token',
    label: 'npm access token',
    re: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    group: 1,
    hint: 'npm_',
  },
  {
    kind: 'npm-token',
    label: 'npm auth token in .npmrc',
    re: /:_authToken=([A-Za-z0-9\-_.]{20,})/g,
    group: 1,
    hint: '_authToken',
  },
  {
    kind: 'sendgrid-key',
    label: 'SendGrid API key',
    re: /(?<![A-Za-z0-9_])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    group: 1,
    hint: 'SG.',
  },
  {
    kind: 'jwt',
    label: 'JSON Web Token',
    re: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
    group: 1,
    hint: 'eyJ',
    accept: (m) => {
      const h = b64urlJson(m[1].split('.')[0]);
      return typeof h === 'object' && h !== null && 'alg' in h;
    },
  },
  {
    kind: 'connection-string',
    label: 'connection string with a password',
    // ADO.NET / ODBC / JDBC style: Password=...; Pwd=...; password=... in a query string
    re: /(?:^|[;?&\s"'])(?:password|pwd)\s*=\s*([^;&\s"'<>]{4,})/gi,
    group: 1,
    hint: ['assword', 'ASSWORD', 'pwd', 'Pwd', 'PWD'],
    accept: (m) => !isPlaceholder(m[1]) && !/^\$|^%|^\{/.test(m[1]),
  },
];

/** Every literal our patterns need (plus the URL marker of basic-auth URLs). */
export function patternHints(): string[] {
  const out = new Set<string>(['://']);
  for (const p of TOKEN_PATTERNS) {
    if (!p.hint) return [];
    for (const h of typeof p.hint === 'string' ? [p.hint] : p.hint) out.add(h);
  }
  return [...out];
}

/** Every known-format token in a text. */
export function findTokens(text: string): TokenMatch[] {
  const out: TokenMatch[] = [];
  for (const p of TOKEN_PATTERNS) {
    if (p.hint && (typeof p.hint === 'string' ? !text.includes(p.hint) : !p.hint.some((h) => text.includes(h))))
      continue;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text))) {
      if (m[0] === '') {
        p.re.lastIndex++;
        continue;
      }
      if (p.accept && !p.accept(m)) continue;
      const secret = m[p.group ?? 0];
      out.push({
        kind: p.kind,
        label: typeof p.label === 'string' ? p.label : p.label(m),
        secret,
        index: m.index + m[0].indexOf(secret),
      });
    }
  }
  // URLs with basic auth: scheme://user:password@host
  if (text.includes('@') && text.includes('://')) {
    const re = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'<>]*:[^\s/@"'<>]+@[^\s/@"'<>]+/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const pw = urlPassword(m[0]);
      if (pw === undefined) continue;
      if (out.some((o) => o.secret === pw)) continue;
      out.push({
        kind: 'url-credentials',
        label: 'password in a URL (basic auth)',
        secret: pw,
        index: m.index + m[0].indexOf(pw),
      });
    }
  }
  return out;
}
