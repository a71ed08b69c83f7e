/**
 * The webhook's HTTPS server on loopback with a test CA: decisions over the wire, bad input
 * (malformed JSON, wrong type, huge bodies, slow clients) answered with clear HTTP errors while
 * the server keeps serving, /healthz /readyz /metrics, certificate reload, graceful shutdown,
 * the CLI entry point, and no secret value in responses or logs.
 */
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { startWebhookServer, type WebhookServer } from '../../src/serve/server.ts';
import { runServe } from '../../src/cli/serve-command.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { compliantPod } from '../support/admission.ts';
import { catalog } from '../../src/core/rules/index.ts';
import type { Rule } from '../../src/core/rules/types.ts';

let pki: TestPki;
let pki2: TestPki;
beforeAll(() => {
  pki = makePki();
  pki2 = makePki();
});
const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function start(opts: Parameters<typeof startWebhookServer>[0] = {}): Promise<WebhookServer> {
  const s = await startWebhookServer({
    tls: { cert: pki.serverCert, key: pki.serverKey },
    host: '127.0.0.1',
    port: 0,
    ...opts,
  });
  servers.push(s);
  return s;
}

interface Resp {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(
  url: string,
  opts: { method?: string; body?: string | Buffer; headers?: Record<string, string>; ca?: string } = {},
): Promise<Resp> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
        headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        ...(u.protocol === 'https:' ? { ca: opts.ca ?? pki.caCert, agent: false } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

function reviewBody(obj: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const md = obj.metadata as { name: string; namespace: string };
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'uid-' + md.name,
      kind: { group: '', version: 'v1', kind: obj.kind },
      operation: 'CREATE',
      namespace: md.namespace,
      name: md.name,
      object: obj,
      ...extra,
    },
  });
}

const privileged = (name = 'bad') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'apps' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
});

