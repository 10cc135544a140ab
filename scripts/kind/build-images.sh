#!/usr/bin/env bash
# Builds the Docker images of the kind tier from the binaries of
# build-binaries.sh and Debian root file systems: the control plane's images
# (kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, etcd,
# CoreDNS, pause) preloaded into the kind node image, the registry image and
# the TP4 app's Python base. Each image is tagged with the hash of what it is
# made of, so a warm run builds nothing.
set -euo pipefail
KIND_STEP=kind:images
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=rootfs.sh
source "$kind_here/rootfs.sh"

bin="$KIND_CACHE/bin"
k8s_bin="$root/.cache/bin/kubernetes-$K8S_VERSION"
k8s_node_bin="$bin/kubernetes-node-$K8S_VERSION"
etcd_bin="$root/.cache/bin/etcd-$ETCD_VERSION/etcd"
runc_nocap="$(own_tool runc-nocap)"
pause="$(own_tool pause)"

# The recipe's hash: versions, the files of this folder, our tools' builds.
recipe="$( { cat "$kind_here"/versions.sh "$root"/scripts/cluster/versions.sh "$kind_here"/rootfs.sh "$kind_here"/build-images.sh;
  find "$kind_here/node" "$kind_here/images" -type f ! -name 'standin*' | sort | xargs cat; echo "${runc_nocap#"$KIND_CACHE"/} ${pause#"$KIND_CACHE"/}"; } | sha256sum | cut -c1-12)"
NODE_IMAGE="tp-kind/node:$K8S_VERSION-$recipe"
REGISTRY_IMAGE="tp-kind/registry:$REGISTRY_VERSION-$recipe"
PYTHON_IMAGE="tp-kind/python:$DEBIAN_SUITE-$recipe"
# What kubeadm runs (imageRepository tp.local, see cluster.yaml) and containerd's sandbox.
ETCD_TAG="${ETCD_VERSION#v}-0"
declare -A COMPONENTS=(
  [kube-apiserver]="$k8s_bin/kube-apiserver"
  [kube-controller-manager]="$k8s_bin/kube-controller-manager"
  [kube-scheduler]="$k8s_bin/kube-scheduler"
  [kube-proxy]="$k8s_node_bin/kube-proxy"
)

have() { docker image inspect "$1" >/dev/null 2>&1; }

# component_image <tag> <entrypoint or -> <binary…>
component_image() {
  local tag="$1" entrypoint="$2"; shift 2
  # No shortcut on the tag: the names are fixed (kubeadm's), the layer cache makes a rebuild quick.
  local context; context="$(mktemp -d "$KIND_CACHE/context.XXXXXX")"
  mkdir -p "$context/bin" && cp -p "$@" "$context/bin/"
  quiet_build -q -f "$kind_here/images/component.Dockerfile" --build-arg "BASE=$base" -t "$tag" "$context" >/dev/null \
    || fail "docker build $tag failed"
  if [[ "$entrypoint" != - ]]; then
    # An entrypoint for the images run without a command (CoreDNS, pause).
    local id; id="$(docker create "$tag" true)"
    docker commit --change "ENTRYPOINT [\"$entrypoint\"]" --change 'CMD []' "$id" "$tag" >/dev/null
    docker rm "$id" >/dev/null
  fi
  rm -rf "$context"
  say "built $tag"
}

if have "$NODE_IMAGE" && have "$REGISTRY_IMAGE" && have "$PYTHON_IMAGE"; then
  say "images cached: $NODE_IMAGE"
  printf 'NODE_IMAGE=%s\nREGISTRY_IMAGE=%s\nPYTHON_IMAGE=%s\n' "$NODE_IMAGE" "$REGISTRY_IMAGE" "$PYTHON_IMAGE"
  exit 0
fi
start=$SECONDS
base="$(rootfs_image component "${COMPONENT_PACKAGES[@]}")"
node_rootfs="$(rootfs_image node "${NODE_PACKAGES[@]}")"
# --rootfs: only the root file systems (up.sh makes them while Go builds).
[[ "${1:-}" != --rootfs ]] || exit 0

