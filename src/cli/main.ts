#!/usr/bin/env node
/** CLI entry point (bundled by ncc to dist/cli/index.js). */
import { processIO } from './io.ts';
import { run } from './run.ts';

void run(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
