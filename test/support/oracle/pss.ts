/**
 * The Pod Security oracle: every object with a pod template (built-in workloads and the CRD
 * templates kubeward reads) is submitted, template by template, as a Pod with dryRun=All into two
 * namespaces whose `pod-security.kubernetes.io/enforce` label is `baseline` and `restricted`
 * (enforce-version latest). The server's verdict (a PodSecurity "forbidden" rejection, and the
 * controls it names) is compared with kubeward's: the rules tagged `pss`, run at that level by
 * `podSecurityViolations`. Pods the server rejects for another reason (an invalid spec) are not
 * judged, and counted apart. Shared by `npm run oracle -- pss` and test/real/oracle-pss.test.ts.
 */
import type { K8sObject } from '../../../src/core/manifests/index.ts';
import { podSecurityViolations, type PssLevel } from '../../../src/core/rules/pss.ts';
import { containersOf, isObj, podTemplates, type PodTemplate } from '../../../src/core/rules/podspec.ts';
import type { RealCluster } from '../real-cluster.ts';
import { loadOracleInput, objectName, pct, pool, table, type OracleSource } from './objects.ts';

export const PSS_LEVELS: PssLevel[] = ['baseline', 'restricted'];

/** How the server judged one object at one level. */
export type ServerVerdict =
  | { kind: 'allowed' }
  | { kind: 'violates'; controls: string[]; message: string }
  | { kind: 'invalid'; message: string };

export interface PssCase {
  file: string;
  object: string;
  level: PssLevel;
  server: ServerVerdict;
  /** kubeward's controls (empty: no violation). */
  kubeward: string[];
  /** kubeward's violations, `rule: message`. */
  kubewardDetail: string[];
}

export interface PssLevelFigures {
  level: PssLevel;
  objects: number;
  judged: number;
  notJudged: number;
  agree: number;
  disagree: number;
  /** Judged objects whose controls (not only the verdict) are the server's. */
  sameControls: number;
}

export interface PssReport {
  source: OracleSource;
  objects: number;
  levels: PssLevelFigures[];
  /** control -> [server only, kubeward only], over judged objects whose verdicts or controls differ. */
  byControl: Map<string, { serverOnly: number; kubewardOnly: number }>;
  /** Objects whose verdict (violates or not) differs. */
  disagreements: PssCase[];
  cases: PssCase[];
}

/**
 * kubeward's rule id -> the Pod Security admission control (its ForbiddenReason) at a level. At
 * restricted, the restricted checks replace baseline's: hostPath volumes are reported as
 * "restricted volume types", capabilities outside the default set as "unrestricted capabilities".
 */
export function controlOf(ruleId: string, level: PssLevel): string {
  const r = level === 'restricted';
  switch (ruleId) {
    case 'privileged-container':
      return 'privileged';
    case 'privilege-escalation':
      return 'allowPrivilegeEscalation != false';
    case 'run-as-non-root':
      return 'runAsNonRoot != true';
    case 'run-as-root-user':
      return 'runAsUser=0';
    case 'capabilities-drop-all':
    case 'added-capabilities':
      return 'unrestricted capabilities';
    case 'dangerous-capabilities':
      return r ? 'unrestricted capabilities' : 'non-default capabilities';
    case 'seccomp-profile':
    case 'seccomp-unconfined':
      return 'seccompProfile';
    case 'apparmor-unconfined':
      return 'forbidden AppArmor profile';
    case 'selinux-custom-options':
      return 'seLinuxOptions';
    case 'proc-mount-unmasked':
      return 'procMount';
    case 'unsafe-sysctls':
      return 'forbidden sysctls';
    case 'windows-host-process':
      return 'hostProcess';
    case 'host-network':
    case 'host-pid':
    case 'host-ipc':
      return 'host namespaces';
    case 'host-port':
      return 'hostPort';
    case 'probe-host':
      return 'probe or lifecycle host';
    case 'host-path':
    case 'sensitive-host-path':
    case 'container-runtime-socket':
    case 'writable-host-path':
      return r ? 'restricted volume types' : 'hostPath volumes';
    case 'restricted-volume-types':
      return 'restricted volume types';
    default:
      return ruleId;
  }
}

/** The controls a PodSecurity rejection names: `violates PodSecurity "baseline:latest": a (x), b (y, z)`. */
export function parsePodSecurityMessage(message: string): string[] | undefined {
  const m = /violates PodSecurity "[^"]*": (.*)$/s.exec(message);
  if (!m) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < m[1].length; i++) {
    const ch = m[1][i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && ch === ',' && m[1][i + 1] === ' ') {
      parts.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += ch;
  }
  if (cur) parts.push(cur);
  return [
    ...new Set(
      parts.map((p) => {
        const reason = p.split(' (')[0].trim();
        return /^forbidden AppArmor profiles?$/.test(reason) ? 'forbidden AppArmor profile' : reason;
      }),
    ),
  ].sort();
}

