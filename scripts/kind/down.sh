#!/usr/bin/env bash
# npm run kind:down — deletes the kind cluster and the registry of kind:up.
# With --docker, also stops a dockerd that kind:up started (CI does).
set -euo pipefail
KIND_STEP=kind:down
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if docker info >/dev/null 2>&1; then
  if [[ -x "$KIND_BIN" ]] && "$KIND_BIN" get clusters 2>/dev/null | grep -qx "$KIND_CLUSTER"; then
    "$KIND_BIN" delete cluster --name "$KIND_CLUSTER" >/dev/null 2>&1 && say "deleted the kind cluster $KIND_CLUSTER"
  else
    # No kind binary yet (a fresh clone on a machine whose Docker kept a cluster): its nodes are
    # containers labelled with the cluster's name.
    nodes="$(docker ps -aq --filter "label=io.x-k8s.kind.cluster=$KIND_CLUSTER")"
    if [[ -n "$nodes" ]]; then
      # shellcheck disable=SC2086
      docker rm -f -v $nodes >/dev/null && say "removed the nodes of the kind cluster $KIND_CLUSTER"
    fi
  fi
  for container in "$REGISTRY_CONTAINER" tp-mirror; do
    docker rm -f -v "$container" >/dev/null 2>&1 && say "removed the registry $container" || true
  done
fi
rm -f "$KIND_KUBECONFIG" "$REGISTRY_JSON"

if [[ "${1:-}" == --docker && -s "$KIND_CACHE/dockerd.pid" ]]; then
  pid="$(cat "$KIND_CACHE/dockerd.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    say "stopped dockerd (pid $pid)"
  fi
  rm -f "$KIND_CACHE/dockerd.pid"
fi
