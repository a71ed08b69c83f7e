// Global setup of `npm run test:cluster` (jest.cluster.config.js): builds the real components
// (scripts/cluster/build.sh, cached in ~/.cache/kubeward) and starts two clusters with
// scripts/cluster/up.sh: `a` (full: scheduler and kwok nodes) and `b` (control plane only), in
// parallel. The test workers find them through KUBEWARD_REAL_CLUSTERS=a=DIR,b=DIR
// (test/support/real-cluster.ts). Without Go (and without prebuilt binaries) it sets
// KUBEWARD_REAL_SKIP and the suites skip, saying why. KUBEWARD_REAL_CLUSTERS set beforehand
// reuses clusters started by hand (they are left running).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const tmp = require('./jest-tmp.cjs');

const ROOT = path.resolve(require.resolve('./jest-cluster-setup.cjs'), '../..');
const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'];
const CLUSTERS = [
  { key: 'a', args: [] },
  { key: 'b', args: ['--control-plane-only'] },
];

function binDir() {
  return (
    process.env.KUBEWARD_BIN ||
    path.join(process.env.KUBEWARD_CACHE || path.join(os.homedir(), '.cache', 'kubeward'), 'bin')
  );
}

function hasGo() {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

function upCluster(key, args) {
  const dir = path.join(os.tmpdir(), `cluster-${key}`);
  return new Promise((resolve, reject) => {
    const p = spawn(
      'bash',
      [
        path.join(ROOT, 'scripts/cluster/up.sh'),
        '--name',
        `kubeward-${key}`,
        '--dir',
        dir,
        '--watch-pid',
        String(process.pid),
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code === 0) resolve(out.trim().split('\n').pop());
      else reject(new Error(`scripts/cluster/up.sh for cluster ${key} failed (exit ${code}); its output is above`));
    });
  });
}

module.exports = async function setup() {
  await tmp.setup();
  if (process.env.KUBEWARD_REAL_CLUSTERS) {
    process.env.KUBEWARD_REAL_REUSED = '1';
    return;
  }
  const bin = binDir();
  const prebuilt = COMPONENTS.every((c) => fs.existsSync(path.join(bin, c)));
  if (hasGo()) {
    const t0 = Date.now();
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/cluster/build.sh'), ...COMPONENTS], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`scripts/cluster/build.sh failed (exit ${r.status}); its log is above`);
    process.stderr.write(`[test:cluster] components ready in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  } else if (!prebuilt) {
    process.env.KUBEWARD_REAL_SKIP =
      'Go is not installed, so the real control plane (scripts/cluster/build.sh) cannot be built here';
    process.stderr.write(`[test:cluster] ${process.env.KUBEWARD_REAL_SKIP}: every real-cluster suite is skipped\n`);
    return;
  }
  const t0 = Date.now();
  const started = await Promise.allSettled(CLUSTERS.map((c) => upCluster(c.key, c.args)));
  const dirs = [];
  started.forEach((r, i) => r.status === 'fulfilled' && dirs.push(`${CLUSTERS[i].key}=${r.value}`));
  process.env.KUBEWARD_REAL_CLUSTERS = dirs.join(',');
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await require('./jest-cluster-teardown.cjs')();
    throw failed.reason;
  }
  process.stderr.write(`[test:cluster] clusters up in ${Math.round((Date.now() - t0) / 1000)} s: ${dirs.join(', ')}\n`);
};
