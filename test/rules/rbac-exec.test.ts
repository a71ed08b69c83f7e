import { ruleTester } from '../support/rule-tester.ts';

const role = (rules: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: debugger\nrules:\n${rules}\n`;

ruleTester('rbac-exec', {
  valid: [
    role('- apiGroups: [""]\n  resources: [pods, pods/log]\n  verbs: [get, list]'),
    role('- apiGroups: [""]\n  resources: [pods/exec]\n  verbs: [list]'),
  ],
  invalid: [
    {
      yaml: role('- apiGroups: [""]\n  resources: [pods/exec]\n  verbs: [create]'),
      paths: ['rules[0].resources'],
      message: /create pods\/exec/,
    },
    {
      name: 'get grants it too',
      yaml: role('- apiGroups: [""]\n  resources: [pods/attach]\n  verbs: [get]'),
      message: /get pods\/attach/,
    },
    {
      name: 'pods/* subresources',
      yaml: role('- apiGroups: [""]\n  resources: ["pods/*"]\n  verbs: [create]'),
      message: /pods\/exec and pods\/attach/,
    },
  ],
});
