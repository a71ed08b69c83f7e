/**
 * Rendered sources on ../shared/sources: every Helm chart with each of its value sets (default,
 * ci/*.yaml, values-*.yaml) as environments, and every Kustomize tree. Prints, per source, the
 * findings per environment, the share traced to a template/values line that holds the key, and
 * the time spent rendering (helm/kustomize) against kubeward's own time (tracing, rules, report).
 * Needs helm and kustomize (scripts/cluster/build.sh helm kustomize); skips what it cannot run.
 * Medians of interleaved runs.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export default async function bench(): Promise<void> {
  const support = await import('../test/support/sources.ts');
  const { scan } = await import('../src/core/scan.ts');
  const { formatReport } = await import('../src/core/report/index.ts');
  if (!support.hasSharedSources) {
    console.log(`shared sources not found at ${support.SHARED_SOURCES}: skipped`);
    return;
  }
  const env = support.toolEnv();
  const targets: { name: string; kind: 'helm' | 'kustomize'; dir: string; envs?: Record<string, string[]> }[] = [];
  if (support.HELM) {
    for (const c of support.sharedCharts())
      targets.push({ name: path.basename(c), kind: 'helm', dir: c, envs: support.chartEnvironments(c) });
  } else console.log('helm not found: charts skipped');
  const kdir = path.join(support.SHARED_SOURCES, 'kustomize');
  if (support.KUSTOMIZE && existsSync(kdir)) {
    for (const d of readdirSync(kdir).sort())
      targets.push({ name: path.basename(d), kind: 'kustomize', dir: path.join(kdir, d) });
  } else console.log('kustomize not found: kustomize trees skipped');

  const rows: string[] = [];
  let keyed = 0;
  let total = 0;
  let renderAll = 0;
  let ownAll = 0;
  const samples = new Map<string, { render: number; own: number }[]>();
  const last = new Map<string, Awaited<ReturnType<typeof scan>>>();
  for (let r = 0; r < RUNS; r++) {
    for (const t of targets) {
      const t0 = performance.now();
      const report = await scan({
        paths: [t.dir],
        cwd: t.dir,
        env,
        ...(t.kind === 'helm'
          ? {
              sources: {
                render: false,
                helm: [
                  {
                    chart: '.',
                    environments: Object.fromEntries(Object.entries(t.envs ?? {}).map(([k, v]) => [k, { values: v }])),
                  },
                ],
              },
            }
          : {}),
      });
      formatReport(report, 'json');
      const wall = performance.now() - t0;
      const render = (report.sources ?? []).reduce((a, s) => a + s.renderMs, 0);
      samples.set(t.name, [...(samples.get(t.name) ?? []), { render, own: wall - render }]);
      last.set(t.name, report);
    }
  }
  for (const t of targets) {
    const report = last.get(t.name)!;
    const s = samples.get(t.name)!;
    const render = median(s.map((x) => x.render));
    const own = median(s.map((x) => x.own));
    renderAll += render;
    ownAll += own;
    const perEnv = new Map<string, number>();
    const envNames = [...new Set((report.sources ?? []).map((x) => x.environment))];
    for (const e of envNames) perEnv.set(e, 0);
    let k = 0;
    for (const f of report.findings) {
      const envs =
        f.details?.environments?.split(', ') ?? (f.details?.environment ? [f.details.environment] : envNames);
      for (const e of envs) perEnv.set(e, (perEnv.get(e) ?? 0) + 1);
      if (f.details?.traced !== 'object' && f.ruleId !== 'invalid-yaml' && support.holdsKey(t.dir, f)) k++;
    }
    const n = report.findings.filter((f) => f.ruleId !== 'invalid-yaml').length;
    keyed += k;
    total += n;
    rows.push(
      `| ${t.name} | ${[...perEnv].map(([e, c]) => `${e} ${c}`).join(', ')} | ${n} | ${n ? ((100 * k) / n).toFixed(1) : '-'}% | ${report.errors.length} | ${render.toFixed(0)} | ${own.toFixed(0)} |`,
    );
  }
  console.log(`${RUNS} interleaved runs, medians; times in ms (render: helm/kustomize; own: kubeward)`);
  console.log(
    '| source | findings per environment | findings | traced to a line holding the key | errors | render ms | own ms |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(
    `total: ${total} findings, ${total ? ((100 * keyed) / total).toFixed(1) : '-'}% traced to a template/values line holding the key; render ${renderAll.toFixed(0)} ms, kubeward ${ownAll.toFixed(0)} ms`,
  );
}
