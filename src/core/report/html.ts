/**
 * The HTML report: one self-contained page for CI artifacts. No network: inline CSS and one small
 * inline script, both allowed by their SHA-256 hashes in the page's Content-Security-Policy. The
 * findings travel as compact JSON (a string table and arrays of indexes) and the script renders
 * them in chunks as the reader scrolls, so 20,000 findings stay a few MB and paint at once.
 *
 * What it shows: summary cards by severity, a chart by rule and severity, findings grouped by
 * file then object with the code excerpt and the offending line highlighted (when the caller gives
 * the source text), filters (severity, rule, namespace, kind, environment/cluster), search, sort,
 * collapsible groups, links to each rule's documentation and to the file at the commit (with a
 * URL prefix), the fix and the suggested lines per finding, suppressed findings in their own tab,
 * input errors and what was not verified.
 *
 * Untrusted text is never parsed as HTML: the server side escapes it, the script sets textContent.
 * Excerpts never show a secret: lines of a finding with a secret preview and every line of a file
 * that holds a Secret object are left out.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SEVERITIES, type Finding, type Report } from '../model.ts';
import { fixLineEdit } from '../fixes/index.ts';
import { escapeHtml as h, failOnOf, objectName, passed, plural } from './util.ts';
import { RULE_DOCS_URL } from './markdown.ts';
import { hiddenText } from '../selection.ts';

export interface HtmlOptions {
  /** Link files to this prefix + file + `#L` + line (e.g. https://github.com/o/r/blob/<sha>/). */
  fileUrlPrefix?: string;
  /** Rule documentation prefix (`<prefix><id>.md`); default RULE_DOCS_URL. */
  ruleDocsUrl?: string;
  /** The text of a scanned file, for code excerpts and suggestions; undefined when unknown. */
  readSource?: (file: string) => string | undefined;
  /** Caps on what is embedded, to keep the page small (defaults: 1.2 MB of excerpts, 3,000 suggestions). */
  maxExcerptBytes?: number;
  maxSuggestions?: number;
}

