/** Odd input never makes a secret rule throw (the engine would report it as an error). */
import fc from 'fast-check';
import { runRule } from '../support/rule-tester.ts';
import {
  detectInArgv,
  detectInText,
  detectNamedValue,
  classifySecretEntry,
  redact,
} from '../../src/core/secrets/index.ts';

const RULES = [
  'secret-in-env',
  'secret-in-configmap',
  'secret-in-annotation',
  'secret-committed',
  'secret-over-shared',
];

const ODD = [
  `apiVersion: apps/v1
kind: Deployment
metadata: { name: odd, annotations: { a: 1, b: null, kubectl.kubernetes.io/last-applied-configuration: "{not json" } }
spec:
  template:
    metadata: { annotations: [1, 2] }
    spec:
      imagePullSecrets: [null, 3, { name: 5 }]
      volumes: [null, { secret: null }, { projected: { sources: [null, { secret: { name: [] } }] } }]
      containers:
      - name: a
        env: [null, 1, { name: 7, value: 8 }, { name: PASSWORD, value: { nested: true } }, { name: TOKEN, value: [1] }]
        args: [1, null, { a: b }, --password, null]
        command: --token
      - 7
      - null`,
  `apiVersion: v1
kind: ConfigMap
metadata: { name: c }
data: { a: 1, b: null, c: [1, 2], password: { x: 1 } }
binaryData: { a: "%%%not base64%%%", b: 12, c: "" }`,
  `apiVersion: v1
kind: Secret
metadata: { name: s }
type: 42
data: { a: "%%%", b: 12, c: null, .dockerconfigjson: "e30=" }
stringData: [1, 2]`,
  `apiVersion: v1
kind: ServiceAccount
metadata: { name: sa }
secrets: [null, 1, { name: x }]
imagePullSecrets: "nope"`,
  `apiVersion: v1
kind: Secret
metadata: { name: lone }
data:
  .dockerconfigjson: ${Buffer.from('{"auths": {"r": {"auth": "!!!"}}, "x": null}').toString('base64')}
  kubeconfig: ${Buffer.from('clusters:\n- x\nusers:\n- user:\n    token: abcdefghijklmnopqrstu').toString('base64')}`,
];

describe.each(RULES)('%s on odd input', (id) => {
  test.each(ODD.map((y, i) => [i, y] as const))('document %i does not throw', (_i, yaml) => {
    expect(() => runRule(id, yaml)).not.toThrow();
  });
});

test('detectors never throw and previews never contain the input beyond 4 characters', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }), (value, name) => {
      detectNamedValue(name, value);
      detectInText(value);
      detectInArgv([name, value, '-p', value]);
      classifySecretEntry(name, value);
      const r = redact(value);
      const lead = r.slice(0, r.indexOf('…'));
      return lead.length <= 4 && value.startsWith(lead);
    }),
    { numRuns: 500 },
  );
});
