/**
 * The admission policies of a configuration's `policies:` paths, for the long-running commands
 * (serve, monitor): a policy file that cannot be read stops the start, with its file:line, since
 * a gate must not run without a policy it was given.
 */
import { loadPolicyObjects } from '../core/scan.ts';
import type { K8sObject } from '../core/manifests/types.ts';
import { UsageError } from './io.ts';

export async function configuredPolicies(
  paths: readonly string[],
  cwd: string,
  command: 'serve' | 'monitor',
): Promise<K8sObject[]> {
  const pol = await loadPolicyObjects(paths, cwd);
  const broken = [
    ...pol.errors,
    ...pol.problems
      .filter((p) => p.kind !== 'duplicate-key')
      .map((p) => ({ file: p.file, line: p.line, message: p.message })),
  ];
  if (broken.length) {
    const e = broken[0]!;
    throw new UsageError(
      `configuration: policies: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}${broken.length > 1 ? ` (and ${broken.length - 1} more)` : ''}`,
      command,
      false,
    );
  }
  return pol.objects;
}
