import { ruleTester } from '../support/rule-tester.ts';

const sts = (serviceName: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
${serviceName}  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: postgres:16 }]
`;
const svc = (name: string, clusterIP: string, selector = '{ app: db }') => `---
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: data }
spec:
${clusterIP}  selector: ${selector}
  ports: [{ port: 5432 }]
`;

ruleTester('statefulset-service-name', {
  valid: [sts('  serviceName: db\n') + svc('db', '  clusterIP: None\n')],
  invalid: [
    { name: 'no serviceName', yaml: sts(''), paths: ['spec.serviceName'] },
    {
      name: 'service not in the set',
      yaml: sts('  serviceName: db\n'),
      paths: ['spec.serviceName'],
      lines: [5],
      message: /outside the scanned set/,
    },
    {
      name: 'not headless',
      yaml: sts('  serviceName: db\n') + svc('db', ''),
      paths: ['spec.serviceName'],
      message: /not headless/,
    },
    {
      name: 'headless but selects other pods',
      yaml: sts('  serviceName: db\n') + svc('db', '  clusterIP: None\n', '{ app: cache }'),
      paths: ['spec.serviceName'],
      message: /does not select/,
    },
  ],
});
