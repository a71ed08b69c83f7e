/**
 * The CEL environment of Kubernetes admission policies: @marcbachmann/cel-js plus the Kubernetes
 * CEL libraries it lacks (k8s.io/apiserver/pkg/cel/library and the cel-go extensions the API
 * server enables): lists, sets, regex, strings, URLs, IP/CIDR, quantity, semver, format, base64,
 * optionals, and `authorizer` (declared, reported as not evaluable offline).
 *
 * Expressions are compiled once (parse + type check against the declared variables); a compile
 * error is returned, never thrown. Evaluation is bounded: an expression whose nested
 * comprehensions over the input could exceed the API server's per-call cost limit is refused
 * before it runs (CostExceededError), so a runaway policy cannot hang a scan.
 */
import { Environment, EvaluationError, Optional, ParseError, TypeError as CelTypeError } from '@marcbachmann/cel-js';
import type { ASTNode } from '@marcbachmann/cel-js';
import {
  CIDR,
  CelLibError,
  IPAddr,
  KubeURL,
  Quantity,
  Semver,
  ipPredicates,
  isCIDR,
  isIP,
  isQuantity,
  isSemver,
  isURL,
  parseCIDR,
  parseIP,
  parseQuantity,
  parseSemver,
  parseURL,
} from './cel-types.ts';
import { pushAll } from '../arrays.ts';
import { NAMED_FORMATS, NamedFormat } from './cel-format.ts';

/** An expression uses something kubeward cannot evaluate offline (the authorizer, a Kyverno function ...). */
export class NotEvaluableError extends Error {
  readonly feature: string;
  constructor(feature: string, message?: string) {
    super(message ?? `${feature} cannot be evaluated offline`);
    this.feature = feature;
  }
}

/** The expression's estimated cost exceeds the API server's per-expression limit. */
export class CostExceededError extends Error {}

/** The API server's per-expression runtime cost limit (k8s.io/apiserver/pkg/apis/cel PerCallLimit). */
export const PER_CALL_COST_LIMIT = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Values

/** Equality as CEL defines it: numbers across int/double, deep lists and maps. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number'))
    return Number(a) === Number(b) && (typeof a !== 'bigint' || typeof b !== 'bigint' || a === b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !celEquals(v, b.get(k))) return false;
    return true;
  }
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && celEquals(a[k], b[k]));
  }
  if (a instanceof IPAddr && b instanceof IPAddr) return a.family === b.family && a.bits === b.bits;
  if (a instanceof CIDR && b instanceof CIDR) return celEquals(a.ip, b.ip) && a.prefix === b.prefix;
  if (a instanceof Quantity && b instanceof Quantity) return a.compare(b) === 0;
  if (a instanceof Semver && b instanceof Semver) return a.compare(b) === 0;
  if (a instanceof KubeURL && b instanceof KubeURL) return a.raw === b.raw;
  return false;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function compare(a: unknown, b: unknown): number {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new CelLibError(`no such overload: compare ${typeName(a)} and ${typeName(b)}`);
}

function typeName(v: unknown): string {
  if (v === null) return 'null_type';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

/**
 * JSON data as CEL sees it: integers become int (bigint), other numbers double. Objects keep
 * their shape. Converted once per object and cached.
 */
export function toCel(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toCel(x);
    return out;
  }
  return v;
}

