import { deployment, ruleTester, runRule } from '../support/rule-tester.ts';
import { makeTokens } from '../secrets/plant.ts';

// token-shaped values are assembled at test time, never committed
const t = makeTokens(101);
const pw = t.password();
const C = 'spec.template.spec.containers[0]';

ruleTester('secret-in-env', {
  valid: [
    {
      name: 'secretKeyRef',
      yaml: deployment(`- name: app
  image: app:1.0
  env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: { name: db, key: password }`),
    },
    {
      name: 'placeholders and references',
      yaml: deployment(`- name: app
  image: app:1.0
  env:
  - name: DB_PASSWORD
    value: changeme
  - name: API_TOKEN
    value: "\${API_TOKEN}"
  - name: SMTP_PASSWORD
    value: $(SMTP_PASSWORD)
  - name: CLIENT_SECRET
    value: "<client-secret>"
  - name: JWT_SECRET
    value: "{{ .Values.jwt }}"
  - name: EMPTY_PASSWORD
    value: ""
  - name: PIN_PASSWORD
    value: "1234"
  - name: AUTH_ENABLED
    value: "true"`),
    },
    {
      name: 'names that are not secrets',
      yaml: deployment(`- name: app
  image: app:1.0
  env:
  - name: TOKEN_URL
    value: https://auth.example.com/token
  - name: PASSWORD_FILE
    value: /etc/secret/password
  - name: SECRET_NAME
    value: ${t.random(12)}
  - name: API_KEY_PATH
    value: /keys/api
  - name: CLIENT_SECRET_REF
    value: projects/p/secrets/s/versions/1
  - name: PASSWORD_HASH
    value: ${t.hex(64)}
  - name: GIT_SHA
    value: ${t.hex(40)}
  - name: INSTANCE_ID
    value: ${t.uuid()}`),
    },
    {
      name: 'a value naming a Secret in the set',
      yaml: `apiVersion: v1
kind: Secret
metadata: { name: db-credentials }
---
${deployment(`- name: app
  image: app:1.0
  env:
  - name: DB_SECRET
    value: db-credentials`)}`,
    },
    {
      name: 'Authorization headers that reference variables or mounted files',
      yaml: deployment(`- name: app
  image: curlimages/curl:8.10.1
  args: [curl, -H, "Authorization: Bearer $(API_TOKEN)", -H, "Authorization: Bearer \${TOKEN}", https://x.example.com]
- name: sh
  image: busybox:1.36
  command: [sh, -c, 'curl -H "Authorization: Bearer $(cat /var/run/secrets/token)" https://x.example.com']`),
    },
    {
      name: 'args without secrets',
      yaml: deployment(`- name: app
  image: app:1.0
  args: ["--password-file=/run/secrets/pw", "--token-path", "/var/run/token", "-p", "8080", "--port=8080"]`),
    },
  ],
  invalid: [
    {
      name: 'password by name',
      yaml: deployment(`- name: app
  image: app:1.0
  env:
  - name: LOG_LEVEL
    value: info
  - name: DB_PASSWORD
    value: "${pw}"`),
      paths: [`${C}.env[1].value`],
      lines: [20],
      message: /env DB_PASSWORD to a password in plain text/,
    },
    {
      name: 'GitHub token under a neutral name',
      yaml: deployment(`- name: app
  image: app:1.0
  env:
  - name: SCM
    value: ${t.github}`),
      paths: [`${C}.env[0].value`],
      message: /GitHub personal access token/,
    },
    {
      name: '--password=... in args, -p for mysql in a shell command, URL with basic auth',
      yaml: deployment(`- name: app
  image: app:1.0
  command: ["sh", "-c", "mysqladmin -u root -p${pw} ping"]
  args:
  - --db-password=${pw}x
  - --upstream=https://svc:${pw}y@upstream.example.com/`),
      paths: [`${C}.command[2]`, `${C}.args[0]`, `${C}.args[1]`],
    },
    {
      name: 'a token in a curl header: in a script (at its line) and as its own args element',
      yaml: deployment(`- name: app
  image: curlimages/curl:8.10.1
  command: ["sh", "-c"]
  args:
  - |
    set -e
    curl -sf -H "Authorization: Bearer ${t.random(40)}" https://api.example.com/x
- name: probe
  image: curlimages/curl:8.10.1
  args: [curl, -H, "Authorization: Basic ${Buffer.from('ops:' + pw).toString('base64')}", https://x.example.com]`),
      paths: [`${C}.args[0]`, 'spec.template.spec.containers[1].args[2]'],
      lines: [20, 23],
      message: /in an HTTP (Basic )?Authorization header/,
    },
    {
      name: 'flag and value in separate args, init containers too',
      yaml: deployment(
        '- name: app\n  image: app:1.0',
        `initContainers:
- name: init
  image: redis:7
  command: [redis-cli, -h, cache, -a, "${pw}", ping]
  args: ["--api-token", "${t.random(32)}"]`,
      ),
      paths: ['spec.template.spec.initContainers[0].command[4]', 'spec.template.spec.initContainers[0].args[1]'],
    },
  ],
});

describe('secret-in-env details', () => {
  test('the message never contains the value; the preview is redacted', () => {
    const [f] = runRule(
      'secret-in-env',
      deployment(`- name: app
  image: app:1.0
  env:
  - name: SCM
    value: ${t.github}`),
    );
    expect(f.message).not.toContain(t.github.slice(4, 12));
    expect(f.secretPreview).toBe('ghp_…(40 chars)');
    expect(f.severity).toBe('critical');
  });

  test('entropy alone is reported low, not critical', () => {
    const found = runRule(
      'secret-in-env',
      deployment(`- name: app
  image: app:1.0
  env:
  - name: BLOB
    value: ${t.random(40)}`),
    );
    expect(found.map((f) => f.severity)).toEqual(['low']);
  });
});
