import { runRule, deployment, ruleTester } from '../support/rule-tester.ts';

const P = 'spec.template.spec.containers[0].securityContext.capabilities.drop';

ruleTester('capabilities-drop-all', {
  valid: [
    deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: ["ALL"]'),
    {
      name: 'Windows exempt',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: a:1\n',
    },
  ],
  invalid: [
    {
      name: 'lower case "all" is not ALL (the restricted standard wants "ALL" itself)',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [all]'),
      paths: [P],
      message: /"ALL"/,
    },
    {
      name: 'CAP_ALL is not ALL either',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [CAP_ALL]'),
      paths: [P],
    },
    { name: 'no securityContext', yaml: deployment('- name: app\n  image: a:1'), paths: [P], lines: [14] },
    {
      name: 'drops only some',
      yaml: deployment('- name: app\n  image: a:1\n  securityContext:\n    capabilities:\n      drop: [NET_RAW]'),
      paths: [P],
      lines: [18],
    },
    {
      name: 'init container of a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: i\n    image: a:1\n  containers:\n  - name: app\n    image: a:1\n    securityContext:\n      capabilities:\n        drop: [ALL]\n',
      paths: ['spec.initContainers[0].securityContext.capabilities.drop'],
      message: /initContainer "i"/,
    },
    {
      name: 'Job',
      yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a:1\n',
      paths: ['spec.template.spec.containers[0].securityContext.capabilities.drop'],
    },
  ],
});

test('capabilities-drop-all fix drops ALL', () => {
  const [f] = runRule('capabilities-drop-all', deployment('- name: app\n  image: a:1'));
  expect(f.fix?.set?.[0].value).toEqual(['ALL']);
});
