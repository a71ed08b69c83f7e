/**
 * The structure of kubeward (ARCHITECTURE.md), checked by `npm run lint` (`npm run check:structure`):
 * no import circles, and imports only point down the layers:
 *
 *   adapters (src/cli, src/github, src/circleci)
 *     -> src/pr
 *       -> src/core: orchestration   scan.ts, verify.ts, outcome.ts, docs.ts, report/, sources/index.ts,
 *                                    cluster/reports.ts (writes reports to a cluster)
 *         -> evaluation              engine.ts, config.ts, suppress.ts, fixes/, live/inventory.ts (conversion)
 *           -> rules                 rules/, policies/ (the policy rule family)
 *             -> inputs              manifests/, secrets/, cluster/, sources/ (rendering), live/ (context types, managedFields)
 *               -> vocabulary        model.ts, text.ts, version.ts
 *
 * Type-only imports count for circles (a circle of types is still a circle to read) but not for
 * layers: they vanish at compile time, and a lower layer may name a type an upper one defines
 * (config.ts typing the `sources:` section it parses).
 */
const CORE = '^src/core/';
const ORCHESTRATION =
  '^src/core/(scan|verify|outcome|docs)\\.ts$|^src/core/report/|^src/core/sources/index\\.ts$|^src/core/cluster/reports\\.ts$';
const EVALUATION = '^src/core/(engine|config|suppress)\\.ts$|^src/core/fixes/|^src/core/live/inventory\\.ts$';
const RULES = '^src/core/(rules|policies)/';
const INPUTS =
  '^src/core/(manifests|secrets)/|^src/core/cluster/(?!reports\\.ts$)|^src/core/sources/(?!index\\.ts$)|^src/core/live/(?!inventory\\.ts$)';
const VOCABULARY = '^src/core/(model|text|version)\\.ts$';

const down = (name, from, to, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: from },
  to: { path: to, dependencyTypesNot: ['type-only'] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles make load order matter and hide which module owns what.',
      from: {},
      to: { circular: true },
    },
    down(
      'core-imports-no-adapter',
      CORE,
      '^src/(pr|github|circleci|cli)/',
      'src/core knows no adapter and no CI vendor.',
    ),
    down('pr-imports-no-adapter', '^src/pr/', '^src/(github|circleci|cli)/', 'src/pr is shared by both adapters.'),
    down('github-alone', '^src/github/', '^src/(cli|circleci)/', 'The action imports no other adapter.'),
    down('circleci-alone', '^src/circleci/', '^src/(cli|github)/', 'The CircleCI environment module is a leaf.'),
    down(
      'cli-not-github',
      '^src/cli/',
      '^src/github/',
      'The CLI knows nothing of the action (it reads CircleCI context).',
    ),
    {
      name: 'actions-only-in-github',
      severity: 'error',
      comment: '@actions/* is imported only under src/github.',
      from: { pathNot: '^src/github/' },
      to: { path: '^node_modules/@actions/' },
    },
    {
      name: 'client-node-only-in-cluster',
      severity: 'error',
      comment: '@kubernetes/client-node is loaded at run time only by src/core/cluster (type imports are fine).',
      from: { pathNot: '^src/core/cluster/' },
      to: { path: '^node_modules/@kubernetes/client-node/', dependencyTypesNot: ['type-only'] },
    },
    down('evaluation-not-orchestration', EVALUATION, ORCHESTRATION, 'The engine layer does not know scan or verify.'),
    down('rules-not-above', RULES, `${ORCHESTRATION}|${EVALUATION}`, 'A rule knows no engine, config or report.'),
    down('inputs-not-above', INPUTS, `${ORCHESTRATION}|${EVALUATION}|${RULES}`, 'Sources know nothing of rules.'),
    down(
      'vocabulary-is-the-bottom',
      VOCABULARY,
      `${ORCHESTRATION}|${EVALUATION}|${RULES}|${INPUTS}`,
      'model.ts and friends import nothing of the core.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|lib)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
