/** Kustomize trees: `kustomize build` per overlay (placeholder until the trace-back lands). */
import path from 'node:path';
import type { SourceSet } from './types.ts';

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

export async function buildKustomization(spec: KustomizeSpec, ctx: KustomizeContext): Promise<SourceSet[]> {
  const dir = path.resolve(ctx.cwd, spec.path);
  const source = path.relative(ctx.cwd, dir).split(path.sep).join('/') || '.';
  return [
    {
      tool: 'kustomize',
      source,
      environment: 'default',
      environments: ['default'],
      objects: [],
      skipped: [],
      problems: [],
      errors: [{ file: source, message: 'kustomize trees are not scanned yet' }],
      notes: [],
      files: [],
      traces: new Map(),
      renderMs: 0,
    },
  ];
}
