#!/usr/bin/env node
// The installed command: the CLI compiled by \`npm run build:lib\` (run by prepack), using the
// package's own dependencies (no second, bundled copy of them in the package).
import '../lib/cli/main.js';
