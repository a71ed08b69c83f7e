/**
 * Issue 10, sections 3 (bullet 4), 4 (bullet 2) and 5: verify keeps what it can and ends when it
 * was told to. One kind whose LIST fails (500, malformed JSON, 410 every time) leaves that kind
 * "not verified" with the reason while every other kind is judged; a list item that is not an
 * object, or `items: null`, is skipped with a recorded reason; `tokenFile` in a kubeconfig works as
 * with kubectl; `--timeout` bounds the whole run against a server that never answers; an exec
 * credential plugin's output never reaches a report.
 */
import { jest } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { FakeKube, type Fault } from '../support/fake-kube/index.ts';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { runVerify } from '../../src/cli/verify.ts';
import type { Finding } from '../../src/core/model.ts';

jest.setTimeout(90_000);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LIVE = path.join(ROOT, 'test/fixtures/cluster/live');

let pki: TestPki;
const fakes: FakeKube[] = [];
beforeAll(() => {
  pki = makePki();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function start(opts: Parameters<typeof FakeKube.start>[0] = {}): Promise<FakeKube> {
  const f = await FakeKube.start({
    pki,
    fixtures: [path.join(LIVE, '00-namespaces.yaml'), path.join(LIVE, '10-web-healthy.yaml')],
    ...opts,
  });
  fakes.push(f);
  return f;
}

interface Run {
  code: number;
  all: string;
  report: { findings: Finding[]; notVerified: { check: string; reason: string }[]; errors: { message: string }[] };
  ms: number;
}

async function verify(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-hostile-verify-'));
  const out = path.join(dir, 'report.json');
  const sarif = path.join(dir, 'report.sarif');
  const md = path.join(dir, 'report.md');
  let all = '';
  const t = Date.now();
  const code = await runVerify(
    [
      ...args,
      '--format',
      'json',
      '--output',
      out,
      '--format',
      'sarif',
      '--output',
      sarif,
      '--format',
      'markdown',
      '--output',
      md,
      '--format',
      'text',
    ],
    {
      stdout: (s: string) => void (all += s),
      stderr: (s: string) => void (all += s),
      env: { HOME: dir, ...env },
      cwd: ROOT,
      readStdin: async () => '',
      stdoutIsTTY: false,
    },
  );
  const ms = Date.now() - t;
  let report: Run['report'] = { findings: [], notVerified: [], errors: [] };
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
    all += readFileSync(out, 'utf8') + readFileSync(sarif, 'utf8') + readFileSync(md, 'utf8');
  } catch {
    // no report written
  }
  return { code, all, report, ms };
}

const onDeployment = (r: Run) => r.report.findings.filter((f) => f.object?.kind === 'Deployment');

describe('one kind whose LIST fails gives a partial result', () => {
  const faults: [string, Omit<Fault, 'match'>, RegExp][] = [
    ['HTTP 500 every time', { status: 500, message: 'etcd is sad' }, /500/],
    ['malformed JSON', { status: 200, body: '{"kind":"PodList","items":[' }, /JSON/],
    ['410 Expired every time', { status: 410, message: 'too old' }, /410|expir/i],
  ];
  test.each(faults)('%s: pods not verified with the reason, the Deployment still judged, exit 3', async (_, f, why) => {
    const fake = await start();
    fake.fault({ match: /\/pods(\?|$)/, watch: false, ...f });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '--namespace', 'shop', '--fail-on', 'none']);
    expect(r.code).toBe(3);
    const nv = r.report.notVerified.find((n) => n.check === 'inventory:pods');
    expect(nv).toBeDefined();
    expect(nv!.reason).toMatch(why);
    expect(r.report.notVerified.some((n) => n.check === 'cluster')).toBe(false);
    // the rest of the cluster was judged: the catalog ran on the Deployment
    expect(onDeployment(r).length).toBeGreaterThan(0);
  });
});

