/**
 * Incident notifier: POSTs a Slack-compatible JSON message (`{"text": ...}`, also accepted by
 * Mattermost, Rocket.Chat, Google Chat and most webhook relays) for the incidents of a round.
 * The text comes from a template with {{cluster}}, {{count}}, {{incidents}} and {{drift}}
 * placeholders. Only rule ids, severities, object names and finding messages (which never hold a
 * secret value) go out; redacted previews are left out too. The URL (itself a credential for
 * Slack) is never printed.
 */
import type { RoundResult } from '../core/monitor/index.ts';

export const DEFAULT_TEMPLATE =
  ':rotating_light: kubeward: {{count}} new incident(s) on {{cluster}}\n{{incidents}}{{drift}}';

const MAX_LINES = 20;

function objectName(o: { kind: string; namespace?: string; name: string } | undefined): string {
  if (!o) return '';
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

export function renderNotification(r: RoundResult, template = DEFAULT_TEMPLATE): string {
  const lines = r.incidents.map((f) => `• [${f.severity}] ${f.ruleId} ${objectName(f.object)}: ${f.message}`);
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`… and ${lines.length - MAX_LINES} more`);
  const protectedDrift = r.drift.filter((d) => d.protected);
  const drift = protectedDrift.length
    ? `\nDrift on protected objects:\n${protectedDrift.map((d) => `• ${d.kind} ${d.namespace}/${d.name} edited by ${d.manager}`).join('\n')}`
    : '';
  const values: Record<string, string> = {
    cluster: r.cluster,
    count: String(r.incidents.length),
    incidents: shown.join('\n'),
    drift,
  };
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => values[k] ?? m);
}

/** True when the round has something to notify: incidents or drift on protected objects. */
export function worthNotifying(r: RoundResult): boolean {
  return r.incidents.length > 0 || r.drift.some((d) => d.protected);
}

export async function notify(url: string, text: string, timeoutMs = 10000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new Error(`the notification webhook could not be reached: ${cause}`, { cause: e });
  }
  if (!res.ok) throw new Error(`the notification webhook refused the message: HTTP ${res.status}`);
}
