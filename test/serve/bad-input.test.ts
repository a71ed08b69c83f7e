/**
 * More bad input for `kubeward serve`, each answered with a clear error (or a decision) while the
 * server keeps serving: a client that never finishes its headers (slowloris), an object nested
 * far deeper than any manifest, a connection that never starts TLS, the largest body the limit allows, a request whose object is not
 * an object, and a body that is not UTF-8.
 */
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { startWebhookServer, type WebhookServer } from '../../src/serve/server.ts';
import { compliantPod } from '../support/admission.ts';

let pki: TestPki;
beforeAll(() => {
  pki = makePki();
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

function post(url: string, body: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: 'POST', ca: pki.caCert, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function review(object: unknown, kind = 'ConfigMap', group = ''): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'uid-1',
      kind: { group, version: 'v1', kind },
      operation: 'CREATE',
      namespace: 'apps',
      name: 'x',
      object,
    },
  });
}

const compliantOk = async (s: WebhookServer) => {
  const ok = await post(`${s.url}/validate`, review(compliantPod(), 'Pod'));
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body).response.allowed).toBe(true);
};

describe('kubeward serve: more bad input', () => {
  test('a client that never finishes its headers is dropped; others are served meanwhile', async () => {
    const s = await start({ budgetMs: 300 });
    const u = new URL(s.url);
    const started = Date.now();
    const closed = new Promise<{ text: string; ms: number }>((resolve, reject) => {
      const sock = tls.connect(
        { host: u.hostname, port: Number(u.port), ca: pki.caCert, servername: 'localhost' },
        () => {
          sock.write('POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'); // and no more
        },
      );
      let text = '';
      sock.on('data', (d: Buffer) => (text += d.toString()));
      sock.on('close', () => resolve({ text, ms: Date.now() - started }));
      sock.on('error', reject);
    });
    await compliantOk(s);
    const r = await closed;
    // headersTimeout is 5 s; before connectionsCheckingInterval was set, the socket stayed ~30 s
    expect(r.ms).toBeLessThan(10000);
    expect(r.text === '' || /^HTTP\/1\.1 408/.test(r.text)).toBe(true);
    await compliantOk(s);
  }, 60000);

  test('a connection that never starts its TLS handshake is closed', async () => {
    const s = await start();
    const u = new URL(s.url);
    const started = Date.now();
    const ms = await new Promise<number>((resolve, reject) => {
      const sock = net.connect({ host: u.hostname, port: Number(u.port) });
      sock.on('close', () => resolve(Date.now() - started));
      sock.on('error', reject);
    });
    expect(ms).toBeLessThan(15000);
    await compliantOk(s);
  }, 60000);

  test('an object nested 100,000 levels deep is answered, not a crash', async () => {
    const s = await start();
    let deep = '{}';
    for (let i = 0; i < 100000; i++) deep = `{"a":${deep}}`;
    const body = `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"uid-deep","kind":{"group":"","version":"v1","kind":"ConfigMap"},"operation":"CREATE","namespace":"apps","name":"deep","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep","namespace":"apps"},"spec":${deep}}}}`;
    const r = await post(`${s.url}/validate`, body);
    expect([200, 400]).toContain(r.status);
    const j = JSON.parse(r.body);
    if (r.status === 200) expect(j.response.uid).toBe('uid-deep');
    else expect(j.error).toMatch(/malformed|nested|deep/i);
    await compliantOk(s);
  }, 60000);

  test('a ConfigMap just under the size limit is judged within the budget', async () => {
    const s = await start({ maxBodyBytes: 3 * 1024 * 1024 });
    const data: Record<string, string> = {};
    for (let i = 0; i < 2800; i++) data[`key-${i}`] = 'v'.repeat(1000);
    const body = review({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'apps' }, data });
    expect(body.length).toBeLessThan(3 * 1024 * 1024);
    const t0 = Date.now();
    const r = await post(`${s.url}/validate`, body);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).response.uid).toBe('uid-1');
    expect(Date.now() - t0).toBeLessThan(5000);
    await compliantOk(s);
  }, 30000);

  test.each([
    ['a string', 'not an object'],
    ['an array', [1, 2, 3]],
    ['a number', 42],
  ])('request.object that is %s gets a clear error', async (_what, object) => {
    const s = await start();
    const r = await post(`${s.url}/validate`, review(object));
    expect([200, 400]).toContain(r.status);
    const j = JSON.parse(r.body);
    if (r.status === 400) expect(j.error).toMatch(/object/);
    else expect(j.response.uid).toBe('uid-1');
    await compliantOk(s);
  });

  test('a body that is not UTF-8 gets 400', async () => {
    const s = await start();
    const r = await post(`${s.url}/validate`, Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3, 0x28]));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatch(/malformed/);
    await compliantOk(s);
  });
});
