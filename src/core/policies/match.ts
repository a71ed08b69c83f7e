/**
 * Admission matching as the API server does it (k8s.io/apiserver/pkg/admission/plugin/policy/matching):
 * resource rules (groups, versions, resources with subresources, operations, scope, resourceNames),
 * excludeResourceRules, namespaceSelector, objectSelector, matchPolicy.
 */
import type { JsonObject } from '../manifests/types.ts';
import type { ResourceInfo } from './resources.ts';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A label selector against labels. An empty or absent selector matches everything. Throws on a bad operator. */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string>): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== String(v)) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const vals = (e.values ?? []).map(String);
    switch (e.operator) {
      case 'In':
        if (!has || !vals.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`"${e.operator}" is not a valid label selector operator`);
    }
  }
  return true;
}

export function selectorIsEmpty(sel: LabelSelector | undefined | null): boolean {
  return !sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length);
}

export function labelsOf(data: JsonObject | null | undefined): Record<string, string> {
  const l = (data?.metadata as { labels?: unknown } | undefined)?.labels;
  const out: Record<string, string> = {};
  if (l && typeof l === 'object') for (const [k, v] of Object.entries(l)) out[k] = String(v);
  return out;
}

export interface NamedRuleWithOperations {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
  resourceNames?: string[];
}

export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
  matchPolicy?: 'Exact' | 'Equivalent';
}

export interface AdmissionRequestAttrs {
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  resource: ResourceInfo;
  subresource: string;
  name: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  object: JsonObject;
}

function listMatches(list: readonly string[] | undefined, value: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === value);
}

function resourceMatches(patterns: readonly string[] | undefined, resource: string, sub: string): boolean {
  const full = sub ? `${resource}/${sub}` : resource;
  for (const p of patterns ?? []) {
    if (p === '*/*' || p === full) return true;
    if (p === '*' && !sub) return true;
    const [pr, ps] = p.split('/');
    if (ps !== undefined && pr === '*' && ps === sub) return true;
    if (ps === '*' && pr === resource) return true;
  }
  return false;
}

/** One rule against a request. `anyVersion` (matchPolicy Equivalent) ignores the version. */
export function ruleMatches(rule: NamedRuleWithOperations, req: AdmissionRequestAttrs, anyVersion = false): boolean {
  if (!listMatches(rule.operations, req.operation)) return false;
  if (!listMatches(rule.apiGroups, req.resource.group)) return false;
  if (!anyVersion && !listMatches(rule.apiVersions, req.resource.version)) return false;
  if (!resourceMatches(rule.resources, req.resource.resource, req.subresource)) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Cluster' && req.namespace !== '') return false;
  if (scope === 'Namespaced' && (req.namespace === '' || !req.resource.namespaced)) return false;
  if (rule.resourceNames?.length && !rule.resourceNames.includes(req.name)) return false;
  return true;
}

export interface MatchOutcome {
  matches: boolean;
  /** A problem that stops matching (a bad selector): the API server treats it as a configuration error. */
  error?: string;
}

/**
 * Does `mr` match the request? `namespaceLabels` are the labels of the request's namespace (for a
 * Namespace object, its own labels); `isBinding` relaxes the empty-resourceRules case (a binding
 * without resource rules does not narrow the policy's).
 */
export function matchResources(
  mr: MatchResources | undefined,
  req: AdmissionRequestAttrs,
  namespaceLabels: Record<string, string> | undefined,
  isBinding: boolean,
): MatchOutcome {
  if (!mr) return { matches: isBinding };
  try {
    // namespaceSelector: cluster-scoped objects other than Namespaces are never excluded by it
    const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
    if (!selectorIsEmpty(mr.namespaceSelector) && (req.namespace !== '' || isNamespace)) {
      if (!selectorMatches(mr.namespaceSelector, namespaceLabels ?? {})) return { matches: false };
    }
    if (!selectorMatches(mr.objectSelector, labelsOf(req.object))) return { matches: false };
  } catch (e) {
    return { matches: false, error: (e as Error).message };
  }
  const equivalent = (mr.matchPolicy ?? 'Equivalent') === 'Equivalent';
  const rules = mr.resourceRules ?? [];
  if (rules.length || !isBinding) {
    const hit = rules.some((r) => ruleMatches(r, req) || (equivalent && ruleMatches(r, req, true)));
    if (!hit) return { matches: false };
  }
  if ((mr.excludeResourceRules ?? []).some((r) => ruleMatches(r, req) || (equivalent && ruleMatches(r, req, true))))
    return { matches: false };
  return { matches: true };
}
