/**
 * `network-policy-missing` on 20,000 Deployments and 4,000 NetworkPolicies in one namespace
 * (issue 16: <= 1 s for that rule; it was quadratic, 9.9 s). Objects are generated and parsed
 * before the clock starts; the time is one evaluation of that rule alone (its inventory
 * included), median of several runs in this process.
 */
import { loadavg } from 'node:os';
import { evaluate } from '../src/core/engine.ts';
import { parseManifestText } from '../src/core/manifests/parse.ts';
import { networkPolicyMissing } from '../src/core/rules/network.ts';
import { blockYaml, generateObjects } from './generate.ts';
import { stat, median, verdict } from './scan-pairs.ts';

const RUNS = Number(process.env.KUBEWARD_BENCH_RUNS ?? 5);

export default async function bench(): Promise<void> {
  const data = generateObjects({
    deployments: 20_000,
    services: 0,
    networkPolicies: 4_000,
    pdbs: 0,
    hpas: 0,
    namespaces: 1,
  });
  const text = data.map((o) => blockYaml(o).slice(1)).join('---\n');
  const objects = parseManifestText(text, 'generated.yaml').objects;
  const ms: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = evaluate(objects, [], { rules: [networkPolicyMissing] });
    ms.push(performance.now() - t0);
    findings = r.findings.length;
  }
  console.log(
    `network-policy-missing, 20,000 Deployments x 4,000 NetworkPolicies in one namespace (${findings} findings, located): ${stat(ms, 0)} ms over ${RUNS} runs (target <= 1000 ms) ${verdict(median(ms), 1000)}; load average ${loadavg()[0].toFixed(1)}`,
  );
}
