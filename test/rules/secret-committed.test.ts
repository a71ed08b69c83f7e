import { evaluate } from '../../src/core/engine.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { getRule } from '../../src/core/rules/index.ts';
import { ruleTester, runRule } from '../support/rule-tester.ts';
import { b64, makeTokens } from '../secrets/plant.ts';

const t = makeTokens(404);
const pw = t.password();

const secret = (body: string, type = 'Opaque') => `apiVersion: v1
kind: Secret
metadata:
  name: app
  namespace: shop
type: ${type}
${body}`;

ruleTester('secret-committed', {
  valid: [
    { name: 'no data', yaml: secret('') },
    { name: 'service-account token without data', yaml: secret('', 'kubernetes.io/service-account-token') },
    {
      name: 'empty values and placeholders',
      yaml: secret(`data:
  password: ""
  token: ${b64('changeme')}
  api-key: ${b64('REPLACE_ME')}
stringData:
  secret: "<secret>"
  password: \${DB_PASSWORD}
  username: admin`),
    },
    {
      name: 'public certificates only',
      yaml: secret(
        `data:\n  ca.crt: ${b64('-----BEGIN CERTIFICATE-----\n' + t.random(64) + '\n-----END CERTIFICATE-----')}`,
      ),
    },
    {
      name: 'not a Secret',
      yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  password: "${pw}"`,
    },
  ],
  invalid: [
    {
      name: 'TLS private key',
      yaml: secret(
        `data:
  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\n' + t.random(64) + '\n-----END CERTIFICATE-----')}
  tls.key: ${b64(t.rsaKey)}`,
        'kubernetes.io/tls',
      ),
      paths: ['data["tls.key"]'],
      lines: [9],
      message: /commits a TLS private key in data key "tls.key"/,
    },
    {
      name: 'dockerconfigjson with registry auth',
      yaml: secret(
        `data:
  .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64('bot:' + t.random(20)) } } }))}`,
        'kubernetes.io/dockerconfigjson',
      ),
      paths: ['data[".dockerconfigjson"]'],
      message: /commits registry credentials \(dockerconfigjson\) for ghcr\.io/,
    },
    {
      name: 'service-account token with data',
      yaml: secret(
        `data:
  token: ${b64(t.jwt)}
  ca.crt: ${b64('-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----')}
  namespace: ${b64('shop')}`,
        'kubernetes.io/service-account-token',
      ),
      paths: ['data.token'],
      message: /service-account token/,
    },
    {
      name: 'password and API token in stringData',
      yaml: secret(`stringData:
  username: app
  password: "${pw}"
  api-token: ${t.random(32)}`),
      paths: ['stringData.password', 'stringData.api-token'],
      lines: [9, 10],
    },
    {
      name: 'known token format under any key',
      yaml: secret(`data:
  creds: ${b64(t.github)}`),
      paths: ['data.creds'],
      message: /GitHub personal access token/,
    },
  ],
});

test('secret-committed: the preview is of the decoded value and redacted', () => {
  const [f] = runRule('secret-committed', secret(`data:\n  creds: ${b64(t.github)}`));
  expect(f.secretPreview).toBe('ghp_…(40 chars)');
  expect(JSON.stringify(f)).not.toContain(b64(t.github));
  expect(JSON.stringify(f)).not.toContain(t.github.slice(4));
});

test('secret-committed: a live Secret holding data is not a leak (kubeward verify)', () => {
  const yaml = secret(`stringData:\n  password: "${pw}"`);
  const parsed = parseManifestText(yaml, 'live.yaml');
  const rule = getRule('secret-committed')!;
  const live = parsed.objects.map((o) => ({ ...o, origin: 'live' as const, file: undefined }));
  expect(evaluate(live, [], { rules: [rule], mode: 'live' }).findings).toEqual([]);
  expect(evaluate(parsed.objects, [], { rules: [rule] }).findings).toHaveLength(1);
});
