/**
 * Writes kubeward's PolicyReports (or OpenReports Reports) into a cluster with server-side apply
 * (field manager `kubeward`), and deletes the ones of earlier rounds whose namespace has no result
 * any more. The only objects kubeward ever writes; they carry no secret value.
 */
import {
  POLICY_REPORT_API,
  MANAGED_BY_LABEL,
  type PolicyReportFlavor,
  type PolicyReportObject,
} from '../report/policyreport.ts';
import { ClusterError, type ClusterClient } from './client.ts';

export interface PublishResult {
  applied: string[];
  deleted: string[];
  errors: { report: string; message: string; status?: number }[];
}

function plural(kind: string): string {
  return `${kind.toLowerCase()}s`;
}

function reportPath(r: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): string {
  const base = `/apis/${r.apiVersion}`;
  return r.metadata.namespace
    ? `${base}/namespaces/${encodeURIComponent(r.metadata.namespace)}/${plural(r.kind)}/${encodeURIComponent(r.metadata.name)}`
    : `${base}/${plural(r.kind)}/${encodeURIComponent(r.metadata.name)}`;
}

const label = (r: { kind: string; metadata: { name: string; namespace?: string } }) =>
  `${r.kind} ${r.metadata.namespace ? `${r.metadata.namespace}/` : ''}${r.metadata.name}`;

export async function publishPolicyReports(
  client: ClusterClient,
  reports: PolicyReportObject[],
  opts: { flavor?: PolicyReportFlavor; name?: string } = {},
): Promise<PublishResult> {
  const api = POLICY_REPORT_API[opts.flavor ?? 'wgpolicyk8s'];
  const name = opts.name ?? 'kubeward';
  const out: PublishResult = { applied: [], deleted: [], errors: [] };
  const fail = (what: string, e: unknown) => {
    if (!(e instanceof ClusterError)) throw e;
    out.errors.push({
      report: what,
      message:
        e.kind === 'not-found'
          ? `the ${api.kind} CRD (${api.apiVersion}) is not installed in the cluster`
          : e.kind === 'forbidden'
            ? `forbidden: ${e.message} (the monitor's role needs create/patch/delete on ${plural(api.kind)})`
            : e.message,
      ...(e.status ? { status: e.status } : {}),
    });
  };
  const wanted = new Set<string>();
  for (const r of reports) {
    wanted.add(`${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`);
    try {
      await client.write(
        'PATCH',
        reportPath(r),
        { fieldManager: 'kubeward', force: 'true' },
        r,
        'application/apply-patch+yaml',
      );
      out.applied.push(label(r));
    } catch (e) {
      fail(label(r), e);
    }
  }
  // stale reports of earlier rounds: namespaces whose findings were all resolved (or deleted)
  for (const kind of [api.kind, api.clusterKind]) {
    let items: { metadata?: { name?: string; namespace?: string } }[] = [];
    try {
      const list = await client.get<{ items?: typeof items }>(`/apis/${api.apiVersion}/${plural(kind)}`, {
        labelSelector: `${MANAGED_BY_LABEL}=kubeward`,
      });
      items = list.items ?? [];
    } catch (e) {
      fail(`${kind} list`, e);
      continue;
    }
    for (const it of items) {
      const md = {
        name: it.metadata?.name ?? '',
        ...(it.metadata?.namespace ? { namespace: it.metadata.namespace } : {}),
      };
      if (md.name !== name || wanted.has(`${kind}/${md.namespace ?? ''}/${md.name}`)) continue;
      const r = { apiVersion: api.apiVersion, kind, metadata: md };
      try {
        await client.write('DELETE', reportPath(r));
        out.deleted.push(label(r));
      } catch (e) {
        if (e instanceof ClusterError && e.kind === 'not-found') continue;
        fail(label(r), e);
      }
    }
  }
  return out;
}
