/**
 * The schema oracle: every built-in object (a kind kubeward's schema knows) is created with
 * dryRun=All and fieldValidation=Strict (namespaced ones in a fresh namespace), and the server's
 * answer is compared with kubeward's `schema-invalid` and `duplicate-key` findings. kubeward must
 * never flag what the server accepts (false positives); the report counts the rejections it
 * misses, by category, and the kinds the server does not serve. Objects whose manifest has
 * duplicate keys are sent as their YAML text, so the server sees the duplicates too.
 * Shared by `npm run oracle -- schema` and test/real/oracle-schema.test.ts.
 */
import type { K8sObject, LoadProblem } from '../../../src/core/manifests/index.ts';
import { rootType, schemaInvalid } from '../../../src/core/rules/api.ts';
import type { RuleContext } from '../../../src/core/rules/types.ts';
import type { RealCluster } from '../real-cluster.ts';
import { loadOracleInput, objectName, pool, table, type OracleSource } from './objects.ts';

export type SchemaCategory =
  'required field' | 'name/label format' | 'enum' | 'unknown field' | 'duplicate field' | 'type' | 'other';

export type SchemaVerdict =
  | { kind: 'accepted' }
  | { kind: 'rejected'; category: SchemaCategory; message: string }
  | { kind: 'not served'; message: string }
  | { kind: 'refused'; message: string };

export interface SchemaCase {
  file: string;
  object: string;
  apiVersion: string;
  server: SchemaVerdict;
  /** kubeward's schema-invalid / duplicate-key messages (empty: it finds nothing). */
  kubeward: string[];
}

export interface SchemaReport {
  source: OracleSource;
  objects: number;
  accepted: number;
  /** Accepted by the server, flagged by kubeward: must be none. */
  falsePositives: SchemaCase[];
  rejected: number;
  /** Rejected and flagged by kubeward. */
  caught: number;
  missed: SchemaCase[];
  missedByCategory: Map<SchemaCategory, number>;
  /** apiVersion/kind -> objects, for kinds the server does not serve. */
  notServed: Map<string, number>;
  /** Refused for reasons that are not the object's validity (admission, conflicts). */
  refused: SchemaCase[];
  cases: SchemaCase[];
}

interface Cause {
  reason?: string;
  field?: string;
  message?: string;
}

/** The kind of error a server rejection is, from its causes or its message. */
export function categorize(status: number, body: Record<string, unknown>): SchemaCategory {
  const message = String(body.message ?? '');
  if (/unknown field/.test(message)) return 'unknown field';
  if (/duplicate field/.test(message)) return 'duplicate field';
  if (/cannot unmarshal|cannot be handled as|json: |quantities must match/.test(message)) return 'type';
  const causes = ((body.details as { causes?: Cause[] } | undefined)?.causes ?? []) as Cause[];
  const reasons = new Set(causes.map((c) => c.reason));
  if (reasons.has('FieldValueRequired')) return 'required field';
  if (reasons.has('FieldValueNotSupported')) return 'enum';
  if (
    causes.some(
      (c) =>
        /^metadata\.(name|labels|annotations|generateName)|selector|\.name$/.test(c.field ?? '') &&
        /RFC 1123|RFC 1035|valid label|qualified name|DNS/.test(c.message ?? ''),
    ) ||
    /RFC 1123|RFC 1035|a valid label|qualified name/.test(message)
  )
    return 'name/label format';
  void status;
  return 'other';
}

/** A document's YAML text with its metadata.namespace line dropped (the URL gives the namespace). */
function documentText(o: K8sObject): string | undefined {
  if (!o.source || o.docPath.length) return undefined;
  const text = o.source.fileText.slice(o.source.start, o.source.end);
  return text.replace(/^(metadata:\s*\n(?:[ \t]+.*\n|\s*\n)*?)[ \t]+namespace:.*\n/m, '$1');
}

async function submit(c: RealCluster, o: K8sObject, namespace: string, duplicateKeys: boolean): Promise<SchemaVerdict> {
  let p: string;
  let namespaced: boolean;
  try {
    const r = await c.resourceFor(o.ref.apiVersion, o.ref.kind);
    namespaced = r.namespaced;
    p = await c.pathFor(o.ref.apiVersion, o.ref.kind, namespaced ? namespace : undefined);
  } catch (e) {
    return { kind: 'not served', message: (e as Error).message };
  }
  const md = (o.data.metadata ?? {}) as Record<string, unknown>;
  const raw = duplicateKeys ? documentText(o) : undefined;
  const body = raw ?? (namespaced ? { ...o.data, metadata: { ...md, namespace } } : o.data);
  const r = await c.request('POST', p, {
    body,
    ...(raw !== undefined ? { contentType: 'application/yaml' } : {}),
    query: { dryRun: 'All', fieldValidation: 'Strict' },
    check: false,
  });
  const message = String(r.body.message ?? r.body.text ?? `HTTP ${r.status}`);
  // 409 AlreadyExists comes after validation: the object itself was accepted
  if ((r.status >= 200 && r.status < 300) || r.status === 409) return { kind: 'accepted' };
  if (r.status === 400 || r.status === 422)
    return { kind: 'rejected', category: categorize(r.status, r.body), message };
  return { kind: 'refused', message: `HTTP ${r.status}: ${message}` };
}

