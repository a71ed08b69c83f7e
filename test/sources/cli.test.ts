/** The CLI on charts: a chart without helm exits 2 with the message; flags give environments. */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeWith, HELM } from '../support/sources.ts';

jest.setTimeout(120_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'src/cli/main.ts');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/sources/helm');

function cli(args: string[], cwd: string, env: Record<string, string | undefined>) {
  const e: Record<string, string | undefined> = { ...process.env, ...env, NO_COLOR: '1' };
  delete e.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, env: e as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-cli-helm-'));
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

test('a chart with no helm available: exit 2 with the message, never a pass', () => {
  const cwd = workdir();
  const r = cli(['scan', 'shop'], cwd, { PATH: path.join(cwd, 'none'), KUBEWARD_HELM: '' });
  expect(r.stderr).toContain('helm is needed to scan shop: install it or render the chart yourself');
  expect(r.code).toBe(2);
});

describeWith('helm')('CLI flags for charts', () => {
  test('--environment NAME=FILES scans each environment and names it', () => {
    const cwd = workdir();
    const r = cli(
      ['scan', 'shop', '--environment', 'dev=values-dev.yaml', '--environment', 'prod=values-prod.yaml', '-f', 'json'],
      cwd,
      { KUBEWARD_HELM: HELM },
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: { ruleId: string; details?: Record<string, string>; file: string | null }[];
    };
    const priv = report.findings.filter((f) => f.ruleId === 'privileged-container');
    expect(priv.every((f) => f.details?.environment === 'prod')).toBe(true);
    expect(priv.map((f) => f.file).sort()).toEqual(['shop/values-prod.yaml', 'shop/values-prod.yaml']);
    expect(report.findings.find((f) => f.ruleId === 'host-ipc')?.details?.environments).toBe('dev, prod');
  });

  test('bad --environment and --set values are usage errors', () => {
    const cwd = workdir();
    expect(cli(['scan', 'shop', '--environment', 'dev'], cwd, { KUBEWARD_HELM: HELM }).code).toBe(2);
    expect(cli(['scan', 'shop', '--set', 'novalue'], cwd, { KUBEWARD_HELM: HELM }).code).toBe(2);
  });
});
