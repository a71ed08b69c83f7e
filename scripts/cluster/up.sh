#!/usr/bin/env bash
# Starts a real Kubernetes control plane on loopback for kubeward's tests (and for trying
# `kubeward verify` by hand): etcd, kube-apiserver (TLS with a CA made here, client-certificate and
# static-token users, RBAC, PodSecurity and the admission-policy/webhook plugins, service-account
# token issuing), kube-controller-manager, kube-scheduler and kwok playing the kubelets of two
# nodes. Every port is picked free at start, so several clusters can run at once.
#
# Usage: scripts/cluster/up.sh [--name NAME] [--dir DIR] [--control-plane-only] [--nodes N]
#                              [--watch-pid PID]
#   --name NAME            cluster, context and user-name prefix (default: kubeward)
#   --dir DIR              state folder (default: $TMPDIR/kubeward-cluster-NAME); must not exist
#   --control-plane-only   etcd, apiserver and controller-manager only: no scheduler, no kwok
#   --nodes N              kwok nodes (default 2)
#   --watch-pid PID        tear the cluster down (down.sh) when process PID exits
# Prints the state folder on the last line of stdout. It holds:
#   kubeconfig       admin (client certificate, group system:masters), context NAME
#   cluster.env      shell variables: KUBECONFIG, SERVER, CA, ADMIN_TOKEN, VIEWER_TOKEN, ...
#   cluster.json     the same for programs (test/support/real-cluster.ts reads it)
#   pki/, logs/, pids/, etcd/
# Stop it with scripts/cluster/down.sh DIR. Needs the binaries of scripts/cluster/build.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
NAME=kubeward
DIR=
FULL=1
NODES=2
WATCH_PID=
while (($#)); do
  case "$1" in
    --name) NAME=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --control-plane-only) FULL=0; shift ;;
    --nodes) NODES=$2; shift 2 ;;
    --watch-pid) WATCH_PID=$2; shift 2 ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "up.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ $NAME =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$ ]] || { echo "up.sh: --name must be a DNS label" >&2; exit 2; }
DIR=${DIR:-${TMPDIR:-/tmp}/kubeward-cluster-$NAME}
CACHE=${KUBEWARD_CACHE:-$HOME/.cache/kubeward}
BIN=${KUBEWARD_BIN:-$CACHE/bin}

need=(etcd kube-apiserver kube-controller-manager)
((FULL)) && need+=(kube-scheduler kwok)
for b in "${need[@]}"; do
  if [ ! -x "$BIN/$b" ]; then
    echo "up.sh: $BIN/$b is missing: run scripts/cluster/build.sh ${need[*]}" >&2
    exit 3
  fi
done
for t in openssl curl; do
  command -v "$t" >/dev/null || { echo "up.sh: $t is required" >&2; exit 3; }
