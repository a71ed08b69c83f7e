/**
 * The examples are part of the product: examples/insecure must trip the catalog broadly and
 * examples/hardened must stay clean at medium and above as every rule family evolves.
 */
import { scan } from '../src/core/scan.ts';
import { atLeast, type Finding, type Report } from '../src/core/model.ts';
import { catalog } from '../src/core/rules/index.ts';

const cwd = process.cwd();

function describeFindings(fs: readonly Finding[]): string {
  return fs
    .map((f) => `${f.severity} ${f.ruleId} ${f.location?.file}:${f.location?.line} ${f.path}: ${f.message}`)
    .join('\n');
}

let hardened: Report;
let insecure: Report;

beforeAll(async () => {
  hardened = await scan({ paths: ['examples/hardened'], cwd });
  insecure = await scan({ paths: ['examples/insecure'], cwd });
});

describe('examples/hardened', () => {
  test('is read without input errors or rule crashes', () => {
    expect(hardened.errors).toEqual([]);
    expect(hardened.objectsScanned).toBeGreaterThanOrEqual(20);
    expect(hardened.skipped).toEqual([]);
  });

  test('has no finding at medium or above from the whole catalog', () => {
    const bad = hardened.findings.filter((f) => atLeast(f.severity, 'medium'));
    // the message lists every offending finding, so a red test says what to fix
    expect(describeFindings(bad)).toBe('');
  });

  test('nothing is silenced by suppressions to get there', () => {
    expect(describeFindings(hardened.suppressed)).toBe('');
  });
});

describe('examples/insecure', () => {
  test('is read without input errors or rule crashes', () => {
    expect(insecure.errors).toEqual([]);
    expect(insecure.objectsScanned).toBeGreaterThanOrEqual(12);
  });

  test('trips at least 15 distinct rules, critical ones included', () => {
    const ids = new Set(insecure.findings.map((f) => f.ruleId));
    expect(ids.size).toBeGreaterThanOrEqual(15);
    expect(insecure.counts.critical).toBeGreaterThan(0);
    for (const id of ['privileged-container', 'container-runtime-socket', 'dangerous-capabilities'])
      expect(ids).toContain(id);
  });

  test('trips every enabled pod-security and volumes rule it is meant to show', () => {
    const ids = new Set(insecure.findings.map((f) => f.ruleId));
    const expected = catalog
      .filter((r) => (r.meta.category === 'pod-security' || r.meta.category === 'volumes') && r.meta.enabledByDefault)
      .map((r) => r.meta.id)
      // Windows-only, SELinux-only: not part of a Linux shop
      .filter((id) => id !== 'windows-host-process' && id !== 'selinux-custom-options');
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
  });

  test('every finding is located in an example file', () => {
    for (const f of insecure.findings) expect(f.location?.file).toMatch(/^examples\/insecure\/.+\.yaml$/);
  });
});
