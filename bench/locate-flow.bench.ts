/**
 * Locations of flow-style YAML against block style (issue 16: flow <= 1.5x block). The same
 * generated objects (2,000 Deployments, Services, NetworkPolicies, PDBs, HPAs in 10 namespaces)
 * are written block style and flow style (`{key: value, list: [a, b]}`); each child process loads
 * one set, runs the catalog without locating, then times locating every finding's path on fresh
 * objects (position indexes built from scratch, document by document as the engine does).
 * Block and flow children alternate; medians, min and max, and the ratio per pair.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generateObjects, writeManifests } from './generate.ts';
import { median, stat, verdict } from './scan-pairs.ts';

const RUNS = Number(process.env.KUBEWARD_BENCH_RUNS ?? 5);
const SELF = import.meta.filename;

interface Sample {
  ms: number;
  located: number;
  fallbacks: number;
}

async function child(dir: string): Promise<void> {
  const { loadManifests } = await import('../src/core/manifests/load.ts');
  const { evaluate } = await import('../src/core/engine.ts');
  const { locatorStats } = await import('../src/core/manifests/locate.ts');
  // the paths findings ask for, from objects that cannot be located
  const first = await loadManifests({ paths: [dir], cwd: dir });
  const index = new Map(first.objects.map((o, i) => [o, i]));
  for (const o of first.objects) o.locate = () => undefined;
  const res = evaluate(first.objects, []);
  const wanted: [number, (string | number)[]][] = [];
  const seen = new Set<string>();
  for (const f of [...res.findings, ...res.suppressed]) {
    const o = first.objects.find((x) => x.ref === f.object);
    if (!o) continue;
    // the engine's paths are formatted; parse them back into segments
    const segs = f.path
      ? f.path
          .replace(/\[(\d+)\]/g, '.$1')
          .split('.')
          .filter(Boolean)
          .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
      : [];
    const key = `${index.get(o)}:${f.path}`;
    if (!seen.has(key)) {
      seen.add(key);
      wanted.push([index.get(o)!, segs]);
    }
  }
  wanted.sort((a, b) => a[0] - b[0]);
  const fresh = await loadManifests({ paths: [dir], cwd: dir });
  const before = locatorStats.exact;
  const t0 = performance.now();
  let located = 0;
  for (const [i, p] of wanted) if (fresh.objects[i].locate?.(p)) located++;
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, located, fallbacks: locatorStats.exact - before }));
}

function once(dir: string): Sample {
  return JSON.parse(execFileSync(process.execPath, [SELF, '--child', dir], { encoding: 'utf8' })) as Sample;
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-flow-'));
  try {
    const objects = generateObjects({
      deployments: 2_000,
      services: 2_000,
      networkPolicies: 2_000,
      pdbs: 2_000,
      hpas: 2_000,
      namespaces: 10,
    });
    writeManifests(path.join(dir, 'block'), objects, 'block');
    writeManifests(path.join(dir, 'flow'), objects, 'flow');
    const block: Sample[] = [];
    const flow: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      block.push(once(path.join(dir, 'block')));
      flow.push(once(path.join(dir, 'flow')));
    }
    const r = block.map((b, i) => flow[i].ms / b.ms);
    console.log(
      `locations of ${block[0].located} findings on ${objects.length} generated objects, ${RUNS} interleaved pairs; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`| style | locate ms | documents on the exact parser |\n|---|---|---|`);
    console.log(
      `| block | ${stat(
        block.map((s) => s.ms),
        0,
      )} | ${block[0].fallbacks} |`,
    );
    console.log(
      `| flow | ${stat(
        flow.map((s) => s.ms),
        0,
      )} | ${flow[0].fallbacks} |`,
    );
    const ratio = median(r);
    console.log(
      `flow / block locations: ${stat(r)}x (target <= 1.5x) ${verdict(ratio, 1.5)}${flow[0].located !== block[0].located ? ` (located ${flow[0].located} vs ${block[0].located}!)` : ''}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF && process.argv[2] === '--child') await child(process.argv[3]);
