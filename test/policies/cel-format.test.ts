/**
 * The Kubernetes CEL `format` library (k8s.io/apiserver/pkg/cel/library/format.go): every named
 * format, `format.named`, and `validate` returning optional.none() or the API server's messages.
 * Expected strings are the Go validators' (apimachinery util/validation, api/validate/content,
 * kube-openapi strfmt, net/url), including RegexError's two spaces before "or".
 */
import { describe, expect, it } from '@jest/globals';
import { admissionEnvironment, compile, fromCel, run, toCel } from '../../src/core/policies/cel.ts';
import { parseRequestURIError } from '../../src/core/policies/cel-format.ts';

const env = admissionEnvironment();

function ev(expr: string, object: unknown = {}): unknown {
  const c = compile(env, expr);
  if (c.error) throw new Error(c.error);
  const r = run(
    c,
    { object: toCel(object), oldObject: null, params: null, request: {}, namespaceObject: null, variables: {} },
    10,
  );
  if (!r.ok) throw new Error(r.error);
  return fromCel(r.value);
}

const LABEL_RE = "'[a-z0-9]([-a-z0-9]*[a-z0-9])?'";
const LABEL_MSG = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is ${LABEL_RE})`;

describe('CEL format library', () => {
  it.each([
    // valid: optional.none() (null here)
    ["format.dns1123Label().validate('my-name')", null],
    ["format.dns1123Subdomain().validate('apiextensions.k8s.io')", null],
    ["format.dns1035Label().validate('my-label-name')", null],
    ["format.qualifiedName().validate('apiextensions.k8s.io/v1beta1')", null],
    ["format.dns1123LabelPrefix().validate('my-label-prefix-')", null],
    ["format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-')", null],
    ["format.dns1035LabelPrefix().validate('my-label-prefix-')", null],
    ["format.labelValue().validate('')", null],
    ["format.uri().validate('http://example.com')", null],
    ["format.uri().validate('/just/a/path?q=1')", null],
    ["format.uuid().validate('123e4567-e89b-12d3-a456-426614174000')", null],
    ["format.uuid().validate('123E4567E89B12D3A456426614174000')", null],
    ["format.byte().validate('aGVsbG8=')", null],
    ["format.date().validate('2024-02-29')", null],
    ["format.datetime().validate('2021-01-01T00:00:00Z')", null],
    ["format.datetime().validate('2021-01-01t23:59:59.123+02:00')", null],
    // invalid: the list of messages
    ["format.dns1123Label().validate('My_Name')", [LABEL_MSG]],
    ["format.dns1123Label().validate('a.b')", ['must not contain dots']],
    [
      "format.dns1123Subdomain().validate('Example.com')",
      [
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      "format.dns1035Label().validate('1abc')",
      [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ["format.dns1123LabelPrefix().validate('my-label-prefix')", null],
    ["format.dns1123Label().validate('my-label-prefix-')", [LABEL_MSG]],
    ["format.qualifiedName().validate('/name')", ['prefix part must be non-empty']],
    [
      "format.qualifiedName().validate('example.com/')",
      [
        'name part must be non-empty',
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [
      "format.qualifiedName().validate('a/b/c')",
      [
        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    [
      "format.labelValue().validate('-bad')",
      [
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    ["format.uri().validate('example.com')", ['parse "example.com": invalid URI for request']],
    ["format.uri().validate('')", ['parse "": empty url']],
    ["format.uri().validate(':foo')", ['parse ":foo": missing protocol scheme']],
    ["format.uri().validate('http://host:port/x')", ['parse "http://host:port/x": invalid port ":port" after host']],
    ["format.uuid().validate('not-a-uuid')", ['does not match the UUID format']],
    ["format.byte().validate('aGVsbG8')", ['invalid base64']],
    ["format.date().validate('2023-02-29')", ['invalid date']],
    ["format.date().validate('2023-1-01')", ['invalid date']],
    ["format.datetime().validate('2021-01-01T24:00:00Z')", ['invalid datetime']],
    ["format.datetime().validate('2021-01-01')", ['invalid datetime']],
  ])('%s', (expr, want) => {
    expect(ev(expr)).toEqual(want);
  });

  it('lengths are checked in bytes, with the message of the validator that checks them', () => {
    const long = 'a'.repeat(64);
    expect(ev(`format.dns1123Label().validate('${long}')`)).toEqual(['must be no more than 63 characters']);
    expect(ev(`format.labelValue().validate('${long}')`)).toEqual(['must be no more than 63 bytes']);
    expect(ev(`format.qualifiedName().validate('${long}')`)).toEqual(['name part must be no more than 63 bytes']);
    expect(ev(`format.dns1123Subdomain().validate('${'a'.repeat(254)}')`)).toEqual([
      'must be no more than 253 characters',
    ]);
  });

  it('format.named: a known name is a format, an unknown one optional.none()', () => {
    expect(ev("format.named('dns1123Label').hasValue()")).toBe(true);
    expect(ev("format.named('email').hasValue()")).toBe(false);
    expect(ev("format.named('uuid').value().validate('x').hasValue()")).toBe(true);
  });

  it('the documented validation idiom works on the object', () => {
    const idiom = '!format.dns1123Label().validate(object.metadata.name).hasValue()';
    expect(ev(idiom, { metadata: { name: 'web' } })).toBe(true);
    expect(ev(idiom, { metadata: { name: 'Web_1' } })).toBe(false);
    expect(
      ev("format.dns1123Label().validate(object.metadata.name).value().join('\\n')", { metadata: { name: 'a.b' } }),
    ).toBe('must not contain dots');
  });

  it('type-checks: validate takes a string, the result is an optional list', () => {
    expect(compile(env, 'format.dns1123Label().validate(1)').error).toMatch(/no matching overload/);
    expect(compile(env, "format.uri().validate('x') == 1").error).toBeDefined();
    expect(compile(env, 'format.nope()').error).toBeDefined();
  });

  it('uri follows Go url.ParseRequestURI', () => {
    expect(parseRequestURIError('*')).toBeUndefined();
    expect(parseRequestURIError('mailto:someone@example.com')).toBeUndefined();
    expect(parseRequestURIError('http://[::1]:8080/x')).toBeUndefined();
    expect(parseRequestURIError('http://[::1')).toBe(`parse "http://[::1": missing ']' in host`);
    expect(parseRequestURIError('http://a/%zz')).toBe('parse "http://a/%zz": invalid URL escape "%zz"');
    expect(parseRequestURIError('http://a\tb')).toBe('parse "http://a\\tb": net/url: invalid control character in URL');
    expect(parseRequestURIError('http://u^ser@host/')).toBe('parse "http://u^ser@host/": net/url: invalid userinfo');
  });
});
