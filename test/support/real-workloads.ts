/**
 * Hardened workload manifests for the real-cluster suites (they pass the catalog at the default
 * threshold and PSA `restricted`), written as YAML files so verify maps findings to their lines,
 * and kwok's behaviour annotations (scripts/cluster/kwok-stages.yaml) to make pods fail.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';

export type Json = Record<string, unknown>;

/** What the fake kubelet does with a pod: run it, crash-loop it or fail to pull its image. */
export interface Behaviour {
  behavior?: 'crashloop' | 'imagepull';
  /** Last termination message of a crash-looping container. */
  message?: string;
  exitCode?: number;
  /** Only this container fails. */
  container?: string;
}

export function behaviourAnnotations(b: Behaviour = {}): Record<string, string> {
  const a: Record<string, string> = {};
  if (b.behavior) a['kubeward.test/behavior'] = b.behavior;
  if (b.message) a['kubeward.test/message'] = b.message;
  if (b.exitCode !== undefined) a['kubeward.test/exit-code'] = String(b.exitCode);
  if (b.container) a['kubeward.test/container'] = b.container;
  return a;
}

const DIGEST = 'sha256:' + 'ab'.repeat(32);

/** A container that satisfies PSA restricted and the catalog's defaults. */
export function hardenedContainer(name = 'app', image = `ghcr.io/acme/${name}@${DIGEST}`): Json {
  return {
    name,
    image,
    ports: [{ containerPort: 8080 }],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } },
  };
}

export interface WorkloadOptions extends Behaviour {
  namespace: string;
  replicas?: number;
  containers?: Json[];
  /** Merged into the pod spec (e.g. { nodeSelector }). */
  podSpec?: Json;
  labels?: Record<string, string>;
}

function podTemplate(name: string, o: WorkloadOptions): Json {
  return {
    metadata: {
      labels: { app: name, ...o.labels },
      ...(Object.keys(behaviourAnnotations(o)).length ? { annotations: behaviourAnnotations(o) } : {}),
    },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: o.containers ?? [hardenedContainer()],
      ...o.podSpec,
    },
  };
}

export function deployment(name: string, o: WorkloadOptions): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.namespace, labels: { app: name } },
    spec: {
      replicas: o.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, o),
    },
  };
}

export function statefulSet(name: string, o: WorkloadOptions): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: o.namespace, labels: { app: name } },
    spec: {
      serviceName: name,
      replicas: o.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, o),
    },
  };
}

export function daemonSet(name: string, o: WorkloadOptions): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: o.namespace, labels: { app: name } },
    spec: { selector: { matchLabels: { app: name } }, template: podTemplate(name, o) },
  };
}

/** A headless Service for a StatefulSet. */
export function headlessService(name: string, namespace: string): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { clusterIP: 'None', selector: { app: name }, ports: [{ port: 8080, targetPort: 8080 }] },
  };
}

/** Writes objects as one multi-document YAML file in a fresh temp folder; returns its path. */
export function writeManifests(objects: Json[], file = 'manifests.yaml'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-manifests-'));
  const p = path.join(dir, file);
  writeFileSync(p, objects.map((o) => yaml.dump(o, { lineWidth: 200 })).join('---\n'));
  return p;
}
