/**
 * RBAC: what Roles and ClusterRoles grant, reported on the binding that grants it to a subject
 * when the binding is in the scanned set (naming subjects and role), else on the role's rule.
 * Roles and bindings Kubernetes itself creates (`system:` bindings, the `kubernetes.io/bootstrapping`
 * label) are exempt; a user's binding is judged whatever the name of the role it grants.
 */
import type { FieldPath } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { inventory, matchesSelector } from './inventory.ts';
import { isObj } from './podspec.ts';
import { arr, groupOf, label, list, stringMap, strs } from './selectors.ts';
import type { InventoryViolation, Rule, RuleContext, RuleMeta } from './types.ts';
import { pushAll } from '../arrays.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_DOC = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
const GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';

// ---------- model ----------

interface PolicyRule {
  /** The rule as written. */
  rule: JsonObject;
  /** The role that holds it and its index there. */
  role: RoleInfo;
  index: number;
}

interface RoleInfo {
  obj: K8sObject | undefined;
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  own: PolicyRule[];
  /** Own rules plus rules of ClusterRoles aggregated into it. */
  effective: PolicyRule[];
  /** ClusterRoles this one is aggregated into. */
  aggregatedInto: RoleInfo[];
  bindings: BindingInfo[];
}

interface BindingInfo {
  obj: K8sObject;
  subjects: JsonObject[];
  role: RoleInfo | undefined;
  roleRefKind: string;
  roleRefName: string;
}

interface RbacIndex {
  roles: RoleInfo[];
  bindings: BindingInfo[];
}

function isRbac(o: K8sObject): boolean {
  return groupOf(o.ref.apiVersion) === RBAC_GROUP;
}

export function isSystemName(name: string): boolean {
  return name.startsWith('system:');
}

const BOOTSTRAPPING = 'kubernetes.io/bootstrapping';

function hasBootstrapLabel(o: K8sObject | undefined): boolean {
  const md = o?.data.metadata;
  return isObj(md) && isObj(md.labels) && typeof md.labels[BOOTSTRAPPING] === 'string';
}

/**
 * A binding Kubernetes itself creates: a `system:` binding name, or the `kubernetes.io/bootstrapping`
 * label. Judged by the binding's own origin: what it grants (a role named `system:...`) exempts nothing.
 */
export function isSystemBinding(o: K8sObject): boolean {
  return isSystemName(o.ref.name) || hasBootstrapLabel(o);
}

/**
 * A role Kubernetes itself creates: one carrying the `kubernetes.io/bootstrapping` label, or a
 * `system:` role that is not in the set (the API server's own). A user's role in the set named
 * `system:...` is judged like any other.
 */
function isSystemRole(r: RoleInfo): boolean {
  return r.obj ? hasBootstrapLabel(r.obj) : isSystemName(r.name);
}

/** What the built-in `edit` ClusterRole grants that the RBAC rules judge. */
const EDIT_RULES: JsonObject[] = [
  {
    apiGroups: [''],
    resources: ['secrets', 'pods', 'pods/exec', 'pods/attach'],
    verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch', 'update'],
  },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
    verbs: ['create', 'update', 'patch', 'delete'],
  },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
];

/** Built-in user-facing ClusterRoles, used when a binding refers to one that is not in the set. */
const BUILTIN_ROLES: Record<string, JsonObject[]> = {
  'cluster-admin': [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
  // admin aggregates edit, plus managing Roles and RoleBindings in the namespace
  admin: [
    ...EDIT_RULES,
    { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'patch', 'delete'] },
  ],
  edit: EDIT_RULES,
  view: [
    {
      apiGroups: ['', 'apps', 'batch'],
      resources: ['pods', 'services', 'deployments', 'jobs'],
      verbs: ['get', 'list', 'watch'],
    },
  ],
};

function builtinRole(name: string): RoleInfo | undefined {
  const rules = BUILTIN_ROLES[name];
  if (!rules) return undefined;
  const role: RoleInfo = {
    obj: undefined,
    kind: 'ClusterRole',
    name,
    namespace: undefined,
    labels: {},
    own: [],
    effective: [],
    aggregatedInto: [],
    bindings: [],
  };
  role.own = rules.map((rule, index) => ({ rule, role, index }));
  role.effective = role.own;
  return role;
}

