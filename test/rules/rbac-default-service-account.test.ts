import { ruleTester } from '../support/rule-tester.ts';

const rb = (sa: string, role = 'reader') => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: b
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${role}
subjects:
- kind: ServiceAccount
  name: ${sa}
  namespace: shop
`;
const empty = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: nothing
  namespace: shop
rules: []
`;

ruleTester('rbac-default-service-account', {
  valid: [rb('web'), { name: 'role that grants nothing', yaml: rb('default', 'nothing') + empty }],
  invalid: [
    {
      yaml: rb('default'),
      paths: ['subjects[0]'],
      lines: [11],
      message: /ServiceAccount shop\/default is granted Role "reader"/,
    },
  ],
});
