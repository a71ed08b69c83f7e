/**
 * Hostile input (issue 10, section 4): nothing leaks. Every rule message and detail passes one
 * redaction point (the engine) that knows the object's secret-looking values by key and place: env
 * entries with secret names, Secret data/stringData, annotations, and any scalar under a
 * secret-looking key, numbers included. Every rule of the catalog runs on a manifest set whose
 * values are planted secrets; no 8-character piece of any planted value (or its base64) may appear
 * in any message, detail or formatted report. Token-shaped values are assembled here, at run time.
 */
import { evaluate, defaultSetting } from '../../src/core/engine.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { catalog } from '../../src/core/rules/index.ts';
import { countBySeverity, type Report } from '../../src/core/model.ts';
import { formatReport, REPORT_FORMATS } from '../../src/core/report/index.ts';

const NUMBER = '91273645018273';
const planted = {
  github: 'gh' + 'p_' + 'Q7x'.repeat(12),
  aws: 'AK' + 'IA' + 'Z3QW7PLM5TRX2VBN',
  password: 'pw-' + 'Hx9Lq2Vz7Rt4'.repeat(2),
  slack: 'xo' + 'xb-' + '1234567890-' + 'Zk8Qw3Lp9Tx2Vn6R',
  annotation: 'an-' + 'Mz4Kc8Wq1Jy6'.repeat(2),
  cr: 'cr-' + 'Bv5Nx3Hd7Lp0'.repeat(2),
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  annotations:
    api-token: "${planted.annotation}"
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: nginx:1.27
          env:
            - name: DB_PASSWORD
              value: ${NUMBER}
            - name: GITHUB_TOKEN
              value: "${planted.github}"
            - name: AWS_ACCESS_KEY_ID
              value: ${planted.aws}
            - name: SLACK_TOKEN
              value: ${planted.slack}
            - name: API_TOKEN
              value: 12345678901234567
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: prod
data:
  password: ${b64(planted.password)}
stringData:
  token: "${planted.github}"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: prod
data:
  password: "${planted.password}"
  apiKey: "${planted.aws}"
---
apiVersion: monitoring.example.com/v1
kind: Alerting
metadata:
  name: alerts
  namespace: prod
spec:
  slack:
    token: ${planted.slack}
  password: ${NUMBER}
  clientSecret: "${planted.cr}"
`;

function pieces(value: string): string[] {
  const out: string[] = [];
  for (const v of [value, b64(value)]) for (let i = 0; i + 8 <= v.length; i++) out.push(v.slice(i, i + 8));
  return out;
}

test('no rule quotes a number under a secret-looking key (schema-invalid on DB_PASSWORD)', () => {
  const { objects } = parseManifestText(MANIFESTS, 'm.yaml');
  const res = evaluate(objects, [], { rules: catalog.filter((r) => r.meta.id === 'schema-invalid') });
  const env = res.findings.find((f) => f.path.includes('env[0].value'));
  expect(env?.message).toMatch(/not a number/);
  expect(env?.message).not.toContain(NUMBER.slice(0, 8));
});

test('every rule of the catalog, every format: no piece of a planted value', () => {
  const { objects, problems } = parseManifestText(MANIFESTS, 'm.yaml');
  expect(problems).toEqual([]);
  const res = evaluate(objects, [], {
    settings: (meta) => ({ ...defaultSetting(meta), enabled: true }),
  });
  expect(res.findings.length).toBeGreaterThan(10);
  const report: Report = {
    tool: { name: 'kubeward', version: '0' },
    findings: res.findings,
    suppressed: res.suppressed,
    counts: countBySeverity(res.findings),
    filesScanned: 1,
    objectsScanned: objects.length,
    skipped: [],
    errors: res.errors,
    notVerified: [],
    failOn: 'high',
    durationMs: 0,
  };
  const all = [...Object.values(planted), NUMBER, '12345678901234567'].flatMap(pieces);
  const texts: [string, string][] = res.findings.map((f) => [
    `${f.ruleId} message/details`,
    JSON.stringify([f.message, f.details ?? {}]),
  ]);
  for (const format of REPORT_FORMATS) texts.push([`format ${format}`, formatReport(report, format)]);
  const leaks: string[] = [];
  for (const [where, text] of texts) {
    const hit = all.find((p) => text.includes(p));
    if (hit) leaks.push(`${where}: ${hit}`);
  }
  expect(leaks).toEqual([]);
});
