/**
 * Runs a fake API server in its own process (benchmarks keep its CPU and memory out of the
 * measured process). Prints one JSON line {url, kubeconfig, manifests} and serves until stdin ends.
 *   node test/support/fake-kube/serve.ts --deployments 2000 --pods 5 --namespaces 20 --latency 20
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FakeKube } from './index.ts';
import { generateCluster } from './generate.ts';

const { values } = parseArgs({
  options: {
    deployments: { type: 'string', default: '2000' },
    pods: { type: 'string', default: '5' },
    namespaces: { type: 'string', default: '20' },
    latency: { type: 'string', default: '0' },
  },
});
const gen = generateCluster({
  deployments: Number(values.deployments),
  podsPerDeployment: Number(values.pods),
  namespaces: Number(values.namespaces),
});
const fake = await FakeKube.start({ objects: gen.objects, latencyMs: Number(values.latency) });
const manifests = path.join(fake.pki.dir, 'deployments.yaml');
writeFileSync(manifests, gen.manifests);
process.stdout.write(JSON.stringify({ url: fake.url, kubeconfig: fake.kubeconfigPath, manifests }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
