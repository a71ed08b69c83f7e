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
      name: 'roles Kubernetes creates (bootstrapping label) are exempt',
      yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]', 'system:controller:foo').replace(
        '  name: system:controller:foo\n',
        '  name: system:controller:foo\n  labels:\n    kubernetes.io/bootstrapping: rbac-defaults\n',
      ),
    },
    {
      name: 'a system: binding Kubernetes creates is exempt',
      yaml:
        role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]', 'system:test').replace(
          '  name: system:test\n',
          '  name: system:test\n  labels:\n    kubernetes.io/bootstrapping: rbac-defaults\n',
        ) + crb('system:test').replace('  name: ops\nroleRef', '  name: system:test\nroleRef'),
    },
    { name: 'cluster-admin binding is reported by its own rule', yaml: crb('cluster-admin') },
  ],
  invalid: [
    {
      name: "a user's binding granting a role named system:test with * on * is reported",
      yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]', 'system:test') + crb('system:test'),
      paths: ['roleRef.name'],
      message: /ClusterRole "system:test"/,
    },
    {
      name: 'a system:-named role without the bootstrapping label is not exempt',
      yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]', 'system:mine'),
      paths: ['rules[0].verbs', 'rules[0].resources', 'rules[0].apiGroups'],
    },
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
