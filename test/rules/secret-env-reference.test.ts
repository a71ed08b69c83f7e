import { deployment, ruleTester } from '../support/rule-tester.ts';

ruleTester('secret-env-reference', {
  valid: [
    deployment(
      '- name: app\n  image: nginx:1.27\n  env:\n  - { name: MODE, value: prod }\n  - name: CFG\n    valueFrom: { configMapKeyRef: { name: cfg, key: mode } }\n  volumeMounts: [{ name: db, mountPath: /secrets, readOnly: true }]',
      'volumes:\n- name: db\n  secret: { secretName: db }',
    ),
  ],
  invalid: [
    {
      name: 'secretKeyRef and envFrom secretRef',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  env:\n  - name: DB_PASSWORD\n    valueFrom: { secretKeyRef: { name: db, key: password } }\n  envFrom:\n  - secretRef: { name: api-keys }',
      ),
      paths: [
        'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef',
        'spec.template.spec.containers[0].envFrom[0].secretRef',
      ],
    },
  ],
});
