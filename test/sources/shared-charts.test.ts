/**
 * Every chart of ../shared/sources/helm (real third-party charts) rendered with helm and scanned,
 * with its default values and up to three of its own value sets as environments: no crash, every
 * finding traced to a file of the chart, at least 90% to a template/values line holding the key,
 * and environments differ where their values differ. Every Kustomize tree of shared/sources/kustomize
 * built the same way (its overlays found as environments).
 */
import { jest } from '@jest/globals';
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { scan } from '../../src/core/scan.ts';
import type { Report } from '../../src/core/model.ts';
import {
  chartEnvironments,
  describeWith,
  hasSharedSources,
  holdsKey,
  SHARED_SOURCES,
  sharedCharts,
  toolEnv,
} from '../support/sources.ts';

jest.setTimeout(300_000);

const charts = hasSharedSources ? sharedCharts() : [];
const reports = new Map<string, Report>();

async function reportOf(chart: string): Promise<Report> {
  let r = reports.get(chart);
  if (!r) {
    const envs = Object.entries(chartEnvironments(chart)).slice(0, 4);
    r = await scan({
      paths: ['.'],
      cwd: chart,
      env: toolEnv(),
      sources: {
        render: false,
        helm: [{ chart: '.', environments: Object.fromEntries(envs.map(([k, v]) => [k, { values: v }])) }],
      },
    });
    reports.set(chart, r);
  }
  return r;
}

describeWith('helm', true)('shared/sources Helm charts', () => {
  test.each(charts.map((c) => [path.basename(c), c]))('%s renders, scans and traces', async (_name, chart) => {
    const r = await reportOf(chart);
    // the only input errors allowed are helm's own refusals of a value set (reported, not hidden)
    for (const e of r.errors) expect(e.message).toMatch(/^helm template failed for \. \(environment [^)]+\): /);
    expect(r.sources?.some((s) => s.objects > 0)).toBe(true);
    expect(r.findings.filter((f) => f.ruleId === 'invalid-yaml')).toEqual([]);
    let keyed = 0;
    for (const f of r.findings) {
      expect(f.location).toBeDefined();
      expect(existsSync(path.join(chart, f.location!.file))).toBe(true);
      expect(path.resolve(chart, f.location!.file).startsWith(chart + path.sep)).toBe(true);
      if ((r.sources?.length ?? 0) > 1) expect(f.details?.environment ?? f.details?.environments).toBeDefined();
      if (f.details?.traced !== 'object' && holdsKey(chart, f)) keyed++;
    }
    if (r.findings.length) expect(keyed / r.findings.length).toBeGreaterThanOrEqual(0.9);
  });

  test('environments differ where their values differ (podinfo: default vs prod)', async () => {
    const chart = charts.find((c) => c.endsWith('stefanprodan__podinfo__podinfo'));
    if (!chart) return;
    const r = await reportOf(chart);
    const prodOnly = r.findings.filter((f) => f.details?.environment === 'prod');
    const both = r.findings.filter((f) => f.details?.environments === 'default, prod');
    expect(prodOnly.length).toBeGreaterThan(0);
    expect(both.length).toBeGreaterThan(0);
    // values-prod.yaml enables redis: its objects are only in prod
    expect(prodOnly.some((f) => f.location?.file.startsWith('templates/redis/'))).toBe(true);
  });
});

const trees = hasSharedSources
  ? readdirSync(path.join(SHARED_SOURCES, 'kustomize'))
      .sort()
      .map((d) => path.join(SHARED_SOURCES, 'kustomize', d))
  : [];

describeWith('kustomize', true)('shared/sources Kustomize trees', () => {
  test.each(trees.map((t) => [path.basename(t), t]))('%s builds, scans and traces', async (_name, tree) => {
    const r = await scan({ paths: ['.'], cwd: tree, env: toolEnv() });
    expect(r.errors).toEqual([]);
    expect(r.sources?.some((s) => s.tool === 'kustomize' && s.objects > 0)).toBe(true);
    expect(r.objects?.some((o) => o.ref.kind === 'Kustomization' || o.ref.kind === 'Component')).toBe(false);
    let keyed = 0;
    let traced = 0;
    for (const f of r.findings) {
      expect(existsSync(path.join(tree, f.location!.file))).toBe(true);
      if (!f.details?.source?.startsWith('kustomize')) continue; // plain manifests beside the tree
      traced++;
      if (f.details?.traced !== 'object' && holdsKey(tree, f)) keyed++;
    }
    if (traced) expect(keyed / traced).toBeGreaterThanOrEqual(0.9);
  });
});
