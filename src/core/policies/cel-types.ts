/**
 * Value types of the Kubernetes CEL libraries (k8s.io/apiserver/pkg/cel/library): IP addresses and
 * CIDRs, URLs, quantities and semantic versions, each with the parsing rules the API server uses.
 * Pure data and parsing: src/core/policies/cel.ts registers them with the CEL environment.
 */

export class CelLibError extends Error {}

// ---------------------------------------------------------------------------------------------
// IP addresses and CIDRs (library/ip.go, library/cidr.go: netip.ParseAddr without zones or
// IPv4-mapped IPv6 addresses)

export class IPAddr {
  readonly family: 4 | 6;
  /** 32 or 128 bits. */
  readonly bits: bigint;
  constructor(family: 4 | 6, bits: bigint) {
    this.family = family;
    this.bits = bits;
  }
  toString(): string {
    return this.family === 4 ? v4String(this.bits) : v6String(this.bits);
  }
}

function v4String(b: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((b >> s) & 255n)).join('.');
}

function v6String(b: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((b >> BigInt(i * 16)) & 0xffffn));
  // longest run (>= 2) of zero groups becomes '::' (RFC 5952, as Go prints them)
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // netip rejects leading zeros ("010") and empty parts
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined; // zones are rejected
  let tail4: bigint | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    text = s.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = text.split('::');
  if (dbl.length > 2) return undefined;
  const head = dbl[0] ? dbl[0].split(':') : [];
  const tail = dbl.length === 2 && dbl[1] ? dbl[1].split(':') : [];
  const count = head.length + tail.length;
  if (dbl.length === 1 ? count !== 8 : count > 7) return undefined;
  const groups = [...head, ...Array<string>(8 - count).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) v = (v & ~0xffffffffn) | tail4;
  return v;
}

