/**
 * The webhook under benchmark, in its own process: `kubeward serve`'s server with a test CA, plus
 * a plain-HTTP side port whose /mem runs a full GC and returns process.memoryUsage(). Prints one
 * JSON line {url, memUrl, ca} and serves until stdin ends. Run with --expose-gc.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makePki } from '../test/support/fake-kube/certs.ts';
import { startWebhookServer } from '../src/serve/server.ts';

const pki = makePki();
const server = await startWebhookServer({
  tls: { cert: pki.serverCert, key: pki.serverKey },
  host: '127.0.0.1',
  port: 0,
  admission: { exemptNamespaces: ['kube-system'] },
});
const gc = (globalThis as { gc?: () => void }).gc;
const mem = http.createServer((_req, res) => {
  gc?.();
  gc?.();
  res.end(JSON.stringify({ ...process.memoryUsage(), gc: Boolean(gc) }));
});
await new Promise<void>((r) => mem.listen(0, '127.0.0.1', r));
process.stdout.write(
  JSON.stringify({
    url: server.url,
    memUrl: `http://127.0.0.1:${(mem.address() as AddressInfo).port}`,
    ca: pki.caCert,
  }) + '\n',
);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close(100).then(() => {
    mem.close();
    process.exit(0);
  });
});
