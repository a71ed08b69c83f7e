/** The sticky PR comment: one comment per PR, found by a hidden marker, created once and then updated. */
import type { Report } from '../core/model.ts';
import type { Outcome } from '../core/outcome.ts';
import { call, httpError, paginate, type GitHubClient, type RetryOptions } from './client.ts';
import { renderMarkdown } from './markdown.ts';
import { commentSafe, escapeHtmlText, safeUrl, type Markdown } from './escape.ts';

export const STICKY_MARKER = '<!-- kubeward:sticky -->';
/** GitHub refuses issue comments longer than this. */
export const COMMENT_LIMIT = 65_536;

export interface PullRequestTarget {
  client: GitHubClient;
  owner: string;
  repo: string;
  pullNumber: number;
  /** The PR head commit: links and review comments point at it. */
  headSha: string;
  /** e.g. https://github.com (for links to files). */
  serverUrl?: string;
  retry?: RetryOptions;
}

export interface StickyCommentOptions extends PullRequestTarget {
  report: Report;
  /** Notes shown under the headline: plain text (escaped) or `md` markdown. */
  notes?: readonly (string | Markdown)[];
  /** A link to the workflow run or CI job, shown in the footer and as "the full report". */
  runUrl?: string;
  /**
   * Files the pull request changes (their findings come first). Undefined: publishStickyComment
   * asks GitHub for them, and without them the comment lists findings by file.
   */
  changedFiles?: readonly string[];
  /** The run's verdict: an incomplete run says why in the headline. */
  outcome?: Pick<Outcome, 'exitCode' | 'problems'>;
}

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
  url?: string;
}

interface IssueComment {
  id: number;
  body?: string;
  html_url?: string;
  user?: { login?: string; type?: string } | null;
}

/** The comment body: the report in markdown under 65,536 characters, with the marker. */
export function stickyBody(opts: Omit<StickyCommentOptions, 'client'>): string {
  const server = opts.serverUrl ?? 'https://github.com';
  const prefix = `${server}/${opts.owner}/${opts.repo}/blob/${opts.headSha}/`;
  const run = opts.runUrl ? safeUrl(opts.runUrl) : '';
  const footer = `<sub>kubeward ${escapeHtmlText(opts.report.tool.version)} · commit ${commentSafe(opts.headSha.slice(0, 7))}${
    run ? ` · [run](${run})` : ''
  }</sub>`;
  return renderMarkdown(opts.report, {
    layout: 'comment',
    maxLength: COMMENT_LIMIT - 1,
    header: STICKY_MARKER,
    fileUrlPrefix: prefix,
    ...(opts.notes ? { notes: opts.notes } : {}),
    ...(opts.changedFiles ? { changedFiles: opts.changedFiles } : {}),
    ...(opts.runUrl ? { fullReportUrl: opts.runUrl } : {}),
    ...(opts.outcome ? { outcome: opts.outcome } : {}),
    footer,
  });
}

/** The PR's changed files, or undefined when GitHub does not say (the comment then lists by file). */
async function changedFilesOf(opts: StickyCommentOptions): Promise<string[] | undefined> {
  try {
    const files = await paginate<{ filename: string }>(
      opts.client,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      { owner: opts.owner, repo: opts.repo, pull_number: opts.pullNumber },
      opts.retry,
    );
    return files.map((f) => f.filename);
  } catch {
    return undefined;
  }
}

/** Creates the sticky comment, or updates it when a previous run made one (also to say "all clear"). */
export async function publishStickyComment(opts: StickyCommentOptions): Promise<StickyCommentResult> {
  const { client, owner, repo, pullNumber, retry } = opts;
  const changedFiles = opts.changedFiles ?? (opts.report.findings.length ? await changedFilesOf(opts) : undefined);
  const body = stickyBody({ ...opts, ...(changedFiles ? { changedFiles } : {}) });
  const comments = await paginate<IssueComment>(
    client,
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { owner, repo, issue_number: pullNumber },
    retry,
  );
  // our body starts with the marker; a human quoting it does not
  const mine = comments.filter((c) => c.body?.trimStart().startsWith(STICKY_MARKER));
  // prefer a bot's comment: anyone can paste the marker into a comment of their own
  mine.sort((a, b) => Number(b.user?.type === 'Bot') - Number(a.user?.type === 'Bot'));
  for (const existing of mine) {
    try {
      const res = await call<IssueComment>(
        client,
        'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
        { owner, repo, comment_id: existing.id, body },
        retry,
      );
      return { action: 'updated', id: existing.id, url: res?.html_url ?? existing.html_url };
    } catch (e) {
      const status = httpError(e)?.status;
      // not ours to edit (someone else's comment with the marker) or gone: try the next, else create
      if (status !== 403 && status !== 404) throw e;
      if (status === 403 && existing.user?.type === 'Bot' && mine.length === 1) throw e;
    }
  }
  const created = await call<IssueComment>(
    client,
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    { owner, repo, issue_number: pullNumber, body },
    retry,
  );
  return { action: 'created', id: created.id, url: created.html_url };
}
