/**
 * secretlint's recommended rules, run synchronously on candidate strings.
 *
 * `@secretlint/core`'s `lintSource` is async (a promise per source), while kubeward's rules are
 * synchronous. The preset's scanner rules themselves are plain `create(context) -> { file(source) }`
 * objects whose `file` handlers report synchronously, so we instantiate them once with a minimal
 * context that records only the rule id, message id and range (never the message text, which
 * embeds the secret) and call `file` per candidate string. `lintWithSecretlintCore` runs the same
 * preset through `@secretlint/core` (async) and is used by the tests to check the two paths agree.
 */
import { creator as presetCreator, rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';

export interface SecretlintMatch {
  /** secretlint rule id without the package scope, e.g. 'secretlint-rule-github'. */
  ruleId: string;
  messageId: string;
  /** The matched text (secret material; never printed). */
  secret: string;
  index: number;
}

interface Report {
  message?: { messageId?: string };
  range: [number, number];
}
interface MinimalContext {
  sharedOptions: Record<string, unknown>;
  createTranslator: (m: unknown) => (messageId: string) => { message: string; messageId: string };
  report: (d: Report) => void;
  ignore: (d: unknown) => void;
}
interface ScannerRule {
  meta: { id: string; type: string; supportedContentTypes?: string[] };
  create(ctx: MinimalContext, options: Record<string, unknown>): { file?: (source: unknown) => unknown };
}

/** Rules whose job is not detection (comment filters) or that our own detectors already cover better. */
const SKIP = new Set(['@secretlint/secretlint-rule-filter-comments']);

/**
 * Cheap gates: a secretlint rule only runs on a string that contains its format's literal prefix
 * (taken from each rule's documented pattern). Rules not listed always run. This keeps secretlint
 * at a few milliseconds over the whole corpus instead of ~150 ms.
 */
const GATES: Record<string, readonly string[]> = {
  '@secretlint/secretlint-rule-aws': [
    'AKIA',
    'ASIA',
    'aws',
    'AWS',
    'Aws',
    'ecret_access',
    'ECRET_ACCESS',
    'ecretAccess',
  ],
  '@secretlint/secretlint-rule-gcp': ['private_key', 'service_account'],
  '@secretlint/secretlint-rule-privatekey': ['PRIVATE KEY'],
  '@secretlint/secretlint-rule-npm': ['npm_', '_authToken'],
  '@secretlint/secretlint-rule-basicauth': ['://'],
  '@secretlint/secretlint-rule-slack': ['xox', 'xapp', 'hooks.slack'],
  '@secretlint/secretlint-rule-sendgrid': ['SG.'],
  '@secretlint/secretlint-rule-shopify': ['shppa_', 'shpca_', 'shpat_', 'shpss_'],
  '@secretlint/secretlint-rule-github': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  '@secretlint/secretlint-rule-gitlab': ['glpat-'],
  '@secretlint/secretlint-rule-grafana': ['glc_', 'glsa_'],
  '@secretlint/secretlint-rule-openai': ['sk-'],
  '@secretlint/secretlint-rule-anthropic': ['sk-ant-'],
  '@secretlint/secretlint-rule-groq': ['gsk_'],
  '@secretlint/secretlint-rule-huggingface': ['hf_'],
  '@secretlint/secretlint-rule-linear': ['lin_api_'],
  '@secretlint/secretlint-rule-notion': ['ntn_', 'secret_', 'PRIVATE KEY'],
  '@secretlint/secretlint-rule-1password': ['ops_'],
  '@secretlint/secretlint-rule-database-connection-string': ['://'],
  '@secretlint/secretlint-rule-hashicorp-vault': ['hvs.', 'hvb.'],
  '@secretlint/secretlint-rule-vercel': ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
  '@secretlint/secretlint-rule-databricks': ['dapi'],
  '@secretlint/secretlint-rule-docker': ['dckr_pat_'],
  '@secretlint/secretlint-rule-figma': ['figd_'],
};

let current: { id: string; out: { id: string; messageId: string; range: [number, number] }[] } | undefined;
let handlers: { id: string; gate?: readonly string[]; file: (source: unknown) => unknown }[] | undefined;

function load(): { id: string; gate?: readonly string[]; file: (source: unknown) => unknown }[] {
  if (handlers) return handlers;
  handlers = [];
  for (const r of presetRules as unknown as ScannerRule[]) {
    if (r.meta.type !== 'scanner' || SKIP.has(r.meta.id)) continue;
    const id = r.meta.id;
    const ctx: MinimalContext = {
      sharedOptions: {},
      createTranslator: () => (messageId: string) => ({ message: messageId, messageId }),
      report: (d) => current?.out.push({ id, messageId: d.message?.messageId ?? '', range: d.range }),
      ignore: () => {},
    };
    try {
      const h = r.create(ctx, {});
      if (h.file) handlers.push({ id, gate: GATES[id], file: h.file });
    } catch {
      // a rule that cannot be instantiated this way is skipped; our own detectors still run
    }
  }
  return handlers;
}

/**
 * Every literal any loaded secretlint rule needs, or undefined when some rule has no gate (it
 * must then run on every string).
 */
export function secretlintGates(): readonly string[] | undefined {
  const hs = load();
  if (hs.some((h) => !h.gate)) return undefined;
  return [...new Set(hs.flatMap((h) => h.gate ?? []))];
}

/** Runs secretlint's recommended scanner rules synchronously over one string. */
export function secretlintSync(text: string): SecretlintMatch[] {
  const source = { content: text, filePath: 'value', ext: '', contentType: 'text' };
  current = { id: '', out: [] };
  try {
    for (const h of load()) {
      if (h.gate && !h.gate.some((g) => text.includes(g))) continue;
      try {
        const r = h.file(source);
        // an async handler's later reports are dropped by clearing `current` below
        if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).catch(() => {});
      } catch {
        // one rule failing on odd input must not stop the others
      }
    }
    return current.out.map((o) => ({
      ruleId: o.id.replace(/^@secretlint\//, ''),
      messageId: o.messageId,
      secret: text.slice(o.range[0], o.range[1]),
      index: o.range[0],
    }));
  } finally {
    current = undefined;
  }
}

/**
 * The same preset through `@secretlint/core`'s async `lintSource` (masked messages). Returns the
 * matched ranges by rule. Used to cross-check the synchronous path.
 */
export async function lintWithSecretlintCore(text: string): Promise<{ ruleId: string; range: [number, number] }[]> {
  const { lintSource } = await import('@secretlint/core');
  const res = await lintSource({
    source: { content: text, filePath: 'value.txt', ext: '.txt', contentType: 'text' },
    options: {
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: presetCreator }] },
      maskSecrets: true,
    },
  });
  return res.messages
    .filter((m) => m.ruleId !== '@secretlint/secretlint-rule-filter-comments')
    .map((m) => ({ ruleId: m.ruleId.replace(/^@secretlint\//, ''), range: m.range as [number, number] }));
}