const SEV_INDEX = new Map(SEVERITIES.map((s, i) => [s, i]));

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string | undefined): number {
    if (s === undefined || s === '') return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** Lines (1-based) of a file that must never be shown. */
function secretLines(findings: readonly Finding[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const f of findings) {
    if (!f.secretPreview || !f.location) continue;
    let s = out.get(f.location.file);
    if (!s) out.set(f.location.file, (s = new Set()));
    for (let l = f.location.line; l <= (f.location.endLine ?? f.location.line); l++) s.add(l);
  }
  return out;
}

const HOLDS_SECRET_OBJECT = /^\s*kind:\s*["']?Secret["']?\s*$/m;

interface Encoded {
  s: string[];
  f: (number | number[])[][];
  x: (number | number[])[][];
  ex: Record<number, Record<number, number>>;
  sg: Record<string, [number, number, number[]]>;
  /** Rule index -> title index. */
  t: Record<number, number>;
  pre: string;
  docs: string;
  omitted: number;
}

function encode(report: Report, opts: HtmlOptions): Encoded {
  const S = new Strings();
  const all = [...report.findings, ...report.suppressed];
  const secrets = secretLines(all);
  const texts = new Map<string, string[] | null>();
  const lines = (file: string): string[] | null => {
    let t = texts.get(file);
    if (t === undefined) {
      const text = opts.readSource?.(file);
      t = text === undefined || HOLDS_SECRET_OBJECT.test(text) ? null : text.split(/\r?\n/);
      texts.set(file, t);
    }
    return t;
  };
  const ex: Encoded['ex'] = {};
  let exBytes = 0;
  let omitted = 0;
  const maxEx = opts.maxExcerptBytes ?? 1_200_000;
  const addExcerpt = (f: Finding): void => {
    if (!f.location || !opts.readSource) return;
    const ls = lines(f.location.file);
    if (!ls) return;
    const fi = S.id(f.location.file);
    const m = (ex[fi] ??= {});
    const hidden = secrets.get(f.location.file);
    const end = f.location.endLine ?? f.location.line;
    for (let l = Math.max(1, f.location.line - 2); l <= Math.min(ls.length, end + 2); l++) {
      if (m[l] !== undefined) continue;
      if (exBytes > maxEx) {
        omitted++;
        return;
      }
      const text = hidden?.has(l) ? '… (a detected secret: not shown)' : ls[l - 1].slice(0, 300);
      m[l] = S.id(text === '' ? ' ' : text);
      exBytes += text.length + 8;
    }
  };
  const sg: Encoded['sg'] = {};
  let suggestions = 0;
  const row = (f: Finding, i: number, suppressed: boolean): (number | number[])[] => {
    addExcerpt(f);
    const o = f.object;
    if (!suppressed && f.fix && f.location && suggestions < (opts.maxSuggestions ?? 3000)) {
      const ls = lines(f.location.file);
      if (ls) {
        const edit = fixLineEdit(ls.join('\n'), f);
        const hidden = secrets.get(f.location.file);
        const touchesSecret =
          edit && hidden && [...hidden].some((l) => l >= edit.startLine - 1 && l <= edit.endLine + 1);
        if (edit && !touchesSecret && edit.lines.length <= 40) {
          sg[String(i)] = [edit.startLine, edit.endLine, edit.lines.map((l) => S.id(l === '' ? ' ' : l))];
          suggestions++;
        }
      }
    }
    const r: (number | number[])[] = [
      SEV_INDEX.get(f.severity) ?? 4,
      S.id(f.ruleId),
      S.id(f.location?.file),
      f.location?.line ?? 0,
      f.location?.column ?? 0,
      S.id(o ? objectName(o) : undefined),
      S.id(f.message + (f.secretPreview ? ` (${f.secretPreview})` : '')),
      S.id(f.path),
      S.id(f.fix?.description),
      S.id(o?.namespace),
      S.id(o?.kind),
      S.id(o?.cluster ?? f.details?.environment),
      -1,
      f.location?.endLine && f.location.endLine !== f.location.line ? f.location.endLine : 0,
    ];
    titles[r0(f.ruleId)] = S.id(f.title);
    if (suppressed && f.suppression) {
      r.push(
        S.id(
          `${f.suppression.kind}: ${f.suppression.reason}${f.suppression.expires ? ` (until ${f.suppression.expires})` : ''}`,
        ),
      );
    }
    return r;
  };
  const titles: Record<number, number> = {};
  const r0 = (id: string) => S.id(id);
  const f = report.findings.map((x, i) => row(x, i, false));
  const x = report.suppressed.map((y, i) => row(y, i, true));
  return {
    s: S.list,
    f,
    x,
    ex,
    sg,
    t: titles,
    pre: opts.fileUrlPrefix && /^https?:\/\//i.test(opts.fileUrlPrefix) ? opts.fileUrlPrefix : '',
    docs: opts.ruleDocsUrl ?? RULE_DOCS_URL,
    omitted,
  };
}

/** Above this much JSON the findings are gzipped (and base64-encoded); the page unpacks them. */
const PACK_ABOVE = 1_500_000;

function dataElement(data: Encoded): string {
  const json = scriptJson(data);
  if (json.length <= PACK_ABOVE) return `<script type="application/json" id="kw-data">${json}</script>`;
  const packed = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  return `<script type="application/octet-stream" id="kw-data" data-encoding="gzip-base64">${packed}</script>`;
}

/** The findings data of an HTML report (for tests and tools): the JSON the page renders from. */
export function htmlReportData(html: string): unknown {
  const m = /<script type="application\/(json|octet-stream)" id="kw-data"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!m) return undefined;
  return JSON.parse(m[1] === 'json' ? m[2] : gunzipSync(Buffer.from(m[2], 'base64')).toString('utf8'));
}

/** JSON that can sit inside a <script> element: nothing in it can close the element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0550ae;
--critical:#6f42c1;--high:#b91c1c;--medium:#9a4d00;--low:#6b5900;--info:#3e5a75}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:1400px;margin:0 auto;padding:.6rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
a{color:var(--accent)}
.muted{color:var(--muted)}
.verdict{font-weight:600;margin:.3rem 0}.verdict.fail{color:var(--high)}.verdict.ok{color:#116329}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0}
.card{border:1px solid var(--line);border-left:6px solid;border-radius:6px;padding:.4rem .9rem;min-width:7.5rem;background:var(--soft);cursor:pointer;font:inherit;color:inherit;text-align:left}
.card[aria-pressed=false]{opacity:.55}
.card .n{display:block;font-size:1.5rem;font-weight:700}
.c-critical{border-left-color:var(--critical)}.c-high{border-left-color:var(--high)}.c-medium{border-left-color:var(--medium)}.c-low{border-left-color:var(--low)}.c-info{border-left-color:var(--info)}
.chart{display:grid;grid-template-columns:minmax(8rem,16rem) minmax(0,1fr) 3.5rem;gap:.25rem .6rem;align-items:center;max-width:900px}
.chart .name{overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.bar{display:flex;height:.9rem;background:var(--soft);border-radius:3px;overflow:hidden}
.bar span{display:block;height:100%}
.b-critical{background:var(--critical)}.b-high{background:var(--high)}.b-medium{background:var(--medium)}.b-low{background:var(--low)}.b-info{background:var(--info)}
.legend{display:flex;gap:1rem;font-size:.85rem;margin:.4rem 0}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
.tabs{display:flex;gap:.3rem;border-bottom:1px solid var(--line);margin-top:1.2rem}
.tabs button{font:inherit;border:1px solid var(--line);border-bottom:none;background:var(--soft);padding:.4rem .9rem;border-radius:6px 6px 0 0;cursor:pointer;color:var(--fg)}
.tabs button[aria-selected=true]{background:var(--bg);font-weight:600;margin-bottom:-1px;padding-bottom:calc(.4rem + 1px)}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end;margin:.8rem 0}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:.15rem}
.filters select,.filters input{font:inherit;padding:.25rem .4rem;border:1px solid var(--line);border-radius:4px;max-width:16rem;color:var(--fg);background:var(--bg)}
.filters input[type=search]{width:18rem}
.sevs{display:flex;gap:.5rem;flex-wrap:wrap;border:none;padding:0;margin:0}.sevs legend{font-size:.8rem;color:var(--muted);padding:0}
.sevs label{flex-direction:row;align-items:center;gap:.2rem;color:var(--fg);font-size:.9rem}
.count{margin:.4rem 0;color:var(--muted)}
details.file{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;background:var(--bg)}
details.file>summary{padding:.45rem .7rem;background:var(--soft);cursor:pointer;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88rem}
.obj{padding:.3rem .7rem;font-weight:600;border-top:1px solid var(--line);overflow-wrap:anywhere}
.f{display:grid;grid-template-columns:5.5rem minmax(0,1fr);gap:.2rem .8rem;padding:.45rem .7rem;border-top:1px dashed var(--line)}
.f>*{min-width:0}
.sev{display:inline-block;border-radius:3px;padding:0 .35rem;color:#fff;font-size:.75rem;font-weight:600;text-transform:uppercase}
.s-critical{background:var(--critical)}.s-high{background:var(--high)}.s-medium{background:var(--medium)}.s-low{background:var(--low)}.s-info{background:var(--info)}
.msg{overflow-wrap:anywhere}
.meta{font-size:.82rem;color:var(--muted);overflow-wrap:anywhere}
.meta code,.rule{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.82rem}
.fix{font-size:.85rem;overflow-wrap:anywhere}
pre.code{margin:.3rem 0 0;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:.3rem 0;overflow-x:auto;font-size:.8rem;line-height:1.4;max-width:100%}
pre.code>span{display:block;padding:0 .6rem;white-space:pre}
pre.code .hl{background:#fff1c2;font-weight:600}
pre.code .add{background:#dafbe1}
.ln{display:inline-block;min-width:3.2rem;color:var(--muted);user-select:none}
.more{margin:1rem 0;font:inherit;padding:.4rem 1rem;cursor:pointer}
ul.plain{padding-left:1.2rem}ul.plain li{overflow-wrap:anywhere}
[hidden]{display:none!important}
`;

const SCRIPT = `(function(){
"use strict";
function main(D){
var S=D.s,SEV=["critical","high","medium","low","info"],CHUNK=150;
function str(i){return i<0?"":S[i];}
function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!=null)e.textContent=x;return e;}
function enc(p){return p.replace(/\\\\/g,"/").split("/").map(encodeURIComponent).join("/");}
var state={tab:"f",sev:{},rule:"",ns:"",kind:"",env:"",q:"",sort:"sev"};
SEV.forEach(function(s){state.sev[s]=true;});
var $=function(id){return document.getElementById(id);};
function fill(sel,col,rows){var seen={};rows.forEach(function(r){var v=r[col];if(v>=0)seen[v]=1;});
 Object.keys(seen).map(Number).sort(function(a,b){return S[a]<S[b]?-1:1;}).forEach(function(v){var o=el("option",null,S[v]);o.value=S[v];sel.appendChild(o);});}
var both=D.f.concat(D.x);
fill($("f-rule"),1,both);fill($("f-ns"),9,both);fill($("f-kind"),10,both);fill($("f-env"),11,both);
if(!$("f-env").options.length||$("f-env").options.length<2)$("f-env").parentNode.hidden=true;
function matches(r){
 if(!state.sev[SEV[r[0]]])return false;
 if(state.rule&&str(r[1])!==state.rule)return false;
 if(state.ns&&str(r[9])!==state.ns)return false;
 if(state.kind&&str(r[10])!==state.kind)return false;
 if(state.env&&str(r[11])!==state.env)return false;
 if(state.q){var q=state.q,h=(str(r[6])+" "+str(r[1])+" "+str(r[2])+" "+str(r[5])+" "+str(r[7])+" "+str(D.t[r[1]])).toLowerCase();if(h.indexOf(q)<0)return false;}
 return true;}
function cmp(a,b){var A=D.rows[a],B=D.rows[b];
 if(state.sort==="sev"&&A[0]!==B[0])return A[0]-B[0];
 if(state.sort==="rule"&&A[1]!==B[1])return str(A[1])<str(B[1])?-1:1;
 var fa=str(A[2]),fb=str(B[2]);if(fa!==fb)return fa<fb?-1:1;return A[3]-B[3]||a-b;}
var list=[],shown=0,groups=null,out=$("findings");
function view(){
 D.rows=state.tab==="x"?D.x:D.f;
 list=[];for(var i=0;i<D.rows.length;i++)if(matches(D.rows[i]))list.push(i);
 list.sort(cmp);
 out.textContent="";shown=0;groups={};
 $("count").textContent="Showing "+list.length+" of "+D.rows.length+(state.tab==="x"?" suppressed findings":" findings");
 more();}
function line(file,n,cls,text){var s=el("span",cls);var l=el("span","ln",String(n));l.setAttribute("aria-hidden","true");s.appendChild(l);s.appendChild(document.createTextNode(text));return s;}
function finding(i){var r=D.rows[i],f=el("div","f"),sev=SEV[r[0]];
 var left=el("div");left.appendChild(el("span","sev s-"+sev,sev));f.appendChild(left);
 var body=el("div");var m=el("div","msg",str(r[6]));body.appendChild(m);
 var meta=el("div","meta");var rule=str(r[1]);
 var a=el("a","rule",rule);a.href=D.docs+encodeURIComponent(rule)+".md";a.title=str(D.t[r[1]]);meta.appendChild(a);
 if(r[3]){meta.appendChild(document.createTextNode(" · "));var file=str(r[2]);
  if(D.pre){var la=el("a",null,"line "+r[3]);la.href=D.pre+enc(file)+"#L"+r[3];meta.appendChild(la);}else meta.appendChild(document.createTextNode("line "+r[3]+":"+r[4]));}
 if(r[7]>=0){meta.appendChild(document.createTextNode(" · "));meta.appendChild(el("code",null,str(r[7])));}
 body.appendChild(meta);
 if(r[14]!==undefined&&r[14]>=0)body.appendChild(el("div","fix","Suppressed — "+str(r[14])));
 if(r[8]>=0)body.appendChild(el("div","fix","Fix: "+str(r[8])+(state.tab==="f"&&D.sg[i]?" (suggested lines below)":"")));
 var ex=D.ex[r[2]];
 if(ex&&r[3]){var pre=el("pre","code");pre.setAttribute("role","group");pre.setAttribute("aria-label","code excerpt");
  var e2=r[13]||r[3];for(var n=Math.max(1,r[3]-2);n<=e2+2;n++){if(ex[n]===undefined)continue;pre.appendChild(line(file,n,n>=r[3]&&n<=e2?"hl":"",str(ex[n])));}
  if(pre.childNodes.length)body.appendChild(pre);}
 var sg=state.tab==="f"&&D.sg[i];
 if(sg){var p2=el("pre","code");p2.setAttribute("role","group");p2.setAttribute("aria-label","suggested lines "+sg[0]+" to "+sg[1]);
  sg[2].forEach(function(t,k){p2.appendChild(line(file,sg[0]+k,"add",str(t)));});body.appendChild(p2);}
 f.appendChild(body);return f;}
function group(r){var file=r[2]>=0?str(r[2]):"Live objects / no file";var g=groups[file];
 if(!g){var d=el("details","file");d.open=Object.keys(groups).length<25;var s=el("summary",null,file);d.appendChild(s);out.appendChild(d);g=groups[file]={d:d,s:s,n:0,obj:{}};}
 g.n++;g.s.textContent=file+" ("+g.n+")";
 var o=r[5]>=0?str(r[5]):"";if(!g.obj[o]){var od=el("div","obj",o||"—");g.d.appendChild(od);g.obj[o]=od;}
 return g;}
function more(){var end=Math.min(list.length,shown+CHUNK);
 for(;shown<end;shown++){var i=list[shown],r=D.rows[i];var g=group(r);g.d.appendChild(finding(i));}
 $("more").hidden=shown>=list.length;$("more").textContent="Show more ("+(list.length-shown)+" left)";}
$("more").addEventListener("click",more);
if("IntersectionObserver" in window)new IntersectionObserver(function(es){if(es[0].isIntersecting&&shown<list.length)more();},{rootMargin:"600px"}).observe($("more"));
function on(id,key,ev){$(id).addEventListener(ev||"change",function(e){state[key]=key==="q"?e.target.value.trim().toLowerCase():e.target.value;view();});}
on("f-rule","rule");on("f-ns","ns");on("f-kind","kind");on("f-env","env");on("f-sort","sort");on("f-q","q","input");
SEV.forEach(function(s){var c=$("sev-"+s),card=$("card-"+s);
 c.addEventListener("change",function(){state.sev[s]=c.checked;card.setAttribute("aria-pressed",String(c.checked));view();});
 card.addEventListener("click",function(){c.checked=!c.checked;c.dispatchEvent(new Event("change"));});});
Array.prototype.forEach.call(document.querySelectorAll(".tabs button"),function(b){b.addEventListener("click",function(){
 Array.prototype.forEach.call(document.querySelectorAll(".tabs button"),function(o){o.setAttribute("aria-selected",String(o===b));});
 var t=b.getAttribute("data-tab");$("panel-other").hidden=t!=="o";$("panel-list").hidden=t==="o";if(t!=="o"){state.tab=t;view();}});});
view();
}
var data=document.getElementById("kw-data");
if(data.getAttribute("data-encoding")==="gzip-base64"){
 if(typeof DecompressionStream!=="function"){document.getElementById("count").textContent="This browser cannot unpack the findings (no DecompressionStream): use the JSON or SARIF report.";return;}
 var b=atob(data.textContent.trim()),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);
 new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function(t){main(JSON.parse(t));});
}else main(JSON.parse(data.textContent));
})();`;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** A stacked bar per rule (the most frequent 12), from widths in whole percent (CSS classes w0..w100). */
function chart(report: Report): string {
  const byRule = new Map<string, Record<string, number>>();
  for (const f of report.findings) {
    let c = byRule.get(f.ruleId);
    if (!c) byRule.set(f.ruleId, (c = {}));
    c[f.severity] = (c[f.severity] ?? 0) + 1;
  }
  const rows = [...byRule]
    .map(([id, c]) => ({ id, c, n: Object.values(c).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1));
  const top = rows.slice(0, 12);
  const max = top[0]?.n ?? 1;
  const bars = top
    .map((r) => {
      const segs = SEVERITIES.filter((s) => r.c[s])
        .map(
          (s) =>
            `<span class="b-${s} w${Math.max(1, Math.round(((r.c[s] ?? 0) / max) * 100))}" title="${r.c[s]} ${s}"></span>`,
        )
        .join('');
      return `<div class="name">${h(r.id)}</div><div class="bar" role="img" aria-label="${h(r.id)}: ${r.n} findings">${segs}</div><div>${r.n}</div>`;
    })
    .join('');
  const legend = SEVERITIES.map((s) => `<span><i class="b-${s}"></i>${s}</span>`).join('');
  const more =
    rows.length > top.length ? `<p class="muted">${rows.length - top.length} more rules not charted.</p>` : '';
  return `<div class="legend" aria-hidden="true">${legend}</div><div class="chart">${bars}</div>${more}`;
}

const WIDTHS = Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('');

export function formatHtml(report: Report, opts: HtmlOptions = {}): string {
  const ok = passed(report);
  const data = encode(report, opts);
  const css = CSS + WIDTHS;
  const csp =
    `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(SCRIPT)}'; ` +
    `img-src data:; base-uri 'none'; form-action 'none'`;
  const cards = SEVERITIES.map(
    (s) =>
      `<button type="button" class="card c-${s}" id="card-${s}" aria-pressed="true" title="show or hide ${s} findings"><span class="n">${report.counts[s]}</span> ${s}</button>`,
  ).join('');
  const sevBoxes = SEVERITIES.map((s) => `<label><input type="checkbox" id="sev-${s}" checked> ${s}</label>`).join('');
  const verdict = report.errors.length
    ? `Incomplete: ${plural(report.errors.length, 'input error')}`
    : report.notVerified.length
      ? `Incomplete: ${plural(report.notVerified.length, 'check')} not verified`
      : failOnOf(report) === 'none'
        ? 'Passed: fail-on none never fails'
        : ok
          ? `Passed: nothing at or above ${h(String(report.failOn))}`
          : `Failed: findings at or above ${h(String(report.failOn))}`;
  const list = (title: string, items: string[]) =>
    items.length
      ? `<h2>${h(title)} (${items.length})</h2><ul class="plain">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
      : '';
  const hidden = hiddenText(report.hidden);
  const others =
    list(
      'Input errors',
      report.errors.map(
        (e) => `${h([e.file, e.line].filter((x) => x !== undefined && x !== '').join(':'))}: ${h(e.message)}`,
      ),
    ) +
    list(
      'Not verified',
      report.notVerified.map((n) => `${h(n.check)}: ${h(n.reason)}`),
    ) +
    list(
      'Skipped documents',
      report.skipped.slice(0, 2000).map((s) => `${h(s.file)}:${s.line}: ${h(s.reason)}`),
    ) +
    (report.skipped.length > 2000
      ? `<p class="muted">${report.skipped.length - 2000} more skipped documents.</p>`
      : '');
  const ruleCount = new Set(report.findings.map((f) => f.ruleId)).size;
  const otherCount = report.errors.length + report.notVerified.length + report.skipped.length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>kubeward report: ${h(verdict)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>kubeward report</h1>
<p class="verdict ${ok ? 'ok' : 'fail'}">${verdict}</p>
<p class="muted">kubeward ${h(report.tool.version)} · ${h(plural(report.filesScanned, 'file'))} · ${h(plural(report.objectsScanned, 'object'))} · ${h(plural(report.findings.length, 'finding'))} · ${report.suppressed.length} suppressed${hidden ? ` · ${h(hidden)}` : ''} · ${report.durationMs} ms</p>
</header>
<main>
<h2 id="by-severity">By severity</h2>
<div class="cards" role="group" aria-labelledby="by-severity">${cards}</div>
${report.findings.length ? `<h2>By rule (${ruleCount} ${ruleCount === 1 ? 'rule' : 'rules'})</h2>${chart(report)}` : ''}
<div class="tabs" role="tablist" aria-label="Report sections">
<button type="button" role="tab" aria-selected="true" data-tab="f" aria-controls="panel-list">Findings (${report.findings.length})</button>
<button type="button" role="tab" aria-selected="false" data-tab="x" aria-controls="panel-list">Suppressed (${report.suppressed.length})</button>
<button type="button" role="tab" aria-selected="false" data-tab="o" aria-controls="panel-other">Errors and skipped (${otherCount})</button>
</div>
<section id="panel-list" role="tabpanel" aria-label="Findings">
<div class="filters">
<fieldset class="sevs"><legend>Severity</legend>${sevBoxes}</fieldset>
<label>Rule<select id="f-rule"><option value="">all rules</option></select></label>
<label>Namespace<select id="f-ns"><option value="">all namespaces</option></select></label>
<label>Kind<select id="f-kind"><option value="">all kinds</option></select></label>
<label>Environment / cluster<select id="f-env"><option value="">all</option></select></label>
<label>Sort<select id="f-sort"><option value="sev">severity</option><option value="file">file and line</option><option value="rule">rule</option></select></label>
<label>Search<input type="search" id="f-q" placeholder="message, rule, file, object…"></label>
</div>
<p class="count" id="count" aria-live="polite"></p>
<noscript><p>The findings list needs JavaScript; the JSON and SARIF reports hold every finding.</p></noscript>
<div id="findings"></div>
<button type="button" class="more" id="more" hidden>Show more</button>
${data.omitted ? `<p class="muted">Code excerpts were left out for some findings to keep this page small.</p>` : ''}
</section>
<section id="panel-other" role="tabpanel" aria-label="Errors and skipped" hidden>
${others || '<p>No input errors, skipped documents or unverified checks.</p>'}
</section>
</main>
${dataElement(data)}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
