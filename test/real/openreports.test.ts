/**
 * `kubeward monitor --policy-reports openreports` against a real API server: the OpenReports CRDs
 * of deploy/monitor/crds are installed, one round writes an openreports.io/v1alpha1 Report into the
 * namespace (the API server keeps every field kubeward writes: its schema is structural and
 * prunes undeclared ones), and the next round, once the finding is gone, no longer has it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { runMonitor } from '../../src/cli/monitor-command.ts';
import type { CliIO } from '../../src/cli/io.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const API = '/apis/openreports.io/v1alpha1';

describeReal('OpenReports on a real cluster', () => {
  const c = realCluster('a');
  const name = `kw-openreports-${process.pid}`;
  let ns: string;

  const once = async (): Promise<{ code: number; err: string }> => {
    const err: string[] = [];
    const io: CliIO = {
      stdout: () => undefined,
      stderr: (t) => void err.push(t),
      readStdin: async () => '',
      env: {},
      cwd: ROOT,
      stdoutIsTTY: false,
    };
    const code = await runMonitor(
      [
        '--kubeconfig',
        c.kubeconfig,
        '--once',
        '-n',
        ns,
        '--policy-reports',
        'openreports',
        '--report-name',
        name,
        '--metrics-port',
        'off',
      ],
      io,
    );
    return { code, err: err.join('') };
  };

  beforeAll(async () => {
    await c.applyYaml(readFileSync(path.join(ROOT, 'deploy/monitor/crds/openreports.io_reports.yaml'), 'utf8'));
    await c.waitFor(async () => (await c.request('GET', `${API}/reports`, { check: false })).status === 200, {
      what: 'the OpenReports CRD',
    });
    ns = await c.namespace('kw-openreports');
  });
  afterAll(async () => {
    await c.cleanup();
  });

  test('a round writes a Report with kubeward as source; the next round, without the finding, drops its result', async () => {
    await c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'priv', namespace: ns },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
    });
    const first = await once();
    expect(first.code).toBe(1); // the privileged pod, at the default --fail-on high
    expect(first.err).not.toMatch(/"level":"error"/);
    const rep = (await c.request('GET', `${API}/namespaces/${ns}/reports/${name}`)).body as Json & {
      results: { policy: string; result: string; source: string; resources?: { name: string }[] }[];
      summary: { fail: number };
    };
    expect(rep).toMatchObject({ apiVersion: 'openreports.io/v1alpha1', kind: 'Report', source: 'kubeward' });
    const priv = rep.results.find((r) => r.policy === 'privileged-container');
    expect(priv).toMatchObject({ result: 'fail', source: 'kubeward', resources: [{ name: 'priv' }] });
    expect(rep.summary.fail).toBeGreaterThan(0);

    // forced: the deletion does not wait for kwok's kubelet
    await c.request('DELETE', `/api/v1/namespaces/${ns}/pods/priv`, { query: { gracePeriodSeconds: '0' } });
    await c.waitFor(
      async () => (await c.request('GET', `/api/v1/namespaces/${ns}/pods/priv`, { check: false })).status === 404,
      { what: 'the pod gone' },
    );
    await once();
    const after = await c.request('GET', `${API}/namespaces/${ns}/reports/${name}`, { check: false });
    // the namespace may still hold pass results (the namespace itself): the failing one is gone
    if (after.status === 200) {
      const results = (after.body as { results: { policy: string; result: string }[] }).results;
      expect(results.filter((r) => r.result === 'fail' && r.policy === 'privileged-container')).toEqual([]);
    } else expect(after.status).toBe(404);
  });
});
