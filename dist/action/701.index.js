export const id = 701;
export const ids = [701];
export const modules = {

/***/ 75701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  formatReport: () => (/* binding */ formatReport)
});

// UNUSED EXPORTS: JSON_REPORT_VERSION, REPORT_FORMATS, SECURITY_SEVERITY, escapeMarkdown, isReportFormat, toJsonReport, toSarif

// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(44146);
// EXTERNAL MODULE: ./src/core/rules/index.ts + 20 modules
var core_rules = __webpack_require__(98904);
;// CONCATENATED MODULE: ./src/core/report/util.ts
/** Helpers shared by the formatters: grouping, object names, locations. Pure functions, no I/O. */

/** `Deployment prod/web`, `ClusterRole admin`, `Pod <unnamed>`. */
function objectName(ref) {
    if (!ref)
        return '';
    const name = ref.name === '' ? '<unnamed>' : ref.name;
    const ns = ref.namespace ? `${ref.namespace}/` : '';
    const cluster = ref.cluster ? `${ref.cluster}:` : '';
    return `${ref.kind} ${cluster}${ns}${name}`;
}
/** Key used to group findings that have no file (live objects): the object, else '(no location)'. */
const NO_FILE = '(no file)';
/** The file a finding belongs to, or NO_FILE. */
function fileOf(f) {
    return f.location?.file ?? NO_FILE;
}
/** Groups findings by file, keeping first-seen order; NO_FILE last. */
function groupByFile(findings) {
    const groups = new Map();
    for (const f of findings) {
        const k = fileOf(f);
        let g = groups.get(k);
        if (!g)
            groups.set(k, (g = []));
        g.push(f);
    }
    const noFile = groups.get(NO_FILE);
    if (noFile) {
        groups.delete(NO_FILE);
        groups.set(NO_FILE, noFile);
    }
    return groups;
}
/**
 * The report's threshold; 'none' (--fail-on none: never fail) is carried in `failOn` by the CLI
 * until the model's type admits it.
 */
function failOnOf(report) {
    return report.failOn === 'none' ? 'none' : report.failOn;
}
/** Does the report pass its own threshold? */
function passed(report) {
    const t = failOnOf(report);
    return t === 'none' || !(0,model/* failsThreshold */.Lh)(report, t);
}
/** `1 critical, 2 high` (only non-zero severities); 'none' when there are none. */
function countsText(report) {
    const parts = model/* SEVERITIES */.oC.filter((s) => report.counts[s] > 0).map((s) => `${report.counts[s]} ${s}`);
    return parts.length ? parts.join(', ') : 'none';
}
function plural(n, word, pluralWord = `${word}s`) {
    return `${n} ${n === 1 ? word : pluralWord}`;
}
/** `file:line:col`, `file:line`, `file`, or ''. */
function locationText(f) {
    const l = f.location;
    if (!l)
        return '';
    return `${l.file}:${l.line}:${l.column}`;
}
/** Paths in reports always use forward slashes. */
function slashes(p) {
    return p.replace(/\\/g, '/');
}
/** XML/HTML text and attribute escaping; also drops characters XML 1.0 cannot carry. */
function escapeXml(s) {
    return s
        .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}
/** HTML escaping (same as XML but with the HTML-safe apostrophe entity). */
function escapeHtml(s) {
    return escapeXml(s).replace(/&apos;/g, '&#39;');
}

;// CONCATENATED MODULE: ./src/core/report/html.ts
/** A self-contained HTML page (inline CSS, no scripts, no external resources) for CI artifacts. */



