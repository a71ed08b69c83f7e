/**
 * Rule documentation rendered from rule metadata: docs/rules/<id>.md, docs/rules/README.md,
 * the rule part of schema/kubeward.schema.json, and the text of `kubeward explain <id>`.
 * scripts/gen-docs.ts writes the files; test/docs.test.ts fails when they are stale.
 */
import { stringify } from 'yaml';
import { POD_TEMPLATE_KINDS, type Rule, type RuleCategory, type RuleMeta, type RuleOption } from './rules/types.ts';
import { catalog } from './rules/index.ts';

/** Every rule a user can meet: the catalog (the suppressor's own rules included). */
export function documentedRules(): Rule[] {
  return [...catalog];
}

export const GENERATED_NOTE =
  '<!-- Generated from the rule metadata by `npm run docs`: edit the rule, not this file. -->';

const CATEGORY_TITLES: Record<RuleCategory, string> = {
  'pod-security': 'Pod security',
  volumes: 'Volumes and host access',
  images: 'Images',
  resources: 'Resources',
  availability: 'Availability',
  'service-accounts': 'Service accounts',
  secrets: 'Secrets',
  configuration: 'Configuration',
  network: 'Network isolation and exposure',
  rbac: 'RBAC',
  istio: 'Istio',
  hygiene: 'Hygiene',
  api: 'Kubernetes API',
  dockerfile: 'Dockerfile',
  live: 'Live cluster',
  policy: 'Admission policies and custom rules',
};

export function categoryTitle(c: string): string {
  return (CATEGORY_TITLES as Record<string, string>)[c] ?? c;
}

/** Text for a Markdown table cell. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function formatDefault(v: unknown): string {
  if (v === undefined) return '—';
  if (Array.isArray(v) && v.length === 0) return '`[]`';
  return '`' + JSON.stringify(v) + '`';
}

/** A one-paragraph description of what the rule flags, when the metadata has one. */
function descriptionOf(meta: RuleMeta): string | undefined {
  const d = (meta as RuleMeta & { description?: unknown }).description;
  return typeof d === 'string' && d.trim() ? d.trim() : undefined;
}

function yamlBlock(text: string): string {
  return '```yaml\n' + text.replace(/\s+$/, '') + '\n```';
}

/** The Markdown page of one rule (also what `kubeward explain <id>` prints). */
export function renderRuleDoc(meta: RuleMeta): string {
  const out: string[] = [];
  out.push(`# ${meta.id}: ${meta.title}`, '', GENERATED_NOTE, '');
  out.push('| | |', '|---|---|');
  out.push(`| Rule id | \`${meta.id}\` |`);
  out.push(`| Default severity | ${meta.severity} |`);
  out.push(`| Category | ${categoryTitle(meta.category)} (\`${meta.category}\`) |`);
  out.push(
    `| Enabled by default | ${meta.enabledByDefault ? 'yes' : 'no: turn it on in `.kubeward.yaml` (see Configuration below)'} |`,
  );
  if (meta.pss) {
    out.push(
      `| Pod Security Standards | ${meta.pss} (turned on by \`preset: ${meta.pss}\`${meta.pss === 'baseline' ? ' and `preset: restricted`' : ''}) |`,
    );
  }
  if (meta.cis) out.push(`| CIS Kubernetes Benchmark | ${cell(meta.cis)} |`);
  if (meta.kinds?.length) {
    const kinds = meta.kinds.map((k) => (k === POD_TEMPLATE_KINDS ? 'every kind with a pod template' : `\`${k}\``));
    out.push(`| Applies to | ${cell(kinds.join(', '))} |`);
  }
  out.push(
    `| Runs on | ${meta.liveOnly ? 'live clusters only (`kubeward verify`)' : 'manifests (`kubeward scan`) and live objects (`kubeward verify`)'} |`,
  );
  out.push('');

  out.push('## What it checks', '');
  out.push(descriptionOf(meta) ?? `${meta.title}.`, '');

  out.push('## Why it matters', '', meta.rationale.trim(), '');

  out.push('## How to fix it', '', meta.remediation.trim(), '');
  if (meta.example?.trim()) out.push(yamlBlock(meta.example), '');

  out.push('## Options', '');
  const options = Object.entries(meta.options ?? {});
  if (options.length) {
    out.push('| Option | Type | Default | Description |', '|---|---|---|---|');
    for (const [name, o] of options) {
      out.push(`| \`${name}\` | ${o.type} | ${cell(formatDefault(o.default))} | ${cell(o.description)} |`);
    }
  } else {
    out.push(meta.unsuppressible ? 'None.' : 'None besides `enabled` and `severity`.');
  }
  out.push('');

  out.push('## Configuration', '');
  if (meta.unsuppressible) {
    out.push(
      'None: kubeward reports this finding itself, at this severity, whatever the configuration says. It cannot be turned off, re-rated or suppressed (annotations, comments and exemptions do not apply).',
      '',
    );
    if (meta.references.length) out.push('## References', '', ...meta.references.map((r) => `- <${r}>`), '');
    return out.join('\n');
  }
  const setting: Record<string, unknown> = { enabled: true, severity: meta.severity };
  for (const [name, o] of options) if (o.default !== undefined) setting[name] = o.default;
  out.push(
    `In \`.kubeward.yaml\` (see [configuration](../configuration.md)); ${options.length ? 'options sit beside `enabled` and `severity`' : 'the values shown are the defaults'}:`,
    '',
  );
  out.push(yamlBlock(stringify({ rules: { [meta.id]: setting } }, { lineWidth: 0 })), '');
  if (!meta.liveOnly) {
    out.push('To accept a finding on one object, give a reason:', '');
    out.push(
      yamlBlock(`metadata:\n  annotations:\n    kubeward.io/ignore: "${meta.id} -- <why this object is an exception>"`),
      '',
    );
    out.push(`or put \`# kubeward-ignore ${meta.id} <reason>\` on the reported line or the line above it.`, '');
  }

  if (meta.references.length) {
    out.push('## References', '');
    for (const r of meta.references) out.push(`- ${/^https?:\/\//.test(r) ? `<${r}>` : r}`);
    out.push('');
  }
  return out.join('\n');
}

