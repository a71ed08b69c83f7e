/** `kubeward explain <policy-name>`: a policy's validations, bindings and where each is declared, as text. */
import { pushAll } from '../arrays.ts';
import type { K8sObject } from '../manifests/types.ts';
import { whereIs } from './context.ts';
import { isKyvernoPolicy } from './kyverno.ts';
import { isVap, isVapBinding } from './vap.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function rulesText(mc: Obj): string[] {
  const out: string[] = [];
  for (const r of arr(mc.resourceRules)) {
    const o = obj(r);
    const g = arr(o.apiGroups).map((x) => (x === '' ? 'core' : String(x)));
    out.push(
      `  ${arr(o.operations).join(',') || '*'} ${g.join(',')}/${arr(o.apiVersions).join(',')} ${arr(o.resources).join(',')}${o.scope ? ` (scope ${String(o.scope)})` : ''}`,
    );
  }
  for (const r of arr(mc.excludeResourceRules)) {
    const o = obj(r);
    out.push(
      `  except ${arr(o.resources).join(',')}${arr(o.resourceNames).length ? ` named ${arr(o.resourceNames).join(',')}` : ''}`,
    );
  }
  if (mc.namespaceSelector) out.push(`  namespaceSelector: ${JSON.stringify(mc.namespaceSelector)}`);
  if (mc.objectSelector) out.push(`  objectSelector: ${JSON.stringify(mc.objectSelector)}`);
  return out;
}

/** The text for the policy named `name` among `objects`, or undefined when there is none. */
export function explainPolicy(objects: readonly K8sObject[], name: string): string | undefined {
  const policy = objects.find((o) => (isVap(o) || isKyvernoPolicy(o)) && o.ref.name === name);
  if (!policy) return undefined;
  const spec = obj(policy.data.spec);
  const out = [`${policy.ref.kind} ${name} (${whereIs(policy, ['metadata', 'name'])})`, ''];
  out.push(`failurePolicy: ${String(spec.failurePolicy ?? 'Fail')}`);
  const pk = obj(spec.paramKind);
  if (pk.kind) out.push(`paramKind: ${String(pk.apiVersion)} ${String(pk.kind)}`);
  out.push('', 'Matches:');
  pushAll(out, rulesText(obj(spec.matchConstraints)));
  const conds = arr(spec.matchConditions);
  if (conds.length) {
    out.push('', 'Only when (matchConditions):');
    conds.forEach((c, i) => {
      const o = obj(c);
      out.push(
        `  ${String(o.name)}: ${String(o.expression)}    (${whereIs(policy, ['spec', 'matchConditions', i, 'expression'])})`,
      );
    });
  }
  const vars = arr(spec.variables);
  if (vars.length) {
    out.push('', 'Variables:');
    vars.forEach((v, i) => {
      const o = obj(v);
      out.push(
        `  ${String(o.name)} = ${String(o.expression)}    (${whereIs(policy, ['spec', 'variables', i, 'expression'])})`,
      );
    });
  }
  out.push('', 'Validations:');
  arr(spec.validations).forEach((v, i) => {
    const o = obj(v);
    out.push(`  ${i + 1}. ${String(o.expression)}    (${whereIs(policy, ['spec', 'validations', i, 'expression'])})`);
    if (o.message) out.push(`     message: ${String(o.message)}`);
    if (o.messageExpression) out.push(`     messageExpression: ${String(o.messageExpression)}`);
    if (o.reason) out.push(`     reason: ${String(o.reason)}`);
  });
  if (isKyvernoPolicy(policy)) {
    const actions = arr(spec.validationActions);
    out.push('', `validationActions: ${actions.length ? actions.join(', ') : 'Deny (default)'}`);
  } else {
    const bindings = objects.filter((o) => isVapBinding(o) && obj(o.data.spec).policyName === name);
    out.push('', 'Bindings:');
    if (!bindings.length) out.push('  none in the set: the API server enforces this policy nowhere');
    for (const b of bindings) {
      const bs = obj(b.data.spec);
      out.push(`  ${b.ref.name}: ${arr(bs.validationActions).join(', ')}    (${whereIs(b, ['metadata', 'name'])})`);
      const pr = obj(bs.paramRef);
      if (pr.name || pr.selector)
        out.push(
          `    params: ${pr.name ? `name ${String(pr.name)}` : `selector ${JSON.stringify(pr.selector)}`}${pr.namespace ? ` in ${String(pr.namespace)}` : ''}${pr.parameterNotFoundAction ? `, when missing: ${String(pr.parameterNotFoundAction)}` : ''}`,
        );
      const mr = obj(bs.matchResources);
      if (Object.keys(mr).length)
        pushAll(
          out,
          rulesText(mr).map((l) => `  ${l}`),
        );
    }
  }
  return out.join('\n') + '\n';
}

/** Names of the policies among `objects` (for "did you mean"). */
export function policyNames(objects: readonly K8sObject[]): string[] {
  return objects.filter((o) => isVap(o) || isKyvernoPolicy(o)).map((o) => o.ref.name);
}
