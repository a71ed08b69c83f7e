/** Unit tests of the detectors: names, placeholders, entropy, formats, redaction, secretlint paths. */
import {
  classifySecretEntry,
  detectFormats,
  detectInArgv,
  detectInText,
  detectNamedValue,
  isBenignValue,
  isPlaceholder,
  lintWithSecretlintCore,
  looksRandom,
  redact,
  secretlintSync,
  secretName,
  shannonEntropy,
} from '../../src/core/secrets/index.ts';
import { makeTokens } from './plant.ts';

const t = makeTokens(505);

describe('secretName', () => {
  test.each([
    ['DB_PASSWORD', 'password'],
    ['dbPassword', 'password'],
    ['db-passwd', 'password'],
    ['MYSQL_ROOT_PWD', 'password'],
    ['GITHUB_TOKEN', 'token'],
    ['apiKey', 'API key'],
    ['API_KEY', 'API key'],
    ['x-api-key', 'API key'],
    ['PRIVATE_KEY', 'private key'],
    ['client_secret', 'client secret'],
    ['AWS_SECRET_ACCESS_KEY', 'secret access key'],
    ['SECRET_KEY_BASE', 'secret key'],
    ['credentials', 'credentials'],
    ['azurestorageaccountkey', 'key'],
  ])('%s is a secret name (%s)', (name, what) => {
    expect(secretName(name)?.what).toBe(what);
  });

  test.each([
    'TOKEN_URL',
    'PASSWORD_FILE',
    'SECRET_NAME',
    'secretName',
    'API_KEY_PATH',
    'CLIENT_SECRET_REF',
    'secretKeyRef',
    'AUTH_ENABLED',
    'PASSWORD_HASH',
    'TOKEN_TTL',
    'PASSWORD_MIN_LENGTH',
    'PUBLIC_KEY',
    'PWD',
    'LOG_LEVEL',
    'BYPASS_CACHE',
  ])('%s is not a secret name', (name) => {
    expect(secretName(name)).toBeUndefined();
  });

  test('bare "key" and "auth" are weak: they need a random-looking value', () => {
    expect(secretName('key')?.strength).toBe('weak');
    expect(secretName('BASIC_AUTH')?.strength).toBe('weak');
    expect(detectNamedValue('KEY', 'app.kubernetes.io/name')).toEqual([]);
    expect(detectNamedValue('KEY', t.random(32))).toHaveLength(1);
  });
});

