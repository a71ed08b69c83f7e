/** Dockerfile rules (one passing and one failing case each), suppressions, and the USER cross-check. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate } from '../../src/core/engine.ts';
import { catalog } from '../../src/core/rules/index.ts';
import { scan } from '../../src/core/scan.ts';
import { dockerfileObject, parseDockerfile } from '../../src/core/sources/dockerfile.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';

const RULES = catalog.filter((r) => r.meta.category === 'dockerfile');

/** rule id -> lines flagged, for one Dockerfile (every Dockerfile rule on, registries set). */
function lint(text: string): Record<string, number[]> {
  const res = evaluate([dockerfileObject('Dockerfile', text)], [], {
    rules: RULES,
    settings: (meta) => ({
      enabled: true,
      severity: meta.severity,
      options: meta.id === 'dockerfile-registry' ? { registries: ['registry.example.com'] } : {},
    }),
  });
  const out: Record<string, number[]> = {};
  for (const f of res.findings) (out[f.ruleId] ??= []).push(f.location!.line);
  for (const k of Object.keys(out)) out[k].sort((a, b) => a - b);
  return out;
}

const GOOD = `FROM registry.example.com/golang:1.22@sha256:${'a'.repeat(64)} AS build
RUN apt-get install -y curl=8.5.0-2 && pip install requests==2.32.3 && npm install -g typescript@5.9.3
COPY . /src
FROM registry.example.com/distroless/static:nonroot@sha256:${'b'.repeat(64)}
COPY --from=build /src/app /app
ADD vendor.tar.gz /opt/
HEALTHCHECK CMD ["/app", "health"]
USER 65532:65532
`;

test('a hardened Dockerfile passes every rule', () => {
  expect(lint(GOOD)).toEqual({});
});

test.each([
  ['dockerfile-user-root', 'FROM alpine:3.20\nRUN true\n', [1]],
  ['dockerfile-user-root', 'FROM alpine:3.20\nUSER app\nUSER 0:0\n', [3]],
  ['dockerfile-user-root', 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\n', [2]],
  [
    'dockerfile-base-latest',
    'FROM node\nFROM python:latest\nFROM node AS x\nFROM x\nFROM scratch\nUSER 1\n',
    [1, 2, 3],
  ],
  ['dockerfile-base-digest', 'FROM node:22\nUSER 1\n', [1]],
  [
    'dockerfile-add',
    'FROM a:1\nADD https://x.example/tool /usr/bin/tool\nADD --checksum=sha256:abc https://x.example/y /y\nADD app.js /app/\nUSER 1\n',
    [2, 4],
  ],
  [
    'dockerfile-apt-pinning',
    'FROM a:1\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n  git=1:2.39\nRUN apk add --no-cache bash\nRUN pip install -r requirements.txt\nUSER 1\n',
    [2, 4],
  ],
  [
    'dockerfile-curl-pipe-shell',
    'FROM a:1\nRUN curl -fsSL https://get.example.com | bash\nRUN wget -qO- https://x | sudo sh\nRUN curl -o x https://x\nUSER 1\n',
    [2, 3],
  ],
  ['dockerfile-sudo', 'FROM a:1\nRUN sudo apt-get update\nUSER 1\n', [2]],
  ['dockerfile-healthcheck', 'FROM a:1\nUSER 1\n', [1]],
  ['dockerfile-registry', 'FROM docker.io/library/node:22\nFROM registry.example.com/node:22\nUSER 1\n', [1]],
  [
    'dockerfile-secret',
    'FROM a:1\nCOPY id_rsa /root/.ssh/\nCOPY .aws/credentials /root/.aws/credentials\nCOPY src /src\nUSER 1\n',
    [2, 3],
  ],
])('%s flags its lines', (rule, text, lines) => {
  expect(lint(text)[rule]).toEqual(lines);
});

test('secrets in ENV/ARG are found through the detectors and never printed', () => {
  const token = 'gh' + 'p_' + 'Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz1Xc3Vb5';
  const text = `FROM a:1\nARG BASE=alpine\nENV GITHUB_TOKEN=${token} LOG_LEVEL=debug\nUSER 1\n`;
  const res = evaluate([dockerfileObject('Dockerfile', text)], [], { rules: RULES });
  const f = res.findings.filter((x) => x.ruleId === 'dockerfile-secret');
  expect(f.map((x) => x.location?.line)).toEqual([3]);
  expect(f[0].secretPreview).toBe('ghp_…(40 chars)');
  expect(JSON.stringify(res)).not.toContain(token);
});

test('multi-stage: stages, names and the final user are read', () => {
  const d = parseDockerfile(
    'ARG V=1\nFROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM gcr.io/x/y@sha256:' +
      'c'.repeat(64) +
      '\nUSER 10\n',
  );
  expect(d.stages.map((s) => [s.image, s.name ?? '', s.fromStage, s.line])).toEqual([
    ['', '', true, 1],
    ['golang:1.22', 'build', false, 2],
    ['build', 'test', true, 4],
    [`gcr.io/x/y@sha256:${'c'.repeat(64)}`, '', false, 5],
  ]);
});

test('a # kubeward-ignore comment with a reason suppresses a Dockerfile finding', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-df-'));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM alpine:3.20\n# kubeward-ignore dockerfile-user-root runs as root to bind port 80 in the legacy setup\nUSER root\n',
  );
  const r = await scan({ paths: ['.'], cwd: dir });
  expect(r.findings.filter((f) => f.ruleId === 'dockerfile-user-root')).toEqual([]);
  expect(r.suppressed.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([['dockerfile-user-root', 'inline']]);
  expect(r.objectsScanned).toBe(1);
});

