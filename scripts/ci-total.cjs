// Adds up the "N passed, N failed, N skipped" lines that each jest run of .ci/run wrote into the
// folder given as argv[2], and prints the total as the closing line CI reads.
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
let runs = 0;
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
  const line = fs.readFileSync(path.join(dir, f), 'utf8').trim();
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(line);
  if (!m) continue;
  runs++;
  console.log(`${f}: ${line}`);
  passed += Number(m[1]);
  failed += Number(m[2]);
  skipped += Number(m[3] ?? 0);
}
if (runs === 0) failed = Math.max(failed, 1); // no test ran: never report a clean pass
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
