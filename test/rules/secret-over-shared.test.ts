import { ruleTester } from '../support/rule-tester.ts';

const workload = (name: string, podSpec: string, sa = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
${sa ? `      serviceAccountName: ${sa}\n` : ''}${podSpec}
`;

const envRef = (name: string, sa = '') =>
  workload(
    name,
    `      containers:
      - name: app
        image: app:1
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: { name: db-credentials, key: password }`,
    sa,
  );

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: shop
type: Opaque
`;

ruleTester('secret-over-shared', {
  valid: [
    { name: 'two workloads', yaml: [SECRET, envRef('a'), envRef('b')].join('---\n') },
    {
      name: 'three workloads in different namespaces',
      yaml: [
        envRef('a'),
        envRef('b').replace('namespace: shop', 'namespace: other'),
        envRef('c').replace('namespace: shop', 'namespace: third'),
      ].join('---\n'),
    },
    {
      name: 'pods and replica sets run by a controller count as their controller',
      yaml: [
        SECRET,
        envRef('a'),
        envRef('a-5d9f')
          .replace('kind: Deployment', 'kind: ReplicaSet')
          .replace(
            '  namespace: shop',
            '  namespace: shop\n  ownerReferences: [{ kind: Deployment, name: a, controller: true }]',
          ),
        envRef('b'),
      ].join('---\n'),
    },
    {
      name: 'raised threshold',
      yaml: [SECRET, envRef('a'), envRef('b'), envRef('c')].join('---\n'),
      options: { threshold: 4 },
    },
  ],
  invalid: [
    {
      name: 'three workloads through env, envFrom and a volume: reported on the Secret',
      yaml: [
        SECRET,
        envRef('a'),
        workload(
          'b',
          `      containers:\n      - name: app\n        image: app:1\n        envFrom:\n        - secretRef: { name: db-credentials }`,
        ),
        workload(
          'c',
          `      containers:\n      - name: app\n        image: app:1\n      volumes:\n      - name: creds\n        projected:\n          sources:\n          - secret: { name: db-credentials }`,
        ),
      ].join('---\n'),
      paths: ['metadata.name'],
      lines: [4],
      message:
        /Secret "db-credentials" is referenced by 3 workload\(s\) \(Deployment\/a, Deployment\/b, Deployment\/c\)/,
    },
    {
      name: 'image pull secret shared by many, Secret not in the set: reported on the first reference',
      yaml: ['a', 'b', 'c']
        .map((n) =>
          workload(n, `      imagePullSecrets: [{ name: registry }]\n      containers: [{ name: app, image: app:1 }]`),
        )
        .join('---\n'),
      paths: ['spec.template.spec.imagePullSecrets[0].name'],
      lines: [12],
    },
    {
      name: 'several service accounts',
      yaml: [SECRET, envRef('a', 'sa-a'), envRef('b', 'sa-b')].join('---\n'),
      options: { serviceAccountThreshold: 2 },
      paths: ['metadata.name'],
      message: /across 2 service account\(s\)/,
    },
  ],
});
