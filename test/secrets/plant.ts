/**
 * Test-time secrets: token-shaped values are assembled here from pieces and a seeded generator,
 * never committed literally, and fixture files that hold them are written to a temp dir.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = ALNUM + '+/';
const HEX = '0123456789abcdef';

/** A small seeded PRNG (mulberry32): fixtures are reproducible, values still look random. */
export function rng(seed: number): (n: number, alphabet?: string) => string {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (n, alphabet = ALNUM) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
}

/** Token-shaped values, assembled at test time. */
export function makeTokens(seed = 7) {
  const r = rng(seed);
  const pem = (label: string) =>
    [`-----BEGIN ${label}-----`, ...Array.from({ length: 12 }, () => r(64, B64)), `-----END ${label}-----`].join('\n');
  return {
    github: 'gh' + 'p_' + r(36),
    gitlab: 'gl' + 'pat-' + r(20),
    slack: 'xo' + 'xb-' + r(11, '0123456789') + '-' + r(12, '0123456789') + '-' + r(24),
    slackWebhookPath: 'T' + r(8, UPPER32) + '/B' + r(8, UPPER32) + '/' + r(24),
    stripe: 's' + 'k_live_' + r(24),
    npm: 'np' + 'm_' + r(36),
    awsKeyId: 'AK' + 'IA' + r(16, UPPER32),
    awsSecret: r(40, B64),
    azureKey: r(86, B64) + '==',
    googleApiKey: 'AI' + 'za' + r(35, ALNUM + '_-'),
    jwt:
      Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url') +
      '.' +
      Buffer.from(JSON.stringify({ sub: r(12), iat: 1700000000 })).toString('base64url') +
      '.' +
      r(43, ALNUM + '_-'),
    rsaKey: pem('RSA ' + 'PRIVATE KEY'),
    pkcs8Key: pem('PRIVATE ' + 'KEY'),
    password: () => 'Pw' + r(6) + '-' + r(8),
    random: (n: number, alphabet = ALNUM) => r(n, alphabet),
    hex: (n: number) => r(n, HEX),
    uuid: () => [r(8, HEX), r(4, HEX), '4' + r(3, HEX), 'a' + r(3, HEX), r(12, HEX)].join('-'),
  };
}

export type Tokens = ReturnType<typeof makeTokens>;

export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** One planted secret: where it is and what must find it. */
export interface Planted {
  name: string;
  file: string;
  ruleId: string;
  /** Finding path (formatPath form). */
  path: string;
  /** 1-based line the finding must point at. */
  line: number;
  /** The secret material that must never appear in any output. */
  secret: string;
  /** Other forms of it written in the fixture (whole base64 blobs, whole key files). */
  forms?: string[];
}

/** Builds a YAML file line by line, recording the line of marked entries. */
export class YamlBuilder {
  readonly lines: string[] = [];
  readonly marks = new Map<string, number>();
  add(text: string, mark?: string): this {
    for (const l of text.split('\n')) this.lines.push(l);
    if (mark) this.marks.set(mark, this.lines.length - text.split('\n').length + 1);
    return this;
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Indents a multi-line value for a YAML block scalar. */
export function block(s: string, indent: number): string {
  return s
    .split('\n')
    .map((l) => ' '.repeat(indent) + l)
    .join('\n');
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `kubeward-${prefix}-`));
}

/**
 * Writes the planted fixture set (at least 15 secrets of different kinds, in env, args, command,
 * ConfigMap data and binaryData, annotations, last-applied-configuration and Secret objects) into
 * `dir` and returns what was planted.
 */