describe('cross-check: runAsNonRoot without runAsUser on an image whose Dockerfile ends as root', () => {
  const MANIFEST = (sc: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.2.3
          securityContext:
${sc}
`;
  async function run(dockerfile: string, sc: string, opts: { comment?: boolean } = {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-df-x-'));
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      (opts.comment ? '# kubeward-image: ghcr.io/acme/web\n' : '') + dockerfile,
    );
    writeFileSync(path.join(dir, 'web.yaml'), MANIFEST(sc));
    return scan({
      paths: ['.'],
      cwd: dir,
      ...(opts.comment ? {} : { sources: { images: { 'ghcr.io/acme/web': 'Dockerfile' } } }),
    });
  }

  test('matched by a # kubeward-image: comment: one finding with both locations', async () => {
    const r = await run('FROM alpine:3.20\nUSER root\n', '            runAsNonRoot: true', { comment: true });
    const f = r.findings.filter((x) => x.ruleId === 'dockerfile-user-conflict');
    expect(f.map((x) => `${x.location?.file}:${x.location?.line}`)).toEqual(['web.yaml:13']);
    expect(f[0].details?.dockerfile).toBe('Dockerfile:3');
    expect(f[0].message).toMatch(/CreateContainerConfigError/);
  });

  test('matched by sources.images; no USER counts as root', async () => {
    const r = await run('FROM alpine:3.20\n', '            runAsNonRoot: true');
    expect(r.findings.filter((x) => x.ruleId === 'dockerfile-user-conflict').map((x) => x.details?.dockerfile)).toEqual(
      ['Dockerfile:1'],
    );
  });

  test('no finding with a runAsUser, or a non-root USER', async () => {
    const a = await run(
      'FROM alpine:3.20\nUSER root\n',
      '            runAsNonRoot: true\n            runAsUser: 1000',
      { comment: true },
    );
    const b = await run('FROM alpine:3.20\nUSER 10001\n', '            runAsNonRoot: true', { comment: true });
    for (const r of [a, b]) expect(r.findings.filter((x) => x.ruleId === 'dockerfile-user-conflict')).toEqual([]);
  });
});

test('Dockerfile objects are never judged by the manifest rules', () => {
  const obj = dockerfileObject('Dockerfile', 'FROM node\n');
  const manifest = parseManifestText(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: y}\n',
    'x.yaml',
  ).objects;
  const res = evaluate([obj, ...manifest], [], { rules: catalog.filter((r) => r.meta.category !== 'dockerfile') });
  expect(res.findings.filter((f) => f.object?.kind === 'Dockerfile')).toEqual([]);
});
