/**
 * ValidatingAdmissionPolicy + ValidatingAdmissionPolicyBinding (admissionregistration.k8s.io/v1)
 * evaluated with the API server's semantics (k8s.io/apiserver/pkg/admission/plugin/policy/validating:
 * dispatcher.go, validator.go; policy/generic CollectParams): matchConstraints, the binding's
 * matchResources, matchConditions, variables, validations with message/messageExpression/reason,
 * auditAnnotations, paramKind + paramRef (name or selector, parameterNotFoundAction),
 * failurePolicy and validationActions. The verdict and its messages are the API server's.
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { FieldPath } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { admissionEnvironment, compile, inputSize, run, toCel, type Compiled, type EvalOutcome } from './cel.ts';
import {
  labelsOf,
  matchResources,
  selectorMatches,
  type AdmissionRequestAttrs,
  type LabelSelector,
  type MatchResources,
} from './match.ts';
import type { ResourceMapper } from './resources.ts';
import { groupVersion } from './resources.ts';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** A problem with a policy or binding itself, at a field of that object. */
export interface PolicyProblem {
  object: K8sObject;
  path: FieldPath;
  message: string;
  /** 'invalid': the policy is wrong; 'not-evaluated': kubeward cannot judge it (offline, unsupported). */
  kind: 'invalid' | 'not-evaluated';
}

interface CompiledValidation {
  index: number;
  expr: Compiled;
  message?: string;
  messageExpr?: Compiled;
  reason?: string;
}

export interface CompiledPolicy {
  object: K8sObject;
  name: string;
  failurePolicy: 'Fail' | 'Ignore';
  matchConstraints?: MatchResources;
  paramKind?: { apiVersion: string; kind: string };
  matchConditions: { name: string; expr: Compiled; index: number }[];
  variables: { name: string; expr: Compiled }[];
  validations: CompiledValidation[];
  auditAnnotations: { key: string; expr: Compiled; index: number }[];
  /** Set when the policy cannot be configured (the API server's hook.ConfigurationError). */
  configurationError?: string;
  /**
   * The API server refuses to store this policy (an expression that does not compile, no
   * resourceRules, nothing to validate): it enforces nothing, so kubeward judges nothing with it
   * and reports only the policy-invalid finding.
   */
  rejected?: boolean;
}

export interface PolicyBinding {
  object: K8sObject;
  name: string;
  policyName: string;
  actions: ValidationAction[];
  matchResources?: MatchResources;
  paramRef?: {
    name?: string;
    namespace?: string;
    selector?: LabelSelector;
    parameterNotFoundAction?: 'Allow' | 'Deny';
  };
}

export interface PolicyDecision {
  policy: CompiledPolicy;
  binding?: PolicyBinding;
  /** What the binding does with it; config errors with failurePolicy Fail deny with no binding actions. */
  actions: ValidationAction[];
  /** The decision's message, without the API server's "ValidatingAdmissionPolicy ... denied request:" prefix. */
  message: string;
  evaluation: 'deny' | 'error';
  /** The validation (index into spec.validations), when one produced it. */
  validation?: number;
  /** The policy field that produced it (for the policy's file:line). */
  policyPath: FieldPath;
  /** The object field the validation names, when it names one. */
  objectPath?: FieldPath;
  reason?: string;
  /** Set when kubeward could not evaluate it (e.g. authorizer): the feature. */
  notEvaluable?: string;
  /** The expression was stopped by the cost limit. */
  costExceeded?: boolean;
  /** The param object this decision was made with. */
  param?: string;
}

export interface AdmissionVerdict {
  /** false when any decision denies (the API server rejects the request). */
  allowed: boolean;
  /** The API server's error message for the first denial. */
  denyMessage?: string;
  /** The warnings the API server returns (Warn actions). */
  warnings: string[];
  decisions: PolicyDecision[];
  /** Namespaces the evaluation needed but did not find in the set (their labels were assumed). */
  unknownNamespaces: string[];
  /** Decisions kubeward could not make offline (authorizer ...): neither admitted nor denied. */
  notEvaluated: PolicyDecision[];
}

// ---------------------------------------------------------------------------------------------
// Reading policies

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function obj(v: unknown): JsonObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

