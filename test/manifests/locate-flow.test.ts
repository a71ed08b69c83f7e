/**
 * Flow-style documents (`{...}`, JSON) are located by the fast path's flow reader (issue 16: flow
 * locations within 1.5x of block style, not the exact parser's 10x): every field path must get
 * the exact parser's line, column and end column, and what the reader does not follow with
 * certainty must still be answered (by the exact parser).
 */
import { makeExactLocator } from '../../src/core/manifests/locate.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import type { FieldPath } from '../../src/core/model.ts';

function fieldPaths(v: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => fieldPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) fieldPaths(x, [...prefix, k], out);
  return out;
}

function compareAll(text: string): number {
  let n = 0;
  for (const o of parseManifestText(text, 'f.yaml').objects) {
    const exact = makeExactLocator(o.source!);
    // every existing path, and paths that go past what exists
    for (const p of [...fieldPaths(o.data), ['spec', 'missing', 'deeper'], ['metadata', 'labels', 'x', 0]]) {
      expect({ p, at: o.locate!(p) }).toEqual({ p, at: exact([...o.docPath, ...p]) });
      n++;
    }
  }
  return n;
}

test('flow-style YAML over several lines, with comments, quotes and empty collections', () => {
  const text = [
    '{apiVersion: apps/v1, kind: Deployment, metadata: {name: "web", namespace: \'shop\',   \r\n',
    "  labels: {app: web, \"quoted key\": x, 'it''s': y}}, # a comment\n",
    '  spec: {replicas: 2, template: {spec: {containers: [{name: app, image: "nginx:1.25",\n',
    '    ports: [{containerPort: 80}, {containerPort: 443}], env: [], resources: {},\n',
    '    args: [--flag, "a, b", \'c\'], command: [sh, -c, "echo ok"]}]}}}}\n',
    '---\n',
    '["not", "an object"]\n',
    '---\n',
    '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json"}, "data": {"a.b": "1", "k": "v"}}',
  ].join('');
  expect(compareAll(text)).toBeGreaterThan(40);
});

test('what the flow reader declines is still located exactly', () => {
  const text = [
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: &n anchored}, data: {k: *n}}\n',
    '---\n',
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {"esc\\u0061ped": v, 1: one, yes: y}}\n',
    '---\n',
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: [a: b]}\n',
    '---\n',
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: d,\r  labels: {a: b}}}\n',
  ].join('');
  expect(compareAll(text)).toBeGreaterThan(10);
});
