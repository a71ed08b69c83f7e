/**
 * A plain-HTTP proxy on loopback in front of a real API server, for tests that count what a
 * client asks of the server: every request is recorded (method, path, whether it is a watch) and
 * forwarded over HTTPS as the cluster's admin; watch streams are relayed as they arrive and their
 * text is kept, so a test can wait until a watch has carried a change to the client.
 * `kubeconfig` is a kubeconfig file whose one context points at the proxy.
 */
import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RealCluster } from './real-cluster.ts';

export interface ProxiedRequest {
  method: string;
  path: string;
  watch: boolean;
  /** Sequence number, for "since" queries. */
  seq: number;
}

export interface CountingProxy {
  kubeconfig: string;
  context: string;
  requests: ProxiedRequest[];
  /** Text relayed on watch streams since `mark` (a value of `mark()`). */
  watchedSince(mark: number): string;
  /** The current position of the watch log and request log. */
  mark(): { watch: number; seq: number };
  close(): Promise<void>;
}

export async function startCountingProxy(c: RealCluster, context = 'kw-proxy'): Promise<CountingProxy> {
  const agent = new https.Agent({
    keepAlive: true,
    ca: readFileSync(c.info.ca),
    cert: readFileSync(c.info.adminCert),
    key: readFileSync(c.info.adminKey),
  });
  const upstream = new URL(c.server);
  const requests: ProxiedRequest[] = [];
  let watchLog = '';
  let seq = 0;
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
    requests.push({ method: req.method ?? 'GET', path: url.pathname, watch, seq: ++seq });
    const headers = { ...req.headers, host: upstream.host };
    delete headers.authorization;
    const up = https.request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        open.add(res);
        ur.on('data', (chunk: Buffer) => {
          if (watch) watchLog += chunk.toString('utf8');
          res.write(chunk);
        });
        ur.on('end', () => {
          open.delete(res);
          res.end();
        });
        ur.on('error', () => res.destroy());
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kw-proxy-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: proxy`,
      `  cluster: { server: 'http://127.0.0.1:${port}', insecure-skip-tls-verify: true }`,
      'users:',
      '- name: proxy',
      '  user: {}',
      'contexts:',
      `- name: ${context}`,
      '  context: { cluster: proxy, user: proxy }',
      `current-context: ${context}`,
      '',
    ].join('\n'),
  );
  return {
    kubeconfig,
    context,
    requests,
    watchedSince: (mark) => watchLog.slice(mark),
    mark: () => ({ watch: watchLog.length, seq }),
    close: async () => {
      for (const r of open) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
