/** Helpers shared by the hostile-input suites: temporary trees and an in-process CLI. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';

/** A temporary directory holding `files` (relative path -> content). */
export function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-hostile-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (no Node start-up per case). */
export async function cli(args: string[], cwd: string, stdin: string | Buffer = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
    env: {},
    cwd,
    stdoutIsTTY: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: prod
spec:
  containers:
    - name: app
      image: nginx:1.27
`;
