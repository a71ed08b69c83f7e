import { parseManifestText } from '../../src/core/manifests/parse.ts';
import type { FieldPath } from '../../src/core/model.ts';

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
