#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack`, then install the tarball into an empty project
# and run the installed bin (`kubeward --version`, `kubeward scan --demo`). Fails when the tarball
# carries build output it should not (dist/, the action bundle), a second copy of the examples, or
# when the installed CLI cannot run. Used by .ci/run (stage package).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm pack --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/kubeward-*.tgz)
tar tzf "$tarball" | sed 's|^package/||' | sort >"$work/files"

fail=0
if grep -E '^(dist|orb|test|src|bench)/' "$work/files"; then
  echo "the package carries files it should not (above)" >&2
  fail=1
fi
# one copy of each example: examples/<set>/<file>, nothing like dist/cli/exampleshardened
examples=$(grep -c '^examples/.*\.yaml$' "$work/files" || true)
expected=$(find examples -name '*.yaml' | wc -l)
if [ "$examples" != "$expected" ] || grep -v '^examples/' "$work/files" | grep -i 'example.*\.yaml$'; then
  echo "the package holds $examples example manifests (the repository has $expected), or copies elsewhere" >&2
  fail=1
fi

mkdir "$work/project"
(
  cd "$work/project"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --prefer-offline --silent "$tarball"
  version=$(./node_modules/.bin/kubeward --version)
  [ "$version" = "$(node -p "require('$OLDPWD/package.json').version")" ] ||
    { echo "installed kubeward --version says '$version'" >&2; exit 1; }
  ./node_modules/.bin/kubeward scan --demo >demo.txt 2>&1
  grep -q 'kubeward demo:' demo.txt || { echo "scan --demo printed no demo note" >&2; exit 1; }
  grep -q 'examples/insecure' demo.txt || { echo "scan --demo did not scan the bundled examples" >&2; exit 1; }
) || fail=1
[ "$fail" = 0 ] && echo "package ok: $(wc -l <"$work/files") files, installed bin runs scan --demo"
exit "$fail"
