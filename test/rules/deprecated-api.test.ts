import { ruleTester, runRule } from '../support/rule-tester.ts';

const obj = (apiVersion: string, kind: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec: {}\n`;

ruleTester('deprecated-api', {
  valid: [
    obj('apps/v1', 'Deployment'),
    obj('networking.k8s.io/v1', 'Ingress'),
    { name: 'not yet removed for an old target', yaml: obj('batch/v1beta1', 'CronJob'), kubeVersion: '1.20' },
    { name: 'CRD with a beta version', yaml: obj('example.com/v1beta1', 'Widget') },
    { name: 'v1beta1 of a kind that is current there', yaml: obj('coordination.k8s.io/v1beta1', 'LeaseCandidate') },
  ],
  invalid: [
    {
      name: 'removed (1.16)',
      yaml: obj('extensions/v1beta1', 'Deployment'),
      paths: ['apiVersion'],
      lines: [1],
      message: /removed in Kubernetes 1\.16 .*use apps\/v1/,
    },
    {
      name: 'Ingress beta removed in 1.22',
      yaml: obj('networking.k8s.io/v1beta1', 'Ingress'),
      message: /use networking\.k8s\.io\/v1$/,
    },
    { name: 'old Ingress shape', yaml: obj('extensions/v1beta1', 'Ingress'), message: /1\.22/ },
    {
      name: 'deprecated only for the target',
      yaml: obj('batch/v1beta1', 'CronJob'),
      kubeVersion: '1.22',
      message: /deprecated since Kubernetes 1\.21 and removed in 1\.25; use batch\/v1/,
    },
    {
      name: 'v-prefixed patch version',
      yaml: obj('autoscaling/v2beta2', 'HorizontalPodAutoscaler'),
      kubeVersion: 'v1.26.3',
      message: /removed in Kubernetes 1\.26/,
    },
    { name: 'PSP', yaml: obj('policy/v1beta1', 'PodSecurityPolicy'), message: /Pod Security Admission/ },
    { name: 'rbac beta, any kind', yaml: obj('rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding'), count: 1 },
  ],
});

describe('deprecated-api severity', () => {
  test('high when removed in the target, medium when only deprecated', () => {
    const y = obj('policy/v1beta1', 'PodDisruptionBudget');
    expect(runRule('deprecated-api', y, { kubeVersion: '1.25' })[0].severity).toBe('high');
    expect(runRule('deprecated-api', y, { kubeVersion: '1.24' })[0].severity).toBe('medium');
    expect(runRule('deprecated-api', y, { kubeVersion: '1.20' })).toEqual([]);
  });
  test('drop-in replacements carry a fix, others do not', () => {
    const [cron] = runRule('deprecated-api', obj('batch/v1beta1', 'CronJob'));
    expect(cron.fix?.set).toEqual([{ path: ['apiVersion'], value: 'batch/v1' }]);
    expect(runRule('deprecated-api', obj('extensions/v1beta1', 'Ingress'))[0].fix).toBeUndefined();
  });
  test('default target is 1.34', () => {
    expect(runRule('deprecated-api', obj('v1', 'Endpoints'))[0].severity).toBe('medium');
    expect(runRule('deprecated-api', obj('v1', 'Endpoints'), { kubeVersion: '1.32' })).toEqual([]);
  });
  test('beta APIs off by default are high at any target: a default API server does not serve them (found by the deprecated-API oracle)', () => {
    for (const [apiVersion, kind] of [
      ['resource.k8s.io/v1beta1', 'ResourceClaim'],
      ['resource.k8s.io/v1beta2', 'DeviceClass'],
      ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy'],
      ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicyBinding'],
      ['networking.k8s.io/v1beta1', 'ServiceCIDR'],
      ['networking.k8s.io/v1beta1', 'IPAddress'],
      ['storage.k8s.io/v1beta1', 'VolumeAttributesClass'],
    ]) {
      for (const kubeVersion of ['1.31', '1.37']) {
        const [f] = runRule('deprecated-api', obj(apiVersion, kind), { kubeVersion });
        expect(f?.severity).toBe('high');
        expect(f?.message).toMatch(/not served by default/);
      }
    }
    // the webhook configurations of admissionregistration v1beta1 were removed, not switched off
    expect(
      runRule('deprecated-api', obj('admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration'))[0]
        .message,
    ).toMatch(/removed in Kubernetes 1.22/);
  });
});
