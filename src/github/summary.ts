/** The job summary (GitHub caps it at 1 MiB per step). */
import * as core from '@actions/core';
import type { Report } from '../core/model.ts';
import type { Outcome } from '../core/outcome.ts';
import type { Markdown } from '../pr/escape.ts';
import { renderMarkdown } from '../pr/markdown.ts';
import type { RunContext } from './context.ts';

/** GitHub's limit on a step's summary, in bytes. */
export const SUMMARY_BYTES = 1024 * 1024;
/** Characters to aim for first (markdown is mostly ASCII), shrunk while the UTF-8 size is over the limit. */
export const SUMMARY_LIMIT = 1_000_000;

/** Notes are plain text (escaped by the renderer) or `md` markdown. */
export function summaryMarkdown(
  report: Report,
  ctx: RunContext,
  notes: readonly (string | Markdown)[],
  outcome?: Outcome,
): string {
  const sha = ctx.pullRequest?.headSha ?? ctx.sha;
  let md = '';
  for (let max = SUMMARY_LIMIT; max > 1000; max = Math.floor(max * 0.8)) {
    md = render(report, ctx, notes, sha, max, outcome);
    if (Buffer.byteLength(md, 'utf8') < SUMMARY_BYTES - 1024) break;
  }
  return md;
}

function render(
  report: Report,
  ctx: RunContext,
  notes: readonly (string | Markdown)[],
  sha: string,
  maxLength: number,
  outcome: Outcome | undefined,
): string {
  return renderMarkdown(report, {
    maxLength,
    ...(outcome ? { outcome } : {}),
    chart: true,
    notes,
    ...(ctx.owner && sha ? { fileUrlPrefix: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${sha}/` } : {}),
    footer: `<sub>kubeward ${report.tool.version} · ${report.durationMs} ms</sub>`,
  });
}

export async function writeSummary(
  report: Report,
  ctx: RunContext,
  notes: readonly (string | Markdown)[],
  outcome?: Outcome,
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(summaryMarkdown(report, ctx, notes, outcome), true).write();
}