done
if [ -e "$DIR" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
  echo "up.sh: $DIR exists and is not empty (a cluster running there? scripts/cluster/down.sh $DIR)" >&2
  exit 2
fi
mkdir -p "$DIR"/{pki,logs,pids,etcd}
DIR=$(cd "$DIR" && pwd)
PKI=$DIR/pki

log() { echo "[up $NAME] $*" >&2; }
t0=$(date +%s)

fail() {
  log "FAILED: $*"
  for f in "$DIR"/logs/*.log; do
    [ "$(basename "$f")" = openssl.log ] && continue
    [ -f "$f" ] || continue
    echo "--- last lines of $(basename "$f")" >&2
    tail -n 25 "$f" >&2
  done
  "$HERE/down.sh" --keep "$DIR" >&2 || true
  exit 1
}
trap 'fail "interrupted"' INT TERM

# ---- certificates ----------------------------------------------------------------------------
umask 077
ossl() { openssl "$@" 2>>"$DIR/logs/openssl.log" >/dev/null; }
ossl req -x509 -newkey rsa:2048 -nodes -days 3 -keyout "$PKI/ca.key" -out "$PKI/ca.crt" \
  -subj "/CN=kubeward-test-ca-$NAME" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"

# cert NAME SUBJECT EXT: a key and a certificate signed by the CA
cert() {
  local n=$1 subj=$2 ext=$3
  ossl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$n.key" -out "$PKI/$n.csr" -subj "$subj"
  printf '%s\n' "$ext" >"$PKI/$n.ext"
  ossl x509 -req -in "$PKI/$n.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 3 -out "$PKI/$n.crt" -extfile "$PKI/$n.ext"
  rm -f "$PKI/$n.csr" "$PKI/$n.ext"
}
CLIENT_EXT="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
cert apiserver "/CN=kube-apiserver" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
cert admin "/O=system:masters/CN=$NAME-admin" "$CLIENT_EXT"
cert controller-manager "/CN=system:kube-controller-manager" "$CLIENT_EXT"
cert scheduler "/CN=system:kube-scheduler" "$CLIENT_EXT"
cert kwok "/O=system:masters/CN=kwok" "$CLIENT_EXT"
# a user with no permissions until a test binds some (group kubeward:testers)
cert developer "/O=kubeward:testers/CN=developer" "$CLIENT_EXT"
ossl genrsa -out "$PKI/sa.key" 2048
ossl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub"
ADMIN_TOKEN=$(openssl rand -hex 24)
VIEWER_TOKEN=$(openssl rand -hex 24)
{
  echo "$ADMIN_TOKEN,$NAME-token-admin,uid-token-admin,\"system:masters\""
  echo "$VIEWER_TOKEN,viewer,uid-viewer,\"kubeward:viewers\""
} >"$PKI/tokens.csv"
umask 022

# ---- ports: picked and bound under a lock, so clusters starting together never share one -----
LOCK=${TMPDIR:-/tmp}/kubeward-cluster-ports.lock
exec 9>"$LOCK"
flock 9
taken=" "
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    [[ $taken == *" $p "* ]] && continue
    if [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then
      taken+="$p "
      echo "$p"
      return
    fi
  done
  fail "no free port found"
}
ETCD_PORT=$(free_port)
ETCD_PEER_PORT=$(free_port)
API_PORT=$(free_port)
SERVER=https://127.0.0.1:$API_PORT

# start NAME CMD...: in its own session (down.sh stops the whole group), logs in logs/NAME.log
start() {
  local n=$1
  shift
  setsid "$@" >"$DIR/logs/$n.log" 2>&1 </dev/null &
  echo $! >"$DIR/pids/$n.pid"
}
alive() { kill -0 "$(cat "$DIR/pids/$1.pid")" 2>/dev/null; }
# wait_for WHAT SECONDS COMPONENT CMD...: polls CMD until it succeeds
wait_for() {
  local what=$1 secs=$2 comp=$3 i
  shift 3
  for ((i = 0; i < secs * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    alive "$comp" || fail "$comp exited while waiting for $what"
    sleep 0.2
  done
  fail "timed out after ${secs}s waiting for $what"
}

start etcd "$BIN/etcd" --name "$NAME" --data-dir "$DIR/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "$NAME=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync --quota-backend-bytes 4294967296 --log-level warn
wait_for "etcd" 30 etcd curl -sf "http://127.0.0.1:$ETCD_PORT/health"

# PodDisruptionBudgets are served without the watch cache: watches on them go to etcd, so a test
# that compacts etcd gets a real `410 Gone` for an old resourceVersion (test/real/inventory.test.ts)
# MutatingAdmissionPolicy: on by default once GA; otherwise its feature gate and beta API
API_EXTRA=()
MAP_GATE=$("$BIN/kube-apiserver" --help 2>/dev/null | grep -o 'MutatingAdmissionPolicy=true|false ([A-Z]*[A-Z - ]*' | head -1 || true)
if [ -n "$MAP_GATE" ]; then
  API_EXTRA+=(--feature-gates=MutatingAdmissionPolicy=true)
  case "$MAP_GATE" in
    *ALPHA*) API_EXTRA+=(--runtime-config=admissionregistration.k8s.io/v1alpha1=true) ;;
    *) API_EXTRA+=(--runtime-config=admissionregistration.k8s.io/v1beta1=true) ;;
  esac
  ADMISSION_MAP=,MutatingAdmissionPolicy
elif "$BIN/kube-apiserver" --help 2>/dev/null | grep -q 'MutatingAdmissionPolicy'; then
  ADMISSION_MAP=,MutatingAdmissionPolicy
else
  ADMISSION_MAP=
fi
start kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
  --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
  --client-ca-file "$PKI/ca.crt" --token-auth-file "$PKI/tokens.csv" \
  --authorization-mode RBAC --anonymous-auth=false \
  --enable-admission-plugins "NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultTolerationSeconds,PodSecurity,Priority,ResourceQuota,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy$ADMISSION_MAP" \
  --service-account-issuer "https://kubernetes.default.svc.cluster.local" \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --api-audiences "https://kubernetes.default.svc.cluster.local" \
  --service-cluster-ip-range 10.96.0.0/16 --endpoint-reconciler-type none \
  --allow-privileged=true --profiling=false --event-ttl 1h \
  --watch-cache-sizes poddisruptionbudgets.policy#0 \
  "${API_EXTRA[@]}"
# readiness: an authenticated /readyz (anonymous requests are refused)
wait_for "kube-apiserver /readyz" 120 kube-apiserver curl -sf --cacert "$PKI/ca.crt" \
  --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$SERVER/readyz"
flock -u 9
exec 9>&-

# ---- kubeconfigs -----------------------------------------------------------------------------
kubeconfig() { # FILE USER CERT KEY
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $NAME
  cluster:
    server: $SERVER
    certificate-authority: $PKI/ca.crt
users:
- name: $2
  user:
    client-certificate: $PKI/$3.crt
    client-key: $PKI/$3.key
contexts:
- name: $NAME
  context:
    cluster: $NAME
    user: $2
    namespace: default
current-context: $NAME
EOF
}
kubeconfig "$DIR/kubeconfig" "$NAME-admin" admin
kubeconfig "$DIR/controller-manager.kubeconfig" system:kube-controller-manager controller-manager
kubeconfig "$DIR/scheduler.kubeconfig" system:kube-scheduler scheduler
kubeconfig "$DIR/kwok.kubeconfig" kwok kwok

api() { # METHOD PATH [BODY]
  curl -sS -f --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$SERVER$2"
}

start kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig "$DIR/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$DIR/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$DIR/controller-manager.kubeconfig" \
  --secure-port 0 --leader-elect=false --use-service-account-credentials=true \
  --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
  --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
  --controllers '*' --profiling=false

if ((FULL)); then
  start kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig "$DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig "$DIR/scheduler.kubeconfig" \
    --secure-port 0 --leader-elect=false --profiling=false
  start kwok "$BIN/kwok" --kubeconfig "$DIR/kwok.kubeconfig" --config "$HERE/kwok-stages.yaml"
  for ((i = 0; i < NODES; i++)); do
    api POST /api/v1/nodes "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"kwok-node-$i\",
      \"annotations\":{\"kwok.x-k8s.io/node\":\"fake\",\"node.alpha.kubernetes.io/ttl\":\"0\"},
      \"labels\":{\"kubernetes.io/hostname\":\"kwok-node-$i\",\"kubernetes.io/os\":\"linux\",
      \"kubernetes.io/arch\":\"amd64\",\"type\":\"kwok\"}},
      \"status\":{\"capacity\":{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"20000\"},
      \"allocatable\":{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"20000\"}}}" >/dev/null ||
      fail "cannot create node kwok-node-$i"
  done
  node_ready() {
    local n
    n=$(api GET /api/v1/nodes | tr -d ' \n' | grep -o '"type":"Ready","status":"True"' | wc -l)
    [ "$n" -ge "$NODES" ]
  }
  wait_for "kwok nodes Ready" 60 kwok node_ready
fi
# the controller-manager creates each namespace's default ServiceAccount, which pods need
wait_for "the default ServiceAccount" 60 kube-controller-manager api GET /api/v1/namespaces/default/serviceaccounts/default

# ---- the watchdog and the state files --------------------------------------------------------
if [ -n "$WATCH_PID" ]; then
  setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 2; done; [ -d "$2" ] && "$3" "$2"' \
    watchdog "$WATCH_PID" "$DIR" "$HERE/down.sh" >"$DIR/logs/watchdog.log" 2>&1 </dev/null &
  echo $! >"$DIR/pids/watchdog.pid"
fi
VERSION=$("$BIN/kube-apiserver" --version 2>/dev/null | awk '{print $2}')
cat >"$DIR/cluster.env" <<EOF
CLUSTER_NAME=$NAME
CLUSTER_DIR=$DIR
KUBECONFIG=$DIR/kubeconfig
SERVER=$SERVER
CA=$PKI/ca.crt
ADMIN_CERT=$PKI/admin.crt
ADMIN_KEY=$PKI/admin.key
ADMIN_TOKEN=$ADMIN_TOKEN
VIEWER_TOKEN=$VIEWER_TOKEN
ETCD=http://127.0.0.1:$ETCD_PORT
KUBERNETES_VERSION=$VERSION
FULL=$FULL
NODES=$((FULL ? NODES : 0))
EOF
cat >"$DIR/cluster.json" <<EOF
{
  "name": "$NAME",
  "dir": "$DIR",
  "server": "$SERVER",
  "kubeconfig": "$DIR/kubeconfig",
  "context": "$NAME",
  "ca": "$PKI/ca.crt",
  "caKey": "$PKI/ca.key",
  "adminCert": "$PKI/admin.crt",
  "adminKey": "$PKI/admin.key",
  "developerCert": "$PKI/developer.crt",
  "developerKey": "$PKI/developer.key",
  "adminToken": "$ADMIN_TOKEN",
  "viewerToken": "$VIEWER_TOKEN",
  "etcd": "http://127.0.0.1:$ETCD_PORT",
  "kubernetesVersion": "$VERSION",
  "controlPlaneOnly": $( ((FULL)) && echo false || echo true),
  "nodes": $((FULL ? NODES : 0))
}
EOF
chmod 600 "$DIR/cluster.env" "$DIR/cluster.json"
trap - INT TERM
log "ready in $(($(date +%s) - t0)) s: $SERVER (Kubernetes $VERSION); KUBECONFIG=$DIR/kubeconfig"
echo "$DIR"
