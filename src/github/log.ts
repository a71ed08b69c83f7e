/**
 * The one way the action writes to the runner log. Everything it logs can carry text from the
 * pull request (file names, object names, messages): the runner executes any output line that
 * starts with `::` (or the legacy `##[`) as a workflow command, so a file named
 * "x\n::add-mask::..." or "x\n::error::forged" would otherwise forge annotations, masks or
 * outputs. Every string goes through `logSafe` (plain lines) or @actions/core's command escaping
 * plus `controlSafe` (annotations), here and nowhere else: the rest of src/github imports this
 * module, never the log functions of @actions/core (test/hostile/adapters-log.test.ts checks it).
 */
import * as core from '@actions/core';

/** C0/C1 control characters other than newline, tab and carriage return, shown as \xNN. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Everything a runner or a terminal may treat as the end of a line. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Control characters (ANSI escapes that hide or rewrite text) made visible; line breaks kept. */
export function controlSafe(text: string): string {
  return String(text).replace(CONTROL, hex);
}

/**
 * One log line that the runner cannot read as a workflow command: line breaks shown as `\n`,
 * control characters as `\xNN`, and a line that would start with `::` or `##[` (after the
 * whitespace the runner trims) prefixed so that it does not.
 */
export function logSafe(text: string): string {
  const one = controlSafe(String(text).replace(LINE_BREAK, (m) => (m === '\r\n' || m === '\n' ? '\\n' : '\\r')));
  return /^\s*(::|##\[)/.test(one) ? `| ${one}` : one;
}

export type AnnotationProperties = core.AnnotationProperties;

function safeProps(p: AnnotationProperties | undefined): AnnotationProperties | undefined {
  if (!p) return undefined;
  const out: AnnotationProperties = { ...p };
  // @actions/core escapes %, CR, LF, ':' and ',' in properties; control characters and the
  // other line breaks are ours to neutralise
  if (out.title !== undefined) out.title = logSafe(out.title);
  if (out.file !== undefined) out.file = logSafe(out.file);
  return out;
}

export const log = {
  info(message: string): void {
    core.info(logSafe(message));
  },
  /** Annotation messages may span lines: @actions/core escapes CR/LF inside the command. */
  notice(message: string, props?: AnnotationProperties): void {
    core.notice(controlSafe(message).replace(LINE_BREAK, '\n'), safeProps(props));
  },
  warning(message: string, props?: AnnotationProperties): void {
    core.warning(controlSafe(message).replace(LINE_BREAK, '\n'), safeProps(props));
  },
  error(message: string, props?: AnnotationProperties): void {
    core.error(controlSafe(message).replace(LINE_BREAK, '\n'), safeProps(props));
  },
  /** Fails the step (an error annotation); called by main.ts only. */
  fail(message: string): void {
    core.setFailed(controlSafe(message).replace(LINE_BREAK, '\n'));
  },
  /** Registers a value the runner masks in every later log line. */
  mask(secret: string): void {
    core.setSecret(secret);
  },
};
