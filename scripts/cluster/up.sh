#!/usr/bin/env bash
# Starts the local cluster: etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler and kwok (which plays the kubelets of three fake nodes), all as
# plain processes on 127.0.0.1, through `kwokctl --runtime binary`.
# Builds what is missing first, writes the admin kubeconfig to
# .cache/cluster/kubeconfig and waits until the three nodes are Ready.
# Does nothing when the cluster is already up and healthy.
set -euo pipefail

# shellcheck source=env.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/env.sh"

say() { printf '[cluster:up] %s\n' "$*" >&2; }
fail() {
  say "FAILED at step '$1': $2"
  [[ -d "$CLUSTER_WORKDIR/logs" ]] && say "component logs: ${CLUSTER_WORKDIR#"$root"/}/logs/"
  exit 1
}

mkdir -p "$(dirname "$KUBECONFIG_OUT")"
# One start at a time: two test runs starting together would race on the workdir.
exec 9>"$root/.cache/cluster/.lock"
flock -w 900 9 || fail lock "another cluster:up has held .cache/cluster/.lock for 15 minutes"

if cluster_healthy; then
  say "already up; kubeconfig: ${KUBECONFIG_OUT#"$root"/}"
  exit 0
fi

start=$SECONDS
bash "$cluster_here/build.sh" || fail build "the binaries could not be built (see above)"

if [[ -d "$CLUSTER_WORKDIR" ]]; then
  # Left from a run whose processes are gone (reboot, crash): start afresh.
  say "removing a stale cluster '$CLUSTER_NAME' that is not healthy"
  bash "$cluster_here/down.sh" >/dev/null 2>&1 || true
fi

# Left alone, kwokctl takes ports counting down from 32767: inside the NodePort
# range (30000-32767), where tests serve their stand-in apps on 127.0.0.1.
# So pick free ones below it (random, as a second cluster may run beside this one).
pick_ports() { # <count>
  local used port picked=()
  used="$(ss -Htan | awk '{print $4}' | sed 's/.*://' | sort -u)"
  while ((${#picked[@]} < $1)); do
    port=$((20000 + RANDOM % 10000))
    grep -qx "$port" <<<"$used" || [[ " ${picked[*]} " == *" $port "* ]] || picked+=("$port")
  done
  echo "${picked[@]}"
}
read -r apiserver_port etcd_port etcd_peer_port kwok_port kcm_port scheduler_port <<<"$(pick_ports 6)"

# kwokctl's configuration: our binaries (so it never downloads any), every
# port on 127.0.0.1 only, kind's service range, and node IPs on loopback.
gen="$root/.cache/cluster"
cat >"$gen/egress-selector.yaml" <<EOF
# The API server's traffic to pods, services and nodes (its proxy, logs, exec)
# goes through an HTTP CONNECT proxy on a socket that does not exist, so it
# fails at once: KWOK pod IPs are fake and must never be dialled.
apiVersion: apiserver.k8s.io/v1beta1
kind: EgressSelectorConfiguration
egressSelections:
  - name: cluster
    connection:
      proxyProtocol: HTTPConnect
      transport:
        uds:
          udsName: $gen/no-egress.sock
EOF
cat >"$gen/kwokctl.yaml" <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  kubeVersion: $K8S_VERSION
  bindAddress: 127.0.0.1
  kubeApiserverPort: $apiserver_port
  etcdPort: $etcd_port
  etcdPeerPort: $etcd_peer_port
  kwokControllerPort: $kwok_port
  kubeControllerManagerPort: $kcm_port
  kubeSchedulerPort: $scheduler_port
  etcdBinary: $ETCD_BIN
  kubeApiserverBinary: $K8S_DIR/kube-apiserver
  kubeControllerManagerBinary: $K8S_DIR/kube-controller-manager
  kubeSchedulerBinary: $K8S_DIR/kube-scheduler
  kubectlBinary: $KUBECTL
  kwokControllerBinary: $KWOK_DIR/kwok
componentsPatches:
  - name: kube-apiserver
    extraArgs:
      - key: service-cluster-ip-range
        value: 10.96.0.0/16
      - key: egress-selector-config-file
        value: $gen/egress-selector.yaml
  - name: kwok-controller
    extraArgs:
      - key: node-ip
        value: 127.0.0.1
        override: true
      - key: cidr
        value: 10.244.0.0/16
EOF

say "starting cluster '$CLUSTER_NAME' (logs in ${CLUSTER_WORKDIR#"$root"/}/logs/)"
# --kubeconfig '' keeps kwokctl away from ~/.kube/config. The proxy variables
# make any download kwokctl might still attempt fail at once on loopback.
# 9>&- keeps the lock out of the components, which outlive this script.
HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost \
  "$KWOKCTL" --config "$gen/kwokctl.yaml" --name "$CLUSTER_NAME" -v WARN \
  create cluster --kubeconfig '' --timeout 3m 9>&- \
  || fail start "kwokctl create cluster failed"

# A self-contained copy (certificates inlined) that any tool can read.
"$KUBECTL" --kubeconfig "$CLUSTER_WORKDIR/kubeconfig.yaml" config view --raw --flatten >"$KUBECONFIG_OUT.tmp" \
  || fail start "cannot read the kubeconfig kwokctl wrote"
mv "$KUBECONFIG_OUT.tmp" "$KUBECONFIG_OUT"

wait_until() { # <seconds> <command…>
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}
api_ready() { [[ "$(kube get --raw /readyz 2>/dev/null)" == ok ]]; }
# The controller manager creates each namespace's default ServiceAccount; pods
# are refused until it exists.
default_sa() { kube get serviceaccount default -n default >/dev/null 2>&1; }
nodes_ready() { [[ "$(ready_nodes)" -ge $NODE_COUNT ]]; }
# New nodes carry not-ready taints until the controller manager sees them Ready.
workers_untainted() {
  [[ -z "$(kube get nodes -l '!node-role.kubernetes.io/control-plane' -o jsonpath='{.items[*].spec.taints}')" ]]
}

wait_until 120 api_ready || fail readiness "the API server did not answer /readyz within 120 s"
kube apply -f "$cluster_here/nodes.yaml" >/dev/null || fail readiness "cannot create the nodes"
wait_until 120 nodes_ready || fail readiness "the $NODE_COUNT nodes were not Ready within 120 s (is kwok-controller running?)"
wait_until 120 workers_untainted || fail readiness "the workers kept their not-ready taints for 120 s"
wait_until 120 default_sa || fail readiness "no default ServiceAccount after 120 s (is kube-controller-manager running?)"

say "up in $((SECONDS - start)) s; kubeconfig: ${KUBECONFIG_OUT#"$root"/}"
kube get nodes -o wide >&2
