# Where the local control plane lives, shared by up.sh, down.sh and status.sh.
# Sourced, not run: it sets variables and small functions only.
# shellcheck shell=bash

cluster_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$cluster_here/../.." && pwd)"
# shellcheck source=versions.sh
source "$cluster_here/versions.sh"

CLUSTER_NAME=tp
ETCD_BIN="$root/.cache/bin/etcd-$ETCD_VERSION/etcd"
KWOK_DIR="$root/.cache/bin/kwok-$KWOK_VERSION"
K8S_DIR="$root/.cache/bin/kubernetes-$K8S_VERSION"
KWOKCTL="$KWOK_DIR/kwokctl"
KUBECTL="$K8S_DIR/kubectl"

# kwokctl keeps each cluster (config, PKI, etcd data, pids, component logs) in
# $KWOK_WORKDIR/clusters/<name>; keeping it under .cache/ leaves ~/.kwok alone.
export KWOK_WORKDIR="$root/.cache/kwok"
CLUSTER_WORKDIR="$KWOK_WORKDIR/clusters/$CLUSTER_NAME"
KUBECONFIG_OUT="$root/.cache/cluster/kubeconfig"
NODE_COUNT=3

kube() { "$KUBECTL" --kubeconfig "$KUBECONFIG_OUT" --request-timeout=5s "$@"; }

# Nodes whose Ready condition is True.
ready_nodes() {
  kube get nodes -o jsonpath='{range .items[*]}{.metadata.name}{" "}{range .status.conditions[?(@.type=="Ready")]}{.status}{end}{"\n"}{end}' 2>/dev/null \
    | awk '$2 == "True"' | wc -l
}

# Up means: the kubeconfig answers, the API is ready and every node is Ready.
cluster_healthy() {
  [[ -s "$KUBECONFIG_OUT" && -x "$KUBECTL" ]] || return 1
  [[ "$(kube get --raw /readyz 2>/dev/null)" == ok ]] || return 1
  [[ "$(ready_nodes)" -ge $NODE_COUNT ]]
}
