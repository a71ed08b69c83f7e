/**
 * `mkdir -p` for report files. Node's own `mkdir(dir, { recursive: true })` never returns for a
 * path under /proc whose parent does not exist (`-o /proc/nope/report.json` spun a CPU forever):
 * this walks up one level at a time, so it ends with the first error that is not "missing parent".
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
    await ensureDir(parent);
    try {
      await mkdir(dir);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST') throw e2;
    }
  }
}