describe('placeholders and benign values', () => {
  test.each([
    '',
    'changeme',
    'CHANGE_ME',
    '<your-password>',
    '${DB_PASSWORD}',
    '$(DB_PASSWORD)',
    '$DB_PASSWORD',
    '{{ .Values.password }}',
    'REPLACE_ME',
    'xxx',
    'xxxxxxxx',
    '********',
    'TODO',
    'example',
    'password',
    'secret',
    'true',
    'false',
    '12345',
    'HF_TOKEN',
    'cGFzc3dvcmQ=', // base64 of "password"
    '__KUBECONFIG_FILEPATH__',
  ])('%j is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  test.each(['hunter2!x', 'Pw-9Xk2qL', 'registry.example.com:' + t.random(8), '123456'])(
    '%j is not a placeholder',
    (v) => {
      expect(isPlaceholder(v)).toBe(false);
    },
  );

  test('paths, URLs without credentials, UUIDs, digests and certificates are benign', () => {
    expect(isBenignValue('/etc/secrets/password')).toBe(true);
    expect(isBenignValue('https://auth.example.com/token')).toBe(true);
    expect(isBenignValue(t.uuid())).toBe(true);
    expect(isBenignValue('sha256:' + t.hex(64))).toBe(true);
    expect(isBenignValue('nginx@sha256:' + t.hex(64))).toBe(true);
    expect(isBenignValue('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toBe(true);
    expect(isBenignValue(`https://u:${t.password()}@host/`)).toBe(false);
  });
});

describe('entropy', () => {
  test('random strings are random, words and checksums by name are not', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(looksRandom(t.random(32))).toBe(true);
    expect(looksRandom('this-is-not-random-at-all')).toBe(false);
    expect(looksRandom('aaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });

  test('hex checksums, UUIDs and model ids under neutral names are not reported', () => {
    expect(detectNamedValue('BUNDLE', t.hex(64))).toEqual([]);
    expect(detectNamedValue('ID', t.uuid())).toEqual([]);
    expect(detectNamedValue('MODEL_ID', 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8')).toEqual([]);
  });
});

describe('known formats', () => {
  test.each([
    ['GitHub', t.github, 'github-token'],
    ['GitLab', t.gitlab, 'gitlab-token'],
    ['Slack', t.slack, 'slack-token'],
    ['Slack webhook', `https://hooks.slack.com/services/${t.slackWebhookPath}`, 'slack-webhook'],
    ['Stripe', t.stripe, 'stripe-key'],
    ['npm', t.npm, 'npm-token'],
    ['AWS key id', t.awsKeyId, 'aws-access-key-id'],
    ['AWS secret in config', `aws_secret_access_key = ${t.awsSecret}`, 'aws-secret-access-key'],
    ['Azure', `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${t.azureKey}`, 'azure-storage-key'],
    ['Google API key', t.googleApiKey, 'gcp-api-key'],
    ['JWT', t.jwt, 'jwt'],
    ['PEM', t.rsaKey, 'private-key'],
    ['GCP SA JSON', JSON.stringify({ type: 'service_account', private_key: t.pkcs8Key }), 'private-key'],
    ['basic auth URL', `https://deploy:${t.password()}@git.example.com/repo.git`, 'url-credentials'],
    ['connection string', `Server=db;Database=app;User Id=app;Password=${t.password()};`, 'connection-string'],
  ])('%s', (_n, text, kind) => {
    const ds = detectFormats(`value: ${text}\n`);
    expect(ds.map((d) => d.kind)).toContain(kind);
    for (const d of ds) expect(d.confidence).toBe('high');
  });

  test('AWS documentation example keys and public certificates are not reported', () => {
    expect(detectFormats('AKIA' + 'IOSFODNN7' + 'EXAMPLE')).toEqual([]);
    expect(detectFormats('-----BEGIN CERTIFICATE-----\n' + t.random(64) + '\n-----END CERTIFICATE-----')).toEqual([]);
  });
});

describe('text and argv', () => {
  test('assignments in config files by secret-named keys', () => {
    const pw = t.password();
    const ds = detectInText(`user=app\npassword=${pw}\npassword_file=/x\ntoken=os.environ["T"]\n`);
    expect(ds.map((d) => d.secret)).toEqual([pw]);
  });

  test('a shared cache is not polluted by name-based detections', () => {
    const cache = new Map();
    const text = `gh: ${t.github}\napi_secret: ${t.password()}\n`;
    expect(detectInText(text, { cache })).toHaveLength(2);
    expect(detectInText(text, { cache })).toHaveLength(2);
    expect(detectFormats(text, cache).map((d) => d.kind)).toEqual(['github-token']);
  });

  test('config directives and XML elements', () => {
    const pw = t.password();
    expect(detectInText(`port 6379\nrequirepass ${pw}\n`).map((d) => d.secret)).toEqual([pw]);
    expect(detectInText(`<db><password>${pw}</password></db>`).map((d) => d.secret)).toEqual([pw]);
    expect(detectInText('password reset is done via email\ntoken expired\nauth_type md5\n')).toEqual([]);
  });

  test('argv: --flag=value, --flag value, mysql -p, shell scripts', () => {
    const pw = t.password();
    const found = detectInArgv(['sh', '-c', `export DB_PASSWORD=${pw}; run`, '--token', t.random(30), '--port', '80']);
    expect(found.map((f) => f.index)).toEqual([2, 4]);
    expect(detectInArgv(['mysql', '-u', 'root', '-p', pw]).map((f) => f.index)).toEqual([4]);
    expect(detectInArgv(['server', '-p', '8080'])).toEqual([]);
  });
});

describe('Secret entries', () => {
  test('kinds', () => {
    expect(classifySecretEntry('tls.key', t.rsaKey, 'kubernetes.io/tls')?.label).toBe('TLS private key');
    expect(classifySecretEntry('tls.crt', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----')).toBeUndefined();
    expect(classifySecretEntry('token', t.jwt, 'kubernetes.io/service-account-token')?.label).toBe(
      'service-account token',
    );
    expect(classifySecretEntry('username', 'admin')).toBeUndefined();
    expect(classifySecretEntry('password', 'changeme')).toBeUndefined();
    expect(classifySecretEntry('password', t.password())?.label).toBe('password');
    expect(classifySecretEntry('LOG_LEVEL', 'critical')).toBeUndefined();
  });
});

describe('redact', () => {
  test('type prefix of at most 4 characters for known formats, length otherwise', () => {
    expect(redact(t.github)).toBe('ghp_…(40 chars)');
    expect(redact('github_pat_' + 'x'.repeat(82))).toBe('gith…(93 chars)');
    expect(redact(t.awsKeyId)).toBe('AKIA…(20 chars)');
    expect(redact('hunter2hunter2')).toBe('…(14 chars)');
    expect(redact('ghp_short')).toBe('…(9 chars)');
  });

  test('never more than 4 leading characters, never any of a short value', () => {
    for (const v of [t.slack, t.stripe, t.gitlab, t.jwt, t.npm, t.random(50), 'abc']) {
      const r = redact(v);
      const lead = r.slice(0, r.indexOf('…'));
      expect(lead.length).toBeLessThanOrEqual(4);
      expect(v.startsWith(lead)).toBe(true);
      if (v.length < 16) expect(lead).toBe('');
      expect(r).toMatch(new RegExp(`…\\(${[...v].length} chars\\)$`));
    }
  });
});

describe('secretlint', () => {
  const text = [
    `GH=${t.github}`,
    `url: postgres://app:${t.password()}@db:5432/app`,
    `hf=hf_${t.random(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
    'plain text without secrets',
  ].join('\n');

  test('the synchronous path finds what @secretlint/core finds', async () => {
    const sync = secretlintSync(text).map((m) => `${m.ruleId}@${m.index}`);
    const core = (await lintWithSecretlintCore(text)).map((m) => `${m.ruleId}@${m.range[0]}`);
    expect(sync.length).toBeGreaterThanOrEqual(3);
    expect(sync.sort()).toEqual(core.sort());
  });

  test('formats only secretlint knows are reported through it', () => {
    const hf = 'hf_' + t.random(34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(detectFormats(`HF=${hf}`).map((d) => d.label)).toEqual(['Hugging Face token']);
  });
});
