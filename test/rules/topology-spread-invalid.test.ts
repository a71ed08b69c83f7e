import { deployment, ruleTester } from '../support/rule-tester.ts';

const tsc = (c: string) => deployment('- name: app\n  image: nginx:1.27', `topologySpreadConstraints:\n- ${c}`);

ruleTester('topology-spread-invalid', {
  valid: [
    {
      name: 'minDomains with DoNotSchedule',
      yaml: tsc(
        '{ maxSkew: 1, minDomains: 3, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }',
      ),
    },
    tsc(
      '{ maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }',
    ),
    {
      name: 'selector matching another workload in the set',
      yaml:
        tsc(
          '{ maxSkew: 2, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: db } } }',
        ) +
        '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db, namespace: shop }\nspec:\n  selector: { matchLabels: { app: db } }\n  template:\n    metadata: { labels: { app: db } }\n    spec:\n      containers: [{ name: db, image: postgres:16 }]\n',
    },
  ],
  invalid: [
    {
      name: 'minDomains 0',
      yaml: tsc(
        '{ maxSkew: 1, minDomains: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }',
      ),
      paths: ['spec.template.spec.topologySpreadConstraints[0].minDomains'],
      message: /at least 1/,
    },
    {
      name: 'minDomains with ScheduleAnyway',
      yaml: tsc(
        '{ maxSkew: 1, minDomains: 2, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }',
      ),
      paths: ['spec.template.spec.topologySpreadConstraints[0].minDomains'],
      message: /DoNotSchedule/,
    },
    {
      name: 'selector matches nothing',
      yaml: tsc(
        '{ maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: wbe } } }',
      ),
      paths: ['spec.template.spec.topologySpreadConstraints[0].labelSelector'],
      lines: [14],
    },
    {
      name: 'malformed',
      yaml: tsc('{ maxSkew: 0, whenUnsatisfiable: Sometimes }'),
      paths: [
        'spec.template.spec.topologySpreadConstraints[0].maxSkew',
        'spec.template.spec.topologySpreadConstraints[0].topologyKey',
        'spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable',
        'spec.template.spec.topologySpreadConstraints[0].labelSelector',
      ],
    },
  ],
});
