/**
 * Custom rules written in CEL in `.kubeward.yaml` (`customRules:`). Each becomes a Rule like the
 * built-in ones (same engine, docs, SARIF metadata, suppressions, exemptions, baselines), judged
 * in the environment of a ValidatingAdmissionPolicy validation: `object`, `oldObject` (null),
 * `params`, `namespaceObject`, `request`, `variables`.
 */
import { isSeverity, type FieldPath, type Severity } from '../model.ts';
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import type { Rule, RuleContext, Violation } from '../rules/types.ts';
import { admissionEnvironment, compile, inputSize, run, toCel, type Compiled } from './cel.ts';
import { matchResources, type NamedRuleWithOperations } from './match.ts';
import { admissionEnv } from './rules.ts';
import { admissionRequest } from './vap.ts';

export interface CustomRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  description?: string;
  rationale?: string;
  remediation?: string;
  references?: string[];
  enabled?: boolean;
  /** Kinds (`Deployment`, or `apps/v1/Deployment`) and/or resource rules as in a VAP. */
  match: { kinds?: string[]; resourceRules?: NamedRuleWithOperations[] };
  expression: string;
  message?: string;
  messageExpression?: string;
  /** Field path (`spec.template.spec.containers`) to locate the finding; else the field the expression names. */
  path?: string;
  variables?: { name: string; expression: string }[];
  /** The `params` value the expressions see (any YAML). */
  params?: unknown;
  /** Where the rule is declared, for messages. */
  file: string;
  line: number;
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `spec.containers[0].image` / `metadata.labels["app.kubernetes.io/name"]` as a field path. */
export function parseFieldPath(text: string): FieldPath | undefined {
  const out: (string | number)[] = [];
  const re = /\s*(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*"|'[^']*')\])/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0].length === 0) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3].startsWith("'") ? m[3].slice(1, -1) : (JSON.parse(m[3]) as string));
    i = re.lastIndex;
  }
  return out;
}

interface CompiledCustom {
  expr: Compiled;
  messageExpr?: Compiled;
  variables: { name: string; expr: Compiled }[];
  path?: FieldPath;
}

/** Compile errors of a custom rule's expressions, with the key they are under. */
export function customRuleErrors(
  spec: Pick<CustomRuleSpec, 'expression' | 'messageExpression' | 'variables' | 'path'>,
): {
  key: string;
  message: string;
}[] {
  const env = admissionEnvironment();
  const out: { key: string; message: string }[] = [];
  const e = compile(env, spec.expression);
  if (e.error) out.push({ key: 'expression', message: e.error });
  if (spec.messageExpression) {
    const m = compile(env, spec.messageExpression);
    if (m.error) out.push({ key: 'messageExpression', message: m.error });
  }
  (spec.variables ?? []).forEach((v, i) => {
    const c = compile(env, v.expression);
    if (c.error) out.push({ key: `variables[${i}].expression`, message: c.error });
  });
  if (spec.path !== undefined && !parseFieldPath(spec.path))
    out.push({ key: 'path', message: `"${spec.path}" is not a field path` });
  return out;
}

function kindMatches(kinds: readonly string[], o: K8sObject): boolean {
  return kinds.some((k) => {
    if (k === '*' || k === o.ref.kind) return true;
    const slash = k.lastIndexOf('/');
    return slash > 0 && k.slice(slash + 1) === o.ref.kind && k.slice(0, slash) === o.ref.apiVersion;
  });
}

