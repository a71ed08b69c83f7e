import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../src/core/rules/index.ts';
import { documentedRules, renderRuleDoc, renderRuleDocs, withRuleProperties } from '../src/core/docs.ts';
import { configSchema } from '../src/core/config.ts';
import type { RuleMeta } from '../src/core/rules/types.ts';

const root = path.resolve(import.meta.dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');
const STALE = 'docs/rules is out of date: run `npm run docs`';

describe('generated rule docs', () => {
  const wanted = renderRuleDocs(documentedRules());

  test('every catalog rule has its page, and the pages match the metadata', () => {
    const stale: string[] = [];
    for (const [name, text] of wanted) {
      const file = path.join(docsDir, name);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(name);
    }
    if (stale.length) throw new Error(`${STALE} (stale or missing: ${stale.join(', ')})`);
  });

  test('no page for a rule that is not in the catalog', () => {
    const extra = readdirSync(docsDir).filter((n) => n.endsWith('.md') && !wanted.has(n));
    if (extra.length) throw new Error(`${STALE} (no such rule: ${extra.join(', ')})`);
  });

  test("the index lists every catalog rule, and the suppressor's rules", () => {
    const index = readFileSync(path.join(docsDir, 'README.md'), 'utf8');
    const missing = [...catalog.map((r) => r.meta.id), 'invalid-suppression', 'expired-exemption'].filter(
      (id) => !index.includes(`[\`${id}\`](${id}.md)`),
    );
    expect(missing).toEqual([]);
  });

  test('the schema lists every catalog rule and its options', () => {
    const expected = withRuleProperties(configSchema as Record<string, unknown>, documentedRules());
    if (JSON.stringify(expected) !== JSON.stringify(configSchema)) {
      throw new Error('schema/kubeward.schema.json is out of date: run `npm run docs`');
    }
  });
});

describe('renderRuleDoc', () => {
  const meta: RuleMeta = {
    id: 'replicas-minimum',
    title: 'Too few replicas',
    severity: 'medium',
    enabledByDefault: false,
    category: 'availability',
    pss: 'baseline',
    cis: '5.7.1',
    rationale: 'One replica | one outage.',
    remediation: 'Run more replicas.',
    example: 'spec:\n  replicas: 3\n',
    references: ['https://kubernetes.io/docs/concepts/workloads/'],
    options: { min: { type: 'number', description: 'Minimum replicas.', default: 2 } },
  };
  const text = renderRuleDoc(meta);

  test('has every section, from the metadata', () => {
    for (const s of [
      '# replicas-minimum: Too few replicas',
      '| Default severity | medium |',
      '| Enabled by default | no',
      '| Pod Security Standards | baseline (turned on by `preset: baseline` and `preset: restricted`) |',
      '| CIS Kubernetes Benchmark | 5.7.1 |',
      '## What it checks',
      '## Why it matters\n\nOne replica | one outage.',
      '## How to fix it\n\nRun more replicas.\n\n```yaml\nspec:\n  replicas: 3\n```',
      '| `min` | number | `2` | Minimum replicas. |',
      '```yaml\nrules:\n  replicas-minimum:\n    enabled: true\n    severity: medium\n    min: 2\n```',
      'kubeward.io/ignore: "replicas-minimum -- <why this object is an exception>"',
      '- <https://kubernetes.io/docs/concepts/workloads/>',
    ]) {
      expect(text).toContain(s);
    }
  });

  test('a description, when the rule has one, says what it checks', () => {
    expect(
      renderRuleDoc({ ...meta, description: 'Flags workloads with fewer than `min` replicas.' } as RuleMeta),
    ).toContain('## What it checks\n\nFlags workloads with fewer than `min` replicas.');
  });

  test('a rule without options says so', () => {
    expect(renderRuleDoc({ ...meta, options: undefined })).toContain('None besides `enabled` and `severity`.');
  });
});

describe('every doc is self-contained', () => {
  // README, CONTRIBUTING and docs/**: a relative link or image must name a file of this repository
  // (a user's clone has nothing beside it, e.g. no ../shared)
  const docs = [
    'README.md',
    'CONTRIBUTING.md',
    ...readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join('docs', f)),
  ];
  test.each(docs)('%s: relative links resolve inside the repository', (doc) => {
    const text = readFileSync(path.join(root, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
    const bad: string[] = [];
    for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<img [^>]*src="([^"]+)"/g)) {
      const target = (m[1] ?? m[2]).split('#')[0];
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const file = path.resolve(root, path.dirname(doc), decodeURIComponent(target));
      if (!file.startsWith(root + path.sep) || !existsSync(file)) bad.push(target);
    }
    expect(bad).toEqual([]);
    expect(text).not.toMatch(/\.\.\/shared\/(?!corpus)|shared\/ARCHITECTURE/);
  });
});

test('no doc runs a bare `npx kubeward` (npx would fetch whatever package has that name)', () => {
  const docs = ['README.md', 'CONTRIBUTING.md', 'examples/README.md'].concat(
    readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join('docs', f)),
  );
  const bare = docs.flatMap((d) =>
    readFileSync(path.join(root, d), 'utf8')
      .split('\n')
      .map((l, i) => ({ at: `${d}:${i + 1}`, l }))
      .filter(({ l }) => /\bnpx\s+(?:-y\s+|--yes\s+)?kubeward\b/.test(l))
      .map(({ at }) => at),
  );
  expect(bare).toEqual([]);
});
