export const id = 45;
export const ids = [45];
export const modules = {

/***/ 2673:
/***/ ((module) => {

module.exports=n=>{if(!n)return[];if(typeof n!="string"||n.match(/^\s+$/))return[];const s=n.split(`
`);if(s.length===0)return[];const a=[];let o=null,d=null,u=0,m=0,l=null;const g=e=>{d?.changes.push({type:"normal",normal:!0,ln1:u++,ln2:m++,content:e}),l.oldLines--,l.newLines--},p=e=>{const[t,r]=parseFiles(e)??[];o={chunks:[],deletions:0,additions:0,from:t,to:r},a.push(o)},i=()=>{(!o||o.chunks.length)&&p()},$=(e,t)=>{i(),o.new=!0,o.newMode=t[1],o.from="/dev/null"},N=(e,t)=>{i(),o.deleted=!0,o.oldMode=t[1],o.to="/dev/null"},x=(e,t)=>{i(),o.oldMode=t[1]},F=(e,t)=>{i(),o.newMode=t[1]},S=(e,t)=>{i(),o.index=e.split(" ").slice(1),t[1]&&(o.oldMode=o.newMode=t[1].trim())},k=e=>{i(),o.from=parseOldOrNewFile(e)},y=e=>{i(),o.to=parseOldOrNewFile(e)},f=e=>+(e||1),M=(e,t)=>{o||p(e);const[r,c,w,L]=t.slice(1);u=+r,m=+w,d={content:e,changes:[],oldStart:+r,oldLines:f(c),newStart:+w,newLines:f(L)},l={oldLines:f(c),newLines:f(L)},o.chunks.push(d)},R=e=>{d&&(d.changes.push({type:"del",del:!0,ln:u++,content:e}),o.deletions++,l.oldLines--)},b=e=>{d&&(d.changes.push({type:"add",add:!0,ln:m++,content:e}),o.additions++,l.newLines--)},h=e=>{if(!d)return;const[t]=d.changes.slice(-1);d.changes.push({type:t.type,[t.type]:!0,ln1:t.ln1,ln2:t.ln2,ln:t.ln,content:e})},_=[[/^diff\s/,p],[/^new file mode (\d+)$/,$],[/^deleted file mode (\d+)$/,N],[/^old mode (\d+)$/,x],[/^new mode (\d+)$/,F],[/^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/,S],[/^---\s/,k],[/^\+\+\+\s/,y],[/^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/,M],[/^\\ No newline at end of file$/,h]],v=[[/^\\ No newline at end of file$/,h],[/^-/,R],[/^\+/,b],[/^\s*/,g]],C=e=>{for(const[t,r]of v){const c=e.match(t);if(c){r(e,c);break}}l.oldLines===0&&l.newLines===0&&(l=null)},H=e=>{for(const[t,r]of _){const c=e.match(t);if(c){r(e,c);break}}},O=e=>{l?C(e):H(e)};for(const e of s)O(e);return a};const fileNameDiffRegex=/(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g,gitFileHeaderRegex=/^(a|b|i|w|c|o|1|2)\//,parseFiles=n=>n?.match(fileNameDiffRegex)?.map(a=>a.replace(gitFileHeaderRegex,"").replace(/("|')$/,"")),qoutedFileNameRegex=/^\\?['"]|\\?['"]$/g,parseOldOrNewFile=n=>{let s=leftTrimChars(n,"-+").trim();return s=removeTimeStamp(s),s.replace(qoutedFileNameRegex,"").replace(gitFileHeaderRegex,"")},leftTrimChars=(n,s)=>{if(n=makeString(n),!s&&String.prototype.trimLeft)return n.trimLeft();const a=formTrimmingString(s);return n.replace(new RegExp(`^${a}+`),"")},timeStampRegex=/\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/,removeTimeStamp=n=>{const s=timeStampRegex.exec(n);return s&&(n=n.substring(0,s.index).trim()),n},formTrimmingString=n=>n==null?"\\s":n instanceof RegExp?n.source:`[${makeString(n).replace(/([.*+?^=!:${}()|[\]/\\])/g,"\\$1")}]`,makeString=n=>`${n??""}`;


/***/ }),

/***/ 45:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runComment: () => (/* binding */ runComment)
});

// UNUSED EXPORTS: COMMENT_HELP

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/pr/client.ts
/**
 * The GitHub REST surface the PR publishers need, vendor-neutral: any Octokit (`octokit.request`)
 * fits. Retries rate limits (429, secondary limits) with Retry-After or backoff, bounded.
 */
function client_httpError(e) {
    if (typeof e !== 'object' || e === null)
        return undefined;
    const err = e;
    if (typeof err.status !== 'number')
        return undefined;
    const dataMessage = err.response?.data?.message;
    return {
        status: err.status,
        message: typeof dataMessage === 'string' ? dataMessage : String(err.message ?? ''),
        headers: err.response?.headers ?? {},
    };
}
function header(h, name) {
    const v = h[name] ?? h[name.toLowerCase()];
    return v === undefined ? undefined : String(v);
}
/** Rate limited (primary exhausted, secondary, or 429): how long to wait, or undefined if not a limit. */
function rateLimitWait(info, attempt, base, now = Date.now()) {
    const retryAfter = header(info.headers, 'retry-after');
    const remaining = header(info.headers, 'x-ratelimit-remaining');
    const limited = info.status === 429 ||
        (info.status === 403 && (retryAfter !== undefined || remaining === '0' || /rate limit/i.test(info.message)));
    if (!limited)
        return undefined;
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter))
        return Number(retryAfter) * 1000;
    const reset = header(info.headers, 'x-ratelimit-reset');
    if (remaining === '0' && reset && /^\d+$/.test(reset))
        return Math.max(0, Number(reset) * 1000 - now) + 1000;
    return base * 2 ** attempt;
}
/** True for "this token may not do that": 403 (not a rate limit) or 404 on a write. */
function isPermissionError(e) {
    const info = client_httpError(e);
    if (!info)
        return false;
    return (info.status === 403 && rateLimitWait(info, 0, 0) === undefined) || info.status === 401;
}
const defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Runs `fn`, retrying rate-limited calls (bounded); other errors are thrown at once. */
async function withRetry(fn, opts = {}) {
    const retries = opts.retries ?? 3;
    const maxWait = opts.maxWaitMs ?? 60_000;
    const base = opts.baseDelayMs ?? 1000;
    for (let attempt = 0;; attempt++) {
        try {
            return await fn();
        }
        catch (e) {
            const info = client_httpError(e);
            const wait = info ? rateLimitWait(info, attempt, base) : undefined;
            if (wait === undefined || attempt >= retries || wait > maxWait)
                throw e;
            opts.log?.(`GitHub API rate limit (HTTP ${info.status}): retrying in ${Math.ceil(wait / 1000)} s`);
            await (opts.sleep ?? defaultSleep)(wait);
        }
    }
}
/** A request with retries. */
async function client_call(client, route, params, retry) {
    const res = await withRetry(() => client.request(route, params), retry);
    return res.data;
}
/** Every page of a list endpoint (100 per page, bounded to `maxPages`). */
async function client_paginate(client, route, params, retry, maxPages = 100) {
    const all = [];
    for (let page = 1; page <= maxPages; page++) {
        const data = await client_call(client, route, { ...params, per_page: 100, page }, retry);
        if (!Array.isArray(data))
            break;
        all.push(...data);
        if (data.length < 100)
            break;
    }
    return all;
}

