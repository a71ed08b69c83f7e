/// <reference lib="dom" />
/**
 * The HTML report at scale (issue 15's goal: ≤ 3 MB and first paint ≤ 1 s in headless Chromium):
 * the page's size and, in Debian's chromium driven by playwright-core, first paint, first
 * contentful paint, when the first finding rows are in the DOM, largest contentful paint and the
 * load event, for the 20,000-finding synthetic report of the browser
 * tests and for the scan of ../shared/corpus when present. Runs interleave the reports, each in
 * a fresh page; medians of 7 (`npm run bench -- html-report`). Skips, saying so, without chromium.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/core/model.ts';
import { formatHtml, htmlReportData } from '../src/core/report/html.ts';
import { run } from '../src/cli/run.ts';
import { bigReport } from '../test/report/big-report.ts';

const CHROMIUM = process.env.KUBEWARD_CHROMIUM ?? '/usr/bin/chromium';
const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const RUNS = 7;
const PREFIX = 'https://github.com/acme/shop/blob/abc/';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Timing {
  firstPaint: number;
  firstContentfulPaint: number;
  domContentLoaded: number;
  load: number;
  rows: number;
  /** First finding rows in the DOM (ms from navigation start). */
  firstRows: number;
  largestContentfulPaint: number;
}

export default async function bench(): Promise<void> {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`load average ${load()}`);
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-html-'));
  const pages: { name: string; file: string; findings: number }[] = [];
  const add = (name: string, report: Report) => {
    const file = path.join(dir, `${pages.length}.html`);
    const t0 = performance.now();
    const html = formatHtml(report, { fileUrlPrefix: PREFIX });
    const ms = performance.now() - t0;
    writeFileSync(file, html);
    const bytes = Buffer.byteLength(html);
    console.log(
      `${name}: ${report.findings.length} findings, ${(bytes / 1e6).toFixed(2)} MB (${bytes} bytes), rendered by formatHtml in ${ms.toFixed(0)} ms`,
    );
    pages.push({ name, file, findings: report.findings.length });
  };
  add('synthetic 20,000', bigReport(20_000));
  if (existsSync(CORPUS)) {
    // as a user gets it: `kubeward scan -f html -o` (code excerpts of the scanned files included)
    const file = path.join(dir, 'corpus.html');
    const t0 = performance.now();
    const code = await run(
      [
        'scan',
        '.',
        '--exclude',
        '_unparseable/**',
        '--fail-on',
        'none',
        '-f',
        'html',
        '-o',
        file,
        '--file-url-prefix',
        PREFIX,
        '--quiet',
      ],
      {
        stdout: () => undefined,
        stderr: () => undefined,
        readStdin: async () => '',
        env: {},
        cwd: CORPUS,
        stdoutIsTTY: false,
      },
    );
    const ms = performance.now() - t0;
    const html = readFileSync(file, 'utf8');
    const findings = (htmlReportData(html) as { f: unknown[] }).f.length;
    const bytes = statSync(file).size;
    console.log(
      `shared corpus (kubeward scan -f html, exit ${code}): ${findings} findings, ${(bytes / 1e6).toFixed(2)} MB (${bytes} bytes), scan and report in ${ms.toFixed(0)} ms`,
    );
    pages.push({ name: 'shared corpus', file, findings });
  } else console.log(`no corpus at ${CORPUS}: only the synthetic report`);

  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  // when the first finding rows enter the DOM (the page renders them from its data by script),
  // and the largest contentful paint: recorded in the page from before its own script runs
  await ctx.addInitScript(() => {
    const w = window as unknown as { __rows?: number; __lcp?: number };
    new MutationObserver((_m, obs) => {
      if (document.querySelector('.f')) {
        w.__rows = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const timings = new Map<string, Timing[]>(pages.map((p) => [p.name, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const p of run % 2 ? [...pages].reverse() : pages) {
        const page = await ctx.newPage();
        await page.goto(`file://${p.file}`, { waitUntil: 'load' });
        // paint entries can land just after the load event
        await page.waitForFunction(
          () =>
            performance.getEntriesByType('paint').length >= 2 &&
            (window as unknown as { __rows?: number }).__rows !== undefined,
          undefined,
          { timeout: 10_000 },
        );
        // the largest contentful paint is final at the first input; let a frame pass
        await page.waitForTimeout(200);
        const t = await page.evaluate(() => {
          const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return {
            firstPaint: paint['first-paint'],
            firstContentfulPaint: paint['first-contentful-paint'],
            domContentLoaded: nav.domContentLoadedEventEnd,
            load: nav.loadEventEnd,
            rows: document.querySelectorAll('.f').length,
            firstRows: (window as unknown as { __rows: number }).__rows,
            largestContentfulPaint: (window as unknown as { __lcp?: number }).__lcp ?? NaN,
          };
        });
        timings.get(p.name)!.push(t);
        await page.close();
      }
    }
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const p of pages) {
    const ts = timings.get(p.name)!;
    const m = (k: keyof Timing) => median(ts.map((t) => t[k])).toFixed(0);
    console.log(
      `${p.name} in headless chromium (median of ${RUNS}): first paint ${m('firstPaint')} ms, ` +
        `first contentful paint ${m('firstContentfulPaint')} ms, first finding rows ${m('firstRows')} ms, ` +
        `largest contentful paint ${m('largestContentfulPaint')} ms, DOMContentLoaded ${m('domContentLoaded')} ms, ` +
        `load ${m('load')} ms; ${ts[0].rows} finding rows in the DOM of ${p.findings}`,
    );
  }
  console.log(`load average ${load()}`);
}
