/**
 * Istio: mutual TLS (PeerAuthentication, DestinationRule), authorization policies that allow
 * everything, and namespaces or workloads that opt out of sidecar injection.
 */
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { inventory } from './inventory.ts';
import { boolOf, isObj } from './podspec.ts';
import { arr, groupOf, label, specOf, stringMap } from './selectors.ts';
import type { Rule, RuleContext } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const SECURITY = 'security.istio.io';
const NETWORKING = 'networking.istio.io';
const ISTIO_SECURITY_DOC = 'https://istio.io/latest/docs/reference/config/security/';
const ROOT_NAMESPACE = 'istio-system';

function isIstio(obj: K8sObject, kind: string, group: string): boolean {
  return obj.ref.kind === kind && groupOf(obj.ref.apiVersion) === group;
}

function hasSelector(spec: JsonObject): boolean {
  return isObj(spec.selector) && Object.keys(stringMap(spec.selector.matchLabels)).length > 0;
}

function rootNamespace(ctx: RuleContext): string {
  return typeof ctx.options.rootNamespace === 'string' ? ctx.options.rootNamespace : ROOT_NAMESPACE;
}

export const istioMtlsPermissive: Rule = {
  meta: {
    id: 'istio-mtls-permissive',
    kinds: ['PeerAuthentication'],
    title: 'Istio mutual TLS not STRICT',
    severity: 'high',
    enabledByDefault: true,
    category: 'istio',
    rationale:
      'In PERMISSIVE mode a workload also accepts plain-text traffic, and DISABLE turns mutual TLS off: clients outside the mesh can reach the workload without an identity, which bypasses AuthorizationPolicies based on principals, and traffic can be read on the network.',
    remediation:
      'Set `mtls.mode: STRICT` on the mesh-wide PeerAuthentication in the root namespace, and remove namespace, workload and port-level exceptions once every client has a sidecar.',
    example:
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT',
    references: [
      `${ISTIO_SECURITY_DOC}peer_authentication/`,
      'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/',
    ],
    options: {
      rootNamespace: {
        type: 'string',
        description: 'Istio root namespace (mesh-wide policies).',
        default: ROOT_NAMESPACE,
      },
    },
  },
  *check(obj, ctx) {
    if (!isIstio(obj, 'PeerAuthentication', SECURITY)) return;
    const spec = specOf(obj);
    const ns = obj.ref.namespace;
    const level = hasSelector(spec) ? 'workload' : ns === rootNamespace(ctx) ? 'mesh' : 'namespace';
    const mode = isObj(spec.mtls) ? spec.mtls.mode : undefined;
    if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
      yield { path: ['spec', 'mtls', 'mode'], message: `${level}-level PeerAuthentication sets mTLS mode ${mode}` };
    } else if ((mode === undefined || mode === 'UNSET') && level === 'mesh') {
      yield {
        path: ['spec', 'mtls'],
        message: 'mesh-wide PeerAuthentication leaves mTLS mode unset, which Istio treats as PERMISSIVE',
      };
    }
    const ports = spec.portLevelMtls;
    if (isObj(ports)) {
      for (const [port, v] of Object.entries(ports)) {
        const m = isObj(v) ? v.mode : undefined;
        if (m === 'PERMISSIVE' || m === 'DISABLE')
          yield {
            path: ['spec', 'portLevelMtls', port, 'mode'],
            message: `${level}-level PeerAuthentication sets mTLS mode ${m} on port ${port}`,
          };
      }
    }
  },
};

export const istioDestinationTlsDisabled: Rule = {
  meta: {
    id: 'istio-destination-tls-disabled',
    kinds: ['DestinationRule'],
    title: 'Istio DestinationRule disables TLS',
    severity: 'high',
    enabledByDefault: true,
    category: 'istio',
    rationale:
      'A DestinationRule with `tls.mode: DISABLE` makes the client sidecars send plain text to the destination, even when the server requires mutual TLS: traffic is unencrypted and unauthenticated.',
    remediation:
      'Use `tls.mode: ISTIO_MUTUAL` for in-mesh destinations (or SIMPLE/MUTUAL with certificates for external ones), or remove the tls block to use auto mTLS.',
    example: 'spec:\n  host: web.shop.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL',
    references: ['https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings'],
  },
  *check(obj) {
    if (!isIstio(obj, 'DestinationRule', NETWORKING)) return;
    const spec = specOf(obj);
    const host = typeof spec.host === 'string' ? spec.host : '(no host)';
    const out: { path: (string | number)[]; message: string }[] = [];
    const checkPolicy = (tp: unknown, base: (string | number)[], where: string) => {
      if (!isObj(tp)) return;
      if (isObj(tp.tls) && tp.tls.mode === 'DISABLE')
        out.push({ path: [...base, 'tls', 'mode'], message: `TLS disabled for ${host}${where}` });
      arr(tp.portLevelSettings).forEach((p, i) => {
        if (!isObj(p) || !isObj(p.tls) || p.tls.mode !== 'DISABLE') return;
        const port = isObj(p.port) ? p.port.number : undefined;
        out.push({
          path: [...base, 'portLevelSettings', i, 'tls', 'mode'],
          message: `TLS disabled for ${host}${where}${port !== undefined ? ` on port ${String(port)}` : ''}`,
        });
      });
    };
    checkPolicy(spec.trafficPolicy, ['spec', 'trafficPolicy'], '');
    arr(spec.subsets).forEach((s, i) => {
      if (isObj(s))
        checkPolicy(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], ` (subset ${String(s.name ?? i)})`);
    });
    yield* out;
  },
};