;// CONCATENATED MODULE: ./src/circleci/index.ts
/**
 * CircleCI: the environment of a job -> the GitHub pull request to comment on, and where the orb
 * writes its reports. Vendor knowledge only; publishing goes through src/pr.
 */


/** The GitHub repository of the build: from CIRCLE_PROJECT_USERNAME/REPONAME, else CIRCLE_REPOSITORY_URL. */
function repoFromEnv(env) {
    if (env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME) {
        return { owner: env.CIRCLE_PROJECT_USERNAME, repo: env.CIRCLE_PROJECT_REPONAME };
    }
    const url = env.CIRCLE_REPOSITORY_URL ?? '';
    const m = /github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?$/.exec(url);
    return m ? { owner: m[1], repo: m[2] } : undefined;
}
/** `https://github.com/o/r/pull/12` -> 12 (several URLs, comma separated: the first). */
function prNumberFromUrl(url) {
    const m = /\/pull\/(\d+)/.exec(url ?? '');
    return m ? Number(m[1]) : undefined;
}
/**
 * Finds the PR of this build: CIRCLE_PULL_REQUEST, then CIRCLE_PR_NUMBER (forks), then, when both
 * are empty (the push came before the PR was opened), the open PRs of the commit via
 * `GET /repos/{owner}/{repo}/commits/{sha}/pulls`. Undefined when there is none.
 */
async function findPullRequest(env, client) {
    const repo = repoFromEnv(env);
    const sha = env.CIRCLE_SHA1 ?? '';
    if (!repo)
        return undefined;
    const fromUrl = prNumberFromUrl(env.CIRCLE_PULL_REQUEST);
    if (fromUrl)
        return { ...repo, number: fromUrl, headSha: sha, via: 'CIRCLE_PULL_REQUEST' };
    if (env.CIRCLE_PR_NUMBER && /^\d+$/.test(env.CIRCLE_PR_NUMBER)) {
        return { ...repo, number: Number(env.CIRCLE_PR_NUMBER), headSha: sha, via: 'CIRCLE_PR_NUMBER' };
    }
    if (!client || !sha)
        return undefined;
    const pulls = await client_call(client, 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { ...repo, commit_sha: sha });
    const open = pulls.filter((p) => (p.state ?? 'open') === 'open');
    const pick = open.find((p) => p.head?.sha === sha) ?? open[0];
    return pick ? { ...repo, number: pick.number, headSha: pick.head?.sha ?? sha, via: 'commit-pulls' } : undefined;
}
/** The build's URL, for the comment footer. */
function buildUrl(env) {
    return env.CIRCLE_BUILD_URL || undefined;
}
/** Where the orb's scan writes each report, under its output folder. */
function reportPaths(outputDir) {
    return {
        junit: path.join(outputDir, 'junit', 'kubeward.xml'),
        sarif: path.join(outputDir, 'kubeward.sarif'),
        json: path.join(outputDir, 'kubeward.json'),
        markdown: path.join(outputDir, 'kubeward.md'),
        html: path.join(outputDir, 'kubeward.html'),
    };
}

// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/core/report/json.ts
var json = __webpack_require__(2446);
;// CONCATENATED MODULE: ./src/core/report/json-read.ts
/**
 * Reads a JSON report (the `json` format, docs/report-schema.json) back into a Report, so a later
 * step (e.g. `kubeward comment` in CircleCI) can publish what an earlier step found.
 */


class ReportReadError extends Error {
}
function toFinding(j, i, where) {
    if (!j || typeof j.ruleId !== 'string' || !(0,model/* isSeverity */._Z)(j.severity)) {
        throw new ReportReadError(`${where}[${i}] is not a kubeward finding (ruleId and severity are required)`);
    }
    const f = {
        ruleId: j.ruleId,
        severity: j.severity,
        category: j.category ?? '',
        title: j.title ?? j.ruleId,
        message: j.message ?? '',
        path: j.path ?? '',
        fingerprint: j.fingerprint ?? '',
    };
    if (j.file && typeof j.line === 'number') {
        f.location = { file: j.file, line: j.line, column: j.column ?? 1 };
        if (typeof j.endLine === 'number')
            f.location.endLine = j.endLine;
        if (typeof j.endColumn === 'number')
            f.location.endColumn = j.endColumn;
    }
    if (j.object) {
        f.object = { apiVersion: j.object.apiVersion, kind: j.object.kind, name: j.object.name };
        if (j.object.namespace)
            f.object.namespace = j.object.namespace;
        if (j.object.cluster)
            f.object.cluster = j.object.cluster;
    }
    if (j.origin)
        f.origin = j.origin;
    if (j.secretPreview)
        f.secretPreview = j.secretPreview;
    if (j.suppression)
        f.suppression = j.suppression;
    if (j.details)
        f.details = j.details;
    return f;
}
function reportFromJson(text) {
    let j;
    try {
        j = JSON.parse(text);
    }
    catch (e) {
        throw new ReportReadError(`not JSON: ${e.message}`);
    }
    if (!j || typeof j !== 'object' || !Array.isArray(j.findings) || !j.summary) {
        throw new ReportReadError('not a kubeward JSON report (findings and summary are missing)');
    }
    if (j.version !== json/* JSON_REPORT_VERSION */.Xn) {
        throw new ReportReadError(`JSON report version ${String(j.version)} is not supported (expected ${json/* JSON_REPORT_VERSION */.Xn})`);
    }
    const findings = j.findings.map((f, i) => toFinding(f, i, 'findings'));
    const failOn = j.summary.failOn;
    return {
        tool: { name: 'kubeward', version: j.tool?.version ?? '' },
        findings,
        suppressed: (j.suppressed ?? []).map((f, i) => toFinding(f, i, 'suppressed')),
        counts: (0,model/* countBySeverity */.Ot)(findings),
        filesScanned: j.summary.files ?? 0,
        objectsScanned: j.summary.objects ?? 0,
        skipped: j.skipped ?? [],
        errors: j.errors ?? [],
        notVerified: j.notVerified ?? [],
        failOn: (failOn === 'none' || (0,model/* isSeverity */._Z)(failOn) ? failOn : 'high'),
        durationMs: j.summary.durationMs ?? 0,
    };
}

// EXTERNAL MODULE: ./src/core/rules/index.ts + 21 modules
var rules = __webpack_require__(4696);
;// CONCATENATED MODULE: ./src/pr/escape.ts
/**
 * Escaping of untrusted text (manifest names, messages, paths) for GitHub markdown: no markdown or
 * HTML injection, no @mentions or team pings, no broken tables, no escaping out of code fences.
 */
