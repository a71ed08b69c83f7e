/**
 * Issue 10, section 3 (no crash on size), verify: ~10,000 insecure pods through the fake API give
 * ~170,000 findings; verify judged them all and wrote the JSON and SARIF reports (in pieces) without
 * a stack overflow. This is the size, not 10x: 100,000 live pods take minutes in the fake API
 * on a shared machine; time and memory targets belong in the benchmark (npm run bench -- verify).
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeKube, type Json } from '../support/fake-kube/index.ts';
import { makePki } from '../support/fake-kube/certs.ts';
import { runVerify } from '../../src/cli/verify.ts';

jest.setTimeout(300_000);

const PODS = 10_000;

function insecurePod(i: number): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: `ns-${i % 10}`, uid: `u-${i}`, resourceVersion: '1' },
    spec: {
      hostNetwork: true,
      hostPID: true,
      containers: [{ name: 'app', image: 'nginx:latest', securityContext: { privileged: true, runAsUser: 0 } }],
    },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }],
    },
  };
}

test(`verify of ${PODS.toLocaleString('en-US')} insecure pods: every finding reported, JSON and SARIF written`, async () => {
  const objects: Json[] = [];
  for (let n = 0; n < 10; n++) objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}` } });
  for (let i = 0; i < PODS; i++) objects.push(insecurePod(i));
  const fake = await FakeKube.start({ pki: makePki(), objects });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-verify-size-'));
  try {
    let stderr = '';
    const code = await runVerify(
      [
        '--kubeconfig',
        fake.kubeconfigPath,
        '--format',
        'json',
        '--output',
        path.join(dir, 'r.json'),
        '--format',
        'sarif',
        '--output',
        path.join(dir, 'r.sarif'),
      ],
      {
        stdout: () => undefined,
        stderr: (s: string) => void (stderr += s),
        env: { HOME: dir },
        cwd: dir,
        readStdin: async () => '',
        stdoutIsTTY: false,
      },
    );
    expect(stderr).not.toMatch(/internal error|Maximum call stack|Invalid string length/);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as {
      findings: { object?: { name: string } }[];
      notVerified: unknown[];
    };
    expect(report.notVerified).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(PODS * 15);
    // every pod was judged
    expect(new Set(report.findings.map((f) => f.object?.name)).size).toBeGreaterThanOrEqual(PODS);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'r.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0].results.length).toBe(report.findings.length);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
