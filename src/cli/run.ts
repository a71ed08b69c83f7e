/** The CLI dispatcher: `kubeward <command> ...` -> exit code. Never calls process.exit. */
import { VERSION } from '../core/version.ts';
import { EXIT, UsageError, type CliIO } from './io.ts';
import { MAIN_HELP } from './help.ts';
import { suggest, unknownOptionText } from './suggest.ts';
import { runExplain, runRules } from './rules-command.ts';
import { runScan } from './scan-command.ts';

const COMMANDS = ['scan', 'verify', 'fix', 'baseline', 'rules', 'explain', 'comment', 'serve', 'monitor', 'help'];

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  try {
    switch (first) {
      case undefined:
        io.stderr(MAIN_HELP);
        return EXIT.usage;
      case '-h':
      case '--help':
        io.stdout(MAIN_HELP);
        return EXIT.ok;
      case 'help':
        if (rest[0] && rest[0] !== 'help') return await run([rest[0], '--help'], io);
        io.stdout(MAIN_HELP);
        return EXIT.ok;
      case '-v':
      case '--version':
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
      case 'scan':
        return await runScan(rest, io);
      case 'rules':
        return await runRules(rest, io);
      case 'explain':
        return await runExplain(rest, io);
      case 'verify': {
        // loaded lazily: it pulls in the Kubernetes client
        const { runVerify } = await import('./verify.ts');
        return await runVerify(rest, io);
      }
      case 'serve': {
        // the admission webhook; loaded lazily (prom-client, https)
        const { runServe } = await import('./serve-command.ts');
        return await runServe(rest, io);
      }
      case 'monitor': {
        // continuous verification; loaded lazily (the Kubernetes client, prom-client)
        const { runMonitor } = await import('./monitor-command.ts');
        return await runMonitor(rest, io);
      }
      case 'fix': {
        const { runFix } = await import('./fix-command.ts');
        return await runFix(rest, io);
      }
      case 'baseline': {
        const { runBaseline } = await import('./baseline-command.ts');
        return await runBaseline(rest, io);
      }
      case 'comment': {
        // posts the sticky PR comment from a JSON report (CircleCI orb); loaded lazily
        const { runComment } = await import('./comment.ts');
        return await runComment(rest, io);
      }
      default:
        throw new UsageError(
          first.startsWith('-')
            ? `unknown option '${first}' (a command comes first: ${COMMANDS.join(', ')})`
            : `unknown command '${first}'${suggest(first, COMMANDS, "'")} (use one of ${COMMANDS.join(', ')}; to scan a path: kubeward scan ${first})`,
        );
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    const usage =
      e instanceof UsageError ||
      (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) ||
      err.name === 'UsageError';
    const cmd =
      e instanceof UsageError && e.command ? `${e.command} ` : first && COMMANDS.includes(first) ? `${first} ` : '';
    if (e instanceof UsageError && !e.showUsage) {
      io.stderr(`kubeward: error: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && first && COMMANDS.includes(first)) {
      err.message = await unknownOptionMessage(first, err.message, io);
    }
    if (usage) {
      io.stderr(`kubeward ${cmd}: ${err.message}\nRun 'kubeward ${cmd}--help' for usage.\n`.replace(' :', ':'));
      return EXIT.usage;
    }
    io.stderr(`kubeward: internal error: ${err.stack ?? err.message}\n`);
    return EXIT.usage;
  }
}

/** The unknown-option message with the closest flag of the command's own --help. */
async function unknownOptionMessage(command: string, message: string, io: CliIO): Promise<string> {
  let help = '';
  try {
    await run([command, '--help'], { ...io, stdout: (t) => void (help += t), stderr: () => undefined });
  } catch {
    help = '';
  }
  return unknownOptionText(message, help);
}
