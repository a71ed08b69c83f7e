/** deploy/rbac.yaml grants exactly what verify reads: list+watch per kind, secrets list only, opt-in. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { RESOURCES } from '../../src/core/cluster/inventory.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
type Doc = { kind: string; metadata: { name: string }; rules?: Rule[] };
const docs = yaml.loadAll(readFileSync(path.join(ROOT, 'deploy/rbac.yaml'), 'utf8')) as Doc[];
const role = (name: string) => docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === name)!;
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const grants = (r: Doc, group: string, res: string, verb: string) =>
  (r.rules ?? []).some((x) => x.apiGroups.includes(group) && x.resources.includes(res) && x.verbs.includes(verb));

test('the default ClusterRole can list and watch every kind verify reads, and nothing more', () => {
  const r = role('kubeward-verify');
  for (const spec of RESOURCES.filter((s) => !s.secretChecks)) {
    expect([spec.plural, grants(r, groupOf(spec.apiVersion), spec.plural, 'list')]).toEqual([spec.plural, true]);
    expect([spec.plural, grants(r, groupOf(spec.apiVersion), spec.plural, 'watch')]).toEqual([spec.plural, true]);
  }
  const verbs = new Set((r.rules ?? []).flatMap((x) => x.verbs));
  expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
  expect(grants(r, '', 'secrets', 'list')).toBe(false);
});

test('secrets are listed only through the optional role, with list alone', () => {
  const r = role('kubeward-verify-secrets');
  expect(r.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
});
