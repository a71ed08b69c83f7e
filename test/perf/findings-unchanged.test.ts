/**
 * Speed and memory work (issue 16) must not change what a scan reports: the findings of
 * examples/ and of a sample of ../shared/corpus (every 20th file, when the corpus is present)
 * are compared line by line with the digests in test/fixtures/findings-golden/ (rule, severity,
 * fingerprint, start and end of the location, path, digest of message/details/fix).
 * A rule change that is meant to change findings regenerates them:
 * `KUBEWARD_UPDATE_GOLDEN=1 npm test -- test/perf/findings-unchanged.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/core/scan.ts';
import { findingsDigest } from '../support/findings-digest.ts';
import { corpusSample, CORPUS } from '../support/corpus-sample.ts';

const GOLDEN = path.resolve('test/fixtures/findings-golden');

function check(name: string, actual: string): void {
  const file = path.join(GOLDEN, `${name}.txt`);
  if (process.env.KUBEWARD_UPDATE_GOLDEN === '1') writeFileSync(file, actual + '\n');
  const expected = readFileSync(file, 'utf8').trimEnd();
  if (actual === expected) return;
  // the differing lines, not two walls of text
  const a = new Set(actual.split('\n'));
  const e = new Set(expected.split('\n'));
  const lost = [...e].filter((l) => !a.has(l));
  const gained = [...a].filter((l) => !e.has(l));
  expect({
    lost: lost.slice(0, 20),
    gained: gained.slice(0, 20),
    lostCount: lost.length,
    gainedCount: gained.length,
  }).toEqual({ lost: [], gained: [], lostCount: 0, gainedCount: 0 });
}

test('the findings of examples/ are unchanged', async () => {
  const report = await scan({ paths: ['examples'], cwd: process.cwd() });
  expect(report.findings.length).toBeGreaterThan(50);
  check('examples', findingsDigest(report));
});

const corpus = existsSync(CORPUS) ? test : test.skip;
corpus(
  'the findings of a sample of the shared corpus are unchanged',
  async () => {
    const report = await scan({ paths: corpusSample(), cwd: CORPUS });
    expect(report.findings.length).toBeGreaterThan(200);
    check('corpus-sample', findingsDigest(report));
  },
  60_000,
);
