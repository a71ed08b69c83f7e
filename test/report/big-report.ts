/** A synthetic large report for the HTML report's browser tests and screenshots. */
import { countBySeverity, SEVERITIES, type Finding, type Report } from '../../src/core/model.ts';
import { catalog } from '../../src/core/rules/index.ts';

/** A 20,000-finding report over 2,000 files with long names, several clusters and namespaces. */
export function bigReport(n = 20_000): Report {
  const rules = catalog.slice(0, 60).map((r) => r.meta);
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const r = rules[i % rules.length];
    const w = Math.floor(i / 10);
    findings.push({
      ruleId: r.id,
      severity: SEVERITIES[i % 5],
      category: r.category,
      title: r.title,
      message: `container "app-${i % 7}" of workload-${w % 300}: ${r.title.toLowerCase()}`,
      path: `spec.template.spec.containers[${i % 3}].securityContext`,
      fingerprint: String(i),
      object: {
        apiVersion: 'apps/v1',
        kind: ['Deployment', 'StatefulSet', 'DaemonSet'][i % 3],
        namespace: `team-${i % 37}`,
        name: `workload-${w}`,
        cluster: `prod-${i % 3}`,
      },
      location: {
        file: `charts/a-rather-long-directory-name-${w % 40}/environments/production/templates/deployment-${w}.yaml`,
        line: 10 + (i % 40),
        column: 7,
      },
      ...(i % 4 === 0 ? { fix: { description: 'set allowPrivilegeEscalation: false' } } : {}),
    });
  }
  return {
    tool: { name: 'kubeward', version: '0.0.0-test' },
    findings,
    suppressed: findings.slice(0, 50).map((f) => ({ ...f, suppression: { kind: 'config', reason: 'legacy' } })),
    counts: countBySeverity(findings),
    filesScanned: 2000,
    objectsScanned: 2000,
    skipped: [],
    errors: [],
    notVerified: [],
    failOn: 'high',
    durationMs: 1,
  };
}
