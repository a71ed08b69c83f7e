/**
 * ESLint-RuleTester-style helper: each rule's test lists manifests that must pass and manifests
 * that must fail (with the paths, and optionally lines, of the expected findings).
 */
import { evaluate, defaultSetting } from '../../src/core/engine.ts';
import { parseManifestText } from '../../src/core/manifests/parse.ts';
import { getRule } from '../../src/core/rules/index.ts';
import type { Finding } from '../../src/core/model.ts';

export interface RunOptions {
  options?: Record<string, unknown>;
  kubeVersion?: string;
  file?: string;
}

/** Runs one rule (enabled, even if off by default) over YAML text; returns its findings. */
export function runRule(ruleId: string, yamlText: string, run: RunOptions = {}): Finding[] {
  const rule = getRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const parsed = parseManifestText(yamlText, run.file ?? 'test.yaml');
  if (parsed.problems.length) throw new Error(`fixture does not parse: ${parsed.problems[0].message}`);
  const res = evaluate(parsed.objects, [], {
    rules: [rule],
    kubeVersion: run.kubeVersion,
    settings: (meta) => {
      const d = defaultSetting(meta);
      return { ...d, enabled: true, options: { ...d.options, ...run.options } };
    },
  });
  if (res.errors.length) throw new Error(res.errors[0].message);
  return res.findings;
}

export interface InvalidCase {
  name?: string;
  yaml: string;
  /** Expected finding paths (formatPath form), in any order. */
  paths?: string[];
  /** Expected number of findings, when paths are not given. */
  count?: number;
  /** Expected 1-based line of each finding, in the order of `paths`. */
  lines?: number[];
  /** A substring every message must contain. */
  message?: string | RegExp;
  options?: Record<string, unknown>;
  kubeVersion?: string;
}

export interface ValidCase {
  name?: string;
  yaml: string;
  options?: Record<string, unknown>;
  kubeVersion?: string;
}

/** Declares the standard valid/invalid tests of a rule. */
export function ruleTester(ruleId: string, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    cases.valid.forEach((c, i) => {
      const vc = typeof c === 'string' ? { yaml: c } : c;
      test(`valid: ${vc.name ?? i}`, () => {
        const found = runRule(ruleId, vc.yaml, vc);
        expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      test(`invalid: ${c.name ?? i}`, () => {
        const found = runRule(ruleId, c.yaml, c);
        if (c.paths) expect(found.map((f) => f.path).sort()).toEqual([...c.paths].sort());
        else expect(found.length).toBe(c.count ?? 1);
        expect(found.length).toBeGreaterThan(0);
        if (c.lines && c.paths) {
          const byPath = new Map(found.map((f) => [f.path, f.location?.line]));
          expect(c.paths.map((p) => byPath.get(p))).toEqual(c.lines);
        }
        for (const f of found) {
          expect(f.location?.line).toBeGreaterThan(0);
          if (c.message) expect(f.message).toMatch(c.message);
        }
      });
    });
  });
}

/** A Deployment fixture with the given container YAML (indented under containers:). */
export function deployment(containerYaml: string, podSpecExtra = ''): string {
  const indent = (s: string, n: number) =>
    s
      .split('\n')
      .map((l) => (l.trim() ? ' '.repeat(n) + l : l))
      .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
${podSpecExtra ? indent(podSpecExtra, 6) + '\n' : ''}      containers:
${indent(containerYaml, 8)}
`;
}
