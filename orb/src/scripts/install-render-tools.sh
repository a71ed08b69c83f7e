#!/usr/bin/env bash
# Installs helm and kustomize at pinned versions into ~/bin (on the PATH of CircleCI's images),
# verifying each archive against the checksum file published with the release.
set -euo pipefail

helm_version="${KW_HELM_VERSION:-v3.22.0}"
kustomize_version="${KW_KUSTOMIZE_VERSION:-v5.8.3}"
bin="$HOME/bin"
mkdir -p "$bin"
export PATH="$bin:$PATH"
os=linux
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *)
    echo "install-render-tools: unsupported architecture $(uname -m)" >&2
    exit 2
    ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if helm version --template '{{.Version}}' 2>/dev/null | grep -qx "$helm_version"; then
  echo "helm $helm_version already installed"
else
  archive="helm-$helm_version-$os-$arch.tar.gz"
  curl -fsSL -o "$tmp/$archive" "https://get.helm.sh/$archive"
  curl -fsSL -o "$tmp/$archive.sha256sum" "https://get.helm.sh/$archive.sha256sum"
  (cd "$tmp" && sha256sum -c "$archive.sha256sum")
  tar -xzf "$tmp/$archive" -C "$tmp"
  install -m 0755 "$tmp/$os-$arch/helm" "$bin/helm"
fi

if kustomize version 2>/dev/null | grep -q "${kustomize_version}"; then
  echo "kustomize $kustomize_version already installed"
else
  archive="kustomize_${kustomize_version}_${os}_${arch}.tar.gz"
  base="https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2F$kustomize_version"
  curl -fsSL -o "$tmp/$archive" "$base/$archive"
  curl -fsSL -o "$tmp/checksums.txt" "$base/checksums.txt"
  (cd "$tmp" && grep " $archive\$" checksums.txt | sha256sum -c -)
  tar -xzf "$tmp/$archive" -C "$tmp"
  install -m 0755 "$tmp/kustomize" "$bin/kustomize"
fi
helm version --short
kustomize version
