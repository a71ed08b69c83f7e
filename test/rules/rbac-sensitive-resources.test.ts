import { ruleTester } from '../support/rule-tester.ts';

const role = (rules: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ctl\nrules:\n${rules}\n`;

ruleTester('rbac-sensitive-resources', {
  valid: [
    role(
      '- apiGroups: [admissionregistration.k8s.io]\n  resources: [validatingwebhookconfigurations]\n  verbs: [get, list, watch]',
    ),
    role('- apiGroups: [""]\n  resources: [persistentvolumes]\n  verbs: [get, list]'),
  ],
  invalid: [
    {
      yaml: role(
        '- apiGroups: [admissionregistration.k8s.io]\n  resources: [mutatingwebhookconfigurations]\n  verbs: [patch]',
      ),
      paths: ['rules[0].resources'],
      message: /mutating webhook/,
    },
    {
      name: 'CSR approval',
      yaml: role(
        '- apiGroups: [certificates.k8s.io]\n  resources: [certificatesigningrequests/approval]\n  verbs: [update]',
      ),
      message: /approve certificate/,
    },
    {
      name: 'signers approve',
      yaml: role('- apiGroups: [certificates.k8s.io]\n  resources: [signers]\n  verbs: [approve]'),
      message: /signers/,
    },
    {
      name: 'nodes/proxy',
      yaml: role('- apiGroups: [""]\n  resources: [nodes/proxy]\n  verbs: [get]'),
      message: /kubelet/,
    },
    {
      name: 'token and PV creation in one rule',
      yaml: role('- apiGroups: [""]\n  resources: [serviceaccounts/token, persistentvolumes]\n  verbs: [create]'),
      paths: ['rules[0].resources'],
      message: /create service account tokens, PersistentVolumes/,
    },
  ],
});
