import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('default-namespace', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27'),
    {
      name: 'cluster-scoped kind',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: r }\nrules: []\n',
    },
    { name: 'unknown CRD kind is skipped', yaml: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n' },
    {
      name: 'cluster-scoped CRD declared in the set',
      yaml: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: gadgets.example.com }\nspec:\n  group: example.com\n  scope: Cluster\n  names: { kind: Gadget, plural: gadgets }\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g }\n',
    },
  ],
  invalid: [
    {
      name: 'no namespace',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata: {}\n',
      paths: ['metadata.namespace'],
      lines: [3],
      message: /no namespace/,
    },
    {
      name: 'explicit default',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: default }\nspec: {}\n',
      paths: ['metadata.namespace'],
      message: /in the default namespace/,
    },
    {
      name: 'namespaced CRD declared in the set',
      yaml: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: gadgets.example.com }\nspec:\n  group: example.com\n  scope: Namespaced\n  names: { kind: Gadget, plural: gadgets }\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g }\n',
      paths: ['metadata.namespace'],
    },
  ],
});
