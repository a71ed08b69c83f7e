/** A hand-built Report for the formatter tests: located, unlocated (live), hostile and suppressed findings. */
import { countBySeverity, fingerprint, type Finding, type Report } from '../../src/core/model.ts';

const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' };

export const HOSTILE =
  'bad | pipe `tick` <script>alert(1)</script> @octocat [click](https://evil.example/x) ![img](http://e/i.png) & "q" \'a\' \u001b[31mred';

export function finding(over: Partial<Finding> & Pick<Finding, 'ruleId'>): Finding {
  const f: Finding = {
    severity: 'high',
    category: 'pod-security',
    title: 'A title',
    message: 'something is wrong',
    path: 'spec.template.spec.containers[0].securityContext',
    fingerprint: fingerprint(over.ruleId, over.object ?? deploy, over.path ?? 'p'),
    object: deploy,
    ...over,
  };
  return f;
}

export function sampleReport(over: Partial<Report> = {}): Report {
  const findings: Finding[] = [
    finding({
      ruleId: 'privileged-container',
      severity: 'critical',
      title: 'Privileged container',
      message: 'container "app" runs privileged',
      path: 'spec.template.spec.containers[0].securityContext.privileged',
      location: { file: 'deploy/web.yaml', line: 17, column: 9, endLine: 17, endColumn: 25 },
      origin: 'manifest',
    }),
    finding({
      ruleId: 'hardcoded-secret-env',
      severity: 'high',
      category: 'secrets',
      title: 'Secret in an environment variable',
      message: 'env var GITHUB_TOKEN holds what looks like a GitHub token',
      secretPreview: 'ghp_…(40 chars)',
      path: 'spec.template.spec.containers[0].env[0].value',
      location: { file: 'deploy\\win path.yaml', line: 3, column: 5 },
    }),
    finding({
      ruleId: 'custom-hostile',
      severity: 'medium',
      category: 'hygiene',
      title: 'Hostile <b>title</b>',
      message: HOSTILE,
      path: 'metadata.annotations["a|b"]',
      object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x|y' },
      location: { file: 'deploy/odd|name <x>.yaml', line: 2, column: 1 },
    }),
    finding({
      ruleId: 'privileged-container',
      severity: 'critical',
      title: 'Privileged container',
      message: 'container "live" runs privileged (live object)',
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: 'live-pod', cluster: 'prod-eu' },
      origin: 'live',
    }),
    finding({
      ruleId: 'latest-tag',
      severity: 'low',
      category: 'images',
      title: 'Image uses latest',
      message: 'image nginx:latest',
      location: { file: 'deploy/web.yaml', line: 20, column: 16 },
    }),
  ];
  const suppressed: Finding[] = [
    finding({
      ruleId: 'host-network',
      severity: 'high',
      title: 'Host network',
      message: 'pod uses the host network',
      location: { file: 'deploy/agent.yaml', line: 9, column: 7 },
      object: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'ops', name: 'agent' },
      suppression: { kind: 'annotation', reason: 'node agent needs it', expires: '2027-01-01' },
    }),
    finding({
      ruleId: 'latest-tag',
      severity: 'low',
      title: 'Image uses latest',
      message: 'image busybox',
      location: { file: 'deploy/agent.yaml', line: 12, column: 9 },
      suppression: { kind: 'config', reason: 'exempted in .kubeward.yaml' },
    }),
  ];
  return {
    tool: { name: 'kubeward', version: '0.1.0' },
    findings,
    suppressed,
    counts: countBySeverity(findings),
    filesScanned: 4,
    objectsScanned: 6,
    skipped: [{ file: 'deploy/kustomization.yaml', line: 1, reason: 'not a Kubernetes object (no apiVersion/kind)' }],
    errors: [{ file: 'deploy/broken.yaml', line: 4, column: 2, message: 'cannot read: EACCES' }],
    notVerified: [{ check: 'rbac-live', reason: 'forbidden: cannot list clusterroles' }],
    failOn: 'high',
    durationMs: 42,
    ...over,
  };
}

export function emptyReport(over: Partial<Report> = {}): Report {
  return sampleReport({
    findings: [],
    suppressed: [],
    counts: countBySeverity([]),
    skipped: [],
    errors: [],
    notVerified: [],
    filesScanned: 0,
    objectsScanned: 0,
    ...over,
  });
}

/**
 * A small well-formedness check for XML: balanced tags, quoted attributes, known entities,
 * no raw '<' or '&' in text. Returns the list of problems (empty when well formed).
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let last = 0;
  let roots = 0;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const between = body.slice(last, m.index);
    if (stack.length === 0 && between.trim()) problems.push(`text outside the root: ${between.trim().slice(0, 30)}`);
    last = token.lastIndex;
    if (m[0] === '<') {
      problems.push(`raw '<' or malformed tag at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
      continue;
    }
    if (m[0] === '&') {
      problems.push(`unescaped '&' at ${m.index}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) problems.push('control character XML 1.0 forbids');
  return problems;
}
