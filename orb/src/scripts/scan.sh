#!/usr/bin/env bash
# Scans manifests and writes JUnit, SARIF, JSON, Markdown and HTML reports into KW_OUTPUT_DIR.
# Exits as kubeward does: 0 below the threshold, 1 findings at or above KW_FAIL_ON, 2 input errors.
set -uo pipefail

out="${KW_OUTPUT_DIR:-kubeward-results}"
mkdir -p "$out/junit"

# every line and every space-separated word of the parameter (a multi-line YAML value included);
# read -d '' consumes the whole value, and words are never glob-expanded by the shell
paths=()
read -r -d '' -a paths < <(printf '%s' "${KW_PATHS:-.}") || true
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

args=(scan "${paths[@]}" --fail-on "${KW_FAIL_ON:-high}")
if [ -n "${KW_CONFIG:-}" ]; then args+=(--config "$KW_CONFIG"); fi
if [ -n "${KW_PROFILE:-}" ]; then args+=(--profile "$KW_PROFILE"); fi
if [ -n "${KW_BASELINE:-}" ]; then args+=(--baseline "$KW_BASELINE"); fi
# each --format pairs with the --output at the same position; the last (text) goes to the log
args+=(--format junit --output "$out/junit/kubeward.xml")
args+=(--format sarif --output "$out/kubeward.sarif")
args+=(--format json --output "$out/kubeward.json")
args+=(--format markdown --output "$out/kubeward.md")
args+=(--format html --output "$out/kubeward.html")
args+=(--format text)

status=0
kubeward "${args[@]}" || status=$?

case "$status" in
  0) echo "kubeward: no findings at or above ${KW_FAIL_ON:-high}; reports in $out/" ;;
  1) echo "kubeward: findings at or above ${KW_FAIL_ON:-high}: failing the step; reports in $out/ (Tests tab and artifacts)" ;;
  *) echo "kubeward: the scan could not complete (exit $status); see the messages above" >&2 ;;
esac
exit "$status"
