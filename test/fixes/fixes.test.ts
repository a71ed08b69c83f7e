import { applyFixes, applyFixToDocument, fixLineEdit, lineEdit } from '../../src/core/fixes/index.ts';
import { parse } from 'yaml';

const DEPLOY = `# top comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # the web
spec:
  template:
    spec:
      containers:
        - name: app # main
          image: nginx:latest  # pin me
          ports:
            - containerPort: 80
          securityContext:
            privileged: true # bad
        - name: side
          image: busybox
          securityContext: {}
        - name: third
          image: x
          securityContext:
      volumes: []
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
    containers:
    -   name: c
        image: a   # four-space indentation
`;
const WEB = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const C = ['spec', 'template', 'spec', 'containers'];
const fix = (set: { path: (string | number)[]; value: unknown }[]) => ({ description: 'test', set });

/** The text after the fix, and every line it kept unchanged must be byte-identical. */
function apply(target: Parameters<typeof applyFixes>[1][number]) {
  const r = applyFixes(DEPLOY, [target]);
  expect(r.failed).toEqual([]);
  return r.text;
}

describe('applyFixes', () => {
  test('replaces a scalar in place, keeping its comment', () => {
    const out = apply({ object: WEB, fix: fix([{ path: [...C, 0, 'securityContext', 'privileged'], value: false }]) });
    expect(out).toBe(DEPLOY.replace('privileged: true # bad', 'privileged: false # bad'));
  });

  test('adds a key under an existing securityContext at its indentation', () => {
    const out = apply({ object: WEB, fix: fix([{ path: [...C, 0, 'securityContext', 'runAsNonRoot'], value: true }]) });
    expect(out).toBe(
      DEPLOY.replace('privileged: true # bad\n', 'privileged: true # bad\n            runAsNonRoot: true\n'),
    );
  });

  test('adds a missing securityContext block right after image:', () => {
    const out = apply({
      object: WEB,
      fix: fix([{ path: [...C, 0, 'resources', 'limits', 'memory'], value: '128Mi' }]),
    });
    expect(out).toBe(
      DEPLOY.replace(
        'image: nginx:latest  # pin me\n',
        'image: nginx:latest  # pin me\n          resources:\n            limits:\n              memory: 128Mi\n',
      ),
    );
  });

  test('pins an image tag', () => {
    const out = apply({ object: WEB, fix: fix([{ path: [...C, 0, 'image'], value: 'nginx:1.27.3' }]) });
    expect(out).toBe(DEPLOY.replace('nginx:latest  # pin me', 'nginx:1.27.3  # pin me'));
  });

  test('turns an empty flow mapping or an empty value into a block', () => {
    const a = apply({ object: WEB, fix: fix([{ path: [...C, 1, 'securityContext', 'runAsNonRoot'], value: true }]) });
    expect(a).toContain('          image: busybox\n          securityContext:\n            runAsNonRoot: true\n');
    const b = apply({
      object: WEB,
      fix: fix([{ path: [...C, 2, 'securityContext', 'capabilities'], value: { drop: ['ALL'] } }]),
    });
    expect(b).toContain(
      '          securityContext:\n            capabilities:\n              drop:\n                - ALL\n      volumes',
    );
  });

  test('follows the document indentation (4 spaces) and picks the object by identity', () => {
    const out = apply({
      object: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
      fix: fix([{ path: ['spec', 'containers', 0, 'securityContext'], value: { runAsNonRoot: true } }]),
    });
    expect(
      out.endsWith(
        '        image: a   # four-space indentation\n        securityContext:\n            runAsNonRoot: true\n',
      ),
    ).toBe(true);
    expect(out.startsWith(DEPLOY.split('---')[0])).toBe(true);
  });

  test('removes a field with its nested lines', () => {
    const r = applyFixes(DEPLOY, [{ object: WEB, fix: { description: 'rm', remove: [[...C, 0, 'ports']] } }]);
    expect(r.text).toBe(DEPLOY.replace('          ports:\n            - containerPort: 80\n', ''));
  });

  test('merges an object value into an existing mapping key by key', () => {
    const out = applyFixToDocument(
      'spec:\n  securityContext:\n    runAsUser: 1000 # keep\n',
      fix([{ path: ['spec', 'securityContext'], value: { runAsUser: 1000, runAsNonRoot: true } }]),
    );
    expect(out).toBe('spec:\n  securityContext:\n    runAsUser: 1000 # keep\n    runAsNonRoot: true\n');
  });

  test('quotes strings YAML 1.1 would read as something else', () => {
    const out = applyFixToDocument('a:\n  b: x\n', fix([{ path: ['a', 'b'], value: 'yes' }]));
    expect(out).toBe('a:\n  b: "yes"\n');
  });

  test('reports a fix it cannot apply and leaves the text alone', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n';
    const r = applyFixes(text, [
      {
        object: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
        fix: fix([{ path: ['spec', 'hostNetwork'], value: false }]),
      },
    ]);
    expect(r.text).toBe(text);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].reason).toMatch(/flow mapping/);
  });
});

