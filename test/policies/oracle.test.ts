/**
 * kubeward's ValidatingAdmissionPolicy verdicts on the fixtures of test/fixtures/policies/vap,
 * held to the verdicts a real kube-apiserver (v1.37.2) gave for the same (policy, object) pairs:
 * test/fixtures/policies/vap/recorded.json, written by `npm run oracle -- vap --record`. With a
 * real cluster, test/real/oracle-vap.test.ts asks the server itself.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { agrees, kubewardRun, RECORDED, vapFixtures, type Recorded } from '../support/oracle/vap.ts';

const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as Recorded;

describe('VAP verdicts equal the API server’s recorded ones', () => {
  it('every fixture has recorded verdicts', () => {
    expect(Object.keys(recorded).sort()).toEqual(vapFixtures().map((f) => f.file));
  });

  for (const fx of vapFixtures()) {
    it(fx.file, () => {
      const { subjects, policies } = kubewardRun(fx.text, fx.file);
      const want = recorded[fx.file] ?? {};
      expect(Object.keys(want).sort()).toEqual([...policies.keys(), ...subjects.keys()].sort());
      for (const [key, server] of Object.entries(want)) {
        if (policies.has(key)) {
          // stored or refused: kubeward's words for a refused policy are its own
          expect([key, policies.get(key)!.verdict]).toEqual([key, server.verdict]);
          continue;
        }
        const mine = subjects.get(key)!;
        if (!agrees(server, mine)) expect({ key, ...mine }).toEqual({ key, ...server });
      }
    });
  }
});
