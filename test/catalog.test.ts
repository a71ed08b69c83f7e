/**
 * The catalog holds every rule id of ../shared/RULES.md (the Dockerfile table included) with the
 * default severity and on/off state written there. Skips without ../shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { catalog } from '../src/core/rules/index.ts';

const RULES_MD = path.resolve(import.meta.dirname, '../../shared/RULES.md');
const present = existsSync(RULES_MD);
if (!present) console.warn(`${RULES_MD} not found: the catalog-coverage test is skipped`);

interface Row {
  id: string;
  sev: string;
  table: string;
}

function rows(): Row[] {
  const out: Row[] = [];
  let table = '';
  for (const line of readFileSync(RULES_MD, 'utf8').split('\n')) {
    const h = /^## (.+)$/.exec(line);
    if (h) table = h[1];
    const m = /^\| ([a-z0-9-]+) \|[^|]*\| ([a-z]+|off[^|]*) \|/.exec(line);
    if (m && m[1] !== 'id') out.push({ id: m[1], sev: m[2].trim(), table });
  }
  return out;
}

(present ? describe : describe.skip)('rule catalog vs RULES.md', () => {
  const byId = new Map(catalog.map((r) => [r.meta.id, r.meta]));
  const wanted = present ? rows() : [];

  test('every id is in the catalog', () => {
    expect(wanted.length).toBeGreaterThan(100);
    expect(wanted.filter((r) => !byId.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  test('default severities and on/off states match', () => {
    const wrong: string[] = [];
    for (const r of wanted) {
      const m = byId.get(r.id);
      if (!m) continue;
      if (r.sev.startsWith('off')) {
        if (m.enabledByDefault) wrong.push(`${r.id}: should be off by default`);
      } else if (/^(critical|high|medium|low|info)$/.test(r.sev)) {
        if (!m.enabledByDefault) wrong.push(`${r.id}: should be on by default`);
        if (m.severity !== r.sev) wrong.push(`${r.id}: severity ${m.severity}, RULES.md says ${r.sev}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
