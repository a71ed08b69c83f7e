import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('risky-component', {
  valid: [
    deployment('- name: c\n  image: registry.k8s.io/ingress-nginx/controller:v1.12.1'),
    deployment('- name: c\n  image: kubernetesui/dashboard:v2.7.0'),
    deployment('- name: c\n  image: registry.k8s.io/git-sync/git-sync:v4.4.3'),
    deployment('- name: c\n  image: nginx:1.27'),
  ],
  invalid: [
    {
      name: 'Tiller',
      yaml: deployment('- name: tiller\n  image: gcr.io/kubernetes-helm/tiller:v2.16.1'),
      paths: ['spec.template.spec.containers[0].image'],
      message: /Tiller/,
    },
    {
      name: 'dashboard v1',
      yaml: deployment('- name: d\n  image: k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1'),
      paths: ['spec.template.spec.containers[0].image'],
    },
    {
      name: 'ingress-nginx affected by CVE-2025-1974',
      yaml: deployment('- name: c\n  image: registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:' + 'd'.repeat(64)),
      paths: ['spec.template.spec.containers[0].image'],
      message: /CVE-2025-1974/,
    },
    {
      name: 'old git-sync sidecar',
      yaml: deployment('- name: app\n  image: nginx:1.27\n- name: sync\n  image: k8s.gcr.io/git-sync/git-sync:v3.6.3'),
      paths: ['spec.template.spec.containers[1].image'],
    },
  ],
});
