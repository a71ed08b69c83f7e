/**
 * Admission review: an AdmissionReview v1 request -> the objects the rules see -> the engine
 * (the same catalog, config and suppressions as `scan`) -> an allowed/denied response with the
 * findings listed (redacted), `warnings` for the ones below the deny threshold and audit
 * annotations for the rest. Pure: no I/O, no clock except the duration it measures, never throws
 * for a well-formed review (rule failures follow the configured failure policy).
 */
import { type Finding, type InputError, type ObjectRef, type Severity } from '../model.ts';
import { evaluate, EvaluationDeadlineError, type EngineOptions } from '../engine.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { catalog } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';

export type AdmissionMode = 'deny' | 'warn' | 'audit';

/** What each severity does at admission. Default: critical and high deny, medium and low warn, info audit. */
export type AdmissionModes = Record<Severity, AdmissionMode>;

export const DEFAULT_MODES: AdmissionModes = {
  critical: 'deny',
  high: 'deny',
  medium: 'warn',
  low: 'warn',
  info: 'audit',
};

/**
 * Rules that judge an object against the rest of the cluster (a NetworkPolicy that selects it, the
 * Service a workload names, the ServiceAccount's automount setting, a PDB for it ...). At
 * admission only the object under review is known, so they would report what exists elsewhere as
 * missing: they are not run there; `kubeward monitor` and `verify` run them on the whole cluster.
 */
export const CLUSTER_CONTEXT_RULES: readonly string[] = [
  'anti-affinity',
  'automount-service-account-token',
  'dangling-reference',
  'hpa-dangling',
  'hpa-replicas-conflict',
  'ingress-dangling',
  'invalid-target-port',
  'missing-service-account',
  'namespace-default-deny',
  'network-policy-dangling',
  'network-policy-missing',
  'pdb-blocks-eviction',
  'pdb-missing',
  'replicas-minimum',
  'rollout-strategy',
  'secret-over-shared',
  'service-dangling',
  'servicemonitor-dangling',
  'statefulset-service-name',
];

const admissionRuleCache = new WeakMap<readonly Rule[], readonly Rule[]>();
const CLUSTER_CONTEXT = new Set(CLUSTER_CONTEXT_RULES);

/** The catalog rules that run at admission: every rule except the live-only and cluster-context ones. */
export function admissionRules(rules: readonly Rule[] = catalog): readonly Rule[] {
  // once per rule list, not once per review
  let out = admissionRuleCache.get(rules);
  if (!out) {
    out = rules.filter((r) => !r.meta.liveOnly && !CLUSTER_CONTEXT.has(r.meta.id));
    admissionRuleCache.set(rules, out);
  }
  return out;
}

/** A request that is not an AdmissionReview v1 the webhook can answer (HTTP 400). */
export class AdmissionInputError extends Error {
  /** The request's uid when it could be read, so the error can still be answered in-protocol. */
  readonly uid?: string;
  constructor(message: string, uid?: string) {
    super(message);
    this.name = 'AdmissionInputError';
    this.uid = uid;
  }
}

export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  resource?: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  userInfo?: { username?: string; groups?: string[] };
  object?: JsonObject | null;
  oldObject?: JsonObject | null;
  dryRun?: boolean;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason?: string; message: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
}

