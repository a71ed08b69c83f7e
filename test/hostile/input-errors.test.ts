/**
 * Hostile input (issue 10, section 1): configuration cannot hide input. Turning `invalid-yaml` (or
 * any input rule) off, or lowering its severity, never drops an unread file from the report's
 * `errors`, and the run still exits 2.
 */
import { scan } from '../../src/core/scan.ts';
import { cli, POD, tree } from './support.ts';

const BINARY = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]);
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata: [\n';

describe('config cannot hide unread input', () => {
  test.each([
    ['invalid-yaml: { enabled: false }', 'off'],
    ['invalid-yaml: { severity: info }', 'info'],
  ])('a binary file with `%s` is still an input error (exit 2)', async (setting) => {
    const dir = tree({ 'pod.yaml': POD, 'bin.yaml': BINARY, '.kubeward.yaml': `rules:\n  ${setting}\n` });
    const report = await scan({ paths: ['.'], cwd: dir });
    expect(report.errors.map((e) => e.file)).toContain('bin.yaml');
    const r = await cli(['scan', '.', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors.map((e: { file: string }) => e.file)).toContain('bin.yaml');
  });

  test('a file over the size limit with invalid-yaml off is an input error', async () => {
    const dir = tree({
      'pod.yaml': POD,
      'big.yaml': `# ${'x'.repeat(2048)}\n`,
      '.kubeward.yaml': 'rules:\n  invalid-yaml: { enabled: false }\n',
    });
    const report = await scan({ paths: ['.'], cwd: dir, maxFileBytes: 1024 });
    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'big.yaml', message: expect.stringContaining('limit') }),
    ]);
  });

  test('a document that does not parse, with invalid-yaml off: an input error at its line (exit 2); re-rated low: a low finding', async () => {
    const dir = tree({
      'pod.yaml': POD,
      'broken.yaml': BROKEN,
      '.kubeward.yaml': 'rules:\n  invalid-yaml: { enabled: false }\n',
    });
    const report = await scan({ paths: ['.'], cwd: dir });
    expect(report.findings.map((f) => f.ruleId)).not.toContain('invalid-yaml');
    expect(report.errors).toEqual([expect.objectContaining({ file: 'broken.yaml', line: expect.any(Number) })]);
    expect((await cli(['scan', '.'], dir)).code).toBe(2);
    // lowering the severity is allowed: the finding stays, at the lower severity
    const low = tree({
      'pod.yaml': POD,
      'broken.yaml': BROKEN,
      '.kubeward.yaml': 'rules:\n  invalid-yaml: { severity: low }\n',
    });
    const lowered = await scan({ paths: ['.'], cwd: low });
    expect(lowered.findings.find((f) => f.ruleId === 'invalid-yaml')).toMatchObject({
      severity: 'low',
      location: { file: 'broken.yaml' },
    });
  });

  test('a duplicate key with duplicate-key off is an input error, not silence', async () => {
    const dup = POD.replace('  namespace: prod\n', '  namespace: prod\n  namespace: dev\n');
    const dir = tree({ 'pod.yaml': dup, '.kubeward.yaml': 'rules:\n  duplicate-key: { enabled: false }\n' });
    const report = await scan({ paths: ['.'], cwd: dir });
    expect(report.errors).toEqual([expect.objectContaining({ file: 'pod.yaml', line: 6 })]);
    expect((await cli(['scan', '.'], dir)).code).toBe(2);
  });
});