/** A CEL result as plain JSON-ish data (for messages and tests). */
export function fromCel(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(fromCel);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), fromCel(x)]));
  if (v instanceof Optional) return v.hasValue() ? fromCel(v.value()) : null;
  if (v && typeof v === 'object' && isPlain(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromCel(x)]));
  if (v && typeof v === 'object' && 'toString' in v && v.toString !== Object.prototype.toString) return String(v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions: RE2 syntax as Go reads it, run by the JavaScript engine

const regexCache = new Map<string, RegExp>();

/** Compiles an RE2 pattern: leading `(?flags)` groups become JavaScript flags; \A and \z anchors map. */
export function re2(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`;
  let re = regexCache.get(key);
  if (re) return re;
  let src = pattern;
  let flags = global ? 'gu' : 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  src = src.replace(/\\A/g, '^').replace(/\\z/g, '$(?![\\s\\S])');
  try {
    re = new RegExp(src, flags);
  } catch (e) {
    throw new CelLibError(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(key, re);
  return re;
}

// ---------------------------------------------------------------------------------------------
// format (cel-go ext strings: "%s".format([...]))

function formatValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${formatValue(k)}: ${formatValue(x)}`).join(', ')}}`;
  if (isPlain(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}: ${formatValue(v[k])}`)
      .join(', ')}}`;
  return String(v);
}

function celFormat(fmt: string, args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%(?:\.(\d+))?([sdfeExXobc%])/g, (_m, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new CelLibError(`index ${i} out of range`);
    const a = args[i++];
    switch (verb) {
      case 's':
        return formatValue(a);
      case 'd':
        if (typeof a !== 'bigint')
          throw new CelLibError('error during formatting: decimal clause can only be used on integers');
        return String(a);
      case 'f':
      case 'e':
      case 'E': {
        const n = Number(a);
        const p = prec === undefined ? 6 : Number(prec);
        if (Number.isNaN(n)) return 'NaN';
        if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
        if (verb === 'f') return n.toFixed(p);
        const s = n.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
        return verb === 'E' ? s.toUpperCase() : s;
      }
      case 'x':
      case 'X': {
        const s =
          typeof a === 'string'
            ? Buffer.from(a).toString('hex')
            : a instanceof Uint8Array
              ? Buffer.from(a).toString('hex')
              : (a as bigint).toString(16);
        return verb === 'X' ? s.toUpperCase() : s;
      }
      case 'o':
        return (a as bigint).toString(8);
      case 'b':
        return typeof a === 'boolean' ? String(a) : (a as bigint).toString(2);
      default:
        return formatValue(a);
    }
  });
}

function quote(s: string): string {
  return JSON.stringify(s)
    .replace(/\\u0007/g, '\\a')
    .replace(/\\u000b/g, '\\v');
}

// ---------------------------------------------------------------------------------------------
// The environment

class SetsNamespace {}
class ListsNamespace {}
class StringsNamespace {}
class Base64Namespace {}
class FormatNamespace {}
class IPNamespace {}
class Authorizer {}
class AuthzCheck {}

const notEvaluable = () => {
  throw new NotEvaluableError('authorizer', 'authorizer checks need the cluster and cannot be evaluated offline');
};

function numericSum(l: unknown[]): unknown {
  if (l.length === 0) return 0n;
  let acc: unknown = l[0];
  for (const x of l.slice(1)) {
    if (typeof acc === 'bigint' && typeof x === 'bigint') acc = acc + x;
    else if (typeof acc === 'number' && typeof x === 'number') acc = acc + x;
    else if (acc instanceof Quantity && x instanceof Quantity) acc = acc.add(x);
    else throw new CelLibError('no such overload: sum of mixed types');
  }
  return acc;
}

function flatten(l: unknown[], depth: number): unknown[] {
  const out: unknown[] = [];
  for (const x of l) {
    if (Array.isArray(x) && depth > 0) pushAll(out, flatten(x, depth - 1));
    else out.push(x);
  }
  return out;
}

/** The variables an admission policy expression sees. */
export const ADMISSION_VARIABLES = [
  'object',
  'oldObject',
  'request',
  'params',
  'namespaceObject',
  'variables',
] as const;

export interface CelEnvOptions {
  /** Extra variables (all dyn), e.g. Kyverno's. */
  variables?: readonly string[];
  /** Registers more functions (e.g. Kyverno libraries). */
  extend?: (env: Environment) => void;
}

/** A fresh environment with the Kubernetes libraries and the admission variables. */
export function createEnvironment(opts: CelEnvOptions = {}): Environment {
  const env = new Environment({
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 20_000, maxDepth: 250 },
  });
  for (const v of ADMISSION_VARIABLES) env.registerVariable(v, 'dyn');
  for (const v of opts.variables ?? []) env.registerVariable(v, 'dyn');

  // --- strings (cel-go ext.Strings, version 2)
  env
    .registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
      const chars = [...s];
      if (i < 0n || i > BigInt(chars.length)) throw new CelLibError(`index out of range: ${i}`);
      return chars[Number(i)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => s.split(a).join(b))
    .registerFunction('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => {
      if (n < 0n) return s.split(a).join(b);
      const parts = s.split(a);
      const k = Math.min(Number(n), parts.length - 1);
      return parts.slice(0, k + 1).join(b) + (k < parts.length - 1 ? a + parts.slice(k + 1).join(a) : '');
    })
    .registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''))
    .registerFunction('string.format(list<dyn>): string', (s: string, args: unknown[]) => celFormat(s, args))
    .registerFunction('list<dyn>.join(): string', (l: unknown[]) => l.map((x) => String(x)).join(''))
    .registerFunction('list<dyn>.join(string): string', (l: unknown[], sep: string) =>
      l.map((x) => String(x)).join(sep),
    )
    .registerType('kubeward.StringsNamespace', StringsNamespace)
    .registerConstant('strings', 'kubeward.StringsNamespace', new StringsNamespace())
    .registerFunction('kubeward.StringsNamespace.quote(string): string', (_ns: unknown, s: string) => quote(s));

  // --- regex (k8s library/regex.go). matches() is cel-js's own (JavaScript RegExp: RE2's inline
  // flags such as (?i) are not understood there and end in an evaluation error, never a pass)
  env
    .registerFunction('string.find(string): string', (s: string, p: string) => re2(p).exec(s)?.[0] ?? '')
    .registerFunction('string.findAll(string): list<string>', (s: string, p: string) =>
      [...s.matchAll(re2(p, true))].map((m) => m[0]),
    )
    .registerFunction('string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => {
      const all = [...s.matchAll(re2(p, true))].map((m) => m[0]);
      return n < 0n ? all : all.slice(0, Number(n));
    });

  // --- lists (k8s library/lists.go, cel-go ext.Lists)
  env
    .registerFunction('list<dyn>.isSorted(): bool', (l: unknown[]) =>
      l.every((x, i) => i === 0 || compare(l[i - 1], x) <= 0),
    )
    .registerFunction('list<dyn>.sum(): dyn', (l: unknown[]) => numericSum(l))
    .registerFunction('list<dyn>.min(): dyn', (l: unknown[]) => {
      if (!l.length) throw new CelLibError('min called on empty list');
      return l.reduce((a, b) => (compare(b, a) < 0 ? b : a));
    })
    .registerFunction('list<dyn>.max(): dyn', (l: unknown[]) => {
      if (!l.length) throw new CelLibError('max called on empty list');
      return l.reduce((a, b) => (compare(b, a) > 0 ? b : a));
    })
    .registerFunction('list<dyn>.indexOf(dyn): int', (l: unknown[], v: unknown) =>
      BigInt(l.findIndex((x) => celEquals(x, v))),
    )
    .registerFunction('list<dyn>.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
      for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], v)) return BigInt(i);
      return -1n;
    })
    .registerFunction('list<dyn>.slice(int, int): list<dyn>', (l: unknown[], a: bigint, b: bigint) => {
      if (a < 0n || b < a || b > BigInt(l.length))
        throw new CelLibError(`cannot slice(${a}, ${b}), list has ${l.length} elements`);
      return l.slice(Number(a), Number(b));
    })
    .registerFunction('list<dyn>.flatten(): list<dyn>', (l: unknown[]) => flatten(l, 1))
    .registerFunction('list<dyn>.flatten(int): list<dyn>', (l: unknown[], d: bigint) => {
      if (d < 0n) throw new CelLibError('level must be non-negative');
      return flatten(l, Number(d));
    })
    .registerFunction('list<dyn>.distinct(): list<dyn>', (l: unknown[]) => {
      const out: unknown[] = [];
      for (const x of l) if (!out.some((y) => celEquals(x, y))) out.push(x);
      return out;
    })
    .registerFunction('list<dyn>.reverse(): list<dyn>', (l: unknown[]) => [...l].reverse())
    .registerFunction('list<dyn>.sort(): list<dyn>', (l: unknown[]) => [...l].sort(compare))
    .registerType('kubeward.ListsNamespace', ListsNamespace)
    .registerConstant('lists', 'kubeward.ListsNamespace', new ListsNamespace())
    .registerFunction('kubeward.ListsNamespace.range(int): list<int>', (_ns: unknown, n: bigint) => {
      if (n > 100_000n) throw new CostExceededError('lists.range is limited to 100000 elements');
      return Array.from({ length: Math.max(0, Number(n)) }, (_x, i) => BigInt(i));
    });

  // --- sets (cel-go ext.Sets)
  env
    .registerType('kubeward.SetsNamespace', SetsNamespace)
    .registerConstant('sets', 'kubeward.SetsNamespace', new SetsNamespace())
    .registerFunction(
      'kubeward.SetsNamespace.contains(list<dyn>, list<dyn>): bool',
      (_n: unknown, a: unknown[], b: unknown[]) => b.every((x) => a.some((y) => celEquals(x, y))),
    )
    .registerFunction(
      'kubeward.SetsNamespace.equivalent(list<dyn>, list<dyn>): bool',
      (_n: unknown, a: unknown[], b: unknown[]) =>
        b.every((x) => a.some((y) => celEquals(x, y))) && a.every((x) => b.some((y) => celEquals(x, y))),
    )
    .registerFunction(
      'kubeward.SetsNamespace.intersects(list<dyn>, list<dyn>): bool',
      (_n: unknown, a: unknown[], b: unknown[]) => a.some((x) => b.some((y) => celEquals(x, y))),
    );

  // --- base64 (cel-go ext.Encoders)
  env
    .registerType('kubeward.Base64Namespace', Base64Namespace)
    .registerConstant('base64', 'kubeward.Base64Namespace', new Base64Namespace())
    .registerFunction('kubeward.Base64Namespace.encode(bytes): string', (_n: unknown, b: Uint8Array) =>
      Buffer.from(b).toString('base64'),
    )
    .registerFunction('kubeward.Base64Namespace.decode(string): bytes', (_n: unknown, s: string) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new CelLibError('illegal base64 data');
      return new Uint8Array(Buffer.from(s, 'base64'));
    });

  // --- URLs (k8s library/urls.go)
  env
    .registerType('net.URL', KubeURL)
    .registerFunction('url(string): net.URL', (s: string) => parseURL(s))
    .registerFunction('isURL(string): bool', (s: string) => isURL(s))
    .registerFunction('net.URL.getScheme(): string', (u: KubeURL) => u.scheme())
    .registerFunction('net.URL.getHost(): string', (u: KubeURL) => u.host())
    .registerFunction('net.URL.getHostname(): string', (u: KubeURL) => u.hostname())
    .registerFunction('net.URL.getPort(): string', (u: KubeURL) => u.port())
    .registerFunction('net.URL.getEscapedPath(): string', (u: KubeURL) => u.escapedPath())
    .registerFunction('net.URL.getQuery(): map<string, list<string>>', (u: KubeURL) => Object.fromEntries(u.query()))
    .registerFunction('string(net.URL): string', (u: KubeURL) => u.raw)
    .registerOperator('net.URL == net.URL', (a: KubeURL, b: KubeURL) => a.raw === b.raw);

  // --- IP and CIDR (k8s library/ip.go, cidr.go)
  env
    .registerType('net.IP', IPAddr)
    .registerType('net.CIDR', CIDR)
    .registerType('kubeward.IPNamespace', IPNamespace)
    .registerConstant('ip', 'kubeward.IPNamespace', new IPNamespace())
    .registerFunction('ip(string): net.IP', (s: string) => parseIP(s))
    .registerFunction('isIP(string): bool', (s: string) => isIP(s))
    .registerFunction(
      'kubeward.IPNamespace.isCanonical(string): bool',
      (_n: unknown, s: string) => parseIP(s).toString() === s,
    )
    .registerFunction('net.IP.family(): int', (i: IPAddr) => BigInt(i.family))
    .registerFunction('net.IP.isUnspecified(): bool', (i: IPAddr) => ipPredicates.isUnspecified(i))
    .registerFunction('net.IP.isLoopback(): bool', (i: IPAddr) => ipPredicates.isLoopback(i))
    .registerFunction('net.IP.isLinkLocalMulticast(): bool', (i: IPAddr) => ipPredicates.isLinkLocalMulticast(i))
    .registerFunction('net.IP.isLinkLocalUnicast(): bool', (i: IPAddr) => ipPredicates.isLinkLocalUnicast(i))
    .registerFunction('net.IP.isGlobalUnicast(): bool', (i: IPAddr) => ipPredicates.isGlobalUnicast(i))
    .registerFunction('string(net.IP): string', (i: IPAddr) => i.toString())
    .registerOperator('net.IP == net.IP', (a: IPAddr, b: IPAddr) => celEquals(a, b))
    .registerFunction('cidr(string): net.CIDR', (s: string) => parseCIDR(s))
    .registerFunction('isCIDR(string): bool', (s: string) => isCIDR(s))
    .registerFunction('net.CIDR.containsIP(string): bool', (c: CIDR, s: string) => c.containsIP(parseIP(s)))
    .registerFunction('net.CIDR.containsIP(net.IP): bool', (c: CIDR, i: IPAddr) => c.containsIP(i))
    .registerFunction('net.CIDR.containsCIDR(string): bool', (c: CIDR, s: string) => c.containsCIDR(parseCIDR(s)))
    .registerFunction('net.CIDR.containsCIDR(net.CIDR): bool', (c: CIDR, o: CIDR) => c.containsCIDR(o))
    .registerFunction('net.CIDR.ip(): net.IP', (c: CIDR) => c.ip)
    .registerFunction('net.CIDR.masked(): net.CIDR', (c: CIDR) => c.masked())
    .registerFunction('net.CIDR.prefixLength(): int', (c: CIDR) => BigInt(c.prefix))
    .registerFunction('string(net.CIDR): string', (c: CIDR) => c.toString())
    .registerOperator('net.CIDR == net.CIDR', (a: CIDR, b: CIDR) => celEquals(a, b));

  // --- quantity (k8s library/quantity.go)
  const q = (v: Quantity | bigint) => (typeof v === 'bigint' ? new Quantity(v, 1n, String(v)) : v);
  env
    .registerType('kubernetes.Quantity', Quantity)
    .registerFunction('quantity(string): kubernetes.Quantity', (s: string) => parseQuantity(s))
    .registerFunction('isQuantity(string): bool', (s: string) => isQuantity(s))
    .registerFunction('kubernetes.Quantity.isInteger(): bool', (a: Quantity) => a.isInteger())
    .registerFunction('kubernetes.Quantity.asInteger(): int', (a: Quantity) => a.asInteger())
    .registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (a: Quantity) => a.asApproximateFloat())
    .registerFunction('kubernetes.Quantity.sign(): int', (a: Quantity) => a.sign())
    .registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (a: Quantity, b: Quantity) =>
      a.add(b),
    )
    .registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (a: Quantity, b: bigint) => a.add(q(b)))
    .registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (a: Quantity, b: Quantity) =>
      a.sub(b),
    )
    .registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (a: Quantity, b: bigint) => a.sub(q(b)))
    .registerFunction(
      'kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool',
      (a: Quantity, b: Quantity) => a.compare(b) > 0,
    )
    .registerFunction(
      'kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool',
      (a: Quantity, b: Quantity) => a.compare(b) < 0,
    )
    .registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (a: Quantity, b: Quantity) =>
      BigInt(a.compare(b)),
    )
    .registerOperator('kubernetes.Quantity == kubernetes.Quantity', (a: Quantity, b: Quantity) => a.compare(b) === 0);

  // --- semver (k8s library/semverlib.go)
  env
    .registerType('kubernetes.Semver', Semver)
    .registerFunction('semver(string): kubernetes.Semver', (s: string) => parseSemver(s))
    .registerFunction('semver(string, bool): kubernetes.Semver', (s: string, n: boolean) => parseSemver(s, n))
    .registerFunction('isSemver(string): bool', (s: string) => isSemver(s))
    .registerFunction('isSemver(string, bool): bool', (s: string, n: boolean) => isSemver(s, n))
    .registerFunction('kubernetes.Semver.major(): int', (v: Semver) => v.major)
    .registerFunction('kubernetes.Semver.minor(): int', (v: Semver) => v.minor)
    .registerFunction('kubernetes.Semver.patch(): int', (v: Semver) => v.patch)
    .registerFunction(
      'kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool',
      (a: Semver, b: Semver) => a.compare(b) > 0,
    )
    .registerFunction(
      'kubernetes.Semver.isLessThan(kubernetes.Semver): bool',
      (a: Semver, b: Semver) => a.compare(b) < 0,
    )
    .registerFunction('kubernetes.Semver.compareTo(kubernetes.Semver): int', (a: Semver, b: Semver) =>
      BigInt(a.compare(b)),
    )
    .registerOperator('kubernetes.Semver == kubernetes.Semver', (a: Semver, b: Semver) => a.compare(b) === 0);

  // --- named formats (k8s library/format.go): format.dns1123Label().validate(s) -> optional list of errors
  env
    .registerType('kubernetes.NamedFormat', NamedFormat)
    .registerType('kubeward.FormatNamespace', FormatNamespace)
    .registerConstant('format', 'kubeward.FormatNamespace', new FormatNamespace())
    .registerFunction(
      'kubeward.FormatNamespace.named(string): optional<kubernetes.NamedFormat>',
      (_n: unknown, name: string) => {
        const f = NAMED_FORMATS.get(name);
        return f ? Optional.of(f) : Optional.none();
      },
    )
    .registerFunction(
      'kubernetes.NamedFormat.validate(string): optional<list<string>>',
      (f: NamedFormat, s: string) => {
        const errs = f.validate(s);
        return errs.length ? Optional.of(errs) : Optional.none();
      },
    );
  for (const [name, f] of NAMED_FORMATS)
    env.registerFunction(`kubeward.FormatNamespace.${name}(): kubernetes.NamedFormat`, () => f);

  // --- authorizer (k8s library/authz.go): declared so expressions type-check, never evaluable offline
  env
    .registerType('kubernetes.authorization.Authorizer', Authorizer)
    .registerType('kubernetes.authorization.Check', AuthzCheck)
    .registerConstant('authorizer', 'kubernetes.authorization.Authorizer', new Authorizer())
    .registerFunction('kubernetes.authorization.Authorizer.group(string): kubernetes.authorization.Check', notEvaluable)
    .registerFunction('kubernetes.authorization.Authorizer.path(string): kubernetes.authorization.Check', notEvaluable)
    .registerFunction(
      'kubernetes.authorization.Authorizer.serviceAccount(string, string): kubernetes.authorization.Authorizer',
      notEvaluable,
    )
    .registerFunction(
      'kubernetes.authorization.Authorizer.requestResource(): kubernetes.authorization.Check',
      notEvaluable,
    )
    .registerFunction('kubernetes.authorization.Check.resource(string): kubernetes.authorization.Check', notEvaluable)
    .registerFunction(
      'kubernetes.authorization.Check.subresource(string): kubernetes.authorization.Check',
      notEvaluable,
    )
    .registerFunction('kubernetes.authorization.Check.namespace(string): kubernetes.authorization.Check', notEvaluable)
    .registerFunction('kubernetes.authorization.Check.name(string): kubernetes.authorization.Check', notEvaluable)
    .registerFunction('kubernetes.authorization.Check.check(string): kubernetes.authorization.Check', notEvaluable)
    .registerFunction('kubernetes.authorization.Check.allowed(): bool', notEvaluable)
    .registerFunction('kubernetes.authorization.Check.reason(): string', notEvaluable)
    .registerFunction('kubernetes.authorization.Check.errored(): bool', notEvaluable)
    .registerFunction('kubernetes.authorization.Check.error(): string', notEvaluable);

  opts.extend?.(env);
  return env;
}

// ---------------------------------------------------------------------------------------------
// Compilation and evaluation

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter', 'sort', 'distinct', 'sortBy']);

export interface Compiled {
  expression: string;
  /** Set when the expression does not parse or type-check: the message (line/column inside the expression). */
  error?: string;
  /** Deepest nesting of comprehensions (0: none); the runtime cost grows with input size to this power. */
  depth: number;
  /** Identifiers the expression reads at top level (object, params, variables, authorizer ...). */
  reads: Set<string>;
  /** `variables.<name>` the expression reads. */
  variables: Set<string>;
  /** The first `object.a.b` field chain the expression names (for locating a finding). */
  objectPath?: (string | number)[];
  evaluate?: (ctx: Record<string, unknown>) => unknown;
}

function walk(node: ASTNode, visit: (n: ASTNode, depth: number) => void, depth = 0): void {
  visit(node, depth);
  const a = node.args as unknown;
  const nextDepth =
    node.op === 'rcall' && COMPREHENSIONS.has((node.args as [string, ASTNode, ASTNode[]])[0]) ? depth + 1 : depth;
  const children: ASTNode[] = [];
  const collect = (x: unknown) => {
    if (x && typeof x === 'object' && 'op' in x) children.push(x as ASTNode);
    else if (Array.isArray(x)) x.forEach(collect);
  };
  collect(a);
  for (const c of children) walk(c, visit, nextDepth);
}

/** `object.spec.x.y` (with `.?` and ['key'] steps) as ['spec','x','y'], when `n` is such a chain. */
function objectChain(n: ASTNode): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  let cur: ASTNode = n;
  for (;;) {
    if (cur.op === '.' || cur.op === '.?') {
      const [inner, field] = cur.args as [ASTNode, string];
      path.unshift(field);
      cur = inner;
    } else if (cur.op === '[]' || cur.op === '[?]') {
      const [inner, key] = cur.args as [ASTNode, ASTNode];
      if (key.op !== 'value' || (typeof key.args !== 'string' && typeof key.args !== 'bigint')) return undefined;
      path.unshift(typeof key.args === 'bigint' ? Number(key.args) : key.args);
      cur = inner;
    } else if (cur.op === 'id') return cur.args === 'object' && path.length ? path : undefined;
    else return undefined;
  }
}

function cleanError(e: unknown): string {
  if (e instanceof ParseError || e instanceof CelTypeError || e instanceof EvaluationError) {
    const first = e.message.split('\n')[0] ?? e.message;
    return first.charAt(0).toLowerCase() + first.slice(1);
  }
  return e instanceof Error ? e.message : String(e);
}

export function compile(env: Environment, expression: string): Compiled {
  const out: Compiled = { expression, depth: 0, reads: new Set(), variables: new Set() };
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = env.parse(expression);
  } catch (e) {
    out.error = `compilation failed: ${cleanError(e)}${where(e)}`;
    return out;
  }
  // no relaxation of the checker: cel-go (the API server) rejects `c ? 'x' : null` too
  const checked = env.check(expression);
  if (!checked.valid) {
    out.error = `compilation failed: ${cleanError(checked.error)}${where(checked.error)}`;
    return out;
  }
  const locals = new Set<string>();
  walk(parsed.ast, (n, depth) => {
    out.depth = Math.max(out.depth, depth);
    if (n.op === 'rcall' && COMPREHENSIONS.has((n.args as [string, ASTNode, ASTNode[]])[0])) {
      const args = (n.args as [string, ASTNode, ASTNode[]])[2];
      for (const a of args.slice(0, -1)) if (a.op === 'id') locals.add(a.args as string);
    }
    if (n.op === 'id' && !locals.has(n.args as string)) out.reads.add(n.args as string);
    if ((n.op === '.' || n.op === '.?') && (n.args as [ASTNode, string])[0].op === 'id') {
      const [inner, field] = n.args as [ASTNode, string];
      if (inner.args === 'variables') out.variables.add(field);
    }
    if (!out.objectPath) {
      const chain = objectChain(n);
      if (chain) out.objectPath = chain;
    }
  });
  out.evaluate = (ctx) => parsed(ctx);
  return out;
}

function where(e: unknown): string {
  const r = (e as { range?: { start: number } } | undefined)?.range;
  return r ? ` (at character ${r.start + 1})` : '';
}

/** Largest number of elements a comprehension could range over in `v` (the sum of all list and map sizes). */
export function inputSize(v: unknown, budget = PER_CALL_COST_LIMIT): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length && n <= budget) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      n += x.length;
      for (const y of x) if (y && typeof y === 'object') stack.push(y);
    } else if (x && typeof x === 'object' && isPlain(x)) {
      const vals = Object.values(x);
      n += vals.length;
      for (const y of vals) if (y && typeof y === 'object') stack.push(y);
    }
  }
  return n;
}

export type EvalOutcome =
  { ok: true; value: unknown } | { ok: false; error: string; notEvaluable?: string; cost?: boolean };

/**
 * Evaluates a compiled expression. `size` is the input size (inputSize of the activation's data):
 * when size^depth exceeds the per-call cost limit, the expression is refused before it runs.
 */
export function run(c: Compiled, ctx: Record<string, unknown>, size: number): EvalOutcome {
  if (c.error || !c.evaluate) return { ok: false, error: c.error ?? 'not compiled' };
  if (c.depth > 0 && Math.pow(Math.max(size, 1), c.depth) > PER_CALL_COST_LIMIT)
    return {
      ok: false,
      cost: true,
      error: `operation cancelled: actual cost limit exceeded (estimated ${Math.min(Math.pow(size, c.depth), 1e15).toExponential(1)} > ${PER_CALL_COST_LIMIT}: ${c.depth} nested comprehensions over ${size} elements)`,
    };
  try {
    return { ok: true, value: c.evaluate(ctx) };
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    const inner = e instanceof NotEvaluableError ? e : cause instanceof NotEvaluableError ? cause : undefined;
    if (inner) return { ok: false, error: inner.message, notEvaluable: inner.feature };
    const cost = e instanceof CostExceededError || cause instanceof CostExceededError;
    const lib = cause instanceof CelLibError ? cause.message : undefined;
    return { ok: false, error: lib ?? cleanError(e), ...(cost ? { cost } : {}) };
  }
}

let shared: Environment | undefined;

/** The shared admission environment (created once). */
export function admissionEnvironment(): Environment {
  shared ??= createEnvironment();
  return shared;
}
