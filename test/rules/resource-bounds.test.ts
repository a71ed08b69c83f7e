import { deployment, ruleTester } from '../support/rule-tester.ts';
import { parseQuantity } from '../../src/core/rules/resources.ts';

const options = {
  requests: { cpu: { min: '10m', max: '4' }, memory: { min: '16Mi', max: '8Gi' } },
  limits: { memory: { max: '16Gi' } },
};
const c = (req: string, lim = '') =>
  deployment(
    `- name: app\n  image: nginx:1.27\n  resources:\n    requests: ${req}${lim ? `\n    limits: ${lim}` : ''}`,
  );

ruleTester('resource-bounds', {
  valid: [
    { name: 'not configured', yaml: c('{ cpu: "64", memory: 1Ti }') },
    { name: 'within bounds', yaml: c('{ cpu: 250m, memory: 512Mi }', '{ memory: 16Gi }'), options },
    { name: 'e-notation and decimal units', yaml: c('{ cpu: 1e0, memory: 1G }'), options },
  ],
  invalid: [
    {
      name: 'cpu above, memory below',
      yaml: c('{ cpu: "8", memory: 1Mi }'),
      options,
      paths: [
        'spec.template.spec.containers[0].resources.requests.cpu',
        'spec.template.spec.containers[0].resources.requests.memory',
      ],
    },
    {
      name: 'limit above max',
      yaml: c('{ cpu: 100m, memory: 1Gi }', '{ memory: 17179869185 }'),
      options,
      paths: ['spec.template.spec.containers[0].resources.limits.memory'],
      message: /above the maximum/,
    },
    {
      name: 'not a quantity',
      yaml: c('{ cpu: lots, memory: 1Gi }'),
      options,
      paths: ['spec.template.spec.containers[0].resources.requests.cpu'],
      message: /not a valid quantity/,
    },
  ],
});

test('parseQuantity reads Kubernetes quantities', () => {
  expect(parseQuantity('100m')).toBeCloseTo(0.1);
  expect(parseQuantity('1.5')).toBe(1.5);
  expect(parseQuantity('1Ki')).toBe(1024);
  expect(parseQuantity('2Gi')).toBe(2 * 2 ** 30);
  expect(parseQuantity('1Ti')).toBe(2 ** 40);
  expect(parseQuantity('3k')).toBe(3000);
  expect(parseQuantity('5M')).toBe(5e6);
  expect(parseQuantity('1G')).toBe(1e9);
  expect(parseQuantity('1e3')).toBe(1000);
  expect(parseQuantity('12E')).toBe(12e18);
  expect(parseQuantity(2)).toBe(2);
  expect(parseQuantity('1Gb')).toBeUndefined();
  expect(parseQuantity('')).toBeUndefined();
});
