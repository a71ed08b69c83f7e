/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Rule metadata (descriptions,
 * help, security-severity, tags) is generated from the rule catalog.
 */
import type { Finding, Report, Severity } from '../model.ts';
import { allRules } from '../rules/index.ts';
import type { RuleMeta } from '../rules/types.ts';
import { objectName, slashes } from './util.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning's security-severity scale. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '3.0',
  info: '1.0',
};

type Level = 'error' | 'warning' | 'note' | 'none';
export function sarifLevel(s: Severity): Level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

export interface SarifOptions {
  /** Rule catalog to describe; the built-in catalog by default. */
  rules?: readonly { meta: RuleMeta }[];
}

type Json = Record<string, unknown>;

function ruleDescriptor(meta: RuleMeta): Json {
  const helpText = [meta.remediation, meta.example ? `Example:\n${meta.example}` : ''].filter(Boolean).join('\n\n');
  const helpMd = [
    `**${meta.title}** (\`${meta.id}\`, ${meta.severity})`,
    meta.rationale,
    `**How to fix:** ${meta.remediation}`,
    meta.example ? '```yaml\n' + meta.example + '\n```' : '',
    meta.references.length ? 'References:\n' + meta.references.map((r) => `- ${r}`).join('\n') : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const tags = ['security', 'kubernetes', meta.category];
  if (meta.pss) tags.push(`pss-${meta.pss}`);
  if (meta.cis) tags.push(`cis-${meta.cis}`);
  return {
    id: meta.id,
    name: meta.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale || meta.title },
    help: { text: helpText || meta.title, markdown: helpMd },
    ...(meta.references[0] ? { helpUri: meta.references[0] } : {}),
    defaultConfiguration: { level: sarifLevel(meta.severity), enabled: meta.enabledByDefault },
    properties: {
      'security-severity': SECURITY_SEVERITY[meta.severity],
      tags,
      precision: 'high',
      ...(meta.pss ? { pss: meta.pss } : {}),
      ...(meta.cis ? { cis: meta.cis } : {}),
    },
  };
}

/** SARIF artifact URIs: relative, forward slashes, percent-encoded. */
export function artifactUri(file: string): string {
  return slashes(file)
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function result(f: Finding, ruleIndex: number): Json {
  const locations: Json[] = [];
  const logical = f.object
    ? [
        {
          name: f.object.name || '<unnamed>',
          fullyQualifiedName: objectName(f.object) + (f.path ? `#${f.path}` : ''),
          kind: 'resource',
        },
      ]
    : undefined;
  if (f.location) {
    const l = f.location;
    const region: Json = { startLine: Math.max(1, l.line), startColumn: Math.max(1, l.column) };
    if (l.endLine !== undefined) region.endLine = Math.max(1, l.endLine);
    if (l.endColumn !== undefined) region.endColumn = Math.max(1, l.endColumn);
    locations.push({
      physicalLocation: {
        artifactLocation: { uri: artifactUri(l.file), uriBaseId: '%SRCROOT%' },
        region,
      },
      ...(logical ? { logicalLocations: logical } : {}),
    });
  } else if (logical) {
    locations.push({ logicalLocations: logical });
  }
  let text = f.message;
  if (f.secretPreview) text += ` (${f.secretPreview})`;
  const out: Json = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text },
    locations,
    partialFingerprints: { 'kubeward/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      'security-severity': SECURITY_SEVERITY[f.severity],
      category: f.category,
      path: f.path,
      ...(f.object ? { object: objectName(f.object) } : {}),
      ...(f.origin ? { origin: f.origin } : {}),
    },
  };
  if (f.suppression) {
    const s = f.suppression;
    out.suppressions = [
      {
        kind: s.kind === 'config' ? 'external' : 'inSource',
        status: 'accepted',
        justification: s.expires ? `${s.reason} (expires ${s.expires})` : s.reason,
      },
    ];
  }
  return out;
}

export function toSarif(report: Report, opts: SarifOptions = {}): Json {
  const metas = (opts.rules ?? allRules()).map((r) => r.meta);
  const index = new Map<string, number>();
  const rules: Json[] = [];
  const add = (meta: RuleMeta) => {
    if (index.has(meta.id)) return;
    index.set(meta.id, rules.length);
    rules.push(ruleDescriptor(meta));
  };
  for (const m of metas) add(m);
  // findings from rules outside the catalog (plugins, hand-built reports) still get a descriptor
  for (const f of [...report.findings, ...report.suppressed]) {
    if (!index.has(f.ruleId)) {
      add({
        id: f.ruleId,
        title: f.title,
        severity: f.severity,
        enabledByDefault: true,
        category: f.category as RuleMeta['category'],
        rationale: f.title,
        remediation: '',
        references: [],
      });
    }
  }
  const results = [...report.findings, ...report.suppressed].map((f) => result(f, index.get(f.ruleId) ?? 0));
  const notifications = report.errors.map((e) => ({
    level: 'error',
    message: { text: e.message },
    ...(e.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(e.file), uriBaseId: '%SRCROOT%' },
                ...(e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {}),
              },
            },
          ],
        }
      : {}),
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeward',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          filesScanned: report.filesScanned,
          objectsScanned: report.objectsScanned,
          failOn: report.failOn,
        },
      },
    ],
  };
}

export function formatSarif(report: Report, opts: SarifOptions = {}): string {
  return JSON.stringify(toSarif(report, opts), null, 2) + '\n';
}
