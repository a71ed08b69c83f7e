/** Pod templates in well-known CRDs, exercised through one container rule (image-tag-latest). */
import { runRule } from '../support/rule-tester.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { allContainers, effective } from '../../src/core/rules/podspec.ts';

const paths = (yaml: string) =>
  runRule('image-tag-latest', yaml)
    .map((f) => f.path)
    .sort();

describe('CRD pod templates', () => {
  test('Argo Rollout spec.template', () => {
    const yaml = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: web
        image: nginx:latest
  strategy:
    canary: { steps: [{ setWeight: 20 }] }
`;
    const found = runRule('image-tag-latest', yaml);
    expect(found.map((f) => f.path)).toEqual(['spec.template.spec.containers[0].image']);
    expect(found[0].location?.line).toBe(12);
  });

  test('Argo Workflow templates: container, script, containerSet, initContainers, sidecars', () => {
    const yaml = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: wf- }
spec:
  entrypoint: main
  securityContext: { runAsNonRoot: true }
  templates:
  - name: main
    steps: [[{ name: a, template: build }]]
  - name: build
    initContainers: [{ name: init, image: alpine }]
    container: { image: golang:latest, command: [go, build] }
    sidecars: [{ name: db, image: postgres }]
  - name: check
    script: { image: python:3.13, source: print(1) }
  - name: set
    containerSet:
      containers:
      - { name: a, image: busybox }
      - { name: b, image: busybox:1.36 }
`;
    expect(paths(yaml)).toEqual([
      'spec.templates[1].container.image',
      'spec.templates[1].initContainers[0].image',
      'spec.templates[1].sidecars[0].image',
      'spec.templates[3].containerSet.containers[0].image',
    ]);
    const obj = parseManifestText(yaml, 'wf.yaml').objects[0];
    const cs = allContainers(obj);
    expect(cs.map((c) => `${c.type}:${c.name}`)).toEqual([
      'initContainer:init',
      'container:build',
      'container:db',
      'container:check',
      'container:a',
      'container:b',
    ]);
  });

  test('Argo template-level securityContext is the pod-level one', () => {
    const yaml = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: t }
spec:
  templates:
  - name: main
    securityContext: { runAsNonRoot: true }
    container: { image: alpine:3.20 }
`;
    const [c] = allContainers(parseManifestText(yaml, 't.yaml').objects[0]);
    expect(effective(c, 'runAsNonRoot')).toMatchObject({ value: true, from: 'pod' });
  });

  test('CronWorkflow spec.workflowSpec.templates', () => {
    const yaml = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: { name: cw }
spec:
  schedule: "* * * * *"
  workflowSpec:
    entrypoint: main
    templates:
    - name: main
      container: { image: alpine }
`;
    expect(paths(yaml)).toEqual(['spec.workflowSpec.templates[0].container.image']);
  });

  test('Knative Service, Configuration and Revision', () => {
    const svc = `apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: hello }
spec:
  template:
    spec:
      containers:
      - image: ghcr.io/knative/helloworld-go
`;
    expect(paths(svc)).toEqual(['spec.template.spec.containers[0].image']);
    const conf = svc.replace('kind: Service', 'kind: Configuration');
    expect(paths(conf)).toEqual(['spec.template.spec.containers[0].image']);
    const rev = `apiVersion: serving.knative.dev/v1
kind: Revision
metadata: { name: hello-00001 }
spec:
  containers:
  - image: ghcr.io/knative/helloworld-go
`;
    expect(paths(rev)).toEqual(['spec.containers[0].image']);
  });

  test('Kubeflow PyTorchJob, KServe InferenceService, RayCluster', () => {
    const pt = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata: { name: train }
spec:
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      template:
        spec:
          containers: [{ name: pytorch, image: "pytorch/pytorch" }]
    Worker:
      replicas: 2
      template:
        spec:
          containers: [{ name: pytorch, image: "pytorch/pytorch:2.5.0" }]
`;
    expect(paths(pt)).toEqual(['spec.pytorchReplicaSpecs.Master.template.spec.containers[0].image']);
    const isvc = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: m }
spec:
  predictor:
    model: { modelFormat: { name: sklearn }, image: kserve/sklearnserver }
  transformer:
    containers: [{ name: t, image: "kserve/image-transformer:latest" }]
`;
    expect(paths(isvc)).toEqual(['spec.predictor.model.image', 'spec.transformer.containers[0].image']);
    const ray = `apiVersion: ray.io/v1
kind: RayCluster
metadata: { name: r }
spec:
  headGroupSpec:
    template:
      spec:
        containers: [{ name: head, image: rayproject/ray }]
  workerGroupSpecs:
  - groupName: w
    template:
      spec:
        containers: [{ name: worker, image: "rayproject/ray:2.40.0" }]
`;
    expect(paths(ray)).toEqual(['spec.headGroupSpec.template.spec.containers[0].image']);
  });

  test('unknown kinds and look-alike kinds from other groups carry no pod template', () => {
    expect(
      paths(
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  template:\n    spec:\n      containers: [{ name: c, image: nginx }]\n',
      ),
    ).toEqual([]);
    expect(
      paths(
        'apiVersion: example.com/v1\nkind: Workflow\nmetadata: { name: w }\nspec:\n  templates:\n  - container: { image: nginx }\n',
      ),
    ).toEqual([]);
    expect(
      paths(
        'apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  template:\n    spec:\n      containers: [{ name: c, image: nginx }]\n',
      ),
    ).toEqual([]);
    expect(
      paths('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: w }\nspec:\n  templates: oops\n'),
    ).toEqual([]);
  });
});
