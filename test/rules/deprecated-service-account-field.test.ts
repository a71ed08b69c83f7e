import { deployment, ruleTester } from '../support/rule-tester.ts';
import { runRule } from '../support/rule-tester.ts';

const app = '- name: app\n  image: nginx:1.27';

ruleTester('deprecated-service-account-field', {
  valid: [deployment(app, 'serviceAccountName: web')],
  invalid: [
    { yaml: deployment(app, 'serviceAccount: web'), paths: ['spec.template.spec.serviceAccount'], lines: [13] },
    {
      name: 'differs from serviceAccountName',
      yaml: deployment(app, 'serviceAccountName: web\nserviceAccount: api'),
      paths: ['spec.template.spec.serviceAccount'],
      message: /differs/,
    },
  ],
});

test('the fix renames the field', () => {
  const [f] = runRule('deprecated-service-account-field', deployment(app, 'serviceAccount: web'));
  expect(f.fix?.set).toEqual([{ path: ['spec', 'template', 'spec', 'serviceAccountName'], value: 'web' }]);
  expect(f.fix?.remove).toEqual([['spec', 'template', 'spec', 'serviceAccount']]);
});
