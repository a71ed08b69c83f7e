/**
 * The admission webhook's HTTPS server: `POST /validate` answers AdmissionReview v1 through the
 * core (src/core/admission), `/healthz`, `/readyz`, `/metrics`. Certificates come from files and are
 * reloaded when they change (a Secret volume swaps them in place). Bad input gets an HTTP error
 * with a clear message and never takes the server down: a body that is not JSON or not an
 * AdmissionReview (400), too large (413), not JSON by type (415), too slow to arrive (408).
 * Nothing from the request body is echoed back or logged except identifiers (kind, namespace,
 * name, uid), so a Secret under review never leaks.
 */
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import {
  AdmissionInputError,
  admissionReview,
  parseAdmissionReview,
  reviewAdmission,
  type AdmissionDecision,
  type AdmissionOptions,
  type AdmissionRequest,
} from '../core/admission/index.ts';
import { createAdmissionMetrics, type AdmissionMetrics } from './metrics.ts';

/** The TLS handshake, from the TCP connection on, must be done within it. */
const HANDSHAKE_MS = 5000;

export interface WebhookServerOptions {
  /** PEM files of the serving certificate and key (reloaded when they change). */
  certFile?: string;
  keyFile?: string;
  /** PEM content instead of files (embedders, tests). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  host?: string;
  /** 0 picks a free port. Default 8443. */
  port?: number;
  /** Plain-HTTP port for /metrics, /healthz and /readyz (Prometheus, kubelet probes); undefined: none. */
  metricsPort?: number;
  metricsHost?: string;
  admission?: AdmissionOptions;
  /**
   * Per-request budget in ms, from the request's arrival: a body that has not arrived by then is
   * refused (408); a review whose rules have not finished by then is answered per the failure
   * policy (allowed with a warning, or denied), saying so. Default 2000.
   */
  budgetMs?: number;
  /** Largest request body accepted. Default 3 MiB (the API server's own request limit). */
  maxBodyBytes?: number;
  /** Answer when the webhook itself fails on a request it could read: Ignore (allow) or Fail (deny). Default Ignore. */
  failurePolicy?: 'Ignore' | 'Fail';
  /**
   * On close, how long to keep answering reviews while /readyz already says 503, in ms: the time
   * the Service's endpoints take to drop this pod, during which the API server still sends it
   * reviews (which would otherwise hit a closed port and fall to the failure policy). Default 0.
   */
  shutdownDelayMs?: number;
  /** How often the certificate files are checked for changes, in ms. Default 10000; 0 disables. */
  certCheckIntervalMs?: number;
  /** One structured log entry per event (JSON lines on stderr in the CLI). */
  log?: (entry: Record<string, unknown>) => void;
  /** Called with every decision (monitoring, tests). */
  onDecision?: (d: AdmissionDecision) => void;
  metrics?: AdmissionMetrics;
}

