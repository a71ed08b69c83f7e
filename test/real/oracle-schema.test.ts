/**
 * The schema oracle (test/support/oracle/schema.ts; `npm run oracle -- schema`): every built-in
 * object of examples/ and of the shared corpus, created with dryRun=All and fieldValidation=Strict
 * on the real API server. kubeward's schema-invalid and duplicate-key must never flag what the
 * server accepts; the rejections it misses are reported by category.
 */
import { hasCorpus } from '../support/corpus.ts';
import { describeReal, realCluster } from '../support/real-cluster.ts';
import { formatSchemaReport, runSchemaOracle } from '../support/oracle/schema.ts';

describeReal('schema oracle', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  test('examples: no false positives; the server accepts the hardened examples', async () => {
    const r = await runSchemaOracle(c, 'examples');
    console.log(formatSchemaReport(r));
    expect(r.falsePositives).toEqual([]);
    expect(r.accepted).toBeGreaterThanOrEqual(34);
    // the rejections are examples/insecure's own defects (a CronJob with restartPolicy: Always,
    // procMount: Unmasked without hostUsers: false); nothing in hardened/ is rejected
    expect(r.cases.filter((x) => x.server.kind === 'rejected' && x.file.startsWith('hardened/'))).toEqual([]);
  });

  (hasCorpus ? test : test.skip)(
    'corpus: kubeward flags nothing the server accepts, and catches some rejections',
    async () => {
      const r = await runSchemaOracle(c, 'corpus');
      console.log(formatSchemaReport(r));
      expect(r.objects).toBeGreaterThan(3000);
      expect(r.accepted).toBeGreaterThan(3000);
      expect(r.falsePositives.map((x) => `${x.file} ${x.object}: ${x.kubeward.join('; ')}`)).toEqual([]);
      expect(r.caught).toBeGreaterThanOrEqual(14);
    },
    600000,
  );
});
