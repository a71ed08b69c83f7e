import { evaluate, defaultSetting } from '../../src/core/engine.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { getRule } from '../../src/core/rules/index.ts';
import { deployment, ruleTester } from '../support/rule-tester.ts';

const web = deployment('- name: app\n  image: nginx:1.27');
const svc = (selector: string, ns = 'shop', extra = '') =>
  `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n${extra}  selector: ${selector}\n  ports:\n  - port: 80\n`;

ruleTester('service-dangling', {
  valid: [
    web + svc('{ app: web }'),
    {
      name: 'service without namespace matches leniently',
      yaml: web + svc('{ app: web }').replace('  namespace: shop\n', ''),
    },
    { name: 'no workloads in the set', yaml: svc('{ app: nothing }') },
    { name: 'selector-less service', yaml: web + svc('{}') },
    {
      name: 'pods created by an operator from a custom resource in the set',
      yaml:
        web +
        '---\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n  namespace: shop\nspec:\n  instances: 3\n' +
        svc('{ cnpg.io/cluster: pg, role: primary }') +
        '---\napiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\n  namespace: shop\n' +
        svc('{ app.kubernetes.io/name: prometheus }'),
    },
    {
      name: 'controller-added labels: StatefulSet pod name and Job name',
      yaml:
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis\n  namespace: shop\nspec:\n  selector:\n    matchLabels: { app: redis }\n  template:\n    metadata:\n      labels: { app: redis }\n    spec:\n      containers:\n      - name: r\n        image: redis:7\n' +
        svc('{ app: redis, statefulset.kubernetes.io/pod-name: redis-0 }') +
        '---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n      - name: t\n        image: t:1\n' +
        svc('{ job-name: train }'),
    },
  ],
  invalid: [
    { yaml: web + svc('{ app: wbe }'), paths: ['spec.selector'], message: /app=wbe/ },
    { name: 'different namespace', yaml: web + svc('{ app: web }', 'other'), paths: ['spec.selector'] },
  ],
});

describe('service-dangling on live objects', () => {
  test('says "in the cluster" and drops the outside-the-set hint', () => {
    const objects = parseManifestText(web + svc('{ app: wbe }'), 'live.yaml').objects.map((o) => ({
      ...o,
      origin: 'live' as const,
    }));
    const res = evaluate(objects, [], {
      rules: [getRule('service-dangling')!],
      mode: 'live',
      settings: (m) => ({ ...defaultSetting(m), enabled: true }),
    });
    expect(res.findings.map((f) => f.message)).toEqual([
      'selector app=wbe of Service shop/web matches no workload in the cluster',
    ]);
  });
});
