/**
 * Field ownership from managedFields (as the API server records it), used by drift to say who
 * set a live value, and the API server's downward-API default that is not drift.
 */
import { ownedFields, ownersOf } from '../../src/core/live/field-managers.ts';
import { driftBetween } from '../../src/core/rules/live.ts';
import type { K8sObject } from '../../src/core/manifests/types.ts';

type Json = Record<string, unknown>;

// managedFields shaped as kube-apiserver v1.37 wrote them for a server-side apply by
// kubeward-test followed by a `kubectl edit`-style update of the image
const live: Json = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    managedFields: [
      {
        manager: 'kubeward-test',
        operation: 'Apply',
        time: '2026-12-03T20:53:21Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:replicas': {},
            'f:template': {
              'f:spec': {
                'f:containers': {
                  'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:securityContext': { 'f:runAsNonRoot': {} } },
                },
              },
            },
          },
        },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
        time: '2026-12-03T20:53:30Z',
        fieldsV1: { 'f:status': { 'f:replicas': {} } },
      },
      {
        manager: 'kubectl-edit',
        operation: 'Update',
        time: '2026-12-03T20:54:02Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { 'f:image': {} } } } } },
        },
      },
    ],
  },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'sidecar' }, { name: 'app', image: 'nginx:latest' }] } },
  },
};

describe('ownersOf', () => {
  test('names the manager of a field inside a keyed list item, by the live item at that index', () => {
    const image = ['spec', 'template', 'spec', 'containers', 1, 'image'];
    expect(ownersOf(live, image).map((o) => o.manager)).toEqual(['kubectl-edit']);
    expect(ownersOf(live, ['spec', 'template', 'spec', 'containers', 1, 'securityContext'])).toEqual([
      { manager: 'kubeward-test', operation: 'Apply', time: '2026-12-03T20:53:21Z' },
    ]);
    // a parent path: every manager that owns something below it, newest first
    expect(ownersOf(live, ['spec', 'template', 'spec', 'containers', 1]).map((o) => o.manager)).toEqual([
      'kubectl-edit',
      'kubeward-test',
    ]);
    // the item at index 0 is another container: nobody owns its image
    expect(ownersOf(live, ['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual([]);
    // status writes are not edits
    expect(ownersOf(live, ['status', 'replicas'])).toEqual([]);
  });

  test('ownedFields lists the leaves of a field set readably', () => {
    const mf = (live.metadata as { managedFields: Json[] }).managedFields;
    expect(ownedFields(mf[2].fieldsV1)).toEqual(['spec.template.spec.containers[app].image']);
    expect(ownedFields(mf[0].fieldsV1)).toEqual([
      'spec.replicas',
      'spec.template.spec.containers[app].name',
      'spec.template.spec.containers[app].securityContext.runAsNonRoot',
    ]);
  });
});

describe('drift and the downward API', () => {
  const obj = (spec: Json): K8sObject => ({
    data: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { spec } } },
    ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' },
    origin: 'live',
    docPath: [],
  });
  const item = (apiVersion?: string) => ({
    path: 'ns',
    fieldRef: { ...(apiVersion ? { apiVersion } : {}), fieldPath: 'metadata.namespace' },
  });
  const spec = (apiVersion?: string) => ({
    containers: [{ name: 'c', image: 'i:1' }],
    volumes: [
      { name: 'info', downwardAPI: { items: [item(apiVersion)] } },
      { name: 'bundle', projected: { sources: [{ downwardAPI: { items: [item(apiVersion)] } }] } },
    ],
  });
  test("fieldRef.apiVersion v1, the API server's default, is not drift", () => {
    expect(driftBetween(obj(spec()), obj(spec('v1')))).toEqual([]);
  });
  test('another fieldRef is', () => {
    const changed = spec('v1');
    (changed.volumes[0].downwardAPI!.items[0].fieldRef as Json).fieldPath = 'metadata.labels';
    expect(driftBetween(obj(spec()), obj(changed)).map((d) => d.field)).toEqual(['volumes']);
  });
});
