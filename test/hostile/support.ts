/** Helpers shared by the hostile-input suites: temporary trees and an in-process CLI. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Runs the CLI in a child process, killed after `ms`: a hang is a failure, not a stuck suite. */
export function spawnCli(
  args: string[],
  cwd: string,
  opts: { ms?: number; stdin?: (w: NodeJS.WritableStream) => void } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    // at most 4 GB of address space: a reader that does not stop dies instead of eating the machine
    const child = spawn('/bin/sh', ['-c', 'ulimit -v 4000000 && exec "$0" "$@"', process.execPath, MAIN, ...args], {
      cwd,
      env,
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.ms ?? 30_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => undefined); // EPIPE once the reader stops: expected
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
    if (opts.stdin) opts.stdin(child.stdin);
    else child.stdin.end();
  });
}
