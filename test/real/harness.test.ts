/**
 * The real-cluster harness itself: TLS and the two kinds of users, RBAC, Pod Security admission,
 * kwok's kubelets, and the second cluster. If these fail, the other real suites mean nothing.
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import {
  describeReal,
  realCluster,
  realClusterNames,
  RealClusterError,
  type Identity,
  type Json,
} from '../support/real-cluster.ts';

describeReal('real cluster harness', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  test('both clusters serve the built Kubernetes version over TLS with the generated CA', async () => {
    expect(realClusterNames()).toEqual(expect.arrayContaining(['a', 'b']));
    for (const name of ['a', 'b']) {
      const r = realCluster(name);
      const v = (await r.request('GET', '/version')).body;
      expect(`v${String(v.major)}.${String(v.minor)}`).toBe(r.info.kubernetesVersion.replace(/\.\d+$/, ''));
      expect(r.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(realCluster('a').server).not.toBe(realCluster('b').server);
    // without the CA the server certificate is refused
    await expect(
      new Promise((resolve, reject) =>
        https.get(`${c.server}/version`, { agent: new https.Agent({ keepAlive: false }) }, resolve).on('error', reject),
      ),
    ).rejects.toThrow(/self[- ]signed|unable to (verify|get)/i);
    expect(readFileSync(c.info.ca, 'utf8')).toMatch(/BEGIN CERTIFICATE/);
  });

  test('token and client-certificate users are authenticated; RBAC decides what they may do', async () => {
    const who = async (as?: Identity) =>
      (
        await c.request<{ status: { userInfo: { username: string; groups?: string[] } } }>(
          'POST',
          '/apis/authentication.k8s.io/v1/selfsubjectreviews',
          { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, as },
        )
      ).body.status.userInfo;
    expect((await who(undefined)).groups).toContain('system:masters');
    expect((await who({ token: c.info.adminToken })).groups).toContain('system:masters');
    expect((await who({ token: c.info.viewerToken })).username).toBe('viewer');
    expect((await who({ cert: c.info.developerCert, key: c.info.developerKey })).username).toBe('developer');
    const minted = c.userCert('minted-user', ['kubeward:minted']);
    expect((await who(minted)).groups).toContain('kubeward:minted');
    // authenticated but not authorized
    const denied = await c.request('GET', '/api/v1/pods', { as: { token: c.info.viewerToken }, check: false });
    expect(denied.status).toBe(403);
    // a wrong token is not authenticated
    const bad = await c.request('GET', '/api/v1/pods', { as: { token: 'not-a-token' }, check: false });
    expect(bad.status).toBe(401);
  });

  test('Pod Security admission enforces a namespace label; kwok runs the pods that pass', async () => {
    const ns = await c.namespace('harness', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    const pod = (name: string, sc: Json): Json => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns },
      spec: { containers: [{ name: 'app', image: 'registry.example/app:1', securityContext: sc }] },
    });
    const refused = await c.create(pod('root', { privileged: true }), { check: false });
    expect(refused.status).toBe(403);
    expect(String(refused.body.message)).toMatch(/violates PodSecurity "restricted:latest"/);
    await c.create({
      ...pod('ok', {
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      }),
    });
    const running = await c.waitFor(
      async () => {
        const p = await c.get('v1', 'Pod', 'ok', ns);
        const st = p.status as Json;
        const ready = (st.conditions as Json[] | undefined)?.find((x) => x.type === 'Ready');
        return st.phase === 'Running' && ready?.status === 'True' ? p : undefined;
      },
      { what: 'pod ok Running and Ready', timeoutMs: 60000 },
    );
    expect(String((running.spec as Json).nodeName)).toMatch(/^kwok-node-\d$/);
  });

  test('a ServiceAccount token from TokenRequest authenticates as that ServiceAccount', async () => {
    const ns = await c.namespace('harness-sa');
    await c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: ns } });
    const token = await c.serviceAccountToken(ns, 'robot');
    const r = await c.request('GET', `/api/v1/namespaces/${ns}/pods`, { as: { token }, check: false });
    expect(r.status).toBe(403);
    expect(String(r.body.message)).toContain(`system:serviceaccount:${ns}:robot`);
  });

  test('errors carry the status and the server message', async () => {
    const e = await c.get('v1', 'ConfigMap', 'missing', 'default').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RealClusterError);
    expect((e as RealClusterError).status).toBe(404);
  });
});