describe('malformed lists are skipped with a recorded reason, the rest kept', () => {
  test('a list item that is not an object', async () => {
    const fake = await start();
    fake.fault({
      match: /\/namespaces\/shop\/configmaps(\?|$)/,
      watch: false,
      status: 200,
      body: JSON.stringify({
        kind: 'ConfigMapList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '1' },
        items: [null, 7, 'x', { metadata: { name: 'ok', namespace: 'shop' }, data: { a: 'b' } }],
      }),
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '--namespace', 'shop', '--fail-on', 'none']);
    expect(r.code).toBe(3);
    const nv = r.report.notVerified.find((n) => n.check === 'inventory:configmaps');
    expect(nv?.reason).toMatch(/3 item\(s\).*not objects/);
    expect(onDeployment(r).length).toBeGreaterThan(0);
  });

  test('items: null', async () => {
    const fake = await start();
    fake.fault({
      match: /\/namespaces\/shop\/services(\?|$)/,
      watch: false,
      status: 200,
      body: JSON.stringify({ kind: 'ServiceList', apiVersion: 'v1', metadata: {}, items: null }),
    });
    const r = await verify(['--kubeconfig', fake.kubeconfigPath, '--namespace', 'shop', '--fail-on', 'none']);
    expect(r.code).toBe(3);
    const nv = r.report.notVerified.find((n) => n.check === 'inventory:services');
    expect(nv?.reason).toMatch(/items: null/);
    expect(onDeployment(r).length).toBeGreaterThan(0);
  });
});

describe('credentials', () => {
  test('kubeconfig tokenFile is read as kubectl reads it (relative to the kubeconfig, trimmed)', async () => {
    const fake = await start({ auth: 'token' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-tokenfile-'));
    writeFileSync(path.join(dir, 'token'), `${fake.token}\n`);
    const kc = yaml.load(fake.kubeconfig()) as { users: { user: Record<string, unknown> }[] };
    kc.users[0].user = { tokenFile: 'token' };
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(file, yaml.dump(kc));
    const r = await verify(['--kubeconfig', file, '--namespace', 'shop', '--fail-on', 'none']);
    expect(r.report.notVerified).toEqual([]);
    expect(r.code).toBe(0);
    expect(onDeployment(r).length).toBeGreaterThan(0);
  });

  test("an exec credential plugin's output never reaches a report; its failure is summarised", async () => {
    const fake = await start({ auth: 'token' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-exec-'));
    const planted = 'eyJ' + 'hbGciOi'.repeat(3) + '.planted-token-' + 'q'.repeat(20);
    const plugin = path.join(dir, 'get-token');
    writeFileSync(plugin, `#!/bin/sh\necho "refreshing ${planted}" >&2\necho "not json ${planted}"\nexit 7\n`);
    chmodSync(plugin, 0o755);
    const kc = yaml.load(fake.kubeconfig()) as { users: { user: Record<string, unknown> }[] };
    kc.users[0].user = {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' },
    };
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(file, yaml.dump(kc));
    const r = await verify(['--kubeconfig', file, '--namespace', 'shop']);
    expect(r.code).toBe(3);
    expect(r.all).not.toContain('planted-token');
    expect(r.all).toMatch(/exec credential plugin get-token failed with status 7/);
  });
});

describe('--timeout bounds the whole run', () => {
  test('a server that accepts and never answers: exit 3 soon after the timeout, not after the retries', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-hang-'));
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(
      file,
      yaml.dump({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'hang',
        clusters: [
          { name: 'hang', cluster: { server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'u', user: { token: 'x' } }],
        contexts: [{ name: 'hang', context: { cluster: 'hang', user: 'u' } }],
      }),
    );
    try {
      const r = await verify(['--kubeconfig', file, '--timeout', '2s']);
      expect(r.code).toBe(3);
      expect(r.report.notVerified.some((n) => n.check === 'cluster' && /timeout/.test(n.reason))).toBe(true);
      // the per-request timeout (20 s) times four attempts took 80 s and more; the run must end
      // near its 2 s budget (a generous bound for a loaded machine, far below the retries)
      expect(r.ms).toBeLessThan(15_000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  test('an API that hangs on one kind: the rest is judged, the run ends at its timeout', async () => {
    const fake = await start();
    fake.fault({ match: /\/secrets|\/events(\?|$)/, watch: false, status: 200, hang: true });
    const r = await verify([
      '--kubeconfig',
      fake.kubeconfigPath,
      '--namespace',
      'shop',
      '--timeout',
      '3s',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.report.notVerified.find((n) => n.check === 'inventory:events')?.reason).toMatch(/timeout/);
    expect(onDeployment(r).length).toBeGreaterThan(0);
  });
});