export function writePlanted(dir: string, t: Tokens = makeTokens()): Planted[] {
  const planted: Planted[] = [];
  const pw1 = t.password();
  const pw2 = t.password();
  const pw3 = t.password();
  const pw4 = t.password();
  const pwUrl = t.password();
  const apiKey = t.random(40);

  // --- workload: env, args, command ---------------------------------------------------------
  const dep = new YamlBuilder();
  const C = 'spec.template.spec.containers[0]';
  dep.add(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    matchLabels: { app: payments }
  template:
    metadata:
      labels: { app: payments }
    spec:
      containers:
      - name: api
        image: registry.example.com/payments:1.4.2
        command:
        - sh
        - -c`);
  dep.add(`        - mysql -u root -p${pw3} -h db.shop.svc < /init.sql`, 'cmd');
  dep.add(`        args:
        - --listen=:8080`);
  dep.add(`        - --db-password=${pw2}`, 'arg-pw');
  dep.add(`        - --api-token`);
  dep.add(`        - ${t.slack}`, 'arg-slack');
  dep.add(`        env:
        - name: DB_PASSWORD`);
  dep.add(`          value: "${pw1}"`, 'env-pw');
  dep.add(`        - name: SCM_AUTH`);
  dep.add(`          value: ${t.github}`, 'env-gh');
  dep.add(`        - name: AWS_ACCESS_KEY_ID`);
  dep.add(`          value: ${t.awsKeyId}`, 'env-akid');
  dep.add(`        - name: AWS_SECRET_ACCESS_KEY`);
  dep.add(`          value: ${t.awsSecret}`, 'env-aws-secret');
  dep.add(`        - name: PAYMENT_PROVIDER_KEY`);
  dep.add(`          value: ${t.stripe}`, 'env-stripe');
  dep.add(`        - name: DATABASE_URL`);
  dep.add(`          value: postgres://payments:${pwUrl}@db.shop.svc:5432/payments`, 'env-url');
  dep.add(`        - name: LOG_LEVEL
          value: info`);
  const depFile = path.join(dir, 'deployment.yaml');
  writeFileSync(depFile, dep.text());
  const m = (b: YamlBuilder, k: string) => b.marks.get(k)!;
  planted.push(
    {
      name: 'mysql -p in command',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.command[2]`,
      line: m(dep, 'cmd'),
      secret: pw3,
    },
    {
      name: '--db-password= arg',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.args[1]`,
      line: m(dep, 'arg-pw'),
      secret: pw2,
    },
    {
      name: 'Slack token after --api-token',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.args[3]`,
      line: m(dep, 'arg-slack'),
      secret: t.slack,
    },
    {
      name: 'env password',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.env[0].value`,
      line: m(dep, 'env-pw'),
      secret: pw1,
    },
    {
      name: 'env GitHub token',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.env[1].value`,
      line: m(dep, 'env-gh'),
      secret: t.github,
    },
    {
      name: 'env AWS key id',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.env[2].value`,
      line: m(dep, 'env-akid'),
      secret: t.awsKeyId,
    },
    {
      name: 'env AWS secret',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.env[3].value`,
      line: m(dep, 'env-aws-secret'),
      secret: t.awsSecret,
    },
    {
      name: 'env Stripe key',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.env[4].value`,
      line: m(dep, 'env-stripe'),
      secret: t.stripe,
    },
    {
      name: 'env URL with basic auth',
      file: depFile,
      ruleId: 'secret-in-env',
      path: `${C}.env[5].value`,
      line: m(dep, 'env-url'),
      secret: pwUrl,
    },
  );

  // --- ConfigMap: data and binaryData ---------------------------------------------------------
  const cm = new YamlBuilder();
  cm.add(`apiVersion: v1
kind: ConfigMap
metadata:
  name: payments-config
  namespace: shop
data:
  LOG_LEVEL: info`);
  cm.add(`  SLACK_WEBHOOK: https://hooks.slack.com/services/${t.slackWebhookPath}`, 'cm-webhook');
  cm.add(`  application.properties: |`, 'cm-props');
  cm.add(`    server.port=8080
    spring.datasource.url=jdbc:postgresql://db:5432/app
    spring.datasource.username=app`);
  // inside a literal block the finding points at the secret's own line
  cm.add(`    spring.datasource.password=${pw4}`, 'cm-props-password');
  cm.add(`  .npmrc: |`, 'cm-npmrc');
  cm.add(`    //registry.npmjs.org/:_authToken=${t.npm}`, 'cm-npmrc-token');
  cm.add(`  GITLAB_CI_ACCESS: ${t.gitlab}`, 'cm-gitlab');
  cm.add(`binaryData:`);
  cm.add(`  signing.pem: ${b64(t.pkcs8Key)}`, 'cm-bin');
  const cmFile = path.join(dir, 'configmap.yaml');
  writeFileSync(cmFile, cm.text());
  planted.push(
    {
      name: 'Slack webhook in ConfigMap',
      file: cmFile,
      ruleId: 'secret-in-configmap',
      path: 'data.SLACK_WEBHOOK',
      line: m(cm, 'cm-webhook'),
      secret: t.slackWebhookPath,
    },
    {
      name: 'password in properties file',
      file: cmFile,
      ruleId: 'secret-in-configmap',
      path: 'data["application.properties"]',
      line: m(cm, 'cm-props-password'),
      secret: pw4,
    },
    {
      name: 'npm token in .npmrc',
      file: cmFile,
      ruleId: 'secret-in-configmap',
      path: 'data[".npmrc"]',
      line: m(cm, 'cm-npmrc-token'),
      secret: t.npm,
    },
    {
      name: 'GitLab token in ConfigMap',
      file: cmFile,
      ruleId: 'secret-in-configmap',
      path: 'data.GITLAB_CI_ACCESS',
      line: m(cm, 'cm-gitlab'),
      secret: t.gitlab,
    },
    {
      name: 'private key in binaryData',
      file: cmFile,
      ruleId: 'secret-in-configmap',
      path: 'binaryData["signing.pem"]',
      line: m(cm, 'cm-bin'),
      secret: t.pkcs8Key.split('\n')[3],
      forms: [b64(t.pkcs8Key), ...t.pkcs8Key.split('\n').slice(1, -1)],
    },
  );

  // --- annotations and last-applied-configuration ---------------------------------------------
  const lastAppliedSecretPw = t.password();
  const an = new YamlBuilder();
  an.add(`apiVersion: v1
kind: Service
metadata:
  name: payments
  namespace: shop
  annotations:
    prometheus.io/scrape: "true"`);
  an.add(`    payments.example.com/api-key: ${apiKey}`, 'ann-apikey');
  an.add(`    payments.example.com/callback-auth: Bearer ${t.jwt}`, 'ann-jwt');
  an.add(`spec:
  selector: { app: payments }
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: Secret
metadata:
  name: legacy-db
  namespace: shop
  annotations:`);
  const embedded = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'legacy-db', namespace: 'shop' },
    type: 'Opaque',
    data: { password: b64(lastAppliedSecretPw), username: b64('legacy') },
  });
  an.add(`    kubectl.kubernetes.io/last-applied-configuration: '${embedded}'`, 'ann-last');
  an.add(`type: Opaque`);
  const anFile = path.join(dir, 'annotations.yaml');
  writeFileSync(anFile, an.text());
  const annPath = (k: string) => `metadata.annotations[${JSON.stringify(k)}]`;
  planted.push(
    {
      name: 'API key in annotation',
      file: anFile,
      ruleId: 'secret-in-annotation',
      path: annPath('payments.example.com/api-key'),
      line: m(an, 'ann-apikey'),
      secret: apiKey,
    },
    {
      name: 'JWT in annotation',
      file: anFile,
      ruleId: 'secret-in-annotation',
      path: annPath('payments.example.com/callback-auth'),
      line: m(an, 'ann-jwt'),
      secret: t.jwt,
    },
    {
      name: 'Secret data in last-applied-configuration',
      file: anFile,
      ruleId: 'secret-in-annotation',
      path: `${annPath('kubectl.kubernetes.io/last-applied-configuration')}.data.password`,
      line: m(an, 'ann-last'),
      secret: lastAppliedSecretPw,
      forms: [b64(lastAppliedSecretPw)],
    },
  );

  // --- committed Secrets ----------------------------------------------------------------------
  const dockercfg = JSON.stringify({
    auths: { 'registry.example.com': { auth: b64('ci:' + t.random(24)) } },
  });
  const dockerAuth = JSON.parse(dockercfg).auths['registry.example.com'].auth as string;
  const gcpKey = JSON.stringify(
    {
      type: 'service_account',
      project_id: 'payments-prod',
      private_key_id: t.hex(40),
      private_key: t.rsaKey,
      client_email: 'payments@payments-prod.iam.gserviceaccount.com',
    },
    null,
    2,
  );
  const apiToken = t.random(32);
  const azureConn = `DefaultEndpointsProtocol=https;AccountName=paymentsstore;AccountKey=${t.azureKey};EndpointSuffix=core.windows.net`;
  const sec = new YamlBuilder();
  sec.add(`apiVersion: v1
kind: Secret
metadata:
  name: payments-tls
  namespace: shop
type: kubernetes.io/tls
data:
  tls.crt: ${b64('-----BEGIN CERTIFICATE-----\n' + t.random(64, ALNUM) + '\n-----END CERTIFICATE-----')}`);
  sec.add(`  tls.key: ${b64(t.rsaKey)}`, 'sec-tls');
  sec.add(`---
apiVersion: v1
kind: Secret
metadata:
  name: registry-pull
  namespace: shop
type: kubernetes.io/dockerconfigjson
data:`);
  sec.add(`  .dockerconfigjson: ${b64(dockercfg)}`, 'sec-docker');
  sec.add(`---
apiVersion: v1
kind: Secret
metadata:
  name: payments-api
  namespace: shop
type: Opaque
stringData:`);
  sec.add(`  api-token: ${apiToken}`, 'sec-token');
  sec.add(`  AZURE_STORAGE_CONNECTION_STRING: "${azureConn}"`, 'sec-azure');
  sec.add(`data:`);
  sec.add(`  gcp-key.json: ${b64(gcpKey)}`, 'sec-gcp');
  sec.add(`  google-api-key: ${b64(t.googleApiKey)}`, 'sec-gapi');
  const secFile = path.join(dir, 'secrets.yaml');
  writeFileSync(secFile, sec.text());
  planted.push(
    {
      name: 'TLS private key',
      file: secFile,
      ruleId: 'secret-committed',
      path: 'data["tls.key"]',
      line: m(sec, 'sec-tls'),
      secret: t.rsaKey.split('\n')[2],
      forms: [b64(t.rsaKey), ...t.rsaKey.split('\n').slice(1, -1)],
    },
    {
      name: 'dockerconfigjson registry auth',
      file: secFile,
      ruleId: 'secret-committed',
      path: 'data[".dockerconfigjson"]',
      line: m(sec, 'sec-docker'),
      secret: dockerAuth,
      forms: [b64(dockercfg)],
    },
    {
      name: 'API token in stringData',
      file: secFile,
      ruleId: 'secret-committed',
      path: 'stringData.api-token',
      line: m(sec, 'sec-token'),
      secret: apiToken,
    },
    {
      name: 'Azure storage key',
      file: secFile,
      ruleId: 'secret-committed',
      path: 'stringData.AZURE_STORAGE_CONNECTION_STRING',
      line: m(sec, 'sec-azure'),
      secret: t.azureKey,
    },
    {
      name: 'GCP service-account key',
      file: secFile,
      ruleId: 'secret-committed',
      path: 'data["gcp-key.json"]',
      line: m(sec, 'sec-gcp'),
      secret: t.rsaKey.split('\n')[5],
      forms: [b64(gcpKey)],
    },
    {
      name: 'Google API key',
      file: secFile,
      ruleId: 'secret-committed',
      path: 'data.google-api-key',
      line: m(sec, 'sec-gapi'),
      secret: t.googleApiKey,
    },
  );
  return planted;
}

