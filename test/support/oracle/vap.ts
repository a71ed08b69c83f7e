/**
 * The ValidatingAdmissionPolicy oracle (`npm run oracle -- vap`, test/real/oracle-vap.test.ts):
 * each fixture of test/fixtures/policies/vap (policies, bindings, params, namespaces and the test
 * objects annotated `kubeward.test/subject: 'true'`) is loaded into a real kube-apiserver; once its
 * policies are active every test object is submitted with dryRun=All and the server's verdict
 * (deny: the error message; warn: the Warning headers; admit) is compared with kubeward's for the
 * same pair, through the product path: the engine with the VAPs and bindings given as `policies`
 * (what `kubeward scan --policies` does) and the rest as the scanned set.
 *
 * Names are made unique per run (`kw-vapNN` -> `kw-vapNN-<run>`) so runs never collide on a shared
 * cluster; verdicts are reported, and recorded (test/fixtures/policies/vap/recorded.json), with the
 * fixture's own names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../../../src/core/engine.ts';
import { parseManifestText } from '../../../src/core/manifests/parse.ts';
import type { K8sObject } from '../../../src/core/manifests/types.ts';
import { getRule } from '../../../src/core/rules/index.ts';
import { RealClusterError, type Json, type RealCluster } from '../real-cluster.ts';

export const VAP_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/policies/vap');
export const RECORDED = path.join(VAP_FIXTURES, 'recorded.json');
const SUBJECT = 'kubeward.test/subject';

export interface Verdict {
  verdict: 'deny' | 'warn' | 'admit' | 'not-evaluated' | 'error';
  /** HTTP status of a denial (403 Forbidden, 422 Invalid ...). */
  status?: number;
  /** The denial's message (deny), or why it could not be judged. */
  message?: string;
  /** Warning messages (Warn bindings), sorted. */
  warnings: string[];
}

export interface OracleRow {
  fixture: string;
  /** The policies of the fixture, comma-separated. */
  policy: string;
  /** Kind/namespace/name of the test object. */
  object: string;
  server: Verdict;
  kubeward: Verdict;
  agree: boolean;
}

export interface Fixture {
  file: string;
  text: string;
}

export function vapFixtures(): Fixture[] {
  return readdirSync(VAP_FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(VAP_FIXTURES, file), 'utf8') }));
}

/** Renames the fixture's own names (`kw-vapNN...`) for one run, and back. */
export function renamer(run: string): { to: (s: string) => string; back: (s: string) => string } {
  return {
    to: (s) => s.replace(/\bkw-vap(\d\d)/g, `kw-vap$1-${run}`),
    back: (s) => s.split(`-${run}`).join(''),
  };
}

function parse(text: string, file: string): K8sObject[] {
  const p = parseManifestText(text, file);
  if (p.problems.length) throw new Error(`${file}: ${p.problems[0]!.message}`);
  return p.objects;
}

const isPolicyMachinery = (o: K8sObject) =>
  o.ref.apiVersion.startsWith('admissionregistration.k8s.io/') &&
  (o.ref.kind === 'ValidatingAdmissionPolicy' || o.ref.kind === 'ValidatingAdmissionPolicyBinding');