/** Pod fields that other admission plugins check against objects this namespace does not have. */
const FOREIGN_REFERENCES = [
  'serviceAccountName',
  'serviceAccount',
  'priorityClassName',
  'priority',
  'runtimeClassName',
];

/**
 * A pod template as the Pod the server would admit: the template's spec and annotations (the
 * legacy AppArmor/seccomp annotations count), without references to objects that do not exist
 * here. CRD templates whose containers sit in other fields (Argo's `container`, `script`) get
 * them as `containers`/`initContainers`.
 */
export function podFor(t: PodTemplate, name: string, owner?: K8sObject): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...t.spec };
  for (const f of FOREIGN_REFERENCES) delete spec[f];
  // the StatefulSet controller gives each pod a volume per volumeClaimTemplate
  const claims =
    owner?.ref.kind === 'StatefulSet' ? (owner.data.spec as { volumeClaimTemplates?: unknown }) : undefined;
  if (Array.isArray(claims?.volumeClaimTemplates)) {
    const volumes = Array.isArray(spec.volumes) ? [...(spec.volumes as unknown[])] : [];
    const have = new Set(volumes.map((v) => (isObj(v) ? v.name : undefined)));
    for (const tpl of claims.volumeClaimTemplates) {
      const n = isObj(tpl) && isObj(tpl.metadata) ? tpl.metadata.name : undefined;
      if (typeof n !== 'string' || have.has(n)) continue;
      volumes.push({ name: n, persistentVolumeClaim: { claimName: `${n}-${owner?.ref.name}-0` } });
    }
    spec.volumes = volumes;
  }
  if (t.containerFields) {
    for (const f of t.containerFields) delete spec[f.field];
    const containers: unknown[] = [];
    const initContainers: unknown[] = [];
    containersOf(t).forEach((c, i) => {
      const body = { ...c.container, name: typeof c.container.name === 'string' ? c.container.name : `c${i}` };
      (c.type === 'initContainer' ? initContainers : containers).push(body);
    });
    spec.containers = containers;
    if (initContainers.length) spec.initContainers = initContainers;
  }
  const ann = isObj(t.metadata.annotations) ? t.metadata.annotations : {};
  const annotations = Object.fromEntries(Object.entries(ann).filter(([, v]) => typeof v === 'string'));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec };
}

const LEVEL_LABELS = (level: PssLevel) => ({
  'pod-security.kubernetes.io/enforce': level,
  'pod-security.kubernetes.io/enforce-version': 'latest',
});

/** The server's verdict on one Pod in a namespace enforcing a level. */
async function submit(c: RealCluster, namespace: string, pod: Record<string, unknown>): Promise<ServerVerdict> {
  const r = await c.request('POST', `/api/v1/namespaces/${namespace}/pods`, {
    body: pod,
    query: { dryRun: 'All' },
    check: false,
  });
  if (r.status >= 200 && r.status < 300) return { kind: 'allowed' };
  const message = String(r.body.message ?? r.body.text ?? `HTTP ${r.status}`);
  const controls = r.status === 403 ? parsePodSecurityMessage(message) : undefined;
  return controls ? { kind: 'violates', controls, message } : { kind: 'invalid', message };
}

/** Templates' verdicts as one: invalid if any is, else violates if any does (controls joined). */
function combine(vs: ServerVerdict[]): ServerVerdict {
  const invalid = vs.find((v) => v.kind === 'invalid');
  if (invalid) return invalid;
  const bad = vs.filter((v): v is Extract<ServerVerdict, { kind: 'violates' }> => v.kind === 'violates');
  if (!bad.length) return { kind: 'allowed' };
  return {
    kind: 'violates',
    controls: [...new Set(bad.flatMap((v) => v.controls))].sort(),
    message: bad.map((v) => v.message).join(' | '),
  };
}

export interface PssOracleOptions {
  /** Requests in flight (default 8). */
  concurrency?: number;
  /** Called after each object with (done, total). */
  progress?: (done: number, total: number) => void;
}

