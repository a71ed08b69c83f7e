/**
 * Entry point of the GitHub Action (bundled to dist/action/index.js). Prints its first line before
 * loading anything heavy, then runs; log.fail is called here and only here.
 */
import { VERSION } from '../core/version.ts';

process.stdout.write(`kubeward ${VERSION}\n`);
const { log } = await import('./log.ts');
try {
  const { run } = await import('./run.ts');
  const result = await run();
  if (result.failure) log.fail(result.failure);
} catch (e) {
  // the CLI exits 2 on an input, configuration or internal error: so does the exit-code output
  const core = await import('@actions/core');
  core.setOutput('passed', 'false');
  core.setOutput('exit-code', '2');
  const err = e as Error;
  if (err.name === 'InputError' || err.name === 'ConfigError') log.fail(`kubeward: ${err.message}`);
  else log.fail(`kubeward failed: ${err.stack ?? err.message}`);
}
