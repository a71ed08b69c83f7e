/**
 * Pushgateway pushes from scan and verify (and the shared client): grouping path with base64 for odd values,
 * auth from the environment, the metrics body, clear errors that never show credentials, and the
 * scan's exit code unchanged by a failed push. (The real Pushgateway is in test/real/.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { pushMetrics, pushPath, groupingLabels, PushError } from '../../src/cli/pushgateway.ts';
import { FakeKube } from '../support/fake-kube/index.ts';
import { run } from '../../src/cli/run.ts';
import type { CliIO } from '../../src/cli/io.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Got {
  method: string;
  url: string;
  auth?: string;
  type?: string;
  body: string;
}

async function sink(status = 200): Promise<{ url: string; got: Got[]; close: () => Promise<void> }> {
  const got: Got[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        body,
      });
      res.writeHead(status);
      res.end(status === 200 ? '' : 'pushed metrics are invalid or inconsistent');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, got, close: () => new Promise((r) => server.close(() => r())) };
}

const io = (env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => '',
    env,
    cwd: ROOT,
    stdoutIsTTY: false,
  };
};

describe('pushgateway', () => {
  test('grouping path: plain values, and base64url for empty values or ones with a slash', () => {
    expect(pushPath('kubeward-scan', { instance: 'org/repo', env: '' })).toBe(
      `/metrics/job/kubeward-scan/instance@base64/${Buffer.from('org/repo').toString('base64url')}/env@base64/=`,
    );
    expect(() => groupingLabels(['job=x'])).toThrow(PushError);
    expect(() => groupingLabels(['1bad=x'])).toThrow(/Prometheus label name/);
  });

  test('bearer and basic auth from the environment; URL credentials never in messages', async () => {
    const s = await sink();
    const pwd = 'p' + 'w-' + 'x'.repeat(12);
    await pushMetrics('a 1\n', { url: s.url, job: 'j', env: { KUBEWARD_PUSHGATEWAY_TOKEN: 'tok' } });
    await pushMetrics('a 1\n', {
      url: s.url,
      job: 'j',
      env: { KUBEWARD_PUSHGATEWAY_USERNAME: 'u', KUBEWARD_PUSHGATEWAY_PASSWORD: pwd },
    });
    expect(s.got[0]).toMatchObject({
      method: 'PUT',
      url: '/metrics/job/j',
      auth: 'Bearer tok',
      type: 'text/plain; version=0.0.4',
    });
    expect(s.got[1].auth).toBe(`Basic ${Buffer.from(`u:${pwd}`).toString('base64')}`);
    await s.close();
    const refused = await sink(400);
    const withCreds = refused.url.replace('http://', `http://u:${pwd}@`);
    const err = await pushMetrics('a 1\n', { url: withCreds, job: 'j', env: {} }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(PushError);
    expect((err as Error).message).toMatch(/refused the push: HTTP 400/);
    expect((err as Error).message).not.toContain(pwd);
    expect(refused.got[0].auth).toBe(`Basic ${Buffer.from(`u:${pwd}`).toString('base64')}`);
    await refused.close();
  });

  test('kubeward scan --pushgateway pushes the metrics format; a failed push does not change the exit code', async () => {
    const s = await sink();
    const o = io();
    const code = await run(
      [
        'scan',
        'examples/insecure',
        '-q',
        '-f',
        'json',
        '-o',
        '/dev/null',
        '--pushgateway',
        s.url,
        '--pushgateway-label',
        'instance=acme/shop',
      ],
      o,
    );
    expect(code).toBe(1);
    expect(s.got).toHaveLength(1);
    expect(s.got[0].url).toBe(
      `/metrics/job/kubeward-scan/instance@base64/${Buffer.from('acme/shop').toString('base64url')}`,
    );
    expect(s.got[0].body).toMatch(
      /^kubeward_findings\{source="scan",rule="privileged-container",severity="critical",namespace="shop",cluster=""\} \d+$/m,
    );
    await s.close();
    const o2 = io();
    const code2 = await run(
      ['scan', path.join('examples', 'insecure'), '-q', '-f', 'json', '-o', '/dev/null', '--pushgateway', s.url],
      o2,
    );
    expect(code2).toBe(1);
    expect(o2.err.join('')).toMatch(
      /cannot reach the Pushgateway at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED \(the scan's result is unchanged\)/,
    );
  });

  test('without --pushgateway-label, each repository (or host) is its own instance: CI runs never replace each other', async () => {
    const s = await sink();
    const b64 = (v: string) => Buffer.from(v).toString('base64url');
    const scan = (env: Record<string, string>) =>
      run(['scan', 'examples/insecure', '-q', '-f', 'json', '-o', '/dev/null', '--pushgateway', s.url], io(env));
    expect(await scan({ GITHUB_REPOSITORY: 'acme/shop' })).toBe(1);
    expect(await scan({ CIRCLE_PROJECT_USERNAME: 'acme', CIRCLE_PROJECT_REPONAME: 'billing' })).toBe(1);
    expect(await scan({})).toBe(1);
    expect(s.got.map((g) => g.url)).toEqual([
      `/metrics/job/kubeward-scan/instance@base64/${b64('acme/shop')}`,
      `/metrics/job/kubeward-scan/instance@base64/${b64('acme/billing')}`,
      `/metrics/job/kubeward-scan/instance/${encodeURIComponent(os.hostname())}`,
    ]);
    // an explicit instance wins
    await run(
      [
        'scan',
        'examples/insecure',
        '-q',
        '-f',
        'json',
        '-o',
        '/dev/null',
        '--pushgateway',
        s.url,
        '--pushgateway-label',
        'instance=x',
      ],
      io({ GITHUB_REPOSITORY: 'acme/shop' }),
    );
    expect(s.got.at(-1)!.url).toBe('/metrics/job/kubeward-scan/instance/x');
    await s.close();
  });

  test('kubeward verify --pushgateway pushes the verify job with bearer auth from the environment', async () => {
    const fake = await FakeKube.start({
      fixtures: [
        path.join(ROOT, 'test/fixtures/cluster/live/00-namespaces.yaml'),
        path.join(ROOT, 'test/fixtures/cluster/live/10-web-healthy.yaml'),
      ],
    });
    const s = await sink();
    try {
      const token = ['pg', 'tok', 'en'].join('-');
      const o = io({ KUBEWARD_PUSHGATEWAY_TOKEN: token, GITHUB_REPOSITORY: 'acme/shop' });
      const code = await run(
        ['verify', '--kubeconfig', fake.kubeconfigPath, '-q', '-f', 'json', '-o', '/dev/null', '--pushgateway', s.url],
        o,
      );
      expect([0, 1]).toContain(code);
      expect(o.err.join('')).not.toMatch(/Pushgateway/);
      expect(s.got).toHaveLength(1);
      expect(s.got[0]).toMatchObject({
        method: 'PUT',
        url: `/metrics/job/kubeward-verify/instance@base64/${Buffer.from('acme/shop').toString('base64url')}`,
        auth: `Bearer ${token}`,
      });
      expect(s.got[0].body).toMatch(/^kubeward_findings\{source="verify",/m);
      expect(o.err.join('') + o.out.join('')).not.toContain(token);
    } finally {
      await s.close();
      await fake.close();
    }
  });
});
