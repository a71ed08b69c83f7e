/**
 * Issue 10, section 4 (the redaction point, continued): findings made outside the rules (the
 * suppressor's invalid-suppression and expired-exemption, load problems, input errors) go through
 * the same redaction as rule messages. A value that is a secret by key and place anywhere in the
 * scanned set (here a Secret's stringData and a secret-looking annotation) is never quoted by them,
 * in any format. Planted values are assembled at test time.
 */
import { scan } from '../../src/core/scan.ts';
import { formatReport, REPORT_FORMATS } from '../../src/core/report/index.ts';
import { tree } from './support.ts';

const SECRET = ['pw', 'Zq7', 'Lk2Vn9Tx4Hd8'.repeat(2)].join('-');

const SECRET_OBJ = `apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
stringData:
  password: "${SECRET}"
`;

function podWith(annotations: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: quiet
  namespace: shop
  annotations:
${annotations}
spec:
  containers:
    - name: app
      image: nginx:1.27
`;
}

async function allOutput(dir: string): Promise<string> {
  const report = await scan({ paths: ['deploy'], cwd: dir });
  let out = JSON.stringify(report);
  for (const f of REPORT_FORMATS) out += formatReport(report, f);
  return out;
}

test('invalid-suppression does not quote a secret annotation value used as a rule id', async () => {
  const dir = tree({
    'deploy/pod.yaml': podWith(`    api-token: "${SECRET}"\n    kubeward.io/ignore: "${SECRET} -- because"`),
  });
  const report = await scan({ paths: ['deploy'], cwd: dir });
  const f = report.findings.find((x) => x.ruleId === 'invalid-suppression');
  expect(f).toBeDefined();
  expect(f!.message).toMatch(/unknown rule/);
  expect(await allOutput(dir)).not.toContain(SECRET);
});

test("expired-exemption does not quote a secret value in the exemption's reason", async () => {
  const dir = tree({
    'deploy/secret.yaml': SECRET_OBJ,
    '.kubeward.yaml': `exemptions:\n  - rules: ["*"]\n    objects: ["Pod/*/*"]\n    reason: "rotated ${SECRET}"\n    expires: "2020-01-01"\n`,
  });
  const report = await scan({ paths: ['deploy'], cwd: dir });
  const f = report.findings.find((x) => x.ruleId === 'expired-exemption');
  expect(f).toBeDefined();
  expect(f!.message).toMatch(/rotated/);
  expect(await allOutput(dir)).not.toContain(SECRET);
});

test('a YAML error quoting input (an unidentified alias) does not quote a secret of the set', async () => {
  const dir = tree({
    'deploy/secret.yaml': SECRET_OBJ,
    'deploy/broken.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: *${SECRET}\n`,
  });
  const report = await scan({ paths: ['deploy'], cwd: dir });
  expect(report.findings.some((x) => x.ruleId === 'invalid-yaml')).toBe(true);
  expect(await allOutput(dir)).not.toContain(SECRET);
});

test('an input error (invalid-yaml turned off) does not quote it either', async () => {
  const dir = tree({
    'deploy/secret.yaml': SECRET_OBJ,
    'deploy/broken.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: *${SECRET}\n`,
    '.kubeward.yaml': 'rules:\n  invalid-yaml: {enabled: false}\n',
  });
  const report = await scan({ paths: ['deploy'], cwd: dir });
  expect(report.errors.length).toBeGreaterThan(0);
  expect(await allOutput(dir)).not.toContain(SECRET);
});
