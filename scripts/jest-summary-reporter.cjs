// Prints the closing line CI reads: "N passed, N failed, N skipped" (also to $TEST_SUMMARY_FILE when set,
// so .ci/run can print it last).
const fs = require('node:fs');
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\n${line}\n`);
    if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, line + '\n');
  }
}
module.exports = SummaryReporter;
