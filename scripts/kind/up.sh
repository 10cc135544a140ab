#!/usr/bin/env bash
# npm run kind:up — the kind tier: a kind cluster of real containers (1 control
# plane, 2 workers) and a private registry holding the TP4 app, everything
# built on this machine (no registry is reachable). Writes
# .cache/kind/kubeconfig and .cache/kind/registry.json. A cluster already up is
# left as it is; what this script adds to it (the mirror's images, the
# NetworkPolicy enforcer) is added in place.
set -euo pipefail
KIND_STEP=kind:up
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=registry.sh
source "$kind_here/registry.sh"
# shellcheck source=cni.sh
source "$kind_here/cni.sh"
# shellcheck source=netpol.sh
source "$kind_here/netpol.sh"
source "$kind_here/netcheck.sh"
start=$SECONDS

# One kind:up at a time: two test runs starting together would race on the
# images, the registries and the cluster. The lock is not handed to what
# outlives this script (dockerd: 9>&-).
mkdir -p "$KIND_CACHE"
exec 9>"$KIND_CACHE/.lock"
if ! flock -n 9; then
  say "waiting for another kind:up to finish (.cache/kind/.lock)…"
  flock -w 3600 9 || fail "another kind:up has held .cache/kind/.lock for an hour"
fi

bash "$kind_here/docker.sh" 9>&-
# The control plane's binaries (kube-apiserver, kubectl, etcd…) are the KWOK tier's.
bash "$root/scripts/cluster/build.sh"
# The root file systems come from Debian's packages (network and disk) while
# the Go builds use the cores.
bash "$kind_here/build-images.sh" --rootfs >/dev/null &
rootfs_job=$!
bash "$kind_here/public-images.sh" --rootfs >/dev/null &
public_rootfs_job=$!
bash "$kind_here/build-binaries.sh"
wait "$rootfs_job" || fail "the root file systems could not be made (see above)"
wait "$public_rootfs_job" || fail "the public images' root file systems could not be made (see above)"
eval "$(bash "$kind_here/build-images.sh")"
eval "$(bash "$kind_here/public-images.sh")"
build_netpol_image

ready_nodes() {
  kubectl_kind get nodes --request-timeout=5s -o jsonpath='{range .items[*]}{range .status.conditions[?(@.type=="Ready")]}{.status}{"\n"}{end}{end}' 2>/dev/null | grep -c True || true
}

running_node_image() { docker inspect -f '{{.Config.Image}}' "$KIND_CLUSTER-control-plane" 2>/dev/null || true; }
# The folder every node mounts (cluster.yaml): a cluster made before it had none.
SHARED_DIR="$KIND_CACHE/shared"
SHARED_MOUNT=/var/local/tp-shared
shares_folder() { docker inspect -f '{{range .Mounts}}{{.Destination}} {{end}}' "$KIND_CLUSTER-control-plane" 2>/dev/null | grep -qw "$SHARED_MOUNT"; }
mkdir -p "$SHARED_DIR"

# Replaced in one rename: other checkouts' tests read it while this runs.
write_kubeconfig() {
  "$KIND_BIN" get kubeconfig --name "$KIND_CLUSTER" >"$KIND_KUBECONFIG.tmp.$$" && chmod 600 "$KIND_KUBECONFIG.tmp.$$"
  if cmp -s "$KIND_KUBECONFIG.tmp.$$" "$KIND_KUBECONFIG"; then rm -f "$KIND_KUBECONFIG.tmp.$$"; else mv -f "$KIND_KUBECONFIG.tmp.$$" "$KIND_KUBECONFIG"; fi
}

