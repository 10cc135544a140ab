#!/usr/bin/env bash
# Builds, from their Go modules, every binary the kind tier needs that the
# KWOK tier does not already build: kind itself, the node's runtime
# (containerd, runc, crictl, CNI plugins), kubelet/kubeadm/kube-proxy, CoreDNS
# and the image registry (our own pause and runc wrapper: lib.sh's own_tool).
# Cached under
# .cache/kind/bin/<name>-<version>/ and in the machine cache.
set -euo pipefail
KIND_STEP=kind:build
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
go_env
command -v go >/dev/null || fail "go is not installed (Go $GO_MIN or newer is needed)"

# go_install <name-version> <ldflags> <env…> -- <package@version…>: builds the
# packages with their own module's pinned dependencies into one directory.
go_install() {
  local label="$1" ldflags="$2"; shift 2
  local envs=() pkgs=() names=() pkg
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done; shift
  for pkg in "$@"; do pkgs+=("$pkg"); names+=("$(basename "${pkg%@*}")"); done
  local out="$KIND_CACHE/bin/$label"
  if cached "$out" "${names[@]}"; then return; fi
  say "$label: building…"
  local start=$SECONDS
  mkdir -p "$out.tmp"
  env "${envs[@]}" GOBIN="$out.tmp" go install -trimpath -ldflags "$ldflags" "${pkgs[@]}" \
    || fail "$label: go install failed (see above)"
  rm -rf "$out" && mv "$out.tmp" "$out"
  say "$label: built in $((SECONDS - start)) s"
  publish "$out"
}

v() { printf '%s' "${1#v}"; }

go_install "kind-$KIND_VERSION" "-s -w" CGO_ENABLED=0 -- "sigs.k8s.io/kind@$KIND_VERSION"

go_install "containerd-$CONTAINERD_VERSION" \
  "-s -w -X github.com/containerd/containerd/v2/version.Version=$(v "$CONTAINERD_VERSION")" \
  CGO_ENABLED=0 GOFLAGS="$GOFLAGS -tags=no_btrfs,no_devmapper,no_zfs" -- \
  "github.com/containerd/containerd/v2/cmd/containerd@$CONTAINERD_VERSION" \
  "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION" \
  "github.com/containerd/containerd/v2/cmd/ctr@$CONTAINERD_VERSION"

# runc needs cgo and libseccomp (Debian's libseccomp-dev) for seccomp profiles.
go_install "runc-$RUNC_VERSION" "-s -w -X main.version=$(v "$RUNC_VERSION")" \
  CGO_ENABLED=1 GOFLAGS="$GOFLAGS -tags=seccomp" -- "github.com/opencontainers/runc@$RUNC_VERSION"

go_install "crictl-$CRICTL_VERSION" "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION" \
  CGO_ENABLED=0 -- "sigs.k8s.io/cri-tools/cmd/crictl@$CRICTL_VERSION"

cni="github.com/containernetworking/plugins/plugins"
go_install "cni-plugins-$CNI_PLUGINS_VERSION" "-s -w" CGO_ENABLED=0 -- \
  "$cni/main/ptp@$CNI_PLUGINS_VERSION" "$cni/main/loopback@$CNI_PLUGINS_VERSION" \
  "$cni/ipam/host-local@$CNI_PLUGINS_VERSION" "$cni/meta/portmap@$CNI_PLUGINS_VERSION"

go_install "coredns-$COREDNS_VERSION" "-s -w" CGO_ENABLED=0 -- "github.com/coredns/coredns@$COREDNS_VERSION"

go_install "registry-$REGISTRY_VERSION" "-s -w" CGO_ENABLED=0 -- \
  "github.com/distribution/distribution/v3/cmd/registry@$REGISTRY_VERSION"

# kubelet, kubeadm and kube-proxy, beside the control plane's binaries (same
# version, same ldflags, same Go build cache: most packages are already built).
k8s_out="$root/.cache/bin/kubernetes-$K8S_VERSION"
k8s_node_dir="$KIND_CACHE/bin/kubernetes-node-$K8S_VERSION"
if ! cached "$k8s_node_dir" kubelet kubeadm kube-proxy; then
  say "kubelet, kubeadm, kube-proxy $K8S_VERSION: building…"
  start=$SECONDS
  pkg=k8s.io/component-base/version; ver="$K8S_VERSION"; major="${ver#v}"; major="${major%%.*}"; minor="${ver#v*.}"; minor="${minor%%.*}"
  ldflags="-s -w -X $pkg.gitVersion=$ver -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  mkdir -p "$k8s_node_dir"
  (cd "$kind_here/gomod/kubernetes-node" && GOFLAGS="$GOFLAGS -mod=mod" go build -trimpath -ldflags "$ldflags" \
    -o "$k8s_node_dir/" k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kubeadm k8s.io/kubernetes/cmd/kube-proxy) \
    || fail "kubernetes node binaries: go build failed"
  say "kubelet, kubeadm, kube-proxy: built in $((SECONDS - start)) s"
  publish "$k8s_node_dir"
fi
[[ -x "$k8s_out/kubectl" && -x "$k8s_out/kube-apiserver" ]] \
  || fail "the control plane's binaries are missing from ${k8s_out#"$root"/}: run npm run cluster:build first"
say "binaries ready under .cache/kind/bin/"
