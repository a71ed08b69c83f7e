/** `kubeward rules` and `kubeward explain RULE`: everything comes from the rules' metadata. */
import { editDistance } from '../core/text.ts';
import { parseArgs } from 'node:util';
import { catalog, getRule } from '../core/rules/index.ts';
import type { RuleMeta } from '../core/rules/types.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';
import { EXPLAIN_HELP, RULES_HELP } from './help.ts';
import { maxOf } from '../core/arrays.ts';

export function runRules(argv: string[], io: CliIO): number {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(RULES_HELP);
    return EXIT.ok;
  }
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

export function runExplain(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(EXPLAIN_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one rule id', 'explain');
  const id = positionals[0];
  const rule = getRule(id);
  if (!rule) {
    const near = catalog
      .map((r) => ({ id: r.meta.id, d: r.meta.id.includes(id) ? 0 : editDistance(id, r.meta.id) }))
      .filter((x) => x.d <= Math.max(2, Math.floor(id.length / 3)))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map((x) => x.id);
    throw new UsageError(
      `unknown rule '${id}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} ('kubeward rules' lists them)`,
      'explain',
    );
  }
  io.stdout(explainText(rule.meta));
  return EXIT.ok;
}
