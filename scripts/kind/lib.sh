# Shared by the scripts of the kind tier: paths, logging, the binary cache.
# Sourced, not run.
# shellcheck shell=bash
kind_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$kind_here/../.." && pwd)"
# shellcheck source=versions.sh
source "$kind_here/versions.sh"
# shellcheck source=../cluster/versions.sh
source "$root/scripts/cluster/versions.sh"

KIND_CACHE="$root/.cache/kind"
KIND_CLUSTER=tp
KIND_NETWORK=kind
KIND_KUBECONFIG="$KIND_CACHE/kubeconfig"
REGISTRY_JSON="$KIND_CACHE/registry.json"
REGISTRY_CONTAINER=tp-registry
KIND_BIN="$KIND_CACHE/bin/kind-$KIND_VERSION/kind"
KUBECTL="$root/.cache/bin/kubernetes-$K8S_VERSION/kubectl"

# The machine-wide copy of what was built, so that a fresh clone on the same
# machine (CI runs in one) starts warm. TP_BIN_CACHE= (empty) turns it off.
KIND_SHARED_CACHE="${TP_BIN_CACHE-${XDG_CACHE_HOME:-$HOME/.cache}/tp-local-cluster/bin}"
[[ -z "$KIND_SHARED_CACHE" ]] || KIND_SHARED_CACHE="${KIND_SHARED_CACHE%/bin}/kind"

say() { printf '[%s] %s\n' "${KIND_STEP:-kind}" "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

go_env() {
  export GOTOOLCHAIN=local
  export GOFLAGS="-buildvcs=false"
  export GOMODCACHE="${GOMODCACHE:-$root/.cache/go/mod}"
  export GOCACHE="${GOCACHE:-$root/.cache/go/build}"
}

# cached <dir> <file…>: true when every file is in <dir>, copying them from
# the machine cache first when they are there.
cached() {
  local dir="$1" name from; shift
  local missing=0
  for name in "$@"; do [[ -s "$dir/$name" ]] || missing=1; done
  [[ $missing == 1 ]] || return 0
  [[ -n "$KIND_SHARED_CACHE" ]] || return 1
  from="$KIND_SHARED_CACHE/${dir#"$KIND_CACHE"/}"
  for name in "$@"; do [[ -s "$from/$name" ]] || return 1; done
  mkdir -p "$dir"
  for name in "$@"; do cp -p "$from/$name" "$dir/$name.tmp" && mv "$dir/$name.tmp" "$dir/$name"; done
  say "${dir#"$KIND_CACHE"/}: copied from the machine cache"
}

# publish <dir>: copies a finished artefact directory to the machine cache.
publish() {
  local dir="$1" to
  [[ -n "$KIND_SHARED_CACHE" ]] || return 0
  to="$KIND_SHARED_CACHE/${dir#"$KIND_CACHE"/}"
  { mkdir -p "$to" && cp -p "$dir"/* "$to/"; } \
    || say "could not copy ${dir#"$KIND_CACHE"/} to the machine cache (only slower next time)"
}

kubectl_kind() { "$KUBECTL" --kubeconfig "$KIND_KUBECONFIG" "$@"; }

# own_tool <name>: builds one of our own small Go programs (scripts/kind/<name>,
# no dependencies), cached by the hash of its source; prints the binary's path.
own_tool() {
  local name="$1" src="$kind_here/$1" hash out
  hash="$(cat "$src"/go.mod "$src"/*.go | sha256sum | cut -c1-12)"
  out="$KIND_CACHE/bin/$name-$hash"
  if ! cached "$out" "$name" >/dev/null 2>&1; then
    go_env
    mkdir -p "$out"
    (cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/$name" .) >&2 || fail "$name: go build failed"
    publish "$out"
  fi
  printf '%s\n' "$out/$name"
}

# docker build, without the legacy builder's notice on every build (Debian's
# docker.io has no buildx).
quiet_build() {
  DOCKER_BUILDKIT=0 docker build "$@" 2> >(grep -v -e "legacy builder is deprecated" -e "buildx component" \
    -e "docs.docker.com/go/buildx" -e "BuildKit is currently disabled" -e "^ *environment-variable.$" -e "^ *$" >&2)
}
