import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('unsafe-sysctls', {
  valid: [
    deployment(
      '- name: app\n  image: a:1',
      'securityContext:\n  sysctls:\n  - name: net.ipv4.ip_local_port_range\n    value: "1024 65535"\n  - name: net/ipv4/tcp_keepalive_time\n    value: "600"',
    ),
    {
      name: 'allowed by option',
      yaml: deployment(
        '- name: app\n  image: a:1',
        'securityContext:\n  sysctls:\n  - name: net.core.somaxconn\n    value: "1024"',
      ),
      options: { allowed: ['net.core.somaxconn'] },
    },
  ],
  invalid: [
    {
      yaml: deployment(
        '- name: app\n  image: a:1',
        'securityContext:\n  sysctls:\n  - name: kernel.shm_rmid_forced\n    value: "1"\n  - name: net.core.somaxconn\n    value: "1024"',
      ),
      paths: ['spec.template.spec.securityContext.sysctls[1].name'],
      lines: [17],
    },
    {
      name: 'Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: "65536"\n  containers:\n  - name: app\n    image: a:1\n',
      paths: ['spec.securityContext.sysctls[0].name'],
    },
    {
      name: 'CronJob',
      yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n            sysctls:\n            - name: vm.swappiness\n              value: "0"\n          containers:\n          - name: app\n            image: a:1\n',
      paths: ['spec.jobTemplate.spec.template.spec.securityContext.sysctls[0].name'],
    },
  ],
});

ruleTester('unsafe-sysctls', {
  valid: [
    {
      name: 'tcp_rmem is safe from Kubernetes 1.32',
      yaml: deployment(
        '- name: app\n  image: a:1',
        'securityContext:\n  sysctls:\n  - name: net.ipv4.tcp_rmem\n    value: "4096 87380 16777216"',
      ),
      kubeVersion: '1.32',
    },
  ],
  invalid: [
    {
      name: 'tcp_keepalive_time is not safe before 1.29',
      yaml: deployment(
        '- name: app\n  image: a:1',
        'securityContext:\n  sysctls:\n  - name: net.ipv4.tcp_keepalive_time\n    value: "600"',
      ),
      kubeVersion: '1.28',
      paths: ['spec.template.spec.securityContext.sysctls[0].name'],
      message: /Kubernetes 1\.28/,
    },
  ],
});
