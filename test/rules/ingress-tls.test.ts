import { ruleTester } from '../support/rule-tester.ts';

const ing = (extra: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
${extra}  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: { name: web, port: { number: 80 } }
`;

ruleTester('ingress-tls', {
  valid: [
    ing('  tls:\n  - hosts: [shop.example.com]\n    secretName: shop-tls\n'),
    {
      name: 'GKE managed certificate',
      yaml: ing('').replace(
        '  name: web\n',
        '  name: web\n  annotations:\n    networking.gke.io/managed-certificates: shop-cert\n',
      ),
    },
  ],
  invalid: [
    { yaml: ing(''), paths: ['spec.tls'], lines: [5] },
    {
      name: 'old extensions/v1beta1 shape',
      yaml: ing('').replace('networking.k8s.io/v1', 'extensions/v1beta1'),
      count: 1,
    },
  ],
});
