/** Trace-back without helm: marker maps, template walks and values lookup on hand-written inputs. */
import {
  markValues,
  MarkerMap,
  mergeValues,
  templateLiterals,
  templateText,
  trace,
  namedTemplates,
  type TraceInput,
} from '../../src/core/sources/trace.ts';
import { parseYamlFile } from '../../src/core/sources/yaml-paths.ts';

const TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    spec:
      hostNetwork: true
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
        - name: sidecar
          image: busybox:1.36
          ports:
            - containerPort: {{ .Values.port }}
`;
const VALUES = `image:
  repository: ghcr.io/acme/app
  tag: latest
port: 8080
podSecurityContext: {}
securityContext:
  runAsUser: 1000
`;

const real = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'r' },
  spec: {
    template: {
      spec: {
        hostNetwork: true,
        containers: [
          { name: 'app', image: 'ghcr.io/acme/app:latest', securityContext: { runAsUser: 1000 } },
          { name: 'sidecar', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] },
        ],
      },
    },
  },
};

function input(withMarkers: boolean): TraceInput {
  const values = {
    image: { repository: 'ghcr.io/acme/app', tag: 'latest' },
    port: 8080,
    podSecurityContext: {},
    securityContext: { runAsUser: 1000 },
  };
  const marked = markValues(values, { numbers: true, keep: new Set() });
  // what helm renders with the marked values
  const markedDoc = JSON.parse(JSON.stringify(real));
  const c = markedDoc.spec.template.spec.containers;
  c[0].image = 'kwv0x:kwv1x';
  c[0].securityContext.runAsUser = 'kwv3x';
  c[1].ports[0].containerPort = 'kwv2x';
  return {
    data: real,
    template: templateText('chart/templates/deploy.yaml', TEMPLATE),
    kind: 'Deployment',
    ordinal: 0,
    values: [{ file: 'chart/values.yaml', yaml: parseYamlFile(VALUES) }],
    ...(withMarkers ? { markers: new MarkerMap(real, markedDoc, marked) } : {}),
  };
}

const C = ['spec', 'template', 'spec', 'containers'] as const;

describe('trace', () => {
  test.each([true, false])('literal key -> template line (markers: %s)', (m) => {
    expect(trace(input(m), ['spec', 'template', 'spec', 'hostNetwork'])).toMatchObject({
      kind: 'template',
      location: { file: 'chart/templates/deploy.yaml', line: 8, column: 7 },
    });
  });

  test('marker leaf -> values key (the last of several markers in one string)', () => {
    expect(trace(input(true), [...C, 0, 'image'])).toMatchObject({
      kind: 'values',
      valuesKey: 'image.tag',
      location: { line: 3 },
    });
  });

  test('a number through a marker -> its values line, in the second list item', () => {
    expect(trace(input(true), [...C, 1, 'ports', 0, 'containerPort'])).toMatchObject({
      kind: 'values',
      valuesKey: 'port',
      location: { line: 4 },
    });
  });

  test('whole subtree (toYaml .Values.x): missing field -> x', () => {
    const t = trace(input(true), [...C, 0, 'securityContext', 'runAsNonRoot']);
    expect(t).toMatchObject({ kind: 'values', valuesKey: 'securityContext.runAsNonRoot', location: { line: 6 } });
    expect(t.renderedPrefix).toEqual([...C, 0, 'securityContext']);
  });

  test('without markers, toYaml .Values.x under a literal key still -> x', () => {
    expect(trace(input(false), [...C, 0, 'securityContext', 'runAsNonRoot'])).toMatchObject({
      kind: 'values',
      location: { line: 6 },
    });
  });

  test('with .Values.x around the key and toYaml . below it -> x (an empty map renders nothing)', () => {
    expect(trace(input(true), ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'])).toMatchObject({
      kind: 'values',
      valuesKey: 'podSecurityContext.runAsNonRoot',
      location: { line: 5 },
    });
  });

  test('index segments pick the n-th list item of the template', () => {
    expect(trace(input(false), [...C, 1, 'image'])).toMatchObject({ kind: 'template', location: { line: 19 } });
  });

  test('a path with no literal key -> the object (kind:) line', () => {
    expect(trace(input(true), ['data', 'x'])).toMatchObject({ kind: 'object', location: { line: 2 } });
  });
});

describe('marker values', () => {
  test('empty strings, zero, booleans and compared literals are kept; the rest is marked', () => {
    const keep = templateLiterals('{{ if eq .Values.kind "Deployment" }}x{{ end }}');
    const m = markValues(
      { kind: 'Deployment', name: 'x', empty: '', n: 0, on: true, list: ['a'], port: 80 },
      { numbers: true, keep },
    );
    expect(m.values).toEqual({
      kind: 'Deployment',
      name: 'kwv0x',
      empty: '',
      n: 0,
      on: true,
      list: ['kwv1x'],
      port: 'kwv2x',
    });
    expect(m.keys.map((k) => k.path)).toEqual([['name'], ['list', 0], ['port']]);
  });

  test('a marker is trusted only where the real rendering holds the real value', () => {
    const marked = markValues({ a: 'one', b: 'two' }, { numbers: false, keep: new Set() });
    const map = new MarkerMap({ x: 'one', y: 'something else' }, { x: 'kwv0x', y: 'kwv1x' }, marked);
    expect([...map.leaves.keys()]).toEqual(['["x"]']);
  });

  test('values files merge as helm merges them (maps merge, null deletes)', () => {
    expect(mergeValues({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3, b: null }, d: [2] })).toEqual({
      a: { c: 3 },
      d: [2],
    });
  });

  test('named templates that copy one values key', () => {
    const d = namedTemplates(
      '{{- define "x.sc" -}}\n{{ toYaml .Values.sc }}\n{{- end }}\n{{- define "x.labels" -}}\napp: {{ .Values.a }}-{{ .Values.b }}\n{{- end }}',
    );
    expect(d.get('x.sc')).toEqual(['sc']);
    expect(d.get('x.labels')).toBeUndefined();
  });
});