/** Runs the Pod Security oracle over a source against a real cluster. */
export async function runPssOracle(
  c: RealCluster,
  source: OracleSource,
  opts: PssOracleOptions = {},
): Promise<PssReport> {
  const input = loadOracleInput(source);
  const subjects = input.objects.filter((o) => podTemplates(o).length > 0);
  const namespaces = new Map<PssLevel, string>();
  for (const level of PSS_LEVELS) namespaces.set(level, await c.namespace(`oracle-pss-${level}`, LEVEL_LABELS(level)));
  // identical pods (the corpus repeats itself) are asked once per level
  const asked = new Map<string, Promise<ServerVerdict>>();
  let seq = 0;
  const verdictOf = (level: PssLevel, t: PodTemplate, o: K8sObject): Promise<ServerVerdict> => {
    const body = podFor(t, 'x', o);
    const key = `${level}\0${JSON.stringify(body)}`;
    let p = asked.get(key);
    if (!p) {
      const name = `oracle-${(seq++).toString(36)}`;
      p = submit(c, namespaces.get(level)!, { ...body, metadata: { ...(body.metadata as object), name } });
      asked.set(key, p);
    }
    return p;
  };
  let done = 0;
  const perObject = await pool(subjects, opts.concurrency ?? 8, async (o: K8sObject) => {
    const out: PssCase[] = [];
    for (const level of PSS_LEVELS) {
      const server = combine(await Promise.all(podTemplates(o).map((t) => verdictOf(level, t, o))));
      const vs = podSecurityViolations(o, level);
      out.push({
        file: o.file ?? '?',
        object: objectName(o),
        level,
        server,
        kubeward: [...new Set(vs.map((v) => controlOf(v.ruleId, level)))].sort(),
        kubewardDetail: vs.map((v) => `${v.ruleId}: ${v.message}`),
      });
    }
    opts.progress?.(++done, subjects.length);
    return out;
  });
  const cases = perObject.flat();
  const levels = PSS_LEVELS.map((level): PssLevelFigures => {
    const at = cases.filter((x) => x.level === level);
    const judged = at.filter((x) => x.server.kind !== 'invalid');
    const agree = judged.filter((x) => (x.server.kind === 'violates') === x.kubeward.length > 0).length;
    const sameControls = judged.filter(
      (x) => (x.server.kind === 'violates' ? x.server.controls : []).join('\n') === x.kubeward.join('\n'),
    ).length;
    return {
      level,
      sameControls,
      objects: at.length,
      judged: judged.length,
      notJudged: at.length - judged.length,
      agree,
      disagree: judged.length - agree,
    };
  });
  const byControl = new Map<string, { serverOnly: number; kubewardOnly: number }>();
  for (const x of cases) {
    if (x.server.kind === 'invalid') continue;
    const server = new Set(x.server.kind === 'violates' ? x.server.controls : []);
    const kw = new Set(x.kubeward);
    for (const ctl of new Set([...server, ...kw])) {
      if (server.has(ctl) === kw.has(ctl)) continue;
      const row = byControl.get(ctl) ?? { serverOnly: 0, kubewardOnly: 0 };
      if (server.has(ctl)) row.serverOnly++;
      else row.kubewardOnly++;
      byControl.set(ctl, row);
    }
  }
  const disagreements = cases.filter(
    (x) => x.server.kind !== 'invalid' && (x.server.kind === 'violates') !== x.kubeward.length > 0,
  );
  return { source, objects: subjects.length, levels, byControl, disagreements, cases };
}

/** The agreement table, the control table and every disagreement, as text. */
export function formatPssReport(r: PssReport): string {
  const out: string[] = [];
  out.push(`Pod Security oracle: ${r.source} (${r.objects} objects with pod templates)`, '');
  out.push(
    table(
      ['level', 'objects', 'judged', 'not judged', 'agree', 'disagree', 'agreement', 'same controls'],
      r.levels.map((l) => [
        l.level,
        l.objects,
        l.judged,
        l.notJudged,
        l.agree,
        l.disagree,
        pct(l.agree, l.judged),
        `${l.sameControls} (${pct(l.sameControls, l.judged)})`,
      ]),
    ),
  );
  out.push('', 'Controls named differently (judged objects; verdicts may still agree):');
  const rows = [...r.byControl.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  out.push(
    rows.length
      ? table(
          ['control', 'server only', 'kubeward only'],
          rows.map(([k, v]) => [k, v.serverOnly, v.kubewardOnly]),
        )
      : '  none',
  );
  out.push('', `Disagreements (${r.disagreements.length}):`);
  for (const d of r.disagreements) {
    const server = d.server.kind === 'violates' ? `violates: ${d.server.controls.join(', ')}` : 'allowed';
    const kw = d.kubeward.length ? `violates: ${d.kubewardDetail.join('; ')}` : 'allowed';
    out.push(`- ${d.file} ${d.object} [${d.level}]`, `    server says:   ${server}`, `    kubeward says: ${kw}`);
  }
  const invalid = r.cases.filter((x) => x.server.kind === 'invalid' && x.level === 'baseline');
  if (invalid.length) {
    const reasons = new Map<string, number>();
    for (const x of invalid) {
      const msg = (x.server as { message: string }).message.replace(/^.*?is invalid: /, '');
      const key = msg
        .replace(/"[^"]*"/g, '"…"')
        .replace(/\[\d+\]/g, '[*]')
        .slice(0, 110);
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    out.push('', `Not judged (the server rejects the pod for another reason), by reason:`);
    for (const [k, n] of [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) out.push(`  ${n}\t${k}`);
  }
  return out.join('\n');
}
