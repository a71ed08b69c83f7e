/** A self-contained HTML page (inline CSS, no scripts, no external resources) for CI artifacts. */
import { SEVERITIES, type Finding, type Report } from '../model.ts';
import { getRule } from '../rules/index.ts';
import { escapeHtml as h, objectName, passed, plural } from './util.ts';

const COLOR: Record<string, string> = {
  critical: '#7b1fa2',
  high: '#c62828',
  medium: '#ef6c00',
  low: '#f9a825',
  info: '#607d8b',
};

function findingRow(f: Finding): string {
  const loc = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : '';
  const secret = f.secretPreview ? ` <span class="muted">(${h(f.secretPreview)})</span>` : '';
  const supp = f.suppression
    ? `<br><span class="muted">suppressed (${h(f.suppression.kind)}): ${h(f.suppression.reason)}${f.suppression.expires ? ` until ${h(f.suppression.expires)}` : ''}</span>`
    : '';
  return (
    `<tr><td><span class="sev" style="background:${COLOR[f.severity] ?? '#607d8b'}">${h(f.severity)}</span></td>` +
    `<td><code>${h(f.ruleId)}</code></td><td class="loc">${h(loc)}</td>` +
    `<td>${h(objectName(f.object))}</td><td>${h(f.message)}${secret}${supp}` +
    (f.path ? `<br><code class="muted">${h(f.path)}</code>` : '') +
    `</td></tr>`
  );
}

function table(findings: readonly Finding[]): string {
  return (
    '<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Object</th><th>Message</th></tr></thead><tbody>' +
    findings.map(findingRow).join('\n') +
    '</tbody></table>'
  );
}

export function formatHtml(report: Report): string {
  const ok = passed(report);
  const cards = SEVERITIES.map(
    (s) =>
      `<div class="card" style="border-color:${COLOR[s]}"><div class="n">${report.counts[s]}</div><div>${h(s)}</div></div>`,
  ).join('');
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))];
  const rules = ruleIds
    .map((id) => {
      const m = getRule(id)?.meta;
      if (!m) {
        const title = report.findings.find((f) => f.ruleId === id)?.title ?? '';
        return `<details><summary><code>${h(id)}</code> ${h(title)}</summary><p>Not a built-in rule: no documentation.</p></details>`;
      }
      return (
        `<details><summary><code>${h(m.id)}</code> ${h(m.title)}</summary>` +
        `<p>${h(m.rationale)}</p><p><strong>How to fix:</strong> ${h(m.remediation)}</p>` +
        (m.example ? `<pre>${h(m.example)}</pre>` : '') +
        (m.references.length ? `<ul>${m.references.map((r) => `<li>${h(r)}</li>`).join('')}</ul>` : '') +
        '</details>'
      );
    })
    .join('\n');
  const list = (title: string, items: string[]) =>
    items.length ? `<h2>${h(title)} (${items.length})</h2><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>kubeward report</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#222;background:#fff}
h1{margin-bottom:.2rem}.muted{color:#666}.status{font-weight:bold;color:${ok ? '#2e7d32' : '#c62828'}}
.cards{display:flex;gap:.8rem;margin:1rem 0}.card{border-left:6px solid;padding:.4rem .8rem;background:#f6f6f6;min-width:5rem}
.card .n{font-size:1.6rem;font-weight:bold}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
.sev{color:#fff;border-radius:3px;padding:0 .4rem;font-size:.8rem;text-transform:uppercase}
.loc{font-family:ui-monospace,monospace;white-space:nowrap}pre{background:#f6f6f6;padding:.6rem;overflow:auto}
details{margin:.4rem 0}
</style>
</head>
<body>
<h1>kubeward report</h1>
<p class="muted">kubeward ${h(report.tool.version)} · ${h(plural(report.filesScanned, 'file'))} · ${h(plural(report.objectsScanned, 'object'))} · ${report.durationMs} ms</p>
<p class="status">${ok ? 'Passed' : 'Failed'}: threshold ${h(report.failOn)}</p>
<div class="cards">${cards}</div>
<h2>Findings (${report.findings.length})</h2>
${report.findings.length ? table(report.findings) : '<p>No findings.</p>'}
${report.suppressed.length ? `<h2>Suppressed (${report.suppressed.length})</h2>${table(report.suppressed)}` : ''}
${list(
  'Errors',
  report.errors.map(
    (e) => `${h([e.file, e.line].filter((x) => x !== undefined && x !== '').join(':'))}: ${h(e.message)}`,
  ),
)}
${list(
  'Skipped documents',
  report.skipped.map((s) => `${h(s.file)}:${s.line}: ${h(s.reason)}`),
)}
${list(
  'Not verified',
  report.notVerified.map((n) => `${h(n.check)}: ${h(n.reason)}`),
)}
${rules ? `<h2>Rules</h2>\n${rules}` : ''}
</body>
</html>
`;
}
