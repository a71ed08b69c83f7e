/** `kubeward rules` and `kubeward explain RULE`: everything comes from the rules' metadata. */
import { editDistance } from '../core/text.ts';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { allRules, getRule, registerRules } from '../core/rules/index.ts';
import { loadPolicyObjects, loadRunConfig } from '../core/scan.ts';
import { explainPolicy, policyNames } from '../core/policies/explain.ts';
import type { RuleMeta } from '../core/rules/types.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';
import { EXPLAIN_HELP, RULES_HELP } from './help.ts';
import { maxOf } from '../core/arrays.ts';

/** Registers the custom rules of the configuration (given, or found in cwd), so they list and explain like the catalog's. */
async function withConfig(io: CliIO, config: string | undefined) {
  const run = await loadRunConfig({
    paths: [],
    cwd: io.cwd,
    ...(config ? { configFile: path.resolve(io.cwd, config) } : {}),
  });
  registerRules(run.config.customRules);
  return run;
}

export async function runRules(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(RULES_HELP);
    return EXIT.ok;
  }
  await withConfig(io, values.config);
  const catalog = allRules();
  const format = values.format ?? 'text';
  if (format === 'json') {
    const list = catalog.map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      severity: r.meta.severity,
      enabledByDefault: r.meta.enabledByDefault,
      category: r.meta.category,
    }));
    io.stdout(JSON.stringify(list, null, 2) + '\n');
    return EXIT.ok;
  }
  if (format !== 'text') throw new UsageError(`unknown --format '${format}' for rules (use text or json)`, 'rules');
  const idW = maxOf(
    catalog.map((r) => r.meta.id.length),
    2,
  );
  const catW = maxOf(
    catalog.map((r) => r.meta.category.length),
    8,
  );
  io.stdout(`${'ID'.padEnd(idW)}  SEVERITY  ${'CATEGORY'.padEnd(catW)}  DEFAULT  TITLE\n`);
  for (const r of catalog) {
    const m = r.meta;
    io.stdout(
      `${m.id.padEnd(idW)}  ${m.severity.padEnd(8)}  ${m.category.padEnd(catW)}  ${(m.enabledByDefault ? 'on' : 'off').padEnd(7)}  ${m.title}\n`,
    );
  }
  io.stdout(`\n${catalog.length} rules. 'kubeward explain RULE' for details.\n`);
  return EXIT.ok;
}

export function explainText(m: RuleMeta): string {
  const out = [
    `${m.id}: ${m.title}`,
    '',
    `Severity: ${m.severity}    Category: ${m.category}    Default: ${m.enabledByDefault ? 'on' : 'off'}` +
      (m.pss ? `    Pod Security Standards: ${m.pss}` : '') +
      (m.cis ? `    CIS: ${m.cis}` : '') +
      (m.liveOnly ? '    (live verification only)' : ''),
    '',
    'Why it matters:',
    `  ${m.rationale}`,
    '',
    'How to fix:',
    `  ${m.remediation}`,
  ];
  if (m.example) out.push('', 'Example:', ...m.example.split('\n').map((l) => `  ${l}`));
  const opts = Object.entries(m.options ?? {});
  if (opts.length) {
    out.push('', 'Options:');
    for (const [k, o] of opts) {
      out.push(
        `  ${k} (${o.type}${o.default !== undefined ? `, default ${JSON.stringify(o.default)}` : ''}): ${o.description}`,
      );
    }
  }
  if (m.references.length) out.push('', 'References:', ...m.references.map((r) => `  ${r}`));
  return out.join('\n') + '\n';
}

export async function runExplain(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      config: { type: 'string', short: 'c' },
      policies: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(EXPLAIN_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one rule id or policy name', 'explain');
  const id = positionals[0];
  const run = await withConfig(io, values.config);
  const catalog = allRules();
  const rule = getRule(id);
  const policyPaths = [...run.config.policies, ...(values.policies ?? [])];
  if (!rule && policyPaths.length) {
    const pol = await loadPolicyObjects(policyPaths, io.cwd);
    const text = explainPolicy(pol.objects, id);
    if (text) {
      io.stdout(text);
      return EXIT.ok;
    }
    const names = policyNames(pol.objects);
    if (names.length) io.stderr(`policies found: ${names.join(', ')}\n`);
  }
  if (!rule) {
    const near = catalog
      .map((r) => ({ id: r.meta.id, d: r.meta.id.includes(id) ? 0 : editDistance(id, r.meta.id) }))
      .filter((x) => x.d <= Math.max(2, Math.floor(id.length / 3)))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map((x) => x.id);
    throw new UsageError(
      `unknown rule '${id}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} ('kubeward rules' lists them; to explain a policy, give --policies PATH)`,
      'explain',
    );
  }
  io.stdout(explainText(rule.meta));
  return EXIT.ok;
}
