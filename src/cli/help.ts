/** Help texts, one per command. Kept in one place so docs/cli.md can mirror them. */
export const MAIN_HELP = `kubeward: continuous security for Kubernetes delivery

Usage:
  kubeward scan [paths..] [options]   check manifests (files, directories, globs, '-' for stdin)
  kubeward verify [options]           check the live cluster after a deploy
  kubeward rules [--format text|json] list the rule catalog
  kubeward explain RULE|POLICY        a rule's rationale and fix, or a policy's validations
  kubeward fix [paths..] [--dry-run]  write the automatic fixes into the manifests
  kubeward baseline create [paths..]  record today's findings; scan --baseline FILE reports new ones only
  kubeward serve [options]            run the validating admission webhook (HTTPS)
  kubeward monitor [options]          verify the cluster continuously: metrics, alerts, PolicyReports
  kubeward comment --report FILE      post the sticky PR comment from a JSON report (CI outside GitHub Actions)
  kubeward --version                  print the version

Run 'kubeward <command> --help' for a command's options.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration or input errors, 3 verification could not complete.
`;

export const SCAN_HELP = `Usage: kubeward scan [paths..] [options]

Checks Kubernetes manifests (YAML, JSON, multi-document, kind: List). Paths may be files,
directories (recursive), globs (quote them), or '-' for standard input. Helm charts (a folder with
Chart.yaml) are rendered with helm, Kustomize folders built with kustomize (or kubectl kustomize),
and Dockerfiles checked; findings point at the template, values, base or patch line.

Options:
  -f, --format FORMAT     text (default), json, sarif, junit, markdown, html, policyreport,
                          metrics; repeatable
  -o, --output FILE       write the matching --format to FILE (the n-th --output goes with the
                          n-th --format; a --format without --output goes to stdout; an extra
                          --output takes its format from its extension)
      --fail-on SEVERITY  critical|high|medium|low|info|none (default: the config's, else high)
  -c, --config FILE       .kubeward.yaml to use (default: ./.kubeward.yaml if present)
      --profile NAME      config profile to apply (e.g. dev, prod)
      --kube-version V    target Kubernetes version, e.g. 1.34
      --include GLOB      only scan files matching GLOB (repeatable)
      --exclude GLOB      skip files matching GLOB (repeatable)
      --policies PATH     admission policies (ValidatingAdmissionPolicy + bindings, Kyverno
                          ValidatingPolicy, params) that judge the manifests; repeatable
                          (added to the config's policies:)
      --allow-empty       exit 0 (not 2) when no Kubernetes object was found

Sources (also .kubeward.yaml 'sources:'; see docs/sources.md):
      --values FILE       values file for the charts found (after values.yaml; repeatable)
      --set KEY=VALUE     helm --set for the charts found (repeatable)
      --environment NAME=FILE[,FILE..]
                          a named value set: each environment is rendered and scanned as its
                          own set and findings name it (repeatable)
      --release NAME      release name for helm template (default: the chart's name)
      --namespace NS      namespace for helm template
      --include-tests     also scan Helm test hooks (helm.sh/hook: test; skipped by default)
      --overlay NAME=DIR  a Kustomize overlay as an environment (repeatable)
      --image NAME=FILE   the Dockerfile that builds image NAME (Dockerfile/manifest cross-check)
      --no-render         do not render charts or build kustomizations found among the paths
      --file-url-prefix U link file:line in markdown to U<file>#L<line>
      --pushgateway URL   also push the results as Prometheus metrics to a Pushgateway
                          (auth: KUBEWARD_PUSHGATEWAY_TOKEN or _USERNAME/_PASSWORD)
      --pushgateway-job J job label (default kubeward-scan)
      --pushgateway-label K=V  extra grouping label, e.g. instance=repo (repeatable)
      --rule ID           report only this rule's findings (repeatable; comma lists too)
      --skip-rule ID      leave this rule's findings out (repeatable; comma lists too)
      --baseline FILE     hide the findings recorded in FILE ('kubeward baseline create'): only
                          new findings are reported and fail the run
      --min-severity SEV  show only findings at or above SEV (display only: the exit code still
                          counts every finding, and findings that fail the run are always shown)
      --no-color          no ANSI colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)
  -q, --quiet             no notes on stderr; errors are still printed
  -h, --help              show this help

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config or
input errors (unknown flag, missing path, unreadable file, config error, no objects found).
`;

export const RULES_HELP = `Usage: kubeward rules [--format text|json] [-c CONFIG]

Lists the rule catalog: id, default severity, category, whether it is on by default, title.
Custom CEL rules of the configuration (.kubeward.yaml customRules:) are listed with them.
`;

export const EXPLAIN_HELP = `Usage: kubeward explain RULE|POLICY [--policies PATH].. [-c CONFIG]

Shows a rule's rationale, remediation, example and references (custom rules included).
With a policy name, shows that admission policy's matching, conditions, variables, validations
and bindings, each with its file:line (policies from --policies and the config's policies:).
`;