/**
 * Writes the decoy set: references, placeholders, docs-like samples, public certificates, UUIDs,
 * image digests, checksums and `TOKEN_URL`-style names. Nothing here is a secret.
 */
export function writeDecoys(dir: string, t: Tokens = makeTokens(11)): void {
  const digest = t.hex(64);
  const cert = [
    '-----BEGIN CERTIFICATE-----',
    ...Array.from({ length: 8 }, () => t.random(64, B64)),
    '-----END CERTIFICATE-----',
  ].join('\n');
  writeFileSync(
    path.join(dir, 'workload.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    checksum/config: ${t.hex(64)}
    git-commit: ${t.hex(40)}
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    example.com/credentials-secret: shop/web-credentials
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}]}]}}}}'
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      imagePullSecrets:
      - name: registry-pull
      containers:
      - name: web
        image: nginx@sha256:${digest}
        args:
        - --password-file=/run/secrets/db/password
        - --token-path
        - /var/run/secrets/tokens/api
        - --auth-enabled=true
        - -p
        - "8080"
        - --secret-name=web-credentials
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: { name: web-credentials, key: password }
        - name: DB_PASSWORD_EXPANDED
          value: $(DB_PASSWORD)
        - name: TOKEN_URL
          value: https://auth.example.com/oauth/token
        - name: PASSWORD_FILE
          value: /etc/secrets/password
        - name: SECRET_NAME
          value: web-credentials
        - name: API_KEY_PATH
          value: /var/run/keys/api
        - name: CLIENT_SECRET_REF
          value: projects/p/secrets/client/versions/latest
        - name: ADMIN_PASSWORD
          value: changeme
        - name: REDIS_PASSWORD
          value: "<your-redis-password>"
        - name: SMTP_PASSWORD
          value: \${SMTP_PASSWORD}
        - name: GRAFANA_TOKEN
          value: "{{ .Values.grafana.token }}"
        - name: EMPTY_SECRET
          value: ""
        - name: API_TOKEN
          value: REPLACE_ME
        - name: SESSION_SECRET
          value: xxxxxxxx
        - name: JWT_SECRET
          value: TODO
        - name: OAUTH_CLIENT_SECRET
          value: example
        - name: PASSWORD
          value: password
        - name: AUTH_ENABLED
          value: "true"
        - name: PIN_PASSWORD
          value: "1234"
        - name: INSTANCE_ID
          value: ${t.uuid()}
        - name: CLIENT_ID
          value: ${t.uuid()}
        - name: IMAGE
          value: registry.example.com/web@sha256:${t.hex(64)}
        - name: GIT_SHA
          value: ${t.hex(40)}
        - name: BUNDLE_SHA256
          value: ${t.hex(64)}
        - name: PASSWORD_HASH_ALGORITHM
          value: bcrypt
        - name: TOKEN_TTL
          value: 1h
        - name: DB_SECRET
          value: web-credentials
        - name: HOME_URL
          value: https://www.example.com/path
        envFrom:
        - secretRef: { name: web-credentials }
        volumeMounts:
        - name: creds
          mountPath: /run/secrets/db
      volumes:
      - name: creds
        secret: { secretName: web-credentials }
