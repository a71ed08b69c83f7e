/**
 * Kustomize trees: `kustomize build` (or `kubectl kustomize`) per overlay, then each rendered
 * field traced back to the patch or base file and line that set it: patches first (the last
 * applied wins), then the base resource; generator objects point at their kustomization entry.
 * Never prints; problems become input errors of the set.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { isMap, isScalar, isSeq, type Node as YNode } from 'yaml';
import type { K8sObject } from '../manifests/types.ts';
import { formatPath, type FieldPath, type Location, type ObjectRef } from '../model.ts';
import { run } from './exec.ts';
import { kustomizationFile } from './discover.ts';
import { redactMessage } from './redact.ts';
import { splitRendered } from './rendered.ts';
import { parseYamlFile, type YamlFile } from './yaml-paths.ts';
import type { SourceSet, TracedField } from './types.ts';
import { pushAll } from '../arrays.ts';

export interface KustomizeSpec {
  /** The kustomization directory, or the tree holding the overlays. */
  path: string;
  /** Overlays as environments: name -> directory (relative to `path`). */
  overlays?: Record<string, string | { path: string; profile?: string }>;
}

export interface KustomizeContext {
  cwd: string;
  kustomize?: { bin: string; args: string[] };
  env?: NodeJS.ProcessEnv;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A document of a base resource or a strategic-merge patch file. */
interface FileDoc {
  file: string;
  yaml: YamlFile;
  index: number;
  kind: string;
  name: string;
  /** The document's apiVersion and metadata.namespace ('' when absent). */
  apiVersion?: string;
  namespace?: string;
}

/** A JSON 6902 operation with the line of its entry. */
interface JsonOp {
  file: string;
  line: number;
  column: number;
  kind?: string;
  name?: string;
  path: FieldPath;
}

interface Generated {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  file: string;
  yaml: YamlFile;
  /** Path of the generator entry in the kustomization: [key, index]. */
  at: FieldPath;
  entry: Json;
}

interface ImageEntry {
  name: string;
  file: string;
  yaml: YamlFile;
  at: FieldPath;
}

/** What the tree is made of, in the order kustomize applies it. */
interface Tree {
  resources: FileDoc[];
  patches: FileDoc[];
  ops: JsonOp[];
  generated: Generated[];
  images: ImageEntry[];
  files: string[];
}

function readYaml(file: string): YamlFile | undefined {
  try {
    return parseYamlFile(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function docsOf(file: string, y: YamlFile, rel: string): FileDoc[] {
  const out: FileDoc[] = [];
  y.roots.forEach((root, index) => {
    if (!root || !isMap(root)) return;
    const get = (k: string) => {
      const p = root.items.find((i) => isScalar(i.key) && i.key.value === k);
      return p?.value as YNode | undefined;
    };
    const kind = get('kind');
    const md = get('metadata');
    let name = '';
    let namespace = '';
    if (md && isMap(md)) {
      const n = md.items.find((i) => isScalar(i.key) && i.key.value === 'name');
      if (n && isScalar(n.value)) name = String(n.value.value);
      const ns = md.items.find((i) => isScalar(i.key) && i.key.value === 'namespace');
      if (ns && isScalar(ns.value)) namespace = String(ns.value.value);
    }
    const av = get('apiVersion');
    const apiVersion = av && isScalar(av) ? String(av.value) : '';
    out.push({
      file: rel,
      yaml: y,
      index,
      kind: isScalar(kind) ? String(kind.value) : '',
      name,
      apiVersion,
      namespace,
    });
  });
  void file;
  return out;
}

function pointer(p: string): FieldPath {
  return p
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Walks a kustomization and what it uses, collecting resources, patches and generators. */
function collect(dir: string, cwd: string, tree: Tree, seen: Set<string>): void {
  if (seen.has(dir)) return;
  seen.add(dir);
  const kfile = kustomizationFile(dir);
  if (!kfile) return;
  const rel = (f: string) => path.relative(cwd, f).split(path.sep).join('/');
  const ky = readYaml(kfile);
  let data: Json = {};
  try {
    data = (yaml.load(readFileSync(kfile, 'utf8')) as Json) ?? {};
  } catch {
    return;
  }
  tree.files.push(rel(kfile));
  const list = (k: string): unknown[] => (Array.isArray(data[k]) ? (data[k] as unknown[]) : []);
  for (const r of [...list('resources'), ...list('bases'), ...list('components')]) {
    if (typeof r !== 'string' || /^[a-z]+:\/\//.test(r)) continue;
    const full = path.resolve(dir, r);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) collect(full, cwd, tree, seen);
    else {
      const y = readYaml(full);
      if (y) {
        tree.files.push(rel(full));
        pushAll(tree.resources, docsOf(full, y, rel(full)));
      }
    }
  }
  const patchFile = (p: string, target?: Json) => {
    const full = path.resolve(dir, p);
    const y = existsSync(full) ? readYaml(full) : undefined;
    if (!y) return;
    tree.files.push(rel(full));
    const root = y.roots[0];
    if (root && isSeq(root)) {
      // JSON 6902 operations
      root.items.forEach((item, i) => {
        const op = item as YNode;
        if (!isMap(op)) return;
        const pp = op.items.find((x) => isScalar(x.key) && x.key.value === 'path');
        if (!pp || !isScalar(pp.value)) return;
        const pos = y.lc.linePos((op.range ?? [0])[0]);
        tree.ops.push({
          file: rel(full),
          line: pos.line,
          column: pos.col,
          ...(typeof target?.kind === 'string' ? { kind: target.kind } : {}),
          ...(typeof target?.name === 'string' ? { name: target.name } : {}),
          path: pointer(String(pp.value.value)),
        });
        void i;
      });
      return;
    }
    for (const d of docsOf(full, y, rel(full))) {
      tree.patches.push({
        ...d,
        kind: d.kind || (typeof target?.kind === 'string' ? target.kind : ''),
        name: d.name || (typeof target?.name === 'string' ? target.name : ''),
      });
    }
  };
  const kRel = rel(kfile);
  const entryLine = (at: FieldPath) => {
    if (!ky) return { line: 1, column: 1 };
    let node: YNode | null | undefined = ky.roots[0];
    let pos = { line: 1, col: 1 };
    for (const seg of at) {
      if (typeof seg === 'number' && node && isSeq(node)) node = node.items[seg] as YNode;
      else if (typeof seg === 'string' && node && isMap(node)) {
        const p = node.items.find((x) => isScalar(x.key) && x.key.value === seg);
        if (!p) break;
        if ((p.key as YNode).range) pos = ky.lc.linePos((p.key as YNode).range![0]);
        node = p.value as YNode;
        continue;
      } else break;
      if (node?.range) pos = ky.lc.linePos(node.range[0]);
    }
    return { line: pos.line, column: pos.col };
  };
  list('patches').forEach((p, i) => {
    if (!isObj(p)) return;
    const target = isObj(p.target) ? p.target : undefined;
    if (typeof p.path === 'string') patchFile(p.path, target);
    else if (typeof p.patch === 'string') {
      // an inline patch: its kustomization entry
      const pos = entryLine(['patches', i]);
      let parsed: unknown;
      try {
        parsed = yaml.load(p.patch);
      } catch {
        parsed = undefined;
      }
      if (Array.isArray(parsed)) {
        for (const op of parsed) {
          if (isObj(op) && typeof op.path === 'string') {
            tree.ops.push({
              file: kRel,
              ...pos,
              ...(typeof target?.kind === 'string' ? { kind: target.kind } : {}),
              ...(typeof target?.name === 'string' ? { name: target.name } : {}),
              path: pointer(op.path),
            });
          }
        }
      } else if (isObj(parsed)) {
        const md = isObj(parsed.metadata) ? parsed.metadata : {};
        const kind = typeof parsed.kind === 'string' ? parsed.kind : String(target?.kind ?? '');
        const name = typeof md.name === 'string' ? md.name : String(target?.name ?? '');
        // an inline strategic-merge patch: every field of it points at the entry
        tree.ops.push({ file: kRel, ...pos, kind, name, path: [] });
      }
    }
  });
  for (const p of list('patchesStrategicMerge')) if (typeof p === 'string') patchFile(p);
  for (const p of list('patchesJson6902'))
    if (isObj(p) && typeof p.path === 'string') patchFile(p.path, isObj(p.target) ? p.target : undefined);
  for (const [key, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    list(key).forEach((g, i) => {
      if (isObj(g) && typeof g.name === 'string' && ky)
        tree.generated.push({ kind, name: g.name, file: kRel, yaml: ky, at: [key, i], entry: g });
    });
  }
  list('images').forEach((im, i) => {
    if (isObj(im) && typeof im.name === 'string' && ky)
      tree.images.push({ name: im.name, file: kRel, yaml: ky, at: ['images', i] });
  });
}

/** A resource or patch document for a rendered object: same kind, name contained in the built name. */
function matchDoc<T extends { kind: string; name: string }>(docs: readonly T[], kind: string, name: string): T[] {
  return docs.filter((d) => d.kind === kind && d.name !== '' && (d.name === name || name.includes(d.name)));
}

/**
 * Walks `path` in a file document: list items are matched by `name` (as strategic merge does)
 * when the rendered item has one, else by index. Returns how deep it got and the key's position.
 */
function walkDoc(d: FileDoc, path: FieldPath, rendered: unknown): { depth: number; loc: Location; docPath: FieldPath } {
  let node: YNode | null | undefined = d.yaml.roots[d.index];
  let cur: unknown = rendered;
  let at = node?.range?.[0] ?? 0;
  let depth = 0;
  // the walked part of `path` as it is in this document (a list item by its index here)
  const docPath: (string | number)[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!node || !isSeq(node)) break;
      const item = Array.isArray(cur) ? cur[seg] : undefined;
      const name = isObj(item) && typeof item.name === 'string' ? item.name : undefined;
      let found: YNode | undefined;
      if (name !== undefined) {
        found = node.items.find((x) => {
          const n = x as YNode;
          if (!isMap(n)) return false;
          const p = n.items.find((k) => isScalar(k.key) && k.key.value === 'name');
          return !!p && isScalar(p.value) && String(p.value.value) === name;
        }) as YNode | undefined;
      } else found = node.items[seg] as YNode | undefined;
      if (!found) break;
      docPath.push(node.items.indexOf(found as never));
      node = found;
      at = found.range?.[0] ?? at;
      cur = item;
    } else {
      if (!node || !isMap(node)) break;
      const p = [...node.items].reverse().find((x) => isScalar(x.key) && String(x.key.value) === seg);
      if (!p) break;
      at = (p.key as YNode).range?.[0] ?? at;
      node = p.value as YNode | null;
      cur = isObj(cur) ? cur[seg] : undefined;
      docPath.push(seg);
    }
    depth++;
  }
  const pos = d.yaml.lc.linePos(at);
  return { depth, loc: { file: d.file, line: pos.line, column: pos.col }, docPath };
}

export interface KustomizeTrace {
  kind: 'patch' | 'base' | 'generator' | 'object';
  location: Location;
  /**
   * For a base: the resource in the base file and how far the field's path goes into it, as it
   * is there (list items by their index in the base), so a fix can be written into the base.
   */
  base?: { object: ObjectRef; docPath: FieldPath };
}

/** Where a built field came from. */
export function traceKustomize(
  tree: Tree,
  obj: { data: Json; kind: string; name: string },
  p: FieldPath,
  fallback: Location,
): KustomizeTrace {
  // generator objects: their kustomization entry, a literal's line when it is one
  if (obj.kind === 'ConfigMap' || obj.kind === 'Secret') {
    const g = [...tree.generated]
      .reverse()
      .find(
        (x) =>
          x.kind === obj.kind &&
          (obj.name === x.name ||
            obj.name.startsWith(`${x.name}-`) ||
            obj.name.endsWith(x.name) ||
            obj.name.includes(`${x.name}-`)),
      );
    if (g) {
      let at: FieldPath = g.at;
      const key = p[0] === 'data' || p[0] === 'stringData' ? p[1] : undefined;
      const lits = Array.isArray(g.entry.literals) ? (g.entry.literals as unknown[]) : [];
      const li = typeof key === 'string' ? lits.findIndex((l) => typeof l === 'string' && l.startsWith(`${key}=`)) : -1;
      if (li >= 0) at = [...g.at, 'literals', li];
      const d: FileDoc = { file: g.file, yaml: g.yaml, index: 0, kind: '', name: '' };
      return { kind: 'generator', location: walkDoc(d, at, undefined).loc };
    }
  }
  // images: transformer entries that rename or retag a container image
  if (p[p.length - 1] === 'image' && (p.includes('containers') || p.includes('initContainers'))) {
    let cur: unknown = obj.data;
    for (const s of p) cur = isObj(cur) ? cur[s as string] : Array.isArray(cur) ? cur[s as number] : undefined;
    if (typeof cur === 'string') {
      const im = [...tree.images]
        .reverse()
        .find(
          (x) => cur === x.name || (cur as string).startsWith(`${x.name}:`) || (cur as string).startsWith(`${x.name}@`),
        );
      if (im && p[p.length - 1] === 'image') {
        return {
          kind: 'patch',
          location: walkDoc({ file: im.file, yaml: im.yaml, index: 0, kind: '', name: '' }, im.at, undefined).loc,
        };
      }
    }
  }
  let best:
    | { depth: number; loc: Location; kind: 'patch' | 'base'; base?: { object: ObjectRef; docPath: FieldPath } }
    | undefined;
  // JSON 6902 operations: one whose path is a prefix of the field (or the field of the op)
  for (let i = tree.ops.length - 1; i >= 0; i--) {
    const op = tree.ops[i];
    if ((op.kind && op.kind !== obj.kind) || (op.name && !obj.name.includes(op.name))) continue;
    const n = op.path.length;
    const prefix = op.path.every((s, j) => j >= p.length || s === p[j] || (s === '-' && typeof p[j] === 'number'));
    if (prefix && n <= p.length && (!best || n > best.depth))
      best = { depth: n === 0 ? 1 : n, loc: { file: op.file, line: op.line, column: op.column }, kind: 'patch' };
  }
  // strategic-merge patches, last applied first
  for (const d of matchDoc(tree.patches, obj.kind, obj.name).reverse()) {
    const w = walkDoc(d, p, obj.data);
    // a patch counts when it reaches below metadata (its identity keys are not the change)
    const meaningful = w.depth >= 2 && !(p[0] === 'metadata' && p[1] === 'name');
    if (meaningful && (!best || w.depth > best.depth)) best = { ...w, kind: 'patch' };
  }
  for (const d of matchDoc(tree.resources, obj.kind, obj.name)) {
    const w = walkDoc(d, p, obj.data);
    if (!best || w.depth > best.depth) {
      const object: ObjectRef = {
        apiVersion: d.apiVersion ?? '',
        kind: d.kind,
        name: d.name,
        ...(d.namespace ? { namespace: d.namespace } : {}),
      };
      best = { depth: w.depth, loc: w.loc, kind: 'base', base: { object, docPath: w.docPath } };
    }
  }
  if (best) return { kind: best.kind, location: best.loc, ...(best.base ? { base: best.base } : {}) };
  return { kind: 'object', location: fallback };
}

function overlaysOf(spec: KustomizeSpec, dir: string): { name: string; dir: string; profile?: string }[] {
  const entries = Object.entries(spec.overlays ?? {});
  if (!entries.length) return [{ name: 'default', dir }];
  return entries.map(([name, o]) =>
    typeof o === 'string'
      ? { name, dir: path.resolve(dir, o) }
      : { name, dir: path.resolve(dir, o.path), ...(o.profile ? { profile: o.profile } : {}) },
  );
}

export async function buildKustomization(spec: KustomizeSpec, ctx: KustomizeContext): Promise<SourceSet[]> {
  const dir = path.resolve(ctx.cwd, spec.path);
  const rel = (f: string) => {
    const r = path.relative(ctx.cwd, f);
    return (r.startsWith('..') || path.isAbsolute(r) ? f : r).split(path.sep).join('/') || '.';
  };
  const source = rel(dir);
  const overlays = overlaysOf(spec, dir);
  const names = overlays.map((o) => o.name);
  const sets: SourceSet[] = [];
  for (const ov of overlays) {
    const set: SourceSet = {
      tool: 'kustomize',
      source,
      environment: ov.name,
      environments: names,
      ...(ov.profile ? { profile: ov.profile } : {}),
      objects: [],
      skipped: [],
      problems: [],
      errors: [],
      notes: [],
      files: [],
      traces: new Map(),
      renderMs: 0,
    };
    sets.push(set);
    const ovRel = rel(ov.dir);
    if (!kustomizationFile(ov.dir)) {
      set.errors.push({
        file: ovRel,
        message: `no kustomization.yaml in ${ovRel}${ov.name !== 'default' ? ` (overlay ${ov.name})` : ''}`,
      });
      continue;
    }
    if (!ctx.kustomize) {
      set.errors.push({
        file: ovRel,
        message: `kustomize is needed to scan ${ovRel}: install kustomize or kubectl, or build it yourself`,
      });
      continue;
    }
    const t0 = performance.now();
    const res = await run(ctx.kustomize.bin, [...ctx.kustomize.args, ov.dir], {
      cwd: ctx.cwd,
      ...(ctx.env ? { env: ctx.env } : {}),
    });
    set.renderMs += performance.now() - t0;
    if (res.spawnError || res.code !== 0) {
      set.errors.push({
        file: ovRel,
        message: res.spawnError
          ? `kustomize is needed to scan ${ovRel}: install kustomize or kubectl, or build it yourself (${res.spawnError})`
          : `kustomize build failed for ${ovRel}: ${redactMessage(res.stderr || res.stdout)}`,
      });
      continue;
    }
    const renderedName = `${ovRel} (kustomize build)`;
    const built = splitRendered(res.stdout, renderedName);
    pushAll(set.problems, built.problems);
    pushAll(set.skipped, built.skipped);
    const tree: Tree = { resources: [], patches: [], ops: [], generated: [], images: [], files: [] };
    collect(ov.dir, ctx.cwd, tree, new Set());
    pushAll(set.files, new Set(tree.files));
    const kfile = rel(kustomizationFile(ov.dir)!);
    for (const d of built.docs) {
      const rendered = d.obj;
      const base = matchDoc(tree.resources, rendered.ref.kind, rendered.ref.name)[0];
      const file = base?.file ?? kfile;
      const text = base ? base.yaml.text : readFileSync(path.resolve(ctx.cwd, kfile), 'utf8');
      const fallback: Location = base ? walkDoc(base, [], rendered.data).loc : { file: kfile, line: 1, column: 1 };
      const traced = new Map<string, TracedField>();
      const obj: K8sObject = {
        data: rendered.data,
        ref: rendered.ref,
        origin: 'manifest',
        file,
        docPath: [],
        source: { file, fileText: text, start: 0, end: text.length },
        locate(p: FieldPath) {
          const t = traceKustomize(
            tree,
            { data: rendered.data, kind: rendered.ref.kind, name: rendered.ref.name },
            p,
            fallback,
          );
          const r = rendered.locate?.(p);
          traced.set(formatPath(p), {
            path: p,
            trace: { kind: t.kind, location: t.location, ...(t.base ? { base: t.base } : {}) },
            renderedFile: renderedName,
            ...(r ? { renderedLine: r.line } : {}),
          });
          return t.location;
        },
      };
      set.traces.set(obj, traced);
      set.objects.push(obj);
    }
  }
  return sets;
}
