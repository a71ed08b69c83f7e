import { deployment, ruleTester } from '../support/rule-tester.ts';

const web = deployment('- name: app\n  image: nginx:1.27');
const svc = (selector: string, ns = 'shop', extra = '') =>
  `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n${extra}  selector: ${selector}\n  ports:\n  - port: 80\n`;

ruleTester('service-dangling', {
  valid: [
    web + svc('{ app: web }'),
    {
      name: 'service without namespace matches leniently',
      yaml: web + svc('{ app: web }').replace('  namespace: shop\n', ''),
    },
    { name: 'no workloads in the set', yaml: svc('{ app: nothing }') },
    { name: 'selector-less service', yaml: web + svc('{}') },
  ],
  invalid: [
    { yaml: web + svc('{ app: wbe }'), paths: ['spec.selector'], message: /app=wbe/ },
    { name: 'different namespace', yaml: web + svc('{ app: web }', 'other'), paths: ['spec.selector'] },
  ],
});
