import { deployment, ruleTester } from '../support/rule-tester.ts';

const ns = (labels: string, name = 'shop') =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${labels}\n`;

ruleTester('istio-sidecar-injection-disabled', {
  valid: [
    ns('    istio-injection: enabled'),
    { name: 'exempt namespace', yaml: ns('    istio-injection: disabled', 'kube-system') },
    deployment('- name: app\n  image: nginx:1.27'),
  ],
  invalid: [
    { yaml: ns('    istio-injection: disabled'), paths: ['metadata.labels.istio-injection'], lines: [6] },
    {
      name: 'pod template annotation and label',
      yaml: deployment('- name: app\n  image: nginx:1.27').replace(
        'labels: { app: web }\n    spec',
        'labels: { app: web, sidecar.istio.io/inject: "false" }\n      annotations:\n        sidecar.istio.io/inject: "false"\n    spec',
      ),
      paths: [
        'spec.template.metadata.labels["sidecar.istio.io/inject"]',
        'spec.template.metadata.annotations["sidecar.istio.io/inject"]',
      ],
    },
  ],
});
