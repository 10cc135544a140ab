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
