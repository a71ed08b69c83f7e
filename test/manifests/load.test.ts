import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadManifests } from '../../src/core/manifests/load.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';

const POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n`;

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-load-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

describe('parseManifestText: bad input never throws and loses nothing', () => {
  test('invalid YAML becomes a problem with line and column; the other documents still load', () => {
    const text = `${POD('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n---\n${POD('c')}`;
    const r = parseManifestText(text, 'f.yaml');
    expect(r.objects.map((o) => o.ref.name)).toEqual(['a', 'c']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'invalid-yaml', file: 'f.yaml' });
    expect(r.problems[0].line).toBeGreaterThanOrEqual(12);
    expect(r.problems[0].line).toBeLessThanOrEqual(14);
  });
  test('Helm template sources get a message telling the user to render first', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n';
    const r = parseManifestText(text, 't.yaml');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].kind).toBe('helm-template');
    expect(r.problems[0].message).toMatch(/render it first/);
  });
  test('{{ }} inside valid YAML strings is ordinary content (Argo, PrometheusRule)', () => {
    const text =
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: w\nspec:\n  arguments:\n    parameters:\n    - name: x\n      value: "{{inputs.parameters.msg}}"\n';
    const r = parseManifestText(text, 'w.yaml');
    expect(r.problems).toEqual([]);
    expect(r.objects).toHaveLength(1);
  });
  test('an alias bomb is refused with a message, not expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${levels.join('\n')}\n`;
    const r = parseManifestText(text, 'bomb.yaml');
    expect(r.objects).toEqual([]);
    expect(r.problems[0].message).toMatch(/alias bomb/);
  });
  test('BOM, CRLF, empty file, comment-only file', () => {
    expect(parseManifestText('\ufeff' + POD('bom'), 'b.yaml').objects[0].ref.name).toBe('bom');
    expect(parseManifestText(POD('crlf').replace(/\n/g, '\r\n'), 'c.yaml').objects[0].ref.name).toBe('crlf');
    expect(parseManifestText('', 'e.yaml')).toEqual({ objects: [], skipped: [], problems: [] });
    expect(parseManifestText('# nothing\n---\n', 'e.yaml')).toEqual({ objects: [], skipped: [], problems: [] });
  });
  test('bare strings, lists and non-Kubernetes mappings are skipped and counted with a reason', () => {
    const r = parseManifestText('just a string\n---\n- a\n- b\n---\nfoo: bar\n---\n' + POD('ok'), 's.yaml');
    expect(r.objects.map((o) => o.ref.name)).toEqual(['ok']);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/bare string/),
      expect.stringMatching(/is a list/),
      expect.stringMatching(/no apiVersion\/kind/),
    ]);
    expect(r.skipped.map((s) => s.line)).toEqual([1, 3, 6]);
  });
  test('kind: List and *List items are expanded', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: one}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: two}\n';
    const r = parseManifestText(text, 'l.yaml');
    expect(r.objects.map((o) => [o.ref.name, o.docPath])).toEqual([
      ['one', ['items', 0]],
      ['two', ['items', 1]],
    ]);
  });
  test('YAML 1.1 booleans and octals are read as Kubernetes reads them; dates stay strings', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {when: 2024-01-01}\nspec:\n  hostNetwork: yes\n  hostPID: off\n  volumes:\n  - name: v\n    secret: {secretName: s, defaultMode: 0644}\n';
    const d = parseManifestText(text, 'b.yaml').objects[0].data as Record<string, Record<string, unknown>>;
    expect(d.spec.hostNetwork).toBe(true);
    expect(d.spec.hostPID).toBe(false);
    expect((d.spec.volumes as { secret: { defaultMode: number } }[])[0].secret.defaultMode).toBe(0o644);
    expect((d.metadata.annotations as Record<string, unknown>).when).toBe('2024-01-01');
  });
  test('property: never throws on arbitrary text, and locate never throws', () => {
    const yamlish = fc.array(
      fc.oneof(
        fc.constantFrom(
          '---',
          '- ',
          'a: ',
          'apiVersion: v1',
          'kind: Pod',
          '  ',
          '{',
          '}',
          '[',
          ']',
          '"',
          "'",
          '|',
          '>',
          '&x ',
          '*x',
          '#',
          ':',
          '\t',
          '\r\n',
          '\n',
          '{{ .X }}',
          '? ',
          '!!str ',
        ),
        fc.string(),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          yamlish.map((a) => a.join('')),
        ),
        fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.nat(5)), { maxLength: 6 }),
        (text, p) => {
          const r = parseManifestText(text, 'p.yaml');
          for (const o of r.objects) o.locate!(p);
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('loadManifests', () => {
  test('directories recurse over .yaml, .yml and .json; other files are ignored', async () => {
    const dir = tree({
      'a.yaml': POD('a'),
      'sub/b.yml': POD('b'),
      'sub/deep/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' } }),
      'README.md': '# not a manifest',
      'node_modules/x/d.yaml': POD('d'),
    });
    const inv = await loadManifests({ paths: [dir], cwd: dir });
    expect(inv.objects.map((o) => o.ref.name).sort()).toEqual(['a', 'b', 'c']);
    expect(inv.files).toEqual(['a.yaml', 'sub/b.yml', 'sub/deep/c.json']);
    expect(inv.errors).toEqual([]);
  });
  test('globs, include and exclude patterns', async () => {
    const dir = tree({ 'deploy/a.yaml': POD('a'), 'deploy/legacy/b.yaml': POD('b'), 'other/c.yaml': POD('c') });
    const glob = await loadManifests({ paths: ['deploy/**/*.yaml'], cwd: dir });
    expect(glob.objects.map((o) => o.ref.name).sort()).toEqual(['a', 'b']);
    const filtered = await loadManifests({
      paths: ['.'],
      cwd: dir,
      include: ['deploy/**'],
      exclude: ['deploy/legacy/**'],
    });
    expect(filtered.objects.map((o) => o.ref.name)).toEqual(['a']);
    const none = await loadManifests({ paths: ['nothing/**/*.yaml'], cwd: dir });
    expect(none.errors[0].message).toMatch(/no manifest files match/);
  });
  test('stdin with -', async () => {
    const inv = await loadManifests({ paths: ['-'], readStdin: async () => POD('from-stdin') });
    expect(inv.objects[0].ref.name).toBe('from-stdin');
    expect(inv.objects[0].file).toBe('<stdin>');
    expect(inv.objects[0].locate!(['spec', 'containers', 0, 'image'])!.line).toBe(8);
  });
  test('a missing path is an error; the other paths are still read', async () => {
    const dir = tree({ 'a.yaml': POD('a') });
    const inv = await loadManifests({ paths: ['missing.yaml', 'a.yaml'], cwd: dir });
    expect(inv.objects).toHaveLength(1);
    expect(inv.errors).toEqual([{ file: 'missing.yaml', message: 'cannot read: no such file or directory' }]);
  });
  test('symlink loops and broken links: a clear message, no crash', async () => {
    const dir = tree({ 'a/x.yaml': POD('x') });
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'a', 'broken.yaml'));
    const inv = await loadManifests({ paths: ['.'], cwd: dir });
    expect(inv.objects.map((o) => o.ref.name)).toEqual(['x']);
    expect(inv.skipped.some((s) => /symlink loop/.test(s.reason))).toBe(true);
    expect(inv.errors).toEqual([{ file: 'a/broken.yaml', message: 'cannot read: no such file or directory' }]);
  });
  test('an unreadable directory is reported and the rest is scanned', async () => {
    const dir = tree({ 'ok/a.yaml': POD('a'), 'locked/b.yaml': POD('b') });
    chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const inv = await loadManifests({ paths: ['.'], cwd: dir });
      expect(inv.objects.map((o) => o.ref.name)).toContain('a');
      // root reads through permissions: then both are scanned and nothing is lost either way
      if (process.getuid?.() !== 0)
        expect(inv.errors[0]).toMatchObject({ file: 'locked', message: expect.stringMatching(/permission denied/) });
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
  test('binary files and files over the size limit become problems, not crashes', async () => {
    const dir = tree({
      'bin.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      'big.yaml': 'a: ' + 'x'.repeat(2048) + '\n',
      'ok.yaml': POD('ok'),
    });
    const inv = await loadManifests({ paths: ['.'], cwd: dir, maxFileBytes: 1024 });
    expect(inv.objects.map((o) => o.ref.name)).toEqual(['ok']);
    expect(inv.problems.map((p) => [p.file, p.kind])).toEqual([
      ['big.yaml', 'too-large'],
      ['bin.yaml', 'binary'],
    ]);
    expect(inv.problems[0].message).toMatch(/over the .* limit/);
  });
  test('a 50 MB file is refused by the default limit with a clear message', async () => {
    const dir = tree({ 'huge.yaml': Buffer.alloc(50 * 1024 * 1024, 'a') });
    const inv = await loadManifests({ paths: ['.'], cwd: dir });
    expect(inv.problems).toHaveLength(1);
    expect(inv.problems[0]).toMatchObject({ kind: 'too-large', file: 'huge.yaml' });
  });
});

describe('kustomize patches', () => {
  test('a strategic-merge patch is skipped with a reason, not judged as a whole object', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-server
spec:
  template:
    spec:
      containers:
      - name: metrics-server
        resources:
          $patch: delete
---
${POD('whole')}`;
    const r = parseManifestText(text, 'patch.yaml');
    expect(r.objects.map((o) => o.ref.name)).toEqual(['whole']);
    expect(r.skipped).toEqual([
      { file: 'patch.yaml', line: 1, reason: expect.stringMatching(/kustomize strategic-merge patch/) },
    ]);
  });
});
