#!/usr/bin/env bash
# Builds the local control plane from Go modules: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, kwok and kwokctl.
# Binaries are cached under .cache/bin/<version>/ so a warm run builds nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"

export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:-} -mod=mod -buildvcs=false"
# Go caches live under .cache/ too, so CI can keep them between runs.
export GOMODCACHE="${GOMODCACHE:-$root/.cache/go/mod}"
export GOCACHE="${GOCACHE:-$root/.cache/go/build}"

say() { printf '[cluster:build] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

command -v go >/dev/null || fail "go is not installed (Go ${GO_MIN} or newer is needed)"

build_dir() { printf '%s/.cache/bin/%s' "$root" "$1"; }

# A machine-wide copy of the binaries, so that a fresh clone on the same machine
# (CI runs in one) starts warm. TP_BIN_CACHE= (empty) turns it off.
shared_cache="${TP_BIN_CACHE-${XDG_CACHE_HOME:-$HOME/.cache}/tp-local-cluster/bin}"

# seed <output dir> <binary…>: copies cached binaries in when all are there.
seed() {
  local out="$1"; shift
  [[ -n "$shared_cache" ]] || return 1
  local from="$shared_cache/$(basename "$out")" name
  for name in "$@"; do [[ -x "$from/$name" ]] || return 1; done
  mkdir -p "$out"
  for name in "$@"; do cp -p "$from/$name" "$out/$name"; done
  say "$(basename "$out"): copied from the machine cache ($from)"
}

publish() {
  local out="$1"
  [[ -n "$shared_cache" ]] || return 0
  mkdir -p "$shared_cache/$(basename "$out")" && cp -p "$out"/* "$shared_cache/$(basename "$out")/" \
    || say "could not copy $(basename "$out") to the machine cache (not needed, only slower next time)"
}

# build <label> <output dir> <module dir> <ldflags> <package…>
build() {
  local label="$1" out="$2" moddir="$3" ldflags="$4"; shift 4
  local missing=0 pkg
  for pkg in "$@"; do [[ -x "$out/$(basename "$pkg")" ]] || missing=1; done
  if [[ $missing == 0 ]]; then say "$label: cached in ${out#"$root"/}"; return; fi
  local names=(); for pkg in "$@"; do names+=("$(basename "$pkg")"); done
  if seed "$out" "${names[@]}"; then return; fi
  mkdir -p "$out"
  say "$label: building (first time only, several minutes)…"
  local start=$SECONDS
  (cd "$here/gomod/$moddir" && go build -trimpath -ldflags "$ldflags" -o "$out/" "$@") \
    || fail "$label: go build failed (see the output above)"
  say "$label: built in $((SECONDS - start)) s"
  # etcd is renamed after the build; publish it then (below).
  [[ "$moddir" == etcd ]] || publish "$out"
}

k8s_ldflags() {
  local pkg=k8s.io/component-base/version
  local v="$K8S_VERSION" major minor
  major="${v#v}"; major="${major%%.*}"
  minor="${v#v*.}"; minor="${minor%%.*}"
  printf '%s' "-s -w -X $pkg.gitVersion=$v -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor \
-X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z \
-X k8s.io/client-go/pkg/version.gitVersion=$v -X k8s.io/client-go/pkg/version.gitMajor=$major \
-X k8s.io/client-go/pkg/version.gitMinor=$minor"
}

etcd_dir="$(build_dir "etcd-$ETCD_VERSION")"
if [[ -x "$etcd_dir/etcd" ]]; then
  say "etcd $ETCD_VERSION: cached in ${etcd_dir#"$root"/}"
else
  if ! seed "$etcd_dir" etcd; then
    build "etcd $ETCD_VERSION" "$etcd_dir" etcd "-s -w" go.etcd.io/etcd/server/v3
    # go names the binary of .../server/v3 "server"; give it its real name.
    mv "$etcd_dir/server" "$etcd_dir/etcd"
    publish "$etcd_dir"
  fi
fi

build "kwok $KWOK_VERSION" "$(build_dir "kwok-$KWOK_VERSION")" kwok \
  "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" \
  sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl

build "kubernetes $K8S_VERSION" "$(build_dir "kubernetes-$K8S_VERSION")" kubernetes \
  "$(k8s_ldflags)" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl

# Binaries built before the machine cache existed are published too.
for dir in "$(build_dir "etcd-$ETCD_VERSION")" "$(build_dir "kwok-$KWOK_VERSION")" "$(build_dir "kubernetes-$K8S_VERSION")"; do
  [[ -z "$shared_cache" || -d "$shared_cache/$(basename "$dir")" ]] || publish "$dir"
done

say "all binaries ready under .cache/bin/"
