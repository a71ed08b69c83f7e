/** Finds manifest files from paths, directories, globs and stdin, and parses them. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Inventory, LoadOptions } from './types.ts';
import { parseManifestText } from './parse.ts';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const DEFAULT_MAX = 64 * 1024 * 1024;
export const STDIN_FILE = '<stdin>';

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

export async function loadManifests(opts: LoadOptions): Promise<Inventory> {
  const cwd = opts.cwd ?? process.cwd();
  const inv: Inventory = { objects: [], files: [], skipped: [], problems: [], errors: [] };
  const include = opts.include?.length ? picomatch(opts.include, { dot: true }) : undefined;
  const exclude = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : undefined;
  const rel = (f: string) => path.relative(cwd, f).split(path.sep).join('/');
  const wanted = (f: string) => {
    const r = rel(f);
    return (!include || include(r)) && !(exclude && exclude(r));
  };
  const files: string[] = [];
  const seen = new Set<string>();
  const addFile = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };

  async function walk(dir: string, depth: number): Promise<void> {
    if (depth > 64) {
      inv.errors.push({ file: rel(dir), message: 'directory nesting too deep (symlink loop?)' });
      return;
    }
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      inv.errors.push({ file: rel(dir), message: `cannot read directory: ${(e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (ent.name === 'node_modules' || ent.name === '.git') continue;
        await walk(full, depth + 1);
      } else if (EXTENSIONS.has(path.extname(ent.name).toLowerCase()) && wanted(full)) {
        addFile(full);
      }
    }
  }

  for (const p of opts.paths) {
    if (p === '-') {
      const text = await (opts.readStdin ?? readAllStdin)();
      inv.files.push(STDIN_FILE);
      const parsed = parseManifestText(text, STDIN_FILE);
      inv.objects.push(...parsed.objects);
      inv.skipped.push(...parsed.skipped);
      inv.problems.push(...parsed.problems);
      continue;
    }
    const full = path.resolve(cwd, p);
    if (isGlob(p)) {
      const m = picomatch(p.split(path.sep).join('/'), { dot: false });
      const base = path.resolve(cwd, picomatch.scan(p).base || '.');
      const before = files.length;
      const all: string[] = [];
      const saved = files.splice(0);
      await walk(base, 0);
      all.push(...files.splice(0));
      files.push(...saved);
      for (const f of all) if (m(rel(f))) addFile(f);
      if (files.length === before) inv.errors.push({ file: p, message: 'no files match this pattern' });
      continue;
    }
    let st;
    try {
      st = await stat(full);
    } catch (e) {
      inv.errors.push({
        file: p,
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      continue;
    }
    if (st.isDirectory()) await walk(full, 0);
    else addFile(full);
  }

  const max = opts.maxFileBytes ?? DEFAULT_MAX;
  for (const f of files) {
    const name = rel(f);
    let buf: Buffer;
    try {
      const st = await stat(f);
      if (st.size > max) {
        inv.problems.push({
          kind: 'too-large',
          file: name,
          line: 1,
          column: 1,
          message: `file is ${st.size} bytes, over the ${max}-byte limit`,
        });
        continue;
      }
      buf = await readFile(f);
    } catch (e) {
      inv.errors.push({
        file: name,
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      continue;
    }
    inv.files.push(name);
    if (buf.includes(0)) {
      inv.problems.push({
        kind: 'binary',
        file: name,
        line: 1,
        column: 1,
        message: 'binary file (contains NUL bytes), not a manifest',
      });
      continue;
    }
    const parsed = parseManifestText(buf.toString('utf8'), name);
    inv.objects.push(...parsed.objects);
    inv.skipped.push(...parsed.skipped);
    inv.problems.push(...parsed.problems);
  }
  return inv;
}
