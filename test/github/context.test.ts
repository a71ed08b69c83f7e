import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContext } from '../../src/github/context.ts';
import { readInputs, splitList } from '../../src/github/inputs.ts';

const FIXTURES = path.join(process.cwd(), 'test/fixtures/github');

describe('readContext', () => {
  const base = { GITHUB_REPOSITORY: 'acme/deploy', GITHUB_SHA: 'merge', GITHUB_WORKSPACE: '/w' };

  test('a pull request: number and head SHA from the event', () => {
    const ctx = readContext({ ...base, GITHUB_EVENT_PATH: path.join(FIXTURES, 'event-pull-request.json') });
    expect(ctx).toMatchObject({ owner: 'acme', repo: 'deploy', sha: 'merge', workspace: '/w' });
    expect(ctx.pullRequest).toEqual({
      number: 7,
      headSha: '0123456789abcdef0123456789abcdef01234567',
      baseSha: 'fedcba9876543210fedcba9876543210fedcba98',
      fromFork: false,
    });
  });

  test('a fork is recognised by its head repository', () => {
    const ctx = readContext({ ...base, GITHUB_EVENT_PATH: path.join(FIXTURES, 'event-pull-request-fork.json') });
    expect(ctx.pullRequest?.fromFork).toBe(true);
  });

  test('a push or a missing / broken event has no pull request', () => {
    expect(
      readContext({ ...base, GITHUB_EVENT_PATH: path.join(FIXTURES, 'event-push.json') }).pullRequest,
    ).toBeUndefined();
    expect(readContext(base).pullRequest).toBeUndefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-ctx-'));
    try {
      writeFileSync(path.join(dir, 'e.json'), '{not json');
      expect(readContext({ ...base, GITHUB_EVENT_PATH: path.join(dir, 'e.json') }).pullRequest).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inputs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  test('paths: newline or comma separated', () => {
    expect(splitList('deploy/\n charts/out.yaml, k8s/*.yaml\n\n')).toEqual([
      'deploy/',
      'charts/out.yaml',
      'k8s/*.yaml',
    ]);
  });

  test('hyphenated names as the runner passes them, with defaults', () => {
    process.env['INPUT_FAIL-ON'] = 'Critical';
    process.env['INPUT_ONLY-NEW'] = 'true';
    process.env.INPUT_COMMENT = 'sticky';
    const i = readInputs();
    expect(i).toMatchObject({
      mode: 'scan',
      paths: ['.'],
      failOn: 'critical',
      onlyNew: true,
      comment: 'sticky',
      suggestions: true,
      annotations: true,
      sarifFile: 'kubeward.sarif',
    });
  });

  test('a wrong value names the input', () => {
    process.env.INPUT_COMMENT = 'loud';
    expect(() => readInputs()).toThrow('input comment must be one of sticky, review, both, off, got "loud"');
    delete process.env.INPUT_COMMENT;
    process.env.INPUT_SUGGESTIONS = 'maybe';
    expect(() => readInputs()).toThrow('input suggestions must be true or false, got "maybe"');
  });
});
