import { ruleTester } from '../support/rule-tester.ts';

const role = (rules: string, name = 'ops', kind = 'ClusterRole') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${kind === 'Role' ? '  namespace: shop\n' : ''}rules:\n${rules}\n`;
const crb = (role: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
subjects:
- kind: ServiceAccount
  name: ops
  namespace: tools
`;

ruleTester('rbac-wildcard', {
  valid: [
    role('- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [get, list]'),
    {
      name: 'system: roles are exempt',
      yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]', 'system:controller:foo'),
    },
    { name: 'cluster-admin binding is reported by its own rule', yaml: crb('cluster-admin') },
  ],
  invalid: [
    {
      name: 'unbound role: reported on the rule fields',
      yaml: role(
        '- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]',
      ),
      paths: ['rules[1].verbs', 'rules[1].resources', 'rules[1].apiGroups'],
      lines: [11, 10, 9],
    },
    {
      name: 'bound role: reported on the binding, naming subject and role',
      yaml: role('- apiGroups: [apps]\n  resources: ["*"]\n  verbs: [get]') + crb('ops'),
      paths: ['roleRef.name'],
      message: /ServiceAccount tools\/ops can access every resource .* through ClusterRole "ops" \(rules\[0\]\)/,
    },
    {
      name: 'RoleList items',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleList\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n  metadata:\n    name: r\n    namespace: shop\n  rules:\n  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: ["*"]\n`,
      paths: ['rules[0].verbs'],
    },
  ],
});
