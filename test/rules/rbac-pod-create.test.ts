import { ruleTester } from '../support/rule-tester.ts';

const role = (rules: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: deployer\nrules:\n${rules}\n`;

ruleTester('rbac-pod-create', {
  valid: [
    role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get, list, delete]'),
    role('- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [patch]'),
  ],
  invalid: [
    {
      yaml: role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [create]'),
      paths: ['rules[0].resources'],
      lines: [7],
      message: /create pods/,
    },
    {
      name: 'workload kinds',
      yaml: role('- apiGroups: [apps, batch]\n  resources: [deployments, jobs]\n  verbs: ["*"]'),
      message: /deployments, jobs/,
    },
  ],
});
