# The kind tier's pod network, checked before any test relies on it: an nginx
# and a busybox pod on every node, each busybox fetching every nginx (on its own
# node and across nodes) and resolving a Service name through CoreDNS. When a
# path fails, kind:up prints what the nodes and the host say about it (routes,
# netfilter, the enforcer's log) and fails, so that a broken network costs a
# minute of the test run and leaves its cause in the log, instead of every
# network test timing out one after the other.
# Sourced by up.sh (after deploy_netpol).
# shellcheck shell=bash

NETCHECK_NS=tp-netcheck

# netcheck_paths: prints one line per path, "ok|FAILED <from> -> <to>".
netcheck_paths() {
  local nodes=() node client server ip
  mapfile -t nodes < <(kubectl_kind get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}')
  for client in "${nodes[@]}"; do
    local script="" 
    for server in "${nodes[@]}"; do
      ip="$(kubectl_kind -n "$NETCHECK_NS" get pod "web-$server" -o jsonpath='{.status.podIP}')"
      script+="if wget -q -T 3 -O- http://$ip/ 2>/dev/null | grep -q 'Welcome to nginx'; then echo 'ok $client -> web on $server ($ip)'; else echo 'FAILED $client -> web on $server ($ip)'; fi; "
    done
    script+="if nslookup kubernetes.default.svc.cluster.local. >/dev/null 2>&1; then echo 'ok $client -> CoreDNS'; else echo 'FAILED $client -> CoreDNS'; fi"
    kubectl_kind -n "$NETCHECK_NS" exec "box-$client" -- sh -c "$script" 2>&1 || echo "FAILED $client: kubectl exec"
  done
}

# netcheck_diagnose: what the host, the nodes and the enforcer say (short: CI keeps the log's tail).
netcheck_diagnose() {
  local node
  for node in $(kubectl_kind get nodes -o jsonpath='{.items[*].metadata.name}'); do
    docker exec "$node" sh -c 'ip route | grep -v "scope host"; iptables -t mangle -S TP-NETPOL | head -n 8; echo "nfqueue (queue, portid, waiting, copy, len, dropped, user-dropped, id): $(cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null)"; iptables -S FORWARD | head -n 12' 2>&1 \
      | sed "s/^/[kind:netcheck] $node: /" >&2 || true
  done
  local pod
  for pod in $(kubectl_kind -n kube-system get pods -l app=tp-netpol -o jsonpath='{.items[*].metadata.name}'); do
    # Without upstream's nftables sync errors (this kernel may lack nft queue: main.go steers with iptables).
    kubectl_kind -n kube-system logs "$pod" --tail=400 2>&1 | grep -v -e 'netlink receive' -e 'dummy-key' -e 'Syncing nftables' -e '^\s*>' \
      | tail -n 5 | cut -c1-300 | sed "s/^/[kind:netcheck] $pod: /" >&2 || true
  done
  say "host: kernel $(uname -r); bridge-nf-call-iptables=$(cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null || echo absent); ip_forward=$(cat /proc/sys/net/ipv4/ip_forward); conntrack $(cat /proc/sys/net/netfilter/nf_conntrack_count 2>/dev/null || echo ?)/$(cat /proc/sys/net/netfilter/nf_conntrack_max 2>/dev/null || echo ?)"
  say "host: NFT_QUEUE $( (zcat /proc/config.gz 2>/dev/null || true) | grep -E '^(# )?CONFIG_NFT_QUEUE' || echo 'config unknown')"
  iptables -S FORWARD 2>&1 | sed 's/^/[kind:netcheck] host FORWARD: /' >&2 || true
  iptables -S DOCKER-USER 2>&1 | sed 's/^/[kind:netcheck] host DOCKER-USER: /' >&2 || true
}

# netcheck_stage <what>: every path, tried up to three times (the enforcer learns
# new pods and policies from the API server); fails kind:up with the diagnosis.
netcheck_stage() {
  local results failed attempt
  for attempt in 1 2 3; do
    results="$(netcheck_paths)"
    failed="$(grep -c '^FAILED' <<<"$results" || true)"
    [[ "$failed" == 0 ]] && return 0
    sleep 5
  done
  netcheck_diagnose
  sed 's/^/[kind:netcheck] /' <<<"$results" >&2
  kubectl_kind delete namespace "$NETCHECK_NS" --wait=false >/dev/null 2>&1 || true
  fail "the pod network is broken with $1: $failed paths failed (above: which, and what the host, the nodes and tp-netpol say)"
}

check_pod_network() {
  local start=$SECONDS node manifest=""
  kubectl_kind delete namespace "$NETCHECK_NS" --ignore-not-found --wait=true >/dev/null 2>&1 || true
  kubectl_kind create namespace "$NETCHECK_NS" >/dev/null
  for node in $(kubectl_kind get nodes -o jsonpath='{.items[*].metadata.name}'); do
    # nodeName, not a selector: the control plane's NoSchedule taint does not apply, every node is tried.
    manifest+="
---
apiVersion: v1
kind: Pod
metadata: { name: web-$node, labels: { app: netcheck-web } }
spec: { nodeName: $node, terminationGracePeriodSeconds: 0, containers: [{ name: web, image: nginx }] }
---
apiVersion: v1
kind: Pod
metadata: { name: box-$node }
spec: { nodeName: $node, terminationGracePeriodSeconds: 0, containers: [{ name: box, image: busybox, command: [sleep, '600'] }] }"
  done
  kubectl_kind -n "$NETCHECK_NS" apply -f - <<<"$manifest" >/dev/null
  kubectl_kind -n "$NETCHECK_NS" wait --for=condition=Ready pod --all --timeout=180s >/dev/null \
    || { kubectl_kind -n "$NETCHECK_NS" get pods -o wide >&2; netcheck_diagnose; fail "the pod network check's pods did not become Ready"; }
  # First without a policy (plain routing, kube-proxy, CoreDNS), then with one that
  # selects the nginx pods and allows everything: their connections now wait on
  # tp-netpol's verdict, which must still let every one through.
  netcheck_stage "no NetworkPolicy"
  kubectl_kind -n "$NETCHECK_NS" apply -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-all-to-web }
spec: { podSelector: { matchLabels: { app: netcheck-web } }, policyTypes: [Ingress], ingress: [{}] }
YAML
  netcheck_stage "an allow-all NetworkPolicy on the nginx pods (judged by tp-netpol)"
  kubectl_kind delete namespace "$NETCHECK_NS" --wait=false >/dev/null 2>&1 || true
  say "pod network: every node reaches nginx on every node (with and without a NetworkPolicy) and CoreDNS ($((SECONDS - start)) s)"
}
