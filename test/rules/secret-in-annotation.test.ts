import { ruleTester } from '../support/rule-tester.ts';
import { b64, makeTokens } from '../secrets/plant.ts';

const t = makeTokens(303);
const pw = t.password();
const LAST = 'kubectl.kubernetes.io/last-applied-configuration';

const svc = (annotations: string) => `apiVersion: v1
kind: Service
metadata:
  name: api
  annotations:
${annotations}
spec:
  ports: [{ port: 80 }]`;

const lastApplied = (obj: unknown) => `    ${LAST}: '${JSON.stringify(obj)}'`;

ruleTester('secret-in-annotation', {
  valid: [
    svc(`    prometheus.io/scrape: "true"
    checksum/config: ${t.hex(64)}
    checksum/secret: ${t.hex(32)}
    checksum/secrets: ${t.hex(64)}
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    nginx.ingress.kubernetes.io/auth-tls-secret: default/ca-secret
    example.com/owner: team-payments`),
    {
      name: 'last-applied-configuration without secret data',
      yaml: svc(
        lastApplied({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'x' },
          type: 'kubernetes.io/service-account-token',
        }),
      ),
    },
    {
      name: 'last-applied of a workload using secretKeyRef',
      yaml: svc(
        lastApplied({
          kind: 'Deployment',
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'a', env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }] },
                ],
              },
            },
          },
        }),
      ),
    },
  ],
  invalid: [
    {
      name: 'API key in an annotation',
      yaml: svc(`    prometheus.io/scrape: "true"
    example.com/api-key: ${t.random(40)}`),
      paths: ['metadata.annotations["example.com/api-key"]'],
      lines: [7],
      message: /holds an API key/,
    },
    {
      name: 'one-line JSON annotation with a password inside',
      yaml: svc(`    example.com/backend: '{"host": "db", "password": "${pw}"}'`),
      paths: ['metadata.annotations["example.com/backend"]'],
      message: /holds a password/,
    },
    {
      name: 'JWT in an annotation with a neutral name',
      yaml: svc(`    example.com/callback: Bearer ${t.jwt}`),
      paths: ['metadata.annotations["example.com/callback"]'],
      message: /JSON Web Token/,
    },
    {
      name: "a Secret's data inside last-applied-configuration",
      yaml: svc(
        lastApplied({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db' },
          data: { password: b64(pw), username: b64('app') },
        }),
      ),
      paths: [`metadata.annotations["${LAST}"].data.password`],
      lines: [6],
      message: /embeds a password at data\.password/,
    },
    {
      name: 'env value inside last-applied-configuration of a Deployment',
      yaml: svc(
        lastApplied({
          kind: 'Deployment',
          spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'GH', value: t.github }] }] } } },
        }),
      ),
      paths: [`metadata.annotations["${LAST}"].spec.template.spec.containers[0].env[0].value`],
      message: /GitHub personal access token/,
    },
    {
      name: 'pod template annotations',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: w }
spec:
  selector: { matchLabels: { app: w } }
  template:
    metadata:
      labels: { app: w }
      annotations:
        vault.example.com/token: ${t.random(36)}
    spec:
      containers: [{ name: a, image: a:1 }]`,
      paths: ['spec.template.metadata.annotations["vault.example.com/token"]'],
      lines: [10],
    },
  ],
});
