import { readFileSync } from 'node:fs';
import { defaultSetting, evaluate } from '../../src/core/engine.ts';
import { loadManifests } from '../../src/core/manifests/load.ts';
import { getRule } from '../../src/core/rules/index.ts';
import { CORPUS_DIR, describeCorpus } from '../support/corpus.ts';
import { deployment, ruleTester } from '../support/rule-tester.ts';
import { generateSchemaData, renderSchemaData, SCHEMA_DATA_PATH } from '../../scripts/gen-schema-data.ts';

ruleTester('schema-invalid', {
  valid: [
    deployment(
      '- name: app\n  image: nginx:1.27\n  ports:\n  - containerPort: 8080\n    name: http\n  resources:\n    limits: { cpu: 1, memory: 512Mi }\n  env:\n  - name: A\n    value: "1"',
      'securityContext:\n  runAsNonRoot: yes',
    ),
    {
      name: 'Service with int-or-string targetPort and null creationTimestamp',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  creationTimestamp: null\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n  - port: 81\n    targetPort: 8081\n',
    },
    {
      name: 'CRDs are skipped',
      yaml: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: [1]\n',
    },
    {
      name: 'removed apiVersions are skipped',
      yaml: 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  foo: 1\n',
    },
    {
      name: 'CRD schema with x-kubernetes fields',
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
        properties:
          spec:
            type: object
            default: {}
`,
    },
  ],
  invalid: [
    {
      name: 'replica typo',
      yaml: deployment('- name: app\n  image: nginx:1.27').replace(
        'spec:\n  selector',
        'spec:\n  replica: 3\n  selector',
      ),
      paths: ['spec.replica'],
      lines: [7],
      message: 'unknown field "replica" in DeploymentSpec; did you mean "replicas"?',
    },
    {
      name: 'containers not a list',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    name: app\n    image: nginx:1.27\n',
      paths: ['spec.containers'],
      message: /must be a list, not an object/,
    },
    {
      name: 'wrong scalar types',
      yaml: deployment(
        '- name: app\n  image: nginx:1.27\n  ports:\n  - containerPort: "8080"\n  env:\n  - name: DEBUG\n    value: true',
      ).replace('labels: { app: web }\n    spec', 'labels: { app: web, version: 1.2 }\n    spec'),
      paths: [
        'spec.template.metadata.labels.version',
        'spec.template.spec.containers[0].ports[0].containerPort',
        'spec.template.spec.containers[0].env[0].value',
      ],
    },
    {
      name: 'misspelled securityContext in a container',
      yaml: deployment('- name: app\n  image: nginx:1.27\n  securityContex:\n    privileged: false'),
      message: /did you mean "securityContext"/,
      count: 1,
    },
  ],
});

describe('schema data', () => {
  test('src/core/rules/data/k8s-schema.json is current (npx node scripts/gen-schema-data.ts)', async () => {
    const fresh = renderSchemaData(await generateSchemaData());
    expect(readFileSync(SCHEMA_DATA_PATH, 'utf8') === fresh).toBe(true);
  });
});

describeCorpus()('schema-invalid on the shared corpus', () => {
  test('near zero on real manifests: only genuine errors (placeholders, typos, removed fields)', async () => {
    const inv = await loadManifests({ paths: [CORPUS_DIR], cwd: CORPUS_DIR, exclude: ['_unparseable/**'] });
    const res = evaluate(inv.objects, [], {
      rules: [getRule('schema-invalid')!],
      settings: (m) => ({ ...defaultSetting(m), enabled: true }),
    });
    expect(res.errors).toEqual([]);
    expect(res.findings.length).toBeLessThanOrEqual(12);
    expect(res.findings.map((f) => f.message)).toContain(
      'unknown field "protectionDoamin" in ScaleIOVolumeSource; did you mean "protectionDomain"?',
    );
  });
});
