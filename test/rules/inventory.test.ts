/** The shared cross-object index (src/core/rules/inventory.ts). */
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { inventory, matchesSelector, possiblyMultiReplica, replicaRange } from '../../src/core/rules/inventory.ts';

const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front } }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  replicas: 1
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: app, image: nginx:1.27 }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 6
`;

function inv() {
  const objects = parseManifestText(yaml, 'x.yaml').objects;
  const memo = new Map<string, unknown>();
  return inventory({
    objects,
    memo<T>(k: string, f: () => T): T {
      if (!memo.has(k)) memo.set(k, f());
      return memo.get(k) as T;
    },
  });
}

test('objects by kind and namespace-lenient name lookup', () => {
  const i = inv();
  expect(i.byKind('Deployment').map((o) => o.ref.name)).toEqual(['web', 'api']);
  expect(i.find('Deployment', 'web', 'shop')).toHaveLength(1);
  expect(i.find('Deployment', 'web', 'other')).toHaveLength(0);
  expect(i.find('Deployment', 'api', 'anywhere')).toHaveLength(1);
});

test('workloads with pod labels and HPA-aware replicas', () => {
  const i = inv();
  const [web, api] = i.workloads;
  expect(web.podLabels).toEqual({ app: 'web', tier: 'front' });
  expect(replicaRange(web)).toMatchObject({ min: 2, max: 6 });
  expect(possiblyMultiReplica(web)).toBe(true);
  expect(possiblyMultiReplica(api)).toBe(false);
  expect(i.workloadsSelectedBy({ matchLabels: { tier: 'front' } }, 'shop').map((w) => w.name)).toEqual(['web']);
  expect(i.workloadsSelectedBy({ app: 'api' }, 'shop').map((w) => w.name)).toEqual(['api']);
});

test('label selectors: matchLabels, matchExpressions, plain maps', () => {
  const l = { app: 'web', tier: 'front' };
  expect(matchesSelector({}, l)).toBe(true);
  expect(matchesSelector(undefined, l)).toBe(false);
  expect(matchesSelector({ app: 'web' }, l)).toBe(true);
  expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, l)).toBe(true);
  expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, l)).toBe(false);
  expect(matchesSelector({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, l)).toBe(true);
  expect(
    matchesSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] }, l),
  ).toBe(false);
});
