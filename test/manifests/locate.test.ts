import { parseManifestText } from '../../src/core/manifests/parse.ts';
import type { FieldPath } from '../../src/core/model.ts';
import { lineStarts, locatorStats, makeExactLocator } from '../../src/core/manifests/locate.ts';

function at(text: string, path: FieldPath, objIndex = 0): [number, number] | undefined {
  const { objects, problems } = parseManifestText(text, 'm.yaml');
  expect(problems).toEqual([]);
  const loc = objects[objIndex].locate!(path);
  return loc && [loc.line, loc.column];
}

const DEPLOY = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    note: |
      spec:
        containers: fake
    "quoted.key/x": 'single'
spec:
  template:
    spec:
      containers:
      - name: app          # same-indent sequence
        image: nginx:1.27
        securityContext:
          privileged: true
      -   name: side
          image: busybox
`;

describe('locate: fast path', () => {
  test('keys, nested keys, sequence items', () => {
    expect(at(DEPLOY, ['kind'])).toEqual([3, 1]);
    expect(at(DEPLOY, ['metadata', 'name'])).toEqual([5, 3]);
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'containers'])).toEqual([14, 7]);
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'containers', 0])).toEqual([15, 9]);
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual([
      18, 11,
    ]);
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'containers', 1, 'image'])).toEqual([20, 11]);
  });
  test('block scalar content is not mistaken for keys', () => {
    expect(at(DEPLOY, ['spec'])).toEqual([11, 1]);
    expect(at(DEPLOY, ['metadata', 'annotations', 'quoted.key/x'])).toEqual([10, 5]);
  });
  test('a missing field points at its nearest existing parent', () => {
    // securityContext is missing on the second container: the container's first key
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'runAsNonRoot'])).toEqual([
      19, 11,
    ]);
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'])).toEqual([
      17, 9,
    ]);
    expect(at(DEPLOY, ['spec', 'template', 'spec', 'volumes'])).toEqual([13, 5]);
  });
  test('multi-line quoted and flow values do not confuse later keys', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    a: "first line
      second: not a key"
    b: [one,
      "two: x", three]
spec:
  containers:
  - name: c
    args: ["
      run &&
      go: build
    "]
    image: x
`;
    expect(at(text, ['metadata', 'annotations', 'b'])).toEqual([8, 5]);
    expect(at(text, ['spec', 'containers', 0, 'image'])).toEqual([17, 5]);
  });
  test('CRLF line endings and a BOM', () => {
    const text = '\ufeffapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\ndata:\r\n  k: v\r\n';
    expect(at(text, ['data', 'k'])).toEqual([6, 3]);
    expect(at(text, ['apiVersion'])).toEqual([1, 1]);
  });
  test('several documents and List items keep file lines', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: s
  spec:
    type: NodePort
`;
    expect(at(text, ['metadata'], 0)).toEqual([3, 1]);
    expect(at(text, ['spec', 'type'], 1)).toEqual([13, 5]);
  });
  test('duplicate keys: the last one wins, as in Kubernetes', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n';
    const { objects } = parseManifestText(text, 'd.yaml');
    expect(objects[0].ref.name).toBe('b');
    expect(objects[0].locate!(['metadata', 'name'])!.line).toBe(5);
  });
});

describe('locate: multi-line scalars on the fast path', () => {
  // a CRD schema as controller-gen writes it: plain scalars continued on lines that start with
  // `&&`, `- ` or a quote, and single-quoted scalars that end in an escaped quote ('')
  const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  validation:
    rule: (has(self.a) && !has(self.b)) || (!has(self.a)
      && has(self.b))
    list: first part of a plain scalar
      - that continues with a dash
      'and a quote
    path:
      description: 'Must not contain the ''..'' path. It must not start with ''..'''
      other: 'Must not start
        with ''..'''
      type: string
    quoted: '!(has(self.mode) && self.mode == ''DaemonSet'' && has(self.shards)
      && self.shards > 1)'
    own-line:
      (!has(self.protocol) || (self.protocol != 'ICMP' && self.protocol
      != 1)) || !has(self.ipVersion)
    last: x
  after: here
`;

  test('continuation lines are text, and the document stays on the fast path', () => {
    const before = { ...locatorStats };
    expect(at(CRD, ['spec', 'validation', 'list'])).toEqual([9, 5]);
    expect(at(CRD, ['spec', 'validation', 'path', 'type'])).toEqual([16, 7]);
    expect(at(CRD, ['spec', 'validation', 'last'])).toEqual([22, 5]);
    expect(at(CRD, ['spec', 'after'])).toEqual([23, 3]);
    expect(at(CRD, ['metadata', 'name'])).toEqual([4, 3]);
    expect(locatorStats.exact).toBe(before.exact);
  });

  test.each([
    ['the whole CRD', CRD],
    // without the `&&` line (which used to send the document to the exact parser): the quotes alone
    ['the escaped quotes alone', CRD.replace(/ {4}rule:[^\n]*\n[^\n]*\n/, '')],
  ])('the fast path agrees with the exact parser on every field: %s', (_name, text) => {
    const { objects } = parseManifestText(text, 'm.yaml');
    const src = objects[0]!.source!;
    const exact = makeExactLocator(src, () => lineStarts(text));
    const paths: FieldPath[] = [];
    const walk = (v: unknown, p: FieldPath) => {
      paths.push(p);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(objects[0]!.data, []);
    for (const p of paths) expect([p, objects[0]!.locate!(p)]).toEqual([p, exact(p)]);
  });
});

describe('locate: exact fallback', () => {
  test('anchors and aliases', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: &l
    app: x
spec:
  containers:
  - name: c
    image: i
    env: &e
    - name: A
      value: "1"
  initContainers:
  - name: i
    image: i
    env: *e
`;
    expect(at(text, ['spec', 'initContainers', 0, 'env'])).toEqual([17, 5]);
    expect(at(text, ['spec', 'containers', 0, 'env', 0, 'value'])).toEqual([13, 7]);
  });
  test('paths into flow collections', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i,\n    securityContext: {privileged: true}}]\n';
    expect(at(text, ['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual([6, 23]);
  });
  test('JSON manifests', () => {
    const text =
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"hostNetwork": true}\n}\n';
    expect(at(text, ['spec', 'hostNetwork'])).toEqual([5, 12]);
  });
});
