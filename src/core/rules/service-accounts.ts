/**
 * Service accounts and configuration references: token automounting, the default and missing
 * service accounts, the deprecated `serviceAccount` field, secrets consumed as env vars,
 * dangling Secret/ConfigMap references and duplicate env names.
 * (secret-in-env, secret-in-configmap, secret-in-annotation, secret-committed and
 * secret-over-shared live in secrets.ts.)
 */
import type { FieldPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import { isPodSpecFragment } from './crd-templates.ts';
import { inventory, isPlaceholder, sameNamespace } from './inventory.ts';
import { allContainers, boolOf, containersOf, get, isObj, podTemplates, type PodTemplate } from './podspec.ts';
import type { Rule, RuleContext } from './types.ts';
import { POD_TEMPLATE_KINDS } from './types.ts';

const SA_DOC = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/';

/** Pod templates that are full pod specs (not Argo Workflows fragments). */
function podSpecs(obj: K8sObject): PodTemplate[] {
  return isPodSpecFragment(obj) ? [] : podTemplates(obj);
}

/** The service account a pod template runs as, and where it is set. */
function serviceAccountOf(t: PodTemplate): { name: string; path: FieldPath; explicit: boolean } {
  const san = t.spec.serviceAccountName;
  if (typeof san === 'string' && san !== '')
    return { name: san, path: [...t.specPath, 'serviceAccountName'], explicit: true };
  const sa = t.spec.serviceAccount;
  if (typeof sa === 'string' && sa !== '') return { name: sa, path: [...t.specPath, 'serviceAccount'], explicit: true };
  return { name: 'default', path: [...t.specPath, 'serviceAccountName'], explicit: false };
}

/** ServiceAccount name -> namespaces of RoleBinding/ClusterRoleBinding subjects naming it. */
function boundServiceAccounts(ctx: RuleContext): Map<string, (string | undefined)[]> {
  return ctx.memo('service-accounts:bound', () => {
    const inv = inventory(ctx);
    const m = new Map<string, (string | undefined)[]>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const b of inv.byKind(kind)) {
        const subjects = b.data.subjects;
        if (!Array.isArray(subjects)) continue;
        for (const s of subjects) {
          if (!isObj(s) || s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
          const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : b.ref.namespace;
          let l = m.get(s.name);
          if (!l) m.set(s.name, (l = []));
          l.push(ns);
        }
      }
    }
    return m;
  });
}

export const automountServiceAccountToken: Rule = {
  meta: {
    id: 'automount-service-account-token',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Service account token automounted but not needed',
    severity: 'medium',
    enabledByDefault: true,
    category: 'service-accounts',
    cis: '5.1.6',
    rationale:
      "Every pod gets its service account's API token mounted unless told otherwise. A pod that does not talk to the Kubernetes API gains nothing from it, but an attacker who compromises the pod gets a credential to the API server.",
    remediation:
      'Set `automountServiceAccountToken: false` on the pod (or on its ServiceAccount). Pods that need the API should use a dedicated ServiceAccount bound to a minimal Role. The rule treats the token as needed when a RoleBinding or ClusterRoleBinding in the scanned set grants the service account something.',
    example: 'spec:\n  serviceAccountName: web\n  automountServiceAccountToken: false',
    references: [
      `${SA_DOC}#opt-out-of-api-credential-automounting`,
      'https://kubernetes.io/docs/concepts/security/service-accounts/',
    ],
  },
  *check(obj, ctx) {
    const ts = podSpecs(obj);
    if (!ts.length) return;
    const inv = inventory(ctx);
    const bound = boundServiceAccounts(ctx);
    for (const t of ts) {
      const path: FieldPath = [...t.specPath, 'automountServiceAccountToken'];
      const podValue = boolOf(t.spec.automountServiceAccountToken);
      if (podValue === false) continue;
      const sa = serviceAccountOf(t);
      const saObjs = inv.find('ServiceAccount', sa.name, obj.ref.namespace);
      if (podValue === undefined) {
        if (saObjs.length && saObjs.every((s) => boolOf(s.data.automountServiceAccountToken) === false)) continue;
        // A named service account outside the set: we cannot tell how it is configured.
        if (sa.name !== 'default' && !saObjs.length) continue;
      }
      if ((bound.get(sa.name) ?? []).some((ns) => sameNamespace(ns, obj.ref.namespace))) continue;
      yield {
        path,
        message: `pod automounts the API token of ServiceAccount "${sa.name}"${podValue === true ? ' (automountServiceAccountToken: true)' : ''}, and no RoleBinding or ClusterRoleBinding in the scanned set grants it anything`,
        fix: { description: 'set automountServiceAccountToken: false', set: [{ path, value: false }] },
      };
    }
  },
};

