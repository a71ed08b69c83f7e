import { ruleTester } from '../support/rule-tester.ts';

const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports:
  - name: http
    port: 80
---
`;
const ing = (backend: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
${backend}
`;
const old = (name: string, port: string) => `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  backend:
    serviceName: ${name}
    servicePort: ${port}
`;

ruleTester('ingress-dangling', {
  valid: [
    svc + ing('          service: { name: web, port: { number: 80 } }'),
    svc + ing('          service: { name: web, port: { name: http } }'),
    svc + old('web', 'http'),
    svc + old('web', '80'),
    {
      name: 'AWS ALB action backend',
      yaml: svc + ing('          service: { name: ssl-redirect, port: { name: use-annotation } }'),
    },
    { name: 'no Services in the set', yaml: ing('          service: { name: x, port: { number: 80 } }') },
  ],
  invalid: [
    {
      name: 'missing service',
      yaml: svc + ing('          service: { name: api, port: { number: 80 } }'),
      paths: ['spec.rules[0].http.paths[0].backend.service.name'],
      message: /outside the set/,
    },
    {
      name: 'missing port',
      yaml: svc + ing('          service:\n            name: web\n            port:\n              number: 8080'),
      paths: ['spec.rules[0].http.paths[0].backend.service.port.number'],
      lines: [27],
    },
    { name: 'old shape, missing port name', yaml: svc + old('web', 'grpc'), paths: ['spec.backend.servicePort'] },
    { name: 'old shape, missing service', yaml: svc + old('api', '80'), paths: ['spec.backend.serviceName'] },
  ],
});
