// Gives each test run its own TMPDIR (inherited by jest workers and the processes tests spawn,
// since os.tmpdir() reads it) and removes it afterwards, so test temp files never pile up.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports.setup = async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-tests-'));
  process.env.KUBEWARD_TEST_TMP = dir;
  process.env.TMPDIR = dir;
};

module.exports.teardown = async function teardown() {
  const dir = process.env.KUBEWARD_TEST_TMP;
  if (dir && path.basename(dir).startsWith('kubeward-tests-')) fs.rmSync(dir, { recursive: true, force: true });
};
