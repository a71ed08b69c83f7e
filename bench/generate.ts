/**
 * Generated manifests for the scan benches: many small workloads and the objects that refer to
 * them (Services, NetworkPolicies, PodDisruptionBudgets, HPAs), written block style or flow style.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GenOptions {
  deployments: number;
  /** Services, one per Deployment up to this many. */
  services: number;
  networkPolicies: number;
  pdbs: number;
  hpas: number;
  /** Namespaces the objects are spread over (1: all in one). */
  namespaces: number;
}

/** The objects as plain data, in a stable order. */
export function generateObjects(o: GenOptions): object[] {
  const ns = (i: number) => `ns-${i % o.namespaces}`;
  const out: object[] = [];
  for (let i = 0; i < o.deployments; i++) {
    const labels = { app: `app-${i}`, tier: i % 3 === 0 ? 'web' : 'backend' };
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${i}`, namespace: ns(i), labels },
      spec: {
        replicas: 1 + (i % 3),
        selector: { matchLabels: { app: `app-${i}` } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'app',
                image: i % 4 === 0 ? `registry.example.com/app:${i % 50}` : `registry.example.com/app:1.${i % 50}`,
                ports: [{ containerPort: 8080 }],
                resources:
                  i % 5 === 0
                    ? {}
                    : { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                securityContext:
                  i % 2 === 0 ? { runAsNonRoot: true, allowPrivilegeEscalation: false } : { privileged: i % 7 === 0 },
                env: [
                  { name: 'MODE', value: 'production' },
                  { name: 'LEVEL', value: String(i % 10) },
                ],
              },
            ],
          },
        },
      },
    });
  }
  for (let i = 0; i < o.services; i++) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${i}`, namespace: ns(i) },
      spec: { selector: { app: `app-${i}` }, ports: [{ port: 80, targetPort: 8080 }] },
    });
  }
  for (let i = 0; i < o.networkPolicies; i++) {
    // most select one workload by label; every tenth by an expression; the first of each namespace selects all
    const podSelector =
      i < o.namespaces
        ? {}
        : i % 10 === 0
          ? { matchExpressions: [{ key: 'app', operator: 'In', values: [`app-${i * 5}`, `app-${i * 5 + 1}`] }] }
          : { matchLabels: { app: `app-${(i * 5) % Math.max(1, o.deployments)}` } };
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np-${i}`, namespace: ns(i) },
      spec: {
        podSelector,
        // the namespace-wide one covers Ingress only: Egress stays each workload's own policies' job
        policyTypes: i >= o.namespaces && i % 2 === 0 ? ['Ingress', 'Egress'] : ['Ingress'],
        ...(i < o.namespaces ? {} : { ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }] }] }),
      },
    });
  }
  for (let i = 0; i < o.pdbs; i++) {
    out.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: `pdb-${i}`, namespace: ns(i) },
      spec: { minAvailable: 1, selector: { matchLabels: { app: `app-${i}` } } },
    });
  }
  for (let i = 0; i < o.hpas; i++) {
    out.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: `hpa-${i}`, namespace: ns(i) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${i}` },
        minReplicas: 1 + (i % 2),
        maxReplicas: 5,
      },
    });
  }
  return out;
}

/** Block-style YAML of one value (what kubectl and most tools write). */
export function blockYaml(v: unknown, indent = ''): string {
  if (Array.isArray(v)) {
    if (!v.length) return ' []\n';
    return (
      '\n' +
      v
        .map((x) => {
          const inner = blockYaml(x, indent + '  ');
          // "- key: v" for a map item: the map's first line goes after the dash
          return `${indent}-${inner.startsWith('\n') ? ' ' + inner.slice(1).trimStart() : inner}`;
        })
        .join('')
    );
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (!entries.length) return ' {}\n';
    return (
      '\n' +
      entries
        .map(([k, x]) => {
          const inner = blockYaml(x, indent + '  ');
          return `${indent}${k}:${inner}`;
        })
        .join('')
    );
  }
  return ` ${JSON.stringify(v)}\n`;
}

/** Flow-style YAML of one value: `{key: value, list: [a, b]}`, one object a document, wrapped at 100 columns. */
export function flowYaml(v: unknown): string {
  const flat = (x: unknown): string =>
    Array.isArray(x)
      ? `[${x.map(flat).join(', ')}]`
      : x && typeof x === 'object'
        ? `{${Object.entries(x)
            .map(([k, y]) => `${k}: ${flat(y)}`)
            .join(', ')}}`
        : JSON.stringify(x);
  // break after commas so lines stay short, as flow YAML written by people does
  return flat(v).replace(/(.{80,}?, )/g, '$1\n  ') + '\n';
}

/** Writes the objects as `perFile` documents a file into `dir` (created); returns the file count. */
export function writeManifests(dir: string, objects: object[], style: 'block' | 'flow', perFile = 100): number {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (let i = 0; i < objects.length; i += perFile) {
    const docs = objects.slice(i, i + perFile).map((o) => (style === 'block' ? blockYaml(o).slice(1) : flowYaml(o)));
    writeFileSync(path.join(dir, `m-${String(n++).padStart(4, '0')}.yaml`), docs.join('---\n'));
  }
  return n;
}
