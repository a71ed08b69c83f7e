import { deployment, ruleTester } from '../support/rule-tester.ts';

const objs = `---
apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
stringData: { password: not-a-real-value }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: shop }
data: { mode: prod }
`;
const env = (ref: string) =>
  deployment(`- name: app\n  image: nginx:1.27\n  env:\n  - name: X\n    valueFrom: { ${ref} }`);

ruleTester('dangling-reference', {
  valid: [
    env('secretKeyRef: { name: db, key: password }') + objs,
    env('configMapKeyRef: { name: cfg, key: mode }') + objs,
    { name: 'optional', yaml: env('secretKeyRef: { name: nope, key: x, optional: true }') },
    {
      name: 'kube-root-ca.crt exists everywhere',
      yaml: env('configMapKeyRef: { name: kube-root-ca.crt, key: ca.crt }'),
    },
    {
      name: 'a cert-manager Certificate creates the Secret',
      yaml:
        deployment('- name: app\n  image: nginx:1.27', 'volumes:\n- name: tls\n  secret: { secretName: web-tls }') +
        '---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web, namespace: shop }\nspec: { secretName: web-tls, dnsNames: [a.example.com], issuerRef: { name: x } }\n',
    },
  ],
  invalid: [
    {
      name: 'missing Secret',
      yaml: env('secretKeyRef: { name: api, key: token }') + objs,
      paths: ['spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name'],
      message: /Secret "api" is not in the scanned set \(it may be outside the scanned set\)/,
    },
    {
      name: 'missing key',
      yaml: env('configMapKeyRef: { name: cfg, key: level }') + objs,
      paths: ['spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key'],
      message: /no key "level"/,
    },
    {
      name: 'volumes, projected sources and envFrom',
      yaml:
        deployment(
          '- name: app\n  image: nginx:1.27\n  envFrom:\n  - configMapRef: { name: missing-cm }',
          'volumes:\n- name: a\n  secret: { secretName: db, items: [{ key: user, path: u }] }\n- name: b\n  projected:\n    sources:\n    - configMap: { name: gone }\n    - secret: { name: db }',
        ) + objs,
      paths: [
        'spec.template.spec.containers[0].envFrom[0].configMapRef.name',
        'spec.template.spec.volumes[0].secret.items[0].key',
        'spec.template.spec.volumes[1].projected.sources[0].configMap.name',
      ],
    },
  ],
});

describe('dangling-reference in live verification', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
  - name: c
    image: nginx:1.27
    env:
    - name: DB
      valueFrom: {secretKeyRef: {name: db, key: password}}
`;
  test('Secrets that were not listed (no permission, or not asked) are not reported as missing', async () => {
    const { parseManifestText } = await import('../../src/core/manifests/parse.ts');
    const { evaluate } = await import('../../src/core/engine.ts');
    const { getRule } = await import('../../src/core/rules/index.ts');
    const objects = parseManifestText(pod, 'live.yaml').objects.map((o) => ({ ...o, origin: 'live' as const }));
    const rule = getRule('dangling-reference')!;
    expect(evaluate(objects, [], { rules: [rule], mode: 'live' }).findings).toEqual([]);
    // the same pod in a manifest scan: the Secret is outside the scanned set
    expect(evaluate(objects, [], { rules: [rule], mode: 'manifest' }).findings).toHaveLength(1);
  });
});
