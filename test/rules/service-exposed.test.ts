import { ruleTester } from '../support/rule-tester.ts';

const svc = (type: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ${type}\n  ports:\n  - port: 80\n`;

ruleTester('service-exposed', {
  valid: [
    svc('ClusterIP'),
    { name: 'allowed by option', yaml: svc('LoadBalancer'), options: { allowedTypes: ['LoadBalancer'] } },
  ],
  invalid: [
    { yaml: svc('NodePort'), paths: ['spec.type'], lines: [6], message: /NodePort/ },
    { yaml: svc('LoadBalancer'), paths: ['spec.type'] },
  ],
});
