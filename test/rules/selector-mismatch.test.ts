import { ruleTester } from '../support/rule-tester.ts';

const wl = (kind: string, selector: string, labels = '{ app: web, tier: front }') => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: web, namespace: shop }
spec:
  selector: ${selector}
  template:
    metadata: { labels: ${labels} }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
`;

ruleTester('selector-mismatch', {
  valid: [
    wl('Deployment', '{ matchLabels: { app: web } }'),
    wl('StatefulSet', '{ matchExpressions: [{ key: tier, operator: NotIn, values: [back] }] }'),
    {
      name: 'ReplicationController without selector defaults to the template labels',
      yaml: 'apiVersion: v1\nkind: ReplicationController\nmetadata: { name: rc }\nspec:\n  template:\n    metadata: { labels: { app: rc } }\n    spec:\n      containers: [{ name: c, image: nginx:1.27 }]\n',
    },
  ],
  invalid: [
    {
      name: 'different value',
      yaml: wl('Deployment', '{ matchLabels: { app: api } }'),
      paths: ['spec.selector'],
      lines: [5],
    },
    {
      name: 'DaemonSet, label missing',
      yaml: wl('DaemonSet', '{ matchLabels: { app: web, zone: a } }'),
      paths: ['spec.selector'],
    },
    {
      name: 'ReplicationController plain-map selector',
      yaml: 'apiVersion: v1\nkind: ReplicationController\nmetadata: { name: rc }\nspec:\n  selector: { app: other }\n  template:\n    metadata: { labels: { app: rc } }\n    spec:\n      containers: [{ name: c, image: nginx:1.27 }]\n',
      paths: ['spec.selector'],
    },
    { name: 'empty selector', yaml: wl('Deployment', '{}'), paths: ['spec.selector'], message: /empty/ },
  ],
});
