/**
 * The inventory compacts each pod's managedFields to the named list items they own
 * (cluster/inventory.ts compactManagedFields): what `unexpected-container` reads of them, which
 * manager wrote a container, must be the same before and after, for any fieldsV1 tree.
 */
import fc from 'fast-check';
import { compactManagedFields } from '../../src/core/cluster/inventory.ts';

type Tree = { [k: string]: Tree };

const NAMES = ['app', 'istio-proxy', 'vault-agent', 'debugger', 'FOO'];
const key = fc.oneof(
  fc.constantFrom('f:spec', 'f:containers', 'f:env', 'f:status', 'f:image', '.', 'f:metadata'),
  fc.constantFrom(...NAMES).map((n) => `k:${JSON.stringify({ name: n })}`),
  fc.constantFrom(...NAMES).map((n) => `k:${JSON.stringify({ name: n, port: 8080 })}`),
  fc.constantFrom('Ready', 'PodScheduled').map((t) => `k:${JSON.stringify({ type: t })}`),
  fc.constantFrom('v:"ALL"', 'i:0'),
);
const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, fc.constant({}), tie('t')), { maxKeys: 4 }),
})).t;

const owns = (fieldsV1: unknown, name: string) => JSON.stringify(fieldsV1 ?? {}).includes(`{\\"name\\":\\"${name}\\"}`);

test('which named items each manager owns is unchanged by the compaction', () => {
  fc.assert(
    fc.property(fc.array(tree, { minLength: 1, maxLength: 3 }), (trees) => {
      const pod = {
        metadata: {
          managedFields: trees.map((t, i) => ({ manager: `m${i}`, operation: 'Update', time: 't', fieldsV1: t })),
        },
      };
      const before = structuredClone(pod);
      compactManagedFields(pod);
      pod.metadata.managedFields.forEach((e, i) => {
        expect(e.manager).toBe(`m${i}`);
        for (const n of NAMES) expect(owns(e.fieldsV1, n)).toBe(owns(before.metadata.managedFields[i].fieldsV1, n));
      });
    }),
    { numRuns: 300 },
  );
});

test('a real pod entry shrinks to its container keys; subresource and manager kept', () => {
  const pod = {
    metadata: {
      managedFields: [
        {
          manager: 'kwok',
          operation: 'Update',
          subresource: 'status',
          time: '2026-01-01T00:00:00Z',
          fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:status': {} } } } },
        },
        {
          manager: 'sidecar-injector',
          operation: 'Update',
          time: '2026-01-01T00:00:00Z',
          fieldsV1: { 'f:spec': { 'f:containers': { 'k:{"name":"proxy"}': { '.': {}, 'f:image': {} } } } },
        },
      ],
    },
  };
  compactManagedFields(pod);
  expect(pod.metadata.managedFields).toEqual([
    { manager: 'kwok', operation: 'Update', subresource: 'status', time: '2026-01-01T00:00:00Z', fieldsV1: {} },
    {
      manager: 'sidecar-injector',
      operation: 'Update',
      time: '2026-01-01T00:00:00Z',
      fieldsV1: { 'k:{"name":"proxy"}': {} },
    },
  ]);
});