const ZWJ = '\u200d';
/** Text for a markdown paragraph or table cell: one line, HTML and markdown punctuation escaped. */
function escape_escapeMarkdown(text) {
    return text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]()#|~!{}]/g, (c) => `\\${c}`)
        .replace(/@/g, `@${ZWJ}`)
        .replace(/:(?=[a-z0-9_+-]+:)/gi, `:${ZWJ}`);
}
/**
 * Markdown written by kubeward itself (rule rationale and remediation from the catalog): its
 * `code` and emphasis are kept; HTML and @mentions are still neutralised, and it stays one paragraph.
 */
function escape_catalogMarkdown(text) {
    return text
        .replace(/\s*\n\s*/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/@/g, `@${ZWJ}`);
}
/** An inline code span that holds `text` whatever backticks it contains. */
function escape_inlineCode(text) {
    const one = text.replace(/[\r\n]+/g, ' ');
    const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
    const ticks = '`'.repeat(longest + 1);
    const pad = one.startsWith('`') || one.endsWith('`') || one === '' ? ' ' : '';
    // inside a table a pipe ends the cell even in code: use its entity
    return `${ticks}${pad}${one.replace(/\|/g, '&#124;')}${pad}${ticks}`;
}
/** A code fence longer than any backtick run in `content` (at least three backticks). */
function fenceFor(content) {
    const longest = Math.max(0, ...(content.match(/`{3,}/g) ?? []).map((r) => r.length));
    return '`'.repeat(Math.max(3, longest + 1));
}
/** A fenced code block with `info` (e.g. `yaml`, `suggestion`). */
function escape_codeBlock(info, content) {
    const fence = fenceFor(content);
    const body = content.endsWith('\n') || content === '' ? content : content + '\n';
    return `${fence}${info}\n${body}${fence}`;
}
/** A link target: each path segment URL-encoded. */
function encodePath(path) {
    return path
        .split('/')
        .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
}
/** Text inside an HTML comment marker: no `--` or `>` can end it early. */
function escape_commentSafe(text) {
    return text.replace(/[^A-Za-z0-9:._/-]/g, '').replace(/--+/g, '-');
}

;// CONCATENATED MODULE: ./src/pr/markdown.ts
/**
 * Markdown for a report: the job summary and the sticky PR comment (shared by the GitHub Action and
 * the CircleCI orb). Every piece of manifest-derived text is escaped; the whole stays under
 * `maxLength` by dropping rows and details with a note saying how many were left out.
 */



const markdown_SEVERITY_ICON = {
    critical: '🟣',
    high: '🔴',
    medium: '🟠',
    low: '🟡',
    info: '🔵',
};
function findingLocation(f) {
    if (!f.location)
        return f.object ? `${f.object.kind}/${f.object.name}` : '';
    return `${f.location.file}:${f.location.line}`;
}
function locationCell(f, prefix) {
    const text = escape_escapeMarkdown(findingLocation(f));
    if (!f.location || !prefix || f.location.file.startsWith('<'))
        return text;
    return `[${text}](${prefix}${encodePath(f.location.file)}#L${f.location.line})`;
}
function countsLine(report) {
    return model/* SEVERITIES */.oC.filter((s) => report.counts[s] > 0)
        .map((s) => `${report.counts[s]} ${s}`)
        .join(', ');
}
function headline(report) {
    const n = report.findings.length;
    if (n === 0)
        return 'all clear: no findings ✅';
    const failOn = report.failOn;
    if (!(0,model/* isSeverity */._Z)(failOn))
        return `${n} finding${n === 1 ? '' : 's'} (${countsLine(report)}) — fail-on ${failOn}: never fails`;
    const failing = report.findings.some((f) => (0,model/* atLeast */.jZ)(f.severity, failOn));
    const verdict = failing ? `❌ fails at **${failOn}**` : `✅ passes at **${failOn}**`;
    return `${n} finding${n === 1 ? '' : 's'} (${countsLine(report)}) — ${verdict}`;
}
function countsTable(report) {
    const rows = model/* SEVERITIES */.oC.map((s) => `| ${markdown_SEVERITY_ICON[s]} ${s} | ${report.counts[s]} |`);
    return ['| Severity | Findings |', '| --- | ---: |', ...rows].join('\n');
}
function chart(report) {
    const slices = model/* SEVERITIES */.oC.filter((s) => report.counts[s] > 0).map((s) => `    "${s}" : ${report.counts[s]}`);
    if (slices.length === 0)
        return '';
    return ['```mermaid', 'pie showData title Findings by severity', ...slices, '```'].join('\n');
}
function findingRow(f, prefix) {
    const msg = escape_escapeMarkdown(f.message) + (f.secretPreview ? ` (${escape_inlineCode(f.secretPreview)})` : '');
    return `| ${markdown_SEVERITY_ICON[f.severity]} ${f.severity} | ${locationCell(f, prefix)} | ${escape_inlineCode(f.ruleId)} | ${msg} |`;
}
function ruleDetails(ruleId, findings) {
    const meta = (0,rules/* getRule */.r)(ruleId)?.meta;
    const title = escape_escapeMarkdown(findings[0].title || meta?.title || ruleId);
    const parts = [
        `<details><summary><code>${escape_escapeMarkdown(ruleId)}</code> ${title} (${findings.length})</summary>`,
        '',
    ];
    if (meta?.rationale)
        parts.push(`**Why:** ${escape_catalogMarkdown(meta.rationale)}`, '');
    if (meta?.remediation)
        parts.push(`**Fix:** ${escape_catalogMarkdown(meta.remediation)}`, '');
    if (meta?.example)
        parts.push(escape_codeBlock('yaml', meta.example), '');
    const fixes = [...new Set(findings.map((f) => f.fix?.description).filter((d) => !!d))];
    if (fixes.length > 0)
        parts.push(`Automatic fix: ${fixes.map(escape_escapeMarkdown).join('; ')}`, '');
    parts.push('</details>');
    return parts.join('\n');
}
/** Renders the report; never longer than `opts.maxLength`. */
function renderMarkdown(report, opts) {
    const note = (n, what) => `\n\n> ⚠️ ${n} more ${what} not shown here (size limit): see the SARIF file or the annotations.`;
    const head = [];
    if (opts.header)
        head.push(opts.header);
    head.push(`### ${opts.title ?? 'kubeward'}: ${headline(report)}`);
    for (const n of opts.notes ?? [])
        head.push(`> ${n}`);
    const extra = [];
    if (report.suppressed.length > 0)
        extra.push(`${report.suppressed.length} suppressed`);
    if (report.errors.length > 0)
        extra.push(`${report.errors.length} input error(s)`);
    head.push(`Scanned ${report.filesScanned} file(s), ${report.objectsScanned} object(s)${extra.length ? ` · ${extra.join(' · ')}` : ''}.`);
    if (report.findings.length > 0) {
        head.push(countsTable(report));
        if (opts.chart)
            head.push(chart(report));
    }
    const footer = opts.footer ? `\n\n${opts.footer}` : '';
    let out = head.join('\n\n');
    const reserve = footer.length + 200;
    const budget = opts.maxLength - reserve;
    if (out.length > budget)
        return (out.slice(0, Math.max(0, budget)) + '\n\n> ⚠️ truncated' + footer).slice(0, opts.maxLength);
    if (report.findings.length > 0) {
        let table = '\n\n#### Findings\n\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |';
        let shown = 0;
        for (const f of report.findings) {
            const row = '\n' + findingRow(f, opts.fileUrlPrefix);
            if (out.length + table.length + row.length > budget)
                break;
            table += row;
            shown++;
        }
        out += table;
        if (shown < report.findings.length)
            return out + note(report.findings.length - shown, 'findings') + footer;
        const byRule = new Map();
        for (const f of report.findings)
            byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
        let details = '\n\n#### Rules\n';
        let rulesShown = 0;
        for (const [id, fs] of byRule) {
            const block = '\n' + ruleDetails(id, fs) + '\n';
            if (out.length + details.length + block.length > budget)
                break;
            details += block;
            rulesShown++;
        }
        if (rulesShown > 0)
            out += details;
        if (rulesShown < byRule.size)
            out += note(byRule.size - rulesShown, 'rule details');
    }
    if (report.errors.length > 0) {
        let errs = '\n\n#### Input errors\n';
        for (const e of report.errors) {
            const row = `\n- ${escape_escapeMarkdown(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`)}`;
            if (out.length + errs.length + row.length > budget)
                break;
            errs += row;
        }
        out += errs;
    }
    return out + footer;
}

;// CONCATENATED MODULE: ./src/pr/sticky.ts


const STICKY_MARKER = '<!-- kubeward:sticky -->';
/** GitHub refuses issue comments longer than this. */
const COMMENT_LIMIT = 65_536;
/** The comment body: the report in markdown under 65,536 characters, with the marker. */
function stickyBody(opts) {
    const server = opts.serverUrl ?? 'https://github.com';
    const prefix = `${server}/${opts.owner}/${opts.repo}/blob/${opts.headSha}/`;
    const footer = `<sub>kubeward ${opts.report.tool.version} · commit ${opts.headSha.slice(0, 7)}${opts.runUrl ? ` · [run](${opts.runUrl})` : ''}</sub>`;
    return renderMarkdown(opts.report, {
        maxLength: COMMENT_LIMIT - 1,
        header: STICKY_MARKER,
        fileUrlPrefix: prefix,
        notes: opts.notes,
        footer,
    });
}
/** Creates the sticky comment, or updates it when a previous run made one (also to say "all clear"). */
async function publishStickyComment(opts) {
    const { client, owner, repo, pullNumber, retry } = opts;
    const body = stickyBody(opts);
    const comments = await client_paginate(client, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: pullNumber }, retry);
    // our body starts with the marker; a human quoting it does not
    const mine = comments.filter((c) => c.body?.trimStart().startsWith(STICKY_MARKER));
    // prefer a bot's comment: anyone can paste the marker into a comment of their own
    mine.sort((a, b) => Number(b.user?.type === 'Bot') - Number(a.user?.type === 'Bot'));
    for (const existing of mine) {
        try {
            const res = await client_call(client, 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: existing.id, body }, retry);
            return { action: 'updated', id: existing.id, url: res?.html_url ?? existing.html_url };
        }
        catch (e) {
            const status = client_httpError(e)?.status;
            // not ours to edit (someone else's comment with the marker) or gone: try the next, else create
            if (status !== 403 && status !== 404)
                throw e;
            if (status === 403 && existing.user?.type === 'Bot' && mine.length === 1)
                throw e;
        }
    }
    const created = await client_call(client, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: pullNumber, body }, retry);
    return { action: 'created', id: created.id, url: created.html_url };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/manifests/parse.ts + 3 modules
var parse = __webpack_require__(8268);
;// CONCATENATED MODULE: ./src/core/fixes/index.ts
/**
 * Comment-preserving YAML edits. A `Fix` (set / remove field paths relative to an object) becomes
 * small text edits on the object's source document: every line the fix does not touch keeps its
 * bytes, comments and indentation. Used for PR suggestions and a future `--fix`.
 *
 * The `yaml` package's Document (with node ranges) tells where things are; the text is edited by
 * hand so nothing else in the document is re-serialised.
 */


class FixError extends (/* unused pure expression or super */ null && (Error)) {
}
const PARSE = { version: '1.1', uniqueKeys: false, strict: false, keepSourceTokens: false };
function keyOf(n) {
    return isScalar(n) ? String(n.value) : String(n);
}
function lineStartOf(text, offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
}
function columnOf(text, offset) {
    return offset - lineStartOf(text, offset);
}
/** Offset just past the line holding `offset - 1` (i.e. the start of the next line). */
function endOfLine(text, offset) {
    if (offset > 0 && text[offset - 1] === '\n')
        return offset;
    const nl = text.indexOf('\n', offset);
    return nl === -1 ? text.length : nl + 1;
}
/** Guess the document's indentation step from its first nested mapping (default 2). */
function indentStep(text) {
    const m = /^([A-Za-z_"'][^\n:]*):[ \t]*(?:#.*)?\n( +)[A-Za-z_"'-]/m.exec(text);
    if (m)
        return Math.max(1, Math.min(8, m[2].length - (m[0].length - m[0].trimStart().length)));
    return 2;
}
/** A scalar value as it would be written in place (YAML 1.1 aware quoting). */
function scalarText(value) {
    return stringify(value, { version: '1.1' }).replace(/\n$/, '');
}
/** Block YAML for `{ key: value }`, each line prefixed with `indent`. */
function blockText(key, value, indent, step) {
    const body = stringify({ [key]: value }, { version: '1.1', indent: step, indentSeq: true, lineWidth: 0 });
    return body
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => indent + l)
        .join('\n');
}
function nest(path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; i--) {
        const seg = path[i];
        if (typeof seg === 'number')
            throw new FixError(`cannot create a list item at [${seg}]`);
        v = { [seg]: v };
    }
    return v;
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** One text edit that sets `path` to `value` in the document `text` (parsed fresh by the caller). */
function setEdit(text, root, path, value) {
    if (!root)
        throw new FixError('empty document');
    const step = indentStep(text);
    let node = root;
    // The key node of the pair holding `node`, when it is a map value.
    let keyNode = null;
    for (let i = 0; i < path.length; i++) {
        const seg = path[i];
        if (typeof seg === 'number') {
            if (!isSeq(node))
                throw new FixError(`expected a list at ${String(path.slice(0, i))}`);
            const item = node.items[seg];
            if (!item)
                throw new FixError(`no list item [${seg}]`);
            node = item;
            keyNode = null;
            continue;
        }
        if (isScalar(node) && (node.value === null || node.value === undefined) && keyNode) {
            // `securityContext:` with nothing under it: write the rest as a block under the key.
            return [nullValueEdit(text, keyNode, node, nest(path.slice(i), value), step)];
        }
        if (!isMap(node))
            throw new FixError(`expected a mapping at ${String(path.slice(0, i))}`);
        const pair = [...node.items].reverse().find((p) => keyOf(p.key) === seg);
        if (!pair)
            return [insertEdit(text, node, keyNode, seg, nest(path.slice(i + 1), value), step)];
        const v = pair.value;
        if (!v) {
            const k = pair.key;
            if (!k.range)
                throw new FixError('key without position');
            const at = k.range[1];
            const colon = text.indexOf(':', at);
            return [blockAfterKey(text, k, colon + 1, nest(path.slice(i + 1), value), step)];
        }
        node = v;
        keyNode = pair.key;
    }
    // The field exists: replace scalars in place, merge objects key by key.
    if (isPlainObject(value) && isMap(node) && !node.flow) {
        const edits = [];
        for (const [k, v] of Object.entries(value))
            edits.push(...setEdit(text, root, [...path, k], v));
        if (edits.length > 1)
            throw new FixError('multi-part edit'); // applied one at a time by the caller
        return edits;
    }
    if (!node.range)
        throw new FixError('node without position');
    if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value)) {
        const cur = node.value;
        if (cur === value)
            return [];
        return [{ start: node.range[0], end: node.range[1], text: scalarText(value) }];
    }
    // Replace a whole value (a flow collection, or a scalar by a collection): block under the key.
    if (!keyNode)
        throw new FixError('cannot replace the document root');
    return [replaceValueEdit(text, keyNode, node, value, step)];
}
/** `key:` followed by a block for `value` (value is the nested rest of the path). */
function blockAfterKey(text, key, valueStart, value, step) {
    const keyCol = columnOf(text, key.range[0]);
    const end = endOfLine(text, valueStart);
    // keep a comment that follows `key:` on the same line
    const comment = /#.*$/.exec(text.slice(valueStart, end).replace(/\n$/, ''))?.[0];
    const body = valueLines(value, ' '.repeat(keyCol + step), step);
    return { start: valueStart, end, text: `${comment ? ' ' + comment : ''}\n${body}\n` };
}
function valueLines(value, indent, step) {
    if (!isPlainObject(value))
        throw new FixError('cannot write a non-mapping value as a block');
    return Object.entries(value)
        .map(([k, v]) => blockText(k, v, indent, step))
        .join('\n');
}
function nullValueEdit(text, key, _node, value, step) {
    return blockAfterKey(text, key, text.indexOf(':', key.range[1]) + 1, value, step);
}
function replaceValueEdit(text, key, node, value, step) {
    if (isPlainObject(value)) {
        // e.g. `securityContext: {}` -> a block
        if (isCollection(node) && node.items.length > 0 && node.flow) {
            throw new FixError('cannot merge into a non-empty flow mapping');
        }
        const colon = text.indexOf(':', key.range[1]);
        const end = endOfLine(text, node.range[1]);
        const comment = text.slice(node.range[1], end).replace(/\n$/, '');
        const body = valueLines(value, ' '.repeat(columnOf(text, key.range[0]) + step), step);
        return { start: colon + 1, end, text: `${comment.trim() ? ' ' + comment.trim() : ''}\n${body}\n` };
    }
    const inline = stringify(value, { version: '1.1', collectionStyle: 'flow' }).replace(/\n$/, '');
    if (isCollection(node) && !node.flow && node.range) {
        // a block collection's range runs into the next line: replace up to the end of its last
        // content line only, so the line break (and the key that follows) stay where they are
        let contentEnd = node.range[1];
        while (contentEnd > node.range[0] && /\s/.test(text[contentEnd - 1]))
            contentEnd--;
        const end = endOfLine(text, contentEnd);
        const first = node.items[0];
        const scalars = Array.isArray(value) && value.length > 0 && value.every((v) => v === null || typeof v !== 'object');
        if (isSeq(node) && scalars && first?.range) {
            // a block sequence stays a block sequence, at the column of its dashes
            const dashCol = columnOf(text, text.lastIndexOf('-', first.range[0]));
            const lines = value.map((v) => `${' '.repeat(dashCol)}- ${stringify(v, { version: '1.1' }).replace(/\n$/, '')}`);
            return { start: lineStartOf(text, text.lastIndexOf('-', first.range[0])), end, text: lines.join('\n') + '\n' };
        }
        const colon = text.indexOf(':', key.range[1]);
        return { start: colon + 1, end, text: ` ${inline}\n` };
    }
    return { start: node.range[0], end: node.range[1], text: inline };
}
/** Inserts `key: value` into the block mapping `map` (after `image:` when there is one, else at the end). */
function insertEdit(text, map, mapKey, key, value, step) {
    if (!isMap(map))
        throw new FixError('not a mapping');
    if (map.flow) {
        if (map.items.length === 0 && mapKey)
            return replaceValueEdit(text, mapKey, map, { [key]: value }, step);
        throw new FixError('cannot insert into a flow mapping');
    }
    const items = map.items;
    if (items.length === 0)
        throw new FixError('empty mapping');
    const first = items[0].key;
    const indent = ' '.repeat(columnOf(text, first.range[0]));
    const after = items.find((p) => keyOf(p.key) === 'image' && isScalar(p.value)) ?? items[items.length - 1];
    if (!isPair(after))
        throw new FixError('unexpected mapping item');
    const v = after.value ?? after.key;
    const at = endOfLine(text, v.range[1]);
    const block = blockText(key, value, indent, step);
    const needsBreak = at === text.length && !text.endsWith('\n');
    return { start: at, end: at, text: (needsBreak ? '\n' : '') + block + '\n' };
}
function removeEdit(text, root, path) {
    if (!root || path.length === 0)
        throw new FixError('cannot remove the document root');
    const parent = path.length === 1 ? root : (parseNodeAt(root, path.slice(0, -1)) ?? null);
    const last = path[path.length - 1];
    if (!parent)
        return [];
    if (isMap(parent) && typeof last === 'string') {
        if (parent.flow)
            throw new FixError('cannot remove from a flow mapping');
        const pair = parent.items.find((p) => keyOf(p.key) === last);
        if (!pair)
            return [];
        const k = pair.key;
        const v = pair.value ?? k;
        const start = lineStartOf(text, k.range[0]);
        const before = text.slice(start, k.range[0]);
        if (before.trim() !== '')
            throw new FixError('the key shares its line with another item');
        return [{ start, end: endOfLine(text, v.range[1]), text: '' }];
    }
    if (isSeq(parent) && typeof last === 'number') {
        if (parent.flow)
            throw new FixError('cannot remove from a flow sequence');
        const item = parent.items[last];
        if (!item?.range)
            return [];
        const dash = text.lastIndexOf('-', item.range[0]);
        const start = lineStartOf(text, dash);
        return [{ start, end: endOfLine(text, item.range[1]), text: '' }];
    }
    return [];
}
function parseNodeAt(root, path) {
    let node = root;
    for (const seg of path) {
        if (typeof seg === 'number' && isSeq(node))
            node = node.items[seg];
        else if (isMap(node)) {
            const pair = [...node.items].reverse().find((p) => keyOf(p.key) === String(seg));
            node = pair?.value ?? undefined;
        }
        else
            return undefined;
        if (!node)
            return undefined;
    }
    return node;
}
function applyEdit(text, e) {
    return text.slice(0, e.start) + e.text + text.slice(e.end);
}
/**
 * Applies one fix to a YAML document's text. `base` prefixes every path (e.g. ['items', 3] for a
 * List item). Throws when the fix cannot be written without re-serialising the document.
 */
function applyFixToDocument(docText, fix, base = []) {
    let text = docText;
    const ops = [];
    const root = () => parseDocument(text, PARSE).contents ?? null;
    for (const s of fix.set ?? []) {
        const leaves = [];
        flattenSet([...base, ...s.path], s.value, leaves, root());
        for (const l of leaves)
            ops.push(() => setEdit(text, root(), l.path, l.value));
    }
    for (const r of fix.remove ?? [])
        ops.push(() => removeEdit(text, root(), [...base, ...r]));
    const crlf = docText.includes('\r\n');
    for (const op of ops) {
        for (const e of op()) {
            // new lines follow the file's line endings
            text = applyEdit(text, crlf ? { ...e, text: e.text.replace(/\r?\n/g, '\r\n') } : e);
        }
    }
    // a document that did not end with a line break still does not
    if (!/\n$/.test(docText))
        text = text.replace(/\r?\n$/, '');
    return text;
}
/** Splits setting an object into an existing block mapping into one set per key (merge). */
function flattenSet(path, value, out, root) {
    const node = root ? parseNodeAt(root, path) : undefined;
    if (isPlainObject(value) && node && isMap(node) && !node.flow) {
        for (const [k, v] of Object.entries(value))
            flattenSet([...path, k], v, out, root);
        return;
    }
    out.push({ path, value });
}
function sameRef(a, b) {
    return (a.kind === b.kind &&
        a.name === b.name &&
        (a.namespace ?? '') === (b.namespace ?? '') &&
        a.apiVersion === b.apiVersion);
}
function lineOf(text, offset) {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
        n++;
    return n;
}
/** The object of `fileText` a target points at (identity, then the line to break ties). */
function findObject(fileText, target, file = 'manifest.yaml') {
    const objects = parseManifestText(fileText, file).objects;
    const same = target.object ? objects.filter((o) => sameRef(o.ref, target.object)) : objects;
    if (same.length <= 1 || !target.location)
        return same[0];
    const line = target.location.line;
    return (same.find((o) => {
        const s = o.source;
        return lineOf(s.fileText, s.start) <= line && line <= lineOf(s.fileText, s.end);
    }) ?? same[0]);
}
/** The whole file's text with one target's fix applied. */
function applyFixToFile(fileText, target) {
    if (!target.fix)
        throw new FixError('no fix');
    const obj = findObject(fileText, target);
    if (!obj?.source)
        throw new FixError('object not found in the file');
    const { start, end } = obj.source;
    const text = obj.source.fileText;
    const doc = applyFixToDocument(text.slice(start, end), target.fix, obj.docPath);
    // parseManifestText replaces a BOM with a space: keep the original first character
    return fileText.slice(0, start) + doc + fileText.slice(end);
}
/**
 * Applies fixes to a file's text, one after the other (each re-parses, so positions stay right).
 * A fix that cannot be applied is reported in `failed` and leaves the text as it was.
 */
function applyFixes(fileText, targets) {
    let text = fileText;
    const res = { text, applied: 0, failed: [] };
    for (const t of targets) {
        try {
            const next = applyFixToFile(text, t);
            if (next !== text)
                res.applied++;
            text = next;
        }
        catch (e) {
            res.failed.push({ target: t, reason: e.message });
        }
    }
    res.text = text;
    return res;
}
/** The smallest run of old lines to replace, and the new lines: a line-level diff of two texts. */
function lineEdit(before, after) {
    if (before === after)
        return undefined;
    const a = before.split('\n').map((l) => l.replace(/\r$/, ''));
    const b = after.split('\n').map((l) => l.replace(/\r$/, ''));
    let pre = 0;
    while (pre < a.length && pre < b.length && a[pre] === b[pre])
        pre++;
    let suf = 0;
    while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
        suf++;
    let startLine = pre + 1;
    const endLine = a.length - suf;
    let lines = b.slice(pre, b.length - suf);
    if (endLine < startLine) {
        // a pure insertion: replace the line before it with itself plus the new lines
        if (pre === 0)
            return { startLine: 1, endLine: 1, lines: [...lines, a[0]] };
        startLine = pre;
        lines = [a[pre - 1], ...lines];
        return { startLine, endLine: pre, lines };
    }
    return { startLine, endLine, lines };
}
/** The line edit a target's fix makes to a file, or undefined when it cannot be made. */
function fixes_fixLineEdit(fileText, target) {
    try {
        return lineEdit(fileText, applyFixToFile(fileText, target));
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./node_modules/parse-diff/index.js
var parse_diff = __webpack_require__(2673);
;// CONCATENATED MODULE: ./src/pr/diff.ts
/** Which lines of a pull request a review comment may be placed on, from each file's `patch`. */

/** Parses one file's `patch` from the pulls/files API (hunks only, no file header). */
function patchLines(patch) {
    const out = { added: new Set(), hunkOf: new Map(), text: new Map() };
    if (!patch)
        return out;
    const text = patch.startsWith('@@') ? `--- a/f\n+++ b/f\n${patch}` : patch;
    const files = parseDiff(text);
    let hunk = 0;
    for (const file of files) {
        for (const chunk of file.chunks) {
            for (const ch of chunk.changes) {
                if (ch.content.startsWith('\\'))
                    continue; // "\ No newline at end of file"
                if (ch.type === 'add') {
                    out.added.add(ch.ln);
                    out.hunkOf.set(ch.ln, hunk);
                    out.text.set(ch.ln, ch.content.slice(1));
                }
                else if (ch.type === 'normal') {
                    out.hunkOf.set(ch.ln2, hunk);
                    out.text.set(ch.ln2, ch.content.slice(1));
                }
            }
            hunk++;
        }
    }
    return out;
}
/** True when the file's lines start..end read as the patch says (the checkout is the PR head). */
function diff_matchesPatch(diff, fileText, start, end) {
    const lines = fileText.split('\n');
    for (let l = start; l <= end; l++) {
        const expected = diff.text.get(l);
        if (expected === undefined || (lines[l - 1] ?? '').replace(/\r$/, '') !== expected.replace(/\r$/, ''))
            return false;
    }
    return true;
}
/** True when lines start..end are all in one hunk of the diff (a multi-line comment's range). */
function diff_rangeInDiff(diff, start, end) {
    const h = diff.hunkOf.get(start);
    if (h === undefined)
        return false;
    for (let l = start; l <= end; l++)
        if (diff.hunkOf.get(l) !== h)
            return false;
    return true;
}
/** Map of file name -> diff lines. Removed files and files GitHub sends without a patch have no lines. */
function diff_diffsOf(files) {
    const m = new Map();
    for (const f of files) {
        if (f.status === 'removed')
            continue;
        m.set(f.filename, patchLines(f.patch));
    }
    return m;
}

;// CONCATENATED MODULE: ./src/pr/review.ts






const REVIEW_MARKER = '<!-- kubeward:review -->';
const FINDING_MARKER = /<!-- kubeward:finding ([A-Za-z0-9:._/-]+) -->/;
async function fetchPullFiles(t) {
    return paginate(t.client, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: t.owner, repo: t.repo, pull_number: t.pullNumber }, t.retry);
}
/** Findings whose line is one the PR adds or changes (the `only-new` filter). */
function findingsOnChangedLines(findings, diffs) {
    return findings.filter((f) => f.location && diffs.get(f.location.file)?.added.has(f.location.line));
}
function findingMarker(f) {
    return `<!-- kubeward:finding ${commentSafe(f.fingerprint)} -->`;
}
/** The body of one inline comment. */
function commentBody(f, suggestion) {
    const meta = getRule(f.ruleId)?.meta;
    const parts = [
        findingMarker(f),
        `**${SEVERITY_ICON[f.severity]} ${f.severity}** · ${inlineCode(f.ruleId)} · ${escapeMarkdown(f.title)}`,
        '',
        escapeMarkdown(f.message) + (f.secretPreview ? ` (${inlineCode(f.secretPreview)})` : ''),
    ];
    if (meta?.rationale)
        parts.push('', `**Why:** ${catalogMarkdown(meta.rationale)}`);
    if (suggestion) {
        parts.push('', `**Suggested fix** (${escapeMarkdown(f.fix?.description ?? 'kubeward')}):`, '');
        parts.push(codeBlock('suggestion', suggestion.lines.join('\n')));
    }
    else if (meta?.remediation) {
        parts.push('', `**Fix:** ${catalogMarkdown(meta.remediation)}`);
    }
    return parts.join('\n');
}
/** Builds the review comments (pure, for tests): one per finding on a changed line. */
async function planReview(opts, diffs, existing) {
    const done = new Set();
    for (const c of existing) {
        const m = c.body ? FINDING_MARKER.exec(c.body) : null;
        if (!m || !c.path)
            continue;
        for (const l of [c.line, c.original_line])
            if (l)
                done.add(`${c.path}\0${l}\0${m[1]}`);
    }
    const result = { posted: 0, alreadyCommented: 0, outsideDiff: 0, overLimit: 0, suggestions: 0 };
    const comments = [];
    const texts = new Map();
    const max = opts.maxComments ?? 50;
    // lines that hold a detected secret: a suggestion never repeats them (secrets never reach a comment)
    const secretLines = new Map();
    for (const f of [...opts.report.findings, ...opts.report.suppressed]) {
        if (!f.secretPreview || !f.location)
            continue;
        const l = f.location;
        secretLines.set(l.file, [...(secretLines.get(l.file) ?? []), { from: l.line, to: l.endLine ?? l.line }]);
    }
    const showsSecret = (file, text, shown) => {
        const ranges = secretLines.get(file);
        if (!ranges)
            return false;
        const all = text.split('\n');
        const secret = new Set();
        for (const r of ranges)
            for (let i = r.from; i <= r.to; i++)
                secret.add((all[i - 1] ?? '').trim());
        secret.delete('');
        return shown.some((l) => secret.has(l.trim()));
    };
    for (const f of opts.report.findings) {
        const loc = f.location;
        const diff = loc ? diffs.get(loc.file) : undefined;
        if (!loc || !diff || !diff.added.has(loc.line)) {
            result.outsideDiff++;
            continue;
        }
        let edit;
        if (opts.readFile) {
            if (!texts.has(loc.file))
                texts.set(loc.file, opts.readFile(loc.file).catch(() => undefined));
            const text = await texts.get(loc.file);
            // the checkout is not the PR head (e.g. a merge commit that moved lines): no inline comment
            if (text !== undefined && !matchesPatch(diff, text, loc.line, loc.line)) {
                result.outsideDiff++;
                continue;
            }
            if (opts.suggestions !== false && f.fix && text !== undefined) {
                const e = fixLineEdit(text, f);
                if (e &&
                    rangeInDiff(diff, e.startLine, e.endLine) &&
                    matchesPatch(diff, text, e.startLine, e.endLine) &&
                    !showsSecret(loc.file, text, e.lines))
                    edit = e;
            }
        }
        const line = edit ? edit.endLine : loc.line;
        const key = (l) => `${loc.file}\0${l}\0${commentSafe(f.fingerprint)}`;
        if (done.has(key(line)) || done.has(key(loc.line))) {
            result.alreadyCommented++;
            continue;
        }
        if (comments.length >= max) {
            result.overLimit++;
            continue;
        }
        const c = { path: loc.file, line, side: 'RIGHT', body: commentBody(f, edit) };
        if (edit && edit.startLine < edit.endLine) {
            c.start_line = edit.startLine;
            c.start_side = 'RIGHT';
        }
        if (edit)
            result.suggestions++;
        comments.push(c);
    }
    return { comments, result };
}
function reviewBody(result, count) {
    const lines = [
        REVIEW_MARKER,
        `kubeward found ${count} issue${count === 1 ? '' : 's'} on lines this pull request changes.`,
    ];
    if (result.outsideDiff > 0)
        lines.push(`${result.outsideDiff} other finding(s) are outside the diff: see the checks summary.`);
    if (result.overLimit > 0)
        lines.push(`${result.overLimit} more not commented here (limit per review).`);
    return lines.join('\n\n');
}
/**
 * Posts one review with comments on changed lines. When GitHub refuses it (422, e.g. a line that is
 * not in the diff any more), retries once with single-line comments on added lines only; if that is
 * refused too, reports it in `rejected` instead of throwing.
 */
async function publishReview(opts) {
    const { client, owner, repo, pullNumber, retry } = opts;
    const files = opts.files ?? (await fetchPullFiles(opts));
    const diffs = diffsOf(files);
    const existing = await paginate(client, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { owner, repo, pull_number: pullNumber }, retry);
    const { comments, result } = await planReview(opts, diffs, existing);
    if (comments.length === 0)
        return result;
    const post = (cs) => call(client, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: pullNumber,
        commit_id: opts.headSha,
        event: 'COMMENT',
        body: reviewBody(result, cs.length),
        comments: cs,
    }, retry);
    try {
        const r = await post(comments);
        return { ...result, posted: comments.length, reviewId: r.id };
    }
    catch (e) {
        const info = httpError(e);
        if (info?.status !== 422)
            throw e;
        opts.log?.(`GitHub refused the review (422: ${info.message}); retrying with single-line comments only`);
        // the likeliest offenders: multi-line suggestion ranges. Keep single lines the diff adds.
        const safe = comments.filter((c) => c.start_line === undefined && diffs.get(c.path)?.added.has(c.line));
        const dropped = comments.length - safe.length;
        if (safe.length === 0)
            return { ...result, rejected: { count: comments.length, message: info.message } };
        try {
            const r = await post(safe);
            return {
                ...result,
                posted: safe.length,
                reviewId: r.id,
                suggestions: safe.filter((c) => c.body.includes('```suggestion')).length,
                ...(dropped > 0 ? { rejected: { count: dropped, message: info.message } } : {}),
            };
        }
        catch (e2) {
            const info2 = httpError(e2);
            if (info2?.status !== 422)
                throw e2;
            return { ...result, rejected: { count: comments.length, message: info2.message } };
        }
    }
}

