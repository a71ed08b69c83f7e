/**
 * `kubeward verify`: owned by the live-verification engineer; this is a placeholder.
 *
 * Contract with the dispatcher (src/cli/run.ts imports this module lazily when the command is
 * `verify`):
 *   export async function runVerify(argv: string[], io: CliIO): Promise<number>
 * `argv` is everything after the word `verify`; `io` (src/cli/io.ts) carries stdout/stderr
 * writers, readStdin, env, cwd and stdoutIsTTY. Return the exit code: 0 clean, 1 findings at or
 * above --fail-on, 2 usage/config errors, 3 cluster unreachable or verification incomplete.
 * Never call process.exit; never print secret values.
 */
import type { CliIO } from './io.ts';

export async function runVerify(_argv: string[], io: CliIO): Promise<number> {
  io.stderr('kubeward verify: not implemented\n');
  return 2;
}
