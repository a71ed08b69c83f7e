/**
 * Policies benchmark (issue 12): the scan of ../shared/corpus with 50 ValidatingAdmissionPolicies
 * (+ bindings) given as `--policies`, against the same scan without them. The policies are
 * generated to look like a real guardrail set: image tags, labels on every resource (`*`),
 * ConfigMap sizes, Service types with messageExpression, resource limits through variables,
 * matchConditions and namespaceSelectors; Deny and Warn bindings. Each run is a fresh process; the
 * two are interleaved (base, policies, base ...) and the table shows per-pair ratios and the
 * median. Each run includes writing the JSON report as `kubeward scan -f json -o FILE` does (in
 * pieces, to a file). As in the other scan benches (bench/scan-pairs.ts), CPU time (user + system
 * of the process) is the ratio judged against the target, wall time is printed beside it: on a
 * shared machine wall time mostly measures the neighbours. Target: policies <= 1.5x base.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const RUNS = Number(process.env.KUBEWARD_BENCH_RUNS ?? 5);
const POLICIES = 50;

interface Sample {
  ms: number;
  /** CPU time (user + system) of the measured part, ms. */
  cpuMs: number;
  objects: number;
  findings: number;
  policyFindings: number;
}

const WORKLOADS = `['deployments', 'statefulsets', 'daemonsets', 'replicasets']`;

/** Policy i of the generated set (YAML text: the policy and its binding). */
export function generatedPolicy(i: number): string {
  const name = `bench-${String(i).padStart(2, '0')}`;
  const kind = i % 5;
  const rules =
    kind === 0 || kind === 4
      ? `      - apiGroups: ['apps']\n        apiVersions: ['v1']\n        operations: ['CREATE', 'UPDATE']\n        resources: ${WORKLOADS}`
      : kind === 1
        ? `      - apiGroups: ['*']\n        apiVersions: ['*']\n        operations: ['CREATE', 'UPDATE']\n        resources: ['*']`
        : kind === 2
          ? `      - apiGroups: ['']\n        apiVersions: ['v1']\n        operations: ['CREATE', 'UPDATE']\n        resources: ['configmaps']`
          : `      - apiGroups: ['']\n        apiVersions: ['v1']\n        operations: ['CREATE', 'UPDATE']\n        resources: ['services']`;
  const body = [
    `    - expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest') && c.image.size() > ${i})"\n      message: no latest tags (${name})`,
    `    - expression: "has(object.metadata.labels) && 'app.kubernetes.io/name-${i}' in object.metadata.labels"\n      messageExpression: "'${name}: ' + object.kind + ' ' + object.metadata.name + ' needs a name label'"`,
    `    - expression: "!has(object.data) || object.data.size() < ${20 + i}"\n      message: too many keys (${name})`,
    `    - expression: "!has(object.spec.type) || object.spec.type != 'NodePort' || ${i} > 100"\n      messageExpression: "'Service ' + object.metadata.name + ' is a NodePort (${name})'"`,
    `    - expression: "variables.containers.all(c, has(c.resources) && has(c.resources.limits) && has(c.resources.limits.memory))"\n      message: memory limits (${name})`,
  ][kind]!;
  const variables =
    kind === 4 ? `  variables:\n    - name: containers\n      expression: object.spec.template.spec.containers\n` : '';
  const conditions =
    i % 3 === 0
      ? `  matchConditions:\n    - name: not-system\n      expression: "!object.metadata.name.startsWith('system-${i}')"\n`
      : '';
  const nsSelector =
    i % 4 === 0
      ? `    namespaceSelector:\n      matchExpressions:\n        - { key: kubeward.io/exempt-${i}, operator: DoesNotExist }\n`
      : '';
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
  failurePolicy: ${i % 2 ? 'Ignore' : 'Fail'}
  matchConstraints:
    resourceRules:
${rules}
${nsSelector}${conditions}${variables}  validations:
${body}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${name}
spec:
  policyName: ${name}
  validationActions: [${i % 4 === 1 ? 'Warn' : 'Deny'}]
`;
}

async function child(mode: string, dir: string): Promise<void> {
  const { scan } = await import('../src/core/scan.ts');
  const { reportChunks } = await import('../src/core/report/stream.ts');
  const { writeFile } = await import('node:fs/promises');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = await scan({
    paths: [CORPUS],
    cwd: CORPUS,
    exclude: ['_unparseable/**'],
    ...(mode === 'policies' ? { policyPaths: [dir] } : {}),
  });
  // as `kubeward scan -f json -o FILE` writes it
  await writeFile('/dev/null', reportChunks(report, 'json'));
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  const policyFindings = report.findings.filter((f) =>
    ['admission-policy', 'policy-invalid', 'policy-not-evaluated'].includes(f.ruleId),
  ).length;
  process.stdout.write(
    JSON.stringify({ ms, cpuMs, objects: report.objectsScanned, findings: report.findings.length, policyFindings }),
  );
}

function once(mode: string, dir: string): Sample {
  return JSON.parse(
    execFileSync(process.execPath, [import.meta.filename, '--child', mode, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as Sample;
}

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
};
const stat = (xs: number[]) =>
  `${median(xs).toFixed(2)} (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;

export default async function bench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} not found (the corpus ships with ../shared, not with the repo)`);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeward-bench-policies-'));
  try {
    for (let i = 0; i < POLICIES; i++) writeFileSync(path.join(dir, `p${i}.yaml`), generatedPolicy(i));
    const pairs: { base: Sample; pol: Sample }[] = [];
    const load0 = os.loadavg()[0];
    for (let i = 0; i < RUNS; i++) pairs.push({ base: once('base', dir), pol: once('policies', dir) });
    const p0 = pairs[0]!;
    console.log(
      `corpus: ${p0.base.objects} objects; ${POLICIES} policies + bindings; findings ${p0.base.findings} without, ${p0.pol.findings} with (${p0.pol.policyFindings} from policies); ${RUNS} interleaved pairs, fresh processes; load average ${load0.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`,
    );
    const b = pairs.map((p) => p.base.cpuMs / 1000);
    const s = pairs.map((p) => p.pol.cpuMs / 1000);
    const r = pairs.map((p) => p.pol.cpuMs / p.base.cpuMs);
    const w = pairs.map((p) => p.pol.ms / p.base.ms);
    console.log('| | scan CPU s | scan --policies CPU s | CPU ratio | wall s (scan / --policies) | wall ratio |');
    console.log('|---|---|---|---|---|---|');
    pairs.forEach((p, i) =>
      console.log(
        `| pair ${i + 1} | ${b[i]!.toFixed(2)} | ${s[i]!.toFixed(2)} | ${r[i]!.toFixed(2)}x | ${(p.base.ms / 1000).toFixed(2)} / ${(p.pol.ms / 1000).toFixed(2)} | ${w[i]!.toFixed(2)}x |`,
      ),
    );
    console.log(`| median (min, max) | ${stat(b)} | ${stat(s)} | ${stat(r)}x | | ${stat(w)}x |`);
    const ratio = median(r);
    console.log(
      `policies / base, CPU time: ${ratio.toFixed(2)}x (target <= 1.5x) ${ratio <= 1.5 ? 'OK' : 'OVER'}; wall time: ${median(w).toFixed(2)}x`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
