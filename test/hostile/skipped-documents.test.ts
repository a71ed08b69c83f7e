/**
 * Hostile input (issue 10, section 1): no document is skipped without a word. A BOM at the start of
 * a later document and a List inside a List are read; `items` as a map is reported; duplicate keys
 * are a `duplicate-key` finding (medium) at the second key's line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scan } from '../../src/core/scan.ts';
import { getRule } from '../../src/core/rules/index.ts';
import { cli, tree } from './support.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const privileged = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: prod
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

async function scanText(text: string) {
  const dir = tree({ 'm.yaml': text });
  return scan({ paths: ['m.yaml'], cwd: dir });
}

const names = (r: Awaited<ReturnType<typeof scanText>>, rule: string) =>
  r.findings.filter((f) => f.ruleId === rule).map((f) => f.object?.name);

describe('documents a lenient reader would skip', () => {
  test('a BOM at the start of a later document: the document is read', async () => {
    const r = await scanText(`${privileged('first')}---\n\uFEFF${privileged('second')}`);
    expect(r.objectsScanned).toBe(2);
    expect(r.skipped).toEqual([]);
    expect(names(r, 'privileged-container').sort()).toEqual(['first', 'second']);
  });

  test('a kind: List inside a List: the inner items are read and located', async () => {
    const inner = privileged('nested')
      .split('\n')
      .map((l) => (l ? `      ${l}` : l))
      .join('\n')
      .replace(/^ {6}/, '    - ');
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items:\n${inner.replace(/^( {4}- )/, '    - ')}`;
    const r = await scanText(text);
    expect(r.objectsScanned).toBe(1);
    const f = r.findings.find((x) => x.ruleId === 'privileged-container');
    expect(f).toMatchObject({ object: { name: 'nested' }, location: { line: 17 } });
    expect(text.split('\n')[16].trim()).toBe('privileged: true');
  });

  test('`items` as a map: reported at the items line, exit 2 when nothing else was read', async () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  first:\n${privileged('hidden')
      .split('\n')
      .map((l) => (l ? `    ${l}` : l))
      .join('\n')}`;
    const r = await scanText(text);
    const bad = r.findings.filter((f) => f.ruleId === 'invalid-yaml');
    expect(bad).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: 'm.yaml', line: 3 }) })]);
    expect(bad[0].message).toMatch(/items.*map/);
    const dir = tree({ 'm.yaml': text });
    expect((await cli(['scan', 'm.yaml'], dir)).code).toBe(2);
  });

  test('duplicate keys: a medium duplicate-key finding at the second key, per duplicate, naming the object', async () => {
    const text = privileged('dup')
      .replace('        privileged: true\n', '        privileged: true\n        privileged: false\n')
      .replace('  namespace: prod\n', '  namespace: prod\n  namespace: prod\n');
    const r = await scanText(text);
    const dups = r.findings.filter((f) => f.ruleId === 'duplicate-key');
    expect(dups.map((f) => [f.severity, f.location?.line, f.path, f.object?.name])).toEqual([
      ['medium', 6, 'metadata.namespace', 'dup'],
      ['medium', 13, 'spec.containers[0].securityContext.privileged', 'dup'],
    ]);
    expect(dups[1].message).toMatch(/privileged.*line 12/);
  });

  test('duplicate keys inside a List item name that item', async () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: cm\n      name: cm2\n`;
    const r = await scanText(text);
    expect(r.findings.filter((f) => f.ruleId === 'duplicate-key')).toEqual([
      expect.objectContaining({
        path: 'metadata.name',
        object: expect.objectContaining({ kind: 'ConfigMap' }),
        location: expect.objectContaining({ line: 8 }),
      }),
    ]);
  });

  test('duplicate keys in a JSON manifest are reported too', async () => {
    const dir = tree({
      'm.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},\n"data":{"k":"1",\n"k":"2"}}',
    });
    const r = await scan({ paths: ['m.json'], cwd: dir });
    expect(r.findings.filter((f) => f.ruleId === 'duplicate-key').map((f) => [f.location?.line, f.path])).toEqual([
      [3, 'data.k'],
    ]);
  });

  test('a key overriding a merge key (<<) is not a duplicate; a real duplicate beside it is', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  namespace: prod\ndata:\n  base: &b { a: "1" }\n  other:\n    <<: *b\n    a: "2"\n    b: "3"\n    b: "4"\n`;
    const r = await scanText(text);
    expect(r.objectsScanned).toBe(1);
    expect(
      r.findings.filter((f) => f.ruleId === 'duplicate-key' || f.ruleId === 'invalid-yaml').map((f) => f.path),
    ).toEqual(['data.other.b']);
  });

  test('duplicate-key is in the catalog with its generated docs page', () => {
    expect(getRule('duplicate-key')?.meta).toMatchObject({ severity: 'medium', enabledByDefault: true });
    const page = `${ROOT}docs/rules/duplicate-key.md`;
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain('strict');
  });
});
