import { maxOf } from '../arrays.ts';
/**
 * The one escaper for every markdown kubeward writes: the CLI's `-f markdown`, the job summary, the
 * sticky PR comment (GitHub Action and CircleCI orb) and the inline review. Text that comes from the
 * scanned input (messages, names, paths, file names, API error messages) is untrusted: it must not
 * break a table, start a block, inject HTML, mention people, reference issues, or become a link.
 *
 * GitHub renders markdown with cmark-gfm, whose autolink extension turns bare `http(s)://`, `www.`
 * and e-mail addresses into links, and then post-processes the HTML's text nodes for @mentions,
 * `#123` references and `:emoji:`. Backslash escapes do not reach those post-processors (they run on
 * the decoded text), so those few patterns are broken with a zero-width space (U+200B) where they
 * would be recognised, and nowhere else: an image `nginx@sha256:…` or `registry:5000/app:v1` keeps
 * its exact characters and can be copied.
 *
 * Contexts:
 * - `escapeMarkdown`: a paragraph, list item or table cell (one line).
 * - `escapeHtmlText`: text inside raw HTML (`<summary>…</summary>`), where markdown escapes would
 *   show literally (`NET\_RAW`), so only HTML entities are used.
 * - `inlineCode`: a code span (no autolinks or mentions happen inside code).
 * - `codeBlock`: a fenced block its content cannot close.
 * - `md` / `Markdown`: kubeward's own markdown with untrusted values interpolated (escaped).
 */

/** Written where an autolink, mention or reference would start, to stop GitHub from making one. */
export const BREAK = '&#8203;';
const MARK = '\u200b';

/**
 * Inserts MARK where GitHub would otherwise make a link, mention or reference out of raw text:
 * `scheme://` (any scheme), `www.`, `@name` (not inside a word: `image@sha256` stays),
 * `user@host.tld` (e-mail autolinks), `#123` / `GH-123` references, and `:emoji:` shortcodes.
 */
function neutralise(raw: string): string {
  return (
    raw
      .replace(/:\/\//g, `:/${MARK}/`)
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${MARK}.`)
      // a mention: '@' not preceded by a word character or backtick, followed by a name
      .replace(/(^|[^A-Za-z0-9_`])@(?=[A-Za-z0-9])/g, `$1@${MARK}`)
      // an e-mail address autolink: local@domain.tld
      .replace(/([A-Za-z0-9._+-])@(?=[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g, `$1@${MARK}`)
      // issue and pull request references
      .replace(/#(?=\d)/g, `#${MARK}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1-${MARK}`)
      // :emoji: shortcodes (only a word between two colons, which no image reference or port has)
      .replace(/:(?=[a-z0-9_+-]+:(?![0-9/]))/gi, `:${MARK}`)
  );
}

/** Control characters (other than the whitespace handled separately) are dropped. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function oneLine(raw: string): string {
  return raw.replace(CONTROL, '').replace(/[\r\n\t]+/g, ' ');
}

function entities(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Untrusted text for a markdown paragraph, list item or table cell: one line, nothing active. */
export function escapeMarkdown(text: string): string {
  return entities(neutralise(oneLine(String(text))))
    .replace(/[\\`*_{}[\]()#+!|~$]/g, (c) => `\\${c}`)
    .replace(/^([-=])/, '\\$1')
    .replaceAll(MARK, BREAK);
}

/** Untrusted text inside raw HTML (e.g. `<summary>`): entities only, so nothing shows as `\_`. */
export function escapeHtmlText(text: string): string {
  return entities(neutralise(oneLine(String(text))))
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replaceAll(MARK, BREAK);
}

/**
 * Markdown written by kubeward itself (rule rationale and remediation from the catalog): its
 * `code` and emphasis are kept; HTML is neutralised, and it stays one paragraph.
 */
export function catalogMarkdown(text: string): string {
  return entities(text.replace(/\s*\n\s*/g, ' ')).replace(/(^|[^A-Za-z0-9_`])@(?=[A-Za-z0-9])/g, `$1@${BREAK}`);
}

/**
 * An inline code span that holds `text` whatever backticks it contains. In a table cell
 * (`inTable`), a pipe is written `\|`: GFM splits cells before it parses code spans.
 */
export function inlineCode(text: string, inTable = false): string {
  const one = oneLine(String(text));
  const longest = maxOf(
    (one.match(/`+/g) ?? []).map((r) => r.length),
    0,
  );
  const ticks = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one === '' ? ' ' : '';
  return `${ticks}${pad}${inTable ? one.replace(/\|/g, '\\|') : one}${pad}${ticks}`;
}

/** A code fence longer than any backtick run in `content` (at least three backticks). */
export function fenceFor(content: string): string {
  const longest = maxOf(
    (content.match(/`{3,}/g) ?? []).map((r) => r.length),
    0,
  );
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A fenced code block with `info` (e.g. `yaml`, `suggestion`). */
export function codeBlock(info: string, content: string): string {
  const fence = fenceFor(content);
  const body = content.endsWith('\n') || content === '' ? content : content + '\n';
  return `${fence}${info}\n${body}${fence}`;
}

/** A link target for a repository path: each segment URL-encoded, so nothing can end the link early. */
export function encodePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** A URL given by kubeward's caller (a prefix from a flag or the CI environment) made safe for `(…)`. */
export function safeUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return '';
  return url.replace(/[\s()<>"'`\\]/g, (c) => encodeURIComponent(c));
}

/** A markdown link whose label is untrusted text; plain escaped text when the URL is not http(s). */
export function link(label: string, url: string | undefined): string {
  const u = url ? safeUrl(url) : '';
  return u ? `[${escapeMarkdown(label)}](${u})` : escapeMarkdown(label);
}

/** Text inside an HTML comment marker: no `--` or `>` can end it early. */
export function commentSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9:._/-]/g, '').replace(/--+/g, '-');
}

/** Markdown that is safe to emit as is: kubeward's own text, with untrusted values escaped. */
export interface Markdown {
  readonly markdown: string;
}

export function isMarkdown(v: unknown): v is Markdown {
  return typeof v === 'object' && v !== null && typeof (v as Markdown).markdown === 'string';
}

/**
 * A tagged template for kubeward's own markdown: the literal parts are trusted (code spans and
 * emphasis are kept), every interpolated value is escaped with `escapeMarkdown` unless it is itself
 * `Markdown`. `md\`Give \`pull-requests: write\` to ${user}\``.
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Markdown {
  let out = strings[0];
  values.forEach((v, i) => {
    out += (isMarkdown(v) ? v.markdown : escapeMarkdown(String(v))) + strings[i + 1];
  });
  return { markdown: out };
}

/** A note or line that may be plain (untrusted) text or Markdown, as markdown. */
export function toMarkdown(v: string | Markdown): string {
  return isMarkdown(v) ? v.markdown : escapeMarkdown(v);
}