const COLOR = {
    critical: '#7b1fa2',
    high: '#c62828',
    medium: '#ef6c00',
    low: '#f9a825',
    info: '#607d8b',
};
function findingRow(f) {
    const loc = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : '';
    const secret = f.secretPreview ? ` <span class="muted">(${escapeHtml(f.secretPreview)})</span>` : '';
    const supp = f.suppression
        ? `<br><span class="muted">suppressed (${escapeHtml(f.suppression.kind)}): ${escapeHtml(f.suppression.reason)}${f.suppression.expires ? ` until ${escapeHtml(f.suppression.expires)}` : ''}</span>`
        : '';
    return (`<tr><td><span class="sev" style="background:${COLOR[f.severity] ?? '#607d8b'}">${escapeHtml(f.severity)}</span></td>` +
        `<td><code>${escapeHtml(f.ruleId)}</code></td><td class="loc">${escapeHtml(loc)}</td>` +
        `<td>${escapeHtml(objectName(f.object))}</td><td>${escapeHtml(f.message)}${secret}${supp}` +
        (f.path ? `<br><code class="muted">${escapeHtml(f.path)}</code>` : '') +
        `</td></tr>`);
}
function table(findings) {
    return ('<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Object</th><th>Message</th></tr></thead><tbody>' +
        findings.map(findingRow).join('\n') +
        '</tbody></table>');
}
function formatHtml(report) {
    const ok = passed(report);
    const cards = model/* SEVERITIES */.oC.map((s) => `<div class="card" style="border-color:${COLOR[s]}"><div class="n">${report.counts[s]}</div><div>${escapeHtml(s)}</div></div>`).join('');
    const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))];
    const rules = ruleIds
        .map((id) => {
        const m = (0,core_rules/* getRule */.r)(id)?.meta;
        if (!m) {
            const title = report.findings.find((f) => f.ruleId === id)?.title ?? '';
            return `<details><summary><code>${escapeHtml(id)}</code> ${escapeHtml(title)}</summary><p>Not a built-in rule: no documentation.</p></details>`;
        }
        return (`<details><summary><code>${escapeHtml(m.id)}</code> ${escapeHtml(m.title)}</summary>` +
            `<p>${escapeHtml(m.rationale)}</p><p><strong>How to fix:</strong> ${escapeHtml(m.remediation)}</p>` +
            (m.example ? `<pre>${escapeHtml(m.example)}</pre>` : '') +
            (m.references.length ? `<ul>${m.references.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '') +
            '</details>');
    })
        .join('\n');
    const list = (title, items) => items.length ? `<h2>${escapeHtml(title)} (${items.length})</h2><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';
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
<p class="muted">kubeward ${escapeHtml(report.tool.version)} · ${escapeHtml(plural(report.filesScanned, 'file'))} · ${escapeHtml(plural(report.objectsScanned, 'object'))} · ${report.durationMs} ms</p>
<p class="status">${ok ? 'Passed' : 'Failed'}: threshold ${escapeHtml(report.failOn)}</p>
<div class="cards">${cards}</div>
<h2>Findings (${report.findings.length})</h2>
${report.findings.length ? table(report.findings) : '<p>No findings.</p>'}
${report.suppressed.length ? `<h2>Suppressed (${report.suppressed.length})</h2>${table(report.suppressed)}` : ''}
${list('Errors', report.errors.map((e) => `${escapeHtml([e.file, e.line].filter((x) => x !== undefined && x !== '').join(':'))}: ${escapeHtml(e.message)}`))}
${list('Skipped documents', report.skipped.map((s) => `${escapeHtml(s.file)}:${s.line}: ${escapeHtml(s.reason)}`))}
${list('Not verified', report.notVerified.map((n) => `${escapeHtml(n.check)}: ${escapeHtml(n.reason)}`))}
${rules ? `<h2>Rules</h2>\n${rules}` : ''}
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./src/core/report/json.ts

const JSON_REPORT_VERSION = 1;
function toJsonFinding(f) {
    const l = f.location;
    const out = {
        ruleId: f.ruleId,
        severity: f.severity,
        category: f.category,
        title: f.title,
        message: f.message,
        file: l?.file ?? null,
        line: l?.line ?? null,
        column: l?.column ?? null,
        endLine: l?.endLine ?? null,
        endColumn: l?.endColumn ?? null,
        object: f.object
            ? {
                apiVersion: f.object.apiVersion,
                kind: f.object.kind,
                namespace: f.object.namespace ?? null,
                name: f.object.name,
                ...(f.object.cluster ? { cluster: f.object.cluster } : {}),
            }
            : null,
        path: f.path,
        fingerprint: f.fingerprint,
    };
    if (f.origin)
        out.origin = f.origin;
    if (f.secretPreview)
        out.secretPreview = f.secretPreview;
    if (f.suppression)
        out.suppression = { ...f.suppression };
    if (f.fix)
        out.fix = { description: f.fix.description };
    if (f.details && Object.keys(f.details).length)
        out.details = { ...f.details };
    return out;
}
function toJsonReport(report) {
    return {
        version: JSON_REPORT_VERSION,
        tool: { name: report.tool.name, version: report.tool.version },
        summary: {
            counts: { ...report.counts },
            files: report.filesScanned,
            objects: report.objectsScanned,
            skipped: report.skipped.length,
            errors: report.errors.length,
            suppressed: report.suppressed.length,
            failOn: failOnOf(report),
            passed: passed(report),
            durationMs: report.durationMs,
        },
        findings: report.findings.map(toJsonFinding),
        suppressed: report.suppressed.map(toJsonFinding),
        skipped: report.skipped.map((s) => ({ ...s })),
        errors: report.errors.map((e) => ({ ...e })),
        notVerified: report.notVerified.map((n) => ({ ...n })),
    };
}
function formatJson(report) {
    return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}

;// CONCATENATED MODULE: ./src/core/report/junit.ts
/**
 * JUnit XML for CI test views (CircleCI, GitLab, Jenkins): one testsuite per file, one failing
 * testcase per finding (type = severity), suppressed findings as skipped testcases, and one
 * passing testcase per object without findings (when the scanned objects are known).
 */


function objectKey(ref) {
    return ref ? objectName(ref) : '(file)';
}
function failureBody(f) {
    const lines = [
        `${f.severity.toUpperCase()} ${f.ruleId}: ${f.message}`,
        f.location ? `at ${f.location.file}:${f.location.line}:${f.location.column}` : '',
        f.object ? `object: ${objectName(f.object)}` : '',
        f.path ? `path: ${f.path}` : '',
        f.secretPreview ? `secret: ${f.secretPreview}` : '',
        `rule: ${f.title}`,
    ].filter(Boolean);
    return lines.join('\n');
}
function formatJunit(report, opts = {}) {
    const objects = opts.objects ?? report.objects ?? [];
    const suites = new Map();
    const suite = (file) => {
        let s = suites.get(file);
        if (!s)
            suites.set(file, (s = []));
        return s;
    };
    const withFinding = new Set();
    const threshold = report.failOn;
    for (const f of report.findings) {
        const file = fileOf(f);
        withFinding.add(`${file}\0${objectKey(f.object)}`);
        const where = f.location ? ` (line ${f.location.line})` : '';
        // CI test views count failures: only findings at or above the threshold fail a test; the others
        // pass and carry the finding as output, so nothing is hidden
        const failing = threshold !== 'none' && (0,model/* atLeast */.jZ)(f.severity, threshold);
        suite(file).push({
            classname: objectKey(f.object),
            name: `${f.ruleId}${f.path ? ` ${f.path}` : ''}${where}`,
            failed: failing,
            skipped: false,
            body: failing
                ? `<failure type="${escapeXml(f.severity)}" message="${escapeXml(f.message)}">${escapeXml(failureBody(f))}</failure>`
                : `<system-out>${escapeXml(`below the ${threshold} threshold\n${failureBody(f)}`)}</system-out>`,
        });
    }
    for (const f of report.suppressed) {
        const file = fileOf(f);
        withFinding.add(`${file}\0${objectKey(f.object)}`);
        const why = f.suppression ? `suppressed (${f.suppression.kind}): ${f.suppression.reason}` : 'suppressed';
        suite(file).push({
            classname: objectKey(f.object),
            name: `${f.ruleId}${f.path ? ` ${f.path}` : ''}`,
            failed: false,
            skipped: true,
            body: `<skipped message="${escapeXml(why)}"/>`,
        });
    }
    for (const o of objects) {
        const file = o.file ?? NO_FILE;
        if (withFinding.has(`${file}\0${objectKey(o.ref)}`))
            continue;
        withFinding.add(`${file}\0${objectKey(o.ref)}`);
        suite(file).push({
            classname: objectKey(o.ref),
            name: 'all checks passed',
            failed: false,
            skipped: false,
            body: '',
        });
    }
    if (suites.size === 0) {
        suite('kubeward').push({
            classname: 'kubeward',
            name: `${report.objectsScanned} objects in ${report.filesScanned} files: no findings`,
            failed: false,
            skipped: false,
            body: '',
        });
    }
    const time = (report.durationMs / 1000).toFixed(3);
    let totalTests = 0;
    let totalFailures = 0;
    let totalSkipped = 0;
    const parts = [];
    for (const [file, cases] of suites) {
        const failures = cases.filter((c) => c.failed).length;
        const skipped = cases.filter((c) => c.skipped).length;
        totalTests += cases.length;
        totalFailures += failures;
        totalSkipped += skipped;
        parts.push(`  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
        for (const c of cases) {
            const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" file="${escapeXml(file)}"`;
            parts.push(c.body ? `${open}>\n      ${c.body}\n    </testcase>` : `${open}/>`);
        }
        parts.push('  </testsuite>');
    }
    if (report.errors.length) {
        totalTests += report.errors.length;
        parts.push(`  <testsuite name="kubeward input errors" tests="${report.errors.length}" failures="0" errors="${report.errors.length}" skipped="0">`);
        for (const e of report.errors) {
            const at = e.line ? `${e.file}:${e.line}` : e.file;
            parts.push(`    <testcase classname="input" name="${escapeXml(at)}">\n      <error message="${escapeXml(e.message)}">${escapeXml(`${at}: ${e.message}`)}</error>\n    </testcase>`);
        }
        parts.push('  </testsuite>');
    }
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="kubeward" tests="${totalTests}" failures="${totalFailures}" errors="${report.errors.length}" skipped="${totalSkipped}" time="${time}">`,
        ...parts,
        '</testsuites>',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/core/report/markdown.ts
/**
 * Markdown for PR comments and job summaries. Everything that comes from the scanned files
 * (messages, names, paths) is untrusted: it is escaped so it cannot break the table, mention
 * people, inject links or HTML. Rule metadata (remediation, examples) is ours and rendered as is.
 */



const ICON = {
    critical: '🟣',
    high: '🔴',
    medium: '🟠',
    low: '🟡',
    info: '⚪',
};
/** Escapes untrusted text for inline use (table cells, list items). */
function escapeMarkdown(s) {
    return (s
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
        .replace(/\r?\n|\r/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]()#+!|~$]/g, (c) => `\\${c}`)
        // @mentions and #refs: a zero-width space stops GitHub from linking them
        .replace(/@/g, '@&#8203;')
        // bare URLs would be autolinked
        .replace(/:\/\//g, ':/&#8203;/')
        .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}&#8203;.`));
}
function fileLink(f, prefix) {
    if (!f.location)
        return f.object ? escapeMarkdown(objectName(f.object)) : '—';
    const label = escapeMarkdown(`${f.location.file}:${f.location.line}`);
    if (!prefix)
        return label;
    const url = prefix +
        f.location.file
            .replace(/\\/g, '/')
            .split('/')
            .map((s) => encodeURIComponent(s))
            .join('/') +
        `#L${f.location.line}`;
    // the URL is percent-encoded: no ')' or spaces can end the link early
    return `[${label}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}
function row(f, prefix) {
    let msg = escapeMarkdown(f.message);
    if (f.secretPreview)
        msg += ` (${escapeMarkdown(f.secretPreview)})`;
    if (f.object && f.location)
        msg += ` — ${escapeMarkdown(objectName(f.object))}`;
    return `| ${fileLink(f, prefix)} | \`${f.ruleId.replace(/`/g, '')}\` | ${ICON[f.severity]} ${f.severity} | ${msg} |`;
}
function ruleDetails(ruleId) {
    const rule = (0,core_rules/* getRule */.r)(ruleId);
    const id = ruleId.replace(/[^A-Za-z0-9._-]/g, '');
    if (!rule)
        return `<details><summary><code>${id}</code></summary>\n\nNo documentation for this rule.\n\n</details>`;
    const m = rule.meta;
    return [
        `<details><summary><code>${id}</code>: ${escapeHtml(m.title)}</summary>`,
        '',
        m.rationale,
        '',
        `**How to fix:** ${m.remediation}`,
        ...(m.example ? ['', '```yaml', m.example, '```'] : []),
        ...(m.references.length ? ['', m.references.map((r) => `- <${r}>`).join('\n')] : []),
        '',
        '</details>',
    ].join('\n');
}
function formatMarkdown(report, opts = {}) {
    const max = opts.maxLength ?? Infinity;
    const head = [];
    const ok = passed(report);
    head.push(`## ${escapeMarkdown(opts.title ?? 'kubeward')}: ${ok ? '✅ passed' : '❌ failed'}`);
    head.push('');
    head.push(`${plural(report.findings.length, 'finding')} in ${plural(report.filesScanned, 'file')} (${plural(report.objectsScanned, 'object')}); ` +
        `threshold: **${report.failOn}**` +
        (report.suppressed.length ? `; ${report.suppressed.length} suppressed` : '') +
        (report.skipped.length ? `; ${plural(report.skipped.length, 'document')} skipped` : '') +
        (report.errors.length ? `; **${plural(report.errors.length, 'error')}**` : '') +
        '.');
    head.push('');
    head.push('| Severity | Count |', '|---|---:|');
    for (const s of model/* SEVERITIES */.oC)
        head.push(`| ${ICON[s]} ${s} | ${report.counts[s]} |`);
    head.push('');
    const tail = [];
    if (report.errors.length) {
        tail.push('### Errors', '');
        for (const e of report.errors) {
            tail.push(`- ${escapeMarkdown([e.file, e.line].filter((x) => x !== undefined && x !== '').join(':'))}: ${escapeMarkdown(e.message)}`);
        }
        tail.push('');
    }
    if (report.notVerified.length) {
        tail.push('### Not verified', '');
        for (const n of report.notVerified)
            tail.push(`- ${escapeMarkdown(n.check)}: ${escapeMarkdown(n.reason)}`);
        tail.push('');
    }
    if (report.suppressed.length) {
        tail.push(`<details><summary>${plural(report.suppressed.length, 'suppressed finding')}</summary>`, '');
        for (const f of report.suppressed) {
            const why = f.suppression ? ` — ${f.suppression.kind}: ${escapeMarkdown(f.suppression.reason)}` : '';
            tail.push(`- ${fileLink(f, opts.fileUrlPrefix)} \`${f.ruleId.replace(/`/g, '')}\`${why}`);
        }
        tail.push('', '</details>', '');
    }
    const findingsHeader = ['### Findings', '', '| Location | Rule | Severity | Message |', '|---|---|---|---|'];
    const rows = report.findings.map((f) => row(f, opts.fileUrlPrefix));
    const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))];
    const details = ruleIds.map(ruleDetails);
    const join = (parts) => parts.join('\n');
    const assemble = (nRows, nDetails, tailParts) => {
        const parts = [...head];
        if (rows.length) {
            parts.push(...findingsHeader, ...rows.slice(0, nRows));
            if (nRows < rows.length) {
                parts.push('', `_… ${rows.length - nRows} more findings not shown (the report was cut to fit ${max} characters; see the full report)._`);
            }
            parts.push('');
        }
        if (nDetails > 0)
            parts.push('### Rules', '', ...details.slice(0, nDetails).flatMap((d) => [d, '']));
        parts.push(...tailParts);
        return join(parts).replace(/\n+$/, '') + '\n';
    };
    let out = assemble(rows.length, details.length, tail);
    if (out.length <= max)
        return out;
    // Cut: drop the rule docs first, then findings rows, then the tail.
    let nDetails = details.length;
    while (nDetails > 0 && (out = assemble(rows.length, nDetails, tail)).length > max)
        nDetails--;
    if (out.length <= max)
        return out;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (assemble(mid, 0, tail).length <= max)
            lo = mid;
        else
            hi = mid - 1;
    }
    out = assemble(lo, 0, tail);
    if (out.length <= max)
        return out;
    out = assemble(lo, 0, []);
    if (out.length <= max)
        return out;
    const note = '\n\n_… cut to fit._\n';
    return out.slice(0, Math.max(0, max - note.length)) + note;
}

