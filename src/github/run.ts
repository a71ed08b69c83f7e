/**
 * The action, start to finish: inputs -> scan -> SARIF, annotations, PR comments, job summary,
 * outputs. Returns the failure message (if any) for main.ts; never calls core.setFailed itself.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { log } from './log.ts';
import { countBySeverity, SEVERITIES, type Report, type Severity } from '../core/model.ts';
import { scanOutcome, type Outcome } from '../core/outcome.ts';
import type { FileDiff } from '../pr/diff.ts';
import { isPermissionError, httpError, type GitHubClient } from '../pr/client.ts';
import { annotate, annotateInputErrors, ANNOTATION_LIMIT } from './annotations.ts';
import { readContext, type RunContext } from './context.ts';
import { InputError, readInputs, type ActionInputs } from './inputs.ts';
import { applyBaseline, onlyNew, parseBaseline } from '../core/selection.ts';
import { VERSION } from '../core/version.ts';
import { writeSummary } from './summary.ts';
import { md, type Markdown } from '../pr/escape.ts';
import { plural } from '../core/report/util.ts';
import { ensureDir } from '../core/dirs.ts';

export interface RunResult {
  failure?: string;
}

const PERMISSIONS_HINT =
  'Give the workflow `permissions: pull-requests: write` (and `contents: read`) to get PR comments; ' +
  'pull requests from forks get a read-only token on `pull_request` events.';

/** A note for the summary and comment: kubeward's own text (code spans kept) around escaped values. */
function note(text: string): Markdown {
  return { markdown: text };
}

export async function run(): Promise<RunResult> {
  const inputs = readInputs();
  log.info(`kubeward: ${inputs.mode} ${inputs.paths.join(', ')}`);
  if (inputs.mode === 'verify') {
    const { runVerify } = await import('./verify.ts');
    return runVerify(inputs);
  }
  return runScan(inputs, readContext());
}

