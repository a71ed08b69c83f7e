/** Issue 10, section 1: the verdict of a run is decided once, in the core, for the CLI, the action and the orb. */
import { scanOutcome, verifyOutcome } from '../../src/core/outcome.ts';

describe('one decision function for every adapter', () => {
  const report = {
    findings: [],
    errors: [] as { file: string; message: string }[],
    objectsScanned: 1,
    filesScanned: 1,
    skipped: [],
    failOn: 'high' as const,
  };
  test('input errors are exit 2 whatever fail-on says', () => {
    const r = { ...report, errors: [{ file: 'a.yaml', message: 'cannot read' }] };
    expect(scanOutcome(r, { failOn: 'none' }).exitCode).toBe(2);
    expect(scanOutcome(r, { failOn: 'none', allowEmpty: true }).passed).toBe(false);
  });
  test('zero objects is exit 2 unless allowed', () => {
    const r = { ...report, objectsScanned: 0 };
    expect(scanOutcome(r).exitCode).toBe(2);
    expect(scanOutcome(r).problems[0].code).toBe('no-objects');
    expect(scanOutcome(r, { allowEmpty: true }).exitCode).toBe(0);
  });
});

describe('verify verdicts', () => {
  const base = { findings: [], notVerified: [] as { check: string; reason: string }[], failOn: 'high' as const };
  test('a cluster not verified is exit 3 even with fail-on none', () => {
    const r = { ...base, notVerified: [{ check: 'cluster', reason: 'cannot reach' }] };
    expect(verifyOutcome(r, { failOn: 'none' }).exitCode).toBe(3);
    expect(verifyOutcome(r).problems).toEqual([{ code: 'cluster', message: 'cannot reach' }]);
  });
  test('a kind not verified is exit 3, findings at or above fail-on are 1', () => {
    const r = { ...base, notVerified: [{ check: 'drift', reason: 'list failed' }] };
    expect(verifyOutcome(r).exitCode).toBe(3);
    expect(verifyOutcome(base).exitCode).toBe(0);
  });
  test('an incomplete verification is exit 3 also when findings would fail it (as scan input errors are 2)', () => {
    const high = [{ severity: 'high' }] as unknown as Parameters<typeof verifyOutcome>[0]['findings'];
    expect(verifyOutcome({ ...base, findings: high }).exitCode).toBe(1);
    const r = { ...base, findings: high, notVerified: [{ check: 'inventory:pods', reason: 'list failed' }] };
    expect(verifyOutcome(r).exitCode).toBe(3);
  });
});
