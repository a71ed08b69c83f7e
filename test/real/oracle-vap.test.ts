/**
 * The ValidatingAdmissionPolicy oracle against a real kube-apiserver: every fixture of
 * test/fixtures/policies/vap loaded into the server, each test object submitted with dryRun=All,
 * and kubeward's verdict (deny with the server's message and status, warn with its warnings,
 * admit) must equal the server's for every pair. `npm run oracle -- vap` prints the same table.
 */
import { describeReal, realCluster } from '../support/real-cluster.ts';
import { formatVapTable, runVapOracle } from '../support/oracle/vap.ts';

describeReal('ValidatingAdmissionPolicy oracle', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  test('kubeward agrees with the API server on every (policy, object) pair', async () => {
    const rows = await runVapOracle(c);
    const table = formatVapTable(rows);
    expect(rows.length).toBeGreaterThan(30);
    // the whole table on failure: which pairs, and both verdicts
    expect(rows.filter((r) => !r.agree).length === 0 ? 'all agree' : table).toBe('all agree');
  }, 600000);
});
