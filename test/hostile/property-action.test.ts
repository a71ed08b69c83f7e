/**
 * Issue 10, acceptance: a property test that drives the GitHub Action's entry (src/github/main.ts,
 * spawned as the runner does) with arbitrary file trees, configurations and GitHub API faults
 * served by the project's fake, and holds three properties on every run:
 *
 *   1. the verdict is the CLI's: the `exit-code` output equals the exit code of `kubeward scan`
 *      run in-process on the same tree with the same options, and the step fails (and
 *      `passed=false`) whenever the CLI would not exit 0 — never a pass where the CLI exits 2;
 *   2. nothing crashes: the process ends by itself with 0 or 1, no internal error, no unhandled
 *      rejection, whatever the API answers (5xx, hangs, malformed JSON, 403);
 *   3. a planted secret (assembled here, at test time) is printed nowhere: runner log (annotations
 *      included), job summary, outputs, SARIF file, and every request body sent to GitHub.
 *
 * Each run spawns Node, so the number of runs is small; KUBEWARD_PROPERTY_RUNS raises it and
 * KUBEWARD_PROPERTY_SEED replays a failure (fast-check prints the seed and the shrunk case).
 */
import { jest } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanupActionRuns, runActionEntry, workspaceWith } from '../support/action-runner.ts';
import { startFakeGitHub, type FailureRule, type FakeGitHub } from '../support/fake-github.ts';
import { cli } from './support.ts';

jest.setTimeout(180_000);

// Planted values, assembled at test time: a token-shaped string and a long number, each under a
// key that makes it a secret (env DB_PASSWORD, Secret stringData/data, a secret-looking annotation).
const rnd = (n: number) =>
  Array.from(
    { length: n },
    () => 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 55)],
  ).join('');
const SECRET = ['Pl4nt', rnd(20), 'x9Q'].join('');
const SECRET_NUM = ['9127', String(Math.floor(1e11 + Math.random() * 8e11))].join('');
const SECRET_B64 = Buffer.from(SECRET).toString('base64');
const PLANTED = [SECRET, SECRET_NUM, SECRET_B64];

const FILES: Record<string, () => string | Buffer> & Record<'clean' | 'privileged' | 'secret', () => string> = {
  clean: () => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: production
`,
  privileged: () => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    api-token: "${SECRET}"
spec:
  containers:
    - name: app
      image: nginx:latest
      securityContext:
        privileged: true
      env:
        - name: DB_PASSWORD
          value: "${SECRET}"
        - name: API_KEY
          value: ${SECRET_NUM}
`,
  secret: () => `apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
stringData:
  password: "${SECRET}"
data:
  token: ${SECRET_B64}
`,
  schemaInvalid: () => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: api:1.0
          env:
            - name: DB_PASSWORD
              value: ${SECRET_NUM}
`,
  invalidYaml: () => `apiVersion: v1
kind: Secret
metadata:
  name: broken
stringData:
  password: ${SECRET}
   oops: [${SECRET}
`,
  invalidYaml2: () => `apiVersion: v1\nkind: ConfigMap\ndata:\n  DB_PASSWORD: "${SECRET}\n  x: 'y\n`,
  duplicateKeys: () => `apiVersion: v1
kind: Pod
metadata:
  name: dup
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
        privileged: false
      env:
        - name: DB_PASSWORD
          value: "${SECRET}"
          value: "${SECRET}"
`,
  empty: () => '',
  binary: () => Buffer.from([0x61, 0x70, 0x69, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x0a]),
  bom: () => '\uFEFF' + FILES.privileged(),
  laterBom: () => FILES.clean() + '---\n\uFEFF' + FILES.secret(),
  hugeish: () => '---\n0\n'.repeat(20_000) + '---\n' + FILES.clean(),
  notKubernetes: () => 'just: data\n',
  nestedList: () => `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: List
    items:
      - ${FILES.privileged().replace(/\n/g, '\n        ').trimEnd()}
`,
  itemsMap: () => `apiVersion: v1\nkind: List\nitems:\n  a: {kind: Pod}\n`,
  suppressions: () => `apiVersion: v1
kind: Pod
metadata:
  name: quiet
  namespace: shop
  annotations:
    api-token: "${SECRET}"
    kubeward.io/ignore: "${SECRET} -- a rule id that is the token"
spec:
  containers:
    - name: app
      image: "nginx:latest # kubeward-ignore"
      env:
        - name: DB_PASSWORD
          value: "${SECRET}" # kubeward-ignore secret-in-env
`,
};

const CONFIGS: Record<string, string | undefined> = {
  none: undefined,
  excludeAll: 'exclude: ["**"]\n',
  excludeSome: 'exclude: ["deploy/f1.yaml", "**/*a*a*a*a*a*a*a*b"]\n',
  disableInputRules:
    'rules:\n  invalid-yaml: {enabled: false}\n  duplicate-key: {enabled: false}\n  privileged-container: {enabled: false}\n',
  lowerSeverity: 'rules:\n  invalid-yaml: {severity: info}\n  secret-in-env: {severity: low}\n',
  unknownRule: 'rules:\n  no-such-rule: {enabled: false}\n',
  invalidYaml: `rules: [\n  password: ${SECRET}\n`,
  wrongType: `exclude: 42\n`,
  exemption: `exemptions:\n  - rules: ["*"]\n    objects: ["Pod/*/*"]\n    reason: "accepted"\n    expires: "2020-01-01"\n`,
};

type Fault =
  | { kind: 'none' }
  | { kind: 'status'; status: number; route: string; times?: number }
  | { kind: 'hang'; route: string }
  | { kind: 'malformed'; route: string };

const ROUTES = ['/comments', '/reviews', '/files', '/contents/'];

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: 'none' }),
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.constantFrom(500, 502, 503, 403, 404, 422),
    route: fc.constantFrom(...ROUTES),
    times: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('hang' as const), route: fc.constantFrom(...ROUTES) }),
  fc.record({ kind: fc.constant('malformed' as const), route: fc.constantFrom(...ROUTES) }),
);

