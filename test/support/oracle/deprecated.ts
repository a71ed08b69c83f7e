/**
 * The deprecated-API oracle: for every apiVersion/kind that kubeward's `deprecated-api` rule
 * knows, ask the real API server's discovery (/api, /apis) whether it serves it, and, when it
 * does, whether a GET of its list carries a "deprecated" Warning header. kubeward, targeting the
 * server's version, must agree: removed or off by default ⇔ not served; deprecated ⇔ served with
 * a deprecation warning. Shared by `npm run oracle -- deprecated` and test/real/oracle-deprecated.test.ts.
 */
import { DEPRECATIONS, deprecatedApi, parseMinor } from '../../../src/core/rules/api.ts';
import type { K8sObject } from '../../../src/core/manifests/index.ts';
import type { RuleContext } from '../../../src/core/rules/types.ts';
import type { RealCluster } from '../real-cluster.ts';
import { table } from './objects.ts';

export type KubewardApiVerdict = 'removed' | 'off by default' | 'deprecated' | 'current';

export interface DeprecatedCase {
  apiVersion: string;
  /** undefined: every kind of the apiVersion. */
  kind?: string;
  kubeward: KubewardApiVerdict;
  served: boolean;
  /** The server's Warning on a GET of the list, when served. */
  warning?: string;
  agree: boolean;
}

export interface DeprecatedReport {
  kubernetesVersion: string;
  cases: DeprecatedCase[];
  disagreements: DeprecatedCase[];
}

/** kubeward's verdict on an apiVersion/kind for a target version. */
export function kubewardApiVerdict(apiVersion: string, kind: string, kubeVersion: string): KubewardApiVerdict {
  const obj = { data: { apiVersion, kind }, ref: { apiVersion, kind, name: 'x' }, origin: 'manifest', docPath: [] };
  const ctx = { objects: [], options: {}, kubeVersion, mode: 'manifest' } as unknown as RuleContext;
  const [v] = [...(deprecatedApi.check?.(obj as K8sObject, ctx) ?? [])];
  if (!v) return 'current';
  if (/was removed/.test(v.message)) return 'removed';
  if (/not served by default/.test(v.message)) return 'off by default';
  return 'deprecated';
}

interface Resource {
  name: string;
  kind: string;
}

export async function runDeprecatedOracle(c: RealCluster): Promise<DeprecatedReport> {
  const minor = parseMinor(c.info.kubernetesVersion);
  const kubeVersion = minor ? `${minor[0]}.${minor[1]}` : 'latest';
  const discovery = new Map<string, Promise<Resource[] | undefined>>();
  const resourcesOf = (apiVersion: string) => {
    let p = discovery.get(apiVersion);
    if (!p) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      p = c
        .request<{ resources?: Resource[] }>('GET', base, { check: false })
        .then((r) => (r.status === 200 ? (r.body.resources ?? []).filter((x) => !x.name.includes('/')) : undefined));
      discovery.set(apiVersion, p);
    }
    return p;
  };
  const cases: DeprecatedCase[] = [];
  for (const d of DEPRECATIONS) {
    for (const kind of d.kinds ?? [undefined]) {
      const resources = await resourcesOf(d.apiVersion);
      const resource = resources && (kind ? resources.find((r) => r.kind === kind) : resources[0]);
      const served = kind ? !!resource : !!resources;
      let warning: string | undefined;
      if (resource) {
        const base = d.apiVersion.includes('/') ? `/apis/${d.apiVersion}` : `/api/${d.apiVersion}`;
        const r = await c.request('GET', `${base}/${resource.name}`, { query: { limit: 1 }, check: false });
        warning = r.warnings.find((w) => /deprecated/i.test(w));
      }
      const kubeward = kubewardApiVerdict(d.apiVersion, kind ?? 'Anything', kubeVersion);
      const agree =
        kubeward === 'removed' || kubeward === 'off by default'
          ? !served
          : kubeward === 'deprecated'
            ? served && !!warning
            : served && !warning;
      cases.push({ apiVersion: d.apiVersion, ...(kind ? { kind } : {}), kubeward, served, warning, agree });
    }
  }
  return { kubernetesVersion: c.info.kubernetesVersion, cases, disagreements: cases.filter((x) => !x.agree) };
}

export function formatDeprecatedReport(r: DeprecatedReport): string {
  const out: string[] = [];
  const count = (v: KubewardApiVerdict) => r.cases.filter((x) => x.kubeward === v);
  out.push(
    `Deprecated-API oracle: kubeward's deprecated-api table against the discovery of Kubernetes ${r.kubernetesVersion}`,
    '',
  );
  out.push(
    table(
      ['kubeward says', 'apiVersion/kinds', 'server agrees', 'disagrees'],
      (['removed', 'off by default', 'deprecated', 'current'] as const)
        .filter((v) => count(v).length)
        .map((v) => [
          v,
          count(v).length,
          count(v).filter((x) => x.agree).length,
          count(v).filter((x) => !x.agree).length,
        ]),
    ),
  );
  out.push('', `Disagreements (${r.disagreements.length}):`);
  for (const x of r.disagreements) {
    const server = x.served
      ? `served${x.warning ? ` (warns: ${x.warning})` : ', no deprecation warning'}`
      : 'not served';
    out.push(`- ${x.apiVersion} ${x.kind ?? '(every kind)'}: kubeward says ${x.kubeward}; the server: ${server}`);
  }
  out.push('', "Served and deprecated (the server's warnings):");
  for (const x of r.cases.filter((y) => y.warning)) out.push(`- ${x.apiVersion} ${x.kind ?? ''}: ${x.warning}`);
  return out.join('\n');
}
