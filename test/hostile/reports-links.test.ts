/**
 * Hostile text in a manifest (messages, names, file names, input errors, API error notes) must not
 * become a live link, a mention or an issue reference in any markdown kubeward writes: the CLI's
 * `-f markdown`, the job summary, the sticky PR comment and the inline review. Checked by rendering
 * each with a GFM renderer (micromark with the GFM extensions, which autolinks bare URLs, `www.`
 * hosts and e-mail addresses as github.com does) and looking at the links it produced.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { countBySeverity, type Finding, type Report } from '../../src/core/model.ts';
import * as coreReport from '../../src/core/report/index.ts';
import * as prEscape from '../../src/pr/escape.ts';
import { commentBody } from '../../src/pr/review.ts';
import { stickyBody } from '../../src/pr/sticky.ts';
import { summaryMarkdown } from '../../src/github/summary.ts';

const EVIL =
  'see https://evil.example/phish and www.evil.example/login or HTTP://EVIL.example, ' +
  'mail root@evil.example, ping @octocat and @acme/security, fixes #12 and GH-7, ftp://evil.example/x';
const DIGEST = 'nginx@sha256:' + 'ab'.repeat(32);

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'privileged-container',
    severity: 'critical',
    category: 'pod-security',
    title: 'Privileged container',
    message: `container "web" runs privileged; ${EVIL}`,
    path: 'spec.containers[0].securityContext.privileged',
    fingerprint: 'f'.repeat(32),
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'www.evil.example', name: 'https://evil.example/pod' },
    location: { file: 'deploy/www.evil.example.yaml', line: 8, column: 7 },
    ...over,
  };
}

function report(): Report {
  const findings = [
    finding({}),
    finding({
      ruleId: 'image-digest',
      severity: 'low',
      title: 'Image not pinned',
      message: `image "${DIGEST}" is fine, "docker.io/library/nginx:1.27" too`,
      fingerprint: 'e'.repeat(32),
      location: { file: 'deploy/web.yaml', line: 3, column: 1 },
    }),
    finding({
      ruleId: 'net-raw-capability',
      severity: 'medium',
      title: 'Container does not drop NET_RAW',
      message: 'container "web" does not drop NET_RAW',
      fingerprint: 'd'.repeat(32),
      location: { file: 'deploy/web.yaml', line: 5, column: 1 },
    }),
  ];
  return {
    tool: { name: 'kubeward', version: '0.0.0-test' },
    findings,
    suppressed: [
      finding({ fingerprint: 'c'.repeat(32), suppression: { kind: 'annotation', reason: `because ${EVIL}` } }),
    ],
    counts: countBySeverity(findings),
    filesScanned: 2,
    objectsScanned: 2,
    skipped: [],
    errors: [{ file: 'deploy/https://evil.example.yaml', line: 2, message: `cannot parse: ${EVIL}` }],
    notVerified: [],
    failOn: 'high',
    durationMs: 1,
  };
}

const HEAD = 'c0ffee0000000000000000000000000000000000';
const ALLOWED = [
  `https://github.com/acme/deploy/blob/${HEAD}/`,
  'https://github.com/acme/deploy/blob/abc/',
  'https://github.com/acme/deploy/actions/runs/1',
  'https://github.com/kubeward/kubeward/blob/main/docs/rules/',
  // references from the rule catalog (kubeward's own text, not the manifest's)
  'https://kubernetes.io/',
];

function render(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/** The visible text of the rendered HTML outside code (GitHub links nothing inside code), decoded. */
function text(html: string): string {
  return html
    .replace(/<(code|pre)>[\s\S]*?<\/\1>/g, ' [code] ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const outputs: [string, () => string][] = [
  [
    'CLI -f markdown',
    () => coreReport.formatReport(report(), 'markdown', { fileUrlPrefix: 'https://github.com/acme/deploy/blob/abc/' }),
  ],
  [
    'job summary',
    () =>
      summaryMarkdown(
        report(),
        {
          owner: 'acme',
          repo: 'deploy',
          sha: 'abc',
          serverUrl: 'https://github.com',
          apiUrl: '',
          workspace: '/tmp',
          eventName: 'push',
        },
        [`GitHub said: ${EVIL}`],
      ),
  ],
  [
    'sticky comment',
    () =>
      stickyBody({
        report: report(),
        owner: 'acme',
        repo: 'deploy',
        pullNumber: 1,
        headSha: HEAD,
        runUrl: 'https://github.com/acme/deploy/actions/runs/1',
        notes: [`GitHub said: ${EVIL}`],
      }),
  ],
  ['review comment', () => commentBody(report().findings[0])],
];

describe.each(outputs)('%s', (_name, make) => {
  const html = render(make());
  const visible = text(html);

  test('no link from the manifest: every link is one kubeward made', () => {
    const bad = hrefs(html).filter((h) => !ALLOWED.some((a) => h.startsWith(a)));
    expect(bad).toEqual([]);
    // a link to the repository's own file may carry a hostile file name, never a hostile host
    for (const h of hrefs(html)) expect(new URL(h).host).toMatch(/^(github\.com|kubernetes\.io)$/);
  });

  test('no @mention, e-mail link or issue reference survives in the text', () => {
    // GitHub links '@name' not preceded by a word character, and '#123' / 'GH-123'
    expect(visible).not.toMatch(/(^|[^A-Za-z0-9_`])@[A-Za-z0-9]/);
    expect(visible).not.toMatch(/#\d/);
    expect(visible).not.toMatch(/\bGH-\d/);
    expect(visible).not.toMatch(/[a-z]@evil\.example/);
    // the text is still there to read
    expect(visible).toContain('evil.example');
  });
});

test('image references are not broken by zero-width characters, and <summary> shows no backslashes', () => {
  for (const [, make] of outputs.slice(0, 3)) {
    const visible = text(render(make()));
    expect(visible).toContain(DIGEST);
    expect(visible).not.toContain('NET\\_RAW');
  }
  expect(text(render(coreReport.formatReport(report(), 'markdown')))).toContain('docker.io/library/nginx:1.27');
});

test('one escaper: the PR publishers use the core escaper', () => {
  expect(prEscape.escapeMarkdown).toBe(coreReport.escapeMarkdown);
});
