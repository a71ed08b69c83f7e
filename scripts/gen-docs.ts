/**
 * Writes docs/rules/<id>.md and docs/rules/README.md for every rule in the catalog, and the rule
 * part of schema/kubeward.schema.json, from the rule metadata. Run with `npm run docs`.
 * `--check` writes nothing and exits 1 when a file is stale.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentedRules, renderRuleDocs, withRuleProperties } from '../src/core/docs.ts';
import { format, resolveConfig } from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(root, 'docs', 'rules');
const schemaFile = path.join(root, 'schema', 'kubeward.schema.json');
const check = process.argv.includes('--check');

const rules = documentedRules();
const wanted = renderRuleDocs(rules);
const stale: string[] = [];
mkdirSync(docsDir, { recursive: true });
for (const [name, text] of wanted) {
  const file = path.join(docsDir, name);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
  stale.push(path.relative(root, file));
  if (!check) writeFileSync(file, text);
}
for (const name of readdirSync(docsDir)) {
  if (name.endsWith('.md') && !wanted.has(name)) {
    stale.push(path.relative(root, path.join(docsDir, name)));
    if (!check) rmSync(path.join(docsDir, name));
  }
}
const schemaText = readFileSync(schemaFile, 'utf8');
const schema = withRuleProperties(JSON.parse(schemaText) as Record<string, unknown>, rules);
const newSchema = await format(JSON.stringify(schema), {
  ...((await resolveConfig(schemaFile)) ?? {}),
  filepath: schemaFile,
});
if (newSchema !== schemaText) {
  stale.push(path.relative(root, schemaFile));
  if (!check) writeFileSync(schemaFile, newSchema);
}

if (check && stale.length) {
  console.error(`stale generated files (run \`npm run docs\`):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(`${rules.length} rules: ${stale.length ? `updated ${stale.length} file(s)` : 'docs up to date'}`);