/** A custom rule as a catalog Rule. */
export function customRule(spec: CustomRuleSpec): Rule {
  let compiled: CompiledCustom | undefined;
  const get = (): CompiledCustom => {
    if (!compiled) {
      const env = admissionEnvironment();
      const path = spec.path !== undefined ? parseFieldPath(spec.path) : undefined;
      compiled = {
        expr: compile(env, spec.expression),
        ...(spec.messageExpression ? { messageExpr: compile(env, spec.messageExpression) } : {}),
        variables: (spec.variables ?? []).map((v) => ({ name: v.name, expr: compile(env, v.expression) })),
        ...(path ? { path } : {}),
      };
    }
    return compiled;
  };
  const params = spec.params === undefined ? null : toCel(spec.params);
  const where = `${spec.file}:${spec.line}`;
  return {
    meta: {
      id: spec.id,
      title: spec.title,
      ...(spec.description ? { description: spec.description } : {}),
      severity: spec.severity,
      enabledByDefault: spec.enabled ?? true,
      category: 'policy',
      rationale: spec.rationale ?? spec.description ?? `Custom rule declared in ${where}.`,
      remediation: spec.remediation ?? `Make \`${spec.expression}\` hold for the object.`,
      example: `# ${where}\nexpression: ${JSON.stringify(spec.expression)}`,
      references: spec.references ?? [],
    },
    *check(o: K8sObject, ctx: RuleContext): Iterable<Violation> {
      const m = spec.match;
      let matched = false;
      const env = admissionEnv(ctx);
      const req = admissionRequest(o, env);
      if (m.kinds?.length && kindMatches(m.kinds, o)) matched = true;
      if (!matched && m.resourceRules?.length) {
        const rr = m.resourceRules.map((r) => ({ operations: ['*'], ...r }));
        matched = matchResources({ resourceRules: rr }, req, undefined, false).matches;
      }
      if (!matched) return;
      const c = get();
      const object = toCel(o.data);
      const ns = req.namespace ? env.namespaces.get(req.namespace) : undefined;
      const act: Record<string, unknown> = {
        object,
        oldObject: null,
        params,
        namespaceObject: req.namespace
          ? toCel(ns ?? { metadata: { name: req.namespace, labels: { 'kubernetes.io/metadata.name': req.namespace } } })
          : null,
        request: toCel({
          operation: 'CREATE',
          name: req.name,
          namespace: req.namespace,
          kind: { group: req.resource.group, version: req.resource.version, kind: req.resource.kind },
          resource: { group: req.resource.group, version: req.resource.version, resource: req.resource.resource },
        } satisfies JsonObject),
        variables: {},
      };
      const size = inputSize(object);
      const vars: Record<string, unknown> = {};
      act.variables = vars;
      for (const v of c.variables) {
        const r = run(v.expr, act, size);
        if (r.ok) vars[v.name] = r.value;
      }
      const path = c.path ?? c.expr.objectPath ?? [];
      const r = run(c.expr, act, size);
      if (!r.ok) {
        yield {
          path,
          message: `custom rule ${spec.id} could not be evaluated: expression '${spec.expression}' resulted in error: ${r.error}`,
          details: { rule: where },
        };
        return;
      }
      if (r.value === true) return;
      if (r.value !== false) {
        yield {
          path,
          message: `custom rule ${spec.id}: expression '${spec.expression}' must evaluate to a bool`,
          details: { rule: where },
        };
        return;
      }
      let message = '';
      if (c.messageExpr) {
        const mr = run(c.messageExpr, act, size);
        if (mr.ok && typeof mr.value === 'string') message = mr.value.trim();
      }
      if (!message) message = spec.message?.trim() || `failed expression: ${spec.expression.trim()}`;
      yield { path, message, details: { rule: where } };
    },
  };
}

/** Reads one `customRules:` entry (already schema-checked); undefined when it is unusable. */
export function readCustomRule(raw: Record<string, unknown>, file: string, line: number): CustomRuleSpec | undefined {
  if (typeof raw.id !== 'string' || typeof raw.expression !== 'string' || !isSeverity(raw.severity)) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const match = (raw.match ?? {}) as CustomRuleSpec['match'];
  return {
    id: raw.id,
    title: str(raw.title) ?? raw.id,
    severity: raw.severity,
    ...(str(raw.description) ? { description: str(raw.description) } : {}),
    ...(str(raw.rationale) ? { rationale: str(raw.rationale) } : {}),
    ...(str(raw.remediation) ? { remediation: str(raw.remediation) } : {}),
    ...(Array.isArray(raw.references) ? { references: raw.references.map(String) } : {}),
    ...(typeof raw.enabled === 'boolean' ? { enabled: raw.enabled } : {}),
    match,
    expression: raw.expression,
    ...(str(raw.message) ? { message: str(raw.message) } : {}),
    ...(str(raw.messageExpression) ? { messageExpression: str(raw.messageExpression) } : {}),
    ...(str(raw.path) ? { path: str(raw.path) } : {}),
    ...(Array.isArray(raw.variables) ? { variables: raw.variables as { name: string; expression: string }[] } : {}),
    ...(raw.params !== undefined ? { params: raw.params } : {}),
    file,
    line,
  };
}