function rules(f: Fault): FailureRule[] {
  if (f.kind === 'none') return [];
  const re = new RegExp(f.route.replace(/\//g, '\\/'));
  const out: FailureRule[] = [];
  for (const method of ['GET', 'POST', 'PATCH']) {
    if (f.kind === 'status') out.push({ method, path: re, status: f.status, ...(f.times ? { times: f.times } : {}) });
    else if (f.kind === 'hang') out.push({ method, path: re, status: 200, hang: true });
    else out.push({ method, path: re, status: 200, raw: `{"id": 1, "body": "${SECRET.slice(0, 4)}` });
  }
  return out;
}

const caseArb = fc.record({
  files: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...Object.keys(FILES)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 120 }).map((s) => `raw:${s}`) },
    ),
    { minLength: 0, maxLength: 4 },
  ),
  config: fc.constantFrom(...Object.keys(CONFIGS)),
  paths: fc.constantFrom('deploy', 'deploy/*.yaml', 'deploy/f0.yaml', 'deploi', 'deploy\nmissing.yaml'),
  failOn: fc.constantFrom('high', 'critical', 'low', 'none'),
  allowEmpty: fc.boolean(),
  comment: fc.constantFrom('off', 'sticky', 'review', 'both'),
  annotations: fc.boolean(),
  onlyNew: fc.boolean(),
  fault: faultArb,
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function treeOf(c: Case): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  c.files.forEach((kind, i) => {
    files[`deploy/f${i}.yaml`] = kind.startsWith('raw:') ? kind.slice(4) : FILES[kind]();
  });
  const config = CONFIGS[c.config];
  if (config !== undefined) files['.kubeward.yaml'] = config;
  return files;
}

function leaks(text: string): string[] {
  return PLANTED.filter((p) => text.includes(p)).map((p) =>
    p === SECRET ? 'SECRET' : p === SECRET_NUM ? 'SECRET_NUM' : 'SECRET_B64',
  );
}

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(async () => {
  await fake.close();
  cleanupActionRuns();
});

