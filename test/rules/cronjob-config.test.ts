import { ruleTester } from '../support/rule-tester.ts';

const cj = (deadline: string, restart: string) => `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop }
spec:
  schedule: "0 3 * * *"
${deadline}  jobTemplate:
    spec:
      template:
        spec:
${restart}          containers: [{ name: c, image: busybox:1.36 }]
`;

ruleTester('cronjob-config', {
  valid: [cj('  startingDeadlineSeconds: 300\n', '          restartPolicy: OnFailure\n')],
  invalid: [
    { name: 'no deadline', yaml: cj('', '          restartPolicy: Never\n'), paths: ['spec.startingDeadlineSeconds'] },
    {
      name: 'restartPolicy Always',
      yaml: cj('  startingDeadlineSeconds: 300\n', '          restartPolicy: Always\n'),
      paths: ['spec.jobTemplate.spec.template.spec.restartPolicy'],
      lines: [11],
    },
    {
      name: 'restartPolicy unset',
      yaml: cj('  startingDeadlineSeconds: 300\n', ''),
      paths: ['spec.jobTemplate.spec.template.spec.restartPolicy'],
      message: /defaults to Always/,
    },
  ],
});
