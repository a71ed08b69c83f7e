/** The action's `baseline` input: the same mechanism as `kubeward scan --baseline` (core/selection.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBaseline } from '../../src/core/selection.ts';
import { scan } from '../../src/core/scan.ts';
import { cleanupActionRuns, runActionEntry, workspaceWith } from '../support/action-runner.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
afterAll(cleanupActionRuns);

test('findings recorded in the baseline are hidden and counted; an unreadable baseline fails the step', async () => {
  const ws = workspaceWith({ 'deploy/web.yaml': readFileSync(path.join(ROOT, 'examples/insecure/web.yaml'), 'utf8') });
  const report = await scan({ paths: ['deploy'], cwd: ws });
  const keepRule = report.findings[0].ruleId;
  const kept = report.findings.filter((f) => f.ruleId === keepRule).length;
  const known = { ...report, findings: report.findings.filter((f) => f.ruleId !== keepRule) };
  writeFileSync(path.join(ws, 'kw-baseline.json'), JSON.stringify(createBaseline(known)));

  const r = await runActionEntry(ws, undefined, {
    paths: 'deploy',
    comment: 'off',
    'fail-on': 'none',
    baseline: 'kw-baseline.json',
  });
  expect(r.code).toBe(0);
  expect(Number(r.outputs.findings)).toBe(kept);
  const hidden = report.findings.length - kept;
  expect(r.summary).toContain(`${hidden} hidden (${hidden} known in the baseline)`);

  const bad = await runActionEntry(ws, undefined, { paths: 'deploy', comment: 'off', baseline: 'nope.json' });
  expect(bad.code).not.toBe(0);
  expect(bad.log).toMatch(/input baseline: cannot read nope.json/);
});
