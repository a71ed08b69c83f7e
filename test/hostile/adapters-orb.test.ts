/**
 * Issue 10, section 6: the orb's scan.sh and verify.sh read every value of a multi-line or
 * space-separated parameter (paths, contexts, namespaces, manifests); before, only the first line
 * reached kubeward and the rest was dropped without a word. A fake `kubeward` records its argv.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORB = fileURLToPath(new URL('../../orb/src', import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Runs an orb script with a fake kubeward; returns the argv it was given. */
function argvOf(script: string, env: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-orb-argv-'));
  temps.push(dir);
  const log = path.join(dir, 'argv');
  writeFileSync(path.join(dir, 'kubeward'), `#!/bin/bash\nprintf '%s\\0' "$@" > "${log}"\nexit 0\n`, {
    mode: 0o755,
  });
  // a file that a glob-expanding script would pick up: the words must reach kubeward as written
  writeFileSync(path.join(dir, 'a.yaml'), '');
  const r = spawnSync('bash', [path.join(ORB, 'scripts', script)], {
    cwd: dir,
    env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, KW_OUTPUT_DIR: path.join(dir, 'out'), ...env },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return readFileSync(log, 'utf8').split('\0').slice(0, -1);
}

/** The values following each occurrence of `flag`. */
function values(argv: string[], flag: string): string[] {
  return argv.flatMap((a, i) => (a === flag ? [argv[i + 1]] : []));
}

describe('scan.sh paths', () => {
  test.each([
    ['newline-separated (a YAML block scalar)', 'deploy/\ncharts/web\n*.yaml\n'],
    ['space-separated', 'deploy/ charts/web *.yaml'],
    ['both, with blank lines and tabs', '\n  deploy/\tcharts/web\n\n*.yaml  \n'],
  ])('%s', (_, value) => {
    const argv = argvOf('scan.sh', { KW_PATHS: value });
    expect(argv[0]).toBe('scan');
    const at = argv.indexOf('--fail-on');
    expect(argv.slice(1, at)).toEqual(['deploy/', 'charts/web', '*.yaml']);
  });
});

describe('verify.sh contexts, namespaces and manifests', () => {
  test.each([
    [
      'newline-separated',
      { KW_CONTEXT: 'prod\nstaging\n', KW_NAMESPACE: 'shop\npay\n', KW_MANIFESTS: 'k8s/\nextra/*.yaml\n' },
    ],
    ['space-separated', { KW_CONTEXT: 'prod staging', KW_NAMESPACE: 'shop pay', KW_MANIFESTS: 'k8s/ extra/*.yaml' }],
  ])('%s', (_, env) => {
    const argv = argvOf('verify.sh', env);
    expect(values(argv, '--context')).toEqual(['prod', 'staging']);
    expect(values(argv, '--namespace')).toEqual(['shop', 'pay']);
    expect(values(argv, '--manifests')).toEqual(['k8s/', 'extra/*.yaml']);
  });

  test('empty parameters add no flag', () => {
    const argv = argvOf('verify.sh', {});
    expect(values(argv, '--context')).toEqual([]);
    expect(values(argv, '--namespace')).toEqual([]);
    expect(values(argv, '--manifests')).toEqual([]);
  });
});

/**
 * Issue 10, section 2, orb parity with the action's `config-ref: base`: scan.sh reads the
 * configuration at the base commit (`git show <base>:<config>`), from base_ref or from `git
 * merge-base origin/<base_branch> HEAD`; the branch's own copy (here: one that turns every rule
 * off) is never used, and no file at the base means the defaults.
 */
describe('scan.sh config_ref base', () => {
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    });
    expect(r.status).toBe(0);
    return r.stdout.trim();
  };
  const BASE_POLICY = 'policy:\n  locked: true\nrules:\n  privileged-container: {severity: critical}\n';
  const PR_POLICY = 'rules:\n  privileged-container: {enabled: false}\n';

  /** A repository whose base commit has `base` as .kubeward.yaml (or none) and whose branch changes it. */
  function repo(base: string | undefined): { dir: string; baseSha: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-orb-base-'));
    temps.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(dir, 'pod.yaml'), 'kind: Pod\n');
    if (base !== undefined) writeFileSync(path.join(dir, '.kubeward.yaml'), base);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    const baseSha = git(dir, 'rev-parse', 'HEAD');
    // origin/main as CircleCI's checkout has it; the branch then weakens the policy
    git(dir, 'update-ref', 'refs/remotes/origin/main', baseSha);
    git(dir, 'checkout', '-qb', 'feature');
    writeFileSync(path.join(dir, '.kubeward.yaml'), PR_POLICY);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'weaken the gate');
    return { dir, baseSha };
  }

  /** Runs scan.sh in `dir` with a fake kubeward that records argv and the --config file it is given. */
  function runScan(dir: string, env: Record<string, string>) {
    const bin = mkdtempSync(path.join(tmpdir(), 'kw-orb-bin-'));
    temps.push(bin);
    const log = path.join(bin, 'argv');
    writeFileSync(
      path.join(bin, 'kubeward'),
      `#!/bin/bash\nprintf '%s\\0' "$@" > "${log}"\nprev=\nfor a in "$@"; do if [ "$prev" = --config ]; then cp "$a" "${log}.config"; fi; prev="$a"; done\nexit 0\n`,
      { mode: 0o755 },
    );
    const r = spawnSync('bash', [path.join(ORB, 'scripts', 'scan.sh')], {
      cwd: dir,
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        HOME: bin,
        KW_OUTPUT_DIR: path.join(bin, 'out'),
        GIT_CONFIG_GLOBAL: '/dev/null',
        ...env,
      },
      encoding: 'utf8',
    });
    let argv: string[] = [];
    let config: string | undefined;
    try {
      argv = readFileSync(log, 'utf8').split('\0').slice(0, -1);
      config = readFileSync(`${log}.config`, 'utf8');
    } catch {
      // kubeward not run, or without --config
    }
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, argv, config };
  }

  test('merge-base with origin/main: the base commit policy is used, not the branch copy', () => {
    const { dir, baseSha } = repo(BASE_POLICY);
    const r = runScan(dir, { KW_PATHS: '.', KW_CONFIG_REF: 'base' });
    expect(r.status).toBe(0);
    expect(r.config).toBe(BASE_POLICY);
    expect(r.argv).toContain('--exclude');
    expect(r.stdout).toContain(`.kubeward.yaml at the base commit ${baseSha.slice(0, 7)} (config_ref: base)`);
    // the temporary copy is gone and the branch's file untouched
    expect(readFileSync(path.join(dir, '.kubeward.yaml'), 'utf8')).toBe(PR_POLICY);
    expect(spawnSync('ls', ['-a', dir], { encoding: 'utf8' }).stdout).not.toContain('.kubeward-base-config.yaml');
  });

  test('base_ref given: that commit is read; no file there means the defaults', () => {
    const { dir, baseSha } = repo(undefined);
    const r = runScan(dir, { KW_CONFIG_REF: 'base', KW_BASE_REF: baseSha });
    expect(r.status).toBe(0);
    expect(r.config).toBe('{}\n');
    expect(r.stdout).toMatch(/none at the base commit .*defaults apply/);
  });

  test('an unknown base is exit 2, never a scan with the branch policy', () => {
    const { dir } = repo(BASE_POLICY);
    const r = runScan(dir, { KW_CONFIG_REF: 'base', KW_BASE_REF: 'f'.repeat(40) });
    expect(r.status).toBe(2);
    expect(r.argv).toEqual([]);
    expect(r.stderr).toMatch(/cannot find the base commit/);
  });

  test('config_ref head (the default) passes config as given', () => {
    const { dir } = repo(BASE_POLICY);
    const r = runScan(dir, { KW_CONFIG: '.kubeward.yaml' });
    expect(r.config).toBe(PR_POLICY);
  });
});
