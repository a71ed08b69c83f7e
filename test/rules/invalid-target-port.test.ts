import { deployment, ruleTester } from '../support/rule-tester.ts';

const web = deployment('- name: app\n  image: nginx:1.27\n  ports:\n  - name: http\n    containerPort: 8080');
const svc = (target: string) =>
  `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: { app: web }\n  ports:\n  - port: 80\n    targetPort: ${target}\n`;

ruleTester('invalid-target-port', {
  valid: [
    web + svc('http'),
    web + svc('8080'),
    { name: 'name not checked when no pods selected', yaml: svc('metrics') },
  ],
  invalid: [
    { name: 'unknown name', yaml: web + svc('web'), paths: ['spec.ports[0].targetPort'], message: /names: http/ },
    { name: 'quoted number', yaml: web + svc('"8080"'), paths: ['spec.ports[0].targetPort'], message: /quoted number/ },
    { name: 'invalid name', yaml: svc('Http_Port'), paths: ['spec.ports[0].targetPort'], message: /lowercase/ },
    {
      name: 'container port name too long',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  ports:\n  - name: very-long-port-name\n    containerPort: 8080',
      ),
      paths: ['spec.template.spec.containers[0].ports[0].name'],
      message: /15 characters/,
    },
  ],
});
