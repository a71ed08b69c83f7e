/** What a CLI command may touch: output streams, stdin, environment. Tests pass fakes. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for the path '-'). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (decides colour when neither NO_COLOR nor FORCE_COLOR is set). */
  stdoutIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
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
