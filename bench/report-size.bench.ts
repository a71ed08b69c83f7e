/**
 * Issue 10 sizes that are too slow for a test on a shared machine: a JSON and a SARIF report of
 * 1.7 million findings written to a file in pieces, and `kubeward scan -f json -o` of one Pod with
 * 90,000 aliased containers (about 1.4 million findings). Prints time, report size and the peak RSS
 * of this process (`npm run bench -- report-size`); test/hostile/report-sizes.test.ts checks the
 * same paths at smaller sizes.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { countBySeverity, type Finding, type Report } from '../src/core/model.ts';
import { reportChunks } from '../src/core/report/stream.ts';
import { run } from '../src/cli/run.ts';

function bigReport(n: number): Report {
  const findings: Finding[] = new Array(n);
  for (let i = 0; i < n; i++) {
    findings[i] = {
      ruleId: 'privileged-container',
      severity: 'high',
      category: 'pod-security',
      title: 'Privileged container',
      message: `container "app-${i}" runs privileged: it has every capability of the node's root user`,
      path: `spec.containers[${i}].securityContext.privileged`,
      fingerprint: `f${i}`.padEnd(40, '0'),
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'bulk', name: 'everything' },
      location: { file: 'deploy/pods.yaml', line: i + 1, column: 7 },
    };
  }
  return {
    tool: { name: 'kubeward', version: '0.0.0' },
    findings,
    suppressed: [],
    counts: countBySeverity(findings),
    filesScanned: 1,
    objectsScanned: 1,
    skipped: [],
    errors: [],
    notVerified: [],
    failOn: 'high',
    durationMs: 1,
  };
}

const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

export default async function bench(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-bench-report-'));
  try {
    const report = bigReport(1_700_000);
    for (const format of ['json', 'sarif'] as const) {
      const file = path.join(dir, `report.${format}`);
      const t0 = performance.now();
      await writeFile(file, reportChunks(report, format));
      const ms = performance.now() - t0;
      console.log(
        `${format}, 1.7 million findings: ${(ms / 1000).toFixed(1)} s, ${mb(statSync(file).size)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
      );
      rmSync(file);
    }
    const containers = ['    - &c {name: app, image: "nginx:latest", securityContext: {privileged: true}}'];
    for (let i = 1; i < 90_000; i++) containers.push('    - *c');
    writeFileSync(
      path.join(dir, 'pods.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata: {name: bulk, namespace: shop}\nspec:\n  containers:\n${containers.join('\n')}\n`,
    );
    let stderr = '';
    const t0 = performance.now();
    const code = await run(['scan', 'pods.yaml', '-f', 'json', '-o', 'report.json', '--quiet'], {
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
      readStdin: async () => '',
      env: {},
      cwd: dir,
      stdoutIsTTY: false,
    });
    const ms = performance.now() - t0;
    console.log(
      `scan -f json -o, 90,000 aliased containers: exit ${code}${stderr ? ` (${stderr.trim().slice(0, 200)})` : ''}, ${(ms / 1000).toFixed(1)} s, ${mb(statSync(path.join(dir, 'report.json')).size)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
