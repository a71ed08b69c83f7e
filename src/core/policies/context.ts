/** Shared per-run state of the policy rules: the objects policies draw on, the resource mapper. */
import type { FieldPath } from '../model.ts';
import type { K8sObject } from '../manifests/types.ts';
import type { RuleContext } from '../rules/types.ts';
import { ResourceMapper } from './resources.ts';

/** Where a field of an object is, as `file:line` (or `Kind/name` for live objects). */
export function whereIs(o: K8sObject, path: FieldPath): string {
  const loc = o.locate?.(path);
  if (loc) return `${loc.file}:${loc.line}`;
  return `${o.ref.kind}/${o.ref.name}`;
}

/** Every object a policy evaluation can draw on: the scanned set plus the `policies:` paths. */
export function policyUniverse(ctx: RuleContext): readonly K8sObject[] {
  return ctx.memo('policies:universe', () => {
    if (!ctx.policies?.length) return ctx.objects;
    // a policy file that is also under a scanned path is one object, not two
    const key = (o: K8sObject) =>
      `${o.file ?? ''}\0${o.source?.start ?? ''}\0${o.docPath.join('.')}\0${o.ref.apiVersion}/${o.ref.kind}/${o.ref.namespace ?? ''}/${o.ref.name}`;
    const seen = new Set(ctx.objects.map(key));
    return [...ctx.objects, ...ctx.policies.filter((o) => !seen.has(key(o)))];
  });
}

export function policyMapper(ctx: RuleContext): ResourceMapper {
  return ctx.memo('policies:mapper', () => new ResourceMapper(policyUniverse(ctx), ctx.live?.resources));
}
