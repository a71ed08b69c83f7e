import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv';
import { formatReport, SECURITY_SEVERITY } from '../../src/core/report/index.ts';
import { catalog } from '../../src/core/rules/index.ts';
import { emptyReport, sampleReport } from './fixtures.ts';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
// ajv-draft-04 is CommonJS; its typings do not survive ESM interop, so it is loaded with require
const Ctor = (require('ajv-draft-04') as { default: new (o: Options) => { compile(schema: object): ValidateFunction } })
  .default;
const validate = new Ctor({ unicodeRegExp: false, strict: false, allErrors: true, validateFormats: false }).compile(
  schema,
);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function sarif(report = sampleReport()): Json {
  const doc = JSON.parse(formatReport(report, 'sarif'));
  validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  return doc;
}

describe('sarif format', () => {
  test('validates against the official SARIF 2.1.0 schema', () => {
    const doc = sarif();
    expect(doc.version).toBe('2.1.0');
    expect(doc.runs).toHaveLength(1);
  });

  test('the schema check is not vacuous', () => {
    const doc = sarif();
    doc.runs[0].results[0].level = 'fatal';
    expect(validate(doc)).toBe(false);
  });

  test('an empty run is still a valid log with zero results', () => {
    const doc = sarif(emptyReport());
    expect(doc.runs[0].results).toEqual([]);
    expect(doc.runs[0].tool.driver.name).toBe('kubeward');
  });

  test('rule metadata comes from the catalog', () => {
    const doc = sarif();
    const rules: Json[] = doc.runs[0].tool.driver.rules;
    for (const r of catalog) expect(rules.some((d) => d.id === r.meta.id)).toBe(true);
    const priv = rules.find((d) => d.id === 'privileged-container')!;
    const meta = catalog.find((r) => r.meta.id === 'privileged-container')!.meta;
    expect(priv.shortDescription.text).toBe(meta.title);
    expect(priv.fullDescription.text).toBe(meta.rationale);
    expect(priv.help.text).toContain(meta.remediation);
    expect(priv.help.markdown).toContain('```yaml');
    expect(priv.helpUri).toBe(meta.references[0]);
    expect(priv.properties['security-severity']).toBe('9.5');
    expect(priv.properties.tags).toEqual(expect.arrayContaining(['security', 'pod-security']));
    expect(SECURITY_SEVERITY).toEqual({ critical: '9.5', high: '7.5', medium: '5.0', low: '3.0', info: '1.0' });
  });

  test('results point at their rule, file (forward slashes) and region, with fingerprints', () => {
    const report = sampleReport();
    const doc = sarif(report);
    const run = doc.runs[0];
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    const first = run.results[0];
    expect(first.level).toBe('error');
    expect(first.partialFingerprints).toEqual({ 'kubeward/v1': report.findings[0].fingerprint });
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 17, startColumn: 9, endLine: 17, endColumn: 25 },
    });
    const win = run.results.find((r: Json) => r.ruleId === 'hardcoded-secret-env');
    expect(win.locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/win%20path.yaml');
    expect(win.message.text).toContain('ghp_…(40 chars)');
    const odd = run.results.find((r: Json) => r.ruleId === 'custom-hostile');
    expect(odd.level).toBe('warning');
    // a rule outside the catalog still gets a descriptor
    expect(run.tool.driver.rules[odd.ruleIndex].id).toBe('custom-hostile');
  });

  test('live findings without a file use logical locations', () => {
    const run = sarif().runs[0];
    const live = run.results.find((r: Json) => r.message.text.includes('live object'));
    expect(live.locations).toHaveLength(1);
    expect(live.locations[0].physicalLocation).toBeUndefined();
    expect(live.locations[0].logicalLocations[0].fullyQualifiedName).toContain('Pod prod-eu:kube-system/live-pod');
  });

  test('suppressed findings are results with suppressions', () => {
    const run = sarif().runs[0];
    const supp = run.results.filter((r: Json) => r.suppressions);
    expect(supp).toHaveLength(2);
    expect(supp.map((r: Json) => r.suppressions[0].kind).sort()).toEqual(['external', 'inSource']);
    const annotated = supp.find((r: Json) => r.ruleId === 'host-network');
    expect(annotated.suppressions[0].justification).toBe('node agent needs it (expires 2027-01-01)');
  });

  test('input errors become tool execution notifications', () => {
    const inv = sarif().runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications[0].message.text).toBe('cannot read: EACCES');
  });
});
