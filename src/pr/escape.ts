/**
 * Escaping for GitHub markdown: the one escaper lives in the core (src/core/report/markdown-escape.ts)
 * so the CLI's markdown, the job summary, the sticky comment and the review all use the same one.
 */
export {
  BREAK,
  catalogMarkdown,
  codeBlock,
  commentSafe,
  encodePath,
  escapeHtmlText,
  escapeMarkdown,
  fenceFor,
  inlineCode,
  isMarkdown,
  link,
  md,
  safeUrl,
  toMarkdown,
  type Markdown,
} from '../core/report/markdown-escape.ts';
