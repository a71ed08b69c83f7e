/**
 * Scenario 2: drift and out-of-band edits on a real API server. The manifests are applied with
 * server-side apply (field manager `kubeward-test`), then edited by another manager the way
 * `kubectl edit` does (an Update by `kubectl-edit`); verify must name the field, the manager and
 * the manifest line. Everything the API server defaults on its own is not drift.
 */
import { readFileSync } from 'node:fs';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { findingsOf, runVerifyCli } from '../support/run-verify.ts';
import { deployment, hardenedContainer, writeManifests } from '../support/real-workloads.ts';

describeReal('drift on a real cluster', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  const verifyArgs = (file: string) => [
    '--kubeconfig',
    c.kubeconfig,
    '--manifests',
    file,
    '--deployer',
    'kubeward-test',
    '--timeout',
    '120s',
  ];

  test('a field changed by another manager is reported with the field, the manager and the manifest line', async () => {
    const ns = await c.namespace('drift');
    const obj = deployment('web', { namespace: ns, replicas: 1 });
    const file = writeManifests([obj]);
    await c.apply(obj, { fieldManager: 'kubeward-test' });
    const before = await runVerifyCli(verifyArgs(file));
    expect(findingsOf(before, 'drift')).toEqual([]);

    // `kubectl edit`: GET, change, PUT with fieldManager=kubectl-edit (an Update operation)
    const live = await c.get('apps/v1', 'Deployment', 'web', ns);
    const containers = (((live.spec as Json).template as Json).spec as Json).containers as Json[];
    containers[0].image = 'docker.io/library/nginx:latest';
    containers[0].securityContext = { ...(containers[0].securityContext as Json), allowPrivilegeEscalation: true };
    await c.request('PUT', await c.pathFor('apps/v1', 'Deployment', ns, 'web'), {
      body: live,
      query: { fieldManager: 'kubectl-edit' },
    });

    const r = await runVerifyCli(verifyArgs(file));
    const drift = findingsOf(r, 'drift');
    const image = drift.find((f) => f.details?.field === 'image of app');
    expect(image).toBeDefined();
    expect(image!.path).toBe('spec.template.spec.containers[0].image');
    expect(image!.details).toMatchObject({ live: 'docker.io/library/nginx:latest', manager: 'kubectl-edit' });
    expect(image!.message).toContain('(set by "kubectl-edit")');
    // the manifest line that declares the image
    expect(image!.file).toBe(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[image!.line! - 1]).toMatch(/^\s+image: ghcr\.io\/acme\/app@sha256:/);
    const sc = drift.find((f) => f.details?.field === 'securityContext of app');
    expect(sc?.details?.manager).toBe('kubectl-edit');
    // and the edit itself, naming the manager and what it owns
    const edit = drift.find((f) => f.details?.change === 'out-of-band edit');
    expect(edit?.details).toMatchObject({ manager: 'kubectl-edit', operation: 'Update' });
    expect(edit?.details?.fields).toContain('spec.template.spec.containers[app].image');
    expect(r.code).toBe(1);
  });

  test("the API server's defaults are not drift", async () => {
    const ns = await c.namespace('drift-defaults');
    // fields the API server fills in: imagePullPolicy, terminationMessagePath/Policy, protocol,
    // restartPolicy, dnsPolicy, schedulerName, strategy, revisionHistoryLimit, volume defaultMode,
    // the projected token's expirationSeconds, the downward API's fieldRef apiVersion ...
    const container = {
      ...hardenedContainer('app'),
      env: [
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      ],
      volumeMounts: [
        { name: 'config', mountPath: '/etc/app' },
        { name: 'creds', mountPath: '/var/run/creds' },
        { name: 'podinfo', mountPath: '/etc/podinfo' },
        { name: 'bundle', mountPath: '/var/run/bundle' },
        { name: 'tmp', mountPath: '/tmp' },
      ],
    };
    const obj = deployment('defaults', {
      namespace: ns,
      replicas: 1,
      containers: [container],
      podSpec: {
        volumes: [
          { name: 'config', configMap: { name: 'app-config' } },
          { name: 'creds', secret: { secretName: 'db', items: [{ key: 'password', path: 'pw' }] } },
          { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          {
            name: 'bundle',
            projected: {
              sources: [
                { serviceAccountToken: { path: 'token', audience: 'vault' } },
                { configMap: { name: 'app-config' } },
                { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
          { name: 'tmp', emptyDir: {} },
        ],
      },
    });
    const file = writeManifests([obj]);
    await c.apply(obj, { fieldManager: 'kubeward-test' });
    const r = await runVerifyCli(verifyArgs(file));
    expect(findingsOf(r, 'drift')).toEqual([]);
  });
});
