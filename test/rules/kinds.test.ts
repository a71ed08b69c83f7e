/**
 * Rules declare the kinds their `check` applies to and the engine dispatches by kind. These tests
 * check the declarations are complete (a rule run directly on an object outside its kinds finds
 * nothing, so dispatch hides no finding) and that the engine honours them.
 */
import path from 'node:path';
import { defaultSetting, evaluate } from '../../src/core/engine.ts';
import { loadManifests } from '../../src/core/manifests/load.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import type { K8sObject } from '../../src/core/manifests/types.ts';
import { catalog } from '../../src/core/rules/index.ts';
import { podTemplateKinds } from '../../src/core/rules/podspec.ts';
import { POD_TEMPLATE_KINDS, type Rule, type RuleContext } from '../../src/core/rules/types.ts';
import { corpusFiles, hasCorpus } from '../support/corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function expand(kinds: readonly string[]): Set<string> {
  return new Set(kinds.flatMap((k) => (k === POD_TEMPLATE_KINDS ? [...podTemplateKinds()] : [k])));
}

function ctxFor(rule: Rule, objects: readonly K8sObject[]): RuleContext {
  const memo = new Map<string, unknown>();
  return {
    objects,
    options: defaultSetting(rule.meta).options,
    kubeVersion: '1.34',
    mode: 'manifest',
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
}

test('rules with a check declare their kinds, except the few that read any object', () => {
  const anyKind = catalog.filter((r) => r.check && !r.meta.kinds).map((r) => r.meta.id);
  // metadata annotations, namespaces and the API schema exist on every kind; custom resources
  // are every kind of a CRD group, not a list
  expect(anyKind.sort()).toEqual(
    [
      'default-namespace',
      'deprecated-api',
      'schema-invalid',
      'secret-in-annotation',
      'secret-in-custom-resource',
      'warning-events',
    ].sort(),
  );
});

test('a rule run outside its declared kinds finds nothing (examples, fixtures and a corpus sample)', async () => {
  const paths = [path.join(ROOT, 'examples'), path.join(ROOT, 'test/fixtures/cluster/manifests')];
  if (hasCorpus) paths.push(...corpusFiles().filter((_, i) => i % 7 === 0));
  else console.warn('shared corpus absent: kinds completeness checked on examples and fixtures only');
  const inv = await loadManifests({ paths, cwd: ROOT });
  const objects = inv.objects;
  expect(objects.length).toBeGreaterThan(20);
  const leaks: string[] = [];
  for (const rule of catalog) {
    if (!rule.check || !rule.meta.kinds) continue;
    const kinds = expand(rule.meta.kinds);
    const ctx = ctxFor(rule, objects);
    for (const o of objects) {
      if (kinds.has(o.ref.kind)) continue;
      for (const v of rule.check(o, ctx)) leaks.push(`${rule.meta.id} on ${o.ref.kind}/${o.ref.name}: ${v.message}`);
    }
  }
  expect(leaks).toEqual([]);
});

test('the engine hands check only objects of the declared kinds', () => {
  const seen: string[] = [];
  const probe: Rule = {
    meta: {
      id: 'probe',
      title: 'probe',
      severity: 'low',
      enabledByDefault: true,
      category: 'hygiene',
      rationale: '',
      remediation: '',
      references: [],
      kinds: ['Service', POD_TEMPLATE_KINDS],
    },
    check(o) {
      seen.push(o.ref.kind);
      return [];
    },
  };
  const parsed = parseManifestText(
    [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: b}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c}\nspec: {template: {spec: {containers: []}}}',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: d}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: e}',
    ].join('\n---\n'),
    'k.yaml',
  );
  evaluate(parsed.objects, [], { rules: [probe] });
  expect(seen).toEqual(['Service', 'Deployment', 'CronJob']);
});
