/**
 * Screenshots for the README (docs/images/): the HTML report of examples/insecure and of a
 * 20,000-finding report, and the sticky PR comment rendered as GitHub renders markdown (GFM).
 * Needs Debian's chromium (/usr/bin/chromium). `npx node scripts/screenshots.ts`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { scan } from '../src/core/scan.ts';
import { formatHtml } from '../src/core/report/html.ts';
import { stickyBody } from '../src/pr/sticky.ts';
import { bigReport } from '../test/report/big-report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs/images');
const dir = mkdtempSync(path.join(tmpdir(), 'kw-shots-'));
const ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
  executablePath: process.env.KUBEWARD_CHROMIUM ?? '/usr/bin/chromium',
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

async function shot(html: string, name: string, scrollTo?: string): Promise<void> {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, html);
  const page = await ctx.newPage();
  await page.goto(`file://${file}`);
  await page.waitForSelector('#findings .f, body', { timeout: 10_000 });
  if (scrollTo) await page.evaluate((s) => document.querySelector(s)?.scrollIntoView(), scrollTo);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  await page.close();
}

const PREFIX = 'https://github.com/acme/shop/blob/abc/';
const report = await scan({ paths: ['examples/insecure'], cwd: ROOT });
const html = formatHtml(report, { fileUrlPrefix: PREFIX, readSource: (f) => readFileSync(path.join(ROOT, f), 'utf8') });
await shot(html, 'html-report-examples');
await shot(html, 'html-report-examples-findings', '#panel-list');
await shot(formatHtml(bigReport(), { fileUrlPrefix: PREFIX }), 'html-report-20k', '#panel-list');

const body = stickyBody({
  report,
  owner: 'acme',
  repo: 'shop',
  pullNumber: 12,
  headSha: 'c0ffee1234567890',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  changedFiles: ['examples/insecure/web.yaml', 'examples/insecure/rbac.yaml', 'examples/insecure/api.yaml'],
});
const rendered = micromark(body, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
await shot(
  `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;margin:0;background:#fff}
.c{max-width:860px;margin:16px auto;border:1px solid #d1d9e0;border-radius:6px}
.h{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;color:#59636e}
.b{padding:8px 16px}a{color:#0969da;text-decoration:none}code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:85%}
h3{font-size:1.25em}h4{font-size:1em}ul{padding-left:2em}details{margin:.5em 0}summary{cursor:pointer}
</style></head><body><div class="c"><div class="h"><b>github-actions</b> bot commented</div><div class="b">${rendered}</div></div></body></html>`,
  'sticky-comment',
);
await ctx.close();
console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/`);
