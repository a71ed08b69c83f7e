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

# rendered sources: charts and kustomize folders are scanned too; values, environments and
# overlays become flags (one environment or overlay a line)
read -r -d '' -a charts < <(printf '%s' "${KW_HELM_CHARTS:-}") || true
paths+=("${charts[@]}")
read -r -d '' -a values < <(printf '%s' "${KW_VALUES:-}") || true
source_args=()
for v in "${values[@]}"; do source_args+=(--values "$v"); done
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  [ -z "$line" ] && continue
  name="${line%%[:=]*}"
  files="${line#*[:=]}"
  files="$(printf '%s' "$files" | tr -s ' ,' ',' | sed 's/^,//; s/,$//')"
  source_args+=(--environment "$name=$files")
done < <(printf '%s\n' "${KW_ENVIRONMENTS:-}")
while IFS= read -r line; do
  line="$(printf '%s' "$line" | tr -d '[:space:]')"
  [ -z "$line" ] && continue
  case "$line" in
    *=*) source_args+=(--overlay "$line") ;;
    *) paths+=("$line") ;;
  esac
done < <(printf '%s\n' "${KW_KUSTOMIZE:-}")

args=(scan "${paths[@]}" "${source_args[@]}" --fail-on "${KW_FAIL_ON:-high}")

# config_ref base: the configuration as it is at the base commit (the branch cannot change its own
# gate): `git show <base>:<config>`. The base is base_ref, else `git merge-base origin/<base_branch>
# HEAD`. No file at the base means kubeward's defaults, never the branch's own copy.
if [ "${KW_CONFIG_REF:-head}" = base ]; then
  cfg="${KW_CONFIG:-.kubeward.yaml}"
  base="${KW_BASE_REF:-}"
  branch="${KW_BASE_BRANCH:-main}"
  if [ -z "$base" ]; then
    git fetch --quiet origin "$branch" 2>/dev/null || true
    base="$(git merge-base "origin/$branch" HEAD 2>/dev/null || true)"
  fi
  if [ -z "$base" ] || ! git cat-file -e "${base}^{commit}" 2>/dev/null; then
    echo "kubeward: config_ref base: cannot find the base commit ${base:-(origin/$branch is not fetched)}; set base_ref, or fetch the base branch" >&2
    exit 2
  fi
  short="$(git rev-parse --short "$base")"
  # written next to the configuration, so that its relative paths resolve as they would; excluded
  # from the scan and removed on exit
  based="$(dirname "$cfg")/.kubeward-base-config.yaml"
  trap 'rm -f "$based"' EXIT
  if git show "${base}:./${cfg}" > "$based" 2>/dev/null; then
    echo "kubeward: configuration: $cfg at the base commit $short (config_ref: base); the branch's own configuration is not used"
  else
    echo '{}' > "$based"
    echo "kubeward: configuration: none at the base commit $short (config_ref: base): kubeward's defaults apply; the branch's own configuration is not used"
  fi
  args+=(--config "$based" --exclude "**/.kubeward-base-config.yaml")
elif [ -n "${KW_CONFIG:-}" ]; then args+=(--config "$KW_CONFIG"); fi
if [ -n "${KW_PROFILE:-}" ]; then args+=(--profile "$KW_PROFILE"); fi
if [ -n "${KW_BASELINE:-}" ]; then args+=(--baseline "$KW_BASELINE"); fi
# admission policies: every line and word, as paths (never glob-expanded here)
read -r -d '' -a policies < <(printf '%s' "${KW_POLICIES:-}") || true
for p in "${policies[@]}"; do args+=(--policies "$p"); done
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