function buildIndex(ctx: RuleContext): RbacIndex {
  const inv = inventory(ctx);
  const roles: RoleInfo[] = [];
  for (const kind of ['Role', 'ClusterRole'] as const) {
    for (const obj of inv.byKind(kind)) {
      if (!isRbac(obj)) continue;
      const md = isObj(obj.data.metadata) ? obj.data.metadata : {};
      const role: RoleInfo = {
        obj,
        kind,
        name: obj.ref.name,
        namespace: kind === 'Role' ? obj.ref.namespace : undefined,
        labels: stringMap(md.labels),
        own: [],
        effective: [],
        aggregatedInto: [],
        bindings: [],
      };
      role.own = arr(obj.data.rules).flatMap((rule, index) => (isObj(rule) ? [{ rule, role, index }] : []));
      roles.push(role);
    }
  }
  const clusterRoles = roles.filter((r) => r.kind === 'ClusterRole');
  for (const r of roles) {
    r.effective = [...r.own];
    if (r.kind !== 'ClusterRole' || !r.obj) continue;
    const agg = r.obj.data.aggregationRule;
    if (!isObj(agg)) continue;
    const selectors = arr(agg.clusterRoleSelectors);
    for (const other of clusterRoles) {
      if (other === r) continue;
      if (!selectors.some((s) => matchesSelector(s, other.labels))) continue;
      pushAll(r.effective, other.own);
      other.aggregatedInto.push(r);
    }
  }
  const builtins = new Map<string, RoleInfo>();
  const bindings: BindingInfo[] = [];
  for (const kind of ['RoleBinding', 'ClusterRoleBinding'] as const) {
    for (const obj of inv.byKind(kind)) {
      if (!isRbac(obj)) continue;
      const ref = isObj(obj.data.roleRef) ? obj.data.roleRef : {};
      const roleRefKind = typeof ref.kind === 'string' ? ref.kind : '';
      const roleRefName = typeof ref.name === 'string' ? ref.name : '';
      let candidates: RoleInfo[] = [];
      if (roleRefKind === 'Role' && kind === 'RoleBinding') {
        candidates = roles.filter(
          (r) =>
            r.kind === 'Role' &&
            r.name === roleRefName &&
            (r.namespace === undefined || obj.ref.namespace === undefined || r.namespace === obj.ref.namespace),
        );
      } else if (roleRefKind === 'ClusterRole') {
        candidates = roles.filter((r) => r.kind === 'ClusterRole' && r.name === roleRefName);
        if (!candidates.length && BUILTIN_ROLES[roleRefName]) {
          if (!builtins.has(roleRefName)) builtins.set(roleRefName, builtinRole(roleRefName)!);
          candidates = [builtins.get(roleRefName)!];
        }
      }
      // the same role may be defined in several files: prefer the one next to the binding
      const role = candidates.find((r) => r.obj?.file !== undefined && r.obj.file === obj.file) ?? candidates[0];
      const b: BindingInfo = {
        obj,
        subjects: arr(obj.data.subjects).filter(isObj),
        role,
        roleRefKind,
        roleRefName,
      };
      bindings.push(b);
      if (!isSystemBinding(obj)) for (const r of candidates) r.bindings.push(b);
    }
  }
  return { roles, bindings };
}

function rbacIndex(ctx: RuleContext): RbacIndex {
  return ctx.memo('rbac:index', () => buildIndex(ctx));
}

/** `ServiceAccount shop/web`, `User alice`, `Group devs`. */
export function describeSubject(s: JsonObject, bindingNs: string | undefined): string {
  const kind = typeof s.kind === 'string' ? s.kind : 'Subject';
  const name = typeof s.name === 'string' ? s.name : '?';
  if (kind === 'ServiceAccount') {
    const ns = typeof s.namespace === 'string' ? s.namespace : bindingNs;
    return `ServiceAccount ${ns ? `${ns}/` : ''}${name}`;
  }
  return `${kind} ${name}`;
}

/** Joins phrases, merging ones that share their first word: "create pods", "create jobs" -> "create pods, jobs". */
export function joinWhats(whats: readonly string[], max = 6): string {
  const groups = new Map<string, string[]>();
  for (const w of whats) {
    const sp = w.indexOf(' ');
    const head = sp === -1 ? w : w.slice(0, sp);
    const rest = sp === -1 ? '' : w.slice(sp + 1);
    const g = groups.get(head) ?? [];
    if (rest && !g.includes(rest)) g.push(rest);
    groups.set(head, g);
  }
  const parts = [...groups].map(([head, rests]) => (rests.length ? `${head} ${list(rests, max)}` : head));
  return parts.join('; ');
}

