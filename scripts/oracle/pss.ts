// `npm run oracle -- pss [examples|corpus]`: kubeward's Pod Security verdicts against the real
// API server's PodSecurity admission (test/support/oracle/pss.ts). Prints the agreement table per
// level, the controls named differently, and every disagreement. Exit 1 on any disagreement.
import { withOracleCluster } from '../../test/support/oracle/cluster.ts';
import type { OracleSource } from '../../test/support/oracle/objects.ts';
import { formatPssReport, runPssOracle } from '../../test/support/oracle/pss.ts';

export async function run(args: string[]): Promise<number> {
  const sources = (args.length ? args : ['examples', 'corpus']) as OracleSource[];
  return withOracleCluster(async (c) => {
    let disagreements = 0;
    try {
      for (const source of sources) {
        const started = Date.now();
        const r = await runPssOracle(c, source, {
          progress: (done, total) => {
            if (process.stderr.isTTY && (done % 25 === 0 || done === total))
              process.stderr.write(`\r${source}: ${done}/${total}`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        process.stdout.write(`${formatPssReport(r)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`);
        disagreements += r.disagreements.length;
      }
    } finally {
      await c.cleanup();
    }
    return disagreements ? 1 : 0;
  });
}
