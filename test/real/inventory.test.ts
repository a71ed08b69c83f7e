/**
 * Scenario 5: how verify reads a real API server. Pagination with a real `limit` and `continue`
 * (`--page-size`), every object seen and the request count as the pages say; watches from the
 * list's real resourceVersion, and a real `410 Gone` (etcd compacted under a watch that bypasses
 * the watch cache) answered by a relist; two API servers verified in one run, each finding naming
 * its cluster.
 */
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { findingsOf, runVerifyCli } from '../support/run-verify.ts';
import { deployment } from '../support/real-workloads.ts';
import { makeTokens } from '../secrets/plant.ts';
import { ClusterClient, ClusterError, loadKubeConfig } from '../../src/core/cluster/client.ts';
import { readInventory, watchStore } from '../../src/core/cluster/inventory.ts';

/** `kubeward verify: stats: context C: N requests, M retries` lines of --stats. */
function requestsOf(stderr: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of stderr.matchAll(/stats: context (\S+): (\d+) requests/g)) out[m[1]] = Number(m[2]);
  return out;
}

describeReal('reading a real API server', () => {
  const a = realCluster('a');
  const tokens = makeTokens(511);
  afterAll(() => a.cleanup());

  test('pagination with a real limit: every object is seen, one request per page', async () => {
    const ns = await a.namespace('pages');
    const n = 25;
    const names = Array.from({ length: n }, (_, i) => `cfg-${String(i).padStart(2, '0')}`);
    // a password in each: one secret-in-configmap finding per ConfigMap shows each was read
    await Promise.all(
      names.map((name) =>
        a.create(
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { DB_PASSWORD: tokens.password() } },
          {
            namespace: ns,
          },
        ),
      ),
    );
    const all = await a.list('v1', 'ConfigMap', ns);
    expect(all).toHaveLength(n + 1); // and kube-root-ca.crt
    // the server really pages: limit=10 gives a continue token
    const page = await a.request<{ items: Json[]; metadata: { continue?: string } }>(
      'GET',
      `/api/v1/namespaces/${ns}/configmaps`,
      { query: { limit: 10 } },
    );
    expect(page.body.items).toHaveLength(10);
    expect(page.body.metadata.continue).toBeTruthy();

    const run = (pageSize: number) =>
      runVerifyCli([
        '--kubeconfig',
        a.kubeconfig,
        '-n',
        ns,
        '--page-size',
        String(pageSize),
        '--stats',
        '--fail-on',
        'none',
      ]);
    const small = await run(10);
    const large = await run(500);
    for (const r of [small, large]) {
      expect(r.code).toBe(0);
      expect(r.report.notVerified).toEqual([]);
      const seen = findingsOf(r, 'secret-in-configmap').map((f) => f.object?.name);
      expect([...new Set(seen)].sort()).toEqual(names);
    }
    expect(small.report.objectsScanned).toBe(large.report.objectsScanned);
    // 26 ConfigMaps in pages of 10 are 3 requests where one page of 500 is 1; every other kind of
    // the namespace fits in one page of 10
    // (cluster-scoped RBAC is listed in full for the secret checks, and pages too)
    const pages = async (apiVersion: string, kind: string, namespace?: string) =>
      Math.max(1, Math.ceil((await a.list(apiVersion, kind, namespace)).length / 10));
    const extra =
      (await pages('v1', 'ConfigMap', ns)) -
      1 +
      (await pages('rbac.authorization.k8s.io/v1', 'ClusterRole')) -
      1 +
      (await pages('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding')) -
      1;
    const reqSmall = requestsOf(small.stderr)[a.context];
    const reqLarge = requestsOf(large.stderr)[a.context];
    expect(reqLarge).toBeGreaterThan(10);
    expect(reqSmall - reqLarge).toBe(extra);
    // usage: a page size the server would not accept is refused before any request
    const bad = await runVerifyCli(['--kubeconfig', a.kubeconfig, '-n', ns, '--page-size', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--page-size');
  });

  test('a change after the list arrives through a watch from the list resourceVersion', async () => {
    const ns = await a.namespace('watch');
    const kc = await loadKubeConfig({ kubeconfig: a.kubeconfig, env: {} });
    const client = await ClusterClient.create(kc, a.context);
    const ac = new AbortController();
    const errors: unknown[] = [];
    try {
      const store = await readInventory(client, { namespaces: [ns] });
      const listed = Number(store.versions.get(`ConfigMap|${ns}`));
      expect(listed).toBeGreaterThan(0);
      expect(store.get('ConfigMap', ns, 'late')).toBeUndefined();
      const before = client.stats.requests;
      const watching = watchStore(client, store, ['ConfigMap'], [ns], ac.signal, (_k, e) => errors.push(e));
      const created = await a.create(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' }, data: { a: '1' } },
        { namespace: ns },
      );
      const seen = await a.waitFor(() => store.get('ConfigMap', ns, 'late'), {
        what: 'the watch to deliver ConfigMap late',
      });
      const rv = String((seen.metadata as Json).resourceVersion);
      expect(rv).toBe(String((created.body.metadata as Json).resourceVersion));
      expect(Number(rv)).toBeGreaterThan(listed);
      expect(store.versions.get(`ConfigMap|${ns}`)).toBe(rv);
      // one watch request, no relist
      expect(client.stats.requests - before).toBe(1);
      expect(errors).toEqual([]);
      ac.abort();
      await watching;
    } finally {
      ac.abort();
      await client.close();
    }
  });

  test('a 410 Gone on a watch (etcd compacted past the list) relists and sees the change', async () => {
    const ns = await a.namespace('gone');
    const kc = await loadKubeConfig({ kubeconfig: a.kubeconfig, env: {} });
    const client = await ClusterClient.create(kc, a.context);
    const ac = new AbortController();
    const errors: unknown[] = [];
    try {
      const store = await readInventory(client, { namespaces: [ns] });
      const listed = store.versions.get(`PodDisruptionBudget|${ns}`);
      expect(Number(listed)).toBeGreaterThan(0);
      const pdb = await a.create(
        {
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: { name: 'late' },
          spec: { minAvailable: 1, selector: { matchLabels: { app: 'late' } } },
        },
        { namespace: ns },
      );
      const rv = String((pdb.body.metadata as Json).resourceVersion);
      // compact etcd past the PDB's write (leases are renewed all the time, so etcd's revision moves
      // on): the list's resourceVersion is history now. PDBs are served without the watch cache
      // (scripts/cluster/up.sh), so the watch goes to etcd and the API server answers with a real 410
      const etcd = (p: string, body: unknown) =>
        fetch(`${a.info.etcd}${p}`, { method: 'POST', body: JSON.stringify(body) }).then(
          async (r) => (await r.json()) as Json,
        );
      await a.waitFor(
        async () => Number(((await etcd('/v3/kv/range', { key: 'AA==' })).header as Json).revision) > Number(rv),
        { what: 'etcd to move past the PDB write' },
      );
      const current = ((await etcd('/v3/kv/range', { key: 'AA==' })).header as Json).revision;
      const compacted = await etcd('/v3/kv/compaction', { revision: current, physical: true });
      expect(compacted.code).toBeUndefined();
      const direct = await a.request('GET', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, {
        query: { watch: 1, resourceVersion: listed, timeoutSeconds: 1 },
        check: false,
      });
      expect(JSON.stringify(direct.body)).toMatch(/"code":410|too old resource version|Expired/);

      const before = client.stats.requests;
      const watching = watchStore(client, store, ['PodDisruptionBudget'], [ns], ac.signal, (_k, e) => errors.push(e));
      await a.waitFor(() => store.get('PodDisruptionBudget', ns, 'late'), { what: 'the relist to find PDB late' });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toBeInstanceOf(ClusterError);
      expect((errors[0] as ClusterError).kind).toBe('gone');
      // the watch that got 410, then one relist (a single page)
      expect(client.stats.requests - before).toBeGreaterThanOrEqual(2);
      expect(Number(store.versions.get(`PodDisruptionBudget|${ns}`))).toBeGreaterThanOrEqual(Number(rv));
      ac.abort();
      await watching;
    } finally {
      ac.abort();
      await client.close();
    }
  });

  test('two API servers in one run: each finding names its cluster', async () => {
    const b = realCluster('b');
    try {
      const ns = await a.namespace('multi');
      await b.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      // a Deployment without a securityContext in each cluster, named after it
      const bare = (name: string) =>
        deployment(name, {
          namespace: ns,
          replicas: 1,
          containers: [{ name: 'app', image: 'docker.io/library/nginx:1.27' }],
        });
      await a.apply(bare('web-a'), { fieldManager: 'kubeward-test' });
      await b.apply(bare('web-b'), { fieldManager: 'kubeward-test' });
      const r = await runVerifyCli([
        '--kubeconfig',
        a.kubeconfig,
        '--kubeconfig',
        b.kubeconfig,
        '--context',
        a.context,
        '--context',
        b.context,
        '-n',
        ns,
        '--stats',
        '--timeout',
        '60s',
      ]);
      expect(r.report.notVerified).toEqual([]);
      expect(r.code).toBe(1);
      const clusterOf = { 'web-a': a.context, 'web-b': b.context } as Record<string, string>;
      const onWorkloads = r.report.findings.filter((f) => f.object?.kind === 'Deployment');
      expect(new Set(onWorkloads.map((f) => f.object?.name))).toEqual(new Set(['web-a', 'web-b']));
      for (const f of r.report.findings) {
        expect([a.context, b.context]).toContain(f.object?.cluster);
        if (f.object?.kind === 'Deployment') expect(f.object.cluster).toBe(clusterOf[f.object.name]);
      }
      // the same rule fires in both, told apart by cluster
      const root = findingsOf(r, 'run-as-non-root').concat(findingsOf(r, 'privilege-escalation'));
      expect(new Set(root.map((f) => f.object?.cluster))).toEqual(new Set([a.context, b.context]));
      // and the text report names the cluster of each
      expect(r.stdout).toContain(a.context);
      expect(r.stdout).toContain(b.context);
      // each cluster was read with its own requests
      const req = requestsOf(r.stderr);
      expect(Object.keys(req).sort()).toEqual([a.context, b.context].sort());
    } finally {
      await b.cleanup();
    }
  });
});