function subjectsText(b: BindingInfo): string {
  if (!b.subjects.length) return 'no subjects';
  return list(b.subjects.map((s) => describeSubject(s, b.obj.ref.namespace)));
}

// ---------- matching helpers ----------

function has(values: readonly string[], v: string): boolean {
  return values.includes('*') || values.includes(v);
}

interface RuleView {
  verbs: string[];
  groups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function view(rule: JsonObject): RuleView {
  return {
    verbs: strs(rule.verbs),
    groups: strs(rule.apiGroups),
    resources: strs(rule.resources),
    resourceNames: strs(rule.resourceNames),
    nonResourceURLs: strs(rule.nonResourceURLs),
  };
}

/** Does the rule cover resource `res` (e.g. 'pods/exec') in one of `groups`? */
function coversResource(r: RuleView, groups: readonly string[], res: string): boolean {
  if (!groups.some((g) => has(r.groups, g))) return false;
  if (has(r.resources, res)) return true;
  const slash = res.indexOf('/');
  // `pods/*` covers every subresource of pods
  return slash !== -1 && r.resources.includes(`${res.slice(0, slash)}/*`);
}

function anyVerb(r: RuleView, verbs: readonly string[]): string[] {
  if (r.verbs.includes('*')) return ['*'];
  return verbs.filter((v) => r.verbs.includes(v));
}

/** What a rule grants that a check cares about: the field to point at and a phrase. */
export interface Grant {
  field: 'verbs' | 'resources' | 'apiGroups' | 'nonResourceURLs' | 'resourceNames';
  what: string;
}

// ---------- the reporting skeleton ----------

/** cluster-admin is reported once, by rbac-cluster-admin-binding. */
function skip(role: RoleInfo): boolean {
  return role.kind === 'ClusterRole' && role.name === 'cluster-admin';
}

function rbacRule(meta: RuleMeta, detect: (r: RuleView, ctx: RuleContext) => Grant[]): Rule {
  return {
    meta,
    *checkAll(ctx) {
      const idx = rbacIndex(ctx);
      const out: InventoryViolation[] = [];
      const grantsOf = (role: RoleInfo) => {
        const found: { pr: PolicyRule; g: Grant }[] = [];
        for (const pr of role.effective) for (const g of detect(view(pr.rule), ctx)) found.push({ pr, g });
        return found;
      };
      for (const b of idx.bindings) {
        const role = b.role;
        if (!role || isSystemBinding(b.obj)) continue;
        if (skip(role)) continue;
        const found = grantsOf(role);
        if (!found.length) continue;
        const whats = [...new Set(found.map((f) => f.g.what))];
        const where = [
          ...new Set(
            found.map((f) =>
              f.pr.role === role ? `rules[${f.pr.index}]` : `${f.pr.role.name} rules[${f.pr.index}] (aggregated)`,
            ),
          ),
        ];
        out.push({
          object: b.obj,
          path: ['roleRef', 'name'],
          message: `${subjectsText(b)} can ${joinWhats(whats)} through ${role.kind} "${role.name}"${role.obj ? ` (${list(where)})` : ' (built-in)'}`,
          details: { subjects: subjectsText(b), role: `${role.kind}/${role.name}` },
        });
      }
      // roles granted by no binding in the set: report on the role's rules
      for (const role of idx.roles) {
        if (!role.obj || isSystemRole(role) || skip(role)) continue;
        if (role.bindings.length) continue;
        if (role.aggregatedInto.some((a) => a.bindings.length && !isSystemRole(a))) continue;
        const byPath = new Map<string, { path: FieldPath; whats: Set<string> }>();
        for (const pr of role.own) {
          for (const g of detect(view(pr.rule), ctx)) {
            const path: FieldPath = ['rules', pr.index, g.field];
            const k = `${pr.index}.${g.field}`;
            const e = byPath.get(k) ?? { path, whats: new Set<string>() };
            e.whats.add(g.what);
            byPath.set(k, e);
          }
        }
        for (const { path, whats } of byPath.values()) {
          out.push({
            object: role.obj,
            path,
            message: `${label(role.obj)} grants the permission to ${joinWhats([...whats])} (bound by no binding ${ctx.mode === 'live' ? 'in the cluster' : 'in the scanned set'})`,
          });
        }
      }
      yield* out;
    },
  };
}

// ---------- the rules ----------

export const rbacWildcard = rbacRule(
  {
    id: 'rbac-wildcard',
    title: 'RBAC wildcard',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.3',
    rationale:
      'A `*` in verbs, resources or apiGroups grants every current and future permission of that dimension, including ones added later by CRDs and new Kubernetes versions (escalate, impersonate, secrets ...).',
    remediation: 'List the exact verbs, resources and API groups the subject needs instead of `*`.',
    example: 'rules:\n- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [get, list, watch, update, patch]',
    references: [GOOD_PRACTICES, RBAC_DOC],
  },
  (r) => {
    const out: Grant[] = [];
    if (r.verbs.includes('*')) out.push({ field: 'verbs', what: 'use every verb (`*`)' });
    if (r.resources.includes('*')) out.push({ field: 'resources', what: 'access every resource (`*`)' });
    if (r.groups.includes('*')) out.push({ field: 'apiGroups', what: 'access every API group (`*`)' });
    if (r.nonResourceURLs.includes('*'))
      out.push({ field: 'nonResourceURLs', what: 'access every non-resource URL (`*`)' });
    return out;
  },
);

export const rbacClusterAdminBinding: Rule = {
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'Binding to cluster-admin',
    severity: 'critical',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.1',
    rationale:
      'cluster-admin is superuser access to every resource in every namespace. Bound to a workload service account, one compromised pod owns the cluster; bound to people, it bypasses every other control.',
    remediation:
      'Bind a Role or ClusterRole that grants only what the subject needs; keep cluster-admin for break-glass accounts managed outside the manifests.',
    example:
      'kind: RoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit        # or a custom role\nsubjects:\n- kind: ServiceAccount\n  name: deployer\n  namespace: shop',
    references: [`${RBAC_DOC}#user-facing-roles`, GOOD_PRACTICES],
  },
  *checkAll(ctx) {
    for (const b of rbacIndex(ctx).bindings) {
      if (b.roleRefKind !== 'ClusterRole' || b.roleRefName !== 'cluster-admin' || isSystemBinding(b.obj)) continue;
      yield {
        object: b.obj,
        path: ['roleRef', 'name'],
        message: `${subjectsText(b)} ${b.subjects.length === 1 ? 'is' : 'are'} bound to cluster-admin${b.obj.ref.kind === 'RoleBinding' ? ` in namespace ${b.obj.ref.namespace ?? '(unset)'}` : ' cluster-wide'}`,
        details: { subjects: subjectsText(b) },
      };
    }
  },
};

