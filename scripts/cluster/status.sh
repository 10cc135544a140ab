#!/usr/bin/env bash
# Says whether the local cluster is up, where its kubeconfig is, and its nodes.
# Exits 0 when up, 1 when down.
set -euo pipefail

# shellcheck source=env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

if cluster_healthy; then
  echo "cluster '$CLUSTER_NAME': up"
  echo "kubeconfig: $KUBECONFIG_OUT"
  echo "component logs: $CLUSTER_WORKDIR/logs/"
  kube get nodes -o wide
  exit 0
fi

if [[ -d "$CLUSTER_WORKDIR" ]]; then
  echo "cluster '$CLUSTER_NAME': down (its state is in ${CLUSTER_WORKDIR#"$root"/} but it does not answer;"
  echo "  see $CLUSTER_WORKDIR/logs/, then npm run cluster:up starts it afresh)"
else
  echo "cluster '$CLUSTER_NAME': down (npm run cluster:up starts it)"
fi
exit 1