export interface WebhookServer {
  /** https://host:port */
  url: string;
  port: number;
  metricsUrl?: string;
  metrics: AdmissionMetrics;
  isReady(): boolean;
  /** Re-reads the certificate files; false (and the old certificate kept) when they are unusable. */
  reloadCertificates(): Promise<boolean>;
  /**
   * Graceful shutdown: /readyz turns 503 at once; reviews are still answered for the shutdown
   * delay; then new connections are refused, in-flight reviews finish (up to graceMs), and the
   * server closes.
   */
  close(graceMs?: number): Promise<void>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

class HttpError extends Error {
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads the body within `maxBytes` and `deadlineMs`. */
function readBody(req: http.IncomingMessage, maxBytes: number, deadlineMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(
        new HttpError(413, 'too-large', `request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const timer = setTimeout(
      () => finish(new HttpError(408, 'too-slow', `request body not received within ${deadlineMs} ms`)),
      deadlineMs,
    );
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        finish(new HttpError(413, 'too-large', `request body exceeds the limit of ${maxBytes} bytes`));
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => finish();
    const onError = (e: Error) => finish(new HttpError(400, 'read-error', `cannot read the request: ${e.message}`));
    const onAborted = () => finish(new HttpError(400, 'aborted', 'the client closed the request'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

export async function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  const log = opts.log ?? (() => undefined);
  const metrics = opts.metrics ?? createAdmissionMetrics();
  const budgetMs = opts.budgetMs ?? 2000;
  const maxBody = opts.maxBodyBytes ?? 3 * 1024 * 1024;
  const failurePolicy = opts.failurePolicy ?? 'Ignore';
  const admission: AdmissionOptions = { failurePolicy, ...opts.admission };

  let certKey = '';
  const readCerts = async (): Promise<{ cert: Buffer | string; key: Buffer | string }> => {
    if (opts.tls) return opts.tls;
    if (!opts.certFile || !opts.keyFile)
      throw new Error('a certificate and key are required (--tls-cert-file, --tls-key-file)');
    const [cert, key] = await Promise.all([readFile(opts.certFile), readFile(opts.keyFile)]);
    return { cert, key };
  };
  const certStamp = async (): Promise<string> => {
    if (!opts.certFile || !opts.keyFile) return '';
    const [a, b] = await Promise.all([stat(opts.certFile), stat(opts.keyFile)]);
    return `${a.mtimeMs}:${a.size}:${a.ino}|${b.mtimeMs}:${b.size}:${b.ino}`;
  };
  const initial = await readCerts();
  // fails here, with the library's message, when the pair is unusable
  tls.createSecureContext(initial);
  certKey = await certStamp();

  let ready = false;
  /** Shutting down: not ready any more (reviews still answered during the shutdown delay). */
  let closing = false;
  /** Past the shutdown delay: no new reviews. */
  let stopping = false;
  let inFlight = 0;
  const idle: (() => void)[] = [];
  const done = () => {
    inFlight--;
    metrics.inFlight.dec();
    if (inFlight === 0) for (const f of idle.splice(0)) f();
  };

  const health = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/healthz' || url === '/livez') {
      sendText(res, 200, 'ok\n');
      return true;
    }
    if (url === '/readyz') {
      if (ready && !closing) sendText(res, 200, 'ok\n');
      else sendText(res, 503, closing ? 'shutting down\n' : 'not ready\n');
      return true;
    }
    if (url === '/metrics') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'use GET\n');
        return true;
      }
      metrics.registry.metrics().then(
        (text) => sendText(res, 200, text, metrics.registry.contentType),
        (e: unknown) => sendText(res, 500, `cannot collect metrics: ${(e as Error).message}\n`),
      );
      return true;
    }
    return false;
  };

  const answer = (
    req: AdmissionRequest | undefined,
    uid: string | undefined,
    res: http.ServerResponse,
    why: string,
  ) => {
    // the webhook failed on a request it could read: answer in-protocol per the failure policy
    if (!uid) {
      metrics.rejected('internal');
      sendJson(res, 500, { error: `kubeward could not judge the request: ${why}` });
      return;
    }
    metrics.rejected('internal');
    sendJson(
      res,
      200,
      admissionReview(
        failurePolicy === 'Fail'
          ? {
              uid,
              allowed: false,
              status: { code: 500, reason: 'InternalError', message: `kubeward could not judge the request: ${why}` },
            }
          : {
              uid,
              allowed: true,
              warnings: [`kubeward could not judge the request (${why}); allowed (failurePolicy Ignore)`],
            },
      ),
    );
    log({ level: 'error', msg: 'review failed', uid, kind: req?.kind.kind, error: why });
  };

  const validate = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    if (req.method !== 'POST') {
      metrics.rejected('method');
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { error: 'use POST with an AdmissionReview v1 body' });
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(type)) {
      metrics.rejected('content-type');
      sendJson(
        res,
        415,
        { error: `content-type must be application/json (got ${JSON.stringify(type.slice(0, 80))})` },
        true,
      );
      req.resume();
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBody, budgetMs);
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(400, 'read-error', (e as Error).message);
      metrics.rejected(err.reason);
      log({ level: 'warn', msg: 'request refused', status: err.status, error: err.message });
      // a half-read body leaves the connection unusable: close it after answering
      sendJson(res, err.status, { error: err.message }, true);
      if (err.status === 408 || err.status === 413) {
        res.once('finish', () => req.socket.destroySoon?.());
        req.resume();
      }
      return;
    }
    let request: AdmissionRequest;
    try {
      request = parseAdmissionReview(body.toString('utf8'));
    } catch (e) {
      if (!(e instanceof AdmissionInputError)) throw e;
      metrics.rejected('bad-request');
      log({ level: 'warn', msg: 'malformed AdmissionReview', error: e.message, ...(e.uid ? { uid: e.uid } : {}) });
      sendJson(res, 400, { error: `malformed AdmissionReview: ${e.message}` });
      return;
    }
    let d: AdmissionDecision;
    try {
      // the budget runs from the request's arrival: reading the body and judging it
      d = reviewAdmission(request, { ...admission, deadline: started + budgetMs });
    } catch (e) {
      answer(request, request.uid, res, (e as Error).message);
      return;
    }
    const total = performance.now() - started;
    if (d.overBudget || total > budgetMs) {
      metrics.budgetExceeded.inc();
      log({
        level: 'warn',
        msg: d.overBudget
          ? 'review not judged within the budget; answered per the failure policy'
          : 'review over budget',
        uid: request.uid,
        ms: Math.round(total),
        budgetMs,
        failurePolicy,
      });
    }
    metrics.observe(d, request.dryRun === true);
    opts.onDecision?.(d);
    log({
      level: 'info',
      msg: 'review',
      uid: request.uid,
      operation: request.operation,
      kind: d.object?.kind ?? request.kind.kind,
      namespace: d.object?.namespace ?? request.namespace ?? '',
      name: d.object?.name ?? request.name ?? '',
      decision: d.decision,
      dryRun: request.dryRun === true,
      ...(d.skipped ? { skipped: d.skipped } : {}),
      findings: d.findings.map((f) => `${f.ruleId}:${f.severity}:${f.mode}`),
      ms: Math.round(total * 100) / 100,
    });
    sendJson(res, 200, admissionReview(d.response));
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (health(req, res)) return;
    const url = (req.url ?? '/').split('?')[0];
    if (url !== '/validate') {
      sendJson(res, 404, { error: `no such endpoint ${url.slice(0, 100)}; admission reviews go to POST /validate` });
      req.resume();
      return;
    }
    if (stopping) {
      res.setHeader('connection', 'close');
      sendJson(res, 503, { error: 'the webhook is shutting down' });
      req.resume();
      return;
    }
    inFlight++;
    metrics.inFlight.inc();
    res.once('close', done);
    validate(req, res).catch((e: unknown) => {
      log({ level: 'error', msg: 'internal error', error: (e as Error).message });
      metrics.rejected('internal');
      sendJson(res, 500, { error: 'internal error in the webhook' });
    });
  };

  const server = https.createServer(
    {
      ...initial,
      // slow clients: the TLS handshake and the headers within 5 s, the whole request within the
      // budget (plus a margin); Node checks these every connectionsCheckingInterval (30 s by
      // default, which let a client that never finished its headers hold a connection that long)
      handshakeTimeout: HANDSHAKE_MS,
      headersTimeout: Math.max(5000, budgetMs),
      requestTimeout: budgetMs + 5000,
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: 30000,
    },
    handler,
  );
  // every TCP connection, also one that never completes TLS (closeAllConnections knows only the
  // HTTP ones, and server.close would wait for the others forever)
  const sockets = new Set<Socket>();
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    // handshakeTimeout starts with the ClientHello: a connection that sends nothing is closed here
    const silent = setTimeout(() => {
      if (sock.bytesRead === 0) {
        metrics.rejected('tls');
        sock.destroy();
      }
    }, HANDSHAKE_MS).unref();
    sock.once('close', () => {
      clearTimeout(silent);
      sockets.delete(sock);
    });
  });
  server.on('tlsClientError', () => metrics.rejected('tls'));
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    metrics.rejected('client-error');
    if (socket.writable) {
      const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    } else socket.destroy();
  });

  const reloadCertificates = async (): Promise<boolean> => {
    try {
      const stamp = await certStamp();
      const next = await readCerts();
      tls.createSecureContext(next);
      server.setSecureContext(next);
      certKey = stamp;
      metrics.certReloads.inc({ result: 'ok' });
      log({ level: 'info', msg: 'certificate reloaded' });
      return true;
    } catch (e) {
      metrics.certReloads.inc({ result: 'error' });
      log({ level: 'error', msg: 'certificate reload failed; keeping the current one', error: (e as Error).message });
      return false;
    }
  };
  const interval = opts.certCheckIntervalMs ?? 10000;
  const certTimer =
    interval > 0 && opts.certFile
      ? setInterval(() => {
          certStamp().then(
            (s) => {
              if (s !== certKey) void reloadCertificates();
            },
            () => undefined,
          );
        }, interval)
      : undefined;
  certTimer?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8443, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  let metricsServer: http.Server | undefined;
  if (opts.metricsPort !== undefined) {
    metricsServer = http.createServer((req, res) => {
      if (!health(req, res)) sendText(res, 404, 'not found: /metrics, /healthz, /readyz\n');
    });
    await new Promise<void>((resolve, reject) => {
      metricsServer!.once('error', reject);
      metricsServer!.listen(opts.metricsPort, opts.metricsHost ?? opts.host ?? '0.0.0.0', () => resolve());
    });
  }
  ready = true;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  const port = (server.address() as AddressInfo).port;
  const mport = metricsServer ? (metricsServer.address() as AddressInfo).port : undefined;
  log({ level: 'info', msg: 'listening', url: `https://${host}:${port}`, ...(mport ? { metricsPort: mport } : {}) });

  return {
    url: `https://${host}:${port}`,
    port,
    ...(mport
      ? {
          metricsUrl: `http://${opts.metricsHost && opts.metricsHost !== '0.0.0.0' ? opts.metricsHost : host}:${mport}`,
        }
      : {}),
    metrics,
    isReady: () => ready && !closing,
    reloadCertificates,
    async close(graceMs = 10000) {
      if (closing) return;
      closing = true;
      if (certTimer) clearInterval(certTimer);
      const delay = opts.shutdownDelayMs ?? 0;
      log({ level: 'info', msg: 'shutting down', inFlight, ...(delay ? { shutdownDelayMs: delay } : {}) });
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      stopping = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((r) => idle.push(r)),
          new Promise((r) => setTimeout(r, graceMs).unref()),
        ]);
      }
      server.closeAllConnections();
      for (const sock of sockets) sock.destroy();
      await closed;
      if (metricsServer) {
        const m = metricsServer;
        await new Promise<void>((r) => m.close(() => r()));
        m.closeAllConnections();
      }
    },
  };
}