const sameRef = (p: LoadProblem, o: K8sObject) =>
  p.kind === 'duplicate-key' &&
  p.file === o.file &&
  p.object?.kind === o.ref.kind &&
  p.object?.name === o.ref.name &&
  p.object?.apiVersion === o.ref.apiVersion;

/** kubeward's schema verdict on one object: schema-invalid findings and duplicate keys. */
export function kubewardSchemaFindings(o: K8sObject, problems: LoadProblem[]): string[] {
  const ctx = { objects: [o], options: {}, kubeVersion: 'latest', mode: 'manifest' } as unknown as RuleContext;
  return [
    ...[...(schemaInvalid.check?.(o, ctx) ?? [])].map((v) => `schema-invalid: ${v.message}`),
    ...problems.filter((p) => sameRef(p, o)).map((p) => `duplicate-key: ${p.message}`),
  ];
}

export async function runSchemaOracle(
  c: RealCluster,
  source: OracleSource,
  opts: { concurrency?: number } = {},
): Promise<SchemaReport> {
  const input = loadOracleInput(source);
  const subjects = input.objects.filter((o) => rootType(o) !== undefined);
  const namespace = await c.namespace('oracle-schema');
  const cases = await pool(subjects, opts.concurrency ?? 8, async (o): Promise<SchemaCase> => {
    const kubeward = kubewardSchemaFindings(o, input.problems);
    const dup = kubeward.some((k) => k.startsWith('duplicate-key'));
    return {
      file: o.file ?? '?',
      object: objectName(o),
      apiVersion: o.ref.apiVersion,
      server: await submit(c, o, namespace, dup),
      kubeward,
    };
  });
  const notServed = new Map<string, number>();
  const missedByCategory = new Map<SchemaCategory, number>();
  const missed: SchemaCase[] = [];
  let caught = 0;
  for (const x of cases) {
    if (x.server.kind === 'not served') {
      const k = `${x.apiVersion} ${x.object.split(' ')[0]}`;
      notServed.set(k, (notServed.get(k) ?? 0) + 1);
    } else if (x.server.kind === 'rejected') {
      if (x.kubeward.length) caught++;
      else {
        missed.push(x);
        missedByCategory.set(x.server.category, (missedByCategory.get(x.server.category) ?? 0) + 1);
      }
    }
  }
  return {
    source,
    objects: subjects.length,
    accepted: cases.filter((x) => x.server.kind === 'accepted').length,
    falsePositives: cases.filter((x) => x.server.kind === 'accepted' && x.kubeward.length > 0),
    rejected: cases.filter((x) => x.server.kind === 'rejected').length,
    caught,
    missed,
    missedByCategory,
    notServed,
    refused: cases.filter((x) => x.server.kind === 'refused'),
    cases,
  };
}

export function formatSchemaReport(r: SchemaReport, opts: { listMissed?: boolean } = {}): string {
  const out: string[] = [];
  const notServed = [...r.notServed.values()].reduce((a, b) => a + b, 0);
  out.push(`Schema oracle: ${r.source} (${r.objects} built-in objects, dryRun=All, fieldValidation=Strict)`, '');
  out.push(
    table(
      ['objects', 'accepted', 'false positives', 'rejected', 'flagged', 'missed', 'not served', 'refused'],
      [
        [
          r.objects,
          r.accepted,
          r.falsePositives.length,
          r.rejected,
          r.caught,
          r.missed.length,
          notServed,
          r.refused.length,
        ],
      ],
    ),
  );
  out.push('', 'Rejections kubeward misses, by category:');
  const cats = [...r.missedByCategory.entries()].sort((a, b) => b[1] - a[1]);
  out.push(cats.length ? table(['category', 'missed'], cats) : '  none');
  out.push('', 'Kinds the server does not serve:');
  const ns = [...r.notServed.entries()].sort((a, b) => b[1] - a[1]);
  out.push(ns.length ? table(['apiVersion kind', 'objects'], ns) : '  none');
  out.push('', `False positives (${r.falsePositives.length}):`);
  for (const x of r.falsePositives) out.push(`- ${x.file} ${x.object}: ${x.kubeward.join('; ')}`);
  if (r.refused.length) {
    out.push('', `Refused for other reasons (${r.refused.length}):`);
    for (const x of r.refused)
      out.push(`- ${x.file} ${x.object}: ${(x.server as { message: string }).message.slice(0, 200)}`);
  }
  if (opts.listMissed !== false) {
    out.push('', `Missed (${r.missed.length}):`);
    for (const x of r.missed) {
      const s = x.server as { category: string; message: string };
      out.push(`- [${s.category}] ${x.file} ${x.object}: ${s.message.replace(/^.*?is invalid: /, '').slice(0, 220)}`);
    }
  }
  return out.join('\n');
}
