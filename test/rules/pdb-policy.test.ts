import { ruleTester } from '../support/rule-tester.ts';

const pdb = (spec: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
${spec}  selector: { matchLabels: { app: web } }
`;

ruleTester('pdb-policy', {
  valid: [pdb('  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n')],
  invalid: [
    { name: 'no eviction policy', yaml: pdb('  minAvailable: 1\n'), paths: ['spec.unhealthyPodEvictionPolicy'] },
    {
      name: 'no budget at all',
      yaml: pdb('  unhealthyPodEvictionPolicy: IfHealthyBudget\n'),
      paths: ['spec.maxUnavailable'],
      message: /neither minAvailable nor maxUnavailable/,
    },
  ],
});
