#!/usr/bin/env bash
# Builds Helm from its Go module (helm.sh/helm/v3 on the Go proxy: no release
# download is reachable here), for the Helm lab's proof (test/kind/ckad-helm.test.ts), which runs the
# real helm to make the state the CKAD Helm lab grades. tp itself never runs
# helm. Cached under .cache/kind/bin/helm-<version>/ and in the machine cache;
# prints the binary's path.
set -euo pipefail
KIND_STEP=kind:helm
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Its version lives here, not in versions.sh: that file is part of the node image's
# recipe hash (build-images.sh), and a change there makes kind:up recreate the cluster.
HELM_VERSION=v3.22.0
go_env
command -v go >/dev/null || fail "go is not installed (Go $GO_MIN or newer is needed)"
out="$KIND_CACHE/bin/helm-$HELM_VERSION"
if ! cached "$out" helm; then
  say "helm $HELM_VERSION: building…"
  start=$SECONDS
  mkdir -p "$out.tmp"
  CGO_ENABLED=0 GOBIN="$out.tmp" go install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2 || fail "helm: go install failed (see above)"
  rm -rf "$out" && mv "$out.tmp" "$out"
  say "helm $HELM_VERSION: built in $((SECONDS - start)) s"
  publish "$out"
fi
printf '%s\n' "$out/helm"
