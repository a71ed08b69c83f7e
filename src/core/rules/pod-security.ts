/** Pod security: the Pod Security Standards (baseline and restricted) controls, per container. */
import { allContainers, boolOf, effective } from './podspec.ts';
import type { Rule } from './types.ts';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

export const privilegedContainer: Rule = {
  meta: {
    id: 'privileged-container',
    title: 'Privileged container',
    severity: 'critical',
    enabledByDefault: true,
    category: 'pod-security',
    pss: 'baseline',
    cis: '5.2.2',
    rationale:
      'A privileged container runs with all capabilities and full access to the host devices: a compromise of the container is a compromise of the node.',
    remediation:
      'Remove `privileged: true`, or set it to false. Grant only the specific capabilities the workload needs.',
    example: 'securityContext:\n  privileged: false',
    references: [PSS],
  },
  *check(obj) {
    for (const c of allContainers(obj)) {
      const r = effective(c, 'privileged');
      if (boolOf(r.value) === true) {
        yield {
          path: r.path,
          message: `${c.type} "${c.name}" runs privileged`,
          fix: { description: 'set privileged: false', set: [{ path: r.path, value: false }] },
        };
      }
    }
  },
};

export const rules: Rule[] = [privilegedContainer];