export const defaultServiceAccount: Rule = {
  meta: {
    id: 'default-service-account',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Pod runs as the default service account',
    severity: 'medium',
    enabledByDefault: true,
    category: 'service-accounts',
    cis: '5.1.5',
    rationale:
      'The `default` ServiceAccount is shared by every pod in the namespace that names no other: any permission granted to it (often by a careless binding) is granted to all of them, and its token cannot be scoped to one workload.',
    remediation:
      'Create a dedicated ServiceAccount per workload and set `serviceAccountName`; leave `default` without permissions.',
    example:
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: web }\nautomountServiceAccountToken: false\n---\n# in the pod spec\nserviceAccountName: web',
    references: [SA_DOC],
  },
  *check(obj) {
    for (const t of podSpecs(obj)) {
      const sa = serviceAccountOf(t);
      if (sa.name !== 'default') continue;
      yield {
        path: sa.path,
        message: sa.explicit
          ? 'pod runs as the "default" ServiceAccount'
          : 'pod sets no serviceAccountName, so it runs as "default"',
      };
    }
  },
};

export const deprecatedServiceAccountField: Rule = {
  meta: {
    id: 'deprecated-service-account-field',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Deprecated serviceAccount field',
    severity: 'low',
    enabledByDefault: true,
    category: 'service-accounts',
    rationale:
      '`spec.serviceAccount` is a deprecated alias of `serviceAccountName`. When both are set and differ, which one wins surprises people; tools that read only `serviceAccountName` misjudge the pod.',
    remediation: 'Replace `serviceAccount` with `serviceAccountName`.',
    example: 'spec:\n  serviceAccountName: web',
    references: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security'],
  },
  *check(obj) {
    for (const t of podSpecs(obj)) {
      const sa = t.spec.serviceAccount;
      if (sa === undefined || sa === null) continue;
      const path = [...t.specPath, 'serviceAccount'];
      const san = t.spec.serviceAccountName;
      yield {
        path,
        message:
          typeof san === 'string' && san !== '' && san !== sa
            ? `pod sets the deprecated serviceAccount "${String(sa)}", which differs from serviceAccountName "${san}"`
            : `pod uses the deprecated serviceAccount field; use serviceAccountName`,
        ...(typeof sa === 'string' && (san === undefined || san === sa)
          ? {
              fix: {
                description: 'rename serviceAccount to serviceAccountName',
                set: [{ path: [...t.specPath, 'serviceAccountName'], value: sa }],
                remove: [path],
              },
            }
          : {}),
      };
    }
  },
};

export const missingServiceAccount: Rule = {
  meta: {
    id: 'missing-service-account',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'ServiceAccount not in the set',
    severity: 'low',
    enabledByDefault: true,
    category: 'service-accounts',
    rationale:
      'A pod that names a ServiceAccount that does not exist is not created (the ReplicaSet keeps failing). When manifests are applied together, a missing ServiceAccount is usually a typo or a forgotten file.',
    remediation:
      'Add the ServiceAccount to the manifests, fix the name, or ignore the finding when the account is created elsewhere.',
    example: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop',
    references: [SA_DOC],
  },
  *check(obj, ctx) {
    const ts = podSpecs(obj);
    if (!ts.length) return;
    const inv = inventory(ctx);
    for (const t of ts) {
      const sa = serviceAccountOf(t);
      if (sa.name === 'default' || isPlaceholder(sa.name)) continue;
      if (inv.find('ServiceAccount', sa.name, obj.ref.namespace).length) continue;
      yield {
        path: sa.path,
        message: `ServiceAccount "${sa.name}" is not in the scanned set (it may be outside the scanned set)`,
      };
    }
  },
};

