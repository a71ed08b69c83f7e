/**
 * Shared by the scan benches: a scan of a directory (and its JSON report written to /dev/null
 * as `kubeward scan -f json -o FILE` writes it) against its floor (read every file and
 * js-yaml loadAll it, nothing else), each in a fresh process so time and peak RSS are its own.
 * Floor and scan runs alternate (floor, scan, floor, scan ...) so a noisy machine slows both alike;
 * each pair gives a ratio, and the tables show the median, min and max.
 *
 * Both CPU time (user + system of the process, the issue's measure) and wall time are recorded;
 * the ratio judged against a target is the CPU-time ratio, the wall ratio is printed beside it.
 * `KUBEWARD_BENCH_RUNS` sets the number of pairs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { scan as Scan } from '../src/core/scan.ts';
import type { reportChunks as ReportChunks } from '../src/core/report/stream.ts';

export interface Sample {
  /** Wall time of the measured part, ms. */
  ms: number;
  /** CPU time (user + system, all threads) of the measured part, ms. */
  cpuMs: number;
  rssMB: number;
  objects: number;
  files: number;
  findings?: number;
  /** Floor: characters of manifest text read; scan: characters of the JSON report. */
  bytes?: number;
}

export interface Pair {
  floor: Sample;
  scan: Sample;
}

/**
 * Every .yaml/.yml/.json file under `dir` (symbolic links followed), skipping `_`-prefixed folders
 * at the top (the corpus's `_unparseable`), as the scan's `exclude: ['_*\/**']` does.
 */
export function manifestFiles(dir: string, top = true): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory() && top && name.startsWith('_')) continue;
    if (st.isDirectory()) out.push(...manifestFiles(full, false));
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(full);
  }
  return out;
}

const SELF = import.meta.filename;

/** Child mode: one measurement of `mode` on `dir`, printed as JSON. */
async function child(mode: string, dir: string): Promise<void> {
  // modules load before the clock starts, for both: users run built JavaScript, which needs no
  // TypeScript stripping, and the floor's own js-yaml import is not timed either
  const yaml = (await import('js-yaml')).default;
  const code = process.env.KUBEWARD_BENCH_CODE ?? '../src';
  const ext = code.endsWith('src') ? 'ts' : 'js';
  const { scan } = (await import(`${code}/core/scan.${ext}`)) as { scan: typeof Scan };
  const { reportChunks } = (await import(`${code}/core/report/stream.${ext}`)) as { reportChunks: typeof ReportChunks };
  const { writeFile } = await import('node:fs/promises');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpu = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let sample: Sample;
  if (mode === 'floor') {
    let objects = 0;
    let bytes = 0;
    const files = manifestFiles(dir);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      bytes += text.length;
      for (const d of yaml.loadAll(text, undefined, { json: true })) {
        const o = d as { kind?: unknown; items?: unknown[] } | null;
        if (o && typeof o === 'object')
          objects +=
            typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items) ? o.items.length : 1;
      }
    }
    sample = { ms: performance.now() - t0, cpuMs: cpu(), rssMB: 0, objects, files: files.length, bytes };
  } else {
    const report = await scan({ paths: [dir], cwd: dir, exclude: ['_*/**'] });
    // written as `kubeward scan -f json -o FILE` writes it: in pieces, to a file
    let bytes = 0;
    const counted = function* () {
      for (const c of reportChunks(report, 'json')) {
        bytes += c.length;
        yield c;
      }
    };
    await writeFile('/dev/null', counted());
    sample = {
      ms: performance.now() - t0,
      cpuMs: cpu(),
      rssMB: 0,
      objects: report.objectsScanned,
      files: report.filesScanned,
      findings: report.findings.length,
      bytes,
    };
  }
  sample.rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(sample));
}

let built: string | undefined;

/**
 * The code the children run: the package's compiled lib/ (what `kubeward` runs; built here once
 * per bench run with `npm run build:lib`), so that peak RSS is not inflated by Node's TypeScript
 * stripping (about 30 MB). KUBEWARD_BENCH_SRC=1 runs src/ instead.
 */
export function benchCode(): string {
  if (process.env.KUBEWARD_BENCH_SRC === '1') return '../src';
  if (!built) {
    const root = path.resolve(import.meta.dirname, '..');
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], {
      cwd: root,
      stdio: 'inherit',
    });
    built = path.join(root, 'lib');
  }
  return built;
}

export function once(mode: 'floor' | 'scan', dir: string, nodeFlags: string[] = []): Sample {
  const json = execFileSync(process.execPath, [...nodeFlags, SELF, '--child', mode, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, KUBEWARD_BENCH_CODE: benchCode() },
  });
  return JSON.parse(json) as Sample;
}

/** Floor and scan alternately, `runs` pairs. */
export function interleaved(dir: string, runs: number, nodeFlags: string[] = []): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < runs; i++) pairs.push({ floor: once('floor', dir), scan: once('scan', dir, nodeFlags) });
  return pairs;
}

export const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

export const stat = (xs: number[], d = 2): string =>
  `${median(xs).toFixed(d)} (min ${Math.min(...xs).toFixed(d)}, max ${Math.max(...xs).toFixed(d)})`;

/** `OK` or `OVER`, for a figure against its target. */
export const verdict = (value: number, target: number): string => (value <= target ? 'OK' : 'OVER');

/** Prints the pairs as a table; returns the medians judged against targets. */
export function table(label: string, pairs: Pair[]): { ratio: number; wallRatio: number; rss: number } {
  const f = pairs.map((p) => p.floor.cpuMs / 1000);
  const s = pairs.map((p) => p.scan.cpuMs / 1000);
  const r = pairs.map((p) => p.scan.cpuMs / p.floor.cpuMs);
  const w = pairs.map((p) => p.scan.ms / p.floor.ms);
  const rss = pairs.map((p) => p.scan.rssMB);
  const frss = pairs.map((p) => p.floor.rssMB);
  console.log(
    `| ${label} | floor CPU s | scan CPU s | scan/floor CPU (per pair) | scan/floor wall | scan peak RSS MB | floor peak RSS MB |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  pairs.forEach((p, i) =>
    console.log(
      `| pair ${i + 1} | ${f[i].toFixed(2)} | ${s[i].toFixed(2)} | ${r[i].toFixed(2)}x | ${w[i].toFixed(2)}x | ${rss[i].toFixed(0)} | ${frss[i].toFixed(0)} |`,
    ),
  );
  console.log(
    `| median (min, max) | ${stat(f)} | ${stat(s)} | ${stat(r)}x | ${stat(w)}x | ${stat(rss, 0)} | ${stat(frss, 0)} |`,
  );
  return { ratio: median(r), wallRatio: median(w), rss: median(rss) };
}

/** The set measured, and the machine's load, before a table. */
export function describe(what: string, pairs: Pair[]): void {
  const { objects, files, findings } = pairs[0].scan;
  const mb = (pairs[0].floor.bytes ?? 0) / 1e6;
  const report = (pairs[0].scan.bytes ?? 0) / 1e6;
  console.log(
    `${what} (code: ${path.relative(process.cwd(), benchCode()) || '.'}): ${files} files, ${mb.toFixed(1)} MB, ${objects} objects, ${findings} findings (JSON report ${report.toFixed(1)} MB); ${pairs.length} interleaved pairs, each run in a fresh process; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
}

if (process.argv[1] === SELF && process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