export function isVap(o: K8sObject): boolean {
  return o.ref.kind === 'ValidatingAdmissionPolicy' && o.ref.apiVersion.startsWith('admissionregistration.k8s.io/');
}

export function isVapBinding(o: K8sObject): boolean {
  return (
    o.ref.kind === 'ValidatingAdmissionPolicyBinding' && o.ref.apiVersion.startsWith('admissionregistration.k8s.io/')
  );
}

/** Compiles one ValidatingAdmissionPolicy; problems (bad CEL, missing fields) are pushed to `problems`. */
export function compilePolicy(
  o: K8sObject,
  problems: PolicyProblem[],
  mapper: ResourceMapper,
  env: Environment = admissionEnvironment(),
): CompiledPolicy {
  const spec = obj(o.data.spec) ?? {};
  const name = o.ref.name;
  const cp: CompiledPolicy = {
    object: o,
    name,
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    matchConditions: [],
    variables: [],
    validations: [],
    auditAnnotations: [],
  };
  const problem = (path: FieldPath, message: string, kind: PolicyProblem['kind'] = 'invalid') => {
    problems.push({ object: o, path, message, kind });
    // an unknown paramKind is stored and fails at admission (configurationError); the rest is refused
    if (kind === 'invalid' && path[1] !== 'paramKind') cp.rejected = true;
  };
  if (spec.failurePolicy !== undefined && spec.failurePolicy !== 'Fail' && spec.failurePolicy !== 'Ignore')
    problem(
      ['spec', 'failurePolicy'],
      `failurePolicy must be Fail or Ignore, not ${JSON.stringify(spec.failurePolicy)}`,
    );
  const mc = obj(spec.matchConstraints);
  if (!mc || !arr(mc.resourceRules).length)
    problem(
      ['spec', 'matchConstraints'],
      `ValidatingAdmissionPolicy ${name} has no matchConstraints.resourceRules: the API server rejects it`,
    );
  else cp.matchConstraints = mc as MatchResources;

  const pk = obj(spec.paramKind);
  if (pk) {
    const apiVersion = str(pk.apiVersion) ?? '';
    const kind = str(pk.kind) ?? '';
    cp.paramKind = { apiVersion, kind };
    if (!mapper.knows(apiVersion, kind)) {
      const { group, version } = groupVersion(apiVersion);
      cp.configurationError = `failed to find resource referenced by paramKind: '${group}/${version}, Kind=${kind}'`;
      problem(
        ['spec', 'paramKind'],
        `paramKind ${apiVersion} ${kind} is neither a built-in kind nor a CustomResourceDefinition in the set: the API server denies every matching request ("${cp.configurationError}")`,
      );
    }
  }

  const check = (c: Compiled, path: FieldPath) => {
    if (c.error) problem(path, `${c.error} in ${JSON.stringify(c.expression)}`);
    else if (c.reads.has('authorizer'))
      problem(
        path,
        `the expression uses the authorizer, which needs the cluster: kubeward cannot evaluate it offline`,
        'not-evaluated',
      );
    return c;
  };

  arr(spec.matchConditions).forEach((m, i) => {
    const mo = obj(m) ?? {};
    const expr = str(mo.expression) ?? '';
    cp.matchConditions.push({
      name: str(mo.name) ?? `${i}`,
      index: i,
      expr: check(compile(env, expr), ['spec', 'matchConditions', i, 'expression']),
    });
  });
  arr(spec.variables).forEach((v, i) => {
    const vo = obj(v) ?? {};
    const vname = str(vo.name) ?? '';
    cp.variables.push({
      name: vname,
      expr: check(compile(env, str(vo.expression) ?? ''), ['spec', 'variables', i, 'expression']),
    });
  });
  arr(spec.validations).forEach((v, i) => {
    const vo = obj(v) ?? {};
    const cv: CompiledValidation = {
      index: i,
      expr: check(compile(env, str(vo.expression) ?? ''), ['spec', 'validations', i, 'expression']),
    };
    if (str(vo.message) !== undefined) cv.message = str(vo.message);
    if (str(vo.messageExpression))
      cv.messageExpr = check(compile(env, str(vo.messageExpression)!), ['spec', 'validations', i, 'messageExpression']);
    if (str(vo.reason)) cv.reason = str(vo.reason);
    cp.validations.push(cv);
  });
  arr(spec.auditAnnotations).forEach((a, i) => {
    const ao = obj(a) ?? {};
    cp.auditAnnotations.push({
      key: str(ao.key) ?? '',
      index: i,
      expr: check(compile(env, str(ao.valueExpression) ?? ''), ['spec', 'auditAnnotations', i, 'valueExpression']),
    });
  });
  if (!cp.validations.length && !cp.auditAnnotations.length)
    problem(
      ['spec'],
      `ValidatingAdmissionPolicy ${name} has neither validations nor auditAnnotations: the API server rejects it`,
    );
  return cp;
}

