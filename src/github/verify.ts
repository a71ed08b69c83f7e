/**
 * `mode: verify` of the action: inputs -> verify() -> SARIF, annotations, job summary, outputs.
 * Imported lazily by src/github/run.ts (the Kubernetes client is never loaded in scan mode);
 * returns `{ failure?: string }` and never calls core.setFailed (main.ts does, at the top).
 * Inline kubeconfig content is registered as a secret (masked) and never written to disk or logs.
 */
import { limitYoungGeneration } from '../core/heap.ts';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { log } from './log.ts';
import { SEVERITIES, type Report } from '../core/model.ts';
import { reportChunks } from '../core/report/stream.ts';
import { verifyOutcome } from '../core/outcome.ts';
import { parseDuration, verify, VerifyUsageError, type VerifyOptions } from '../core/verify.ts';
import { annotate } from './annotations.ts';
import { readContext } from './context.ts';
import { InputError, splitList, type ActionInputs } from './inputs.ts';
import { writeSummary } from './summary.ts';
import { plural } from '../core/report/util.ts';
import { ensureDir } from '../core/dirs.ts';

/** Kubeconfig input: inline content (YAML/JSON) or a path. */
export function kubeconfigSource(
  value: string | undefined,
  workspace: string,
): Pick<VerifyOptions, 'kubeconfig' | 'kubeconfigContent'> {
  if (!value) return {};
  const v = value.trim();
  if (
    v.includes('\n') ||
    /^(apiVersion|kind|clusters|contexts|users|current-context)\s*:/.test(v) ||
    v.startsWith('{')
  ) {
    return { kubeconfigContent: value };
  }
  const file = path.resolve(workspace, v);
  if (!existsSync(file)) throw new InputError(`input kubeconfig: file not found: ${v}`);
  return { kubeconfig: file };
}