export interface AdmissionReviewResponse {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Describes what a value is, without its content (which may hold a secret). */
function what(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

/**
 * Reads an AdmissionReview v1 (text or parsed JSON). Throws AdmissionInputError naming the field
 * that is wrong; never echoes values from the body.
 */
export function parseAdmissionReview(body: string | unknown): AdmissionRequest {
  let review: unknown = body;
  if (typeof body === 'string') {
    try {
      review = JSON.parse(body);
    } catch (e) {
      throw new AdmissionInputError(`the body is not JSON: ${(e as Error).message.split('\n')[0].slice(0, 200)}`);
    }
  }
  if (!isObj(review)) throw new AdmissionInputError(`the body is ${what(review)}, not an AdmissionReview object`);
  const uid = isObj(review.request) && typeof review.request.uid === 'string' ? review.request.uid : undefined;
  if (review.kind !== 'AdmissionReview') {
    throw new AdmissionInputError(
      `kind must be AdmissionReview (got ${typeof review.kind === 'string' ? JSON.stringify(review.kind.slice(0, 60)) : what(review.kind)})`,
      uid,
    );
  }
  if (review.apiVersion !== 'admission.k8s.io/v1') {
    throw new AdmissionInputError(
      `apiVersion must be admission.k8s.io/v1 (got ${typeof review.apiVersion === 'string' ? JSON.stringify(review.apiVersion.slice(0, 60)) : what(review.apiVersion)}); set admissionReviewVersions: [v1] in the webhook configuration`,
      uid,
    );
  }
  const r = review.request;
  if (!isObj(r))
    throw new AdmissionInputError(r === undefined ? 'request is missing' : `request is ${what(r)}, not an object`);
  if (typeof r.uid !== 'string' || r.uid === '') throw new AdmissionInputError('request.uid is missing');
  if (typeof r.operation !== 'string' || !OPERATIONS.has(r.operation)) {
    throw new AdmissionInputError(`request.operation must be one of ${[...OPERATIONS].join(', ')}`, r.uid);
  }
  const k = r.kind;
  if (!isObj(k) || typeof k.kind !== 'string' || typeof k.version !== 'string') {
    throw new AdmissionInputError('request.kind must be an object with group, version and kind', r.uid);
  }
  for (const f of ['object', 'oldObject'] as const) {
    if (r[f] !== undefined && r[f] !== null && !isObj(r[f])) {
      throw new AdmissionInputError(`request.${f} is ${what(r[f])}, not an object`, r.uid);
    }
  }
  if ((r.operation === 'CREATE' || r.operation === 'UPDATE') && !isObj(r.object)) {
    throw new AdmissionInputError(`request.object is missing for a ${r.operation}`, r.uid);
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const ui = isObj(r.userInfo) ? r.userInfo : undefined;
  return {
    uid: r.uid,
    kind: { group: typeof k.group === 'string' ? k.group : '', version: k.version, kind: k.kind },
    ...(isObj(r.resource)
      ? {
          resource: {
            group: String(r.resource.group ?? ''),
            version: String(r.resource.version ?? ''),
            resource: String(r.resource.resource ?? ''),
          },
        }
      : {}),
    ...(str(r.subResource) ? { subResource: str(r.subResource) } : {}),
    ...(str(r.name) ? { name: str(r.name) } : {}),
    ...(str(r.namespace) ? { namespace: str(r.namespace) } : {}),
    operation: r.operation as AdmissionRequest['operation'],
    ...(ui
      ? {
          userInfo: {
            ...(str(ui.username) ? { username: str(ui.username) } : {}),
            ...(Array.isArray(ui.groups) ? { groups: ui.groups.filter((g) => typeof g === 'string') } : {}),
          },
        }
      : {}),
    object: isObj(r.object) ? r.object : null,
    oldObject: isObj(r.oldObject) ? r.oldObject : null,
    dryRun: r.dryRun === true,
  };
}

export interface AdmissionOptions {
  /**
   * Engine options from the configuration: `loadRunConfig(...).engine` (settings, suppressions,
   * kubeVersion) and the admission policies (`policies`), exactly as scan passes them.
   */
  engine?: Omit<EngineOptions, 'rules' | 'mode' | 'live'>;
  /** Rules to consider; the catalog by default (cluster-context and live-only rules are always left out). */
  rules?: readonly Rule[];
  modes?: Partial<AdmissionModes>;
  /** Namespaces never judged (allowed as is): default kube-system. */
  exemptNamespaces?: readonly string[];
  /**
   * On UPDATE, findings the old object already had: 'warn' (default) lets existing objects be
   * edited, scaled or relabelled while reporting them; 'enforce' judges them like new ones.
   */
  existingFindings?: 'warn' | 'enforce';
  /** What to answer when a rule fails on the object: 'Ignore' (allow, with a warning) or 'Fail' (deny). */
  failurePolicy?: 'Ignore' | 'Fail';
  /** Most findings listed in a denial message (the count of the rest is given). Default 10. */
  maxListed?: number;
  /**
   * `performance.now()` time by which the review must be decided (the per-request budget). A
   * review not judged by then is answered per the failure policy, saying so, never half-judged.
   */
  deadline?: number;
}

export interface AdmissionDecision {
  request: AdmissionRequest;
  /** The object under review (undefined for DELETE and CONNECT). */
  object?: ObjectRef;
  response: AdmissionResponse;
  /** Active findings with the mode that applied to each. */
  findings: (Finding & { mode: AdmissionMode })[];
  suppressed: Finding[];
  /** Why the object was not judged (exempt namespace, subresource, DELETE ...), when it was not. */
  skipped?: string;
  errors: InputError[];
  decision: 'allowed' | 'denied' | 'warned' | 'skipped';
  /** The rules did not finish within the deadline: answered per the failure policy. */
  overBudget?: boolean;
  durationMs: number;
}

/** The object under review as the rules see it (origin 'admission', namespace from the request). */
export function admissionObject(req: AdmissionRequest, data: JsonObject): K8sObject {
  const md = isObj(data.metadata) ? data.metadata : {};
  const name =
    typeof md.name === 'string' && md.name
      ? md.name
      : (req.name ?? (typeof md.generateName === 'string' ? md.generateName : ''));
  const ns = typeof md.namespace === 'string' && md.namespace ? md.namespace : req.namespace;
  const apiVersion =
    typeof data.apiVersion === 'string' && data.apiVersion
      ? data.apiVersion
      : req.kind.group
        ? `${req.kind.group}/${req.kind.version}`
        : req.kind.version;
  const kind = typeof data.kind === 'string' && data.kind ? data.kind : req.kind.kind;
  return {
    data: { ...data, apiVersion, kind },
    ref: { apiVersion, kind, name, ...(ns ? { namespace: ns } : {}) },
    origin: 'admission',
    docPath: [],
  };
}

const WARNING_MAX = 240;

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function findingLine(f: Finding): string {
  return `[${f.severity}] ${f.ruleId}${f.path ? ` at ${f.path}` : ''}: ${f.message}${f.secretPreview ? ` (${f.secretPreview})` : ''}`;
}

export function objectLabel(ref: ObjectRef | undefined): string {
  if (!ref) return 'the object';
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name || '<generated name>'}`;
}

/** Judges one admission request. */
export function reviewAdmission(req: AdmissionRequest, opts: AdmissionOptions = {}): AdmissionDecision {
  const started = performance.now();
  const modes: AdmissionModes = { ...DEFAULT_MODES, ...opts.modes };
  const exempt = new Set(opts.exemptNamespaces ?? ['kube-system']);
  const done = (d: Omit<AdmissionDecision, 'durationMs' | 'request'>): AdmissionDecision => ({
    ...d,
    request: req,
    durationMs: performance.now() - started,
  });
  const skip = (reason: string, object?: ObjectRef): AdmissionDecision =>
    done({
      ...(object ? { object } : {}),
      response: { uid: req.uid, allowed: true },
      findings: [],
      suppressed: [],
      skipped: reason,
      errors: [],
      decision: 'skipped',
    });

  if (req.operation === 'DELETE' || req.operation === 'CONNECT' || !req.object) {
    return skip(`${req.operation} requests are not judged`);
  }
  const obj = admissionObject(req, req.object);
  if (req.subResource) return skip(`subresource ${req.subResource} is not judged`, obj.ref);
  const ns = obj.ref.kind === 'Namespace' ? obj.ref.name : obj.ref.namespace;
  if (ns && exempt.has(ns)) return skip(`namespace ${ns} is exempt`, obj.ref);

  const rules = admissionRules(opts.rules ?? catalog);
  const engine = {
    ...opts.engine,
    rules,
    mode: 'manifest' as const,
    ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}),
  };
  let res: ReturnType<typeof evaluate>;
  let existing = new Set<string>();
  try {
    res = evaluate([obj], [], engine);
    if (req.operation === 'UPDATE' && req.oldObject && (opts.existingFindings ?? 'warn') === 'warn') {
      const old = evaluate([admissionObject(req, req.oldObject)], [], engine);
      existing = new Set([...old.findings, ...old.suppressed].map((f) => f.fingerprint));
    }
  } catch (e) {
    if (!(e instanceof EvaluationDeadlineError)) throw e;
    const label = objectLabel(obj.ref);
    const why = `kubeward could not judge ${label} within its per-request budget`;
    return done({
      object: obj.ref,
      response:
        opts.failurePolicy === 'Fail'
          ? {
              uid: req.uid,
              allowed: false,
              status: { code: 500, reason: 'Timeout', message: `${why} (failurePolicy Fail)` },
            }
          : { uid: req.uid, allowed: true, warnings: [`${why}; allowed (failurePolicy Ignore)`] },
      findings: [],
      suppressed: [],
      errors: [],
      decision: opts.failurePolicy === 'Fail' ? 'denied' : 'warned',
      overBudget: true,
    });
  }
  const errors = [...res.errors];

  // a rule that threw is a `rule-error` finding in scan; at admission the failure policy decides
  const findings = res.findings
    .filter((f) => f.ruleId !== 'rule-error')
    .map((f) => {
      let mode = modes[f.severity];
      if (mode === 'deny' && existing.has(f.fingerprint)) mode = 'warn';
      return { ...f, mode };
    });
  const denied = findings.filter((f) => f.mode === 'deny');
  const warned = findings.filter((f) => f.mode === 'warn');
  const audited = findings.filter((f) => f.mode === 'audit');
  const label = objectLabel(obj.ref);

  const response: AdmissionResponse = { uid: req.uid, allowed: true };
  const warnings: string[] = [];
  if (errors.length && opts.failurePolicy === 'Fail') {
    response.allowed = false;
    response.status = {
      code: 500,
      reason: 'InternalError',
      message: `kubeward could not check ${label}: ${errors.length} rule(s) failed (failurePolicy Fail); see the webhook's log`,
    };
  } else if (errors.length) {
    warnings.push(`kubeward: ${errors.length} rule(s) could not check ${label}; allowed (failurePolicy Ignore)`);
  }
  if (denied.length && response.allowed) {
    const max = opts.maxListed ?? 10;
    const listed = denied.slice(0, max).map((f) => `- ${findingLine(f)}`);
    if (denied.length > max) listed.push(`- and ${denied.length - max} more`);
    response.allowed = false;
    response.status = {
      code: 403,
      reason: 'Forbidden',
      message: `kubeward denied ${label}: ${denied.length} finding${denied.length === 1 ? '' : 's'}\n${listed.join('\n')}`,
    };
  }
  const preexisting = (f: Finding) =>
    existing.has(f.fingerprint) && modes[f.severity] === 'deny' ? ' (already on the object)' : '';
  for (const f of warned) warnings.push(clip(`kubeward ${findingLine(f)}${preexisting(f)}`, WARNING_MAX));
  if (warnings.length) response.warnings = warnings;
  if (findings.length) {
    const ids = (list: Finding[]) => [...new Set(list.map((f) => `${f.ruleId}:${f.severity}`))].join(',');
    response.auditAnnotations = {
      ...(denied.length ? { denied: ids(denied) } : {}),
      ...(warned.length ? { warned: ids(warned) } : {}),
      ...(audited.length ? { audited: ids(audited) } : {}),
    };
  }
  return done({
    object: obj.ref,
    response,
    findings,
    suppressed: res.suppressed,
    errors,
    decision: !response.allowed ? 'denied' : warned.length || warnings.length ? 'warned' : 'allowed',
  });
}

/** Wraps a response in an AdmissionReview v1 envelope. */
export function admissionReview(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}