have "$PYTHON_IMAGE" || docker tag "$base" "$PYTHON_IMAGE"
images=()
for name in "${!COMPONENTS[@]}"; do
  component_image "tp.local/$name:$K8S_VERSION" - "${COMPONENTS[$name]}"; images+=("tp.local/$name:$K8S_VERSION")
done
component_image "tp.local/etcd:$ETCD_TAG" - "$etcd_bin"; images+=("tp.local/etcd:$ETCD_TAG")
component_image "tp.local/coredns:$COREDNS_VERSION" /usr/local/bin/coredns "$bin/coredns-$COREDNS_VERSION/coredns"
images+=("tp.local/coredns:$COREDNS_VERSION")
component_image "tp.local/pause:v1" /usr/local/bin/pause "$pause"; images+=("tp.local/pause:v1")

if ! have "$REGISTRY_IMAGE"; then
  component_image "$REGISTRY_IMAGE.tmp" - "$bin/registry-$REGISTRY_VERSION/registry"
  id="$(docker create "$REGISTRY_IMAGE.tmp" true)"
  docker cp "$kind_here/images/registry-config.yml" "$id:/etc/registry.yml"
  docker cp "$kind_here/images/mirror-config.yml" "$id:/etc/mirror.yml"
  docker commit --change 'ENTRYPOINT ["/usr/local/bin/registry", "serve"]' --change 'CMD ["/etc/registry.yml"]' \
    --change 'EXPOSE 5000' "$id" "$REGISTRY_IMAGE" >/dev/null
  docker rm "$id" >/dev/null && docker rmi "$REGISTRY_IMAGE.tmp" >/dev/null
  say "built $REGISTRY_IMAGE"
fi

# The node image: binaries and files, then the component images imported into
# its containerd (as kind's own node images have them), committed.
context="$(mktemp -d "$KIND_CACHE/context.XXXXXX")"
mkdir -p "$context"/{bin,sbin,kube,cni}
cp -a "$kind_here/node/files" "$context/files"
cp -p "$bin/containerd-$CONTAINERD_VERSION"/{containerd,containerd-shim-runc-v2,ctr} "$bin/crictl-$CRICTL_VERSION/crictl" "$runc_nocap" "$context/bin/"
cp -p "$bin/runc-$RUNC_VERSION/runc" "$context/sbin/"
cp -p "$k8s_node_bin"/{kubelet,kubeadm} "$k8s_bin/kubectl" "$context/kube/"
cp -p "$bin/cni-plugins-$CNI_PLUGINS_VERSION"/* "$context/cni/"
quiet_build -q -f "$kind_here/node/Dockerfile" --build-arg "ROOTFS=$node_rootfs" --build-arg "K8S_VERSION=$K8S_VERSION" \
  -t "$NODE_IMAGE.files" "$context" >/dev/null || fail "docker build of the node image failed"
rm -rf "$context"

say "preloading ${#images[@]} images into the node image's containerd…"
builder="$(docker run -d --privileged --entrypoint /usr/local/bin/containerd "$NODE_IMAGE.files")"
trap 'docker rm -f "$builder" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 30); do docker exec "$builder" ctr version >/dev/null 2>&1 && break; sleep 1; done
docker save "${images[@]}" | docker exec -i "$builder" ctr --namespace=k8s.io images import \
  --label=io.cri-containerd.pinned=pinned --no-unpack --digests - >/dev/null || fail "ctr images import failed"
docker exec "$builder" ctr --namespace=k8s.io images list -q | grep -c tp.local >/dev/null
docker stop "$builder" >/dev/null
docker commit --change 'ENTRYPOINT ["/usr/local/bin/tp-node-entrypoint", "/sbin/init"]' --change 'CMD []' \
  "$builder" "$NODE_IMAGE" >/dev/null || fail "docker commit of the node image failed"
docker rm "$builder" >/dev/null; trap - EXIT
docker rmi "$NODE_IMAGE.files" >/dev/null
say "node image $NODE_IMAGE built in $((SECONDS - start)) s ($(docker image inspect -f '{{.Size}}' "$NODE_IMAGE" | awk '{printf "%d MB", $1/1e6}'))"
printf 'NODE_IMAGE=%s\nREGISTRY_IMAGE=%s\nPYTHON_IMAGE=%s\n' "$NODE_IMAGE" "$REGISTRY_IMAGE" "$PYTHON_IMAGE"
