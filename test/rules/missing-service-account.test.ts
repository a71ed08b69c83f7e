import { deployment, ruleTester } from '../support/rule-tester.ts';

const app = '- name: app\n  image: nginx:1.27';
const sa = (ns?: string) =>
  `---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n${ns ? `  namespace: ${ns}\n` : ''}`;

ruleTester('missing-service-account', {
  valid: [
    deployment(app, 'serviceAccountName: web') + sa('shop'),
    { name: 'SA without namespace (set at apply time)', yaml: deployment(app, 'serviceAccountName: web') + sa() },
    { name: 'default always exists', yaml: deployment(app) },
    { name: 'placeholder', yaml: deployment(app, 'serviceAccountName: $KSA_NAME') },
  ],
  invalid: [
    {
      yaml: deployment(app, 'serviceAccountName: web'),
      paths: ['spec.template.spec.serviceAccountName'],
      lines: [13],
      message: /may be outside the scanned set/,
    },
    { name: 'SA in another namespace', yaml: deployment(app, 'serviceAccountName: web') + sa('other'), count: 1 },
  ],
});
