/**
 * Issue 10, section 2: a pull request cannot weaken its own gate. The policy can come from the
 * base commit (`config-ref: base`), a locked policy bounds annotations and inline comments and
 * pins rules and exemption lengths, wildcards never silence secrets or input errors, a
 * `# kubeward-ignore` inside a quoted scalar is no directive, and only kubeward's own comments
 * count as kubeward's.
 */
import { jest } from '@jest/globals';
import { Octokit } from '@octokit/core';
import { scan } from '../../src/core/scan.ts';
import type { Report } from '../../src/core/model.ts';
import { publishReview, publishStickyComment, STICKY_MARKER } from '../../src/pr/index.ts';
import type { GitHubClient } from '../../src/pr/client.ts';
import { BASE_SHA, cleanupActionRuns, runActionEntry, workspaceWith } from '../support/action-runner.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

jest.setTimeout(120_000);
afterAll(cleanupActionRuns);

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx@sha256:${'a'.repeat(64)}
      securityContext:
        privileged: true
`;

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub();
});
afterEach(() => fake.close());

const has = (r: Pick<Report, 'findings'>, id: string) => r.findings.some((f) => f.ruleId === id);

describe('config-ref: base', () => {
  test("the PR's own .kubeward.yaml cannot turn a rule off when the policy comes from the base commit", async () => {
    const ws = workspaceWith({
      'deploy/pod.yaml': PRIVILEGED,
      '.kubeward.yaml': 'rules:\n  privileged-container: {enabled: false}\n',
    });
    fake.contents[`${BASE_SHA}:.kubeward.yaml`] = 'policy:\n  locked: true\n';
    const r = await runActionEntry(ws, fake, { paths: 'deploy', 'config-ref': 'base', comment: 'off' });
    expect(r.outputs.passed).toBe('false');
    expect(r.code).not.toBe(0);
    expect(r.summary).toMatch(/at the base commit fedcba9 \\?\(locked policy\\?\)/);
    expect(r.summary).toMatch(/privileged-container/);
  });

  test('no configuration at the base: the defaults apply, never the PR copy', async () => {
    const ws = workspaceWith({
      'deploy/pod.yaml': PRIVILEGED,
      '.kubeward.yaml': 'rules:\n  privileged-container: {enabled: false}\n',
    });
    const r = await runActionEntry(ws, fake, { paths: 'deploy', 'config-ref': 'base', comment: 'off' });
    expect(r.outputs.passed).toBe('false');
    expect(r.summary).toMatch(/none at the base commit/);
  });
});

describe('a locked policy', () => {
  const policy = (extra: string) => ({ text: `policy:\n  locked: true\n${extra}`, file: '.kubeward.yaml' });
  const annotated = (value: string) =>
    PRIVILEGED.replace(
      '  namespace: shop\n',
      `  namespace: shop\n  annotations:\n    kubeward.io/ignore: "${value}"\n`,
    );

  test('lockedRules: no suppression silences them', async () => {
    const ws = workspaceWith({ 'pod.yaml': annotated('privileged-container -- accepted') });
    const open = await scan({ paths: ['pod.yaml'], cwd: ws, configContent: { text: '{}\n', file: '.kubeward.yaml' } });
    expect(has(open, 'privileged-container')).toBe(false);
    const r = await scan({
      paths: ['pod.yaml'],
      cwd: ws,
      configContent: policy('  lockedRules: [privileged-container]\n'),
    });
    expect(has(r, 'privileged-container')).toBe(true);
  });

  test('allowSuppressions: false turns annotations and inline comments off', async () => {
    const ws = workspaceWith({ 'pod.yaml': annotated('privileged-container -- accepted') });
    const r = await scan({ paths: ['pod.yaml'], cwd: ws, configContent: policy('  allowSuppressions: false\n') });
    expect(has(r, 'privileged-container')).toBe(true);
  });

  test('maxExemptionDays: a longer exemption is not applied and is reported', async () => {
    const ws = workspaceWith({ 'pod.yaml': PRIVILEGED });
    const r = await scan({
      paths: ['pod.yaml'],
      cwd: ws,
      configContent: policy(
        '  maxExemptionDays: 30\nexemptions:\n  - rules: [privileged-container]\n    objects: [Pod/shop/web]\n    reason: later\n    expires: 2099-01-01\n',
      ),
    });
    expect(has(r, 'privileged-container')).toBe(true);
    expect(r.findings.some((f) => f.ruleId === 'invalid-suppression' && /30 days/.test(f.message))).toBe(true);
  });
});

describe('suppressions that cannot hide what matters', () => {
  const token = 'ghp_' + 'Z9'.repeat(18);
  const withSecret = (ann: string) => `apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  annotations:
    kubeward.io/ignore: "${ann}"
