import { ruleTester } from '../support/rule-tester.ts';

const role = (rules: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: granter\nrules:\n${rules}\n`;

ruleTester('rbac-escalation-verbs', {
  valid: [
    role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: [get, list]'),
    {
      name: '* verbs on unrelated resources',
      yaml: role('- apiGroups: [""]\n  resources: [configmaps]\n  verbs: ["*"]'),
    },
  ],
  invalid: [
    {
      yaml: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [bind, escalate]'),
      paths: ['rules[0].verbs'],
      message: /bind, escalate/,
    },
    {
      name: 'impersonate',
      yaml: role('- apiGroups: [""]\n  resources: [users, groups]\n  verbs: [impersonate]'),
      message: /impersonate/,
    },
    {
      name: '* on roles',
      yaml: role('- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles]\n  verbs: ["*"]'),
      message: /bind \(via `\*`\)/,
    },
  ],
});
