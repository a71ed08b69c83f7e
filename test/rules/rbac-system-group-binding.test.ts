import { ruleTester } from '../support/rule-tester.ts';

const crb = (name: string, subject: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${name}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: Group
  apiGroup: rbac.authorization.k8s.io
  name: ${subject}
`;

ruleTester('rbac-system-group-binding', {
  valid: [
    crb('team', 'platform-team'),
    { name: 'built-in system: binding', yaml: crb('system:discovery', 'system:authenticated') },
  ],
  invalid: [
    {
      yaml: crb('public-view', 'system:authenticated'),
      paths: ['subjects[0].name'],
      lines: [12],
      message: /Group system:authenticated is bound to ClusterRole "view"/,
    },
    { yaml: crb('anon', 'system:unauthenticated'), count: 1 },
    { yaml: crb('masters', 'system:masters'), count: 1 },
  ],
});
