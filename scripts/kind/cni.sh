# The cluster's pod network, with no CNI image to build: each node gets a CNI
# configuration for the ptp plugin over its own podCIDR, and a route to every
# other node's podCIDR through that node's address on the Docker network
# (what kindnetd would do, done once, since the nodes do not change).
# Sourced by up.sh.
# shellcheck shell=bash

setup_pod_network() {
  local nodes=() node cidr ip other
  mapfile -t nodes < <(kubectl_kind get nodes -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.spec.podCIDR}{" "}{.status.addresses[?(@.type=="InternalIP")].address}{"\n"}{end}')
  for node in "${nodes[@]}"; do
    read -r name cidr ip <<<"$node"
    [[ -n "$cidr" && -n "$ip" ]] || fail "node $name has no podCIDR or InternalIP yet"
    docker exec -i "$name" sh -c 'mkdir -p /etc/cni/net.d && cat >/etc/cni/net.d/10-tp-ptp.conflist' <<JSON
{
  "cniVersion": "1.0.0",
  "name": "tp-pods",
  "plugins": [
    { "type": "ptp", "mtu": 1500,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "$cidr" }]], "routes": [{ "dst": "0.0.0.0/0" }] } },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
JSON
    for other in "${nodes[@]}"; do
      read -r other_name other_cidr other_ip <<<"$other"
      [[ "$other_name" == "$name" ]] || docker exec "$name" ip route replace "$other_cidr" via "$other_ip"
    done
  done
}
