import { ruleTester } from '../support/rule-tester.ts';

const dr = (spec: string) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: web\nspec:\n  host: web.shop.svc.cluster.local\n${spec}\n`;

ruleTester('istio-destination-tls-disabled', {
  valid: [
    dr('  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL'),
    dr('  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN'),
  ],
  invalid: [
    { yaml: dr('  trafficPolicy:\n    tls:\n      mode: DISABLE'), paths: ['spec.trafficPolicy.tls.mode'], lines: [9] },
    {
      name: 'port level and subset',
      yaml: dr(
        '  trafficPolicy:\n    portLevelSettings:\n    - port: { number: 80 }\n      tls: { mode: DISABLE }\n  subsets:\n  - name: v1\n    labels: { version: v1 }\n    trafficPolicy:\n      tls: { mode: DISABLE }',
      ),
      paths: ['spec.trafficPolicy.portLevelSettings[0].tls.mode', 'spec.subsets[0].trafficPolicy.tls.mode'],
    },
  ],
});
