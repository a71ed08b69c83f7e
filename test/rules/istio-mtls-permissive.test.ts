import { ruleTester } from '../support/rule-tester.ts';

const pa = (ns: string, spec: string) =>
  `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ${ns}\nspec:\n${spec}\n`;

ruleTester('istio-mtls-permissive', {
  valid: [
    pa('istio-system', '  mtls:\n    mode: STRICT'),
    pa(
      'shop',
      '  selector:\n    matchLabels: { app: web }\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: STRICT',
    ),
    {
      name: 'namespace policy inheriting the mesh mode',
      yaml: pa('shop', '  selector:\n    matchLabels: { app: web }'),
    },
  ],
  invalid: [
    {
      name: 'mesh permissive',
      yaml: pa('istio-system', '  mtls:\n    mode: PERMISSIVE'),
      paths: ['spec.mtls.mode'],
      lines: [8],
      message: /^mesh-level/,
    },
    { name: 'mesh unset', yaml: pa('istio-system', '  mtls: {}'), paths: ['spec.mtls'], message: /unset/ },
    {
      name: 'namespace disable',
      yaml: pa('shop', '  mtls:\n    mode: DISABLE'),
      message: /^namespace-level .* DISABLE/,
    },
    {
      name: 'workload port level',
      yaml: pa(
        'shop',
        '  selector:\n    matchLabels: { app: web }\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: PERMISSIVE',
      ),
      paths: ['spec.portLevelMtls["8080"].mode'],
      message: /^workload-level .* port 8080/,
    },
  ],
});
