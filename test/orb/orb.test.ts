/** The orb, checked without the CircleCI CLI (not installable here): structure, includes, examples, scripts. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { OrbPackError, packOrb } from '../../scripts/pack-orb.ts';
import { HELM } from '../support/sources.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const ORB = path.join(REPO, 'orb', 'src');
const PACKED = path.join(REPO, 'orb', 'orb.yml');
const VERSION = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

type Params = Record<string, { type?: string; description?: string; default?: unknown; enum?: unknown[] }>;
interface Element {
  description?: string;
  parameters?: Params;
  steps?: unknown[];
  executor?: unknown;
  docker?: unknown;
  usage?: Record<string, unknown>;
}
interface Orb {
  version: number;
  description: string;
  display: { home_url: string; source_url: string };
  commands: Record<string, Element>;
  jobs: Record<string, Element>;
  executors: Record<string, Element>;
  examples: Record<string, Element>;
}

const packed = packOrb(ORB, VERSION);
const orb = parse(packed) as Orb;

/** Every `run` step in a list of steps, through `when` blocks. */
function runSteps(steps: unknown[] = []): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of steps) {
    if (!s || typeof s !== 'object') continue;
    const [k, v] = Object.entries(s as Record<string, unknown>)[0];
    if (k === 'run') out.push(v as Record<string, unknown>);
    if (k === 'when' || k === 'unless') out.push(...runSteps((v as { steps?: unknown[] }).steps));
  }
  return out;
}

/** Every `name: params` step invocation (commands and built-ins) through `when` blocks. */
function invocations(steps: unknown[] = []): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const s of steps) {
    if (typeof s === 'string') out.push([s, {}]);
    else if (s && typeof s === 'object') {
      const [k, v] = Object.entries(s as Record<string, unknown>)[0];
      if (k === 'when' || k === 'unless') out.push(...invocations((v as { steps?: unknown[] }).steps));
      else out.push([k, (v ?? {}) as Record<string, unknown>]);
    }
  }
  return out;
}

const BUILT_IN_STEPS = new Set([
  'checkout',
  'run',
  'store_test_results',
  'store_artifacts',
  'persist_to_workspace',
  'attach_workspace',
  'save_cache',
  'restore_cache',
]);
const WORKFLOW_JOB_KEYS = new Set([
  'requires',
  'context',
  'filters',
  'name',
  'matrix',
  'pre-steps',
  'post-steps',
  'type',
  'serial-group',
]);

describe('orb pack', () => {
  test('orb/orb.yml is current (run `npm run orb:pack`)', () => {
    expect(readFileSync(PACKED, 'utf8')).toBe(packed);
    // the packed file is outside the folder it is packed from
    expect(existsSync(path.join(ORB, 'orb.yml'))).toBe(false);
  });
  test('includes resolve and the orb installs the CLI of its own version', () => {
    expect(packed).not.toMatch(/<<include\(/);
    expect(packed).not.toMatch(/__KUBEWARD_VERSION__/);
    expect(orb.commands.install.parameters!.version.default).toBe(VERSION);
    expect(orb.jobs.scan.parameters!.version.default).toBe(VERSION);
    const scan = runSteps(orb.commands.scan.steps)[0];
    expect(scan.command).toBe(readFileSync(path.join(ORB, 'scripts/scan.sh'), 'utf8'));
  });
  test('a missing include is an error naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'orb-'));
    cpSync(ORB, dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'commands/broken.yml'),
      'description: x\nsteps:\n  - run:\n      name: x\n      command: <<include(scripts/missing.sh)>>\n',
    );
    expect(() => packOrb(dir, VERSION)).toThrow(OrbPackError);
    expect(() => packOrb(dir, VERSION)).toThrow(/broken\.yml: include not found: scripts\/missing\.sh/);
  });
});

