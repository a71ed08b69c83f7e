import { deployment, ruleTester } from '../support/rule-tester.ts';

const app = '- name: app\n  image: nginx:1.27';
const sa = (automount = '') => `---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
${automount}`;
const binding = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: web, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: ServiceAccount, name: web }]
`;

ruleTester('automount-service-account-token', {
  valid: [
    deployment(app, 'automountServiceAccountToken: false'),
    { name: 'YAML 1.1 false', yaml: deployment(app, 'automountServiceAccountToken: "no"') },
    {
      name: 'the ServiceAccount opts out',
      yaml: deployment(app, 'serviceAccountName: web') + sa('automountServiceAccountToken: false\n'),
    },
    { name: 'token needed: the SA is bound', yaml: deployment(app, 'serviceAccountName: web') + sa() + binding },
    { name: 'named SA outside the set: unknown', yaml: deployment(app, 'serviceAccountName: elsewhere') },
  ],
  invalid: [
    {
      name: 'default service account',
      yaml: deployment(app),
      paths: ['spec.template.spec.automountServiceAccountToken'],
      message: /"default"/,
    },
    {
      name: 'SA in the set without opt-out or bindings',
      yaml: deployment(app, 'serviceAccountName: web') + sa(),
      paths: ['spec.template.spec.automountServiceAccountToken'],
    },
    {
      name: 'pod true overrides the SA opt-out',
      yaml:
        deployment(app, 'serviceAccountName: web\nautomountServiceAccountToken: true') +
        sa('automountServiceAccountToken: false\n'),
      paths: ['spec.template.spec.automountServiceAccountToken'],
      lines: [14],
    },
  ],
});
