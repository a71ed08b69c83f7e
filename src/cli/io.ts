import { readStreamLimited } from '../core/manifests/load.ts';

/** What a CLI command may touch: output streams, stdin, environment. Tests pass fakes. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads standard input (for the path '-'); with `maxBytes`, stops once it holds more than that
   * (the scan then reports it as too large instead of holding an endless stream in memory).
   */
  readStdin(maxBytes?: number): Promise<string | Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (decides colour when neither NO_COLOR nor FORCE_COLOR is set). */
  stdoutIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: (maxBytes = Infinity) => readStreamLimited(process.stdin, maxBytes),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
}

/** Colour decision: --no-color, then NO_COLOR (any non-empty value), then FORCE_COLOR, then TTY. */
export function useColor(io: CliIO, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

/** Exit codes (ARCHITECTURE.md). */
export const EXIT = { ok: 0, findings: 1, usage: 2, verify: 3 } as const;

/** A usage or input error that stops the command with exit 2. */
export class UsageError extends Error {
  readonly command: string;
  /** false for errors that are not about the command line (a bad config file): no --help hint. */
  readonly showUsage: boolean;
  constructor(message: string, command = '', showUsage = true) {
    super(message);
    this.command = command;
    this.showUsage = showUsage;
  }
}