describe('orb elements', () => {
  test('top level: description and display links', () => {
    expect(orb.version).toBe(2.1);
    expect(orb.description.length).toBeGreaterThan(40);
    expect(orb.display.home_url).toMatch(/^https:\/\//);
    expect(orb.display.source_url).toMatch(/^https:\/\//);
  });
  test('the required commands, jobs and executor exist', () => {
    expect(Object.keys(orb.commands).sort()).toEqual(['comment', 'install', 'install_render_tools', 'scan', 'verify']);
    expect(Object.keys(orb.jobs).sort()).toEqual(['scan', 'verify']);
    expect(Object.keys(orb.executors)).toEqual(['default']);
    expect(String((orb.executors.default.docker as { image: string }[])[0].image)).toMatch(
      /^cimg\/node:<< parameters\.tag >>$/,
    );
    expect(String(orb.executors.default.parameters!.tag.default)).toMatch(/^24\./);
  });
  test('every element and parameter is described; parameters are snake_case; secrets only through env_var_name', () => {
    for (const section of ['commands', 'jobs', 'executors'] as const) {
      for (const [name, el] of Object.entries(orb[section])) {
        expect([section, name, (el.description ?? '').length > 10]).toEqual([section, name, true]);
        for (const [p, def] of Object.entries(el.parameters ?? {})) {
          expect([name, p]).toEqual([name, expect.stringMatching(/^[a-z][a-z0-9_]*$/)]);
          expect([name, p, typeof def.description === 'string' && def.description.length > 5]).toEqual([name, p, true]);
          expect([name, p, typeof def.type]).toEqual([name, p, 'string']);
          if (/token|kubeconfig|secret|password/.test(p))
            expect([name, p, def.type]).toEqual([name, p, 'env_var_name']);
          if (def.type === 'enum') expect(def.enum).toContain(def.default);
        }
      }
    }
  });
  test('every run step is named and takes parameters through environment, not inline', () => {
    for (const [name, el] of [...Object.entries(orb.commands), ...Object.entries(orb.jobs)]) {
      for (const run of runSteps(el.steps)) {
        expect([name, typeof run.name]).toEqual([name, 'string']);
        // CircleCI reads `<<` as parameter syntax: scripts must not contain any
        expect(String(run.command)).not.toMatch(/<</);
      }
    }
  });
  test('jobs and commands reference real commands, executors and parameters', () => {
    for (const [jobName, job] of Object.entries(orb.jobs)) {
      const exec = job.executor as { name: string } & Record<string, unknown>;
      expect(orb.executors[exec.name]).toBeDefined();
      for (const k of Object.keys(exec).filter((k) => k !== 'name'))
        expect(orb.executors[exec.name].parameters).toHaveProperty(k);
      for (const [step, args] of invocations(job.steps)) {
        if (BUILT_IN_STEPS.has(step)) continue;
        const cmd = orb.commands[step];
        expect([jobName, step, Boolean(cmd)]).toEqual([jobName, step, true]);
        for (const arg of Object.keys(args))
          expect([jobName, step, arg, arg in (cmd.parameters ?? {})]).toEqual([jobName, step, arg, true]);
        // every `<< parameters.x >>` a job passes is one of its own parameters
        for (const v of Object.values(args)) {
          for (const m of String(v).matchAll(/<< parameters\.(\w+) >>/g)) expect(job.parameters).toHaveProperty(m[1]);
        }
      }
    }
    for (const [name, cmd] of Object.entries(orb.commands)) {
      for (const m of JSON.stringify(cmd.steps).matchAll(/<< parameters\.(\w+) >>/g))
        expect([name, m[1] in (cmd.parameters ?? {})]).toEqual([name, true]);
    }
  });
  test('examples have a usage block that uses real jobs and parameters', () => {
    expect(Object.keys(orb.examples).length).toBeGreaterThanOrEqual(3);
    for (const [name, ex] of Object.entries(orb.examples)) {
      expect([name, (ex.description ?? '').length > 10]).toEqual([name, true]);
      const usage = ex.usage as {
        version: number;
        orbs: Record<string, string>;
        workflows: Record<string, { jobs: unknown[] }>;
      };
      expect(usage.version).toBe(2.1);
      expect(usage.orbs.kubeward).toBe(`kubeward/kubeward@${VERSION}`);
      let used = 0;
      for (const wf of Object.values(usage.workflows)) {
        for (const j of wf.jobs) {
          const [ref, args] =
            typeof j === 'string' ? [j, {}] : Object.entries(j as Record<string, Record<string, unknown>>)[0];
          if (!ref.startsWith('kubeward/')) continue;
          used++;
          const job = orb.jobs[ref.slice('kubeward/'.length)];
          expect([name, ref, Boolean(job)]).toEqual([name, ref, true]);
          for (const arg of Object.keys(args ?? {})) {
            if (WORKFLOW_JOB_KEYS.has(arg)) continue;
            expect([name, ref, arg, arg in (job.parameters ?? {})]).toEqual([name, ref, arg, true]);
          }
        }
      }
      expect([name, used > 0]).toEqual([name, true]);
    }
  });
});

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
(hasShellcheck || process.env.CI ? describe : describe.skip)('orb scripts: shellcheck', () => {
  test('shellcheck passes on orb/src/scripts', () => {
    const scripts = ['install.sh', 'scan.sh', 'verify.sh', 'comment.sh', 'install-render-tools.sh'].map((s) =>
      path.join(ORB, 'scripts', s),
    );
    const r = spawnSync('shellcheck', ['--shell=bash', ...scripts], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
if (!hasShellcheck && !process.env.CI)
  console.warn('shellcheck not installed: the shellcheck test is skipped (.ci/run installs it)');

/** A temp bin dir whose `kubeward` runs this checkout's CLI with Node 24. */
function kubewardShim(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'kubeward-bin-'));
  writeFileSync(
    path.join(bin, 'kubeward'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO, 'src/cli/main.ts')}" "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

function circleEnv(extra: Record<string, string>, bin: string): NodeJS.ProcessEnv {
  return {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    CIRCLECI: 'true',
    CI: 'true',
    CIRCLE_BRANCH: 'feature/x',
    CIRCLE_SHA1: 'a'.repeat(40),
    CIRCLE_PROJECT_USERNAME: 'acme',
    CIRCLE_PROJECT_REPONAME: 'deploy',
    CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/deploy/42',
    CIRCLE_WORKING_DIRECTORY: '~/project',
    ...extra,
  };
}

describe('orb scripts under bash, as the orb steps run them', () => {
  const bin = kubewardShim();
  const run = (script: string, env: Record<string, string>, cwd: string) =>
    spawnSync('bash', [path.join(ORB, 'scripts', script)], {
      cwd,
      env: circleEnv(env, bin),
      encoding: 'utf8',
      timeout: 60_000,
    });

  (HELM ? test : test.skip)('scan with helm_charts and environments renders the chart per environment', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'orb-helm-'));
    cpSync(path.join(REPO, 'test/fixtures/sources/helm/shop'), path.join(work, 'charts/shop'), { recursive: true });
    const r = run(
      'scan.sh',
      {
        KW_PATHS: 'charts/shop',
        KW_HELM_CHARTS: '',
        KW_ENVIRONMENTS: 'dev: values-dev.yaml\nprod: values-prod.yaml',
        KW_FAIL_ON: 'none',
        KW_OUTPUT_DIR: 'out',
        KUBEWARD_HELM: HELM!,
      },
      work,
    );
    expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
    const report = JSON.parse(readFileSync(path.join(work, 'out/kubeward.json'), 'utf8')) as {
      findings: { ruleId: string; file: string | null; details?: Record<string, string> }[];
    };
    const priv = report.findings.filter((f) => f.ruleId === 'privileged-container');
    expect(priv.map((f) => [f.file, f.details?.environment])).toEqual([
      ['charts/shop/values-prod.yaml', 'prod'],
      ['charts/shop/values-prod.yaml', 'prod'],
    ]);
  });

  test('scan on examples/insecure: JUnit with failing findings, SARIF, JSON, Markdown, HTML; exit 1', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'orb-scan-'));
    cpSync(path.join(REPO, 'examples'), path.join(work, 'examples'), { recursive: true });
    const r = run(
      'scan.sh',
      { KW_PATHS: 'examples/insecure', KW_FAIL_ON: 'high', KW_OUTPUT_DIR: 'kubeward-results' },
      work,
    );
    expect([r.status, r.stderr]).toEqual([1, expect.any(String)]);
    const out = path.join(work, 'kubeward-results');
    const junit = readFileSync(path.join(out, 'junit/kubeward.xml'), 'utf8');
    expect(junit).toMatch(/^<\?xml/);
    expect((junit.match(/<failure /g) ?? []).length).toBeGreaterThan(5);
    const sarif = JSON.parse(readFileSync(path.join(out, 'kubeward.sarif'), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
    expect(readFileSync(path.join(out, 'kubeward.md'), 'utf8')).toMatch(/critical|high/i);
    expect(readFileSync(path.join(out, 'kubeward.html'), 'utf8')).toMatch(/<html/i);
    expect(JSON.parse(readFileSync(path.join(out, 'kubeward.json'), 'utf8')).summary.passed).toBe(false);
    expect(r.stdout).toMatch(/failing the step/);
  });

  test('scan on examples/hardened: exit 0, JUnit written', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'orb-scan-'));
    cpSync(path.join(REPO, 'examples'), path.join(work, 'examples'), { recursive: true });
    const r = run('scan.sh', { KW_PATHS: 'examples/hardened', KW_FAIL_ON: 'high', KW_OUTPUT_DIR: 'out' }, work);
    expect([r.status, r.stdout.slice(-400)]).toEqual([0, expect.stringMatching(/no findings at or above high/)]);
    expect(readFileSync(path.join(work, 'out/junit/kubeward.xml'), 'utf8')).toMatch(/<testsuites/);
  });

  test('scan with fail_on none never fails on findings; a missing path exits 2', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'orb-scan-'));
    cpSync(path.join(REPO, 'examples'), path.join(work, 'examples'), { recursive: true });
    expect(run('scan.sh', { KW_PATHS: 'examples/insecure', KW_FAIL_ON: 'none' }, work).status).toBe(0);
    expect(run('scan.sh', { KW_PATHS: 'does/not/exist', KW_FAIL_ON: 'high' }, work).status).toBe(2);
  });

  /** A fake npm (logs its arguments; `npm view` answers `repo`; `install` puts a kubeward printing `installs`). */
  function fakeNpm(repo: string, installs: string): { bin: string; log: string } {
    const bin = mkdtempSync(path.join(tmpdir(), 'fake-npm-'));
    const log = path.join(bin, 'npm.log');
    writeFileSync(
      path.join(bin, 'npm'),
      `#!/bin/sh\necho "$@" >> "${log}"\nif [ "$1" = view ]; then echo "${repo}"; exit 0; fi\n` +
        `printf '#!/bin/sh\\necho ${installs}\\n' > "${bin}/kubeward"; chmod +x "${bin}/kubeward"\nexit 0\n`,
      { mode: 0o755 },
    );
    writeFileSync(path.join(bin, 'node'), `#!/bin/sh\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
    writeFileSync(log, '');
    return { bin, log };
  }
  const install = (bin: string, env: Record<string, string>) =>
    spawnSync('bash', [path.join(ORB, 'scripts/install.sh')], {
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin, ...env },
      encoding: 'utf8',
    });
  const OURS = 'git+https://github.com/kubeward/kubeward.git';

  test('install pins the orb version, checks the package is ours, and skips when that version is installed', () => {
    const { bin, log } = fakeNpm(OURS, VERSION);
    const r = install(bin, { KW_VERSION: VERSION });
    expect(r.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`install --global .*kubeward@${VERSION.replace(/\./g, '\\.')}`),
    );
    expect(r.stdout).toContain(`kubeward ${VERSION} installed`);
    // already installed at that version: no npm call
    writeFileSync(log, '');
    const again = install(bin, { KW_VERSION: VERSION });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already installed/);
    expect(readFileSync(log, 'utf8')).toBe('');
  });

  test('install refuses an unrelated npm package of the same name, and a version that does not match', () => {
    const other = fakeNpm('git+https://github.com/someone/else.git', VERSION);
    const r = install(other.bin, { KW_VERSION: VERSION });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not this project/);
    expect(readFileSync(other.log, 'utf8')).not.toMatch(/install/);
    const wrong = fakeNpm(OURS, '9.9.9');
    const w = install(wrong.bin, { KW_VERSION: VERSION });
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/prints '9\.9\.9', expected/);
  });

  test('install from a tarball: checked against its sha256 and its package name and repository', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'orb-tgz-'));
    mkdirSync(path.join(work, 'package'));
    const make = (name: string, repo: string) => {
      writeFileSync(
        path.join(work, 'package/package.json'),
        JSON.stringify({ name, version: VERSION, repository: { type: 'git', url: repo } }),
      );
      const tgz = path.join(work, `${name}.tgz`);
      spawnSync('tar', ['-czf', tgz, '-C', work, 'package']);
      return { tgz, sha: createHash('sha256').update(readFileSync(tgz)).digest('hex') };
    };
    const ours = make('kubeward', OURS);
    const { bin, log } = fakeNpm('unused', VERSION);
    const bad = install(bin, { KW_TARBALL: ours.tgz, KW_SHA256: '0'.repeat(64) });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/sha256 is [0-9a-f]{64}, expected 0{64}/);
    const ok = install(bin, { KW_TARBALL: ours.tgz, KW_SHA256: ours.sha, KW_VERSION: VERSION });
    expect(ok.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toMatch(/install --global .*kubeward\.tgz/);
    const theirs = make('kubeward-other', 'git+https://github.com/someone/else.git');
    const r = install(bin, { KW_TARBALL: theirs.tgz, KW_SHA256: theirs.sha });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not kubeward from github.com\/kubeward\/kubeward/);
  });

  test('verify passes the kubeconfig from the named variable (raw or base64) as a file, never printing it', () => {
    const fake = mkdtempSync(path.join(tmpdir(), 'fake-kw-'));
    const argsLog = path.join(fake, 'args.log');
    writeFileSync(
      path.join(fake, 'kubeward'),
      `#!/bin/bash\nprintf '%s\\n' "$@" > "${argsLog}"\nwhile [ $# -gt 0 ]; do if [ "$1" = --kubeconfig ]; then cp "$2" "${fake}/seen-kubeconfig"; fi; shift; done\nexit 3\n`,
      { mode: 0o755 },
    );
    const kubeconfig =
      'apiVersion: v1\nkind: Config\nclusters: []\nusers:\n- name: u\n  user: {token: very-private-value}\n';
    for (const content of [kubeconfig, Buffer.from(kubeconfig).toString('base64')]) {
      const r = spawnSync('bash', [path.join(ORB, 'scripts/verify.sh')], {
        cwd: mkdtempSync(path.join(tmpdir(), 'orb-verify-')),
        env: circleEnv(
          {
            KW_KUBECONFIG_ENV_VAR: 'KUBECONFIG_DATA',
            KUBECONFIG_DATA: content,
            KW_CONTEXT: 'prod staging',
            KW_NAMESPACE: 'shop',
            KW_MANIFESTS: 'deploy/',
            KW_POLICIES: 'policies/\nextra/vap.yaml',
            KW_TIMEOUT: '90s',
            KW_FAIL_ON: 'high',
          },
          fake,
        ),
        encoding: 'utf8',
      });
      expect(r.status).toBe(3);
      expect(r.stdout + r.stderr).not.toMatch(/very-private-value/);
      expect(readFileSync(path.join(fake, 'seen-kubeconfig'), 'utf8').trim()).toBe(kubeconfig.trim());
      const args = readFileSync(argsLog, 'utf8').trim().split('\n');
      expect(args.slice(0, 5)).toEqual(['verify', '--fail-on', 'high', '--timeout', '90s']);
      expect(args.join(' ')).toMatch(
        /--context prod --context staging --namespace shop --manifests deploy\/ --policies policies\/ --policies extra\/vap.yaml/,
      );
    }
  });

  test('comment without a token skips with a notice and exit 0', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'orb-comment-'));
    mkdirSync(path.join(work, 'kubeward-results'));
    const r = run('comment.sh', { KW_TOKEN_ENV_VAR: 'GITHUB_TOKEN' }, work);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GITHUB_TOKEN is not set: skipping/);
  });
});

