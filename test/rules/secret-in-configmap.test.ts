import { ruleTester, runRule } from '../support/rule-tester.ts';
import { b64, block, makeTokens } from '../secrets/plant.ts';

const t = makeTokens(202);
const pw = t.password();

const cm = (data: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: shop
data:
${data}
${extra}`;

ruleTester('secret-in-configmap', {
  valid: [
    cm(`  LOG_LEVEL: info
  TOKEN_URL: https://auth.example.com/token
  PASSWORD_MIN_LENGTH: "12"
  SECRET_NAME: app-secret
  AUTH_ENABLED: "true"
  DB_PASSWORD: changeme`),
    {
      name: 'an Authorization header that references a variable',
      yaml: cm(`  sync.sh: |
    curl -H "Authorization: Bearer $TOKEN" https://api.example.com
    curl -H "Authorization: Bearer \${API_TOKEN}" https://api.example.com
    curl -H 'Authorization: token $(cat /run/secrets/token)' https://api.example.com`),
    },
    {
      name: 'docs-like samples and a public certificate',
      yaml: cm(`  README.md: |
    Put the password in a Secret:
      password: <your password>
      export API_TOKEN=\${API_TOKEN}
      token: example
  ca.crt: |
${block(['-----BEGIN CERTIFICATE-----', t.random(64), t.random(64), '-----END CERTIFICATE-----'].join('\n'), 4)}
  app.yaml: |
    db:
      password: \${DB_PASSWORD}
      passwordFile: /run/secrets/db
  nsswitch.conf: |
    passwd: files
    group: files`),
    },
    {
      name: 'not a ConfigMap',
      yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  ports: [{ port: 80 }]`,
    },
  ],
  invalid: [
    {
      name: 'a bearer token in a curl header inside a shell script, at its line',
      yaml: cm(`  LOG_LEVEL: info
  sync.sh: |
    #!/bin/sh
    set -e
    curl -sf -H "Authorization: Bearer ${t.random(40)}" \\
      https://api.example.com/sync`),
      paths: ['data["sync.sh"]'],
      lines: [11],
      message: /token in an HTTP Authorization header/,
    },
    {
      name: 'an AWS access key id alone is a medium finding (an identifier that pairs with a secret)',
      yaml: cm(`  plain: ${t.awsKeyId}`),
      paths: ['data.plain'],
      message: /AWS access key ID/,
    },
    {
      name: 'secret-named key with a literal',
      yaml: cm(`  LOG_LEVEL: info
  DB_PASSWORD: "${pw}"`),
      paths: ['data.DB_PASSWORD'],
      lines: [8],
      message: /holds a password/,
    },
    {
      name: 'tokens and passwords inside config files',
      yaml: cm(`  application.properties: |
    spring.datasource.username=app
    spring.datasource.password=${pw}
  .npmrc: |
    //registry.npmjs.org/:_authToken=${t.npm}
  settings.json: |
    { "slack": { "webhook": "https://hooks.slack.com/services/${t.slackWebhookPath}" } }`),
      paths: ['data["application.properties"]', 'data[".npmrc"]', 'data["settings.json"]'],
      lines: [9, 11, 13], // the line of the secret inside each file, not the key
    },
    {
      name: 'binaryData holding a private key',
      yaml: cm('  a: b', `binaryData:\n  key.pem: ${b64(t.rsaKey)}`),
      paths: ['binaryData["key.pem"]'],
      lines: [9],
      message: /private key \(base64-encoded\)/,
    },
  ],
});

test('secret-in-configmap: preview is redacted, message has no value', () => {
  const [f] = runRule('secret-in-configmap', cm(`  GITLAB: ${t.gitlab}`));
  expect(f.message).toBe('ConfigMap key "GITLAB" holds a GitLab personal access token');
  expect(f.secretPreview).toBe(`glpa…(${t.gitlab.length} chars)`);
});

test('secret-in-configmap: details say which line of a file holds the secret', () => {
  const [f] = runRule(
    'secret-in-configmap',
    cm(`  application.properties: |
    server.port=8080
    spring.datasource.username=app
    spring.datasource.password=${pw}`),
  );
  expect(f.details).toEqual({ secretKind: 'password', confidence: 'medium', lineInValue: '3' });
  // a literal block's lines are the file's: the finding points at the password's own line
  expect([f.location?.line, f.location?.column]).toEqual([10, 5]);
});

test('an AWS access key id alone is reported medium', () => {
  const found = runRule('secret-in-configmap', cm(`  settings: "region=eu-west-1 id=${t.awsKeyId}"`));
  expect(found.map((f) => f.severity)).toEqual(['medium']);
});
