/**
 * Generates src/core/rules/data/k8s-schema.json: the field types of every built-in Kubernetes
 * kind, from the model classes of @kubernetes/client-node (`attributeTypeMap`) and its API
 * classes (which group/version serves which kind). The schema-invalid rule reads only the JSON,
 * so client-node is never loaded during a scan.
 *
 *   npx node scripts/gen-schema-data.ts          # writes the JSON
 *   npx node scripts/gen-schema-data.ts --check  # exits 1 when the committed JSON is stale
 *
 * Type notation in the JSON: string, int, number, boolean, date, int-or-string, any,
 * `X[]` (array of X), `map<X>` (object with X values), or a type name (an object type).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SchemaData {
  source: string;
  /** apiVersion -> kind -> root type name. */
  roots: Record<string, Record<string, string>>;
  /** type name -> field (JSON name) -> type. */
  types: Record<string, Record<string, string>>;
}

interface Attr {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
type Model = { attributeTypeMap?: Attr[] };

const NOT_KINDS = new Set([
  'Status',
  'APIResourceList',
  'APIGroup',
  'APIGroupList',
  'APIVersions',
  'DeleteOptions',
  'WatchEvent',
  'Scale',
  'Eviction',
  'Binding',
]);

/** `V1Deployment` -> `Deployment`, `CoreV1Event` -> `Event`, `V1beta1CSIStorageCapacity` -> `CSIStorageCapacity`. */
export function kindOfTypeName(type: string): string {
  return type.replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

function normalize(type: string, format: string, refs: Set<string>): string {
  const t = type.trim();
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return `${normalize(arr[1], '', refs)}[]`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (map) return `map<${normalize(map[1], '', refs)}>`;
  switch (t) {
    case 'string':
      return 'string';
    case 'number':
      return format === 'int32' || format === 'int64' ? 'int' : 'number';
    case 'boolean':
      return 'boolean';
    case 'Date':
    case 'V1MicroTime':
      return 'date';
    case 'IntOrString':
      return 'int-or-string';
    case 'any':
    case 'object':
      return 'any';
  }
  refs.add(t);
  return t;
}

export async function generateSchemaData(): Promise<SchemaData> {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('@kubernetes/client-node/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const k8s = (await import('@kubernetes/client-node')) as unknown as Record<string, Model>;
  const apisDir = join(dirname(pkgJson), 'dist', 'gen', 'apis');

  const roots: Record<string, Record<string, string>> = {};
  for (const file of readdirSync(apisDir).sort()) {
    if (!/V\d+(?:(?:alpha|beta)\d+)?Api\.js$/.test(file)) continue;
    const text = readFileSync(join(apisDir, file), 'utf8');
    const path = /'\/(?:api\/(v1)|apis\/([a-z0-9.-]+)\/([a-z0-9]+))\//.exec(text);
    if (!path) continue;
    const apiVersion = path[1] ? path[1] : `${path[2]}/${path[3]}`;
    const names = new Set<string>();
    for (const m of text.matchAll(/(?:deserialize|serialize)\([^;]*?"([A-Za-z0-9]+)", ""\)/g)) names.add(m[1]);
    for (const name of [...names].sort()) {
      const root = name.endsWith('List') ? name.slice(0, -4) : name;
      const attrs = k8s[root]?.attributeTypeMap;
      if (!attrs || !attrs.some((a) => a.baseName === 'kind') || !attrs.some((a) => a.baseName === 'apiVersion'))
        continue;
      const kind = kindOfTypeName(root);
      // a group-prefixed model (CoreV1Event, AuthenticationV1TokenRequest) belongs to its own group
      const prefix = /^([A-Z][a-z]+)+?(?=V\d)/.exec(root)?.[0];
      const group = apiVersion.includes('/') ? apiVersion.split('/')[0].split('.')[0] : 'core';
      if (prefix && prefix.toLowerCase() !== group.toLowerCase()) continue;
      if (NOT_KINDS.has(kind) || kind.endsWith('List')) continue;
      (roots[apiVersion] ??= {})[kind] = root;
    }
  }

  const types: Record<string, Record<string, string>> = {};
  const queue = Object.values(roots).flatMap((m) => Object.values(m));
  while (queue.length) {
    const name = queue.pop()!;
    if (types[name]) continue;
    const attrs = k8s[name]?.attributeTypeMap;
    if (!attrs) throw new Error(`no model class for ${name}`);
    const fields: Record<string, string> = {};
    const refs = new Set<string>();
    for (const a of attrs) fields[a.baseName] = normalize(a.type, a.format, refs);
    types[name] = fields;
    for (const r of refs) if (!types[r]) queue.push(r);
  }

  const sortObj = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    source: `@kubernetes/client-node ${pkg.version}`,
    roots: sortObj(Object.fromEntries(Object.entries(roots).map(([k, v]) => [k, sortObj(v)]))),
    types: sortObj(types),
  };
}

/** The JSON text as committed: stable key order, formatted as prettier leaves it. */
export function renderSchemaData(d: SchemaData): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export const SCHEMA_DATA_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'core',
  'rules',
  'data',
  'k8s-schema.json',
);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderSchemaData(await generateSchemaData());
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_DATA_PATH, 'utf8');
    if (current !== text) {
      console.error(`${SCHEMA_DATA_PATH} is stale: run npx node scripts/gen-schema-data.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_DATA_PATH, text);
    console.log(`wrote ${SCHEMA_DATA_PATH}`);
  }
}
