/**
 * The planted set (at least 15 secrets of different kinds, generated at test time) is found, each
 * at the right file, path and line; the decoy set yields nothing at medium or above.
 */
import { rmSync } from 'node:fs';
import { scan } from '../../src/core/scan.ts';
import { atLeast, type Report } from '../../src/core/model.ts';
import { rules as secretRules } from '../../src/core/rules/secrets.ts';
import { tempDir, writeDecoys, writePlanted, type Planted } from './plant.ts';

const SECRET_RULES = new Set(secretRules.map((r) => r.meta.id));

describe('planted secrets', () => {
  // generated while the tests are collected, so each planted secret gets its own test
  const dir = tempDir('planted');
  const planted: Planted[] = writePlanted(dir);
  let report: Report;
  beforeAll(async () => {
    report = await scan({ paths: [dir], rules: secretRules });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the set has at least 15 secrets in every kind of place', () => {
    expect(planted.length).toBeGreaterThanOrEqual(15);
    expect(new Set(planted.map((p) => p.ruleId))).toEqual(
      new Set(['secret-in-env', 'secret-in-configmap', 'secret-in-annotation', 'secret-committed']),
    );
    expect(report.errors).toEqual([]);
  });

  test.each(planted.map((p) => [p.name, p] as const))('%s: found at its path and line', (_name, p) => {
    const f = report.findings.find((x) => x.ruleId === p.ruleId && x.path === p.path && x.location?.file === p.file);
    expect({ name: p.name, found: f ? { line: f.location?.line } : 'missing' }).toEqual({
      name: p.name,
      found: { line: p.line },
    });
    // an AWS access key id alone is an identifier that pairs with a secret: medium (issue 16)
    expect(atLeast(f!.severity, /AWS key id/.test(p.name) ? 'medium' : 'high')).toBe(true);
    expect(f!.secretPreview).toMatch(/^.{0,4}…\(\d+ chars\)$/);
    expect(f!.message).not.toContain(p.secret);
  });

  test('nothing beyond the planted secrets is reported', () => {
    const extra = report.findings.filter(
      (f) => !planted.some((p) => p.ruleId === f.ruleId && p.path === f.path && p.file === f.location?.file),
    );
    expect(extra.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test('messages say what kind of secret was found', () => {
    const msg = (name: string) => {
      const p = planted.find((x) => x.name === name)!;
      return report.findings.find((f) => f.path === p.path && f.location?.file === p.file)!.message;
    };
    expect(msg('env GitHub token')).toMatch(/GitHub personal access token/);
    expect(msg('TLS private key')).toMatch(/TLS private key/);
    expect(msg('dockerconfigjson registry auth')).toMatch(/registry credentials.*registry\.example\.com/);
    expect(msg('Secret data in last-applied-configuration')).toMatch(/password at data\.password/);
    expect(msg('GCP service-account key')).toMatch(/GCP service-account key/);
    expect(msg('npm token in .npmrc')).toMatch(/holds an npm access token/);
  });
});

describe('decoys', () => {
  test('references, placeholders, samples, certificates, UUIDs, digests and checksums are not reported at medium or above', async () => {
    const dir = tempDir('decoys');
    try {
      writeDecoys(dir);
      const report = await scan({ paths: [dir] });
      expect(report.objectsScanned).toBeGreaterThanOrEqual(6);
      const loud = report.findings.filter((f) => SECRET_RULES.has(f.ruleId) && atLeast(f.severity, 'medium'));
      expect(loud.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