export const secretEnvReference: Rule = {
  meta: {
    id: 'secret-env-reference',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Secret consumed as an environment variable',
    severity: 'low',
    enabledByDefault: true,
    category: 'configuration',
    cis: '5.4.1',
    rationale:
      'Environment variables leak: they are inherited by child processes, printed by crash handlers and debug endpoints, visible in `/proc/<pid>/environ`, and often logged. Secrets mounted as files do not, and can be rotated without a restart.',
    remediation: 'Mount the Secret as a volume (`readOnly: true`) and read it from the file.',
    example:
      'volumes:\n- name: db\n  secret: { secretName: db-credentials }\ncontainers:\n- name: app\n  volumeMounts:\n  - { name: db, mountPath: /var/run/secrets/db, readOnly: true }',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const env = c.container.env;
      if (Array.isArray(env))
        for (let i = 0; i < env.length; i++) {
          const ref = get(env[i], ['valueFrom', 'secretKeyRef']);
          if (!isObj(ref)) continue;
          const name = get(env[i], ['name']);
          yield {
            path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'],
            message: `${c.type} "${c.name}" reads Secret "${String(ref.name ?? '')}" into env var ${String(name ?? '')}`,
          };
        }
      const envFrom = c.container.envFrom;
      if (Array.isArray(envFrom))
        for (let i = 0; i < envFrom.length; i++) {
          const ref = get(envFrom[i], ['secretRef']);
          if (!isObj(ref)) continue;
          yield {
            path: [...c.path, 'envFrom', i, 'secretRef'],
            message: `${c.type} "${c.name}" loads every key of Secret "${String(ref.name ?? '')}" as env vars`,
          };
        }
    }
  },
};

interface Reference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  keys: { key: string; path: FieldPath }[];
  path: FieldPath;
  optional: boolean;
}

function collectReferences(obj: K8sObject): Reference[] {
  const out: Reference[] = [];
  const add = (kind: Reference['kind'], ref: unknown, nameField: string, path: FieldPath, keysField?: string) => {
    if (!isObj(ref) || typeof ref[nameField] !== 'string' || ref[nameField] === '') return;
    const keys: Reference['keys'] = [];
    if (keysField === 'key' && typeof ref.key === 'string') keys.push({ key: ref.key, path: [...path, 'key'] });
    if (keysField === 'items' && Array.isArray(ref.items))
      ref.items.forEach((it, i) => {
        if (isObj(it) && typeof it.key === 'string') keys.push({ key: it.key, path: [...path, 'items', i, 'key'] });
      });
    out.push({
      kind,
      name: ref[nameField] as string,
      keys,
      path: [...path, nameField],
      optional: boolOf(ref.optional) === true,
    });
  };
  const fragment = isPodSpecFragment(obj);
  for (const t of podTemplates(obj)) {
    for (const c of containersOf(t)) {
      const env = c.container.env;
      if (Array.isArray(env))
        env.forEach((e, i) => {
          const base = [...c.path, 'env', i, 'valueFrom'];
          add('Secret', get(e, ['valueFrom', 'secretKeyRef']), 'name', [...base, 'secretKeyRef'], 'key');
          add('ConfigMap', get(e, ['valueFrom', 'configMapKeyRef']), 'name', [...base, 'configMapKeyRef'], 'key');
        });
      const envFrom = c.container.envFrom;
      if (Array.isArray(envFrom))
        envFrom.forEach((e, i) => {
          const base = [...c.path, 'envFrom', i];
          add('Secret', get(e, ['secretRef']), 'name', [...base, 'secretRef']);
          add('ConfigMap', get(e, ['configMapRef']), 'name', [...base, 'configMapRef']);
        });
    }
    if (fragment) continue;
    const vols = t.spec.volumes;
    if (!Array.isArray(vols)) continue;
    vols.forEach((v, i) => {
      if (!isObj(v)) return;
      const base = [...t.specPath, 'volumes', i];
      add('Secret', v.secret, 'secretName', [...base, 'secret'], 'items');
      add('ConfigMap', v.configMap, 'name', [...base, 'configMap'], 'items');
      const sources = get(v, ['projected', 'sources']);
      if (Array.isArray(sources))
        sources.forEach((s, j) => {
          const sb = [...base, 'projected', 'sources', j];
          add('Secret', get(s, ['secret']), 'name', [...sb, 'secret'], 'items');
          add('ConfigMap', get(s, ['configMap']), 'name', [...sb, 'configMap'], 'items');
        });
    });
  }
  return out;
}

/** Names of Secrets that other objects in the set create (cert-manager, SealedSecrets, ExternalSecrets). */
function generatedSecrets(ctx: RuleContext): Map<string, (string | undefined)[]> {
  return ctx.memo('service-accounts:generated-secrets', () => {
    const inv = inventory(ctx);
    const m = new Map<string, (string | undefined)[]>();
    const add = (name: unknown, ns: string | undefined) => {
      if (typeof name !== 'string' || !name) return;
      let l = m.get(name);
      if (!l) m.set(name, (l = []));
      l.push(ns);
    };
    for (const c of inv.byKind('Certificate')) add(get(c.data, ['spec', 'secretName']), c.ref.namespace);
    for (const s of inv.byKind('SealedSecret'))
      add(get(s.data, ['spec', 'template', 'metadata', 'name']) ?? s.ref.name, s.ref.namespace);
    for (const s of inv.byKind('ExternalSecret'))
      add(get(s.data, ['spec', 'target', 'name']) ?? s.ref.name, s.ref.namespace);
    return m;
  });
}

