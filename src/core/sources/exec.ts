/**
 * Finding and running the helm / kustomize / kubectl binaries. No printing: every outcome is a
 * value the caller turns into findings or input errors.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when the binary could not be started at all. */
  spawnError?: string;
}

/** The first executable named `name` on `PATH`, or undefined. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const d of dirs) {
    for (const e of exts) {
      const full = path.join(d, name + e);
      try {
        accessSync(full, constants.X_OK);
        return full;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Runs a binary with arguments (no shell), collecting its output. */
export function run(
  bin: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      bin,
      [...args],
      {
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        maxBuffer: 512 * 1024 * 1024,
        timeout: opts.timeoutMs ?? 300_000,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
          resolve({ code: -1, stdout: '', stderr: String(stderr ?? ''), spawnError: err.message });
          return;
        }
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
