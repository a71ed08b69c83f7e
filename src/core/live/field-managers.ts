/**
 * Who set a field: reads an object's `metadata.managedFields` (server-side apply's field
 * ownership, kept by the API server for every write, apply or update) to name the field managers
 * that own a field path, and the fields each manager owns.
 */
import type { FieldPath } from '../model.ts';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface FieldOwner {
  manager: string;
  operation: string;
  time: string;
}

/** Status and scale writes are controllers' business, not edits of the spec. */
const IGNORED_SUBRESOURCES = new Set(['status', 'scale']);

function same(a: unknown, b: unknown): boolean {
  if (isObj(a) && isObj(b)) return Object.keys(a).every((k) => same(a[k], b[k]));
  return a === b;
}

/** The key of list item `item` in a fieldsV1 node: `k:{...}` (associative), `v:...` (set) or `i:N`. */
function itemKey(node: Json, item: unknown, index: number): string | undefined {
  for (const k of Object.keys(node)) {
    if (k.startsWith('k:')) {
      try {
        const key = JSON.parse(k.slice(2)) as unknown;
        if (isObj(key) && isObj(item) && same(key, item)) return k;
      } catch {
        // not JSON: not ours
      }
    } else if (k.startsWith('v:')) {
      try {
        if (same(JSON.parse(k.slice(2)), item)) return k;
      } catch {
        // not JSON
      }
    } else if (k === `i:${index}`) return k;
  }
  return undefined;
}

/** The fieldsV1 node for `path` in one manager's set, or undefined when it owns nothing there. */
function nodeAt(fields: unknown, path: FieldPath, object: unknown): Json | undefined {
  let node: unknown = fields;
  let cur: unknown = object;
  for (const seg of path) {
    if (!isObj(node)) return undefined;
    if (typeof seg === 'number') {
      const item = arr(cur)[seg];
      const k = itemKey(node, item, seg);
      if (!k) return undefined;
      node = node[k];
      cur = item;
    } else {
      const k = `f:${seg}`;
      if (!(k in node)) return undefined;
      node = node[k];
      cur = isObj(cur) ? cur[seg] : undefined;
    }
  }
  return isObj(node) ? node : {};
}

/**
 * The managers that own `path` of `object` or a field below it, newest write first (status and
 * scale subresource writes left out).
 */
export function ownersOf(object: Json, path: FieldPath): FieldOwner[] {
  const md = isObj(object.metadata) ? object.metadata : {};
  const out: FieldOwner[] = [];
  for (const e of arr(md.managedFields)) {
    if (!isObj(e) || IGNORED_SUBRESOURCES.has(str(e.subresource))) continue;
    if (nodeAt(e.fieldsV1, path, object) === undefined) continue;
    out.push({ manager: str(e.manager), operation: str(e.operation), time: str(e.time) });
  }
  return out.sort((a, b) => b.time.localeCompare(a.time));
}

/**
 * The leaf fields one fieldsV1 set owns, as readable paths (`spec.template.spec.containers[app].image`),
 * at most `max` of them.
 */
export function ownedFields(fieldsV1: unknown, max = 10): string[] {
  const out: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (out.length >= max) return;
    const keys = isObj(node) ? Object.keys(node).filter((k) => k !== '.') : [];
    if (!keys.length) {
      if (prefix) out.push(prefix);
      return;
    }
    for (const k of keys) {
      const n = (node as Json)[k];
      if (k.startsWith('f:')) walk(n, prefix ? `${prefix}.${k.slice(2)}` : k.slice(2));
      else if (k.startsWith('k:')) {
        let label = k.slice(2);
        try {
          const key = JSON.parse(label) as Json;
          label = str(key.name) || Object.values(key).map(String).join(',');
        } catch {
          // keep the raw key
        }
        walk(n, `${prefix}[${label}]`);
      } else if (k.startsWith('v:')) walk(n, `${prefix}[${k.slice(2)}]`);
      else if (k.startsWith('i:')) walk(n, `${prefix}[${k.slice(2)}]`);
      if (out.length >= max) return;
    }
  };
  walk(fieldsV1, '');
  return out;
}