spec:
  containers:
    - name: app
      image: nginx@sha256:${'a'.repeat(64)}
      env:
        - name: GITHUB_TOKEN
          value: "${token}"
`;

  test('a wildcard never silences secret findings', async () => {
    const ws = workspaceWith({ 'pod.yaml': withSecret('* -- everything is fine') });
    const r = await scan({ paths: ['pod.yaml'], cwd: ws });
    expect(r.findings.some((f) => f.ruleId.startsWith('secret-'))).toBe(true);
    // other rules are still silenced by the wildcard
    expect(r.suppressed.length).toBeGreaterThan(0);
  });

  test('a locked policy may allow it explicitly', async () => {
    const ws = workspaceWith({ 'pod.yaml': withSecret('* -- everything is fine') });
    const r = await scan({
      paths: ['pod.yaml'],
      cwd: ws,
      configContent: {
        text: 'policy:\n  locked: true\n  allowSuppressions: {wildcard: true}\n',
        file: '.kubeward.yaml',
      },
    });
    expect(r.findings.some((f) => f.ruleId.startsWith('secret-'))).toBe(false);
  });

  test('# kubeward-ignore inside a quoted scalar is not a directive', async () => {
    const ws = workspaceWith({
      'pod.yaml': PRIVILEGED.replace(
        '      securityContext:\n        privileged: true\n',
        '      securityContext: {privileged: true, seLinuxOptions: {level: "s0 # kubeward-ignore privileged-container ok"}}\n',
      ),
    });
    const r = await scan({ paths: ['pod.yaml'], cwd: ws });
    expect(has(r, 'privileged-container')).toBe(true);
  });

  test('a real comment after a quoted value still is one', async () => {
    const ws = workspaceWith({
      'pod.yaml': PRIVILEGED.replace(
        '        privileged: true\n',
        '        privileged: true # kubeward-ignore privileged-container "#" is just text here\n',
      ),
    });
    const r = await scan({ paths: ['pod.yaml'], cwd: ws });
    expect(has(r, 'privileged-container')).toBe(false);
  });
});

describe("only kubeward's own comments are kubeward's", () => {
  const HEAD = '0123456789abcdef0123456789abcdef01234567';
  let client: GitHubClient;
  beforeEach(() => {
    const octokit = new Octokit({ auth: 't0ken', baseUrl: fake.url });
    client = { request: (route, params) => octokit.request(route, params) as ReturnType<GitHubClient['request']> };
  });
  const target = () => ({ client, owner: 'acme', repo: 'deploy', pullNumber: 7, headSha: HEAD });

  test("a user's comment starting with the sticky marker is neither adopted nor edited", async () => {
    const body = `${STICKY_MARKER}\nall clear, trust me`;
    fake.issueComments.push({ id: 5, body, user: { login: 'mallory', type: 'User' }, html_url: '' });
    const ws = workspaceWith({ 'pod.yaml': PRIVILEGED });
    const report = await scan({ paths: ['pod.yaml'], cwd: ws });
    const r = await publishStickyComment({ ...target(), report });
    expect(r.action).toBe('created');
    expect(fake.issueComments.find((c) => c.id === 5)!.body).toBe(body);
    expect(fake.writes().filter((w) => w.startsWith('PATCH'))).toEqual([]);
  });

  test("a finding marker in someone else's review comment does not silence kubeward's", async () => {
    const ws = workspaceWith({ 'pod.yaml': PRIVILEGED });
    const report = await scan({ paths: ['pod.yaml'], cwd: ws });
    const f = report.findings.find((x) => x.ruleId === 'privileged-container')!;
    const line = f.location!.line;
    fake.files.push({
      filename: 'pod.yaml',
      status: 'added',
      patch: `@@ -0,0 +1,${PRIVILEGED.split('\n').length - 1} @@\n${PRIVILEGED.trimEnd()
        .split('\n')
        .map((l) => `+${l}`)
        .join('\n')}`,
    });
    fake.reviewComments.push({
      id: 9,
      path: 'pod.yaml',
      line,
      original_line: line,
      body: report.findings.map((x) => `<!-- kubeward:finding ${x.fingerprint} -->`).join('\n'),
      pull_request_review_id: 1,
      user: { login: 'mallory', type: 'User' },
    });
    const r = await publishReview({ ...target(), report });
    expect(r.alreadyCommented).toBe(0);
    expect(r.posted).toBeGreaterThan(0);
  });
});