async function check(c: Case): Promise<void> {
  const ws = workspaceWith({});
  const { writeFileSync, mkdirSync } = await import('node:fs');
  for (const [rel, content] of Object.entries(treeOf(c))) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), content);
  }
  const paths = c.paths.split('\n');
  const args = ['scan', ...paths, '--fail-on', c.failOn, '--format', 'json'];
  if (c.allowEmpty) args.push('--allow-empty');
  const expected = await cli(args, ws);

  fake.requests.length = 0;
  fake.issueComments.length = 0;
  fake.reviews.length = 0;
  fake.reviewComments.length = 0;
  fake.failures.splice(0, fake.failures.length, ...rules(c.fault));
  fake.files.splice(
    0,
    fake.files.length,
    ...c.files.map((_, i) => ({
      filename: `deploy/f${i}.yaml`,
      status: 'added',
      patch: '@@ -0,0 +1,40 @@\n' + '+x\n'.repeat(40),
    })),
  );
  const r = await runActionEntry(
    ws,
    fake,
    {
      paths: c.paths,
      'fail-on': c.failOn,
      'allow-empty': String(c.allowEmpty),
      comment: c.comment,
      annotations: String(c.annotations),
      'only-new': String(c.onlyNew),
    },
    { env: { KUBEWARD_GITHUB_TIMEOUT_MS: '300', KUBEWARD_RETRY_MAX_WAIT_MS: '100' }, timeoutMs: 60_000 },
  );

  const where = `\n--- action log ---\n${r.log.slice(-3000)}\n--- summary ---\n${r.summary.slice(0, 2000)}\n--- cli stderr ---\n${expected.stderr.slice(0, 1000)}`;
  // 2. no crash
  if (r.killed) throw new Error(`the action hung (killed after 60 s)${where}`);
  if (r.code !== 0 && r.code !== 1) throw new Error(`the action exited ${r.code}${where}`);
  if (/kubeward failed:|internal error|Unhandled|unhandled|TypeError|RangeError|ReferenceError/.test(r.log))
    throw new Error(`the action crashed${where}`);
  // 1. the CLI's verdict
  if (r.outputs['exit-code'] !== String(expected.code))
    throw new Error(`exit-code output ${r.outputs['exit-code']}, the CLI exits ${expected.code}${where}`);
  if (expected.code !== 0 && (r.code === 0 || r.outputs.passed !== 'false'))
    throw new Error(
      `the action passed (code ${r.code}, passed=${r.outputs.passed}) where the CLI exits ${expected.code}${where}`,
    );
  if (expected.code === 0 && (r.code !== 0 || r.outputs.passed !== 'true'))
    throw new Error(`the action failed (code ${r.code}) where the CLI exits 0${where}`);
  // 3. no planted value anywhere
  let sarif: string;
  try {
    sarif = readFileSync(r.outputs['sarif-file'] ?? path.join(ws, 'kubeward.sarif'), 'utf8');
  } catch {
    sarif = '';
  }
  const sent = JSON.stringify(fake.requests.map((q) => q.body ?? null));
  for (const [what, text] of [
    ['runner log', r.log],
    ['job summary', r.summary],
    ['outputs', JSON.stringify(r.outputs)],
    ['SARIF file', sarif],
    ['requests to GitHub', sent],
    ['CLI output', expected.stdout + expected.stderr],
  ] as const) {
    const l = leaks(text);
    if (l.length) throw new Error(`${l.join(', ')} printed in the ${what}${where}`);
  }
}

test('the action never passes where the CLI exits 2, never crashes, never prints a planted secret', async () => {
  const numRuns = Number(process.env.KUBEWARD_PROPERTY_RUNS ?? 14);
  const seed = process.env.KUBEWARD_PROPERTY_SEED ? Number(process.env.KUBEWARD_PROPERTY_SEED) : undefined;
  await fc.assert(fc.asyncProperty(caseArb, check), {
    numRuns,
    ...(seed !== undefined ? { seed } : {}),
    // each run is a Node process: shrinking is bounded so a failure reports within the suite's time
    endOnFailure: false,
    verbose: 1,
    interruptAfterTimeLimit: 150_000,
    markInterruptAsFailure: false,
    examples: [
      // the cases issue 10 names, always run: a typo'd path, exclude-everything, unreadable input
      // with input rules disabled, and every hostile file at once with every API fault kind
      [
        {
          files: ['privileged'],
          config: 'none',
          paths: 'deploi',
          failOn: 'none',
          allowEmpty: false,
          comment: 'both',
          annotations: true,
          onlyNew: false,
          fault: { kind: 'none' },
        },
      ],
      [
        {
          files: ['clean', 'secret'],
          config: 'excludeAll',
          paths: 'deploy',
          failOn: 'high',
          allowEmpty: false,
          comment: 'sticky',
          annotations: false,
          onlyNew: false,
          fault: { kind: 'status', status: 502, route: '/comments', times: 1 },
        },
      ],
      [
        {
          files: ['invalidYaml', 'binary', 'clean'],
          config: 'disableInputRules',
          paths: 'deploy',
          failOn: 'none',
          allowEmpty: true,
          comment: 'both',
          annotations: true,
          onlyNew: true,
          fault: { kind: 'malformed', route: '/comments' },
        },
      ],
      [
        {
          files: ['schemaInvalid', 'duplicateKeys', 'suppressions', 'laterBom'],
          config: 'exemption',
          paths: 'deploy',
          failOn: 'high',
          allowEmpty: false,
          comment: 'both',
          annotations: true,
          onlyNew: false,
          fault: { kind: 'hang', route: '/reviews' },
        },
      ],
      [
        {
          files: ['invalidYaml2', 'hugeish', 'nestedList', 'itemsMap'],
          config: 'invalidYaml',
          paths: 'deploy',
          failOn: 'low',
          allowEmpty: false,
          comment: 'review',
          annotations: true,
          onlyNew: false,
          fault: { kind: 'status', status: 403, route: '/reviews' },
        },
      ],
    ],
  });
});
