/**
 * Time per rule on ../shared/corpus (issue 16: the per-rule table), to find the slow ones: each
 * enabled rule evaluated alone over the loaded corpus (violations located, as in a scan), CPU
 * time, median of 3 rounds. A rule's shared indexes (the inventory, ctx.memo) are counted in
 * every rule that builds them, so the sum is above a scan's rule time.
 * `npm run bench -- rules`; KUBEWARD_BENCH_TOP sets the rows shown (default 25).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { defaultSetting, evaluate } from '../src/core/engine.ts';
import { loadManifests } from '../src/core/manifests/load.ts';
import { catalog } from '../src/core/rules/index.ts';
import { median } from './scan-pairs.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const TOP = Number(process.env.KUBEWARD_BENCH_TOP ?? 25);

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export default async function bench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} not found`);
    return;
  }
  let t = cpu();
  const inv = await loadManifests({ paths: [CORPUS], cwd: CORPUS, exclude: ['_unparseable/**'] });
  const loadMs = cpu() - t;
  const rules = catalog.filter((r) => defaultSetting(r.meta).enabled);
  const times = new Map<string, number[]>();
  const found = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    for (const rule of rules) {
      t = cpu();
      const r = evaluate(inv.objects, [], { rules: [rule] });
      const ms = cpu() - t;
      times.set(rule.meta.id, [...(times.get(rule.meta.id) ?? []), ms]);
      found.set(rule.meta.id, r.findings.length + r.suppressed.length);
    }
  }
  const rows = [...times].map(([id, xs]) => ({ id, ms: median(xs), findings: found.get(id) ?? 0 }));
  rows.sort((a, b) => b.ms - a.ms);
  const total = rows.reduce((a, r) => a + r.ms, 0);
  console.log(
    `per-rule CPU time on the corpus (${inv.objects.length} objects; loading them: ${loadMs.toFixed(0)} ms), median of 3; load average ${loadavg()[0].toFixed(1)}`,
  );
  console.log('| rule | ms | share | findings |\n|---|---|---|---|');
  for (const r of rows.slice(0, TOP))
    console.log(`| ${r.id} | ${r.ms.toFixed(0)} | ${((100 * r.ms) / total).toFixed(1)}% | ${r.findings} |`);
  console.log(`| all ${rows.length} enabled rules, each alone | ${total.toFixed(0)} | 100% | |`);
}
