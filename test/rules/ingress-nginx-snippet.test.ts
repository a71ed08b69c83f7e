import { ruleTester } from '../support/rule-tester.ts';

const ing = (ann: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
${ann}
spec:
  defaultBackend:
    service: { name: web, port: { number: 80 } }
`;

ruleTester('ingress-nginx-snippet', {
  valid: [
    ing('    nginx.ingress.kubernetes.io/proxy-body-size: 8m'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\ndata:\n  allow-snippet-annotations: "false"\n',
  ],
  invalid: [
    {
      yaml: ing(
        '    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "X: y";\n    nginx.ingress.kubernetes.io/server-snippet: "return 200;"\n    nginx.ingress.kubernetes.io/auth-snippet: x',
      ),
      paths: [
        'metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]',
        'metadata.annotations["nginx.ingress.kubernetes.io/server-snippet"]',
        'metadata.annotations["nginx.ingress.kubernetes.io/auth-snippet"]',
      ],
      lines: [6, 8, 9],
    },
    {
      name: 'controller ConfigMap allows snippets',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\ndata:\n  allow-snippet-annotations: "true"\n',
      paths: ['data.allow-snippet-annotations'],
      lines: [6],
    },
  ],
});
