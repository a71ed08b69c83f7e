import { ruleTester } from '../support/rule-tester.ts';

ruleTester('service-external-ips', {
  valid: ['apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n'],
  invalid: [
    {
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  externalIPs: [203.0.113.10]\n  ports:\n  - port: 80\n',
      paths: ['spec.externalIPs'],
      lines: [6],
      message: /CVE-2020-8554/,
    },
  ],
});
