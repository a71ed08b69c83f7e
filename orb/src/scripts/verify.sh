#!/usr/bin/env bash
# Verifies the live cluster; the kubeconfig comes from the variable named by KW_KUBECONFIG_ENV_VAR
# (raw or base64), else KUBECONFIG / ~/.kube/config. The kubeconfig is never printed.
set -uo pipefail

out="${KW_OUTPUT_DIR:-kubeward-results}"
mkdir -p "$out/junit"

args=(verify --fail-on "${KW_FAIL_ON:-high}" --timeout "${KW_TIMEOUT:-5m}")

var="${KW_KUBECONFIG_ENV_VAR:-}"
if [ -n "$var" ] && [ -n "${!var:-}" ]; then
  kubeconfig="$(mktemp)"
  chmod 600 "$kubeconfig"
  trap 'rm -f "$kubeconfig"' EXIT
  content="${!var}"
  if printf '%s' "$content" | grep -qE '^(apiVersion|kind|clusters|contexts|current-context):'; then
    printf '%s\n' "$content" > "$kubeconfig"
  elif ! printf '%s' "$content" | base64 -d > "$kubeconfig" 2>/dev/null; then
    echo "kubeward: \$$var is neither a kubeconfig nor base64 of one" >&2
    exit 2
  fi
  args+=(--kubeconfig "$kubeconfig")
fi

# every line and every space-separated word of each parameter (multi-line YAML values included);
# read -d '' consumes the whole value, and words are never glob-expanded by the shell
contexts=()
read -r -d '' -a contexts < <(printf '%s' "${KW_CONTEXT:-}") || true
for c in "${contexts[@]}"; do args+=(--context "$c"); done
namespaces=()
read -r -d '' -a namespaces < <(printf '%s' "${KW_NAMESPACE:-}") || true
for n in "${namespaces[@]}"; do args+=(--namespace "$n"); done
manifests=()
read -r -d '' -a manifests < <(printf '%s' "${KW_MANIFESTS:-}") || true
for m in "${manifests[@]}"; do args+=(--manifests "$m"); done
policies=()
read -r -d '' -a policies < <(printf '%s' "${KW_POLICIES:-}") || true
for p in "${policies[@]}"; do args+=(--policies "$p"); done

args+=(--format junit --output "$out/junit/kubeward-verify.xml")
args+=(--format sarif --output "$out/kubeward-verify.sarif")
args+=(--format json --output "$out/kubeward.json")
args+=(--format markdown --output "$out/kubeward-verify.md")
args+=(--format html --output "$out/kubeward-verify.html")
args+=(--format text)

status=0
kubeward "${args[@]}" || status=$?
case "$status" in
  0) echo "kubeward: cluster verified; nothing at or above ${KW_FAIL_ON:-high}" ;;
  1) echo "kubeward: findings at or above ${KW_FAIL_ON:-high} on the live cluster: failing the step" ;;
  3) echo "kubeward: the cluster could not be reached or verified (exit 3)" >&2 ;;
  *) echo "kubeward: verification could not start (exit $status)" >&2 ;;
esac
exit "$status"
