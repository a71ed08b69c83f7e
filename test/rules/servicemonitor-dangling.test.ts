import { ruleTester } from '../support/rule-tester.ts';

const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels: { app: web }
spec:
  selector: { app: web }
  ports:
  - name: metrics
    port: 9090
`;
const sm = (spec: string, ns = 'shop') => `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: ${ns}
spec:
${spec}
  endpoints:
  - port: metrics
`;

ruleTester('servicemonitor-dangling', {
  valid: [
    svc + sm('  selector:\n    matchLabels: { app: web }'),
    svc + sm('  selector:\n    matchLabels: { app: web }\n  namespaceSelector:\n    matchNames: [shop]', 'monitoring'),
    svc + sm('  selector:\n    matchLabels: { app: web }\n  namespaceSelector:\n    any: true', 'monitoring'),
  ],
  invalid: [
    { yaml: svc + sm('  selector:\n    matchLabels: { app: api }'), paths: ['spec.selector'] },
    {
      name: 'other namespace without namespaceSelector',
      yaml: svc + sm('  selector:\n    matchLabels: { app: web }', 'monitoring'),
      paths: ['spec.selector'],
      message: /same namespace/,
    },
    {
      name: 'matchNames excludes',
      yaml:
        svc +
        sm('  selector:\n    matchLabels: { app: web }\n  namespaceSelector:\n    matchNames: [prod]', 'monitoring'),
      count: 1,
    },
  ],
});
