/**
 * Synthetic clusters for benchmarks: N namespaces, D Deployments each with a ReplicaSet and P
 * running pods with realistic status, plus a manifest text declaring the same Deployments.
 */
import yaml from 'js-yaml';
import type { Json } from './index.ts';

export interface GenerateOptions {
  namespaces: number;
  deployments: number;
  podsPerDeployment: number;
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len);

function template(name: string, image: string): Json {
  return {
    metadata: { labels: { app: name } },
    spec: {
      serviceAccountName: name,
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image,
          ports: [{ containerPort: 8080 }],
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          livenessProbe: { httpGet: { path: '/live', port: 8080 } },
        },
      ],
    },
  };
}

export function generateCluster(o: GenerateOptions): { objects: Json[]; manifests: string } {
  const objects: Json[] = [];
  const docs: string[] = [];
  for (let n = 0; n < o.namespaces; n++) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${n}`, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    });
  }
  for (let d = 0; d < o.deployments; d++) {
    const ns = `ns-${d % o.namespaces}`;
    const name = `app-${d}`;
    const digest = `sha256:${hex(d, 8).repeat(8)}`;
    const image = `ghcr.io/acme/${name}@${digest}`;
    const duid = `d0000000-0000-4000-8000-${hex(d, 12)}`;
    const rsuid = `r0000000-0000-4000-8000-${hex(d, 12)}`;
    const hash = hex(d * 7919, 9);
    const tpl = template(name, image);
    const replicas = o.podsPerDeployment;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: ns,
        uid: duid,
        generation: 1,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: tpl },
      status: {
        observedGeneration: 1,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
      },
    });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace: ns,
        uid: rsuid,
        labels: { app: name, 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: duid, controller: true }],
      },
      spec: { replicas, selector: { matchLabels: { app: name, 'pod-template-hash': hash } }, template: tpl },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
    });
    for (let p = 0; p < replicas; p++) {
      const spec = structuredClone(tpl.spec) as Json;
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${name}-${hash}-${hex(p, 5)}`,
          namespace: ns,
          labels: { app: name, 'pod-template-hash': hash },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}`, uid: rsuid, controller: true },
          ],
        },
        spec: { ...spec, nodeName: `node-${p % 50}` },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            {
              name: 'app',
              ready: true,
              restartCount: 0,
              image,
              imageID: image,
              state: { running: { startedAt: '2026-11-22T10:00:00Z' } },
            },
          ],
        },
      });
    }
    docs.push(
      yaml.dump({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: ns },
        spec: { replicas, selector: { matchLabels: { app: name } }, template: tpl },
      }),
    );
  }
  return { objects, manifests: docs.join('---\n') };
}
