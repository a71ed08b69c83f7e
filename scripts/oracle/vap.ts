// `npm run oracle -- vap [--record] [fixture ...]`: kubeward's ValidatingAdmissionPolicy verdicts
// against the real API server's (test/support/oracle/vap.ts), over the fixtures in
// test/fixtures/policies/vap. Prints the agreement table (policy, object, server, kubeward, agree)
// and every disagreement; exit 1 on any. --record writes the server's verdicts to
// test/fixtures/policies/vap/recorded.json (what `npm test` holds kubeward to without a server).
import { writeFileSync } from 'node:fs';
import { withOracleCluster } from '../../test/support/oracle/cluster.ts';
import { formatVapTable, RECORDED, runVapOracle, toRecorded, vapFixtures } from '../../test/support/oracle/vap.ts';

export async function run(args: string[]): Promise<number> {
  const record = args.includes('--record');
  const only = args.filter((a) => !a.startsWith('--'));
  const fixtures = vapFixtures().filter((f) => !only.length || only.some((o) => f.file.includes(o)));
  if (record && only.length) {
    process.stderr.write('--record runs every fixture: give no fixture names with it\n');
    return 2;
  }
  return withOracleCluster(async (c) => {
    const started = Date.now();
    try {
      const rows = await runVapOracle(c, {
        fixtures,
        progress: (f) => process.stderr.write(`${f}\n`),
      });
      process.stdout.write(`${formatVapTable(rows)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      if (record) {
        writeFileSync(RECORDED, `${JSON.stringify(toRecorded(rows), null, 2)}\n`);
        process.stdout.write(`recorded the server's verdicts in ${RECORDED}\n`);
      }
      return rows.every((r) => r.agree) ? 0 : 1;
    } finally {
      await c.cleanup();
    }
  });
}