# A kind cluster does not come back whole from a stopped Docker engine (a
# reboot, a session's end, a machine image that kept /var/lib/docker): its
# nodes restart, but the API server stops answering (TLS handshake timeouts)
# or pods stop reaching other nodes. Two CI runs failed on such a leftover.
# Nodes started long after they were made, or an API server that does not
# answer, mean the cluster is made again.
node_names() { docker ps -a --filter "label=io.x-k8s.kind.cluster=$KIND_CLUSTER" --format '{{.Names}}'; }
nodes_restarted() {
  local node created started
  for node in $(node_names); do
    read -r created started < <(docker inspect -f '{{.Created}} {{.State.StartedAt}}' "$node")
    (( $(date -d "$started" +%s) - $(date -d "$created" +%s) > 120 )) && { say "$node was restarted after it was made ($started)"; return 0; }
  done
  return 1
}
api_answers() {
  local deadline=$((SECONDS + 30))
  while (( SECONDS < deadline )); do
    kubectl_kind get --raw /readyz --request-timeout=5s >/dev/null 2>&1 && return 0
    sleep 1
  done
  say "the API server of the running cluster does not answer within 30 s"
  return 1
}
if "$KIND_BIN" get clusters 2>/dev/null | grep -qx "$KIND_CLUSTER"; then
  write_kubeconfig
  if nodes_restarted || ! api_answers; then
    say "recreating the kind cluster $KIND_CLUSTER (a restarted kind cluster is not reliable)"
    "$KIND_BIN" delete cluster --name "$KIND_CLUSTER" >/dev/null 2>&1
  elif [[ "$(running_node_image)" != "$NODE_IMAGE" && "${TP_KIND_RECREATE:-}" != 1 ]] && shares_folder; then
    # Several checkouts share one cluster: one whose recipe differs must not
    # delete it under the others' running tests. Recreating is asked for.
    say "the cluster runs $(running_node_image), this checkout builds $NODE_IMAGE: keeping the running cluster (TP_KIND_RECREATE=1 npm run kind:up recreates it)"
  elif [[ "$(running_node_image)" != "$NODE_IMAGE" ]] || ! shares_folder; then
    if shares_folder; then say "the cluster runs $(running_node_image), not $NODE_IMAGE: recreating it"
    else say "the cluster's nodes do not mount $SHARED_MOUNT (made before cluster.yaml had it): recreating it"; fi
    "$KIND_BIN" delete cluster --name "$KIND_CLUSTER" >/dev/null 2>&1
  fi
fi

created=false
if ! "$KIND_BIN" get clusters 2>/dev/null | grep -qx "$KIND_CLUSTER"; then
  created=true
  say "creating the kind cluster $KIND_CLUSTER ($NODE_IMAGE)…"
  config="$KIND_CACHE/cluster.yaml"
  # runc's systemd path freezes each new container on cgroup v1 and sometimes
  # fails to (tp-node-entrypoint): there, kubelet and containerd use cgroupfs.
  cgroup_driver=systemd; [[ "$(docker info -f '{{.CgroupVersion}}')" == 1 ]] && cgroup_driver=cgroupfs
  sed -e "s/\${CGROUP_DRIVER}/$cgroup_driver/" -e "s/\${ETCD_TAG}/${ETCD_VERSION#v}-0/" -e "s/\${COREDNS_VERSION}/$COREDNS_VERSION/" -e "s|\${SHARED_DIR}|$(cd "$SHARED_DIR" && pwd -P)|" \
    "$kind_here/cluster.yaml" >"$config"
  "$KIND_BIN" create cluster --name "$KIND_CLUSTER" --image "$NODE_IMAGE" --config "$config" \
    --kubeconfig "$KIND_KUBECONFIG" --retain \
    || fail "kind create cluster failed; node logs: docker logs $KIND_CLUSTER-control-plane, then kind delete cluster --name $KIND_CLUSTER"
fi

setup_pod_network
start_registry
trust_registry_on_nodes
push_apps
start_mirror
push_standins
push_public_images
mirror_on_nodes
forget_replaced_images
write_registry_json

# Bounded by the clock, not by tries: each try may wait 5 s for an answer.
ready_deadline=$((SECONDS + 120))
until [[ "$(ready_nodes)" -ge 3 ]] || (( SECONDS >= ready_deadline )); do sleep 1; done
[[ "$(ready_nodes)" -ge 3 ]] || { kubectl_kind get nodes -o wide --request-timeout=10s >&2; fail "the nodes did not become Ready within 120 s"; }
kubectl_kind -n kube-system rollout status deployment/coredns --timeout=120s >/dev/null \
  || say "CoreDNS is not ready (the labs do not need it)"
deploy_netpol
# A new cluster (every CI run) proves its pod network before the tests rely on it;
# an existing one was proven when it was made (TP_KIND_NETCHECK=1 asks again).
if [[ "$created" == true || "${TP_KIND_NETCHECK:-}" == 1 ]]; then check_pod_network; fi
kubectl_kind get nodes -o wide >&2
say "up in $((SECONDS - start)) s: KUBECONFIG=.cache/kind/kubeconfig, registry ${REGISTRY_SERVER} (.cache/kind/registry.json)"