/** docs/rules/README.md: every rule, grouped by category in catalog order. */
export function renderRulesIndex(rules: readonly Rule[]): string {
  const out: string[] = [];
  const on = rules.filter((r) => r.meta.enabledByDefault).length;
  out.push('# Rules', '', GENERATED_NOTE, '');
  out.push(
    `${rules.length} rules, ${on} enabled by default. Turn rules on or off, change their severity and set their options in`,
    "`.kubeward.yaml` ([configuration](../configuration.md)); `kubeward explain <id>` prints a rule's page.",
    '',
  );
  const groups = new Map<string, Rule[]>();
  for (const r of rules) {
    const list = groups.get(r.meta.category) ?? [];
    list.push(r);
    groups.set(r.meta.category, list);
  }
  for (const [category, list] of groups) {
    out.push(`## ${categoryTitle(category)}`, '');
    out.push('| Rule | What it flags | Severity | Default | PSS | Options |', '|---|---|---|---|---|---|');
    for (const { meta } of list) {
      out.push(
        `| [\`${meta.id}\`](${meta.id}.md) | ${cell(meta.title)} | ${meta.severity} | ${meta.enabledByDefault ? 'on' : 'off'} | ${meta.pss ?? ''} | ${Object.keys(
          meta.options ?? {},
        )
          .map((o) => `\`${o}\``)
          .join(', ')} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/** File name -> content of everything under docs/rules. */
export function renderRuleDocs(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', renderRulesIndex(rules));
  for (const r of rules) files.set(`${r.meta.id}.md`, renderRuleDoc(r.meta));
  return files;
}

function optionSchema(o: RuleOption): Record<string, unknown> {
  const base: Record<string, unknown> = { description: o.description };
  if (o.default !== undefined) base.default = o.default;
  switch (o.type) {
    case 'string[]':
      return { type: 'array', items: { type: 'string' }, ...base };
    case 'object':
      return { type: 'object', ...base };
    default:
      return { type: o.type, ...base };
  }
}

/**
 * The per-rule part of the JSON schema (`definitions.rules.properties`): editors complete rule ids
 * and option names from it. Unknown rules stay allowed by the schema; the loader reports them
 * against the catalog of the running version.
 */
export function ruleSchemaProperties(rules: readonly Rule[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const { meta } of rules) {
    const options: Record<string, unknown> = {
      enabled: { type: 'boolean', description: `Default: ${meta.enabledByDefault}.` },
      severity: { $ref: '#/definitions/severity', description: `Default: ${meta.severity}.` },
    };
    for (const [name, o] of Object.entries(meta.options ?? {})) options[name] = optionSchema(o);
    props[meta.id] = {
      type: 'object',
      description: `${meta.title} (${meta.severity}, ${meta.enabledByDefault ? 'on' : 'off'} by default). See docs/rules/${meta.id}.md.`,
      properties: options,
    };
  }
  return props;
}

/** The whole schema with the rule properties of `rules` filled in. */
export function withRuleProperties(schema: Record<string, unknown>, rules: readonly Rule[]): Record<string, unknown> {
  const s = structuredClone(schema) as { definitions: { rules: Record<string, unknown> } };
  const r = s.definitions.rules;
  const { additionalProperties, ...rest } = r;
  s.definitions.rules = { ...rest, properties: ruleSchemaProperties(rules), additionalProperties };
  return s as unknown as Record<string, unknown>;
}
