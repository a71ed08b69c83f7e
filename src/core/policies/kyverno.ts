/**
 * Kyverno CEL policies: ValidatingPolicy and NamespacedValidatingPolicy (policies.kyverno.io/v1)
 * with PolicyExceptions. The same ideas as a ValidatingAdmissionPolicy (matchConstraints,
 * matchConditions, variables, validations, validationActions) evaluated by the same code.
 *
 * Kyverno's own CEL libraries (resource lookups, http, image data, global context, x509 ...) need
 * the cluster or the network: expressions that call them are reported as policy-not-evaluated,
 * naming the function, never passed silently.
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { NotEvaluableError, compile, createEnvironment, inputSize, run, toCel } from './cel.ts';
import { labelsOf, matchResources } from './match.ts';
import type { ResourceMapper } from './resources.ts';
import {
  admissionRequest,
  bindVariables,
  celOf,
  compilePolicy,
  distinct,
  namespaceData,
  namespaceObject,
  requestObject,
  validate,
  type Activation,
  type AdmissionEnv,
  type CompiledPolicy,
  type PolicyBinding,
  type PolicyDecision,
  type PolicyProblem,
  type ValidationAction,
} from './vap.ts';

export function isKyvernoPolicy(o: K8sObject): boolean {
  return (
    (o.ref.kind === 'ValidatingPolicy' || o.ref.kind === 'NamespacedValidatingPolicy') &&
    o.ref.apiVersion.startsWith('policies.kyverno.io/')
  );
}

export function isPolicyException(o: K8sObject): boolean {
  return o.ref.kind === 'PolicyException' && o.ref.apiVersion.startsWith('policies.kyverno.io/');
}

/** Kyverno CEL library namespaces and functions that need the cluster or the network. */
export const KYVERNO_LIBRARIES = [
  'resource',
  'http',
  'imagedata',
  'globalContext',
  'image',
  'x509',
  'gctx',
  'generator',
  'json',
  'yaml',
  'hash',
  'math',
  'random',
  'time',
  'parseImageReference',
  'GlobalContext',
  'Image',
  'ImageData',
  'Resource',
  'Http',
  'x509Decode',
];