;// CONCATENATED MODULE: ./src/pr/fetch-client.ts
class GitHubRequestError extends Error {
    status;
    response;
    constructor(status, message, headers, data) {
        super(message);
        this.name = 'GitHubRequestError';
        this.status = status;
        this.response = { headers, data };
    }
}
function createFetchClient(opts) {
    const base = (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const doFetch = opts.fetch ?? fetch;
    return {
        async request(route, params = {}) {
            const m = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)$/.exec(route.trim());
            if (!m)
                throw new Error(`bad route: ${route}`);
            const [, method, template] = m;
            const rest = { ...params };
            const urlPath = template.replace(/\{(\w+)\}/g, (_, name) => {
                const v = rest[name];
                delete rest[name];
                if (v === undefined)
                    throw new Error(`route ${route} needs ${name}`);
                return encodeURIComponent(String(v));
            });
            const url = new URL(base + urlPath);
            let body;
            if (method === 'GET' || method === 'DELETE') {
                for (const [k, v] of Object.entries(rest))
                    if (v !== undefined)
                        url.searchParams.set(k, String(v));
            }
            else
                body = JSON.stringify(rest);
            const res = await doFetch(url, {
                method,
                headers: {
                    accept: 'application/vnd.github+json',
                    authorization: `Bearer ${opts.token}`,
                    'x-github-api-version': '2022-11-28',
                    'user-agent': opts.userAgent ?? 'kubeward',
                    ...(body ? { 'content-type': 'application/json' } : {}),
                },
                ...(body ? { body } : {}),
            });
            const headers = {};
            res.headers.forEach((v, k) => (headers[k] = v));
            const text = await res.text();
            let data = text;
            try {
                data = text ? JSON.parse(text) : undefined;
            }
            catch {
                /* not JSON: keep the text */
            }
            if (!res.ok) {
                const msg = data?.message;
                throw new GitHubRequestError(res.status, `${method} ${urlPath}: HTTP ${res.status}${typeof msg === 'string' ? `: ${msg}` : ''}`, headers, data);
            }
            return { status: res.status, data, headers };
        },
    };
}

