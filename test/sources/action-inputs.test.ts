/** The action's source inputs (helm-charts, values, environments, kustomize) as a sources config. */
import { parseEnvironments, readSources } from '../../src/github/inputs.ts';

const inputs = (m: Record<string, string>) => (name: string) => m[name];

test('charts get the values and environments; kustomize lines are trees or NAME=DIR overlays', () => {
  expect(
    readSources(
      inputs({
        'helm-charts': 'charts/shop\ncharts/api',
        values: 'values-ci.yaml',
        environments: 'dev: values-dev.yaml\nprod: values-prod.yaml, values-eu.yaml',
        kustomize: 'deploy/base-only\ndev=deploy/overlays/dev\nprod=deploy/overlays/prod',
      }),
    ),
  ).toEqual({
    values: ['values-ci.yaml'],
    environments: { dev: { values: ['values-dev.yaml'] }, prod: { values: ['values-prod.yaml', 'values-eu.yaml'] } },
    helm: [
      {
        chart: 'charts/shop',
        values: ['values-ci.yaml'],
        environments: {
          dev: { values: ['values-dev.yaml'] },
          prod: { values: ['values-prod.yaml', 'values-eu.yaml'] },
        },
      },
      {
        chart: 'charts/api',
        values: ['values-ci.yaml'],
        environments: {
          dev: { values: ['values-dev.yaml'] },
          prod: { values: ['values-prod.yaml', 'values-eu.yaml'] },
        },
      },
    ],
    kustomize: [
      { path: 'deploy/base-only' },
      { path: '.', overlays: { dev: 'deploy/overlays/dev', prod: 'deploy/overlays/prod' } },
    ],
  });
  expect(readSources(inputs({}))).toBeUndefined();
});

test('a malformed environments line is an input error naming the input', () => {
  expect(() => parseEnvironments('dev values-dev.yaml')).toThrow(/input environments: each line must look like/);
  expect(parseEnvironments('# comment\n\nqa=values-qa.yaml')).toEqual({ qa: { values: ['values-qa.yaml'] } });
});
