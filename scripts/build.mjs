// Bundles the action with @vercel/ncc into dist/action (committed), and packs the orb.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

// The action runs from its committed bundle. The CLI is not bundled: the npm package's bin runs
// lib/ (tsc, `npm run build:lib`) with the package's dependencies.
const targets = [{ entry: 'src/github/main.ts', out: 'dist/action' }];
for (const t of targets) {
  if (!existsSync(t.entry)) continue;
  rmSync(t.out, { recursive: true, force: true });
  execFileSync('npx', ['ncc', 'build', t.entry, '-o', t.out, '--license', 'licenses.txt', '-q', '--target', 'es2023'], {
    stdio: 'inherit',
  });
}
if (existsSync('scripts/pack-orb.ts')) {
  execFileSync(process.execPath, ['scripts/pack-orb.ts'], { stdio: 'inherit' });
}