export function readBinding(o: K8sObject, problems: PolicyProblem[]): PolicyBinding {
  const spec = obj(o.data.spec) ?? {};
  const actions = arr(spec.validationActions).filter(
    (a): a is ValidationAction => a === 'Deny' || a === 'Warn' || a === 'Audit',
  );
  if (!arr(spec.validationActions).length)
    problems.push({
      object: o,
      path: ['spec', 'validationActions'],
      message: `binding ${o.ref.name} has no validationActions: the API server rejects it (Deny, Warn and/or Audit)`,
      kind: 'invalid',
    });
  else if (actions.length !== arr(spec.validationActions).length)
    problems.push({
      object: o,
      path: ['spec', 'validationActions'],
      message: `validationActions may only hold Deny, Warn and Audit`,
      kind: 'invalid',
    });
  if (actions.includes('Deny') && actions.includes('Warn'))
    problems.push({
      object: o,
      path: ['spec', 'validationActions'],
      message: `validationActions must not hold both Deny and Warn: the API server rejects it`,
      kind: 'invalid',
    });
  const b: PolicyBinding = { object: o, name: o.ref.name, policyName: str(spec.policyName) ?? '', actions };
  if (obj(spec.matchResources)) b.matchResources = spec.matchResources as MatchResources;
  const pr = obj(spec.paramRef);
  if (pr) b.paramRef = pr as PolicyBinding['paramRef'];
  return b;
}

// ---------------------------------------------------------------------------------------------
// Evaluating

export interface AdmissionEnv {
  mapper: ResourceMapper;
  /** Namespace objects by name (from the set or the cluster). */
  namespaces: ReadonlyMap<string, JsonObject>;
  /** Every object (for params). */
  objects: readonly K8sObject[];
  /** The namespace an object without one is created in. Default 'default'. */
  defaultNamespace?: string;
  /** Operation of the simulated request. Default CREATE. */
  operation?: AdmissionRequestAttrs['operation'];
  /** request.userInfo. */
  userInfo?: JsonObject;
  /** request.dryRun (the oracle submits with dryRun=All). */
  dryRun?: boolean;
}

const celCache = new WeakMap<object, unknown>();
export function celOf(data: object): unknown {
  let v = celCache.get(data);
  if (v === undefined) {
    v = toCel(data);
    celCache.set(data, v);
  }
  return v;
}

export function namespaceData(name: string, env: AdmissionEnv): { data: JsonObject; known: boolean } {
  const ns = env.namespaces.get(name);
  if (ns) {
    // the API server sets this label on every namespace
    const md = obj(ns.metadata) ?? {};
    const labels = { ...(obj(md.labels) ?? {}), 'kubernetes.io/metadata.name': name };
    return { data: { ...ns, metadata: { ...md, labels } }, known: true };
  }
  // every namespace carries this label (set by the API server since 1.21)
  return {
    data: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    },
    known: false,
  };
}

/** The `namespaceObject` variable: the namespace with only metadata, spec and status (CreateNamespaceObject). */
export function namespaceObject(ns: JsonObject): JsonObject {
  const md = obj(ns.metadata) ?? {};
  const keep: JsonObject = {};
  for (const k of [
    'name',
    'generateName',
    'namespace',
    'labels',
    'annotations',
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'ownerReferences',
  ])
    if (md[k] !== undefined) keep[k] = md[k];
  return { metadata: keep, spec: obj(ns.spec) ?? {}, status: obj(ns.status) ?? {} };
}

