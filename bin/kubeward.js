#!/usr/bin/env node
// The installed command: runs the ncc bundle of src/cli/main.ts (built by `npm run build`).
import '../dist/cli/index.js';
