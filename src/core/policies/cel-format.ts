/**
 * The Kubernetes CEL `format` library (k8s.io/apiserver/pkg/cel/library/format.go): named string
 * formats whose `validate(s)` returns `optional.none()` when `s` is valid, else the list of the
 * API server's own error strings. The validators follow the Go sources they call, message for
 * message: apimachinery's util/validation and api/validate/content (DNS labels and subdomains,
 * qualified names, label values), kube-openapi's strfmt (uuid, byte, date, datetime) and Go's
 * net/url ParseRequestURI (uri).
 */

/** A named format: `format.dns1123Label()` ... (CEL type kubernetes.NamedFormat). */
export class NamedFormat {
  readonly name: string;
  readonly validate: (s: string) => string[];
  constructor(name: string, validate: (s: string) => string[]) {
    this.name = name;
    this.validate = validate;
  }
}

/** Go's len(): bytes of the UTF-8 encoding. */
const byteLen = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Go's strconv.Quote for the strings these messages quote (printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

// --- k8s.io/apimachinery/pkg/util/validation (lengths in "characters") and content ("bytes")

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  // as Go's RegexError: "'a', " then " or 'b', " (two spaces before "or", as the API server says it)
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const dns1123LabelRe = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123SubdomainRe = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const dns1035LabelRe = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const labelKeyRe = new RegExp(`^${LABEL_KEY_FMT}$`);
const labelValueRe = new RegExp(`^${LABEL_VALUE_FMT}$`);

type Unit = 'characters' | 'bytes';
const maxLen = (n: number, unit: Unit) => `must be no more than ${n} ${unit}`;

export function isDNS1123Label(s: string, unit: Unit = 'characters'): string[] {
  const errs: string[] = [];
  if (byteLen(s) > 63) errs.push(maxLen(63, unit));
  if (!dns1123LabelRe.test(s)) {
    // a valid subdomain but not a label: the length was checked, so it is the dots
    if (dns1123SubdomainRe.test(s)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(s: string, unit: Unit = 'characters'): string[] {
  const errs: string[] = [];
  if (byteLen(s) > 253) errs.push(maxLen(253, unit));
  if (!dns1123SubdomainRe.test(s)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isDNS1035Label(s: string): string[] {
  const errs: string[] = [];
  if (byteLen(s) > 63) errs.push(maxLen(63, 'characters'));
  if (!dns1035LabelRe.test(s)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** content.IsLabelKey (what format.qualifiedName() validates). */
export function isQualifiedName(s: string): string[] {
  const errs: string[] = [];
  const parts = s.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (!prefix.length) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix, 'bytes')) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (!name.length) errs.push('name part must be non-empty');
  else if (byteLen(name) > 63) errs.push(`name part ${maxLen(63, 'bytes')}`);
  if (!labelKeyRe.test(name))
    errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** content.IsLabelValue. */
export function isLabelValue(s: string): string[] {
  const errs: string[] = [];
  if (byteLen(s) > 63) errs.push(maxLen(63, 'bytes'));
  if (!labelValueRe.test(s)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** api/validation maskTrailingDash: a generateName prefix may end with '-'. */
function maskTrailingDash(s: string): string {
  return s.length > 1 && s.endsWith('-') ? `${s.slice(0, -2)}a` : s;
}

// --- kube-openapi strfmt

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const DATETIME_TIME_RE = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

/** time.Parse("2006-01-02", s): four-digit year, two-digit month and day, the day within the month. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** strfmt.IsDateTime: a date, a `t`, and a time matched by strfmt's DateTimePattern. */
export function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0]!)) return false;
  const m = DATETIME_TIME_RE.exec(parts[1]!);
  if (!m) return false;
  return m[1]! <= '23' && m[2]! <= '59' && m[3]! <= '59';
}

// --- Go net/url ParseRequestURI (format.uri())

const HOST_CHARS = /^[!"$&'()*+,\-.0-9:;<=>A-Z[\]_a-z~]$/;
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

function unescapeError(s: string, host: boolean): string | undefined {
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2]))
        return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      if (host && parseInt(s[i + 1]!, 16) < 8 && s.slice(i, i + 3) !== '%25')
        return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      i += 3;
      continue;
    }
    if (host && c.charCodeAt(0) < 0x80 && !HOST_CHARS.test(c)) return `invalid character ${goQuote(c)} in host name`;
    i++;
  }
  return undefined;
}

