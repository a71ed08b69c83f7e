/**
 * The inline review: one review whose comments sit on lines the PR changes, each with the rule, why
 * it matters and, where the finding has a fix, a ```suggestion block that replaces exactly the
 * lines the fix touches. Re-runs skip findings already commented on the same line (a hidden marker
 * with the fingerprint in each comment).
 */
import type { Finding, Report } from '../core/model.ts';
import { getRule } from '../core/rules/index.ts';
import { fixLineEdit, type LineEdit } from '../core/fixes/index.ts';
import { call, httpError, paginate } from './client.ts';
import { diffsOf, matchesPatch, rangeInDiff, type FileDiff, type PullFile } from './diff.ts';
import { catalogMarkdown, codeBlock, commentSafe, escapeMarkdown, inlineCode } from './escape.ts';
import { SEVERITY_ICON } from './markdown.ts';
import { byAuthor, commentAuthor, type PullRequestTarget } from './sticky.ts';
import { plural } from '../core/report/util.ts';

export const REVIEW_MARKER = '<!-- kubeward:review -->';
const FINDING_MARKER = /<!-- kubeward:finding ([A-Za-z0-9:._/-]+) -->/;

export interface ReviewOptions extends PullRequestTarget {
  report: Report;
  /** Adds ```suggestion blocks for findings with a fix. Default true. */
  suggestions?: boolean;
  /** Reads a file of the PR head (repository-relative path); undefined when it cannot. */
  readFile?: (path: string) => Promise<string | undefined>;
  /** The PR's files when the caller already fetched them (see fetchPullFiles). */
  files?: PullFile[];
  /** At most this many new comments per review. Default 50. */
  maxComments?: number;
  log?: (message: string) => void;
}

