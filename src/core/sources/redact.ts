/** Redacts secrets from a tool's message before it is shown (helm/kustomize errors can echo values). */
import { detectInText, redact } from '../secrets/index.ts';

/** `extra`: values the user passed (e.g. `--set` values) that must not be echoed either. */
export function redactMessage(message: string, extra: readonly string[] = []): string {
  let out = message;
  for (const v of extra) if (v.length >= 6) out = out.split(v).join(redact(v));
  for (const d of detectInText(out)) if (d.secret.length >= 4) out = out.split(d.secret).join(d.preview);
  // keep messages to a readable size
  const lines = out.trim().split('\n');
  return (lines.length > 20 ? [...lines.slice(0, 20), `… (${lines.length - 20} more lines)`] : lines).join('\n');
}
