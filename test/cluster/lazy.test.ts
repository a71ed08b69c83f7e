/** `scan` and the library entry never load @kubernetes/client-node; `verify` loads it on first use. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function loadsKubeClient(body: string): boolean {
  const script = `
    import { registerHooks } from 'node:module';
    let loaded = false;
    registerHooks({
      resolve(specifier, context, next) {
        if (specifier.startsWith('@kubernetes/client-node')) loaded = true;
        return next(specifier, context);
      },
    });
    ${body}
    process.stdout.write(loaded ? 'LOADED' : 'NOT-LOADED');
  `;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.endsWith('LOADED') && !r.stdout.endsWith('NOT-LOADED');
}

test('scan through the library entry does not load the Kubernetes client', () => {
  const file = path.join(ROOT, 'test/fixtures/cluster/manifests/web.yaml');
  expect(
    loadsKubeClient(`
      const lib = await import('./src/index.ts');
      const report = await lib.scan({ paths: [${JSON.stringify(file)}] });
      if (!report.objectsScanned) throw new Error('nothing scanned');
    `),
  ).toBe(false);
});

test('the cluster client is loaded when verify connects', () => {
  expect(
    loadsKubeClient(`
      const { loadKube } = await import('./src/core/cluster/client.ts');
      await loadKube();
    `),
  ).toBe(true);
});