class KyvernoLib {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

let kyvernoEnv: Environment | undefined;

/** The admission environment plus Kyverno's `exceptions` variable and its library namespaces (not evaluable). */
export function kyvernoEnvironment(): Environment {
  kyvernoEnv ??= createEnvironment({
    variables: ['exceptions'],
    extend(env) {
      env.registerType('kyverno.Library', KyvernoLib);
      for (const lib of [
        'resource',
        'http',
        'imagedata',
        'globalContext',
        'x509',
        'hash',
        'random',
        'time',
        'json',
        'yaml',
        'gctx',
      ]) {
        try {
          env.registerConstant(lib, 'kyverno.Library', new KyvernoLib(lib));
        } catch {
          continue; // a name the Kubernetes libraries already use
        }
      }
      // every method on a Kyverno library: declared so the policy type-checks, refused when run
      for (const method of [
        'Get',
        'List',
        'Post',
        'Fetch',
        'Client',
        'Decode',
        'Parse',
        'Sha1',
        'Sha256',
        'Md5',
        'Now',
        'Truncate',
        'Unmarshal',
        'Marshal',
        'String',
      ])
        for (const arity of [0, 1, 2, 3, 4]) {
          const args = Array<string>(arity).fill('dyn').join(', ');
          env.registerFunction(`kyverno.Library.${method}(${args}): dyn`, (lib: KyvernoLib) => {
            throw new NotEvaluableError(
              `${lib.name}.${method}`,
              `the Kyverno function ${lib.name}.${method}() needs the cluster or the network and cannot be evaluated offline`,
            );
          });
        }
      env.registerFunction('image(string): dyn', () => {
        throw new NotEvaluableError('image', 'the Kyverno function image() is not implemented by kubeward');
      });
    },
  });
  return kyvernoEnv;
}

export interface KyvernoPolicy {
  compiled: CompiledPolicy;
  actions: ValidationAction[];
  /** Set for NamespacedValidatingPolicy: it applies only to objects of its namespace. */
  namespace?: string;
  /** Whether admission evaluation is on (spec.evaluation.admission.enabled, default true). */
  admission: boolean;
}

export interface KyvernoException {
  object: K8sObject;
  policyNames: Set<string>;
  conditions: { name: string; expr: ReturnType<typeof compile> }[];
}

export interface KyvernoSet {
  policies: KyvernoPolicy[];
  exceptions: KyvernoException[];
  problems: PolicyProblem[];
}

/** An unknown function in a Kyverno policy is most likely a Kyverno library kubeward lacks: not evaluated, named. */
function reclassify(problems: PolicyProblem[], from: number): void {
  for (let i = from; i < problems.length; i++) {
    const p = problems[i]!;
    const fn = /no matching overload for '(?:[\w.<>, ]+\.)?([A-Za-z_][\w]*)\(/.exec(p.message)?.[1];
    if (p.kind === 'invalid' && fn && /compilation failed/.test(p.message)) {
      problems[i] = {
        ...p,
        kind: 'not-evaluated',
        message: `the expression calls ${fn}(), which kubeward does not implement (a Kyverno CEL library function?): the validation is not evaluated. ${p.message}`,
      };
    }
  }
}

export function compileKyverno(objects: readonly K8sObject[], mapper: ResourceMapper): KyvernoSet {
  const env = kyvernoEnvironment();
  const problems: PolicyProblem[] = [];
  const policies: KyvernoPolicy[] = [];
  for (const o of distinct(objects.filter(isKyvernoPolicy))) {
    const from = problems.length;
    const compiled = compilePolicy(o, problems, mapper, env);
    reclassify(problems, from);
    const spec = (o.data.spec ?? {}) as JsonObject;
    const raw = Array.isArray(spec.validationActions) ? spec.validationActions : [];
    const actions = raw.filter((a): a is ValidationAction => a === 'Deny' || a === 'Warn' || a === 'Audit');
    if (actions.length !== raw.length)
      problems.push({
        object: o,
        path: ['spec', 'validationActions'],
        message: 'validationActions may only hold Deny, Warn and Audit',
        kind: 'invalid',
      });
    const evaluation = (spec.evaluation ?? {}) as { admission?: { enabled?: unknown } };
    policies.push({
      compiled,
      // Kyverno's default: Audit
      actions: actions.length ? actions : ['Audit'],
      ...(o.ref.kind === 'NamespacedValidatingPolicy' ? { namespace: o.ref.namespace ?? 'default' } : {}),
      admission: evaluation.admission?.enabled !== false,
    });
  }
  const exceptions: KyvernoException[] = [];
  for (const o of distinct(objects.filter(isPolicyException))) {
    const spec = (o.data.spec ?? {}) as JsonObject;
    const refs = Array.isArray(spec.policyRefs) ? spec.policyRefs : [];
    const names = new Set(refs.map((r) => String((r as { name?: unknown }).name ?? '')));
    const conds = (Array.isArray(spec.matchConditions) ? spec.matchConditions : []).map((c, i) => {
      const co = (c ?? {}) as { name?: unknown; expression?: unknown };
      const expr = compile(env, String(co.expression ?? ''));
      if (expr.error)
        problems.push({
          object: o,
          path: ['spec', 'matchConditions', i, 'expression'],
          message: `${expr.error} in ${JSON.stringify(expr.expression)}`,
          kind: 'invalid',
        });
      return { name: String(co.name ?? i), expr };
    });
    if (!names.size)
      problems.push({
        object: o,
        path: ['spec', 'policyRefs'],
        message: `PolicyException ${o.ref.name} names no policy`,
        kind: 'invalid',
      });
    exceptions.push({ object: o, policyNames: names, conditions: conds });
  }
  policies.sort((a, b) => a.compiled.name.localeCompare(b.compiled.name));
  return { policies, exceptions, problems };
}

export interface KyvernoDecision extends PolicyDecision {
  /** Set when a PolicyException exempted the object: its name. */
  exceptedBy?: string;
}

/** Kyverno's verdicts for one object (as a CREATE). Excepted objects yield no decisions. */
export function admitKyverno(set: KyvernoSet, o: K8sObject, env: AdmissionEnv): KyvernoDecision[] {
  if (!set.policies.length) return [];
  const req = admissionRequest(o, env);
  const isNamespace = req.resource.group === '' && req.resource.resource === 'namespaces';
  let nsLabels: Record<string, string> | undefined;
  let nsObject: JsonObject | null = null;
  if (isNamespace) nsLabels = { ...labelsOf(o.data), 'kubernetes.io/metadata.name': req.name };
  else if (req.namespace) {
    const ns = namespaceData(req.namespace, env);
    nsLabels = labelsOf(ns.data);
    nsObject = namespaceObject(ns.data);
  }
  const object = celOf(o.data);
  const act: Activation = {
    ctx: {
      object,
      oldObject: null,
      request: toCel(requestObject(req, env)),
      namespaceObject: nsObject ? toCel(nsObject) : null,
      params: null,
      variables: {},
      exceptions: { allowedValues: [] },
    },
    size: inputSize(object),
  };
  const out: KyvernoDecision[] = [];
  for (const p of set.policies) {
    const policy = p.compiled;
    if (!p.admission || !policy.matchConstraints) continue;
    if (p.namespace !== undefined && p.namespace !== req.namespace) continue;
    if (!matchResources(policy.matchConstraints, req, nsLabels, false).matches) continue;
    const excepted = set.exceptions.find(
      (e) =>
        e.policyNames.has(policy.name) &&
        e.conditions.every((c) => {
          const r = run(c.expr, act.ctx, act.size);
          return r.ok && r.value === true;
        }),
    );
    if (excepted) continue;
    const binding: PolicyBinding = { object: policy.object, name: '', policyName: policy.name, actions: p.actions };
    act.ctx.variables = {};
    bindVariables(policy, act);
    for (const d of validate(policy, binding, act, undefined)) out.push({ ...d, binding: undefined });
  }
  return out;
}

/** Kyverno's words for a decision. */
export function kyvernoText(d: PolicyDecision): string {
  const what = d.actions.includes('Deny') ? 'denies' : d.actions.includes('Warn') ? 'warns about' : 'reports (audit)';
  return `Kyverno ${d.policy.object.ref.kind} '${d.policy.name}' ${what} this object: ${d.message}`;
}
