/**
 * The one redaction point for rule output: every finding's message and details pass through
 * `redactQuoted` in the engine, which knows the object the finding is about. It collects the values
 * of the object that may be secrets, by key and place, and replaces any of them a rule quoted by
 * accident (a type error that prints the value, a comparison that names it) with a redacted preview:
 *   - `data` and `stringData` of a Secret (and the decoded text of `data`);
 *   - env entries whose name looks secret (`DB_PASSWORD`), in any container of any template;
 *   - annotations and labels whose key looks secret;
 *   - any scalar under a key that looks secret, anywhere in the object, strings and numbers alike
 *     (`DB_PASSWORD: 9127...` read as a number is as secret as the string).
 */
import type { JsonObject } from '../manifests/types.ts';
import { secretName } from './names.ts';
import { redact } from './redact.ts';

/** Shorter values are not replaced: they would mangle ordinary words and numbers in messages. */
const MIN_LENGTH = 4;
/** Objects nest deeper only when built to: stop there. */
const MAX_DEPTH = 64;

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every scalar inside `v` (strings and numbers), as text. */
function allScalars(v: unknown, out: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const s = scalarText(v);
  if (s !== undefined) {
    if (s.length >= MIN_LENGTH) out.add(s);
    return;
  }
  if (Array.isArray(v)) for (const x of v) allScalars(x, out, depth + 1);
  else if (isObj(v)) for (const k in v) allScalars(v[k], out, depth + 1);
}

function decodeBase64(s: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(s)) return undefined;
  const t = Buffer.from(s, 'base64').toString('utf8');
  return t.includes('\uFFFD') ? undefined : t;
}

const cache = new WeakMap<JsonObject, readonly string[]>();

/** The values of an object that a message must not quote, longest first. */
export function sensitiveValues(data: JsonObject): readonly string[] {
  const hit = cache.get(data);
  if (hit) return hit;
  const out = new Set<string>();
  if (data.kind === 'Secret') {
    allScalars(data.stringData, out);
    if (isObj(data.data)) {
      for (const k in data.data) {
        const v = scalarText(data.data[k]);
        if (v === undefined) continue;
        if (v.length >= MIN_LENGTH) out.add(v);
        const d = decodeBase64(v);
        if (d && d.length >= MIN_LENGTH) out.add(d);
      }
    }
  }
  const stack: { v: unknown; depth: number }[] = [{ v: data, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (depth > MAX_DEPTH) continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    if (!isObj(v)) continue;
    // env entries: { name: DB_PASSWORD, value: ... }
    if (typeof v.name === 'string' && 'value' in v && secretName(v.name)) allScalars(v.value, out);
    for (const k in v) {
      if (secretName(k)?.strength === 'strong') allScalars(v[k], out);
      else stack.push({ v: v[k], depth: depth + 1 });
    }
  }
  const list = [...out].sort((a, b) => b.length - a.length);
  cache.set(data, list);
  return list;
}

/** `text` with every sensitive value of the object replaced by its redacted preview. */
export function redactQuoted(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(redact(v));
  return out;
}

/**
 * The same redaction for text made outside the rules (load problems, suppressions, exemptions,
 * rule errors, input errors): such text has no object of its own, or quotes input the rule engine
 * never saw (an unknown rule id, an exemption's reason, a YAML error). It must not quote a value that
 * is a secret anywhere in the scanned set, so it is redacted with the sensitive values of every
 * object. The list is built once, on first use (most scans have no such text).
 */
export function scanWideRedactor(objects: readonly { data: JsonObject }[]): (text: string) => string {
  let values: readonly string[] | undefined;
  return (text: string) => {
    if (!values) {
      const all = new Set<string>();
      for (const o of objects) for (const v of sensitiveValues(o.data)) all.add(v);
      values = [...all].sort((a, b) => b.length - a.length);
    }
    return values.length ? redactQuoted(text, values) : text;
  };
}
