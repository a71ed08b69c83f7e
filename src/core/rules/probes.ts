/** Probes: liveness and readiness probes, identical probes, probes on undeclared ports. */
import type { FieldPath } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { isRunToCompletionCrd } from './crd-templates.ts';
import { allContainers, containersOf, isObj, numOf, podTemplates, type PodTemplate } from './podspec.ts';
import type { Rule } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const PROBES_DOC =
  'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';

// ---------------------------------------------------------------------------------------------
// Probes

/** Do this object's pods run to completion (Jobs, CronJobs, workflows, Pods that never restart)? */
function runsToCompletion(obj: K8sObject, t: PodTemplate): boolean {
  const k = obj.ref.kind;
  if (k === 'Job' || k === 'CronJob' || isRunToCompletionCrd(obj)) return true;
  const rp = t.spec.restartPolicy;
  return rp === 'Never' || rp === 'OnFailure';
}

function probeRule(id: string, field: 'livenessProbe' | 'readinessProbe', rationale: string): Rule {
  const what = field === 'livenessProbe' ? 'liveness' : 'readiness';
  return {
    meta: {
      id,
      title: `${what[0].toUpperCase()}${what.slice(1)} probe missing`,
      severity: 'low',
      enabledByDefault: true,
      category: 'availability',
      kinds: [POD_TEMPLATE_KINDS],
      rationale,
      remediation: `Add a \`${field}\` to every long-running container (Jobs, CronJobs, workflows, Pods with restartPolicy Never/OnFailure and init containers are exempt${field === 'readinessProbe' ? '; Knative Serving adds a default readiness probe' : ''}). Prefer a cheap endpoint that reflects the container's own health.`,
      example: `containers:\n- name: web\n  image: nginx:1.27.3\n  ${field}:\n    httpGet: { path: /healthz, port: 8080 }\n    periodSeconds: 10`,
      references: [PROBES_DOC],
    },
    *check(obj) {
      for (const c of allContainers(obj)) {
        if (c.type !== 'container') continue;
        if (runsToCompletion(obj, c.template)) continue;
        if (isObj(c.container[field])) continue;
        // Knative Serving gives every container a default TCP readiness probe.
        if (field === 'readinessProbe' && obj.ref.apiVersion.startsWith('serving.knative.dev/')) continue;
        yield { path: [...c.path, field], message: `container "${c.name}" has no ${what} probe` };
      }
    },
  };
}

export const livenessProbe = probeRule(
  'liveness-probe',
  'livenessProbe',
  'Without a liveness probe a deadlocked or hung container keeps running and keeps receiving traffic until someone notices; the kubelet only restarts containers whose process exits.',
);
export const readinessProbe = probeRule(
  'readiness-probe',
  'readinessProbe',
  'Without a readiness probe a pod receives traffic as soon as its process starts, before it can serve, and keeps receiving it while it is overloaded; rollouts cannot tell a broken version from a working one.',
);

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export const probesIdentical: Rule = {
  meta: {
    id: 'probes-identical',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Liveness and readiness probes are identical',
    severity: 'low',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'Readiness takes a busy pod out of the load balancer; liveness restarts it. When both are the same check, a pod that is only overloaded is restarted too, turning a slowdown into cascading restarts.',
    remediation:
      'Make the liveness probe check only that the process is alive (a cheap endpoint, a larger failureThreshold), and let the readiness probe check dependencies and load.',
    example:
      'livenessProbe:\n  httpGet: { path: /livez, port: 8080 }\n  failureThreshold: 6\nreadinessProbe:\n  httpGet: { path: /readyz, port: 8080 }',
    references: [PROBES_DOC, 'https://github.com/zegl/kube-score/blob/master/README_PROBES.md'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const l = c.container.livenessProbe;
      const r = c.container.readinessProbe;
      if (!isObj(l) || !isObj(r)) continue;
      if (canonical(l) !== canonical(r)) continue;
      yield {
        path: [...c.path, 'livenessProbe'],
        message: `${c.type} "${c.name}" has a liveness probe identical to its readiness probe`,
      };
    }
  },
};

const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

function declaredPorts(c: JsonObject): { names: Set<string>; numbers: Set<number>; any: boolean } {
  const names = new Set<string>();
  const numbers = new Set<number>();
  const ports = c.ports;
  if (Array.isArray(ports))
    for (const p of ports) {
      if (!isObj(p)) continue;
      if (typeof p.name === 'string') names.add(p.name);
      const n = numOf(p.containerPort);
      if (n !== undefined) numbers.add(n);
    }
  return { names, numbers, any: Array.isArray(ports) && ports.length > 0 };
}

export const probePort: Rule = {
  meta: {
    id: 'probe-port',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Probe targets a port the container does not expose',
    severity: 'medium',
    enabledByDefault: true,
    category: 'availability',
    rationale:
      'A probe on a named port the container does not define always fails, and one on a number the container does not declare usually means a typo: the container is restarted in a loop or never becomes ready.',
    remediation:
      "Point `httpGet.port`, `tcpSocket.port` or `grpc.port` at a port declared in the container's `ports` (by name or number), or declare the port.",
    example: 'ports:\n- name: http\n  containerPort: 8080\nreadinessProbe:\n  httpGet: { path: /readyz, port: http }',
    references: [PROBES_DOC],
  },
  *check(obj) {
    for (const t of podTemplates(obj)) {
      const cs = containersOf(t);
      const podNumbers = new Set<number>();
      for (const c of cs) for (const n of declaredPorts(c.container).numbers) podNumbers.add(n);
      for (const c of cs) {
        const own = declaredPorts(c.container);
        for (const pf of PROBE_FIELDS) {
          const probe = c.container[pf];
          if (!isObj(probe)) continue;
          for (const h of ['httpGet', 'tcpSocket', 'grpc']) {
            const handler = probe[h];
            if (!isObj(handler) || handler.port === undefined || handler.port === null) continue;
            const port = handler.port;
            const path: FieldPath = [...c.path, pf, h, 'port'];
            const num = numOf(port);
            if (num === undefined && typeof port === 'string') {
              if (!own.names.has(port))
                yield {
                  path,
                  message: `${c.type} "${c.name}" ${pf} uses port name "${port}", which the container does not define`,
                };
            } else if (num !== undefined && own.any && !podNumbers.has(num)) {
              // Undeclared numeric ports still work when the process listens: low, unless configured.
              yield {
                path,
                severity: 'low',
                message: `${c.type} "${c.name}" ${pf} targets port ${num}, which no container of the pod declares (a typo, or an undeclared port)`,
              };
            }
          }
        }
      }
    }
  },
};

export const rules: Rule[] = [livenessProbe, readinessProbe, probesIdentical, probePort];
