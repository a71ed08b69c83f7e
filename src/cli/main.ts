#!/usr/bin/env node
/** CLI entry point (compiled to lib/cli/main.js for the npm package's bin). */
import { processIO } from './io.ts';
import { run } from './run.ts';

// `kubeward scan . | head`: a closed pipe is not an error worth a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

void run(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
