#!/usr/bin/env bash
# Builds the real components kubeward's tests run against, from their Go modules, into a cache
# outside the repo (reused when present):
#   kube-apiserver, kube-controller-manager, kube-scheduler (k8s.io/kubernetes), etcd, kwok, helm,
#   kustomize.
# Usage: scripts/cluster/build.sh [component ...]   (default: all)
# Prints the cache's bin folder on the last line of stdout. Build logs go to stderr.
# Env: KUBEWARD_CACHE (default ~/.cache/kubeward), K8S_VERSION, ETCD_VERSION, KWOK_VERSION,
#      HELM_VERSION, KUSTOMIZE_VERSION.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-v1.37.2}
ETCD_VERSION=${ETCD_VERSION:-v3.6.17}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
HELM_VERSION=${HELM_VERSION:-v3.22.0}
# kustomize v5.8.3 needs Go >= 1.27 (its go.mod); v5.8.2 is the newest that builds with Go 1.26
KUSTOMIZE_VERSION=${KUSTOMIZE_VERSION:-v5.8.2}
CACHE=${KUBEWARD_CACHE:-$HOME/.cache/kubeward}
BIN="$CACHE/bin"
mkdir -p "$BIN" "$CACHE/src"

if ! command -v go >/dev/null 2>&1; then
  echo "build.sh: Go is not on PATH; the real components cannot be built here" >&2
  exit 3
fi
export GOMODCACHE=${GOMODCACHE_KUBEWARD:-$CACHE/go/mod}
export GOCACHE=${GOCACHE_KUBEWARD:-$CACHE/go/build}
export GOFLAGS=-mod=mod
export CGO_ENABLED=0
export GOTOOLCHAIN=local

log() { echo "[build] $*" >&2; }
now() { date +%s; }

# stamp NAME VERSION -> the path of the marker that says NAME was built at VERSION
stamp() { echo "$BIN/.$1-$2"; }
have() { [ -x "$BIN/$1" ] && [ -f "$(stamp "$1" "$2")" ]; }

# workdir NAME: a module of our own to build a dependency's commands from (go install refuses
# modules with replace directives; a module of ours may require them and add its own replaces).
workdir() {
  local d="$CACHE/src/$1"
  mkdir -p "$d"
  echo "$d"
}

build_cmds() { # dir out-name package [ldflags]
  local dir=$1 name=$2 pkg=$3 ldflags=${4:-}
  local t0
  t0=$(now)
  # explicit checks: callers run this under `||`, where `set -e` does not apply
  if ! (cd "$dir" && go build -trimpath -ldflags "-s -w $ldflags" -o "$BIN/$name.tmp" "$pkg") >&2; then
    rm -f "$BIN/$name.tmp"
    log "$name: FAILED after $(($(now) - t0)) s (the go error is above)"
    return 1
  fi
  mv "$BIN/$name.tmp" "$BIN/$name" || return 1
  log "$name: built in $(($(now) - t0)) s, $(du -h "$BIN/$name" | cut -f1)"
}

build_kubernetes() {
  local comps=("$@") need=() c
  for c in "${comps[@]}"; do have "$c" "$K8S_VERSION" || need+=("$c"); done
  if ((${#need[@]} == 0)); then log "kubernetes $K8S_VERSION: cached"; return; fi
  local d minor patch
  d=$(workdir "k8s-$K8S_VERSION")
  minor=$(echo "$K8S_VERSION" | cut -d. -f2)
  patch=$(echo "$K8S_VERSION" | cut -d. -f3)
  if [ ! -f "$d/go.mod.done" ]; then
    local t0 gomod
    t0=$(now)
    gomod=$(cd "$d" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    if [ -z "$gomod" ] || [ ! -f "$gomod" ]; then
      log "kubernetes $K8S_VERSION: cannot download k8s.io/kubernetes@$K8S_VERSION"
      return 1
    fi
    {
      echo "module kubeward.local/k8sbuild"
      echo
      echo "go 1.26"
      echo
      echo "require k8s.io/kubernetes $K8S_VERSION"
      echo
      echo "replace ("
      # every staging module k8s.io/kubernetes replaces with ./staging/... -> its published v0.<minor>.<patch>
      sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod" | while read -r m; do
        echo "	$m => $m v0.$minor.$patch"
      done
      echo ")"
    } >"$d/go.mod"
    log "kubernetes $K8S_VERSION: go.mod with $(grep -c '=>' "$d/go.mod") staging replaces ($(($(now) - t0)) s)"
    touch "$d/go.mod.done"
  fi
  local ver="-X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  local rc=0
  for c in "${need[@]}"; do
    if build_cmds "$d" "$c" "k8s.io/kubernetes/cmd/$c" "$ver"; then
      touch "$(stamp "$c" "$K8S_VERSION")"
    else
      failed+=("$c")
      rc=1
    fi
  done
  return "$rc"
}

build_simple() { # name module version package
  local name=$1 mod=$2 ver=$3 pkg=$4
  if have "$name" "$ver"; then log "$name $ver: cached"; return; fi
  local d
  d=$(workdir "$name-$ver")
  printf 'module kubeward.local/%sbuild\n\ngo 1.26\n\nrequire %s %s\n' "$name" "$mod" "$ver" >"$d/go.mod"
  build_cmds "$d" "$name" "$pkg" "${5:-}" || return 1
  touch "$(stamp "$name" "$ver")"
}

all=(kube-apiserver kube-controller-manager kube-scheduler etcd kwok helm kustomize)
want=("$@")
((${#want[@]})) || want=("${all[@]}")
start=$(now)
k8s=()
failed=()
# a component that fails to build is reported and the others are still built
for w in "${want[@]}"; do
  case "$w" in
    kube-apiserver | kube-controller-manager | kube-scheduler) k8s+=("$w") ;;
    etcd) build_simple etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" go.etcd.io/etcd/server/v3 || failed+=(etcd) ;;
    kwok) build_simple kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok \
      "-X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" || failed+=(kwok) ;;
    helm) build_simple helm helm.sh/helm/v3 "$HELM_VERSION" helm.sh/helm/v3/cmd/helm \
      "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" || failed+=(helm) ;;
    kustomize) build_simple kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION" \
      sigs.k8s.io/kustomize/kustomize/v5 || failed+=(kustomize) ;;
    *) echo "build.sh: unknown component $w (known: ${all[*]})" >&2; exit 2 ;;
  esac
done
if ((${#k8s[@]})); then
  # build_kubernetes adds the commands it could not build to failed[]; anything else that stops it
  # (the go.mod step) fails them all
  build_kubernetes "${k8s[@]}" || { ((${#failed[@]})) || failed+=("${k8s[@]}"); }
fi
log "done in $(($(now) - start)) s; versions: kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION, helm $HELM_VERSION, kustomize $KUSTOMIZE_VERSION"
if ((${#failed[@]})); then
  log "FAILED to build: ${failed[*]} (errors above)"
  exit 1
fi
echo "$BIN"
