import { deployment, ruleTester } from '../support/rule-tester.ts';

const vol = (p: string) => deployment('- name: app\n  image: a:1', `volumes:\n- name: h\n  hostPath:\n    path: ${p}`);
const P = 'spec.template.spec.volumes[0].hostPath.path';

ruleTester('sensitive-host-path', {
  valid: [
    vol('/var/log'),
    vol('/opt/data'),
    { name: 'a name that merely starts like a sensitive path', yaml: vol('/etcetera') },
    { name: 'sibling of /dev', yaml: vol('/devices-cache') },
    { name: 'configured list', yaml: vol('/etc/ssl/certs'), options: { paths: ['/var/lib/kubelet'] } },
  ],
  invalid: [
    { name: 'root', yaml: vol('/'), paths: [P], lines: [16] },
    { name: 'under /etc', yaml: vol('/etc/ssl/certs'), paths: [P], message: /under \/etc/ },
    { name: 'trailing slash and double slashes', yaml: vol('//var/lib//kubelet/'), paths: [P] },
    { name: 'dot segments', yaml: vol('/opt/../proc'), paths: [P] },
    {
      name: 'a parent of a sensitive path',
      yaml: vol('/var/lib'),
      paths: [P],
      message: /contains \/var\/lib\/(kubelet|docker|containerd|etcd)/,
    },
    { name: '/var/lib/docker/containers (log agents)', yaml: vol('/var/lib/docker/containers'), paths: [P] },
    {
      name: 'Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: h\n    hostPath:\n      path: /etc/kubernetes/pki\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.volumes[0].hostPath.path'],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes:\n          - name: h\n            hostPath: { path: /sys/fs/cgroup }\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path'],
    },
  ],
});
