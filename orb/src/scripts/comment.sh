#!/usr/bin/env bash
# Posts the sticky kubeward comment on the GitHub PR of this build (found by `kubeward comment`
# from CIRCLE_PULL_REQUEST, CIRCLE_PR_NUMBER or the commit's pulls). Without a token: a notice.
set -uo pipefail

out="${KW_OUTPUT_DIR:-kubeward-results}"
var="${KW_TOKEN_ENV_VAR:-GITHUB_TOKEN}"
if [ -z "${!var:-}" ]; then
  echo "kubeward: \$$var is not set: skipping the pull request comment (add a GitHub token with pull-requests write access to a context)"
  exit 0
fi
if [ ! -f "$out/kubeward.json" ]; then
  echo "kubeward: $out/kubeward.json not found: run the scan or verify command first" >&2
  exit 2
fi

status=0
KUBEWARD_GITHUB_TOKEN="${!var}" GITHUB_API_URL="${KW_GITHUB_API_URL:-https://api.github.com}" \
  kubeward comment --report "$out/kubeward.json" || status=$?
exit "$status"
