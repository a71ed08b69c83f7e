// Global teardown of `npm run test:cluster`: stops the clusters the setup started (down.sh checks
// that no process is left) and removes the run's temp folder. Clusters passed in by hand through
// KUBEWARD_REAL_CLUSTERS are left running.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const tmp = require('./jest-tmp.cjs');

module.exports = async function teardown() {
  let failed = '';
  if (process.env.KUBEWARD_REAL_CLUSTERS && !process.env.KUBEWARD_REAL_REUSED) {
    const dirs = process.env.KUBEWARD_REAL_CLUSTERS.split(',')
      .map((p) => p.slice(p.indexOf('=') + 1))
      .filter(Boolean);
    const r = spawnSync(
      'bash',
      [path.join(path.dirname(require.resolve('./jest-cluster-teardown.cjs')), 'cluster/down.sh'), ...dirs],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) failed = `scripts/cluster/down.sh failed (exit ${r.status}): processes may be left`;
    delete process.env.KUBEWARD_REAL_CLUSTERS;
  }
  await tmp.teardown();
  if (failed) throw new Error(failed);
};
