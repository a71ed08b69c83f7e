import { ruleTester } from '../support/rule-tester.ts';

const job = (extra: string) => `apiVersion: batch/v1
kind: Job
metadata: { name: once, namespace: shop }
spec:
${extra}  template:
    spec:
      restartPolicy: Never
      containers: [{ name: c, image: busybox:1.36 }]
`;

ruleTester('job-ttl', {
  valid: [job('  ttlSecondsAfterFinished: 600\n')],
  invalid: [{ yaml: job(''), paths: ['spec.ttlSecondsAfterFinished'], lines: [4] }],
});
