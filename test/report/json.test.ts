import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { formatReport } from '../../src/core/report/index.ts';
import { emptyReport, sampleReport } from './fixtures.ts';

const schema = JSON.parse(readFileSync(new URL('../../docs/report-schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function check(text: string) {
  const doc = JSON.parse(text);
  const ok = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return doc;
}

describe('json format', () => {
  test('validates against docs/report-schema.json and flattens locations', () => {
    const doc = check(formatReport(sampleReport(), 'json'));
    expect(doc.version).toBe(1);
    expect(doc.summary).toMatchObject({
      files: 4,
      objects: 6,
      skipped: 1,
      errors: 1,
      suppressed: 2,
      failOn: 'high',
      passed: false,
    });
    expect(doc.summary.counts).toEqual({ critical: 2, high: 1, medium: 1, low: 1, info: 0 });
    const first = doc.findings[0];
    expect(first).toMatchObject({
      ruleId: 'privileged-container',
      file: 'deploy/web.yaml',
      line: 17,
      column: 9,
      endLine: 17,
      endColumn: 25,
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' },
    });
    const live = doc.findings.find((f: { origin?: string }) => f.origin === 'live');
    expect(live).toMatchObject({ file: null, line: null, column: null, object: { cluster: 'prod-eu' } });
    expect(doc.findings.find((f: { ruleId: string }) => f.ruleId === 'hardcoded-secret-env').secretPreview).toBe(
      'ghp_…(40 chars)',
    );
    expect(doc.suppressed[0].suppression).toEqual({
      kind: 'annotation',
      reason: 'node agent needs it',
      expires: '2027-01-01',
    });
  });

  test('an empty report validates and passes', () => {
    const doc = check(formatReport(emptyReport(), 'json'));
    expect(doc.findings).toEqual([]);
    expect(doc.summary.passed).toBe(true);
  });

  test('the schema rejects a finding without its required fields (it is not vacuous)', () => {
    const doc = JSON.parse(formatReport(sampleReport(), 'json'));
    delete doc.findings[0].fingerprint;
    expect(validate(doc)).toBe(false);
  });

  test("--fail-on none is carried as 'none' and passes", () => {
    const doc = check(formatReport(sampleReport({ failOn: 'none' as 'high', errors: [], notVerified: [] }), 'json'));
    expect(doc.summary).toMatchObject({ failOn: 'none', passed: true });
  });

  test('an incomplete run never says passed: input errors (exit 2) or checks not verified (exit 3)', () => {
    // sampleReport has one input error: even --fail-on none does not make that a pass
    expect(check(formatReport(sampleReport({ failOn: 'none' as 'high' }), 'json')).summary.passed).toBe(false);
    const clean = { ...emptyReport(), objectsScanned: 3 };
    expect(check(formatReport(clean, 'json')).summary.passed).toBe(true);
    const notVerified = { ...clean, notVerified: [{ check: 'pods', reason: 'HTTP 403 listing pods' }] };
    expect(check(formatReport(notVerified, 'json')).summary.passed).toBe(false);
  });
});