export function requestObject(req: AdmissionRequestAttrs, env: AdmissionEnv): JsonObject {
  const r = req.resource;
  return {
    kind: { group: r.group, version: r.version, kind: r.kind },
    resource: { group: r.group, version: r.version, resource: r.resource },
    requestKind: { group: r.group, version: r.version, kind: r.kind },
    requestResource: { group: r.group, version: r.version, resource: r.resource },
    name: req.name,
    namespace: req.namespace,
    operation: req.operation,
    userInfo: env.userInfo ?? { username: 'kubeward', groups: ['system:authenticated'] },
    dryRun: env.dryRun ?? true,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  };
}

/** The simulated admission request for an object. */
export function admissionRequest(o: K8sObject, env: AdmissionEnv): AdmissionRequestAttrs {
  const resource = env.mapper.map(o.ref.apiVersion, o.ref.kind);
  const namespace = resource.namespaced ? (o.ref.namespace ?? env.defaultNamespace ?? 'default') : '';
  const md = obj(o.data.metadata) ?? {};
  return {
    operation: env.operation ?? 'CREATE',
    resource,
    subresource: '',
    name: str(md.name) ?? str(md.generateName) ?? '',
    namespace,
    object: o.data,
  };
}

function collectParams(
  policy: CompiledPolicy,
  binding: PolicyBinding,
  req: AdmissionRequestAttrs,
  env: AdmissionEnv,
): { params: (JsonObject | null)[]; error?: string } {
  const pk = policy.paramKind;
  const ref = binding.paramRef;
  if (!pk || !ref) return { params: [null] };
  const scope = env.mapper.map(pk.apiVersion, pk.kind);
  let paramsNamespace: string | undefined;
  if (scope.namespaced) {
    paramsNamespace = ref.namespace || req.namespace;
    if (!paramsNamespace)
      return {
        params: [],
        error: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources',
      };
  } else if (ref.namespace) {
    return { params: [], error: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`' };
  }
  const candidates = env.objects.filter(
    (o) =>
      o.ref.kind === pk.kind &&
      o.ref.apiVersion === pk.apiVersion &&
      (!scope.namespaced || (o.ref.namespace ?? env.defaultNamespace ?? 'default') === paramsNamespace),
  );
  let params: JsonObject[];
  if (ref.name) {
    if (ref.selector) return { params: [], error: 'paramRef.name and paramRef.selector are mutually exclusive' };
    params = candidates.filter((o) => o.ref.name === ref.name).map((o) => o.data);
  } else if (ref.selector) {
    try {
      params = candidates.filter((o) => selectorMatches(ref.selector, labelsOf(o.data))).map((o) => o.data);
    } catch (e) {
      return { params: [], error: (e as Error).message };
    }
  } else return { params: [], error: 'one of name or selector must be provided' };
  if (!params.length && ref.parameterNotFoundAction === 'Deny')
    return { params: [], error: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
  return { params };
}

export interface Activation {
  ctx: Record<string, unknown>;
  size: number;
}

/** Runs the policy's validations for one (binding, param). */
export function validate(
  policy: CompiledPolicy,
  binding: PolicyBinding,
  act: Activation,
  paramName: string | undefined,
): PolicyDecision[] {
  const base = { policy, binding, actions: binding.actions, ...(paramName ? { param: paramName } : {}) };
  const onError = (
    message: string,
    policyPath: FieldPath,
    extra: Partial<PolicyDecision> = {},
  ): PolicyDecision | undefined =>
    policy.failurePolicy === 'Ignore' && !extra.notEvaluable && !extra.costExceeded
      ? undefined
      : { ...base, message, evaluation: 'error', policyPath, ...extra };
  const out: PolicyDecision[] = [];

  // matchConditions: any false -> skip; else any error -> failurePolicy
  let matchError: { message: string; index: number; outcome: EvalOutcome } | undefined;
  for (const mc of policy.matchConditions) {
    if (mc.expr.error) continue; // reported as a policy problem; the API server rejects such a policy
    const r = run(mc.expr, act.ctx, act.size);
    if (r.ok && r.value === false) return [];
    if (r.ok && typeof r.value !== 'boolean')
      matchError ??= { message: `matchCondition '${mc.name}' must evaluate to bool`, index: mc.index, outcome: r };
    if (!r.ok) matchError ??= { message: `matchCondition '${mc.name}' ${r.error}`, index: mc.index, outcome: r };
  }
  if (matchError) {
    const o = matchError.outcome;
    const d = onError(matchError.message, ['spec', 'matchConditions', matchError.index, 'expression'], {
      ...(!o.ok && o.notEvaluable ? { notEvaluable: o.notEvaluable } : {}),
      ...(!o.ok && o.cost ? { costExceeded: true } : {}),
    });
    return d ? [d] : [];
  }

  for (const v of policy.validations) {
    if (v.expr.error) continue;
    const policyPath: FieldPath = ['spec', 'validations', v.index, 'expression'];
    const r = run(v.expr, act.ctx, act.size);
    if (!r.ok) {
      const d = onError(`expression '${v.expr.expression}' resulted in error: ${r.error}`, policyPath, {
        validation: v.index,
        ...(v.expr.objectPath ? { objectPath: v.expr.objectPath } : {}),
        ...(r.notEvaluable ? { notEvaluable: r.notEvaluable } : {}),
        ...(r.cost ? { costExceeded: true } : {}),
      });
      if (d) out.push(d);
      continue;
    }
    if (r.value === true) continue;
    if (typeof r.value !== 'boolean') {
      const d = onError(`expression '${v.expr.expression}' resulted in error: no such overload`, policyPath, {
        validation: v.index,
      });
      if (d) out.push(d);
      continue;
    }
    let message = '';
    if (v.messageExpr && !v.messageExpr.error) {
      const m = run(v.messageExpr, act.ctx, act.size);
      if (m.ok && typeof m.value === 'string') {
        message = m.value.trim();
        if (message.length > 5 * 1024 || message.includes('\n')) message = '';
      }
    }
    if (!message && v.message) message = v.message.trim();
    if (!message) message = `failed expression: ${v.expr.expression.trim()}`;
    out.push({
      ...base,
      message,
      evaluation: 'deny',
      validation: v.index,
      policyPath,
      reason: v.reason ?? 'Invalid',
      ...(v.expr.objectPath ? { objectPath: v.expr.objectPath } : {}),
    });
  }

  for (const a of policy.auditAnnotations) {
    if (a.expr.error) continue;
    const r = run(a.expr, act.ctx, act.size);
    const policyPath: FieldPath = ['spec', 'auditAnnotations', a.index, 'valueExpression'];
    if (!r.ok) {
      const d = onError(r.error, policyPath, {
        ...(r.notEvaluable ? { notEvaluable: r.notEvaluable } : {}),
        ...(r.cost ? { costExceeded: true } : {}),
      });
      if (d) out.push({ ...d, actions: ['Deny'] });
    } else if (r.value !== null && typeof r.value !== 'string') {
      const d = onError(
        `valueExpression '${a.expr.expression}' resulted in unsupported return type: ${typeof r.value === 'bigint' ? 'int' : typeof r.value}. Return type must be either string or null.`,
        policyPath,
      );
      if (d) out.push({ ...d, actions: ['Deny'] });
    }
  }
  return out;
}

/** Variables, evaluated in order; each sees the earlier ones. Errors surface when a validation reads them. */
export function bindVariables(policy: CompiledPolicy, act: Activation): void {
  if (!policy.variables.length) return;
  const vars: Record<string, unknown> = {};
  const errors = new Map<string, string>();
  act.ctx.variables = vars;
  for (const v of policy.variables) {
    if (v.expr.error) continue;
    const r = run(v.expr, act.ctx, act.size);
    if (r.ok) vars[v.name] = r.value;
    else errors.set(v.name, r.error);
  }
  if (errors.size) {
    // reading a failed variable fails the reading expression with the variable's error
    act.ctx.variables = new Proxy(vars, {
      get(target, key) {
        if (typeof key === 'string' && errors.has(key)) throw new Error(errors.get(key));
        return Reflect.get(target, key);
      },
    });
  }
}

export interface CompiledPolicySet {
  policies: CompiledPolicy[];
  bindings: PolicyBinding[];
  problems: PolicyProblem[];
}

/**
 * The API server holds one policy, binding or exception per name (and namespace). Copies of
 * the same object in several files (an environment folder each, a vendored copy) are one policy,
 * not one per copy: judged once, their decisions not multiplied. Copies that differ are all kept
 * (which one the cluster holds depends on the order of applies), so no variant goes unjudged.
 */
export function distinct(objects: readonly K8sObject[]): K8sObject[] {
  const seen = new Set<string>();
  const out: K8sObject[] = [];
  for (const o of objects) {
    const meta = o.data.metadata as { name?: unknown; namespace?: unknown; annotations?: unknown } | undefined;
    const key = JSON.stringify([
      o.data.apiVersion,
      o.data.kind,
      meta?.namespace ?? null,
      meta?.name,
      meta?.annotations ?? null,
      o.data.spec ?? null,
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(o);
  }
  return out;
}

/** Reads and compiles every VAP and binding among `objects`; problems for broken or unbound ones. */
export function compileVaps(objects: readonly K8sObject[], mapper: ResourceMapper): CompiledPolicySet {
  const problems: PolicyProblem[] = [];
  const policies = distinct(objects.filter(isVap)).map((o) => compilePolicy(o, problems, mapper));
  const bindings = distinct(objects.filter(isVapBinding)).map((o) => readBinding(o, problems));
  policies.sort((a, b) => a.name.localeCompare(b.name));
  bindings.sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(policies.map((p) => p.name));
  for (const b of bindings) {
    if (!b.policyName)
      problems.push({
        object: b.object,
        path: ['spec', 'policyName'],
        message: `binding ${b.name} names no policy`,
        kind: 'invalid',
      });
    else if (!names.has(b.policyName))
      problems.push({
        object: b.object,
        path: ['spec', 'policyName'],
        message: `binding ${b.name} names ValidatingAdmissionPolicy ${b.policyName}, which is not in the set: the binding enforces nothing here`,
        kind: 'not-evaluated',
      });
  }
  for (const p of policies) {
    const bs = bindings.filter((b) => b.policyName === p.name);
    if (!bs.length)
      problems.push({
        object: p.object,
        path: ['metadata', 'name'],
        message: `ValidatingAdmissionPolicy ${p.name} has no ValidatingAdmissionPolicyBinding in the set: the API server enforces it nowhere`,
        kind: 'not-evaluated',
      });
    for (const b of bs) {
      if (p.paramKind && !b.paramRef)
        problems.push({
          object: b.object,
          path: ['spec'],
          message: `policy ${p.name} takes params (${p.paramKind.kind}) but binding ${b.name} has no paramRef: its validations run with params = null`,
          kind: 'invalid',
        });
    }
  }
  return { policies, bindings, problems };
}

/** What the API server decides for one object (as a CREATE of it) given the policies and bindings. */
export function admit(set: CompiledPolicySet, o: K8sObject, env: AdmissionEnv): AdmissionVerdict {
  const verdict: AdmissionVerdict = {
    allowed: true,
    warnings: [],
    decisions: [],
    unknownNamespaces: [],
    notEvaluated: [],
  };
  if (!set.policies.length) return verdict;
  const req = admissionRequest(o, env);
  const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
  let nsLabels: Record<string, string> | undefined;
  let nsObject: JsonObject | null = null;
  if (isNamespace) nsLabels = { ...labelsOf(o.data), 'kubernetes.io/metadata.name': req.name };
  else if (req.namespace) {
    const ns = namespaceData(req.namespace, env);
    if (!ns.known) verdict.unknownNamespaces.push(req.namespace);
    nsLabels = labelsOf(ns.data);
    nsObject = namespaceObject(ns.data);
  }
  let act: Activation | undefined;
  const activation = (): Activation => {
    if (!act) {
      const object = celOf(o.data);
      act = {
        ctx: {
          object,
          oldObject: null,
          request: toCel(requestObject(req, env)),
          namespaceObject: nsObject ? toCel(nsObject) : null,
          params: null,
          variables: {},
        },
        size: inputSize(object),
      };
    }
    return act;
  };

  const denied: PolicyDecision[] = [];
  const push = (d: PolicyDecision) => {
    verdict.decisions.push(d);
    if (d.notEvaluable) {
      verdict.notEvaluated.push(d);
      return;
    }
    if (d.actions.includes('Deny')) denied.push(d);
    if (d.actions.includes('Warn'))
      verdict.warnings.push(
        `Validation failed for ValidatingAdmissionPolicy '${d.policy.name}' with binding '${d.binding?.name ?? ''}': ${d.message}`,
      );
  };

  for (const policy of set.policies) {
    if (!policy.matchConstraints || policy.rejected) continue;
    const m = matchResources(policy.matchConstraints, req, nsLabels, false);
    if (!m.matches) continue;
    if (policy.configurationError) {
      if (policy.failurePolicy === 'Fail')
        push({
          policy,
          actions: ['Deny'],
          message: `failed to configure policy: ${policy.configurationError}`,
          evaluation: 'error',
          policyPath: ['spec', 'paramKind'],
        });
      continue;
    }
    for (const binding of set.bindings) {
      if (binding.policyName !== policy.name) continue;
      const bm = matchResources(binding.matchResources, req, nsLabels, true);
      if (bm.error) {
        if (policy.failurePolicy === 'Fail')
          push({
            policy,
            binding,
            actions: ['Deny'],
            message: `failed to configure binding: ${bm.error}`,
            evaluation: 'error',
            policyPath: [],
          });
        continue;
      }
      if (!bm.matches) continue;
      const { params, error } = collectParams(policy, binding, req, env);
      if (error) {
        if (policy.failurePolicy === 'Fail')
          push({
            policy,
            binding,
            actions: ['Deny'],
            message: `failed to configure binding: ${error}`,
            evaluation: 'error',
            policyPath: ['spec', 'paramKind'],
          });
        continue;
      }
      for (const p of params) {
        const a = activation();
        a.ctx.params = p ? celOf(p) : null;
        a.ctx.variables = {};
        bindVariables(policy, a);
        const pname = p ? (str(obj(p.metadata)?.name) ?? '') : undefined;
        for (const d of validate(policy, binding, a, pname)) push(d);
      }
    }
  }
  if (denied.length) {
    const d = denied[0]!;
    verdict.allowed = false;
    verdict.denyMessage = d.binding
      ? `ValidatingAdmissionPolicy '${d.policy.name}' with binding '${d.binding.name}' denied request: ${d.message}`
      : `ValidatingAdmissionPolicy '${d.policy.name}' denied request: ${d.message}`;
  }
  return verdict;
}

const REASON_CODES: Record<string, number> = {
  Unauthorized: 401,
  Forbidden: 403,
  Invalid: 422,
  RequestEntityTooLarge: 413,
};

/**
 * The API server's reply to a denied request: the HTTP status (from the validation's reason,
 * default Invalid -> 422) and the message admission.NewForbidden wraps the policy's words in
 * (`deployments.apps "web" is forbidden: ValidatingAdmissionPolicy ...`).
 */
export function denialStatus(
  o: K8sObject,
  d: PolicyDecision,
  text: string,
  mapper: ResourceMapper,
): { code: number; message: string } {
  const r = mapper.map(o.ref.apiVersion, o.ref.kind);
  const resource = r.group ? `${r.resource}.${r.group}` : r.resource;
  const md = obj(o.data.metadata) ?? {};
  const name = str(md.name) ?? '';
  const code = d.evaluation === 'deny' ? (REASON_CODES[d.reason ?? 'Invalid'] ?? 422) : 403;
  return {
    code,
    message: name ? `${resource} ${JSON.stringify(name)} is forbidden: ${text}` : `${resource} is forbidden: ${text}`,
  };
}

/** Namespace objects of a set, by name. */
export function namespacesOf(objects: readonly K8sObject[]): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const o of objects)
    if (o.ref.kind === 'Namespace' && o.ref.apiVersion === 'v1' && o.ref.name) out.set(o.ref.name, o.data);
  return out;
}
