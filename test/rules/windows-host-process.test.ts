import { ruleTester } from '../support/rule-tester.ts';

const win = (podSc: string, containerSc: string) => `apiVersion: v1
kind: Pod
metadata:
  name: w
spec:
  os:
    name: windows
  hostNetwork: true
${podSc}  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
${containerSc}`;

ruleTester('windows-host-process', {
  valid: [win('', ''), win('  securityContext:\n    windowsOptions:\n      runAsUserName: ContainerUser\n', '')],
  invalid: [
    {
      name: 'pod-level hostProcess: one finding on the pod',
      yaml: win('  securityContext:\n    windowsOptions:\n      hostProcess: true\n', ''),
      paths: ['spec.securityContext.windowsOptions.hostProcess'],
      lines: [11],
    },
    {
      name: 'container hostProcess',
      yaml: win('', '    securityContext:\n      windowsOptions:\n        hostProcess: true\n'),
      paths: ['spec.containers[0].securityContext.windowsOptions.hostProcess'],
    },
    {
      name: 'Deployment init container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels: { app: d }
  template:
    metadata:
      labels: { app: d }
    spec:
      os: { name: windows }
      initContainers:
      - name: init
        image: a:1
        securityContext:
          windowsOptions: { hostProcess: true }
      containers:
      - name: app
        image: a:1
`,
      paths: ['spec.template.spec.initContainers[0].securityContext.windowsOptions.hostProcess'],
    },
  ],
});