export function parseIP(s: string): IPAddr {
  const v4 = s.includes(':') ? undefined : parseV4(s);
  if (v4 !== undefined) return new IPAddr(4, v4);
  const v6 = s.includes(':') ? parseV6(s) : undefined;
  if (v6 === undefined)
    throw new CelLibError(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
  if (v6 >> 32n === 0xffffn) throw new CelLibError('IPv4-mapped IPv6 address is not allowed');
  return new IPAddr(6, v6);
}

export function isIP(s: string): boolean {
  try {
    parseIP(s);
    return true;
  } catch {
    return false;
  }
}

const V4_ALL = 0xffffffffn;
const V6_ALL = (1n << 128n) - 1n;

function inPrefix(ip: IPAddr, prefix: bigint, len: number): boolean {
  const width = ip.family === 4 ? 32 : 128;
  return ip.bits >> BigInt(width - len) === prefix >> BigInt(width - len);
}

export const ipPredicates = {
  isUnspecified: (ip: IPAddr) => ip.bits === 0n,
  isLoopback: (ip: IPAddr) => (ip.family === 4 ? inPrefix(ip, 0x7f000000n, 8) : ip.bits === 1n),
  isLinkLocalMulticast: (ip: IPAddr) =>
    ip.family === 4 ? inPrefix(ip, 0xe0000000n, 24) : inPrefix(ip, 0xff02n << 112n, 16),
  isLinkLocalUnicast: (ip: IPAddr) =>
    ip.family === 4 ? inPrefix(ip, 0xa9fe0000n, 16) : inPrefix(ip, 0xfe80n << 112n, 10),
  isGlobalUnicast: (ip: IPAddr) => {
    if (ip.family === 4) {
      if (ip.bits === V4_ALL || ip.bits === 0n) return false;
      return !inPrefix(ip, 0x7f000000n, 8) && !inPrefix(ip, 0xe0000000n, 4) && !inPrefix(ip, 0xa9fe0000n, 16);
    }
    if (ip.bits === 0n || ip.bits === 1n) return false;
    return !inPrefix(ip, 0xffn << 120n, 8) && !inPrefix(ip, 0xfe80n << 112n, 10);
  },
};

export class CIDR {
  readonly ip: IPAddr;
  readonly prefix: number;
  constructor(ip: IPAddr, prefix: number) {
    this.ip = ip;
    this.prefix = prefix;
  }
  masked(): CIDR {
    const width = this.ip.family === 4 ? 32 : 128;
    const all = this.ip.family === 4 ? V4_ALL : V6_ALL;
    const mask = (all << BigInt(width - this.prefix)) & all;
    return new CIDR(new IPAddr(this.ip.family, this.ip.bits & mask), this.prefix);
  }
  containsIP(ip: IPAddr): boolean {
    return ip.family === this.ip.family && inPrefix(ip, this.ip.bits, this.prefix);
  }
  containsCIDR(other: CIDR): boolean {
    return other.prefix >= this.prefix && this.containsIP(other.ip);
  }
  toString(): string {
    return `${this.ip.toString()}/${this.prefix}`;
  }
}

export function parseCIDR(s: string): CIDR {
  const slash = s.lastIndexOf('/');
  const bad = () => new CelLibError(`network address parse error during conversion from string: ${JSON.stringify(s)}`);
  if (slash < 0) throw bad();
  let ip: IPAddr;
  try {
    ip = parseIP(s.slice(0, slash));
  } catch {
    throw bad();
  }
  const p = s.slice(slash + 1);
  const width = ip.family === 4 ? 32 : 128;
  if (!/^(0|[1-9]\d*)$/.test(p) || Number(p) > width) throw bad();
  return new CIDR(ip, Number(p));
}

export function isCIDR(s: string): boolean {
  try {
    parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// URLs (library/urls.go: url.ParseRequestURI)

export class KubeURL {
  readonly url: URL;
  readonly raw: string;
  constructor(raw: string, url: URL) {
    this.raw = raw;
    this.url = url;
  }
  scheme(): string {
    return this.url.protocol.replace(/:$/, '');
  }
  host(): string {
    // the host as written (Go keeps the port and the IPv6 brackets)
    const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(this.raw);
    return m?.[1] ?? '';
  }
  hostname(): string {
    const h = this.host();
    if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
    const colon = h.lastIndexOf(':');
    return colon >= 0 ? h.slice(0, colon) : h;
  }
  port(): string {
    const h = this.host();
    const end = h.startsWith('[') ? h.indexOf(']') + 1 : 0;
    const colon = h.indexOf(':', end);
    return colon >= 0 ? h.slice(colon + 1) : '';
  }
  escapedPath(): string {
    const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:(?:\/\/[^/?#]*)?([^?#]*)/.exec(this.raw);
    return m?.[1] ?? '';
  }
  query(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const q = this.raw.includes('?') ? this.raw.slice(this.raw.indexOf('?') + 1).split('#')[0] : '';
    for (const [k, v] of new URLSearchParams(q ?? '')) {
      const list = out.get(k);
      if (list) list.push(v);
      else out.set(k, [v]);
    }
    return out;
  }
}

export function parseURL(s: string): KubeURL {
  // ParseRequestURI: absolute URI or an absolute path, no fragment
  if (s.startsWith('/')) return new KubeURL(s, new URL(s, 'http://localhost'));
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) || s.includes('#'))
    throw new CelLibError(
      `URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`,
    );
  try {
    return new KubeURL(s, new URL(s));
  } catch {
    throw new CelLibError(
      `URL parse error during conversion from string: parse ${JSON.stringify(s)}: invalid URI for request`,
    );
  }
}

export function isURL(s: string): boolean {
  try {
    parseURL(s);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Quantities (k8s.io/apimachinery/pkg/api/resource): exact rationals

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export class Quantity {
  readonly num: bigint;
  readonly den: bigint;
  readonly text: string;
  constructor(num: bigint, den: bigint, text: string) {
    const g = gcd(num, den) || 1n;
    this.num = num / g;
    this.den = den / g;
    this.text = text;
  }
  compare(o: Quantity): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  add(o: Quantity): Quantity {
    return new Quantity(this.num * o.den + o.num * this.den, this.den * o.den, '');
  }
  sub(o: Quantity): Quantity {
    return new Quantity(this.num * o.den - o.num * this.den, this.den * o.den, '');
  }
  isInteger(): boolean {
    return this.num % this.den === 0n && this.num / this.den <= INT64_MAX && this.num / this.den >= INT64_MIN;
  }
  asInteger(): bigint {
    if (!this.isInteger()) throw new CelLibError('cannot convert value to integer');
    return this.num / this.den;
  }
  asApproximateFloat(): number {
    return Number(this.num) / Number(this.den);
  }
  sign(): bigint {
    return this.num > 0n ? 1n : this.num < 0n ? -1n : 0n;
  }
}

export function parseQuantity(s: string): Quantity {
  const m = QUANTITY_RE.exec(s);
  if (!m || s.length === 0)
    throw new CelLibError(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  const [, number, suffix = ''] = m as unknown as [string, string, string | undefined];
  const neg = number.startsWith('-');
  const digits = number.replace(/^[+-]/, '');
  const [int, frac = ''] = digits.split('.');
  let num = BigInt(`${int || '0'}${frac}`) * (neg ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  if (suffix in BINARY) num *= BINARY[suffix]!;
  else {
    const exp = suffix in DECIMAL ? DECIMAL[suffix]! : Number(suffix.slice(1));
    if (Math.abs(exp) > 1000) throw new CelLibError('quantity exponent out of range');
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  return new Quantity(num, den, s);
}

export function isQuantity(s: string): boolean {
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Semantic versions (library/semver.go: blang/semver strict parsing)

const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export class Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string[];
  constructor(major: bigint, minor: bigint, patch: bigint, pre: string[]) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
  }
  compare(o: Semver): number {
    for (const k of ['major', 'minor', 'patch'] as const) if (this[k] !== o[k]) return this[k] < o[k] ? -1 : 1;
    if (!this.pre.length || !o.pre.length) return this.pre.length === o.pre.length ? 0 : this.pre.length ? -1 : 1;
    for (let i = 0; i < Math.max(this.pre.length, o.pre.length); i++) {
      const a = this.pre[i];
      const b = o.pre[i];
      if (a === undefined) return -1;
      if (b === undefined) return 1;
      const an = /^\d+$/.test(a);
      const bn = /^\d+$/.test(b);
      if (an && bn && a !== b) return BigInt(a) < BigInt(b) ? -1 : 1;
      if (an !== bn) return an ? -1 : 1;
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  }
}

export function parseSemver(s: string, normalize = false): Semver {
  let text = s;
  if (normalize) {
    text = text.replace(/^v/, '');
    const core = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(text);
    if (core) text = [core[1], core[2] ?? '0', core[3] ?? '0'].map((n) => String(Number(n))).join('.') + core[4];
  }
  const m = SEMVER_RE.exec(text);
  if (!m) throw new CelLibError(`could not parse ${JSON.stringify(s)} as a semantic version`);
  return new Semver(BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!), m[4] ? m[4].split('.') : []);
}

export function isSemver(s: string, normalize = false): boolean {
  try {
    parseSemver(s, normalize);
    return true;
  } catch {
    return false;
  }
}
