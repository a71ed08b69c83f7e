import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('naked-pod', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: rs, uid: "1" }]\nspec:\n  containers: [{ name: c, image: nginx:1.27 }]\n',
  ],
  invalid: [
    {
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  containers: [{ name: c, image: nginx:1.27 }]\n',
      paths: ['kind'],
      lines: [2],
    },
  ],
});