function validOptionalPort(p: string): boolean {
  if (p === '') return true;
  return p[0] === ':' && /^[0-9]*$/.test(p.slice(1));
}

function hostError(scheme: string, host: string): string | undefined {
  const open = host.lastIndexOf('[');
  if (open > 0) return 'invalid IP-literal';
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
    const literal = host.slice(1, close);
    const zone = literal.indexOf('%25');
    const e = zone >= 0 ? unescapeError(literal.slice(0, zone), true) : unescapeError(literal, true);
    if (e) return e;
    const addr = zone >= 0 ? literal.slice(0, zone) : literal;
    if (!addr.includes(':'))
      return /^[0-9.]+$/.test(addr)
        ? 'invalid IP-literal'
        : `invalid host: ParseAddr(${goQuote(addr)}): unable to parse IP`;
    return undefined;
  }
  let i = host.indexOf(':');
  if (i !== -1) {
    const last = host.lastIndexOf(':');
    // Go enforces one colon for http(s) hosts only
    if (last !== i && scheme !== 'http' && scheme !== 'https') i = last;
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  }
  return unescapeError(host, true);
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

/** The error of Go's url.ParseRequestURI(s), or undefined when it parses. */
export function parseRequestURIError(s: string): string | undefined {
  const err = (e: string) => `parse ${goQuote(s)}: ${e}`;
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i);
    if (b < 0x20 || b === 0x7f) return err('net/url: invalid control character in URL');
  }
  if (s === '') return err('empty url');
  if (s === '*') return undefined;
  let scheme = '';
  let rest = s;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return err('missing protocol scheme');
      scheme = s.slice(0, i).toLowerCase();
      rest = s.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else rest = rest.split('?')[0]!;
  if (!rest.startsWith('/')) return scheme ? undefined : err('invalid URI for request');
  if (scheme && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = slash >= 0 ? authority.slice(slash) : '';
    if (slash >= 0) authority = authority.slice(0, slash);
    const at = authority.lastIndexOf('@');
    const he = hostError(scheme, at < 0 ? authority : authority.slice(at + 1));
    if (he) return err(he);
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!USERINFO.test(userinfo)) return err('net/url: invalid userinfo');
      for (const part of userinfo.includes(':') ? userinfo.split(':').slice(0, 2) : [userinfo]) {
        const ue = unescapeError(part, false);
        if (ue) return err(ue);
      }
    }
  }
  const pe = unescapeError(rest, false);
  return pe ? err(pe) : undefined;
}

// --- the named formats (format.go ConstantFormats)

export const NAMED_FORMATS: ReadonlyMap<string, NamedFormat> = new Map(
  (
    [
      ['dns1123Label', (s) => isDNS1123Label(s)],
      ['dns1123Subdomain', (s) => isDNS1123Subdomain(s)],
      ['dns1035Label', (s) => isDNS1035Label(s)],
      ['qualifiedName', isQualifiedName],
      ['dns1123LabelPrefix', (s) => isDNS1123Label(maskTrailingDash(s))],
      ['dns1123SubdomainPrefix', (s) => isDNS1123Subdomain(maskTrailingDash(s))],
      ['dns1035LabelPrefix', (s) => isDNS1035Label(maskTrailingDash(s))],
      ['labelValue', isLabelValue],
      [
        'uri',
        (s) => {
          const e = parseRequestURIError(s);
          return e ? [e] : [];
        },
      ],
      ['uuid', (s) => (UUID_RE.test(s) ? [] : ['does not match the UUID format'])],
      ['byte', (s) => (BASE64_RE.test(s) ? [] : ['invalid base64'])],
      ['date', (s) => (isDate(s) ? [] : ['invalid date'])],
      ['datetime', (s) => (isDateTime(s) ? [] : ['invalid datetime'])],
    ] as [string, (s: string) => string[]][]
  ).map(([name, fn]) => [name, new NamedFormat(name, fn)]),
);