const isSubject = (o: K8sObject) =>
  (o.data.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.[SUBJECT] === 'true';

export function objectKey(o: { kind: string; namespace?: string; name: string }): string {
  return `${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

const RULES = ['admission-policy', 'policy-invalid', 'policy-not-evaluated'];

/**
 * kubeward's verdicts for the fixture's test objects: the VAPs and bindings as `policies`, the rest
 * (namespaces, params, test objects) as the scanned set.
 */
export function kubewardVerdicts(text: string, file: string): Map<string, Verdict> {
  return kubewardRun(text, file).subjects;
}

/**
 * kubeward's verdicts for the test objects, and for each ValidatingAdmissionPolicy whether it is
 * stored (admit) or refused as invalid (deny: kubeward's policy-invalid finding).
 */
export function kubewardRun(
  text: string,
  file: string,
): { subjects: Map<string, Verdict>; policies: Map<string, Verdict> } {
  const all = parse(text, file);
  const policies = all.filter(isPolicyMachinery);
  const objects = all.filter((o) => !isPolicyMachinery(o));
  const rules = RULES.map((id) => getRule(id)!);
  const res = evaluate(objects, [], { rules, policies });
  if (res.errors.length) throw new Error(`${file}: ${res.errors.map((e) => e.message).join('; ')}`);
  const out = new Map<string, Verdict>();
  for (const o of objects.filter(isSubject)) {
    const key = objectKey(o.ref);
    const mine = res.findings.filter(
      (f) => f.object && objectKey({ kind: f.object.kind, namespace: f.object.namespace, name: f.object.name }) === key,
    );
    const notEvaluated = mine.filter((f) => f.ruleId === 'policy-not-evaluated');
    const decisions = mine.filter((f) => f.ruleId === 'admission-policy');
    const denies = decisions.filter((f) => (f.details?.validationActions ?? '').split(',').includes('Deny'));
    const warnings = decisions
      .filter((f) => (f.details?.validationActions ?? '').split(',').includes('Warn'))
      .map((f) =>
        f.message.replace(/^ValidatingAdmissionPolicy '/, "Validation failed for ValidatingAdmissionPolicy '"),
      )
      .sort();
    if (notEvaluated.length) out.set(key, { verdict: 'not-evaluated', message: notEvaluated[0]!.message, warnings });
    else if (denies.length)
      out.set(key, {
        verdict: 'deny',
        status: Number(denies[0]!.details?.admissionStatus),
        message: denies[0]!.details?.admissionMessage ?? denies[0]!.message,
        warnings,
      });
    else out.set(key, { verdict: warnings.length ? 'warn' : 'admit', warnings });
  }
  const pols = new Map<string, Verdict>();
  for (const p of policies.filter((x) => x.ref.kind === 'ValidatingAdmissionPolicy')) {
    const inv = res.findings.find(
      (f) => f.ruleId === 'policy-invalid' && f.object?.kind === p.ref.kind && f.object.name === p.ref.name,
    );
    pols.set(
      objectKey(p.ref),
      inv ? { verdict: 'deny', message: inv.message, warnings: [] } : { verdict: 'admit', warnings: [] },
    );
  }
  return { subjects: out, policies: pols };
}

/** The server's verdict for one dry-run create. */
async function submit(c: RealCluster, o: Json): Promise<Verdict> {
  try {
    const r = await c.create(o, { dryRun: true, check: false });
    const warnings = r.warnings.filter((w) => /ValidatingAdmissionPolicy/.test(w)).sort();
    if (r.status >= 200 && r.status < 300) return { verdict: warnings.length ? 'warn' : 'admit', warnings };
    if (r.status === 403 || r.status === 422)
      return { verdict: 'deny', status: r.status, message: String(r.body.message ?? ''), warnings };
    return { verdict: 'error', message: `HTTP ${r.status}: ${String(r.body.message ?? '')}`, warnings };
  } catch (e) {
    return { verdict: 'error', message: (e as Error).message, warnings: [] };
  }
}

const TRANSIENT = /failed to find resource referenced by paramKind|not yet synced to use for admission/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const same = (a: Map<string, Verdict>, b: Map<string, Verdict>) => JSON.stringify([...a]) === JSON.stringify([...b]);

/**
 * Loads one fixture (renamed for this run) into the server and returns its verdicts, keyed with the
 * renamed names. Namespaces and params go in first, the policies and bindings after them (so the
 * policies do not judge their own params), then the test objects are submitted with dryRun=All
 * until the verdicts are stable: the apiserver's policy source picks new policies up
 * asynchronously, so the first submissions may still pass.
 */
export async function serverVerdicts(
  c: RealCluster,
  text: string,
  file: string,
  opts: { settleMs?: number; timeoutMs?: number } = {},
): Promise<{ verdicts: Map<string, Verdict>; policies: Map<string, Verdict>; created: Json[] }> {
  const all = parse(text, file);
  const created: Json[] = [];
  const policies = new Map<string, Verdict>();
  const put = async (o: K8sObject) => {
    try {
      await c.apply(o.data as Json, { fieldManager: 'kubeward-oracle' });
    } catch (e) {
      // a policy the server refuses to store (422): that is its verdict on the policy
      if (!(e instanceof RealClusterError && e.status === 422 && isPolicyMachinery(o))) throw e;
      if (o.ref.kind === 'ValidatingAdmissionPolicy')
        policies.set(objectKey(o.ref), { verdict: 'deny', message: String(e.body.message ?? ''), warnings: [] });
      return;
    }
    if (o.ref.kind === 'ValidatingAdmissionPolicy') policies.set(objectKey(o.ref), { verdict: 'admit', warnings: [] });
    created.push(o.data as Json);
  };
  const order = (o: K8sObject) =>
    o.ref.kind === 'Namespace' ? 0 : o.ref.kind === 'CustomResourceDefinition' ? 1 : isPolicyMachinery(o) ? 3 : 2;
  const setup = all.filter((o) => !isSubject(o)).sort((a, b) => order(a) - order(b));
  for (const o of setup) {
    if (order(o) === 2 && created.some((x) => (x.kind as string) === 'CustomResourceDefinition'))
      await c.waitFor(
        async () => {
          await c.resourceFor(o.ref.apiVersion, o.ref.kind);
          return true;
        },
        { what: `${o.ref.apiVersion} ${o.ref.kind} to be served`, timeoutMs: 30000 },
      );
    await put(o);
  }
  const subjects = all.filter(isSubject);
  const round = async () => {
    const m = new Map<string, Verdict>();
    for (const s of subjects) m.set(objectKey(s.ref), await submit(c, s.data as Json));
    return m;
  };
  // stable: the same verdicts twice in a row, at least one of them not an admit (every fixture
  // has a case the policy judges), or the same verdicts for the whole settle time
  const settleMs = opts.settleMs ?? Number(process.env.KUBEWARD_ORACLE_SETTLE_MS ?? 8000);
  const deadline = Date.now() + (opts.timeoutMs ?? 120000);
  let prev = await round();
  let since = Date.now();
  for (;;) {
    await sleep(700);
    const cur = await round();
    const judged = [...cur.values()].some((v) => v.verdict !== 'admit');
    // the apiserver learns a new CRD's resource (for paramKind) and syncs a param informer a moment
    // after the policy: those denials are the setup settling, not the verdict
    const settling = [...cur.values()].some((v) => TRANSIENT.test(v.message ?? ''));
    if (same(prev, cur) && !settling) {
      if ((judged && Date.now() - since > 1500) || Date.now() - since > settleMs)
        return { verdicts: cur, policies, created };
    } else since = Date.now();
    prev = cur;
    if (Date.now() > deadline) return { verdicts: cur, policies, created };
  }
}

/** Deletes what serverVerdicts created: policies and bindings first, namespaces last. */
export async function removeFixture(c: RealCluster, created: Json[]): Promise<void> {
  const rank = (o: Json) =>
    String(o.kind).startsWith('ValidatingAdmissionPolicy') ? 0 : o.kind === 'Namespace' ? 2 : 1;
  for (const o of [...created].sort((a, b) => rank(a) - rank(b))) {
    const md = (o.metadata ?? {}) as Json;
    await c
      .delete(String(o.apiVersion), String(o.kind), String(md.name), md.namespace as string | undefined)
      .catch((e: unknown) => {
        if (!(e instanceof RealClusterError)) throw e;
      });
  }
}

function policyNames(text: string, file: string): string {
  return parse(text, file)
    .filter((o) => o.ref.kind === 'ValidatingAdmissionPolicy')
    .map((o) => o.ref.name)
    .join(',');
}

function unname(v: Verdict, back: (s: string) => string): Verdict {
  return {
    verdict: v.verdict,
    ...(v.status !== undefined ? { status: v.status } : {}),
    ...(v.message !== undefined ? { message: back(v.message) } : {}),
    warnings: v.warnings.map(back),
  };
}

export function agrees(a: Verdict, b: Verdict): boolean {
  return (
    a.verdict === b.verdict &&
    (a.message ?? '') === (b.message ?? '') &&
    a.warnings.join('\n') === b.warnings.join('\n')
  );
}

/** Runs every fixture against the server; rows carry the fixture's own names. */
export async function runVapOracle(
  c: RealCluster,
  opts: { run?: string; fixtures?: Fixture[]; progress?: (file: string) => void } = {},
): Promise<OracleRow[]> {
  const run = opts.run ?? Date.now().toString(36).slice(-5);
  const { to, back } = renamer(run);
  const rows: OracleRow[] = [];
  for (const fx of opts.fixtures ?? vapFixtures()) {
    opts.progress?.(fx.file);
    const text = to(fx.text);
    const mine = kubewardRun(text, fx.file);
    const { verdicts, policies, created } = await serverVerdicts(c, text, fx.file);
    try {
      // the policy itself: stored by the server (admit) or refused (deny); kubeward's words for a
      // refused policy are its own, so only the verdict is compared
      for (const [key, server] of policies) {
        const kw = mine.policies.get(key) ?? { verdict: 'error', message: 'kubeward did not read it', warnings: [] };
        rows.push({
          fixture: fx.file,
          policy: policyNames(fx.text, fx.file),
          object: back(key),
          server: unname(server, back),
          kubeward: unname(kw, back),
          agree: server.verdict === kw.verdict,
        });
      }
      for (const [key, server] of verdicts) {
        const kw = mine.subjects.get(key) ?? { verdict: 'error', message: 'kubeward gave no verdict', warnings: [] };
        const s = unname(server, back);
        const k = unname(kw, back);
        rows.push({
          fixture: fx.file,
          policy: policyNames(fx.text, fx.file),
          object: back(key),
          server: s,
          kubeward: k,
          agree: agrees(s, k),
        });
      }
    } finally {
      await removeFixture(c, created);
    }
  }
  return rows;
}

/** Recorded server verdicts: fixture -> object -> verdict. */
export type Recorded = Record<string, Record<string, Verdict>>;

export function toRecorded(rows: readonly OracleRow[]): Recorded {
  const out: Recorded = {};
  for (const r of rows) (out[r.fixture] ??= {})[r.object] = r.server;
  return out;
}

function cell(v: Verdict): string {
  const w = v.warnings.length ? ` +${v.warnings.length} warning(s)` : '';
  return `${v.verdict}${w}`;
}

export function formatVapTable(rows: readonly OracleRow[]): string {
  const head = ['policy', 'object', 'server', 'kubeward', 'agree'];
  const body = rows.map((r) => [r.policy, r.object, cell(r.server), cell(r.kubeward), r.agree ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const agreeing = rows.filter((r) => r.agree).length;
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  out.push('', `agreement: ${agreeing}/${rows.length} (policy, object) pairs`);
  for (const r of rows.filter((x) => !x.agree))
    out.push(
      '',
      `DISAGREE ${r.fixture} ${r.object}`,
      `  server:   ${JSON.stringify(r.server)}`,
      `  kubeward: ${JSON.stringify(r.kubeward)}`,
    );
  return out.join('\n');
}
