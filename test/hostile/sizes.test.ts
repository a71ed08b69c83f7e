/**
 * Hostile input (issue 10, section 3): no crash on size. Spreading an array into a call
 * (`push(...big)`, `Math.max(...big)`) overflows the stack past ~100,000 elements. These cases run at
 * 10x the sizes that crashed: 1.3 million tiny documents in one file, 1.7 million findings in a
 * text report. Time and memory targets for them live in the benchmark, not here.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { loadManifests } from '../../src/core/manifests/load.ts';
import { formatReport } from '../../src/core/report/index.ts';
import { countBySeverity, type Finding, type Report } from '../../src/core/model.ts';

jest.setTimeout(180_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('1.3 million tiny documents in one file (7.8 MB): every one listed as skipped, no crash', async () => {
  const text = '---\n0\n'.repeat(1_300_000);
  const inv = await loadManifests({ paths: ['-'], readStdin: async () => text });
  expect(inv.skipped).toHaveLength(1_300_000);
  expect(inv.skipped[1_299_999]).toMatchObject({ line: 2_600_000, reason: expect.stringMatching(/bare number/) });
  expect(inv.errors).toEqual([]);
});

test('a text report of 1.7 million findings: formatted, no stack overflow', () => {
  const findings: Finding[] = [];
  for (let i = 0; i < 1_700_000; i++) {
    findings.push({
      ruleId: 'privileged-container',
      severity: 'high',
      category: 'pod-security',
      title: 'Privileged container',
      message: 'privileged',
      path: `spec.containers[${i}]`,
      fingerprint: String(i),
      location: { file: 'pods.yaml', line: i + 1, column: 7 },
    });
  }
  const report: Report = {
    tool: { name: 'kubeward', version: '0' },
    findings,
    suppressed: [],
    counts: countBySeverity(findings),
    filesScanned: 1,
    objectsScanned: 1,
    skipped: [],
    errors: [],
    notVerified: [],
    failOn: 'high',
    durationMs: 0,
  };
  const text = formatReport(report, 'text');
  expect(text).toContain('1700000:7');
  expect(text).toMatch(/1,?700,?000 findings?/);
});

test('no call in src/ spreads an array that input can make long', () => {
  // spreads into calls whose arguments are bounded by the program itself (rule metadata, a few
  // verdict reasons, one render per configured environment)
  const bounded = [
    /^src\/cli\/rules-command\.ts: out\.push\('', '(Example|References):'/,
    /^src\/core\/docs\.ts: out\.push\('## References'/,
    /^src\/github\/run\.ts: notes\.unshift\(\.\.\.problems/,
    /^src\/core\/sources\/helm\.ts: set\.errors\.push\( \.\.\.absent/,
    /^src\/core\/sources\/index\.ts: out\.sets\.push\(/,
  ];
  const files = execFileSync('git', ['ls-files', 'src/**/*.ts'], { cwd: ROOT }).toString().trim().split('\n');
  const found: string[] = [];
  for (const f of files) {
    const src = ts.createSourceFile(f, readFileSync(ROOT + f, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (ts.isSpreadElement(n) && (ts.isCallExpression(n.parent) || ts.isNewExpression(n.parent))) {
        const site = `${f}: ${n.parent.getText().replace(/\s+/g, ' ')}`;
        if (!bounded.some((b) => b.test(site))) found.push(site.slice(0, 160));
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  expect(found).toEqual([]);
});
