import { deployment, ruleTester } from '../support/rule-tester.ts';

const vol = (p: string) =>
  deployment('- name: app\n  image: a:1', `volumes:\n- name: sock\n  hostPath:\n    path: ${p}`);
const P = 'spec.template.spec.volumes[0].hostPath.path';

ruleTester('container-runtime-socket', {
  valid: [vol('/var/log'), vol('/var/lib/kubelet/pods'), vol('/run/user')],
  invalid: [
    { name: 'docker.sock', yaml: vol('/var/run/docker.sock'), paths: [P], lines: [16] },
    { name: 'containerd socket', yaml: vol('/run/containerd/containerd.sock'), paths: [P] },
    {
      name: 'containerd directory',
      yaml: vol('/run/containerd/'),
      paths: [P],
      message: /contains the container runtime socket/,
    },
    { name: 'CRI-O directory under /var/run', yaml: vol('/var/run/crio'), paths: [P] },
    { name: 'cri-dockerd', yaml: vol('/var/run/cri-dockerd.sock'), paths: [P] },
    { name: '/var/run itself', yaml: vol('/var/run'), paths: [P] },
    { name: 'a socket in a non-standard place (k3s)', yaml: vol('/run/k3s/containerd/containerd.sock'), paths: [P] },
    {
      name: 'Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: d\n    hostPath:\n      path: /var/run/docker.sock\n      type: Socket\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.volumes[0].hostPath.path'],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes:\n          - name: d\n            hostPath: { path: /var/run/docker.sock }\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path'],
    },
  ],
});