function ruleIsEmpty(r: unknown): boolean {
  if (r === null) return true;
  if (!isObj(r)) return false;
  return arr(r.from).length === 0 && arr(r.to).length === 0 && arr(r.when).length === 0;
}

export const istioAuthzAllowAll: Rule = {
  meta: {
    id: 'istio-authz-allow-all',
    kinds: ['AuthorizationPolicy'],
    title: 'Istio AuthorizationPolicy allows everything',
    severity: 'high',
    enabledByDefault: true,
    category: 'istio',
    rationale:
      'An ALLOW AuthorizationPolicy with an empty rule (`rules: [{}]`) matches every request from every source: it turns off the deny-by-default that any other ALLOW policy on the workload sets up. (An ALLOW policy with no rules at all denies everything.)',
    remediation:
      'Give each rule `from` (principals or namespaces), `to` (methods, paths, ports) or `when` conditions that describe the allowed callers.',
    example:
      'spec:\n  action: ALLOW\n  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/shop/sa/frontend]\n    to:\n    - operation:\n        methods: [GET]',
    references: [`${ISTIO_SECURITY_DOC}authorization-policy/`],
  },
  *check(obj) {
    if (!isIstio(obj, 'AuthorizationPolicy', SECURITY)) return;
    const spec = specOf(obj);
    const action = spec.action ?? 'ALLOW';
    if (action !== 'ALLOW') return;
    const rules = arr(spec.rules);
    for (let i = 0; i < rules.length; i++) {
      if (!ruleIsEmpty(rules[i])) continue;
      const scope = hasSelector(spec)
        ? 'the selected workloads'
        : `every workload in namespace ${obj.ref.namespace ?? '(unset)'}`;
      yield { path: ['spec', 'rules', i], message: `empty ALLOW rule ${i} allows every request to ${scope}` };
    }
  },
};

export const istioSidecarInjectionDisabled: Rule = {
  meta: {
    id: 'istio-sidecar-injection-disabled',
    kinds: ['Namespace', POD_TEMPLATE_KINDS],
    title: 'Istio sidecar injection disabled',
    severity: 'medium',
    enabledByDefault: true,
    category: 'istio',
    rationale:
      'Pods without a sidecar are outside the mesh: no mutual TLS, no AuthorizationPolicy enforcement, no telemetry. Other workloads may need PERMISSIVE mode to keep talking to them.',
    remediation:
      'Remove `istio-injection: disabled` from the namespace and `sidecar.istio.io/inject: "false"` from the pod template, or list intentional exceptions in the rule option `exemptNamespaces`.',
    example: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled',
    references: ['https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/'],
    options: {
      exemptNamespaces: {
        type: 'string[]',
        description: 'Namespaces where opting out is expected.',
        default: ['kube-system', 'kube-public', 'kube-node-lease', 'istio-system'],
      },
    },
  },
  *check(obj, ctx) {
    const exempt = new Set(Array.isArray(ctx.options.exemptNamespaces) ? ctx.options.exemptNamespaces.map(String) : []);
    if (obj.ref.kind === 'Namespace' && groupOf(obj.ref.apiVersion) === '') {
      if (exempt.has(obj.ref.name)) return;
      const labels = stringMap(isObj(obj.data.metadata) ? obj.data.metadata.labels : undefined);
      if (labels['istio-injection'] === 'disabled')
        yield {
          path: ['metadata', 'labels', 'istio-injection'],
          message: `namespace ${obj.ref.name} disables Istio sidecar injection`,
        };
      return;
    }
    if (obj.ref.namespace && exempt.has(obj.ref.namespace)) return;
    const w = inventory(ctx).workloadOf(obj);
    if (!w) return;
    const md = w.template.metadata;
    for (const field of ['labels', 'annotations'] as const) {
      const m = md[field];
      if (!isObj(m) || boolOf(m['sidecar.istio.io/inject']) !== false) continue;
      yield {
        path: [...w.template.metaPath, field, 'sidecar.istio.io/inject'],
        message: `${label(obj)} opts its pods out of Istio sidecar injection (${field.slice(0, -1)} sidecar.istio.io/inject: "false")`,
      };
    }
  },
};

export const rules: Rule[] = [
  istioMtlsPermissive,
  istioDestinationTlsDisabled,
  istioAuthzAllowAll,
  istioSidecarInjectionDisabled,
];
