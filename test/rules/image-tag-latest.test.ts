import { deployment, ruleTester } from '../support/rule-tester.ts';
import { parseImage } from '../../src/core/rules/images.ts';

const DIGEST = 'sha256:' + 'a'.repeat(64);

ruleTester('image-tag-latest', {
  valid: [
    deployment('- name: app\n  image: nginx:1.27.3'),
    { name: 'digest-pinned latest', yaml: deployment(`- name: app\n  image: nginx:latest@${DIGEST}`) },
    { name: 'digest without tag', yaml: deployment(`- name: app\n  image: registry.example.com/app@${DIGEST}`) },
    { name: 'registry port with tag', yaml: deployment('- name: app\n  image: localhost:5000/app:v1') },
    { name: 'placeholder image', yaml: deployment('- name: app\n  image: $IMAGE') },
    {
      name: 'an invalid reference (truncated digest) is not said to pull :latest',
      yaml: deployment('- name: app\n  image: name@sha256:123'),
    },
  ],
  invalid: [
    {
      name: ':latest',
      yaml: deployment('- name: app\n  image: nginx:latest'),
      paths: ['spec.template.spec.containers[0].image'],
      lines: [15],
      message: /:latest/,
    },
    {
      name: 'no tag, registry with port, in an init container',
      yaml: deployment('- name: app\n  image: nginx:1.27.3', 'initContainers:\n- name: init\n  image: host:5000/img'),
      paths: ['spec.template.spec.initContainers[0].image'],
      message: /without a tag/,
    },
  ],
});

test('parseImage splits registry, repository, tag and digest', () => {
  expect(parseImage('nginx')).toEqual({
    registry: 'docker.io',
    repository: 'library/nginx',
    name: 'docker.io/library/nginx',
  });
  expect(parseImage('host:5000/img')).toEqual({ registry: 'host:5000', repository: 'img', name: 'host:5000/img' });
  expect(parseImage('host:5000/img:1.0')).toMatchObject({ registry: 'host:5000', tag: '1.0' });
  expect(parseImage(`gcr.io/p/app:v2@${DIGEST}`)).toMatchObject({
    registry: 'gcr.io',
    repository: 'p/app',
    tag: 'v2',
    digest: DIGEST,
  });
});