const READ = ['get', 'list', 'watch'];
const CORE = [''];

export const rbacSecretsAccess = rbacRule(
  {
    id: 'rbac-secrets-access',
    title: 'RBAC read access to Secrets',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.2',
    rationale:
      'get, list or watch on secrets reveals every Secret in scope: service account tokens, TLS keys, database passwords. `list` and `watch` return the values too, not just the names.',
    remediation:
      'Mount the Secrets the workload needs instead of reading them through the API, or restrict the rule with resourceNames to the specific Secrets.',
    example: 'rules:\n- apiGroups: [""]\n  resources: [secrets]\n  resourceNames: [app-config]\n  verbs: [get]',
    references: [GOOD_PRACTICES],
    options: {
      allowResourceNames: {
        type: 'boolean',
        description: 'Accept rules limited to specific Secrets with resourceNames.',
        default: true,
      },
    },
  },
  (r, ctx) => {
    if (!coversResource(r, CORE, 'secrets')) return [];
    if (r.resourceNames.length && ctx.options.allowResourceNames !== false) return [];
    const v = anyVerb(r, READ);
    return v.length ? [{ field: 'resources', what: `${v.join('/')} secrets` }] : [];
  },
);

const WORKLOADS: [string[], string][] = [
  [[''], 'pods'],
  [[''], 'replicationcontrollers'],
  [['apps', 'extensions'], 'deployments'],
  [['apps', 'extensions'], 'replicasets'],
  [['apps', 'extensions'], 'daemonsets'],
  [['apps'], 'statefulsets'],
  [['batch'], 'jobs'],
  [['batch'], 'cronjobs'],
];