`,
  );
  writeFileSync(
    path.join(dir, 'configmaps.yaml'),
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: docs
  namespace: shop
data:
  README.md: |
    # Configuring the web app
    Set the database password in the Secret, not here:
      password: <your password>
      export API_TOKEN=\${API_TOKEN}
      token: example
    Example: DB_PASSWORD=changeme ./run.sh
  password_min_length: "12"
  auth_enabled: "true"
  token_url: https://auth.example.com/token
  ca.crt: |
${block(cert, 4)}
  app.yaml: |
    database:
      host: db.shop.svc
      password: \${DB_PASSWORD}
      passwordFile: /run/secrets/db/password
    oauth:
      clientId: ${t.uuid()}
      tokenUrl: https://auth.example.com/token
---
apiVersion: v1
kind: Secret
metadata:
  name: web-credentials
  namespace: shop
type: Opaque
---
apiVersion: v1
kind: Secret
metadata:
  name: placeholders
  namespace: shop
type: Opaque
stringData:
  password: changeme
  token: "<token>"
  username: admin
data:
  api-key: ${b64('REPLACE_ME')}
  secret: ""
---
apiVersion: v1
kind: Secret
metadata:
  name: builder-token
  namespace: shop
  annotations:
    kubernetes.io/service-account.name: builder
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: Secret
metadata:
  name: public-ca
  namespace: shop
type: Opaque
data:
  ca.crt: ${b64(cert)}
`,
  );
}
