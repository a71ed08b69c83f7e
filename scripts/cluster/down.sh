#!/usr/bin/env bash
# Stops a cluster started by scripts/cluster/up.sh and removes its state folder.
# Usage: scripts/cluster/down.sh [--keep] DIR [DIR...]
#   --keep   stop the processes but keep DIR (logs, certificates) for a post-mortem
# Stops kwok, the scheduler, the controller-manager, the apiserver, then etcd (TERM, then KILL
# after 10 s), each with its whole process group, and fails when any process is left.
set -uo pipefail

KEEP=0
dirs=()
for a in "$@"; do
  case "$a" in
    --keep) KEEP=1 ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) dirs+=("$a") ;;
  esac
done
((${#dirs[@]})) || { echo "usage: down.sh [--keep] DIR..." >&2; exit 2; }

rc=0
for DIR in "${dirs[@]}"; do
  if [ ! -d "$DIR/pids" ]; then
    echo "down.sh: $DIR is not a cluster folder of up.sh (no pids/); nothing stopped" >&2
    [ -d "$DIR" ] || continue
    rc=1
    continue
  fi
  left=()
  # the watchdog first, so it does not race us; then the components, dependents before etcd
  for n in watchdog kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    f="$DIR/pids/$n.pid"
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    # never signal ourselves (the watchdog runs down.sh) or a pid that is not a number
    [[ $pid =~ ^[0-9]+$ ]] || continue
    if [ "$n" = watchdog ] && { [ "$pid" = "$$" ] || [ "$pid" = "$PPID" ]; }; then continue; fi
    # each component leads its own process group (setsid): signal the group
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
    if kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != Z ]; then
      left+=("$n($pid)")
    fi
  done
  if ((${#left[@]})); then
    echo "down.sh: still running in $DIR: ${left[*]}" >&2
    rc=1
    continue
  fi
  if ((KEEP)); then
    rm -f "$DIR"/pids/*.pid
  else
    rm -rf "$DIR"
  fi
done
exit "$rc"