export const rbacPodCreate = rbacRule(
  {
    id: 'rbac-pod-create',
    title: 'RBAC permission to create pods or workloads',
    severity: 'medium',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.4',
    rationale:
      'Whoever can create pods (directly or through Deployments, Jobs ...) in a namespace can run them as any service account of the namespace and mount its Secrets, gaining every permission those have.',
    remediation:
      'Grant workload creation only to deployment pipelines and controllers that need it, in the namespaces they manage; enforce Pod Security admission on those namespaces.',
    example: 'rules:\n- apiGroups: [apps]\n  resources: [deployments]\n  verbs: [get, list, watch]',
    references: [GOOD_PRACTICES],
  },
  (r) => {
    const v = anyVerb(r, ['create']);
    if (!v.length) return [];
    return WORKLOADS.filter(([groups, name]) => coversResource(r, groups, name)).map(([, n]) => ({
      field: 'resources' as const,
      what: `create ${n}`,
    }));
  },
);

export const rbacExec = rbacRule(
  {
    id: 'rbac-exec',
    title: 'RBAC permission to exec or attach into pods',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    rationale:
      'pods/exec and pods/attach give a shell in running containers: their mounted Secrets, service account tokens and network position. The verbs `create` and `get` both grant it (websocket upgrades use GET).',
    remediation:
      'Remove pods/exec and pods/attach from roles used by workloads and automation; grant them to people only through audited, time-limited access.',
    example: 'rules:\n- apiGroups: [""]\n  resources: [pods, pods/log]\n  verbs: [get, list]',
    references: [GOOD_PRACTICES],
  },
  (r) => {
    const v = anyVerb(r, ['create', 'get']);
    if (!v.length) return [];
    const res = ['pods/exec', 'pods/attach'].filter((x) => coversResource(r, CORE, x));
    return res.length ? [{ field: 'resources', what: `${v.join('/')} ${res.join(' and ')}` }] : [];
  },
);

const ESCALATION: [string, string[], string[]][] = [
  ['bind', [RBAC_GROUP], ['roles', 'clusterroles']],
  ['escalate', [RBAC_GROUP], ['roles', 'clusterroles']],
  ['impersonate', ['', 'authentication.k8s.io'], ['users', 'groups', 'serviceaccounts', 'uids', 'userextras']],
];

export const rbacEscalationVerbs = rbacRule(
  {
    id: 'rbac-escalation-verbs',
    title: 'RBAC privilege escalation verbs',
    severity: 'critical',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.8',
    rationale:
      '`bind` and `escalate` on roles let a subject grant itself permissions it does not have; `impersonate` lets it act as any user, group or service account. Each is a path to cluster-admin.',
    remediation:
      'Remove bind, escalate and impersonate (and `*` verbs on roles, users, groups and service accounts) from the role.',
    example:
      'rules:\n- apiGroups: [rbac.authorization.k8s.io]\n  resources: [roles, rolebindings]\n  verbs: [get, list, watch]',
    references: [`${RBAC_DOC}#privilege-escalation-prevention-and-bootstrapping`, GOOD_PRACTICES],
  },
  (r) => {
    const out: string[] = [];
    for (const [verb, groups, resources] of ESCALATION) {
      if (r.verbs.includes(verb)) out.push(verb);
      else if (r.verbs.includes('*') && resources.some((res) => coversResource(r, groups, res)))
        out.push(`${verb} (via \`*\`)`);
    }
    return out.length ? [{ field: 'verbs', what: out.join(', ') }] : [];
  },
);

const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const SENSITIVE: { groups: string[]; resource: string; verbs: string[]; what: string }[] = [
  {
    groups: ['admissionregistration.k8s.io'],
    resource: 'validatingwebhookconfigurations',
    verbs: WRITE,
    what: 'write validating webhook configurations',
  },
  {
    groups: ['admissionregistration.k8s.io'],
    resource: 'mutatingwebhookconfigurations',
    verbs: WRITE,
    what: 'write mutating webhook configurations',
  },
  {
    groups: ['certificates.k8s.io'],
    resource: 'certificatesigningrequests/approval',
    verbs: ['update', 'patch'],
    what: 'approve certificate signing requests',
  },
  { groups: ['certificates.k8s.io'], resource: 'signers', verbs: ['approve'], what: 'approve for signers' },
  {
    groups: [''],
    resource: 'nodes/proxy',
    verbs: ['get', 'create', 'update', 'patch', 'delete'],
    what: 'use nodes/proxy (the kubelet API)',
  },
  { groups: [''], resource: 'serviceaccounts/token', verbs: ['create'], what: 'create service account tokens' },
  { groups: [''], resource: 'persistentvolumes', verbs: ['create'], what: 'create PersistentVolumes (hostPath)' },
];

