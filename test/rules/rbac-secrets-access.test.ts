import { ruleTester } from '../support/rule-tester.ts';

const role = (rules: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\nrules:\n${rules}\n`;
const rb = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: web
`;

ruleTester('rbac-secrets-access', {
  valid: [
    role('- apiGroups: [""]\n  resources: [configmaps]\n  verbs: [get, list]'),
    role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [create]'),
    {
      name: 'scoped by resourceNames',
      yaml: role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app]\n  verbs: [get]'),
    },
    {
      name: 'secrets in another group',
      yaml: role('- apiGroups: [example.com]\n  resources: [secrets]\n  verbs: [get]'),
    },
  ],
  invalid: [
    {
      yaml: role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [list, watch]'),
      paths: ['rules[0].resources'],
      message: /list\/watch secrets/,
    },
    {
      name: 'bound: on the binding, subject in the binding namespace',
      yaml: role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get]') + rb,
      paths: ['roleRef.name'],
      message: /ServiceAccount shop\/web can get secrets through Role "reader"/,
    },
    {
      name: 'resourceNames not accepted by option',
      yaml: role('- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app]\n  verbs: [get]'),
      options: { allowResourceNames: false },
      count: 1,
    },
    {
      name: 'built-in edit role bound',
      yaml: rb.replace('kind: Role\n  name: reader', 'kind: ClusterRole\n  name: edit'),
      paths: ['roleRef.name'],
      message: /built-in/,
    },
    {
      name: 'aggregated ClusterRole: reported on the binding of the aggregating role',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: { example.com/aggregate-to-monitoring: "true" }
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
  labels: { example.com/aggregate-to-monitoring: "true" }
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: prometheus
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: monitoring
subjects:
- kind: ServiceAccount
  name: prometheus
  namespace: monitoring
`,
      paths: ['roleRef.name'],
      message:
        /ServiceAccount monitoring\/prometheus can watch secrets through ClusterRole "monitoring" \(secret-reader rules\[0\] \(aggregated\)\)/,
    },
  ],
});

describe('rbac-secrets-access: the same role defined in two files', () => {
  test('the binding next to it counts, the copy elsewhere is not reported as unbound', async () => {
    const { evaluate, defaultSetting } = await import('../../src/core/engine.ts');
    const { parseManifestText } = await import('../../src/core/manifests/parse.ts');
    const { getRule } = await import('../../src/core/rules/index.ts');
    const r = role('- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get]');
    const objects = [...parseManifestText(r, 'a.yaml').objects, ...parseManifestText(r + rb, 'b.yaml').objects];
    const res = evaluate(objects, [], {
      rules: [getRule('rbac-secrets-access')!],
      settings: (m) => ({ ...defaultSetting(m), enabled: true }),
    });
    expect(res.findings.map((f) => `${f.location?.file}:${f.path}`)).toEqual(['b.yaml:roleRef.name']);
  });
});
