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
