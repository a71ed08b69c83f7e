/** Finds manifest files from paths, directories, globs and stdin, and parses them. */
import { readFileSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Inventory, LoadOptions } from './types.ts';
import { parseManifestText } from './parse.ts';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Larger files are refused with a message: real manifests top out around 4 MB. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
export const STDIN_FILE = '<stdin>';
/** Directories never descended into. */
const SKIP_DIRS = new Set(['node_modules', '.git']);

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isGlob(p: string): boolean {
  return picomatch.scan(p).isGlob;
}

function errCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'ELOOP') return 'too many levels of symbolic links (symlink loop)';
  return err.code ? `${err.code}: ${err.message}` : String(err.message ?? e);
}

/**
 * Loads manifests. Never throws for bad input: unreadable paths go to `errors`, documents that do
 * not parse to `problems` (reported as invalid-yaml findings), non-Kubernetes documents to `skipped`.
 */
export async function loadManifests(opts: LoadOptions): Promise<Inventory> {
  const cwd = opts.cwd ?? process.cwd();
  const inv: Inventory = { objects: [], files: [], skipped: [], problems: [], errors: [] };
  const include = opts.include?.length ? picomatch(opts.include, { dot: true }) : undefined;
  const exclude = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : undefined;
  const rel = (f: string) => {
    const r = path.relative(cwd, f);
    return (r.startsWith('..') || path.isAbsolute(r) ? f : r).split(path.sep).join('/');
  };
  const filtered = (f: string) => {
    const r = rel(f);
    return (!include || include(r)) && !(exclude && exclude(r));
  };
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const addFile = (f: string) => {
    if (!seenFiles.has(f)) {
      seenFiles.add(f);
      files.push(f);
    }
  };

  /** Walks a directory; `visited` holds real paths on the current branch, to stop symlink loops. */
  async function walk(dir: string, visited: Set<string>, match?: (r: string) => boolean): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (e) {
      inv.errors.push({ file: rel(dir), message: `cannot read directory: ${errCode(e)}` });
      return;
    }
    if (visited.has(real)) {
      inv.skipped.push({ file: rel(dir), line: 0, reason: 'symlink loop: directory already being scanned' });
      return;
    }
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      inv.errors.push({ file: rel(dir), message: `cannot read directory: ${errCode(e)}` });
      return;
    }
    const inner = new Set(visited).add(real);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = await stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (EXTENSIONS.has(path.extname(ent.name).toLowerCase())) {
            inv.errors.push({ file: rel(full), message: `cannot read: ${errCode(e)}` });
          }
          continue;
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(ent.name)) await walk(full, inner, match);
      } else if (isFile && EXTENSIONS.has(path.extname(ent.name).toLowerCase())) {
        if (filtered(full) && (!match || match(rel(full)))) addFile(full);
      }
    }
  }

  for (const p of opts.paths) {
    if (p === '-') {
      let text: string;
      try {
        text = await (opts.readStdin ?? readAllStdin)();
      } catch (e) {
        inv.errors.push({ file: STDIN_FILE, message: `cannot read standard input: ${errCode(e)}` });
        continue;
      }
      inv.files.push(STDIN_FILE);
      const parsed = parseManifestText(text, STDIN_FILE);
      inv.objects.push(...parsed.objects);
      inv.skipped.push(...parsed.skipped);
      inv.problems.push(...parsed.problems);
      continue;
    }
    if (isGlob(p)) {
      const pattern = p.split(path.sep).join('/');
      const scan = picomatch.scan(pattern);
      const base = path.resolve(cwd, scan.base || '.');
      const absolute = path.isAbsolute(pattern);
      const m = picomatch(absolute ? pattern : pattern.replace(/^\.\//, ''), { dot: false });
      const before = files.length;
      const baseIsDir = await stat(base).then(
        (st) => st.isDirectory(),
        () => false,
      );
      if (baseIsDir) await walk(base, new Set(), (r) => m(absolute ? path.resolve(cwd, r) : r));
      if (files.length === before) inv.errors.push({ file: p, message: 'no manifest files match this pattern' });
      continue;
    }
    const full = path.resolve(cwd, p);
    let st;
    try {
      st = await stat(full);
    } catch (e) {
      inv.errors.push({ file: p, message: `cannot read: ${errCode(e)}` });
      continue;
    }
    if (st.isDirectory()) await walk(full, new Set());
    else addFile(full); // a file named explicitly is read whatever its extension
  }

  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const f of files) {
    const name = rel(f);
    let buf: Buffer;
    try {
      // synchronous on purpose: files are read one after the other and parsed at once, and an
      // await per file left the CPU idle for 13% of a corpus scan
      const st = statSync(f);
      if (st.size > max) {
        inv.files.push(name);
        inv.problems.push({
          kind: 'too-large',
          file: name,
          line: 1,
          column: 1,
          message: `file is ${(st.size / 1048576).toFixed(1)} MiB, over the ${(max / 1048576).toFixed(0)} MiB limit for one manifest file; not scanned (split it, or check that it is really a manifest)`,
        });
        continue;
      }
      buf = readFileSync(f);
    } catch (e) {
      inv.errors.push({ file: name, message: `cannot read: ${errCode(e)}` });
      continue;
    }
    inv.files.push(name);
    if (buf.subarray(0, 8192).includes(0)) {
      inv.problems.push({
        kind: 'binary',
        file: name,
        line: 1,
        column: 1,
        message: 'binary file (contains NUL bytes), not a YAML or JSON manifest',
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
