// `npm run oracle -- schema [examples|corpus]`: kubeward's schema-invalid and duplicate-key
// findings against the real API server's strict validation (dryRun=All, fieldValidation=Strict;
// test/support/oracle/schema.ts). Prints accepted, false positives, missed rejections by category
// and kinds not served. Exit 1 on any false positive.
import { withOracleCluster } from '../../test/support/oracle/cluster.ts';
import type { OracleSource } from '../../test/support/oracle/objects.ts';
import { formatSchemaReport, runSchemaOracle } from '../../test/support/oracle/schema.ts';

export async function run(args: string[]): Promise<number> {
  const sources = (args.length ? args : ['examples', 'corpus']) as OracleSource[];
  return withOracleCluster(async (c) => {
    let fp = 0;
    try {
      for (const source of sources) {
        const started = Date.now();
        const r = await runSchemaOracle(c, source);
        process.stdout.write(`${formatSchemaReport(r)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`);
        fp += r.falsePositives.length;
      }
    } finally {
      await c.cleanup();
    }
    return fp ? 1 : 0;
  });
}
