/**
 * The loader keeps a file's text as its documents' texts (issue 16: not the file and js-yaml's
 * copy of it both): the whole text, each document's text and its position must still be exact.
 */
import { parseManifestText } from '../../src/core/manifests/parse.ts';

const text = [
  '# leading comment\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "v"\n',
  '---\n# only a comment\n',
  '--- \napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n',
  '---\nkey: [unclosed\n',
  '---\n\uFEFFapiVersion: v1\nkind: Secret\nmetadata:\n  name: c\n',
  '...\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\r\ndata:\n  x: |\n    one\n    two',
].join('');

test("each object's source rebuilds the file's text and holds its document's", () => {
  const parsed = parseManifestText(text, 'f.yaml');
  expect(parsed.objects.map((o) => o.ref.name)).toEqual(['a', 'b', 'c', 'd']);
  expect(parsed.problems).toHaveLength(1);
  for (const o of parsed.objects) {
    const s = o.source!;
    expect(s.fileText).toBe(text);
    expect(s.text).toBe(text.slice(s.start, s.end));
    const before = text.slice(0, s.start).split('\n');
    expect([s.line, s.column]).toEqual([before.length, before[before.length - 1].length]);
    expect(s.fileIncludes?.('only a comment')).toBe(true);
    expect(s.fileIncludes?.('not in the file')).toBe(false);
  }
});

test('locations are the same as from the whole text', () => {
  const parsed = parseManifestText(text, 'f.yaml');
  const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
  const [a, b, c, d] = parsed.objects;
  expect(a.locate!(['data', 'k'])).toMatchObject({ line: lineOf('  k: "v"'), column: 3 });
  expect(b.locate!(['metadata', 'name'])).toMatchObject({ line: lineOf('  metadata: {name: b}') });
  expect(c.locate!(['metadata', 'name'])).toMatchObject({ line: lineOf('  name: c'), column: 3 });
  expect(d.locate!(['data', 'x'])).toMatchObject({ line: lineOf('  x: |'), column: 3 });
});
