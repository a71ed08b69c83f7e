// `npm run oracle -- deprecated`: kubeward's deprecated-api table against what the real API server
// serves (/api, /apis discovery) and the deprecation warnings it sends
// (test/support/oracle/deprecated.ts). Exit 1 on any disagreement.
import { withOracleCluster } from '../../test/support/oracle/cluster.ts';
import { formatDeprecatedReport, runDeprecatedOracle } from '../../test/support/oracle/deprecated.ts';

export async function run(): Promise<number> {
  return withOracleCluster(async (c) => {
    try {
      const r = await runDeprecatedOracle(c);
      process.stdout.write(`${formatDeprecatedReport(r)}\n`);
      return r.disagreements.length ? 1 : 0;
    } finally {
      await c.cleanup();
    }
  });
}