describe('orb comment end to end against a fake GitHub API', () => {
  test('scan, then comment: the sticky comment is created, then updated on the next build', async () => {
    const { startFakeGitHub } = await import('../support/fake-github.ts');
    const gh = await startFakeGitHub({ owner: 'acme', repo: 'deploy' });
    try {
      const bin = kubewardShim();
      const work = mkdtempSync(path.join(tmpdir(), 'orb-e2e-'));
      cpSync(path.join(REPO, 'examples'), path.join(work, 'examples'), { recursive: true });
      const env = circleEnv(
        {
          KW_PATHS: 'examples/insecure',
          KW_FAIL_ON: 'high',
          KW_TOKEN_ENV_VAR: 'GH_PAT',
          GH_PAT: 'test-token-value',
          KW_GITHUB_API_URL: gh.url,
          CIRCLE_PULL_REQUEST: 'https://github.com/acme/deploy/pull/7',
        },
        bin,
      );
      const sh = (s: string) =>
        spawnSync('bash', [path.join(ORB, 'scripts', s)], { cwd: work, env, encoding: 'utf8', timeout: 60_000 });
      const runAsync = (s: string) =>
        new Promise<{ status: number | null; stdout: string }>((resolve) => {
          // the fake server lives in this process: run the script without blocking the event loop
          import('node:child_process').then(({ execFile }) =>
            execFile(
              'bash',
              [path.join(ORB, 'scripts', s)],
              { cwd: work, env, encoding: 'utf8', timeout: 60_000 },
              (err, stdout) => resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
            ),
          );
        });
      expect(sh('scan.sh').status).toBe(1);
      const first = await runAsync('comment.sh');
      expect(first).toEqual({ status: 0, stdout: expect.stringMatching(/created the comment on acme\/deploy#7/) });
      const second = await runAsync('comment.sh');
      expect(second.stdout).toMatch(/updated the comment/);
      expect(gh.writes()).toEqual([
        'POST /repos/acme/deploy/issues/7/comments',
        `PATCH /repos/acme/deploy/issues/comments/${gh.issueComments[0].id}`,
      ]);
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.issueComments[0].body).toMatch(/kubeward:sticky/);
      // Octokit's token scheme ("token"; "Bearer" for JWTs): both are GitHub's Authorization header
      expect(gh.requests.every((r) => /^(token|Bearer) test-token-value$/.test(String(r.headers.authorization)))).toBe(
        true,
      );
    } finally {
      await gh.close();
    }
  });
});
