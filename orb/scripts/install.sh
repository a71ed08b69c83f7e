#!/usr/bin/env bash
# Installs the kubeward CLI at KW_VERSION unless that version is already on the PATH.
set -euo pipefail

version="${KW_VERSION:-}"
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
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 22 ]; then
  echo "kubeward needs Node.js 22.19 or newer (24 recommended); this image has $(node --version 2>/dev/null || echo 'no node')" >&2
  exit 2
fi
if ! npm install --global --no-fund --no-audit "kubeward@${version}"; then
  echo "retrying the global install with sudo"
  sudo npm install --global --no-fund --no-audit "kubeward@${version}"
fi
kubeward --version
