/** "did you mean" for the CLI's unknown commands, options and names. */
import { closest } from '../core/config.ts';
import { editDistance } from '../core/text.ts';

/** `; did you mean 'x'?` when a candidate is close to `name`, else ''. */
export function suggest(name: string, candidates: readonly string[], quote: string): string {
  const c = closest(name, candidates);
  if (!c || c === name) return '';
  const near = editDistance(name.toLowerCase(), c.toLowerCase()) <= Math.max(2, Math.ceil(name.length / 3));
  return near ? `; did you mean ${quote}${c}${quote}?` : '';
}

/**
 * `unknown option '--fial-on'; did you mean '--fail-on'?` from parseArgs' unknown-option message
 * and the command's --help text: the candidates are the flags the help lists, so every command
 * (and every flag added later) is covered.
 */
export function unknownOptionText(message: string, help: string): string {
  const flag = /'(-[^']*)'/.exec(message)?.[1];
  if (!flag) return message;
  const flags = [...new Set(help.match(/--[a-z][a-z0-9-]*/g) ?? [])];
  const name = flag.split('=')[0];
  return `unknown option '${flag}'${name.startsWith('--') ? suggest(name, flags, "'") : ''}`;
}
