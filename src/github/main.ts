/**
 * Entry point of the GitHub Action (bundled to dist/action/index.js). Prints its first line before
 * loading anything heavy, then runs; core.setFailed is called here and only here.
 */
import { VERSION } from '../core/version.ts';

process.stdout.write(`kubeward ${VERSION}\n`);
const core = await import('@actions/core');
try {
  const { run } = await import('./run.ts');
  const result = await run();
  if (result.failure) core.setFailed(result.failure);
} catch (e) {
  const err = e as Error;
  if (err.name === 'InputError' || err.name === 'ConfigError') core.setFailed(`kubeward: ${err.message}`);
  else core.setFailed(`kubeward failed: ${err.stack ?? err.message}`);
}
