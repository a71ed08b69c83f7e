/**
 * Scan benchmark on ../shared/corpus: the whole scan (load, every rule, locations, JSON report)
 * against its floor (read the same files and parse them with js-yaml, nothing else), each in a
 * fresh process so peak memory is its own. Targets: scan <= 2x floor, peak RSS <= 500 MB.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const RUNS = 3;

interface Sample {
  ms: number;
  rssMB: number;
  objects: number;
  files: number;
  findings?: number;
  bytes?: number;
}

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('_')) continue;
    for (const f of readdirSync(path.join(CORPUS, d.name))) out.push(path.join(CORPUS, d.name, f));
  }
  return out;
}

/** Child mode: one measurement, printed as JSON. */
async function child(mode: string): Promise<void> {
  // modules load before the clock starts, for both: users run the bundled dist/, which needs no
  // TypeScript stripping, and the floor's own js-yaml import is not timed either
  const yaml = (await import('js-yaml')).default;
  const { scan } = await import('../src/core/scan.ts');
  const { formatReport } = await import('../src/core/report/index.ts');
  const t0 = performance.now();
  let sample: Sample;
  if (mode === 'floor') {
    let objects = 0;
    let bytes = 0;
    const files = corpusFiles();
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
    sample = { ms: performance.now() - t0, rssMB: 0, objects, files: files.length, bytes };
  } else {
    const report = await scan({ paths: [CORPUS], cwd: CORPUS, exclude: ['_unparseable/**'] });
    formatReport(report, 'json');
    sample = {
      ms: performance.now() - t0,
      rssMB: 0,
      objects: report.objectsScanned,
      files: report.filesScanned,
      findings: report.findings.length,
    };
  }
  sample.rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(sample));
}

function measure(mode: string, nodeFlags: string[] = []): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const json = execFileSync(process.execPath, [...nodeFlags, import.meta.filename, '--child', mode], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    out.push(JSON.parse(json) as Sample);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} not found (the corpus ships with ../shared, not with the repo)`);
    return;
  }
  const floor = measure('floor');
  const full = measure('scan');
  const f = median(floor.map((s) => s.ms));
  const s = median(full.map((x) => x.ms));
  const rss = Math.max(...full.map((x) => x.rssMB));
  const { objects, files, findings } = full[0];
  const mb = (floor[0].bytes ?? 0) / 1e6;
  console.log(
    `corpus: ${files} files, ${mb.toFixed(1)} MB, ${objects} objects (median of ${RUNS} runs, each in a fresh process)`,
  );
  console.log(
    `floor (read + js-yaml parse): ${(f / 1000).toFixed(2)} s, ${(mb / (f / 1000)).toFixed(0)} MB/s, peak RSS ${median(floor.map((x) => x.rssMB)).toFixed(0)} MB`,
  );
  console.log(
    `scan (load + all rules + locations + json report): ${(s / 1000).toFixed(2)} s, ${Math.round(objects / (s / 1000))} objects/s, ${findings} findings, peak RSS ${rss.toFixed(0)} MB`,
  );
  const ratio = s / f;
  console.log(
    `scan / floor: ${ratio.toFixed(2)}x (target <= 2x) ${ratio <= 2 ? 'OK' : 'OVER'}; peak RSS ${rss.toFixed(0)} MB (target <= 500 MB) ${rss <= 500 ? 'OK' : 'OVER'}`,
  );
  // V8 sizes the young generation from the machine's memory (64 MB semispaces on a 24 GB
  // machine); parsed manifests survive scavenges, so it grows to its cap. The same scan with a
  // capped young generation shows how much of the peak is that headroom rather than data.
  const capped = measure('scan', ['--max-semi-space-size=8']);
  const cappedRss = Math.max(...capped.map((x) => x.rssMB));
  const cappedMs = median(capped.map((x) => x.ms));
  console.log(
    `scan with node --max-semi-space-size=8: ${(cappedMs / 1000).toFixed(2)} s (${(cappedMs / f).toFixed(2)}x floor), peak RSS ${cappedRss.toFixed(0)} MB`,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3]);