export const rbacSensitiveResources = rbacRule(
  {
    id: 'rbac-sensitive-resources',
    title: 'RBAC access to sensitive resources',
    severity: 'high',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.9, 5.1.10, 5.1.11, 5.1.12, 5.1.13',
    rationale:
      'Writing admission webhooks intercepts or disables every API request; approving CSRs mints client certificates (for system:masters too); nodes/proxy reaches the kubelet API (exec in any pod on the node); creating service account tokens or PersistentVolumes (hostPath) yields other identities or the node filesystem.',
    remediation:
      'Grant these permissions only to the controllers that own them (cert-manager, the webhook owner ...), scoped by resourceNames where possible.',
    example:
      'rules:\n- apiGroups: [admissionregistration.k8s.io]\n  resources: [validatingwebhookconfigurations]\n  resourceNames: [my-webhook]\n  verbs: [get, update]',
    references: [GOOD_PRACTICES],
  },
  (r) => {
    const out: Grant[] = [];
    for (const s of SENSITIVE) {
      if (!coversResource(r, s.groups, s.resource)) continue;
      if (!anyVerb(r, s.verbs).length) continue;
      out.push({ field: 'resources', what: s.what });
    }
    return out;
  },
);

const SYSTEM_GROUPS = new Set(['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters']);

export const rbacSystemGroupBinding: Rule = {
  meta: {
    id: 'rbac-system-group-binding',
    title: 'Binding to a system group',
    severity: 'critical',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.7',
    rationale:
      'system:anonymous and system:unauthenticated are everybody who can reach the API server; system:authenticated is every identity of every identity provider (on GKE, any Google account). system:masters bypasses RBAC entirely and cannot be revoked.',
    remediation: 'Bind specific users, groups or service accounts instead of the built-in system groups.',
    example: 'subjects:\n- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: platform-team',
    references: [`${RBAC_DOC}#referring-to-subjects`, GOOD_PRACTICES],
  },
  *checkAll(ctx) {
    for (const b of rbacIndex(ctx).bindings) {
      if (isSystemBinding(b.obj)) continue;
      for (let i = 0; i < b.subjects.length; i++) {
        const s = b.subjects[i];
        if ((s.kind === 'Group' || s.kind === 'User') && typeof s.name === 'string' && SYSTEM_GROUPS.has(s.name)) {
          yield {
            object: b.obj,
            path: ['subjects', i, 'name'],
            message: `${s.kind} ${s.name} is bound to ${b.roleRefKind} "${b.roleRefName}"`,
          };
        }
      }
    }
  },
};

export const rbacDefaultServiceAccount: Rule = {
  meta: {
    id: 'rbac-default-service-account',
    title: 'Permissions granted to a default ServiceAccount',
    severity: 'medium',
    enabledByDefault: true,
    category: 'rbac',
    cis: '5.1.5',
    rationale:
      'Every pod that names no service account runs as `default`: permissions granted to it are granted to every such pod in the namespace, including ones that never needed them.',
    remediation:
      'Create a dedicated ServiceAccount for the workload that needs the permissions and bind the role to it.',
    example: 'subjects:\n- kind: ServiceAccount\n  name: web-reader\n  namespace: shop',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/', GOOD_PRACTICES],
  },
  *checkAll(ctx) {
    for (const b of rbacIndex(ctx).bindings) {
      if (isSystemBinding(b.obj)) continue;
      // a role in the set that grants nothing is harmless
      if (b.role && b.role.obj && !b.role.effective.length) continue;
      for (let i = 0; i < b.subjects.length; i++) {
        const s = b.subjects[i];
        if (s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
        yield {
          object: b.obj,
          path: ['subjects', i],
          message: `${describeSubject(s, b.obj.ref.namespace)} is granted ${b.roleRefKind} "${b.roleRefName}"`,
        };
      }
    }
  },
};

export const rules: Rule[] = [
  rbacWildcard,
  rbacClusterAdminBinding,
  rbacSecretsAccess,
  rbacPodCreate,
  rbacExec,
  rbacEscalationVerbs,
  rbacSensitiveResources,
  rbacSystemGroupBinding,
  rbacDefaultServiceAccount,
];
