/**
 * Runs the GitHub Action entry as the runner does (Node 24, INPUT_* with hyphens kept, an event
 * payload, GITHUB_STEP_SUMMARY / GITHUB_OUTPUT files) against a workspace and, optionally, the fake
 * GitHub API. By default the entry is the source (src/github/main.ts under Node's type
 * stripping), so tests judge the code of this commit, not the last bundle; KUBEWARD_ACTION_ENTRY
 * (e.g. dist/action/index.js) runs another entry.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { FakeGitHub } from './fake-github.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const ACTION_ENTRY = path.resolve(ROOT, process.env.KUBEWARD_ACTION_ENTRY ?? 'src/github/main.ts');
const FIXTURES = path.join(ROOT, 'test/fixtures/github');
export const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567';
export const BASE_SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const ACTION_YML = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};

export interface ActionRun {
  code: number | null;
  /** stdout and stderr, interleaved: the runner log. */
  log: string;
  summary: string;
  outputs: Record<string, string>;
  workspace: string;
  /** Whether the process ended by the test's timeout. */
  killed: boolean;
}

export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[3];
  return out;
}

export interface ActionRunOptions {
  /** Event payload file under test/fixtures/github, or an absolute path. */
  event?: string;
  eventName?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Kill the action after this many ms (default 60 s). */
  timeoutMs?: number;
  /** Pass no github-token. */
  noToken?: boolean;
}

const temps: string[] = [];
/** Removes the temporary directories of every run so far (call in afterAll). */
export function cleanupActionRuns(): void {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
}

/** Runs the action with `inputs` (every action.yml default is passed too, as the runner does). */
export async function runActionEntry(
  workspace: string,
  fake: FakeGitHub | undefined,
  inputs: Record<string, string>,
  opts: ActionRunOptions = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-action-'));
  temps.push(dir);
  const summary = path.join(dir, 'summary.md');
  const output = path.join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('INPUT_') && !k.startsWith('GITHUB_') && !k.startsWith('KUBEWARD_') && k !== 'NODE_OPTIONS')
      env[k] = v;
  const event = opts.event ?? 'event-pull-request.json';
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: path.isAbsolute(event) ? event : path.join(FIXTURES, event),
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_REPOSITORY: 'acme/deploy',
    GITHUB_SHA: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_API_URL: fake?.url ?? 'http://127.0.0.1:9',
    KUBEWARD_RETRY_MAX_WAIT_MS: '2000',
    NO_COLOR: '1',
    ...opts.env,
  });
  const defaults: Record<string, string> = {};
  for (const [k, v] of Object.entries(ACTION_YML.inputs)) defaults[k] = v.default ?? '';
  defaults['github-token'] = opts.noToken ? '' : 'ghs_' + 'test'.repeat(9);
  for (const [k, v] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;

  const child = spawn(process.execPath, [ACTION_ENTRY], { cwd: workspace, env });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return {
    code,
    log,
    summary: readFileSync(summary, 'utf8'),
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    workspace,
    killed,
  };
}

/** A fresh temporary workspace with `files` (relative path -> content). */
export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-ws-'));
  temps.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}
