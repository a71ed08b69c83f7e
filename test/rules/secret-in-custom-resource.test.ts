import { deployment, ruleTester, runRule } from '../support/rule-tester.ts';
import { makeTokens } from '../secrets/plant.ts';

// token-shaped values are assembled at test time, never committed
const t = makeTokens(303);
const pw = t.password();
const token = t.random(40);

ruleTester('secret-in-custom-resource', {
  valid: [
    {
      name: 'references to Secrets, placeholders and settings',
      yaml: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: alerts, namespace: mon }
spec:
  receivers:
  - name: slack
    slackConfigs:
    - channel: "#alerts"
      apiURL: { name: slack-webhook, key: url }
  db:
    passwordSecretRef: { name: db, key: password }
    passwordFile: /run/secrets/db
    password: "\${DB_PASSWORD}"
    tokenSecret: slack-token
    authEnabled: "true"`,
    },
    {
      name: 'ciphertext meant to be committed (SealedSecret, SOPS)',
      yaml: `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: { name: db }
spec:
  encryptedData:
    password: Ag${t.random(300)}
---
apiVersion: example.com/v1
kind: AppConfig
metadata: { name: app }
spec:
  password: ENC[AES256_GCM,data:${t.random(20)},iv:${t.random(22)},tag:${t.random(22)},type:str]
sops:
  mac: ENC[AES256_GCM,data:${t.random(60)},type:str]`,
    },
    {
      name: 'built-in kinds are other rules',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: { name: c }
data:
  password: "${pw}"
---
${deployment(`- name: app
  image: app:1.0
  env:
  - name: DB_PASSWORD
    value: "${pw}"`)}`,
    },
  ],
  invalid: [
    {
      name: 'a Slack token and a nested password, with the key-name rules of ConfigMap data',
      yaml: `apiVersion: example.com/v1
kind: Notifier
metadata: { name: n }
spec:
  slack:
    token: ${token}
  backends:
  - name: primary
    db:
      password: "${pw}"
      user: admin`,
      paths: ['spec.slack.token', 'spec.backends[0].db.password'],
      lines: [6, 10],
      message: /^Notifier field spec\.(slack\.token|backends\[0\]\.db\.password) holds an? (token|password)$/,
    },
    {
      name: 'a known token format under a neutral name, and a script with a bearer header',
      yaml: `apiVersion: batch.example.io/v1
kind: Task
metadata: { name: t }
spec:
  scm: ${t.github}
  script: |
    echo start
    curl -H "Authorization: Bearer ${t.random(40)}" https://api.example.com`,
      paths: ['spec.scm', 'spec.script'],
      lines: [5, 8],
    },
    {
      name: 'env-style name/value pairs',
      yaml: `apiVersion: example.com/v1
kind: Runner
metadata: { name: r }
spec:
  vars:
  - name: API_KEY
    value: ${t.random(32)}`,
      paths: ['spec.vars[0].value'],
    },
  ],
});

describe('secret-in-custom-resource details', () => {
  test('the message never contains the value; the preview is redacted', () => {
    const found = runRule(
      'secret-in-custom-resource',
      `apiVersion: example.com/v1
kind: Notifier
metadata: { name: n }
spec:
  slack:
    token: ${token}`,
    );
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain(token.slice(0, 12));
    expect(found[0].secretPreview).toBe('…(40 chars)');
  });

  test('a pod template inside a custom resource is left to secret-in-env', () => {
    const found = runRule(
      'secret-in-custom-resource',
      `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: r }
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1.0
        env:
        - name: DB_PASSWORD
          value: "${pw}"`,
    );
    expect(found).toEqual([]);
  });
});
