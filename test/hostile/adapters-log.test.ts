/**
 * Issue 10, section 4 (bullet 3): nothing from the pull request can forge a workflow command. A
 * file name holding a newline and `::error::` / `::add-mask::` reaches the runner log (with
 * annotations off, input errors are logged as plain lines); every string goes through one escaper
 * (src/github/log.ts) and no other module of the action writes to the log.
 */
import { jest } from '@jest/globals';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupActionRuns, runActionEntry, workspaceWith } from '../support/action-runner.ts';

jest.setTimeout(120_000);
afterAll(cleanupActionRuns);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EVIL =
  'x\n::add-mask::kubeward\n::error file=forged.yaml::forged annotation\n##[error]legacy forged\r\n  ::warning::indented';

/** Workflow commands in a log: lines the runner would execute (leading whitespace trimmed). */
function commands(log: string): string[] {
  return log
    .split(/\r?\n|\r/)
    .map((l) => l.trimStart())
    .filter((l) => l.startsWith('::') || l.startsWith('##['));
}

describe('the runner log cannot be forged', () => {
  test.each([
    ['annotations off (input errors as log lines)', { annotations: 'false' }],
    ['annotations on', { annotations: 'true' }],
  ])('a file name with newlines and ::commands, %s', async (_, inputs) => {
    const ws = workspaceWith({
      'deploy/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\n',
    });
    // an unreadable file (a dangling link) whose name carries the commands: reported as an input error
    symlinkSync(path.join(ws, 'nowhere'), path.join(ws, 'deploy', `${EVIL}.yaml`));
    const r = await runActionEntry(ws, undefined, { paths: 'deploy', comment: 'off', ...inputs });
    const cmds = commands(r.log);
    expect(cmds.some((c) => c.startsWith('::add-mask::'))).toBe(false);
    expect(cmds.some((c) => /^::error file=forged/.test(c))).toBe(false);
    expect(cmds.some((c) => c.startsWith('##['))).toBe(false);
    expect(cmds.some((c) => c.startsWith('::warning::indented'))).toBe(false);
    // every command kubeward issues is one of its own kinds
    for (const c of cmds) expect(c).toMatch(/^::(error|warning|notice|debug|group|endgroup)\b/);
    // and the file is still reported (escaped), not dropped
    expect(r.log).toMatch(/add-mask/);
    expect(r.outputs.passed).toBe('false');
  });
});

describe('one escaper', () => {
  test('logSafe: one line, no leading command, control characters visible', async () => {
    const { logSafe } = await import('../../src/github/log.ts');
    expect(logSafe('a\nb')).toBe('a\\nb');
    expect(logSafe('::error::x')).toBe('| ::error::x');
    expect(logSafe('  ##[error]x')).toBe('|   ##[error]x');
    expect(logSafe('a\u001b[2Kb')).toBe('a\\x1b[2Kb');
    expect(logSafe('a\u2028::error::b')).not.toMatch(/[\u2028]/);
  });

  test('no module of the action writes to the log except src/github/log.ts', () => {
    const dir = path.join(ROOT, 'src/github');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'log.ts')) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect({
        f,
        calls: text.match(/\bcore\.(info|notice|warning|error|debug|setFailed|setSecret|startGroup)\(/g),
      }).toEqual({
        f,
        calls: null,
      });
      expect({ f, writes: text.match(/process\.(stdout|stderr)\.write|console\.(log|error|warn|info)/g) }).toEqual({
        f,
        writes: f === 'main.ts' ? ['process.stdout.write'] : null,
      });
    }
  });
});
