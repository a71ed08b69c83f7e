/**
 * Runs `kubeward verify` through the CLI's own entry point (argument parsing, verify(), the
 * report formatters and the exit code), capturing stdout, stderr and the JSON report.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runVerify } from '../../src/cli/verify.ts';
import type { Finding, Report } from '../../src/core/model.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type JsonFinding = Finding & { file?: string; line?: number; column?: number };

export interface VerifyRun {
  code: number;
  stdout: string;
  stderr: string;
  report: Omit<Report, 'findings'> & { findings: JsonFinding[] };
  ms: number;
}

/**
 * `kubeward verify ARGS --format json --output FILE --format text` with HOME in a temp folder, run
 * in `cwd` (default: the repository root).
 */
export async function runVerifyCli(
  args: string[],
  env: Record<string, string> = {},
  cwd: string = ROOT,
): Promise<VerifyRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-'));
  const out = path.join(dir, 'report.json');
  let stdout = '';
  let stderr = '';
  const t = Date.now();
  const code = await runVerify([...args, '--format', 'json', '--output', out, '--format', 'text'], {
    stdout: (s: string) => void (stdout += s),
    stderr: (s: string) => void (stderr += s),
    env: { HOME: dir, PATH: process.env.PATH ?? '', ...env },
    cwd,
    readStdin: async () => '',
    stdoutIsTTY: false,
  });
  const ms = Date.now() - t;
  let report = { findings: [], notVerified: [], errors: [] } as unknown as VerifyRun['report'];
  try {
    report = JSON.parse(readFileSync(out, 'utf8')) as VerifyRun['report'];
  } catch {
    // no report written (usage errors)
  }
  return { code, stdout, stderr, report, ms };
}

export const findingsOf = (r: { report: { findings: JsonFinding[] } }, ruleId: string): JsonFinding[] =>
  r.report.findings.filter((f) => f.ruleId === ruleId);