;// CONCATENATED MODULE: ./src/core/report/sarif.ts


const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning's security-severity scale. */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '7.5',
    medium: '5.0',
    low: '3.0',
    info: '1.0',
};
function sarifLevel(s) {
    return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}
function ruleDescriptor(meta) {
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
    if (meta.pss)
        tags.push(`pss-${meta.pss}`);
    if (meta.cis)
        tags.push(`cis-${meta.cis}`);
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
function artifactUri(file) {
    return slashes(file)
        .split('/')
        .map((seg) => encodeURIComponent(seg))
        .join('/');
}
function result(f, ruleIndex) {
    const locations = [];
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
        const region = { startLine: Math.max(1, l.line), startColumn: Math.max(1, l.column) };
        if (l.endLine !== undefined)
            region.endLine = Math.max(1, l.endLine);
        if (l.endColumn !== undefined)
            region.endColumn = Math.max(1, l.endColumn);
        locations.push({
            physicalLocation: {
                artifactLocation: { uri: artifactUri(l.file), uriBaseId: '%SRCROOT%' },
                region,
            },
            ...(logical ? { logicalLocations: logical } : {}),
        });
    }
    else if (logical) {
        locations.push({ logicalLocations: logical });
    }
    let text = f.message;
    if (f.secretPreview)
        text += ` (${f.secretPreview})`;
    const out = {
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
function toSarif(report, opts = {}) {
    const metas = (opts.rules ?? core_rules/* catalog */.U).map((r) => r.meta);
    const index = new Map();
    const rules = [];
    const add = (meta) => {
        if (index.has(meta.id))
            return;
        index.set(meta.id, rules.length);
        rules.push(ruleDescriptor(meta));
    };
    for (const m of metas)
        add(m);
    // findings from rules outside the catalog (plugins, hand-built reports) still get a descriptor
    for (const f of [...report.findings, ...report.suppressed]) {
        if (!index.has(f.ruleId)) {
            add({
                id: f.ruleId,
                title: f.title,
                severity: f.severity,
                enabledByDefault: true,
                category: f.category,
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
function formatSarif(report, opts = {}) {
    return JSON.stringify(toSarif(report, opts), null, 2) + '\n';
}

;// CONCATENATED MODULE: ./src/core/report/text.ts
/** Human-readable text: findings grouped by file, severity-coloured when asked, then a summary. */


const ESC = '\u001b[';
const STYLE = {
    critical: ['1;35', '22;39'],
    high: ['31', '39'],
    medium: ['33', '39'],
    low: ['36', '39'],
    info: ['90', '39'],
    dim: ['2', '22'],
    bold: ['1', '22'],
    underline: ['4', '24'],
    green: ['32', '39'],
};
/** C0/C1 control characters (ESC included) other than newline. */
function isControl(code) {
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
/** Control characters from untrusted input (messages, file names) are shown, never interpreted. */
function clean(s) {
    let out = '';
    for (const ch of s) {
        const code = ch.charCodeAt(0);
        if (ch === '\n' || ch === '\t')
            out += ' ';
        else if (isControl(code))
            out += `\\x${code.toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return out;
}
function formatText(report, opts = {}) {
    const paint = (style, s) => opts.color ? `${ESC}${STYLE[style][0]}m${s}${ESC}${STYLE[style][1]}m` : s;
    const out = [];
    const groups = groupByFile(report.findings);
    const locWidth = Math.max(0, ...report.findings.map((f) => (f.location ? `${f.location.line}:${f.location.column}` : '-').length));
    const sevWidth = Math.max(0, ...report.findings.map((f) => f.severity.length));
    const ruleWidth = Math.max(0, ...report.findings.map((f) => f.ruleId.length));
    const line = (f) => {
        const loc = (f.location ? `${f.location.line}:${f.location.column}` : '-').padEnd(locWidth);
        const sev = paint(f.severity, f.severity.toUpperCase().padEnd(sevWidth));
        const rule = paint('dim', f.ruleId.padEnd(ruleWidth));
        let msg = clean(f.message);
        if (f.secretPreview)
            msg += ` (${clean(f.secretPreview)})`;
        const obj = f.object ? paint('dim', `  [${clean(objectName(f.object))}]`) : '';
        return `  ${loc}  ${sev}  ${rule}  ${msg}${obj}`;
    };
    for (const [file, findings] of groups) {
        out.push(paint('underline', file === NO_FILE ? 'Live objects / no file' : clean(file)));
        for (const f of findings)
            out.push(line(f));
        out.push('');
    }
    if (report.suppressed.length) {
        out.push(paint('dim', `Suppressed (${report.suppressed.length}):`));
        for (const f of report.suppressed) {
            const where = f.location ? `${clean(f.location.file)}:${f.location.line}` : clean(objectName(f.object));
            const why = f.suppression
                ? `${f.suppression.kind}: ${clean(f.suppression.reason)}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ''}`
                : '';
            out.push(paint('dim', `  ${where}  ${f.ruleId}  ${why}`));
        }
        out.push('');
    }
    if (report.skipped.length) {
        out.push(paint('dim', `Skipped documents (${report.skipped.length}):`));
        for (const s of report.skipped)
            out.push(paint('dim', `  ${clean(s.file)}:${s.line}  ${clean(s.reason)}`));
        out.push('');
    }
    if (report.errors.length) {
        out.push(paint('high', `Errors (${report.errors.length}):`));
        for (const e of report.errors) {
            const at = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined && x !== '');
            out.push(`  ${clean(at.join(':'))}${at.length ? '  ' : ''}${clean(e.message)}`);
        }
        out.push('');
    }
    if (report.notVerified.length) {
        out.push(paint('dim', `Not verified (${report.notVerified.length}):`));
        for (const n of report.notVerified)
            out.push(paint('dim', `  ${clean(n.check)}: ${clean(n.reason)}`));
        out.push('');
    }
    // summary
    const total = report.findings.length;
    const counts = model/* SEVERITIES */.oC.filter((s) => report.counts[s] > 0).map((s) => paint(s, `${report.counts[s]} ${s}`));
    out.push(total === 0
        ? paint('green', 'No findings.')
        : `${paint('bold', plural(total, 'finding'))}: ${counts.length ? counts.join(', ') : countsText(report)}`);
    out.push([
        plural(report.filesScanned, 'file'),
        plural(report.objectsScanned, 'object'),
        plural(report.skipped.length, 'skipped document'),
        plural(report.errors.length, 'error'),
        `${report.suppressed.length} suppressed`,
    ].join(', '));
    out.push(failOnOf(report) === 'none'
        ? `Passed: --fail-on none never fails.`
        : passed(report)
            ? paint('green', `Passed: nothing at or above ${report.failOn}.`)
            : paint('high', `Failed: findings at or above ${report.failOn}.`));
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/core/report/index.ts






const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html'];
function isReportFormat(v) {
    return typeof v === 'string' && REPORT_FORMATS.includes(v);
}
function formatReport(report, format, options = {}) {
    switch (format) {
        case 'text':
            return formatText(report, { color: options.color });
        case 'json':
            return formatJson(report);
        case 'sarif':
            return formatSarif(report);
        case 'junit':
            return formatJunit(report, { objects: options.objects });
        case 'markdown':
            return formatMarkdown(report, {
                fileUrlPrefix: options.fileUrlPrefix,
                maxLength: options.maxLength,
                title: options.title,
            });
        case 'html':
            return formatHtml(report);
        default:
            throw new Error(`unknown report format ${String(format)}; use one of ${REPORT_FORMATS.join(', ')}`);
    }
}





/***/ })

};
