/** Publishing a report to a GitHub pull request: shared by the GitHub Action and the CircleCI orb. */
export {
  publishStickyComment,
  stickyBody,
  STICKY_MARKER,
  COMMENT_LIMIT,
  type PullRequestTarget,
  type StickyCommentOptions,
  type StickyCommentResult,
} from './sticky.ts';
export {
  publishReview,
  planReview,
  fetchPullFiles,
  findingsOnChangedLines,
  commentBody,
  REVIEW_MARKER,
  type ReviewOptions,
  type ReviewResult,
  type ReviewComment,
} from './review.ts';
export { renderMarkdown, headline, type MarkdownOptions } from './markdown.ts';
export { patchLines, diffsOf, rangeInDiff, type FileDiff, type PullFile } from './diff.ts';
export { escapeMarkdown, inlineCode, codeBlock, fenceFor } from './escape.ts';
export {
  withRetry,
  paginate,
  call,
  httpError,
  isPermissionError,
  type GitHubClient,
  type RestResponse,
  type RetryOptions,
} from './client.ts';
export { createGitHubClient, type GitHubClientOptions, type ManagedGitHubClient } from './github-client.ts';
export { matchesPatch } from './diff.ts';
export { applyFixes, fixLineEdit, type FixTarget, type LineEdit } from '../core/fixes/index.ts';