/** Maps the action inputs to verify options (exported for tests). */
export function verifyOptionsFrom(inputs: ActionInputs, workspace: string, env: NodeJS.ProcessEnv): VerifyOptions {
  const v = inputs.verify;
  const contexts = splitList(v.context);
  const all = contexts.length === 1 && (contexts[0] === '*' || contexts[0] === 'all');
  let timeoutMs: number | undefined;
  if (v.timeout) {
    timeoutMs = parseDuration(v.timeout);
    if (timeoutMs === undefined)
      throw new InputError(`input timeout must be a duration like 90s, 5m or 1m30s, got "${v.timeout}"`);
  }
  const kubeconfig = kubeconfigSource(v.kubeconfig ?? env.KUBEWARD_KUBECONFIG, workspace);
  const manifests = splitList(v.manifests);
  const namespaces = splitList(v.namespace);
  return {
    env,
    cwd: workspace,
    ...kubeconfig,
    ...(all ? { allContexts: true } : contexts.length ? { contexts } : {}),
    ...(namespaces.length ? { namespaces } : {}),
    ...(manifests.length ? { manifests } : {}),
    ...(inputs.policies.length ? { policyPaths: inputs.policies } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(/^(true|yes|1)$/i.test(env.KUBEWARD_CHECK_SECRETS ?? '') ? { secrets: true } : {}),
    ...(inputs.failOn !== 'none' ? { failOn: inputs.failOn } : {}),
  };
}

/**
 * The configuration scan mode reads (the `config` input or .kubeward.yaml in the workspace; with
 * `config-ref: base` on a pull request, the file at the base commit) applied to verify: rule
 * settings and severities, exemptions, custom rules and `policies:` paths. Throws ConfigError.
 */
export async function withConfiguration(
  options: VerifyOptions,
  inputs: Pick<ActionInputs, 'config' | 'configRef' | 'githubToken'>,
  ctx: { workspace: string; owner: string; repo: string; baseSha?: string },
): Promise<VerifyOptions> {
  const { loadRunConfig } = await import('../core/scan.ts');
  const { registerRules } = await import('../core/rules/index.ts');
  let run;
  if (inputs.configRef === 'base' && ctx.baseSha) {
    const { readBaseConfig } = await import('./base-config.ts');
    const file = inputs.config ?? '.kubeward.yaml';
    const client = inputs.githubToken
      ? await (await import('./publish.ts')).githubClient(inputs.githubToken)
      : undefined;
    const base = await readBaseConfig({
      file,
      sha: ctx.baseSha,
      owner: ctx.owner,
      repo: ctx.repo,
      workspace: ctx.workspace,
      ...(client ? { client } : {}),
    });
    // an absent base file means the defaults, never the pull request's own copy
    run = await loadRunConfig({
      cwd: ctx.workspace,
      paths: [],
      configContent: { text: base.text ?? '{}\n', file: base.file, name: `${base.file}@${ctx.baseSha.slice(0, 7)}` },
    });
  } else {
    run = await loadRunConfig({
      cwd: ctx.workspace,
      paths: [],
      ...(inputs.config ? { configFile: inputs.config } : {}),
    });
  }
  registerRules(run.config.customRules);
  const policyPaths = [...run.config.policies, ...(options.policyPaths ?? [])];
  return { ...options, ...run.engine, rules: run.rules, ...(policyPaths.length ? { policyPaths } : {}) };
}

export async function runVerify(inputs: ActionInputs): Promise<{ failure?: string }> {
  limitYoungGeneration();
  const ctx = readContext();
  const kc = inputs.verify.kubeconfig ?? process.env.KUBEWARD_KUBECONFIG;
  if (kc && kc.includes('\n')) log.mask(kc);
  let options = verifyOptionsFrom(inputs, ctx.workspace, process.env);
  let report: Report;
  try {
    options = await withConfiguration(options, inputs, {
      workspace: ctx.workspace,
      owner: ctx.owner,
      repo: ctx.repo,
      ...(ctx.pullRequest?.baseSha ? { baseSha: ctx.pullRequest.baseSha } : {}),
    });
    report = await verify(options);
  } catch (e) {
    if ((e as Error).name === 'ConfigError') {
      core.setOutput('passed', 'false');
      core.setOutput('exit-code', '2');
      return { failure: `kubeward verify: configuration: ${(e as Error).message}` };
    }
    if (e instanceof VerifyUsageError) {
      // the CLI's usage error: exit 2
      core.setOutput('passed', 'false');
      core.setOutput('exit-code', '2');
      return { failure: `kubeward verify: ${e.message}` };
    }
    throw e;
  }
  const sarifPath = path.resolve(ctx.workspace, inputs.sarifFile);
  await ensureDir(path.dirname(sarifPath));
  // in pieces: the SARIF of millions of findings does not fit in one string
  await writeFile(sarifPath, reportChunks(report, 'sarif'));
  const notes: string[] = [];
  if (inputs.annotations) annotate(report.findings);
  for (const n of report.notVerified) {
    log.warning(`kubeward verify: not verified: ${n.check}: ${n.reason}`);
    notes.push(`Not verified: ${n.check}: ${n.reason}`);
  }
  const failOn = inputs.failOn === 'none' ? undefined : inputs.failOn;
  // fail-on none: findings never fail the step; a cluster that cannot be verified still does
  const outcome = verifyOutcome(report, { failOn: inputs.failOn });
  const code = outcome.exitCode;
  await writeSummary(report, ctx, notes, outcome);
  core.setOutput('findings', report.findings.length);
  for (const s of SEVERITIES) if (s !== 'info') core.setOutput(s, report.counts[s]);
  core.setOutput('sarif-file', sarifPath);
  core.setOutput('passed', String(code === 0));
  core.setOutput('verified', String(!report.notVerified.length));
  core.setOutput('exit-code', String(code));
  log.info(
    `kubeward verify: ${plural(report.findings.length, 'finding')} on ${plural(report.objectsScanned, 'live object')}, ${report.durationMs} ms`,
  );
  if (code === 3) {
    const cluster = report.notVerified.filter((n) => n.check === 'cluster');
    return {
      failure: cluster.length
        ? `kubeward verify: the cluster could not be verified: ${cluster.map((n) => n.reason).join('; ')}`
        : `kubeward verify: verification incomplete: ${plural(report.notVerified.length, 'check')} could not run (see the warnings)`,
    };
  }
  if (code === 1 && failOn) {
    const n = report.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(failOn)).length;
    return { failure: `kubeward verify: ${plural(n, 'finding')} at or above ${failOn}` };
  }
  return {};
}

/** The name the verify brief uses for this entry. */
export const runVerifyAction = runVerify;