async function runScan(inputs: ActionInputs, ctx: RunContext): Promise<RunResult> {
  const { scan } = await import('../core/scan.ts');
  const sarifPath = path.resolve(ctx.workspace, inputs.sarifFile);
  let report: Report;
  let configFailed = false;
  // The client, created once, when the token allows (base config, PR comments).
  let clientPromise: Promise<GitHubClient> | undefined;
  const getClient = async () => {
    const { githubClient } = await import('./publish.ts');
    return (clientPromise ??= githubClient(inputs.githubToken));
  };
  const policy = await basePolicy(inputs, ctx, inputs.githubToken ? getClient : undefined);
  try {
    report = await scan({
      paths: inputs.paths,
      cwd: ctx.workspace,
      ...(inputs.failOn !== 'none' ? { failOn: inputs.failOn } : {}),
      ...(policy.content
        ? { configContent: policy.content }
        : inputs.config && inputs.configRef === 'head'
          ? { configFile: inputs.config }
          : {}),
      ...(inputs.profile ? { profile: inputs.profile } : {}),
      ...(inputs.sources ? { sources: inputs.sources } : {}),
      ...(inputs.policies.length ? { policyPaths: inputs.policies } : {}),
    });
  } catch (e) {
    // a configuration error stops the scan: it is reported like any input error (annotation,
    // summary, PR comment, failed step), over an empty report (SARIF still written for upload)
    if ((e as Error).name !== 'ConfigError') throw e;
    report = configErrorReport(inputs, e as ConfigErrorLike);
    configFailed = true;
  }
  if (inputs.failOn === 'none') report = { ...report, failOn: 'none' as Severity };
  const notes: (string | Markdown)[] = [];
  const pr = ctx.pullRequest;
  if (policy.note) {
    log.info(`kubeward: ${policy.note}`);
    notes.push(policy.note);
  }

  // A baseline (`kubeward baseline create`): known findings are hidden, as `--baseline` does.
  if (inputs.baseline) {
    const file = path.resolve(ctx.workspace, inputs.baseline);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new InputError(
        `input baseline: cannot read ${inputs.baseline} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); create it with 'kubeward baseline create -o ${inputs.baseline}'`,
      );
    }
    try {
      report = applyBaseline(report, parseBaseline(text, inputs.baseline));
    } catch (e) {
      throw new InputError(`input baseline: ${(e as Error).message}`);
    }
  }

  // The PR client, when there is a PR and something to do with it.
  const wantsPr = inputs.comment !== 'off' || inputs.onlyNew;
  let client: GitHubClient | undefined;
  let files: { filename: string; patch?: string; status?: string }[] | undefined;
  let diffs: Map<string, FileDiff> | undefined;
  if (pr && wantsPr && inputs.githubToken) {
    const { retryOptions } = await import('./publish.ts');
    client = await getClient();
    const target = { client, owner: ctx.owner, repo: ctx.repo, pullNumber: pr.number, headSha: pr.headSha };
    if (inputs.onlyNew) {
      try {
        const pr_ = await import('../pr/index.ts');
        files = await pr_.fetchPullFiles({ ...target, retry: retryOptions() });
        diffs = pr_.diffsOf(files);
        const before = report.findings.length;
        report = onlyNew(report, (f) => pr_.findingsOnChangedLines([f], diffs!).length === 1);
        notes.push(`only-new: ${report.findings.length} of ${before} findings are on lines this pull request changes.`);
      } catch (e) {
        const msg = `only-new: could not read the pull request's files (${describe(e)}); reporting every finding.`;
        log.notice(msg);
        notes.push(msg);
      }
    }
  } else if (inputs.onlyNew) {
    const msg = pr
      ? 'only-new needs github-token to read the pull request: reporting every finding.'
      : 'only-new applies to pull requests only: reporting every finding.';
    log.notice(msg);
    notes.push(msg);
  }

  // The verdict, decided by the core exactly as the CLI decides its exit code: input errors or
  // no Kubernetes object at all (unless allow-empty) fail the step whatever the findings.
  // (after a configuration error nothing was read: "no objects found" would be untrue; the
  // configuration's own errors fail the step)
  const outcome = scanOutcome(report, {
    allowEmpty: inputs.allowEmpty || configFailed,
    failOn: inputs.failOn,
    paths: inputs.paths,
  });
  const problems = outcome.problems.map((p) =>
    p.code === 'no-objects' ? `${p.message}; set allow-empty: true to accept an empty scan` : p.message,
  );
  notes.unshift(...problems.map((p) => `❌ ${p}`));

  // SARIF: always written, also when there is nothing to report.
  await writeSarif(sarifPath, report);

  if (inputs.annotations) {
    const warned = annotateInputErrors(report.errors);
    const a = annotate(report.findings, { warning: warned });
    if (a.notShown > 0) {
      notes.push(
        `${plural(a.notShown, 'more finding')} ${a.notShown === 1 ? 'has' : 'have'} no annotation: GitHub shows at most ${ANNOTATION_LIMIT} errors, ${ANNOTATION_LIMIT} warnings and ${ANNOTATION_LIMIT} notices per step. The SARIF file has all of them; the table below lists them, or says how many it leaves out.`,
      );
    }
  } else {
    for (const e of report.errors) log.info(`input error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }

  // PR comments.
  if (pr && inputs.comment !== 'off') {
    if (!inputs.githubToken) {
      notes.push('No github-token: PR comments skipped.');
    } else if (pr.fromFork && ctx.eventName === 'pull_request') {
      const msg = `kubeward: this pull request comes from a fork, whose token is read-only: findings are reported as annotations and in the job summary only.`;
      log.notice(msg);
      notes.push(msg);
    } else if (client) {
      await publishToPr(inputs, ctx, report, client, files, notes, outcome);
    }
  }

  await writeSummary(report, ctx, notes, outcome);

  const failOn = inputs.failOn;
  core.setOutput('findings', report.findings.length);
  for (const s of SEVERITIES) if (s !== 'info') core.setOutput(s, report.counts[s]);
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('passed', String(outcome.passed));
  core.setOutput('exit-code', String(outcome.exitCode));

  const total = report.findings.length;
  log.info(`kubeward: ${plural(total, 'finding')} in ${plural(report.filesScanned, 'file')}, ${report.durationMs} ms`);
  if (outcome.exitCode === 2) return { failure: `kubeward: the scan is incomplete: ${problems.join('; ')}` };
  if (outcome.exitCode === 1)
    return { failure: `kubeward: ${plural(outcome.failing, 'finding')} at or above ${failOn}` };
  return {};
}

async function writeSarif(file: string, report: Report): Promise<void> {
  const { reportChunks } = await import('../core/report/stream.ts');
  await ensureDir(path.dirname(file));
  // in pieces: the SARIF of millions of findings does not fit in one string
  await writeFile(file, reportChunks(report, 'sarif'));
}

/**
 * `config-ref: base`: the configuration at the pull request's base commit, which the pull request
 * cannot change; its absence means the defaults, never the pull request's own copy.
 */
async function basePolicy(
  inputs: ActionInputs,
  ctx: RunContext,
  getClient: (() => Promise<GitHubClient>) | undefined,
): Promise<{ content?: { text: string; file: string; name: string }; note?: string }> {
  if (inputs.configRef !== 'base') return {};
  const file = inputs.config ?? '.kubeward.yaml';
  const sha = ctx.pullRequest?.baseSha;
  if (!sha) {
    // not a pull request (a push to the branch itself): the checked-out tree is the base
    if (inputs.config) return { note: `Configuration: ${file} (config-ref: base; this run is not a pull request).` };
    return {};
  }
  const { readBaseConfig } = await import('./base-config.ts');
  const base = await readBaseConfig({
    file,
    sha,
    owner: ctx.owner,
    repo: ctx.repo,
    workspace: ctx.workspace,
    ...(getClient ? { client: await getClient() } : {}),
  });
  const name = `${base.file}@${sha.slice(0, 7)}`;
  const short = sha.slice(0, 7);
  // the PR's tree cannot add a configuration either: an absent base file means the defaults
  const text = base.text ?? '{}\n';
  let locked = false;
  try {
    const { parseConfig } = await import('../core/config.ts');
    locked = parseConfig(text, name).policy?.locked === true;
  } catch {
    // reported by the scan with the file's positions
  }
  const note =
    base.text === undefined
      ? `Configuration: none at the base commit ${short} (config-ref: base): kubeward's defaults apply; the pull request's own configuration is not used.`
      : `Configuration: ${base.file} at the base commit ${short}${locked ? ' (locked policy)' : ''} (config-ref: base); the pull request's own configuration is not used.`;
  return { content: { text, file: base.file, name }, note };
}

interface ConfigErrorLike extends Error {
  problems?: { file: string; line: number; column: number; message: string }[];
}

/** A configuration that cannot be used: an empty report whose input errors say where and why. */
function configErrorReport(inputs: ActionInputs, e: ConfigErrorLike): Report {
  const problems = e.problems?.length
    ? e.problems
    : [{ file: inputs.config ?? '', line: 0, column: 0, message: e.message }];
  return {
    ...emptyReport(inputs),
    errors: problems.map((p) => ({
      file: p.file,
      ...(p.line > 0 ? { line: p.line, column: p.column } : {}),
      message: `configuration: ${p.message}`,
    })),
  };
}

function emptyReport(inputs: ActionInputs): Report {
  return {
    tool: { name: 'kubeward', version: VERSION },
    findings: [],
    suppressed: [],
    counts: countBySeverity([]),
    filesScanned: 0,
    objectsScanned: 0,
    skipped: [],
    errors: [],
    notVerified: [],
    failOn: (inputs.failOn === 'none' ? 'none' : inputs.failOn) as Severity,
    durationMs: 0,
  };
}

function describe(e: unknown): string {
  const info = httpError(e);
  return info ? `HTTP ${info.status}: ${info.message}` : (e as Error).message;
}

async function publishToPr(
  inputs: ActionInputs,
  ctx: RunContext,
  report: Report,
  client: GitHubClient,
  files: { filename: string; patch?: string; status?: string }[] | undefined,
  notes: (string | Markdown)[],
  outcome: Outcome,
): Promise<void> {
  const pr = ctx.pullRequest!;
  const { retryOptions } = await import('./publish.ts');
  const { publishStickyComment, publishReview } = await import('../pr/index.ts');
  const target = {
    client,
    owner: ctx.owner,
    repo: ctx.repo,
    pullNumber: pr.number,
    headSha: pr.headSha,
    serverUrl: ctx.serverUrl,
    retry: retryOptions(),
  };
  const fallback = (what: string, e: unknown) => {
    const msg = `kubeward could not post the ${what} (${describe(e)}): findings are reported as annotations and in the job summary only.`;
    log.notice(`${msg} ${PERMISSIONS_HINT}`);
    notes.push(md`${msg} ${note(PERMISSIONS_HINT)}`);
  };
  // the review and the sticky comment both need the PR's files: read once
  if (!files && inputs.comment === 'both' && report.findings.length) {
    const { fetchPullFiles } = await import('../pr/index.ts');
    files = await fetchPullFiles(target).catch(() => undefined);
  }
  let denied = false;
  if (inputs.comment === 'review' || inputs.comment === 'both') {
    try {
      const r = await publishReview({
        ...target,
        report,
        suggestions: inputs.suggestions,
        ...(files ? { files } : {}),
        readFile: async (p) => {
          const full = path.resolve(ctx.workspace, p);
          if (!full.startsWith(path.resolve(ctx.workspace) + path.sep)) return undefined;
          return readFile(full, 'utf8');
        },
        log: (m) => log.info(m),
      });
      log.info(
        `kubeward: review with ${plural(r.posted, 'comment')} (${plural(r.suggestions, 'suggestion')}); ${r.alreadyCommented} already commented, ${r.outsideDiff} outside the diff`,
      );
      if (r.rejected) {
        const msg = `GitHub refused ${plural(r.rejected.count, 'review comment')}: ${r.rejected.message}`;
        log.warning(msg);
        notes.push(msg);
      }
    } catch (e) {
      if (isPermissionError(e) || httpError(e)?.status === 404) {
        denied = true;
        fallback('review', e);
      } else {
        log.warning(`kubeward: the review failed: ${describe(e)}`);
      }
    }
  }
  if (!denied && (inputs.comment === 'sticky' || inputs.comment === 'both')) {
    try {
      const r = await publishStickyComment({
        ...target,
        report,
        outcome,
        // why the run failed without findings must show where reviewers look
        notes: notes.filter((n) => typeof n === 'string' && n.startsWith('❌')),
        ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
        ...(files ? { changedFiles: files.map((f) => f.filename) } : {}),
      });
      log.info(`kubeward: ${r.action} the PR comment ${r.url ?? r.id}`);
    } catch (e) {
      if (isPermissionError(e) || httpError(e)?.status === 404) fallback('PR comment', e);
      else log.warning(`kubeward: the PR comment failed: ${describe(e)}`);
    }
  }
}