test('an item of a kind: List is found by identity and edited under items[i]', () => {
  const text = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - apiVersion: v1',
    '    kind: Pod',
    '    metadata: {name: a}',
    '    spec:',
    '      containers: [{name: c, image: x}]',
    '  - apiVersion: v1',
    '    kind: Pod',
    '    metadata: {name: b}',
    '    spec:',
    '      hostNetwork: true # why',
    '',
  ].join('\n');
  const r = applyFixes(text, [
    {
      object: { apiVersion: 'v1', kind: 'Pod', name: 'b' },
      fix: fix([{ path: ['spec', 'hostNetwork'], value: false }]),
    },
  ]);
  expect(r.failed).toEqual([]);
  expect(r.text).toBe(text.replace('hostNetwork: true # why', 'hostNetwork: false # why'));
});

describe('line endings', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', name: 'p' };
  const runAsNonRoot = fix([{ path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], value: true }]);

  test('a file without a final line break keeps it that way', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: a';
    const r = applyFixes(text, [{ object: pod, fix: runAsNonRoot }]);
    expect(r.text).toBe(text + '\n    securityContext:\n      runAsNonRoot: true');
    expect(fixLineEdit(text, { object: pod, fix: runAsNonRoot })).toEqual({
      startLine: 8,
      endLine: 8,
      lines: ['    image: a', '    securityContext:', '      runAsNonRoot: true'],
    });
  });

  test('CRLF files get CRLF lines; suggestions carry no carriage returns', () => {
    const text =
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: c\r\n    securityContext:\r\n      privileged: true\r\n';
    const r = applyFixes(text, [{ object: pod, fix: runAsNonRoot }]);
    expect(r.text).toBe(text + '      runAsNonRoot: true\r\n');
    expect(fixLineEdit(text, { object: pod, fix: runAsNonRoot })!.lines).toEqual([
      '      privileged: true',
      '      runAsNonRoot: true',
    ]);
  });
});

describe('line edits for suggestions', () => {
  test('an in-place change replaces exactly its line', () => {
    const e = fixLineEdit(DEPLOY, {
      object: WEB,
      fix: fix([{ path: [...C, 0, 'securityContext', 'privileged'], value: false }]),
    });
    expect(e).toEqual({ startLine: 15, endLine: 15, lines: ['            privileged: false # bad'] });
  });

  test('an insertion replaces the line above it with itself plus the new lines', () => {
    const e = fixLineEdit(DEPLOY, {
      object: WEB,
      fix: fix([{ path: [...C, 0, 'securityContext', 'runAsNonRoot'], value: true }]),
    });
    expect(e).toEqual({
      startLine: 15,
      endLine: 15,
      lines: ['            privileged: true # bad', '            runAsNonRoot: true'],
    });
  });

  test('a removal replaces its lines with nothing', () => {
    expect(lineEdit('a\nb\nc\nd\n', 'a\nd\n')).toEqual({ startLine: 2, endLine: 3, lines: [] });
  });

  test('no edit when nothing changes or the object is missing', () => {
    expect(lineEdit('a\n', 'a\n')).toBeUndefined();
    expect(
      fixLineEdit(DEPLOY, { object: { ...WEB, name: 'nope' }, fix: fix([{ path: ['x'], value: 1 }]) }),
    ).toBeUndefined();
  });
});

describe('replacing a block collection', () => {
  const doc = `spec:
  containers:
  - name: c
    securityContext:
      capabilities:
        drop:
        - NET_RAW   # keep?
      privileged: false
  volumes: []
`;
  test('a block sequence stays a block sequence and the next key keeps its line', () => {
    const out = applyFixToDocument(
      doc,
      fix([{ path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] }]),
    );
    expect(out).toBe(doc.replace('        - NET_RAW   # keep?\n', '        - ALL\n'));
    expect(parse(out)).toEqual({
      spec: {
        containers: [{ name: 'c', securityContext: { capabilities: { drop: ['ALL'] }, privileged: false } }],
        volumes: [],
      },
    });
  });
  test('a block mapping replaced by a scalar keeps the following keys valid', () => {
    const out = applyFixToDocument(
      doc,
      fix([{ path: ['spec', 'containers', 0, 'securityContext', 'capabilities'], value: 'none' }]),
    );
    expect(parse(out).spec.containers[0].securityContext).toEqual({ capabilities: 'none', privileged: false });
  });
});
