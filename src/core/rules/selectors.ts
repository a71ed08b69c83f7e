/**
 * Small helpers shared by the network, RBAC and Istio rules: typed views of objects (core
 * Services, NetworkPolicies) on top of the shared inventory, and field accessors.
 */
import type { JsonObject, K8sObject } from '../manifests/types.ts';
import { isObj } from './podspec.ts';

/** The apiVersion group ('' for the core group). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** Is the object of this kind, in this API group? */
export function isKind(obj: K8sObject, kind: string, group: string | readonly string[]): boolean {
  if (obj.ref.kind !== kind) return false;
  const g = groupOf(obj.ref.apiVersion);
  return typeof group === 'string' ? g === group : group.includes(g);
}

/** spec as an object ({} when missing). */
export function specOf(obj: K8sObject): JsonObject {
  return isObj(obj.data.spec) ? obj.data.spec : {};
}

/** An array field, [] when missing or not an array. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Array of strings from a field (non-strings dropped). */
export function strs(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

/** String values of a map field. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (x !== null && typeof x !== 'object') out[k] = String(x);
  return out;
}

/** `Kind ns/name` for messages. */
export function label(obj: K8sObject): string {
  return `${obj.ref.kind} ${obj.ref.namespace ? `${obj.ref.namespace}/` : ''}${obj.ref.name || '(unnamed)'}`;
}

/** Joins a list for messages, at most `max` items then "and N more". */
export function list(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Edit distance (for "did you mean" suggestions). */
export { editDistance as levenshtein } from '../text.ts';
