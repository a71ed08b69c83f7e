/**
 * End to end through the CLI's dispatcher, in-process (`run(argv, io)` with captured streams: what
 * main.ts does minus the process), on temporary fixture files. One test spawns src/cli/main.ts to
 * cover the entry point itself.
 */
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.ts';

jest.setTimeout(90_000); // the spawned test takes seconds on a loaded CI machine

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'src/cli/main.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process: the same dispatcher main.ts calls, with captured output. */
async function cli(
  args: string[],
  opts: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  if (!opts.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  if (!opts.env?.NO_COLOR) delete env.NO_COLOR;
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => opts.input ?? '',
    env,
    cwd: opts.cwd,
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** Spawns src/cli/main.ts (the real entry point) under this Node. */
function spawnCli(
  args: string[],
  opts: { cwd: string; input?: string; env?: Record<string, string> },
): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  delete env.NODE_OPTIONS;
  if (!opts.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  if (!opts.env?.NO_COLOR) delete env.NO_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: opts.cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

const PRIVILEGED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          privileged: true
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: prod
data:
  greeting: hello
`;

const INVALID = `apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
  labels: [unclosed
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeward-cli-'));
  writeFileSync(path.join(dir, 'privileged.yaml'), PRIVILEGED);
  writeFileSync(path.join(dir, 'configmap.yaml'), CONFIGMAP);
  writeFileSync(path.join(dir, 'notes.yaml'), 'title: not kubernetes\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes', () => {
  test('0 when nothing is at or above --fail-on', async () => {
    const r = await cli(['scan', 'configmap.yaml', '--fail-on', 'critical', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ objects: 1, files: 1, passed: true, failOn: 'critical' });
  });

  test('1 when a finding is at or above the default threshold (high)', async () => {
    const r = await cli(['scan', 'privileged.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/privileged\.yaml\n/);
    expect(r.stdout).toMatch(/\d+:\d+ +CRITICAL +privileged-container/);
    expect(r.stdout).toContain('Failed: findings at or above high.');
  });

  test('--fail-on none never fails', async () => {
    const r = await cli(['scan', 'privileged.yaml', '--fail-on', 'none'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('privileged-container');
  });

  test.each([
    [['scan', 'privileged.yaml', '--bogus'], /unknown option '--bogus'\n/],
    [['scan', 'privileged.yaml', '--fial-on', 'high'], /unknown option '--fial-on'; did you mean '--fail-on'\?/],
    [['rules', '--formt', 'json'], /unknown option '--formt'; did you mean '--format'\?/],
    // every command, verify too (it parsed its own flags and printed Node's message)
    [['verify', '--contxt', 'kind'], /unknown option '--contxt'; did you mean '--context'\?/],
    [['fix', 'privileged.yaml', '--dryrun'], /unknown option '--dryrun'; did you mean '--dry-run'\?/],
    [['baseline', 'create', '--ouput', 'b.json'], /unknown option '--ouput'; did you mean '--output'\?/],
    [['serve', '--prot', '8443'], /unknown option '--prot'; did you mean '--port'\?/],
    [['monitor', '--intervall', '1m'], /unknown option '--intervall'; did you mean '--interval'\?/],
    [['scna', 'privileged.yaml'], /unknown command 'scna'; did you mean 'scan'\?/],
    [
      ['scan', 'privileged.yaml', '--fail-on', 'severe'],
      /--fail-on must be one of critical, high, medium, low, info, none/,
    ],
    [['scan', 'missing.yaml'], /path not found: missing.yaml/],
    [['scan', 'privileged.yaml', '--format', 'yaml'], /unknown --format 'yaml'/],
    [['scan', 'privileged.yaml', '-f', 'json', '-f', 'sarif'], /2 formats would go to stdout/],
    [['scan', 'privileged.yaml', '--config', 'nope.yaml'], /config file not found: nope.yaml/],
    [['scan', 'privileged.yaml', '--kube-version', 'latest'], /--kube-version must look like 1.34/],
    [['scan'], /give at least one path/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['explain', 'privileged-containr'], /unknown rule 'privileged-containr'; did you mean privileged-container/],
  ])('2 for usage errors: %j', async (args, message) => {
    const r = await cli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('the threshold comes from the config when --fail-on is not given; --fail-on wins', async () => {
    const unprivileged = PRIVILEGED.replace('privileged: true', 'privileged: false');
    writeFileSync(path.join(dir, 'unprivileged.yaml'), unprivileged);
    const high = await cli(['scan', 'unprivileged.yaml'], { cwd: dir });
    expect(high.code).toBe(1);
    writeFileSync(path.join(dir, '.kubeward.yaml'), 'failOn: critical\n');
    const critical = await cli(['scan', 'unprivileged.yaml', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(critical.stdout).summary.failOn).toBe('critical');
    expect(critical.code).toBe(0);
    const flag = await cli(['scan', 'unprivileged.yaml', '--fail-on', 'high'], { cwd: dir });
    expect(flag.code).toBe(1);
  });

  test('2 for an invalid configuration, with file and line', async () => {
    writeFileSync(
      path.join(dir, 'bad.kubeward.yaml'),
      'failOn: critical\nrules:\n  no-such-rule-here: { enabled: true }\n',
    );
    const r = await cli(['scan', 'privileged.yaml', '--config', 'bad.kubeward.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kubeward: error: configuration: .*bad\.kubeward\.yaml:3:\d+: /m);
    expect(r.stdout).toBe('');
  });

  test('2 when no Kubernetes object was scanned, 0 with --allow-empty', async () => {
    const r = await cli(['scan', 'notes.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no Kubernetes objects found in notes\.yaml/);
    expect(r.stdout).toContain('not a Kubernetes object');
    const ok = await cli(['scan', 'notes.yaml', '--allow-empty'], { cwd: dir });
    expect(ok.code).toBe(0);
  });
});

describe('scan', () => {
  test('several --format/--output pairs; a --format without --output goes to stdout', async () => {
    const r = await cli(
      [
        'scan',
        '.',
        '-f',
        'json',
        '-o',
        'out/report.json',
        '-f',
        'sarif',
        '-o',
        'out/report.sarif',
        '-f',
        'markdown',
        '-o',
        'out/summary.html',
        '-f',
        'text',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).version).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.sarif'), 'utf8')).version).toBe('2.1.0');
    // the third pair is markdown although the file is named .html: flags pair by position
    expect(readFileSync(path.join(dir, 'out/summary.html'), 'utf8')).toMatch(/^## kubeward/);
    expect(r.stdout).toContain('privileged-container');
    expect(r.stderr).toContain('wrote sarif report to out/report.sarif');
  });

  test('an --output without a --format takes the format from its extension', async () => {
    const r = await cli(['scan', 'privileged.yaml', '-o', 'r.sarif', '-o', 'r.xml', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(dir, 'r.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  test("'-' reads standard input", async () => {
    const r = await cli(['scan', '-', '--format', 'json'], { cwd: dir, input: PRIVILEGED });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(
      doc.findings.some(
        (f: { ruleId: string; file: string }) => f.ruleId === 'privileged-container' && f.file === '<stdin>',
      ),
    ).toBe(true);
  });

  test('a file with invalid YAML among good ones: the good ones are still reported', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), INVALID);
    const r = await cli(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const ids = doc.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain('privileged-container');
    const bad = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'invalid-yaml');
    expect(bad).toMatchObject({ file: 'broken.yaml' });
    expect(bad.line).toBeGreaterThanOrEqual(5);
    expect(doc.summary.objects).toBe(2);
  });

  test('--include and --exclude filter files', async () => {
    const r = await cli(['scan', '.', '--exclude', 'privileged.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.files).toBe(2);
  });

  test('colour: off when piped, on with FORCE_COLOR, off again with NO_COLOR or --no-color', async () => {
    const plain = await cli(['scan', 'privileged.yaml'], { cwd: dir });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await cli(['scan', 'privileged.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const no = await cli(['scan', 'privileged.yaml'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(no.stdout).not.toContain('\u001b[');
    const flag = await cli(['scan', 'privileged.yaml', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toContain('\u001b[');
  });

  test('never prints a secret value, in any format', async () => {
    const token = 'gh' + 'p_' + 'aB3'.repeat(12);
    writeFileSync(
      path.join(dir, 'secret.yaml'),
      PRIVILEGED.replace(
        'image: nginx:1.27',
        `image: nginx:1.27\n        env:\n        - name: GITHUB_TOKEN\n          value: ${token}`,
      ),
    );
    const formats = ['json', 'sarif', 'junit', 'markdown', 'html'];
    const args = ['scan', 'secret.yaml', '-f', 'text'];
    for (const f of formats) args.push('-f', f);
    args.push('-o', '-');
    for (const f of formats) args.push('-o', `out.${f}`);
    const r = await cli(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(token);
    for (const f of formats) expect(readFileSync(path.join(dir, `out.${f}`), 'utf8')).not.toContain(token);
  });
});

describe('demo (npm run scan without a path)', () => {
  test('scans each examples/ directory, says it is a demo, exits 0', async () => {
    const ex = path.join(dir, 'examples');
    mkdirSync(path.join(ex, 'insecure'), { recursive: true });
    mkdirSync(path.join(ex, 'hardened'), { recursive: true });
    writeFileSync(path.join(ex, 'insecure/deploy.yaml'), PRIVILEGED);
    writeFileSync(path.join(ex, 'hardened/cm.yaml'), CONFIGMAP);
    const r = await cli(['scan', '--demo'], { cwd: dir, env: { KUBEWARD_EXAMPLES_DIR: ex } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('=== examples/hardened ===');
    expect(r.stdout).toContain('=== examples/insecure ===');
    expect(r.stderr).toMatch(/demo/);
    expect(r.stderr).toMatch(/exits 1 when findings are at or above --fail-on, as examples\/insecure/);
  });

  test('with a path, --demo is a normal scan', async () => {
    const r = await cli(['scan', '--demo', 'privileged.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
  });

  test('the bundled examples/ scan works when present', async () => {
    if (!existsSync(path.join(ROOT, 'examples/insecure'))) {
      console.warn('examples/insecure is absent: skipping the bundled demo check');
      return;
    }
    const r = await cli(['scan', '--demo'], { cwd: ROOT });
    expect(r.code).toBe(0);
  });
});

describe('rules, explain, help, version', () => {
  test('rules --format json lists the catalog', async () => {
    const r = await cli(['rules', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toContainEqual({
      id: 'privileged-container',
      title: 'Privileged container',
      severity: 'critical',
      enabledByDefault: true,
      category: 'pod-security',
    });
  });

  test('rules prints a table', async () => {
    const r = await cli(['rules'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^privileged-container +critical +pod-security +on +Privileged container$/m);
  });

  test('explain prints the rule docs', async () => {
    const r = await cli(['explain', 'privileged-container'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('privileged-container: Privileged container');
    expect(r.stdout).toContain('How to fix:');
    expect(r.stdout).toContain('privileged: false');
  });

  test.each([['--help'], ['scan', '--help'], ['rules', '--help'], ['explain', '--help'], ['help', 'scan']])(
    '%j exits 0 with usage',
    async (...args) => {
      const r = await cli(args, { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage/);
    },
  );

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const r = await spawnCli(['--version'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  test('comment is dispatched to src/cli/comment.ts', async () => {
    const r = await cli(['comment', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: kubeward comment/);
  });

  test('verify is dispatched to src/cli/verify.ts', async () => {
    const r = await cli(['verify', '--help'], { cwd: dir });
    expect(r.stderr).not.toMatch(/unknown command/);
  });
});