export interface ReviewComment {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

export interface ReviewResult {
  /** Comments in the review that was created (0: no review was created). */
  posted: number;
  reviewId?: number;
  /** Findings on changed lines that were already commented by an earlier run. */
  alreadyCommented: number;
  /** Findings not on a line the PR changes (annotations and the summary still show them). */
  outsideDiff: number;
  /** Findings left out by maxComments. */
  overLimit: number;
  /** Comments dropped after GitHub refused the review (422), with its message. */
  rejected?: { count: number; message: string };
  suggestions: number;
}

export async function fetchPullFiles(t: PullRequestTarget): Promise<PullFile[]> {
  return paginate<PullFile>(
    t.client,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { owner: t.owner, repo: t.repo, pull_number: t.pullNumber },
    t.retry,
  );
}

/** Findings whose line is one the PR adds or changes (the `only-new` filter). */
export function findingsOnChangedLines(findings: readonly Finding[], diffs: Map<string, FileDiff>): Finding[] {
  return findings.filter((f) => f.location && diffs.get(f.location.file)?.added.has(f.location.line));
}

export function findingMarker(f: Finding): string {
  return `<!-- kubeward:finding ${commentSafe(f.fingerprint)} -->`;
}

/** The body of one inline comment. */
export function commentBody(f: Finding, suggestion?: LineEdit): string {
  const meta = getRule(f.ruleId)?.meta;
  const parts = [
    findingMarker(f),
    `**${SEVERITY_ICON[f.severity]} ${f.severity}** · ${inlineCode(f.ruleId)} · ${escapeMarkdown(f.title)}`,
    '',
    escapeMarkdown(f.message) + (f.secretPreview ? ` (${inlineCode(f.secretPreview)})` : ''),
  ];
  if (meta?.rationale) parts.push('', `**Why:** ${catalogMarkdown(meta.rationale)}`);
  if (suggestion) {
    parts.push('', `**Suggested fix** (${escapeMarkdown(f.fix?.description ?? 'kubeward')}):`, '');
    parts.push(codeBlock('suggestion', suggestion.lines.join('\n')));
  } else if (meta?.remediation) {
    parts.push('', `**Fix:** ${catalogMarkdown(meta.remediation)}`);
  }
  return parts.join('\n');
}

interface ExistingComment {
  user?: { login?: string } | null;
  path?: string;
  line?: number | null;
  original_line?: number | null;
  body?: string;
}

/** Builds the review comments (pure, for tests): one per finding on a changed line. */
export async function planReview(
  opts: Pick<ReviewOptions, 'report' | 'suggestions' | 'readFile' | 'maxComments' | 'author'>,
  diffs: Map<string, FileDiff>,
  existing: readonly ExistingComment[],
): Promise<{ comments: ReviewComment[]; result: ReviewResult }> {
  const done = new Set<string>();
  for (const c of existing) {
    // only kubeward's own comments say a finding was commented: a marker pasted into someone
    // else's comment must not silence the inline comments
    if (opts.author !== undefined && !byAuthor(c, opts.author)) continue;
    const m = c.body ? FINDING_MARKER.exec(c.body) : null;
    if (!m || !c.path) continue;
    for (const l of [c.line, c.original_line]) if (l) done.add(`${c.path}\0${l}\0${m[1]}`);
  }
  const result: ReviewResult = { posted: 0, alreadyCommented: 0, outsideDiff: 0, overLimit: 0, suggestions: 0 };
  const comments: ReviewComment[] = [];
  const texts = new Map<string, Promise<string | undefined>>();
  const max = opts.maxComments ?? 50;
  // lines that hold a detected secret: a suggestion never repeats them (secrets never reach a comment)
  const secretLines = new Map<string, { from: number; to: number }[]>();
  for (const f of [...opts.report.findings, ...opts.report.suppressed]) {
    if (!f.secretPreview || !f.location) continue;
    const l = f.location;
    secretLines.set(l.file, [...(secretLines.get(l.file) ?? []), { from: l.line, to: l.endLine ?? l.line }]);
  }
  const showsSecret = (file: string, text: string, shown: readonly string[]): boolean => {
    const ranges = secretLines.get(file);
    if (!ranges) return false;
    const all = text.split('\n');
    const secret = new Set<string>();
    for (const r of ranges) for (let i = r.from; i <= r.to; i++) secret.add((all[i - 1] ?? '').trim());
    secret.delete('');
    return shown.some((l) => secret.has(l.trim()));
  };
  for (const f of opts.report.findings) {
    const loc = f.location;
    const diff = loc ? diffs.get(loc.file) : undefined;
    if (!loc || !diff || !diff.added.has(loc.line)) {
      result.outsideDiff++;
      continue;
    }
    let edit: LineEdit | undefined;
    if (opts.readFile) {
      if (!texts.has(loc.file))
        texts.set(
          loc.file,
          opts.readFile(loc.file).catch(() => undefined),
        );
      const text = await texts.get(loc.file)!;
      // the checkout is not the PR head (e.g. a merge commit that moved lines): no inline comment
      if (text !== undefined && !matchesPatch(diff, text, loc.line, loc.line)) {
        result.outsideDiff++;
        continue;
      }
      if (opts.suggestions !== false && f.fix && text !== undefined) {
        const e = fixLineEdit(text, f);
        if (
          e &&
          rangeInDiff(diff, e.startLine, e.endLine) &&
          matchesPatch(diff, text, e.startLine, e.endLine) &&
          !showsSecret(loc.file, text, e.lines)
        )
          edit = e;
      }
    }
    const line = edit ? edit.endLine : loc.line;
    const key = (l: number) => `${loc.file}\0${l}\0${commentSafe(f.fingerprint)}`;
    if (done.has(key(line)) || done.has(key(loc.line))) {
      result.alreadyCommented++;
      continue;
    }
    if (comments.length >= max) {
      result.overLimit++;
      continue;
    }
    const c: ReviewComment = { path: loc.file, line, side: 'RIGHT', body: commentBody(f, edit) };
    if (edit && edit.startLine < edit.endLine) {
      c.start_line = edit.startLine;
      c.start_side = 'RIGHT';
    }
    if (edit) result.suggestions++;
    comments.push(c);
  }
  return { comments, result };
}

function reviewBody(result: ReviewResult, count: number): string {
  const lines = [
    REVIEW_MARKER,
    `kubeward found ${count} issue${count === 1 ? '' : 's'} on lines this pull request changes.`,
  ];
  if (result.outsideDiff > 0)
    lines.push(
      `${plural(result.outsideDiff, 'other finding')} ${result.outsideDiff === 1 ? 'is' : 'are'} outside the diff: see the checks summary.`,
    );
  if (result.overLimit > 0) lines.push(`${result.overLimit} more not commented here (limit per review).`);
  return lines.join('\n\n');
}

/**
 * Posts one review with comments on changed lines. When GitHub refuses it (422, e.g. a line that is
 * not in the diff any more), retries once with single-line comments on added lines only; if that is
 * refused too, reports it in `rejected` instead of throwing.
 */
export async function publishReview(opts: ReviewOptions): Promise<ReviewResult> {
  const { client, owner, repo, pullNumber, retry } = opts;
  const files = opts.files ?? (await fetchPullFiles(opts));
  const diffs = diffsOf(files);
  const existing = await paginate<ExistingComment>(
    client,
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
    { owner, repo, pull_number: pullNumber },
    retry,
  );
  const { comments, result } = await planReview({ ...opts, author: await commentAuthor(opts) }, diffs, existing);
  if (comments.length === 0) return result;
  const post = (cs: ReviewComment[]) =>
    call<{ id: number }>(
      client,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      {
        owner,
        repo,
        pull_number: pullNumber,
        commit_id: opts.headSha,
        event: 'COMMENT',
        body: reviewBody(result, cs.length),
        comments: cs,
      },
      retry,
    );
  try {
    const r = await post(comments);
    return { ...result, posted: comments.length, reviewId: r.id };
  } catch (e) {
    const info = httpError(e);
    if (info?.status !== 422) throw e;
    opts.log?.(`GitHub refused the review (422: ${info.message}); retrying with single-line comments only`);
    // the likeliest offenders: multi-line suggestion ranges. Keep single lines the diff adds.
    const safe = comments.filter((c) => c.start_line === undefined && diffs.get(c.path)?.added.has(c.line));
    const dropped = comments.length - safe.length;
    if (safe.length === 0) return { ...result, rejected: { count: comments.length, message: info.message } };
    try {
      const r = await post(safe);
      return {
        ...result,
        posted: safe.length,
        reviewId: r.id,
        suggestions: safe.filter((c) => c.body.includes('```suggestion')).length,
        ...(dropped > 0 ? { rejected: { count: dropped, message: info.message } } : {}),
      };
    } catch (e2) {
      const info2 = httpError(e2);
      if (info2?.status !== 422) throw e2;
      return { ...result, rejected: { count: comments.length, message: info2.message } };
    }
  }
}
