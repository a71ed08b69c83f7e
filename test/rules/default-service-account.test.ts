import { deployment, ruleTester } from '../support/rule-tester.ts';

const app = '- name: app\n  image: nginx:1.27';

ruleTester('default-service-account', {
  valid: [
    deployment(app, 'serviceAccountName: web'),
    { name: 'deprecated field naming another SA', yaml: deployment(app, 'serviceAccount: web') },
  ],
  invalid: [
    {
      name: 'unset',
      yaml: deployment(app),
      paths: ['spec.template.spec.serviceAccountName'],
      message: /no serviceAccountName/,
    },
    {
      name: 'explicit default',
      yaml: deployment(app, 'serviceAccountName: default'),
      paths: ['spec.template.spec.serviceAccountName'],
      lines: [13],
    },
  ],
});