describe('kubeward serve: the HTTPS server', () => {
  test('denies a privileged Pod and admits a compliant one over HTTPS', async () => {
    const s = await start();
    const bad = await request(`${s.url}/validate`, { body: reviewBody(privileged()) });
    expect(bad.status).toBe(200);
    const r = JSON.parse(bad.body);
    expect(r).toMatchObject({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'uid-bad', allowed: false },
    });
    expect(r.response.status.message).toContain('privileged-container');
    const good = JSON.parse((await request(`${s.url}/validate`, { body: reviewBody(compliantPod()) })).body);
    expect(good.response).toEqual({ uid: 'uid-good', allowed: true });
  });

  test('bad input gets a clear HTTP error and the server keeps serving', async () => {
    const logs: Record<string, unknown>[] = [];
    const s = await start({ log: (e) => logs.push(e), maxBodyBytes: 64 * 1024 });
    const cases: [Parameters<typeof request>[1], number, RegExp][] = [
      [{ body: '{"apiVersion":' }, 400, /malformed AdmissionReview: the body is not JSON/],
      [{ body: '{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}' }, 400, /request is missing/],
      [
        { body: reviewBody(privileged()), headers: { 'content-type': 'text/plain' } },
        415,
        /content-type must be application\/json/,
      ],
      [{ method: 'GET' }, 405, /use POST/],
      [{ body: 'x'.repeat(200 * 1024) }, 413, /exceeds the limit of 65536 bytes/],
    ];
    for (const [opts, status, msg] of cases) {
      const r = await request(`${s.url}/validate`, opts);
      expect(r.status).toBe(status);
      expect(JSON.parse(r.body).error).toMatch(msg);
    }
    // a chunked body without content-length that grows past the limit
    const chunked = await new Promise<Resp>((resolve, reject) => {
      const req = https.request(
        `${s.url}/validate`,
        { method: 'POST', ca: pki.caCert, agent: false, headers: { 'content-type': 'application/json' } },
        (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, headers: res.headers }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('y'.repeat(16 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect((await request(`${s.url}/nope`)).status).toBe(404);
    const ok = await request(`${s.url}/validate`, { body: reviewBody(compliantPod()) });
    expect(JSON.parse(ok.body).response.allowed).toBe(true);
    expect(logs.some((l) => l.msg === 'malformed AdmissionReview')).toBe(true);
    const m = await request(`${s.url}/metrics`);
    expect(m.body).toMatch(/kubeward_admission_errors_total\{reason="bad-request"\} 2/);
    expect(m.body).toMatch(/kubeward_admission_errors_total\{reason="too-large"\} 2/);
  });

  test('a client that stalls mid-body gets 408 within the budget', async () => {
    const s = await start({ budgetMs: 300 });
    const started = Date.now();
    const r = await new Promise<Resp>((resolve, reject) => {
      const req = https.request(
        `${s.url}/validate`,
        {
          method: 'POST',
          ca: pki.caCert,
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': '5000' },
        },
        (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.write('{"apiVersion":"admission.k8s.io/v1",'); // and never the rest
    });
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body).error).toMatch(/not received within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
    // still serving
    expect((await request(`${s.url}/healthz`)).status).toBe(200);
  });

  test('many concurrent bad and good requests: every one answered, the process intact', async () => {
    const s = await start({ maxBodyBytes: 16 * 1024 });
    const bodies = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0 ? '{' : i % 3 === 1 ? 'z'.repeat(40 * 1024) : reviewBody(compliantPod(`p${i}`)),
    );
    const res = await Promise.all(bodies.map((b) => request(`${s.url}/validate`, { body: b })));
    expect(res.filter((r) => r.status === 400).length).toBe(20);
    expect(res.filter((r) => r.status === 413).length).toBe(20);
    expect(res.filter((r) => r.status === 200).length).toBe(20);
  });

  test('/healthz, /readyz and /metrics; dry runs are answered but are not incidents', async () => {
    const s = await start({ metricsPort: 0, metricsHost: '127.0.0.1' });
    expect((await request(`${s.url}/healthz`)).body).toBe('ok\n');
    expect((await request(`${s.url}/readyz`)).status).toBe(200);
    await request(`${s.url}/validate`, { body: reviewBody(privileged('a')) });
    const dry = JSON.parse(
      (await request(`${s.url}/validate`, { body: reviewBody(privileged('b'), { dryRun: true }) })).body,
    );
    expect(dry.response.allowed).toBe(false);
    const m = await request(`${s.metricsUrl}/metrics`);
    expect(m.headers['content-type']).toMatch(/text\/plain/);
    expect(m.body).toMatch(
      /kubeward_admission_reviews_total\{operation="CREATE",kind="Pod",decision="denied",dry_run="false"\} 1/,
    );
    expect(m.body).toMatch(
      /kubeward_admission_reviews_total\{operation="CREATE",kind="Pod",decision="denied",dry_run="true"\} 1/,
    );
    expect(m.body).toMatch(
      /kubeward_incidents_total\{rule="privileged-container",severity="critical",namespace="apps",source="admission"\} 1\n/,
    );
    expect(m.body).toMatch(/kubeward_admission_review_duration_seconds_bucket/);
    expect((await request(`${s.metricsUrl}/readyz`)).status).toBe(200);
  });

  test('certificates are reloaded from their files; an unusable pair keeps the old one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-serve-certs-'));
    const cert = path.join(dir, 'tls.crt');
    const key = path.join(dir, 'tls.key');
    writeFileSync(cert, pki.serverCert);
    writeFileSync(key, pki.serverKey);
    const s = await start({ tls: undefined, certFile: cert, keyFile: key, certCheckIntervalMs: 50 });
    const issuer = () =>
      new Promise<string>((resolve, reject) => {
        const sock = tls.connect({ host: '127.0.0.1', port: s.port, rejectUnauthorized: false }, () => {
          const c = sock.getPeerCertificate();
          sock.end();
          resolve(c.fingerprint256);
        });
        sock.on('error', reject);
      });
    const first = await issuer();
    copyFileSync(path.join(pki2.dir, 'server.crt'), cert);
    copyFileSync(path.join(pki2.dir, 'server.key'), key);
    // the file watcher picks the change up
    let now = first;
    for (let i = 0; i < 100 && now === first; i++) {
      await new Promise((r) => setTimeout(r, 50));
      now = await issuer();
    }
    expect(now).not.toBe(first);
    // the new CA is now the one that verifies
    expect((await request(`${s.url}/healthz`, { ca: pki2.caCert })).status).toBe(200);
    writeFileSync(cert, 'not a certificate');
    expect(await s.reloadCertificates()).toBe(false);
    expect(await issuer()).toBe(now);
    const m = await request(`${s.url}/metrics`, { ca: pki2.caCert });
    expect(m.body).toMatch(/kubeward_webhook_certificate_reloads_total\{result="error"\} [1-9]/);
  });

  test("certificates in a Secret volume: the kubelet's atomic ..data symlink swap is picked up", async () => {
    // the kubelet writes a new timestamped directory and renames a ..data symlink over the old
    // one; tls.crt and tls.key are symlinks through ..data and never change themselves
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-serve-vol-'));
    const put = (ts: string, p: TestPki) => {
      mkdirSync(path.join(dir, ts));
      writeFileSync(path.join(dir, ts, 'tls.crt'), p.serverCert);
      writeFileSync(path.join(dir, ts, 'tls.key'), p.serverKey);
      symlinkSync(ts, path.join(dir, '..data_tmp'));
      renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
    };
    put('..2026_01_01_00_00_00.1', pki);
    symlinkSync('..data/tls.crt', path.join(dir, 'tls.crt'));
    symlinkSync('..data/tls.key', path.join(dir, 'tls.key'));
    const s = await start({
      tls: undefined,
      certFile: path.join(dir, 'tls.crt'),
      keyFile: path.join(dir, 'tls.key'),
      certCheckIntervalMs: 50,
    });
    expect((await request(`${s.url}/healthz`, { ca: pki.caCert })).status).toBe(200);
    put('..2026_01_02_00_00_00.2', pki2);
    let ok = false;
    for (let i = 0; i < 100 && !ok; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ok = await request(`${s.url}/healthz`, { ca: pki2.caCert }).then(
        (r) => r.status === 200,
        () => false,
      );
    }
    expect(ok).toBe(true);
    await expect(request(`${s.url}/healthz`, { ca: pki.caCert })).rejects.toThrow();
  });

  test('per-request budget: rules that outlast it are answered per the failure policy, saying so', async () => {
    // a rule that takes longer than the whole budget and would deny
    const slow: Rule = {
      meta: { ...catalog[0].meta, id: 'slow', severity: 'critical', enabledByDefault: true },
      *check(obj: unknown) {
        const end = performance.now() + 150;
        while (performance.now() < end);
        yield { object: obj, message: 'slow rule says no', path: [] };
      },
    } as unknown as Rule;
    const rules = [slow, { ...slow, meta: { ...slow.meta, id: 'slow-2' } }];
    const logs: Record<string, unknown>[] = [];
    const ignore = await start({ budgetMs: 100, admission: { rules }, log: (e) => logs.push(e) });
    const a = JSON.parse((await request(`${ignore.url}/validate`, { body: reviewBody(compliantPod()) })).body);
    expect(a.response.allowed).toBe(true);
    expect(a.response.warnings).toEqual([
      'kubeward could not judge Pod apps/good within its per-request budget; allowed (failurePolicy Ignore)',
    ]);
    expect(logs.find((l) => l.level === 'warn')).toMatchObject({ failurePolicy: 'Ignore', budgetMs: 100 });
    expect((await request(`${ignore.url}/metrics`)).body).toMatch(/kubeward_admission_budget_exceeded_total 1\n/);
    const fail = await start({ budgetMs: 100, failurePolicy: 'Fail', admission: { rules } });
    const f = JSON.parse((await request(`${fail.url}/validate`, { body: reviewBody(compliantPod()) })).body);
    expect(f.response.allowed).toBe(false);
    expect(f.response.status).toMatchObject({ code: 500 });
    expect(f.response.status.message).toMatch(/within its per-request budget \(failurePolicy Fail\)/);
    // within the budget, the same rules judge
    const roomy = await start({ budgetMs: 5000, admission: { rules } });
    const r = JSON.parse((await request(`${roomy.url}/validate`, { body: reviewBody(compliantPod()) })).body);
    expect(r.response.allowed).toBe(false);
    expect(r.response.status.message).toMatch(/slow rule says no/);
  });

  test('graceful shutdown: reviews answered during the shutdown delay, in-flight ones finish, then refused', async () => {
    const s = await start({ shutdownDelayMs: 400 });
    // a review in flight: headers and half the body sent
    const body = reviewBody(privileged('inflight'));
    const inflight = new Promise<Resp>((resolve, reject) => {
      const req = https.request(
        `${s.url}/validate`,
        {
          method: 'POST',
          ca: pki.caCert,
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 100));
      setTimeout(() => req.end(body.slice(100)), 600);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = s.close(5000);
    expect(s.isReady()).toBe(false);
    expect((await request(`${s.url}/readyz`)).status).toBe(503);
    // during the delay the endpoints still route here: reviews are judged, not refused
    const during = await request(`${s.url}/validate`, { body: reviewBody(privileged('during')) });
    expect(during.status).toBe(200);
    expect(JSON.parse(during.body).response.allowed).toBe(false);
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).response).toMatchObject({ uid: 'uid-inflight', allowed: false });
    await closing;
    await expect(request(`${s.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  });

  test('graceful shutdown: not ready, then closed', async () => {
    const s = await start();
    expect(s.isReady()).toBe(true);
    const closing = s.close(1000);
    expect(s.isReady()).toBe(false);
    await closing;
    await expect(request(`${s.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  });

  test('no secret value in the response or the log', async () => {
    const token = 'xox' + 'b-' + '1234567890-' + 'abcdefghijklmnopqrstuvwx';
    const logs: string[] = [];
    const s = await start({ log: (e) => logs.push(JSON.stringify(e)) });
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'apps' },
      data: { SLACK_TOKEN: token },
    };
    const r = await request(`${s.url}/validate`, { body: reviewBody(cm) });
    expect(JSON.parse(r.body).response.allowed).toBe(false);
    const m = await request(`${s.url}/metrics`);
    for (const text of [r.body, logs.join('\n'), m.body]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('abcdefghijklmnop');
    }
  });
});

describe('kubeward serve: the command', () => {
  const io = (): CliIO & { out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      readStdin: async () => '',
      env: { POD_NAMESPACE: 'kubeward' },
      cwd: process.cwd(),
      stdoutIsTTY: false,
    };
  };

  test('usage errors', async () => {
    const { run } = await import('../../src/cli/run.ts');
    const a = io();
    expect(await run(['serve'], a)).toBe(2);
    expect(a.err.join('')).toMatch(/--tls-cert-file and --tls-key-file are required/);
    const b = io();
    expect(await run(['serve', '--tls-cert-file', 'a', '--tls-key-file', 'b', '--deny-on', 'loud'], b)).toBe(2);
    expect(b.err.join('')).toMatch(/--deny-on must be one of/);
    const c = io();
    expect(
      await run(['serve', '--tls-cert-file', '/nonexistent/c', '--tls-key-file', '/nonexistent/k', '--port', '0'], c),
    ).toBe(2);
    expect(c.err.join('')).toMatch(/cannot start the webhook: ENOENT/);
    const h = io();
    expect(await run(['serve', '--help'], h)).toBe(0);
    expect(h.out.join('')).toMatch(/network-policy-missing/);
  });

  test('serves until stopped; exempts its own namespace; JSON log lines', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-serve-cli-'));
    writeFileSync(path.join(dir, 'tls.crt'), pki.serverCert);
    writeFileSync(path.join(dir, 'tls.key'), pki.serverKey);
    const ac = new AbortController();
    const o = io();
    let server: WebhookServer | undefined;
    const done = runServe(
      [
        '--tls-cert-file',
        path.join(dir, 'tls.crt'),
        '--tls-key-file',
        path.join(dir, 'tls.key'),
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--metrics-port',
        'off',
        '--deny-on',
        'critical',
      ],
      o,
      { signal: ac.signal, onListening: (s) => (server = s) },
    );
    for (let i = 0; i < 100 && !server; i++) await new Promise((r) => setTimeout(r, 20));
    expect(server).toBeDefined();
    const own = { ...privileged('x'), metadata: { name: 'x', namespace: 'kubeward' } };
    expect(
      JSON.parse((await request(`${server!.url}/validate`, { body: reviewBody(own) })).body).response.allowed,
    ).toBe(true);
    expect(
      JSON.parse((await request(`${server!.url}/validate`, { body: reviewBody(privileged()) })).body).response.allowed,
    ).toBe(false);
    ac.abort();
    expect(await done).toBe(0);
    const lines = o.err
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === 'review' && l.namespace === 'kubeward')).toMatchObject({
      decision: 'skipped',
      skipped: 'namespace kubeward is exempt',
    });
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
  });

  test('--exempt-namespace adds to kube-system and the own namespace, never replaces them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-serve-cli-'));
    writeFileSync(path.join(dir, 'tls.crt'), pki.serverCert);
    writeFileSync(path.join(dir, 'tls.key'), pki.serverKey);
    const ac = new AbortController();
    let server: WebhookServer | undefined;
    const done = runServe(
      [
        '--tls-cert-file',
        path.join(dir, 'tls.crt'),
        '--tls-key-file',
        path.join(dir, 'tls.key'),
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--metrics-port',
        'off',
        '--exempt-namespace',
        'sandbox',
        '-q',
      ],
      io(),
      { signal: ac.signal, onListening: (s) => (server = s) },
    );
    for (let i = 0; i < 100 && !server; i++) await new Promise((r) => setTimeout(r, 20));
    const allowedIn = async (ns: string) =>
      JSON.parse(
        (
          await request(`${server!.url}/validate`, {
            body: reviewBody({ ...privileged('x'), metadata: { name: 'x', namespace: ns } }),
          })
        ).body,
      ).response.allowed as boolean;
    expect(await allowedIn('sandbox')).toBe(true);
    expect(await allowedIn('kube-system')).toBe(true);
    expect(await allowedIn('kubeward')).toBe(true);
    expect(await allowedIn('apps')).toBe(false);
    ac.abort();
    expect(await done).toBe(0);
  });

  test("the configuration's custom CEL rules and admission policies judge at admission, as in scan", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-serve-cfg-'));
    writeFileSync(path.join(dir, 'tls.crt'), pki.serverCert);
    writeFileSync(path.join(dir, 'tls.key'), pki.serverKey);
    writeFileSync(
      path.join(dir, 'vap.yaml'),
      `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: max-replicas }
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
  validations:
    - expression: 'object.spec.replicas <= 3'
      message: at most 3 replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: max-replicas }
spec:
  policyName: max-replicas
  validationActions: [Deny]
`,
    );
    writeFileSync(
      path.join(dir, '.kubeward.yaml'),
      `customRules:
  - id: no-forbidden-name
    title: Forbidden name
    severity: high
    match: { kinds: ['Pod'] }
    expression: "object.metadata.name != 'forbidden'"
    remediation: Rename it.
policies:
  - vap.yaml
`,
    );
    const ac = new AbortController();
    let server: WebhookServer | undefined;
    const o = io();
    const done = runServe(
      [
        '--tls-cert-file',
        path.join(dir, 'tls.crt'),
        '--tls-key-file',
        path.join(dir, 'tls.key'),
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--metrics-port',
        'off',
        '-c',
        path.join(dir, '.kubeward.yaml'),
        '-q',
      ],
      { ...o, cwd: dir },
      { signal: ac.signal, onListening: (s) => (server = s) },
    );
    for (let i = 0; i < 100 && !server; i++) await new Promise((r) => setTimeout(r, 20));
    expect(server).toBeDefined();
    const review = async (obj: Record<string, unknown>) =>
      JSON.parse((await request(`${server!.url}/validate`, { body: reviewBody(obj) })).body).response;
    const custom = await review({ ...compliantPod(), metadata: { name: 'forbidden', namespace: 'apps' } });
    expect(custom.allowed).toBe(false);
    expect(custom.status.message).toMatch(/no-forbidden-name/);
    expect((await review(compliantPod())).allowed).toBe(true);
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'big', namespace: 'apps' },
      spec: {
        replicas: 10,
        selector: { matchLabels: { app: 'big' } },
        template: { metadata: { labels: { app: 'big' } }, spec: compliantPod().spec },
      },
    };
    const vap = await review(deployment);
    expect(vap.allowed).toBe(false);
    expect(vap.status.message).toMatch(/at most 3 replicas/);
    ac.abort();
    expect(await done).toBe(0);

    // a policy file that cannot be read stops the start, naming it
    writeFileSync(path.join(dir, 'vap.yaml'), 'kind: [unclosed\n');
    const bad = io();
    expect(
      await runServe(
        [
          '--tls-cert-file',
          path.join(dir, 'tls.crt'),
          '--tls-key-file',
          path.join(dir, 'tls.key'),
          '--port',
          '0',
          '-c',
          path.join(dir, '.kubeward.yaml'),
        ],
        { ...bad, cwd: dir },
        { signal: AbortSignal.abort() },
      ).catch((e: Error) => e.message),
    ).toMatch(/^configuration: policies: vap\.yaml:\d+: YAML parse error/);
  });

  test('--shutdown-delay and --budget are checked', async () => {
    const { run } = await import('../../src/cli/run.ts');
    const a = io();
    expect(await run(['serve', '--tls-cert-file', 'a', '--tls-key-file', 'b', '--shutdown-delay', 'soon'], a)).toBe(2);
    expect(a.err.join('')).toMatch(/--shutdown-delay must be a duration/);
  });
});
