#!/usr/bin/env bash
# Stops the local cluster and removes its state (etcd data, PKI, logs) and its
# kubeconfig. Succeeds when nothing is running.
set -euo pipefail

# shellcheck source=env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

say() { printf '[cluster:down] %s\n' "$*" >&2; }

rm -f "$KUBECONFIG_OUT"
if [[ ! -d "$CLUSTER_WORKDIR" ]]; then
  say "cluster '$CLUSTER_NAME' is not running"
  exit 0
fi

# The components kwokctl started, by the pids it recorded; a pid counts only
# while it still runs one of our binaries (pids get reused).
component_pids() {
  local pidfile pid
  for pidfile in "$CLUSTER_WORKDIR"/pids/*.pid; do
    [[ -e "$pidfile" ]] || continue
    pid="$(<"$pidfile")"
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$root/.cache/"* ]] && echo "$pid"
  done
  return 0
}
pids="$(component_pids)"

if [[ -x "$KWOKCTL" ]] && "$KWOKCTL" --name "$CLUSTER_NAME" -v WARN delete cluster; then
  say "cluster '$CLUSTER_NAME' deleted"
else
  say "kwokctl could not delete the cluster; stopping its processes by pid"
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$CLUSTER_WORKDIR"
  say "cluster '$CLUSTER_NAME' removed"
fi

# kwokctl signals the components and returns; wait until they are gone, so
# that a cluster:up right after starts on a clean machine.
for _ in $(seq 1 40); do
  alive=0
  for pid in $pids; do [[ -d "/proc/$pid" ]] && alive=1; done
  ((alive == 0)) && exit 0
  sleep 0.25
done
say "some components are still stopping: $pids"