function keysOf(o: K8sObject): Set<string> {
  const keys = new Set<string>();
  for (const f of ['data', 'stringData', 'binaryData']) {
    const d = o.data[f];
    if (isObj(d)) for (const k of Object.keys(d)) keys.add(k);
  }
  return keys;
}

/** ConfigMaps Kubernetes creates in every namespace. */
const BUILTIN_CONFIGMAPS = new Set(['kube-root-ca.crt']);

export const danglingReference: Rule = {
  meta: {
    id: 'dangling-reference',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Reference to a missing Secret or ConfigMap',
    severity: 'low',
    enabledByDefault: true,
    category: 'configuration',
    rationale:
      'A pod that references a Secret or ConfigMap (or a key in one) that does not exist does not start (CreateContainerConfigError, or a volume that never mounts), unless the reference is optional.',
    remediation:
      'Add the missing object or key, fix the name, or mark the reference `optional: true` when the pod can run without it. Ignore the finding when the object is created outside these manifests.',
    example: 'envFrom:\n- configMapRef:\n    name: web-config\n    optional: true',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/',
      'https://kubernetes.io/docs/concepts/configuration/configmap/',
    ],
  },
  *check(obj, ctx) {
    const refs = collectReferences(obj);
    if (!refs.length) return;
    const inv = inventory(ctx);
    const generated = generatedSecrets(ctx);
    // live verification lists Secrets only when asked (least privilege): a kind that was not
    // listed at all says nothing about whether a reference dangles
    const listed = ctx.memo('dangling-reference:listedKinds', () => new Set(ctx.objects.map((o) => o.ref.kind)));
    for (const r of refs) {
      if (r.optional || isPlaceholder(r.name)) continue;
      if (ctx.mode === 'live' && !listed.has(r.kind)) continue;
      if (r.kind === 'ConfigMap' && BUILTIN_CONFIGMAPS.has(r.name)) continue;
      const found = inv.find(r.kind, r.name, obj.ref.namespace);
      if (!found.length) {
        if (r.kind === 'Secret' && (generated.get(r.name) ?? []).some((ns) => sameNamespace(ns, obj.ref.namespace)))
          continue;
        yield {
          path: r.path,
          message: `${r.kind} "${r.name}" is not in the scanned set (it may be outside the scanned set)`,
        };
        continue;
      }
      if (!r.keys.length) continue;
      const keys = new Set<string>();
      for (const f of found) for (const k of keysOf(f)) keys.add(k);
      for (const k of r.keys) {
        if (keys.has(k.key)) continue;
        yield { path: k.path, message: `${r.kind} "${r.name}" has no key "${k.key}"` };
      }
    }
  },
};

export const duplicateEnv: Rule = {
  meta: {
    id: 'duplicate-env',
    kinds: [POD_TEMPLATE_KINDS],
    title: 'Duplicate environment variable',
    severity: 'low',
    enabledByDefault: true,
    category: 'configuration',
    rationale:
      'When a container lists the same env name twice, the last one silently wins; `kubectl apply` merges such lists unpredictably. It is almost always a copy-paste mistake.',
    remediation: 'Keep one entry per name.',
    example: 'env:\n- { name: LOG_LEVEL, value: info }',
    references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/'],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      const seen = new Map<string, number>();
      env.forEach((e, i) => {
        const n = get(e, ['name']);
        if (typeof n !== 'string') return;
        if (!seen.has(n)) seen.set(n, i);
      });
      for (let i = 0; i < env.length; i++) {
        const n = get(env[i], ['name']);
        if (typeof n !== 'string') continue;
        const first = seen.get(n)!;
        if (first === i) continue;
        yield {
          path: [...c.path, 'env', i, 'name'],
          message: `${c.type} "${c.name}" sets env var ${n} again (first at env[${first}]); the last one wins`,
        };
      }
    }
  },
};

export const rules: Rule[] = [
  automountServiceAccountToken,
  defaultServiceAccount,
  deprecatedServiceAccountField,
  missingServiceAccount,
  secretEnvReference,
  danglingReference,
  duplicateEnv,
];
