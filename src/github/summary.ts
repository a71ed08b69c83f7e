/** The job summary (GitHub caps it at 1 MiB per step). */
import * as core from '@actions/core';
import type { Report } from '../core/model.ts';
import { escapeMarkdown } from '../pr/escape.ts';
import { renderMarkdown } from '../pr/markdown.ts';
import type { RunContext } from './context.ts';

/** Below GitHub's 1 MiB (bytes; markdown is mostly ASCII, emoji count 4 bytes): a safe margin. */
export const SUMMARY_LIMIT = 900_000;

export function summaryMarkdown(report: Report, ctx: RunContext, notes: readonly string[]): string {
  const sha = ctx.pullRequest?.headSha ?? ctx.sha;
  return renderMarkdown(report, {
    maxLength: SUMMARY_LIMIT,
    chart: true,
    notes: notes.map(escapeMarkdown),
    ...(ctx.owner && sha ? { fileUrlPrefix: `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/blob/${sha}/` } : {}),
    footer: `<sub>kubeward ${report.tool.version} · ${report.durationMs} ms</sub>`,
  });
}

export async function writeSummary(report: Report, ctx: RunContext, notes: readonly string[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(summaryMarkdown(report, ctx, notes), true).write();
}
