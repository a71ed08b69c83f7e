import { describe, expect, it } from '@jest/globals';
import { admissionEnvironment, compile, fromCel, inputSize, run, toCel } from '../../src/core/policies/cel.ts';
import { parseQuantity, parseIP, parseCIDR, parseSemver } from '../../src/core/policies/cel-types.ts';

const env = admissionEnvironment();
const object = toCel({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    ratio: 0.5,
    template: {
      spec: {
        containers: [
          { name: 'a', image: 'nginx:1.27', resources: { limits: { memory: '512Mi', cpu: '250m' } } },
          { name: 'b', image: 'busybox:latest' },
        ],
      },
    },
  },
});

function ev(expr: string, extra: Record<string, unknown> = {}): unknown {
  const c = compile(env, expr);
  if (c.error) throw new Error(c.error);
  const r = run(
    c,
    { object, oldObject: null, params: null, request: {}, namespaceObject: null, variables: {}, ...extra },
    10,
  );
  if (!r.ok) throw new Error(r.error);
  return fromCel(r.value);
}

describe('CEL environment: Kubernetes libraries', () => {
  it.each([
    ['object.spec.replicas == 3 && object.spec.replicas <= 5', true],
    ['object.spec.ratio < 1', true],
    ["object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))", false],
    ["object.spec.template.spec.containers.map(c, c.name).join(',')", 'a,b'],
    ["object.metadata.?labels.?team.orValue('none')", 'none'],
    ["'a1b22c333'.findAll('[0-9]+')", ['1', '22', '333']],
    ["'a1b22c333'.findAll('[0-9]+', 2)", ['1', '22']],
    ["'image:v1.2'.find('v[0-9.]+')", 'v1.2'],
    ["'xABCx'.find('(?i)abc')", 'ABC'],
    ["'hello'.charAt(1) + 'hello'.reverse()", 'eolleh'],
    ["'a-b-c'.replace('-', '+', 1)", 'a+b-c'],
    ["'%s has %d replicas'.format(['web', 3])", 'web has 3 replicas'],
    ["strings.quote('a\"b')", '"a\\"b"'],
    ['[3, 1, 2].sort()', [1, 2, 3]],
    ['[1, 2, 3].sum() + [4, 2].min() + [4, 9].max()', 17],
    ['[1, 2, 2, 3].distinct().size()', 3],
    ['[[1], [2, [3]]].flatten()', [1, 2, [3]]],
    ['[1, 2, 3].isSorted() && ![2, 1].isSorted()', true],
    ['[1, 2, 3].slice(1, 3)', [2, 3]],
    ['lists.range(3)', [0, 1, 2]],
    ['sets.contains([1, 2, 3], [2, 3]) && !sets.contains([1], [2])', true],
    ['sets.equivalent([1, 2], [2, 1]) && sets.intersects([1, 2], [2, 9])', true],
    ["quantity(object.spec.template.spec.containers[0].resources.limits.memory).isLessThan(quantity('1Gi'))", true],
    ["quantity('1') == quantity('1000m') && quantity('1Ki').asInteger() == 1024", true],
    ["quantity('250m').add(quantity('750m')).asInteger()", 1],
    ["isQuantity('1.5Gi') && !isQuantity('1.5GG')", true],
    ["semver('1.2.3').isLessThan(semver('1.10.0')) && semver('2.0.0').major() == 2", true],
    ["isSemver('v1.2', true) && !isSemver('v1.2')", true],
    ["ip('10.0.0.1').family() == 4 && ip('::1').isLoopback()", true],
    ["cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))", true],
    ["string(cidr('10.1.2.3/8').masked())", '10.0.0.0/8'],
    ["ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')", true],
    ["url('https://example.com:8443/a/b?x=1').getPort()", '8443'],
    [
      "url('https://example.com:8443/a/b?x=1').getHostname() + url('https://example.com/a/b').getEscapedPath()",
      'example.com/a/b',
    ],
    ["isURL('https://example.com') && !isURL('not a url')", true],
    ["base64.encode(b'hi')", 'aGk='],
    ['cel.bind(n, object.spec.replicas, n * 2)', 6],
  ])('%s', (expr, want) => {
    expect(ev(expr)).toEqual(want);
  });

  it('reports a parse error with the position inside the expression', () => {
    const c = compile(env, 'object.spec.replicas <=');
    expect(c.error).toMatch(/compilation failed/);
    expect(c.error).toMatch(/character/);
  });

  it('reports an unknown function as a compile error', () => {
    expect(compile(env, "object.metadata.name.startWith('demo')").error).toMatch(/startWith/);
    expect(compile(env, 'nosuchfn(1)').error).toMatch(/nosuchfn/);
  });

  it('rejects a conditional with a string and a null branch, as the API server does', () => {
    // kube-apiserver 1.37.2 (npm run oracle -- vap): "found no matching overload for '_?_:_'
    // applied to '(bool, string, null)'"; a dyn branch with null is fine
    const c = compile(env, "object.spec.replicas > 1 ? 'many' : null");
    expect(c.error).toMatch(/compilation failed/);
    expect(compile(env, 'object.spec.replicas > 1 ? object.spec.replicas : null').error).toBeUndefined();
  });

  it('returns a runtime error for a missing key, with the cel-go wording', () => {
    const c = compile(env, 'object.spec.nope == 1');
    const r = run(c, { object }, 10);
    expect(r).toEqual({ ok: false, error: 'no such key: nope' });
  });

  it('names the object field an expression reads', () => {
    expect(compile(env, 'object.spec.replicas <= 5').objectPath).toEqual(['spec', 'replicas']);
    expect(compile(env, "object.spec.template.spec.containers[0].image != ''").objectPath).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'image',
    ]);
    expect(compile(env, 'params.max > 1').objectPath).toBeUndefined();
  });

  it('reports the authorizer as not evaluable offline', () => {
    const c = compile(env, "authorizer.group('').resource('pods').check('create').allowed()");
    expect(c.error).toBeUndefined();
    expect(c.reads.has('authorizer')).toBe(true);
    const r = run(c, { object }, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.notEvaluable).toBe('authorizer');
  });

  it('refuses a runaway expression before running it', () => {
    const big = toCel({ items: Array.from({ length: 2000 }, (_x, i) => i) });
    const c = compile(env, 'object.items.all(a, object.items.all(b, object.items.exists(x, x == a + b)))');
    expect(c.depth).toBe(3);
    const r = run(c, { object: big }, inputSize(big));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.cost).toBe(true);
    // the same expression over a small input runs
    const small = toCel({ items: [1, 2] });
    expect(run(c, { object: small }, inputSize(small)).ok).toBe(true);
  });
});

describe('Kubernetes value types', () => {
  it('parses quantities exactly', () => {
    expect(parseQuantity('1.5Gi').compare(parseQuantity('1536Mi'))).toBe(0);
    expect(parseQuantity('100m').asApproximateFloat()).toBeCloseTo(0.1);
    expect(parseQuantity('1e3').asInteger()).toBe(1000n);
    expect(() => parseQuantity('1.5.5')).toThrow();
  });
  it('parses and prints IPs and CIDRs canonically', () => {
    expect(parseIP('2001:0db8:0:0:0:0:0:1').toString()).toBe('2001:db8::1');
    expect(() => parseIP('::ffff:1.2.3.4')).toThrow(/IPv4-mapped/);
    expect(() => parseIP('01.2.3.4')).toThrow();
    expect(parseCIDR('192.168.1.7/24').masked().toString()).toBe('192.168.1.0/24');
  });
  it('orders semantic versions with pre-releases', () => {
    expect(parseSemver('1.0.0-alpha').compare(parseSemver('1.0.0'))).toBe(-1);
    expect(parseSemver('1.0.0-alpha.2').compare(parseSemver('1.0.0-alpha.10'))).toBe(-1);
    expect(() => parseSemver('1.2')).toThrow();
  });
});
