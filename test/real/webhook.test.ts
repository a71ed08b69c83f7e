/**
 * `kubeward serve` registered with a real kube-apiserver: the server runs on loopback with a
 * certificate from a CA the API server trusts (caBundle), the ValidatingWebhookConfiguration
 * selects only this suite's namespace. A privileged Pod is denied with kubeward's message; a
 * compliant one is admitted; in warn mode the client receives the findings as warnings; with the
 * webhook down, failurePolicy Ignore admits (and Fail refuses).
 */
import { makePki, type TestPki } from '../support/fake-kube/certs.ts';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { compliantPod } from '../support/admission.ts';
import { startWebhookServer, type WebhookServer } from '../../src/serve/server.ts';
import { modesFrom } from '../../src/cli/serve-command.ts';

describeReal('kubeward serve as a real admission webhook', () => {
  const c = realCluster('a');
  let pki: TestPki;
  let ns: string;
  const servers: WebhookServer[] = [];
  const configs: string[] = [];
  beforeAll(async () => {
    pki = makePki();
    ns = await c.namespace('kw-webhook');
  });
  afterAll(async () => {
    for (const name of configs)
      await c.delete('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', name).catch(() => undefined);
    for (const s of servers) await s.close(100);
    await c.cleanup();
  });

  async function serve(modes = modesFrom('high', 'low')): Promise<WebhookServer> {
    const s = await startWebhookServer({
      tls: { cert: pki.serverCert, key: pki.serverKey },
      host: '127.0.0.1',
      port: 0,
      admission: { modes, exemptNamespaces: ['kube-system'] },
    });
    servers.push(s);
    return s;
  }

  // each test starts with no configuration of an earlier test left registered
  beforeEach(async () => {
    for (const name of configs)
      await c.delete('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', name).catch(() => undefined);
  });

  async function register(name: string, url: string, failurePolicy: 'Ignore' | 'Fail'): Promise<void> {
    await c.apply({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name },
      webhooks: [
        {
          name: 'validate.kubeward.io',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy,
          timeoutSeconds: 5,
          clientConfig: { url: `${url}/validate`, caBundle: Buffer.from(pki.caCert).toString('base64') },
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
          rules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['pods'],
              scope: 'Namespaced',
            },
          ],
        },
      ],
    });
    if (!configs.includes(name)) configs.push(name);
  }

  const privileged = (name: string): Json => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { privileged: true } }] },
  });

  test('a privileged Pod is denied with the findings; a compliant one is admitted', async () => {
    const s = await serve();
    await register('kubeward-test-deny', s.url, 'Fail');
    // the registration takes effect within a moment: dry runs until the webhook answers
    const denied = await c.waitFor(
      async () => {
        const r = await c.create(privileged('probe'), { namespace: ns, dryRun: true, check: false });
        return r.status === 403 ? r : undefined;
      },
      { what: 'the webhook to deny a dry run', timeoutMs: 30000 },
    );
    expect(String(denied.body.message)).toContain('admission webhook "validate.kubeward.io" denied the request');
    const r = await c.create(privileged('bad'), { namespace: ns, check: false });
    expect(r.status).toBe(403);
    expect(String(r.body.message)).toMatch(/kubeward denied Pod .*\/bad: \d+ findings/);
    expect(String(r.body.message)).toMatch(
      /\[critical\] privileged-container at spec\.containers\[0\]\.securityContext\.privileged/,
    );
    const good = compliantPod('good', ns);
    delete (good.metadata as { ownerReferences?: unknown }).ownerReferences;
    // the ServiceAccount the pod names must exist for the API server to admit it
    await c.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app', namespace: ns } });
    const ok = await c.create(good, { namespace: ns, check: false });
    expect({ status: ok.status, message: ok.body.message }).toEqual({ status: 201, message: undefined });
    const text = await s.metrics.registry.metrics();
    expect(text).toMatch(
      /kubeward_admission_reviews_total\{operation="CREATE",kind="Pod",decision="denied",dry_run="true"\} [1-9]/,
    );
    expect(text).toMatch(
      /kubeward_incidents_total\{rule="privileged-container",severity="critical",namespace="[^"]+",source="admission"\} 1\n/,
    );
    await c.delete('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'kubeward-test-deny');
  });

  test('warn mode: the privileged Pod is admitted and the client receives the findings as warnings', async () => {
    const s = await serve(modesFrom('none', 'low'));
    await register('kubeward-test-warn', s.url, 'Fail');
    const r = await c.waitFor(
      async () => {
        const res = await c.create(privileged('warned'), { namespace: ns, dryRun: true, check: false });
        if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${String(res.body.message)}`);
        return res.warnings.some((w) => w.includes('privileged-container')) ? res : undefined;
      },
      { what: 'warnings from the webhook', timeoutMs: 30000 },
    );
    expect(r.warnings.find((w) => w.includes('privileged-container'))).toMatch(
      /^kubeward \[critical\] privileged-container at spec\.containers\[0\]\.securityContext\.privileged/,
    );
    const created = await c.create(privileged('warned'), { namespace: ns, check: false });
    expect(created.status).toBe(201);
    expect(created.warnings.length).toBeGreaterThan(0);
    await c.delete('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'kubeward-test-warn');
  });

  test('webhook down: failurePolicy Ignore admits, Fail refuses', async () => {
    const s = await serve();
    const url = s.url;
    await s.close(100);
    await register('kubeward-test-down', url, 'Fail');
    const refused = await c.waitFor(
      async () => {
        const r = await c.create(privileged('down-fail'), { namespace: ns, dryRun: true, check: false });
        return r.status >= 500 ? r : undefined;
      },
      { what: 'the API server to refuse with the webhook down', timeoutMs: 30000 },
    );
    expect(String(refused.body.message)).toMatch(/failed calling webhook "validate\.kubeward\.io"/);
    await register('kubeward-test-down', url, 'Ignore');
    const admitted = await c.waitFor(
      async () => {
        const r = await c.create(privileged('down-ignore'), { namespace: ns, check: false });
        if (r.status !== 201) throw new Error(`HTTP ${r.status}: ${String(r.body.message)}`);
        return r;
      },
      { what: 'the API server to admit with failurePolicy Ignore', timeoutMs: 30000 },
    );
    expect(admitted.status).toBe(201);
  });
});
