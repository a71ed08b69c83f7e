/**
 * Escaping of untrusted text (manifest names, messages, paths) for GitHub markdown: no markdown or
 * HTML injection, no @mentions or team pings, no broken tables, no escaping out of code fences.
 */

const ZWJ = '\u200d';

/** Text for a markdown paragraph or table cell: one line, HTML and markdown punctuation escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()#|~!{}]/g, (c) => `\\${c}`)
    .replace(/@/g, `@${ZWJ}`)
    .replace(/:(?=[a-z0-9_+-]+:)/gi, `:${ZWJ}`);
}

/**
 * Markdown written by kubeward itself (rule rationale and remediation from the catalog): its
 * `code` and emphasis are kept; HTML and @mentions are still neutralised, and it stays one paragraph.
 */
export function catalogMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZWJ}`);
}

/** An inline code span that holds `text` whatever backticks it contains. */
export function inlineCode(text: string): string {
  const one = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one === '' ? ' ' : '';
  // inside a table a pipe ends the cell even in code: use its entity
  return `${ticks}${pad}${one.replace(/\|/g, '&#124;')}${pad}${ticks}`;
}

/** A code fence longer than any backtick run in `content` (at least three backticks). */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...(content.match(/`{3,}/g) ?? []).map((r) => r.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A fenced code block with `info` (e.g. `yaml`, `suggestion`). */
export function codeBlock(info: string, content: string): string {
  const fence = fenceFor(content);
  const body = content.endsWith('\n') || content === '' ? content : content + '\n';
  return `${fence}${info}\n${body}${fence}`;
}

/** A link target: each path segment URL-encoded. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** Text inside an HTML comment marker: no `--` or `>` can end it early. */
export function commentSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9:._/-]/g, '').replace(/--+/g, '-');
}
