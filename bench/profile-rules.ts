/** Time spent per rule on the corpus (for finding slow rules). `npx node bench/profile-rules.ts` */
import { loadManifests } from '../src/core/manifests/load.ts';
import { evaluate } from '../src/core/engine.ts';
import { catalog } from '../src/core/rules/index.ts';
const CORPUS = new URL('../../shared/corpus', import.meta.url).pathname;
let t = process.cpuUsage().user / 1000;
const inv = await loadManifests({ paths: [CORPUS], cwd: CORPUS, exclude: ['_unparseable/**'] });
console.log('load', Math.round(process.cpuUsage().user / 1000 - t), 'ms');
const rows: [string, number, number][] = [];
for (const rule of catalog) {
  t = process.cpuUsage().user / 1000;
  const r = evaluate(inv.objects, [], {
    rules: [rule],
    settings: () => ({
      enabled: true,
      severity: rule.meta.severity,
      options: Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([k, o]) => [k, o.default])),
    }),
  });
  rows.push([rule.meta.id, Math.round(process.cpuUsage().user / 1000 - t), r.findings.length]);
}
rows.sort((a, b) => b[1] - a[1]);
console.log(
  rows
    .slice(0, 25)
    .map((r) => r.join('\t'))
    .join('\n'),
);
console.log(
  'total rules ms',
  rows.reduce((a, r) => a + r[1], 0),
  'rules',
  rows.length,
);
