// `npm run oracle -- <name> [args]`: holds kubeward's scan-side verdicts against a real Kubernetes
// API server (scripts/cluster). Each oracle is scripts/oracle/<name>.ts exporting
// `run(args: string[]): Promise<number>` (the exit code); it prints its agreement table.
// With KUBEWARD_REAL_CLUSTERS=a=DIR set it uses that cluster, else it starts one
// (scripts/cluster/up.sh --control-plane-only) and stops it after. See docs/testing.md.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oracle');
const names = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .sort()
  : [];
const [name, ...args] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  process.stderr.write(
    `${name ? `unknown oracle "${name}". ` : ''}usage: npm run oracle -- <${names.join('|')}> [args]\n`,
  );
  process.exit(2);
}
const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as {
  run: (a: string[]) => Promise<number>;
};
process.exitCode = await mod.run(args);
