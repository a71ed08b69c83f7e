/**
 * `config-ref: base`: the configuration is read at the pull request's base commit, which the pull
 * request does not control, through the GitHub contents API (else `git show <base>:<path>` in
 * the workspace). A configuration in the pull request's own tree is then never used.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { call, httpError, type GitHubClient } from '../pr/client.ts';

export interface BaseConfig {
  /** undefined: the base commit has no such file (the defaults apply, never the PR's copy). */
  text?: string;
  /** Repository-relative path. */
  file: string;
  sha: string;
  via: 'api' | 'git';
}

/** Thrown when the base configuration cannot be read at all: the run must not fall back to the PR's. */
export class BaseConfigError extends Error {
  override name = 'InputError';
}

const run = promisify(execFile);

export async function readBaseConfig(opts: {
  file: string;
  sha: string;
  owner: string;
  repo: string;
  workspace: string;
  client?: GitHubClient;
}): Promise<BaseConfig> {
  const file = opts.file.replace(/^\.\//, '');
  if (file.startsWith('/') || file.split('/').includes('..'))
    throw new BaseConfigError(
      `input config: with config-ref: base, give a path inside the repository, not ${opts.file}`,
    );
  const reasons: string[] = [];
  if (opts.client) {
    try {
      const data = await call<{ content?: unknown; encoding?: unknown; type?: unknown }>(
        opts.client,
        'GET /repos/{owner}/{repo}/contents/{path}',
        { owner: opts.owner, repo: opts.repo, path: file, ref: opts.sha },
      );
      if (data?.type !== 'file' || typeof data.content !== 'string')
        throw new BaseConfigError(`input config: ${file} at the base commit is not a file`);
      const text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
      return { text, file, sha: opts.sha, via: 'api' };
    } catch (e) {
      if (e instanceof BaseConfigError) throw e;
      if (httpError(e)?.status === 404) return { file, sha: opts.sha, via: 'api' };
      reasons.push(`GitHub API: ${httpError(e)?.status ?? (e as Error).name}`);
    }
  }
  try {
    const { stdout } = await run('git', ['show', `${opts.sha}:${file}`], {
      cwd: opts.workspace,
      maxBuffer: 4 * 1024 * 1024,
    });
    return { text: stdout, file, sha: opts.sha, via: 'git' };
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return { file, sha: opts.sha, via: 'git' };
    reasons.push(
      /unknown revision|bad object|invalid object/.test(stderr)
        ? 'git: the base commit is not in the checkout (fetch-depth: 0, or give github-token)'
        : `git: ${(e as { code?: unknown }).code ?? 'failed'}`,
    );
  }
  throw new BaseConfigError(
    `input config: cannot read ${file} at the base commit ${opts.sha.slice(0, 7)} (${reasons.join('; ')})`,
  );
}
