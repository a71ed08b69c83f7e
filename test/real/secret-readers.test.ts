/**
 * Scenario 3 (continued): who can read each Secret. kubeward's secret-readers analysis (direct
 * get/list/watch grants and the implicit ones: create pods or workloads, mint tokens, impersonate,
 * bind/escalate) must agree with the API server's own SubjectAccessReview answers for every
 * (service account, secret) pair of a fixture of a dozen-odd roles, cluster roles, bindings,
 * groups and an aggregated cluster role (whose rules the real aggregation controller fills in).
 */
import { randomBytes } from 'node:crypto';
import { describeReal, realCluster, type Json } from '../support/real-cluster.ts';
import { findingsOf, runVerifyCli } from '../support/run-verify.ts';

const RBAC = 'rbac.authorization.k8s.io/v1';
const G = 'rbac.authorization.k8s.io';

describeReal('secret-readers against SubjectAccessReview', () => {
  const c = realCluster('a');
  afterAll(() => c.cleanup());

  test('every (service account, secret) pair: kubeward says "can read" exactly when the API server does', async () => {
    const a = await c.namespace('readers-a');
    const b = await c.namespace('readers-b');
    const tag = randomBytes(3).toString('hex');
    const shared = `kw-shared-${tag}`;
    const sas: [string, string][] = [
      [a, 'reader-named'],
      [a, 'lister'],
      [a, 'pod-maker'],
      [a, 'deployer'],
      [a, 'cluster-reader'],
      [a, 'editor'],
      [a, 'viewer'],
      [a, 'wrong-group'],
      [a, 'impersonator'],
      [a, 'binder'],
      [a, 'token-maker'],
      [a, 'named-creator'],
      [a, 'aggregated'],
      [a, 'sneaky'],
      [a, 'star'],
      [a, 'dangling'],
      [a, 'plain'],
      [b, 'cross'],
      [b, 'watcher'],
      [b, 'plain-b'],
    ];
    for (const [ns, name] of sas) {
      await c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } });
    }
    const secrets: [string, string][] = [
      [a, 's1'],
      [a, 's2'],
      [a, shared],
      [b, 's3'],
    ];
    for (const [ns, name] of secrets) {
      await c.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: ns },
        stringData: { value: randomBytes(8).toString('hex') },
      });
    }
    const role = (ns: string, name: string, rules: Json[]) =>
      c.create({ apiVersion: RBAC, kind: 'Role', metadata: { name, namespace: ns }, rules });
    const bind = (ns: string | undefined, name: string, roleRef: { kind: string; name: string }, subjects: Json[]) =>
      c.create({
        apiVersion: RBAC,
        kind: ns ? 'RoleBinding' : 'ClusterRoleBinding',
        metadata: ns ? { name, namespace: ns } : { name },
        roleRef: { apiGroup: G, ...roleRef },
        subjects,
      });
    const sa = (ns: string, name: string) => ({ kind: 'ServiceAccount', name, namespace: ns });

    await role(a, 'get-s1', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['s1'] }]);
    await bind(a, 'reader-named', { kind: 'Role', name: 'get-s1' }, [sa(a, 'reader-named')]);
    await role(a, 'list-secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]);
    await bind(a, 'lister', { kind: 'Role', name: 'list-secrets' }, [sa(a, 'lister')]);
    // a ServiceAccount of another namespace bound here
    await bind(a, 'cross', { kind: 'Role', name: 'list-secrets' }, [sa(b, 'cross')]);
    await role(a, 'pod-maker', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]);
    await bind(a, 'pod-maker', { kind: 'Role', name: 'pod-maker' }, [sa(a, 'pod-maker')]);
    await role(a, 'deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'update'] }]);
    await bind(a, 'deployer', { kind: 'Role', name: 'deployer' }, [sa(a, 'deployer')]);
    await c.create({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `kw-secret-reader-${tag}` },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch'] }],
    });
    await bind(undefined, `kw-cluster-reader-${tag}`, { kind: 'ClusterRole', name: `kw-secret-reader-${tag}` }, [
      sa(a, 'cluster-reader'),
    ]);
    // built-in roles bound in one namespace: edit reads Secrets, view does not
    await bind(b, 'editor', { kind: 'ClusterRole', name: 'edit' }, [sa(a, 'editor')]);
    await bind(b, 'viewer', { kind: 'ClusterRole', name: 'view' }, [sa(a, 'viewer')]);
    // secrets in the wrong API group are no Secrets
    await role(a, 'wrong-group', [{ apiGroups: ['apps'], resources: ['secrets'], verbs: ['get', 'list'] }]);
    await bind(a, 'wrong-group', { kind: 'Role', name: 'wrong-group' }, [sa(a, 'wrong-group')]);
    await role(a, 'impersonator', [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }]);
    await bind(a, 'impersonator', { kind: 'Role', name: 'impersonator' }, [sa(a, 'impersonator')]);
    await role(a, 'binder', [{ apiGroups: [G], resources: ['roles'], verbs: ['bind'] }]);
    await bind(a, 'binder', { kind: 'Role', name: 'binder' }, [sa(a, 'binder')]);
    await role(a, 'token-maker', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }]);
    await bind(a, 'token-maker', { kind: 'Role', name: 'token-maker' }, [sa(a, 'token-maker')]);
    // create limited to resourceNames: a create request has no name, so this allows nothing
    await role(a, 'named-creator', [
      { apiGroups: [''], resources: ['pods'], verbs: ['create'], resourceNames: ['only-this'] },
    ]);
    await bind(a, 'named-creator', { kind: 'Role', name: 'named-creator' }, [sa(a, 'named-creator')]);
    // an aggregated ClusterRole: the controller copies the labelled role's rules into it
    await c.create({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `kw-agg-part-${tag}`, labels: { 'kubeward.test/aggregate': tag } },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
    });
    await c.create({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `kw-agg-${tag}` },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'kubeward.test/aggregate': tag } }] },
    });
    await c.waitFor(
      async () => ((await c.get(RBAC, 'ClusterRole', `kw-agg-${tag}`)).rules as Json[] | undefined)?.length,
      { what: 'the aggregated ClusterRole filled in' },
    );
    await bind(a, 'aggregated', { kind: 'ClusterRole', name: `kw-agg-${tag}` }, [sa(a, 'aggregated')]);
    // a binding whose name starts with system: is still a binding
    await bind(a, `system:sneaky-${tag}`, { kind: 'Role', name: 'list-secrets' }, [sa(a, 'sneaky')]);
    await role(a, 'star', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
    await bind(a, 'star', { kind: 'Role', name: 'star' }, [sa(a, 'star')]);
    await bind(a, 'dangling', { kind: 'Role', name: 'does-not-exist' }, [sa(a, 'dangling')]);
    // a ServiceAccount named as a User
    await role(a, 'watch-secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['watch'] }]);
    await bind(a, 'watcher', { kind: 'Role', name: 'watch-secrets' }, [
      { kind: 'User', apiGroup: G, name: `system:serviceaccount:${b}:watcher` },
    ]);
    // groups: every ServiceAccount of namespace b reads b's Secrets; every authenticated
    // identity reads the shared one
    await bind(b, 'all-of-b', { kind: 'ClusterRole', name: `kw-secret-reader-${tag}` }, [
      { kind: 'Group', apiGroup: G, name: `system:serviceaccounts:${b}` },
    ]);
    await c.create({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `kw-shared-reader-${tag}` },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [shared] }],
    });
    await bind(undefined, `kw-shared-${tag}`, { kind: 'ClusterRole', name: `kw-shared-reader-${tag}` }, [
      { kind: 'Group', apiGroup: G, name: 'system:authenticated' },
    ]);

    // --- the API server's answers
    const oracle = async (ns: string, name: string, secretNs: string, secret: string): Promise<string[]> => {
      const subject = {
        user: `system:serviceaccount:${ns}:${name}`,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
      };
      const ways: string[] = [];
      const ask = async (why: string, attrs: Parameters<typeof c.can>[1]) => {
        if ((await c.can(subject, attrs)).allowed) ways.push(why);
      };
      for (const verb of ['get', 'list', 'watch']) {
        await ask(`${verb} secrets`, { verb, resource: 'secrets', namespace: secretNs, name: secret });
      }
      await ask('create pods', { verb: 'create', resource: 'pods', namespace: secretNs });
      for (const [group, resource] of [
        ['apps', 'deployments'],
        ['apps', 'statefulsets'],
        ['apps', 'daemonsets'],
        ['apps', 'replicasets'],
        ['batch', 'jobs'],
        ['batch', 'cronjobs'],
      ]) {
        await ask(`create ${resource}`, { verb: 'create', group, resource, namespace: secretNs });
      }
      await ask('create serviceaccounts/token', {
        verb: 'create',
        resource: 'serviceaccounts',
        subresource: 'token',
        namespace: secretNs,
      });
      await ask('impersonate serviceaccounts', {
        verb: 'impersonate',
        resource: 'serviceaccounts',
        namespace: secretNs,
      });
      for (const verb of ['bind', 'escalate']) {
        await ask(`${verb} roles`, { verb, group: G, resource: 'roles', namespace: secretNs });
      }
      return ways;
    };

    // --- kubeward's answers: verify as admin over both namespaces
    const r = await runVerifyCli([
      '--kubeconfig',
      c.kubeconfig,
      '-n',
      a,
      '-n',
      b,
      '--check-secrets',
      '--fail-on',
      'none',
    ]);
    expect(r.report.notVerified).toEqual([]);
    const readersOf = new Map<string, Set<string>>();
    for (const f of findingsOf(r, 'secret-readers')) {
      readersOf.set(
        `${f.object?.namespace}/${f.object?.name}`,
        new Set(
          String(f.details?.readers ?? '')
            .split(', ')
            .filter(Boolean),
        ),
      );
    }
    const kubewardSays = (ns: string, name: string, secretNs: string, secret: string): boolean => {
      const readers = readersOf.get(`${secretNs}/${secret}`) ?? new Set<string>();
      return [
        `${ns}/${name}`,
        'group:system:serviceaccounts',
        `group:system:serviceaccounts:${ns}`,
        'group:system:authenticated',
      ].some((s) => readers.has(s));
    };

    const disagreements: string[] = [];
    let pairs = 0;
    let readable = 0;
    for (const [ns, name] of sas) {
      for (const [secretNs, secret] of secrets) {
        pairs++;
        const ways = await oracle(ns, name, secretNs, secret);
        const server = ways.length > 0;
        if (server) readable++;
        const ours = kubewardSays(ns, name, secretNs, secret);
        if (server !== ours) {
          disagreements.push(
            `${ns}/${name} -> ${secretNs}/${secret}: API server ${server ? `allows (${ways.join(', ')})` : 'denies'}, kubeward says ${ours ? 'reader' : 'not a reader'}`,
          );
        }
      }
    }
    expect(pairs).toBe(sas.length * secrets.length);
    // the fixture is not trivial either way
    expect(readable).toBeGreaterThan(20);
    expect(pairs - readable).toBeGreaterThan(20);
    expect(disagreements).toEqual([]);
  });
});
