/**
 * The deprecated-API oracle (test/support/oracle/deprecated.ts; `npm run oracle -- deprecated`):
 * kubeward's deprecated-api table, for the built Kubernetes version, against the real API
 * server's discovery and its deprecation warnings.
 */
import { describeReal, realCluster } from '../support/real-cluster.ts';
import { formatDeprecatedReport, runDeprecatedOracle } from '../support/oracle/deprecated.ts';

describeReal('deprecated-API oracle', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  test('removed and off-by-default APIs are not served; deprecated ones are served with a warning', async () => {
    const r = await runDeprecatedOracle(c);
    console.log(formatDeprecatedReport(r));
    expect(r.cases.length).toBeGreaterThan(60);
    // both sides are exercised: some entries are served (and warn), most are not
    expect(r.cases.some((x) => x.served && x.warning)).toBe(true);
    expect(r.cases.some((x) => !x.served)).toBe(true);
    expect(r.disagreements).toEqual([]);
  });
});