;// CONCATENATED MODULE: ./src/pr/index.ts
/** Publishing a report to a GitHub pull request: shared by the GitHub Action and the CircleCI orb. */










// EXTERNAL MODULE: ./src/cli/io.ts
var cli_io = __webpack_require__(1604);
;// CONCATENATED MODULE: ./src/cli/comment.ts
/**
 * `kubeward comment --report kubeward.json`: posts the sticky kubeward comment on the GitHub pull
 * request of a CI build outside GitHub Actions (the CircleCI orb). The token comes from
 * KUBEWARD_GITHUB_TOKEN or GITHUB_TOKEN and is never printed. Exit codes: 0 posted, or skipped with
 * a notice (no token, no PR, token without permission); 2 usage errors or an unreadable report;
 * 1 the GitHub API failed otherwise.
 */








const COMMENT_HELP = `Usage: kubeward comment --report FILE [options]

Post (or update) one sticky comment with a kubeward report on the GitHub pull request of this
CI build. The pull request is found from CIRCLE_PULL_REQUEST, CIRCLE_PR_NUMBER, or the GitHub API
for the commit (CIRCLE_SHA1) when the push came before the PR.

Options:
  --report FILE      JSON report written by 'kubeward scan|verify --format json' (required)
  --repo OWNER/REPO  repository (default: from CIRCLE_PROJECT_USERNAME/CIRCLE_PROJECT_REPONAME)
  --pr NUMBER        pull request number (default: detected)
  --sha SHA          head commit (default: CIRCLE_SHA1)
  -h, --help         show this help

Environment:
  KUBEWARD_GITHUB_TOKEN or GITHUB_TOKEN   token with pull-requests write access; none: skip with a notice
  GITHUB_API_URL                          API base (default https://api.github.com)
`;
async function runComment(argv, io) {
    const { values } = (0,external_node_util_.parseArgs)({
        args: argv,
        options: {
            report: { type: 'string' },
            repo: { type: 'string' },
            pr: { type: 'string' },
            sha: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        io.stdout(COMMENT_HELP);
        return cli_io/* EXIT */.dc.ok;
    }
    if (!values.report)
        throw new cli_io/* UsageError */.eb('--report FILE is required', 'comment');
    if (values.repo && !/^[^/\s]+\/[^/\s]+$/.test(values.repo))
        throw new cli_io/* UsageError */.eb('--repo takes OWNER/REPO', 'comment');
    if (values.pr && !/^\d+$/.test(values.pr))
        throw new cli_io/* UsageError */.eb('--pr takes a number', 'comment');
    let report;
    try {
        report = reportFromJson(await (0,promises_.readFile)(external_node_path_default().resolve(io.cwd, values.report), 'utf8'));
    }
    catch (e) {
        io.stderr(`kubeward comment: cannot read ${values.report}: ${e.message}\n`);
        return cli_io/* EXIT */.dc.usage;
    }
    const token = io.env.KUBEWARD_GITHUB_TOKEN || io.env.GITHUB_TOKEN;
    if (!token) {
        io.stdout('kubeward comment: no GitHub token (KUBEWARD_GITHUB_TOKEN or GITHUB_TOKEN): skipping the pull request comment\n');
        return cli_io/* EXIT */.dc.ok;
    }
    const env = { ...io.env };
    if (values.repo) {
        const [owner, repo] = values.repo.split('/');
        env.CIRCLE_PROJECT_USERNAME = owner;
        env.CIRCLE_PROJECT_REPONAME = repo;
    }
    if (values.sha)
        env.CIRCLE_SHA1 = values.sha;
    if (values.pr) {
        env.CIRCLE_PULL_REQUEST = undefined;
        env.CIRCLE_PR_NUMBER = values.pr;
    }
    const client = createFetchClient({ token, baseUrl: io.env.GITHUB_API_URL || undefined });
    try {
        const pr = await findPullRequest(env, client);
        if (!pr) {
            io.stdout('kubeward comment: this build belongs to no open pull request: nothing to comment on\n');
            return cli_io/* EXIT */.dc.ok;
        }
        const res = await publishStickyComment({
            client,
            owner: pr.owner,
            repo: pr.repo,
            pullNumber: pr.number,
            headSha: pr.headSha || env.CIRCLE_SHA1 || '',
            report,
            runUrl: buildUrl(env),
            retry: { log: (m) => io.stderr(`kubeward comment: ${m}\n`) },
        });
        io.stdout(`kubeward comment: ${res.action} the comment on ${pr.owner}/${pr.repo}#${pr.number} (found via ${pr.via})\n`);
        return cli_io/* EXIT */.dc.ok;
    }
    catch (e) {
        if (isPermissionError(e)) {
            io.stdout('kubeward comment: the token may not comment on this pull request (HTTP 401/403, e.g. a fork build): skipping; the reports are in the artifacts\n');
            return cli_io/* EXIT */.dc.ok;
        }
        io.stderr(`kubeward comment: GitHub API error: ${e.message}\n`);
        return cli_io/* EXIT */.dc.findings;
    }
}


/***/ })

};
