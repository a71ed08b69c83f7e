/// <reference lib="dom" />
/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core. Opens the report
 * of examples/insecure and a 20,000-finding report; checks that the page runs under its own CSP,
 * that filters and search change the visible rows, that nothing overflows a 1280 px viewport, that
 * links resolve (rule docs to docs/rules/, files to the scanned files) and that axe-core finds no
 * serious or critical violation. Skipped, saying so, where /usr/bin/chromium is absent (`.ci/run`
 * installs it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext as Context, Page } from 'playwright-core';
import type { Report } from '../../src/core/model.ts';
import { formatHtml } from '../../src/core/report/html.ts';
import { RULE_DOCS_URL } from '../../src/core/report/markdown.ts';
import { scan } from '../../src/core/scan.ts';
import { bigReport } from './big-report.ts';

const CHROMIUM = process.env.KUBEWARD_CHROMIUM ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = 'https://github.com/acme/shop/blob/abc/';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`html-browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium)`);
const describeBrowser = haveChromium ? describe : describe.skip;

describeBrowser('the HTML report in chromium', () => {
  let ctx: Context;
  let dir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(path.join(tmpdir(), 'kw-html-'));
    ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 900 },
    });
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(report: Report, name: string, opts: Parameters<typeof formatHtml>[1] = {}): Promise<Page> {
    const file = path.join(dir, name);
    writeFileSync(file, formatHtml(report, opts));
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    // nothing may be fetched: the page is self-contained
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request to ${r.url()}`);
    });
    await page.goto(`file://${file}`);
    return page;
  }

  const count = async (page: Page) => {
    const t = (await page.textContent('#count')) ?? '';
    const m = /Showing (\d+) of (\d+)/.exec(t);
    return { shown: Number(m?.[1]), total: Number(m?.[2]) };
  };

  describe('examples/insecure', () => {
    let page: Page;
    let report: Report;
    beforeAll(async () => {
      report = await scan({ paths: ['examples/insecure'], cwd: ROOT });
      page = await open(report, 'examples.html', {
        fileUrlPrefix: PREFIX,
        readSource: (f) => readFileSync(path.join(ROOT, f), 'utf8'),
      });
    }, 60_000);
    afterAll(() => page?.close());

    test('runs under its own CSP: no error, no request', async () => {
      expect(await count(page)).toEqual({ shown: report.findings.length, total: report.findings.length });
      expect(problems).toEqual([]);
    });

    test('filters and search change the visible rows', async () => {
      const all = report.findings.length;
      await page.uncheck('#sev-critical');
      const noCritical = await count(page);
      expect(noCritical.shown).toBe(all - report.counts.critical);
      expect(await page.locator('.f .s-critical').count()).toBe(0);
      await page.check('#sev-critical');

      await page.selectOption('#f-rule', 'privileged-container');
      const only = report.findings.filter((f) => f.ruleId === 'privileged-container').length;
      expect((await count(page)).shown).toBe(only);
      expect(await page.locator('.f').count()).toBe(only);
      await page.selectOption('#f-rule', '');

      await page.fill('#f-q', 'SYS_ADMIN');
      const hits = await count(page);
      expect(hits.shown).toBeGreaterThan(0);
      expect(hits.shown).toBeLessThan(all);
      for (const t of await page.locator('.f').allTextContents()) expect(t.toLowerCase()).toContain('sys_admin');
      await page.fill('#f-q', '');
      expect((await count(page)).shown).toBe(all);

      await page.click('#card-low');
      expect((await count(page)).shown).toBe(all - report.counts.low);
      await page.click('#card-low');
    });

    test('the offending line is highlighted and no secret is shown', async () => {
      const hl = await page.locator('pre.code .hl').first().textContent();
      expect(hl).toBeTruthy();
      const html = await page.content();
      // examples/insecure/api.yaml sets a plain-text DB_PASSWORD: its line is never in the page
      const secretLine = readFileSync(path.join(ROOT, 'examples/insecure/api.yaml'), 'utf8')
        .split('\n')
        .find((l, i, ls) => /value:/.test(l) && /DB_PASSWORD/.test(ls[i - 1] ?? ''));
      expect(secretLine).toBeDefined();
      expect(html).not.toContain(secretLine!.trim());
    });

    test('no column overflows the viewport at 1280 px', async () => {
      const overflow = await page.evaluate(() => {
        const bad: string[] = [];
        const width = document.documentElement.clientWidth;
        for (const e of Array.from(document.querySelectorAll('.f, .f *, details.file > summary, .obj, .chart *'))) {
          const r = e.getBoundingClientRect();
          if (r.width > 0 && r.right > width + 0.5 && !e.closest('pre')) bad.push(`${e.className}: ${r.right}`);
        }
        return { bad, scroll: document.documentElement.scrollWidth, width };
      });
      expect(overflow.bad).toEqual([]);
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.width);
    });

    test('links resolve: rule docs to docs/rules/<id>.md, files to the scanned files', async () => {
      const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.length).toBeGreaterThan(report.findings.length);
      for (const h of hrefs) {
        if (h.startsWith(RULE_DOCS_URL)) {
          expect(existsSync(path.join(ROOT, 'docs/rules', decodeURIComponent(h.slice(RULE_DOCS_URL.length))))).toBe(
            true,
          );
        } else {
          expect(h.startsWith(PREFIX)).toBe(true);
          const [file, line] = h.slice(PREFIX.length).split('#L');
          const text = readFileSync(path.join(ROOT, decodeURIComponent(file)), 'utf8');
          expect(Number(line)).toBeLessThanOrEqual(text.split('\n').length);
        }
      }
    });

    test('axe-core: no serious or critical violation', async () => {
      const axe = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
        };
        const r = await w.axe.run();
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    });

    test('suppressed findings have their own tab', async () => {
      await page.click('button[data-tab="x"]');
      expect(await page.textContent('#count')).toMatch(/suppressed findings/);
      await page.click('button[data-tab="o"]');
      expect(await page.isVisible('#panel-other')).toBe(true);
      expect(await page.isVisible('#panel-list')).toBe(false);
      await page.click('button[data-tab="f"]');
    });
  });

  describe('20,000 findings', () => {
    let page: Page;
    const report = bigReport();
    beforeAll(async () => {
      page = await open(report, 'big.html', { fileUrlPrefix: PREFIX });
    }, 60_000);
    afterAll(() => page?.close());

    test('stays small and renders in chunks', async () => {
      const size = Buffer.byteLength(formatHtml(report, { fileUrlPrefix: PREFIX }));
      expect(size).toBeLessThan(3 * 1024 * 1024);
      expect(await count(page)).toEqual({ shown: 20_000, total: 20_000 });
      const rows = await page.locator('.f').count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(300);
      // scrolling to the end loads the next chunk
      await page.click('#more');
      expect(await page.locator('.f').count()).toBeGreaterThan(rows);
      expect(problems).toEqual([]);
    });

    test('filters work across all 20,000', async () => {
      await page.selectOption('#f-env', 'prod-1');
      const c = await count(page);
      expect(c.shown).toBe(report.findings.filter((f) => f.object?.cluster === 'prod-1').length);
      await page.selectOption('#f-ns', 'team-5');
      expect((await count(page)).shown).toBe(
        report.findings.filter((f) => f.object?.cluster === 'prod-1' && f.object.namespace === 'team-5').length,
      );
      await page.fill('#f-q', 'workload-123');
      for (const t of await page.locator('.f').allTextContents()) expect(t).toContain('workload-123');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      );
      expect(overflow).toBe(true);
    });
  });
});
