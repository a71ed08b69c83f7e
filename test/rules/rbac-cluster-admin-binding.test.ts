import { ruleTester } from '../support/rule-tester.ts';

const binding = (kind: string, name: string, role: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${role}
subjects:
- kind: User
  name: alice
`;

ruleTester('rbac-cluster-admin-binding', {
  valid: [
    binding('ClusterRoleBinding', 'alice', 'view'),
    binding('ClusterRoleBinding', 'system:masters-admin', 'cluster-admin'),
  ],
  invalid: [
    {
      yaml: binding('ClusterRoleBinding', 'alice', 'cluster-admin'),
      paths: ['roleRef.name'],
      lines: [9],
      message: /User alice is bound to cluster-admin cluster-wide/,
    },
    { yaml: binding('RoleBinding', 'alice', 'cluster-admin'), paths: ['roleRef.name'], message: /in namespace shop/ },
  ],
});
