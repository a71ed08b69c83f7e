/**
 * Robustness on ../shared/corpus (real manifests from 26 public projects). Skips, saying so,
 * when the corpus is absent (a user's clone has none).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { loadManifests } from '../../src/core/manifests/load.ts';
import { lineStarts, makeExactLocator } from '../../src/core/manifests/locate.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import type { PathSegment } from '../../src/core/model.ts';
import { CORPUS_DIR, corpusFiles, describeCorpus } from '../support/corpus.ts';

function* fieldPaths(v: unknown, p: PathSegment[] = []): Generator<PathSegment[]> {
  if (p.length) yield p;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* fieldPaths(v[i], [...p, i]);
  else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) yield* fieldPaths((v as Record<string, unknown>)[k], [...p, k]);
}

describeCorpus()('shared corpus', () => {
  test('every file loads: 2,301 files, 4,253 objects (kustomize patches skipped), no problem but duplicate keys, no error', async () => {
    const inv = await loadManifests({ paths: [CORPUS_DIR], cwd: CORPUS_DIR, exclude: ['_unparseable/**'] });
    expect(inv.files).toHaveLength(2301);
    const patches = inv.skipped.filter((s) => /kustomize strategic-merge patch/.test(s.reason));
    expect(inv.skipped).toEqual(patches);
    expect(patches.length).toBeLessThan(5);
    expect(inv.objects.length + patches.length).toBe(4253);
    // real manifests do hold duplicate keys (reported as duplicate-key findings): exactly the ones
    // the yaml package's uniqueKeys check finds, at the second key's line
    expect(inv.problems.filter((p) => p.kind !== 'duplicate-key')).toEqual([]);
    const ours = inv.problems.map((p) => `${p.file}:${p.line}`).sort();
    const theirs = [...new Set(ours.map((l) => l.slice(0, l.lastIndexOf(':'))))].flatMap((f) => {
      const text = readFileSync(path.join(CORPUS_DIR, f), 'utf8');
      return parseAllDocuments(text, { prettyErrors: true }).flatMap((d) =>
        d.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => `${f}:${e.linePos?.[0].line}`),
      );
    });
    expect(ours).toEqual(theirs.sort());
    expect(ours.length).toBeLessThan(30);
    expect(inv.errors).toEqual([]);
  });

  test('_unparseable: no crash; Helm-style {{ }} sources are reported as templates to render', async () => {
    const inv = await loadManifests({ paths: [path.join(CORPUS_DIR, '_unparseable')], cwd: CORPUS_DIR });
    expect(inv.files.length).toBe(78);
    const tsv = readFileSync(path.join(CORPUS_DIR, '_unparseable', 'UNPARSEABLE.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const braces = tsv
      .map((l) => l.split('\t'))
      .filter((c) => (c[6] ?? '').includes('double-braces'))
      .map((c) => c[3]);
    expect(braces.length).toBeGreaterThan(40);
    const flagged = new Set(
      inv.problems.filter((p) => p.kind === 'helm-template' || p.kind === 'invalid-yaml').map((p) => p.file),
    );
    expect(braces.filter((f) => !flagged.has(f))).toEqual([]);
    for (const p of inv.problems) expect(p.line).toBeGreaterThan(0);
  });

  test('fast locator agrees with the yaml package on every field path (sampled files)', () => {
    let compared = 0;
    const diffs: string[] = [];
    corpusFiles().forEach((f, n) => {
      if (n % 4 !== 0) return;
      const parsed = parseManifestText(readFileSync(f, 'utf8'), f);
      for (const o of parsed.objects) {
        const src = o.source!;
        // documents the yaml package itself misreads are not a reference
        if (parseDocument(src.fileText.slice(src.start, src.end), { version: '1.1', uniqueKeys: false }).errors.length)
          continue;
        const starts = lineStarts(src.fileText);
        const exact = makeExactLocator(src, () => starts);
        let k = 0;
        for (const p of fieldPaths(o.data)) {
          if (++k > 300) break;
          // the yaml package does not match a bare `.` key (managedFields) by its string
          if (p.includes('.')) continue;
          compared++;
          const a = o.locate!(p)!;
          const b = exact([...o.docPath, ...p]);
          if (a.line !== b.line || a.column !== b.column)
            diffs.push(
              `${path.basename(f)} ${JSON.stringify(p)} fast ${a.line}:${a.column} exact ${b.line}:${b.column}`,
            );
        }
      }
    });
    expect(compared).toBeGreaterThan(30000);
    expect(diffs.slice(0, 10)).toEqual([]);
  });
});
