/**
 * Markdown for the job summary and the sticky PR comment: the core's one renderer
 * (src/core/report/markdown.ts), re-exported for the adapters.
 */
export {
  headline,
  renderMarkdown,
  RULE_DOCS_URL,
  SEVERITY_ICON,
  type MarkdownOptions,
} from '../core/report/markdown.ts';
