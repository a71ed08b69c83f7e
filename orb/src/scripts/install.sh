#!/usr/bin/env bash
# Installs the kubeward CLI and proves it is this project's, at the expected version:
# - KW_TARBALL (a URL or path of an `npm pack` tarball, e.g. a GitHub release asset) with
#   KW_SHA256: downloaded, checked against the SHA-256, its package.json must name kubeward from
#   github.com/kubeward/kubeward; then installed from the file.
# - otherwise KW_VERSION from the npm registry, only when the registry's kubeward@KW_VERSION says
#   its repository is github.com/kubeward/kubeward (an unrelated package of that name is refused).
# After installing, `kubeward --version` must print the expected version.
set -euo pipefail

REPO_URL_RE='github\.com[/:]kubeward/kubeward'
version="${KW_VERSION:-}"
tarball="${KW_TARBALL:-}"
sha="${KW_SHA256:-}"

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 22 ]; then
  echo "kubeward needs Node.js 22.19 or newer (24 recommended); this image has $(node --version 2>/dev/null || echo 'no node')" >&2
  exit 2
fi

npm_global() {
  if ! npm install --global --no-fund --no-audit "$@"; then
    echo "retrying the global install with sudo"
    sudo npm install --global --no-fund --no-audit "$@"
  fi
}

if [ -n "$tarball" ]; then
  if [ -z "$sha" ]; then
    echo "kubeward: tarball needs its sha256 to be verified" >&2
    exit 2
  fi
  dir="$(mktemp -d)"
  file="$dir/kubeward.tgz"
  case "$tarball" in
    http://*) echo "kubeward: the tarball URL must be https" >&2; exit 2 ;;
    https://*) curl -fsSL --retry 3 -o "$file" "$tarball" ;;
    *) cp "$tarball" "$file" ;;
  esac
  got="$(sha256sum "$file" | cut -d' ' -f1)"
  if [ "$got" != "$sha" ]; then
    echo "kubeward: the tarball's sha256 is $got, expected $sha: not installing it" >&2
    exit 2
  fi
  pkg="$(tar -xOzf "$file" package/package.json)"
  name="$(printf '%s' "$pkg" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s);console.log(p.name+" "+p.version+" "+(p.repository&&(p.repository.url||p.repository)||""))})')"
  read -r pname pversion prepo < <(printf "%s\n" "$name")
  if [ "$pname" != kubeward ] || ! printf '%s' "$prepo" | grep -Eq "$REPO_URL_RE"; then
    echo "kubeward: the tarball holds '$pname' from '${prepo:-no repository}', not kubeward from github.com/kubeward/kubeward" >&2
    exit 2
  fi
  if [ -n "$version" ] && [ "$version" != "$pversion" ]; then
    echo "kubeward: the tarball holds version $pversion, expected $version" >&2
    exit 2
  fi
  version="$pversion"
  npm_global "$file"
else
  if [ -z "$version" ]; then
    echo "kubeward: no version given to install" >&2
    exit 2
  fi
  if command -v kubeward >/dev/null 2>&1; then
    have="$(kubeward --version 2>/dev/null || true)"
    if [ "$have" = "$version" ] || [ "$have" = "kubeward $version" ]; then
      echo "kubeward $version is already installed"
      exit 0
    fi
  fi
  repo="$(npm view "kubeward@${version}" repository.url 2>/dev/null || true)"
  if ! printf '%s' "$repo" | grep -Eq "$REPO_URL_RE"; then
    echo "kubeward: the npm registry's kubeward@${version} is not this project (repository: '${repo:-none}'); not installing it. Give the orb's tarball and sha256 parameters (a release asset) instead." >&2
    exit 2
  fi
  npm_global "kubeward@${version}"
fi

have="$(kubeward --version 2>/dev/null || true)"
if [ "$have" != "$version" ] && [ "$have" != "kubeward $version" ]; then
  echo "kubeward: after installing, 'kubeward --version' prints '${have}', expected ${version}" >&2
  exit 2
fi
echo "kubeward $version installed"
