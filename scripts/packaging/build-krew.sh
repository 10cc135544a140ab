#!/usr/bin/env bash
# Builds krew (the kubectl plugin manager) from its Go module, for the test that
# installs tp's krew manifest with it (test/live/executable.test.ts). Prints the
# binary's path. Cached in .cache/bin/krew-<version>/ and the machine-wide cache that
# scripts/cluster/build.sh uses, so a warm run builds nothing.
set -euo pipefail

KREW_VERSION=v0.4.3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/.cache/bin/krew-$KREW_VERSION"
shared_cache="${TP_BIN_CACHE-${XDG_CACHE_HOME:-$HOME/.cache}/tp-local-cluster/bin}"

say() { printf '[krew:build] %s\n' "$*" >&2; }

if [[ ! -x "$out/krew" && -n "$shared_cache" && -x "$shared_cache/krew-$KREW_VERSION/krew" ]]; then
  mkdir -p "$out" && cp -p "$shared_cache/krew-$KREW_VERSION/krew" "$out/krew"
fi
if [[ ! -x "$out/krew" ]]; then
  command -v go >/dev/null || { say "FAILED: go is not installed"; exit 1; }
  say "building krew $KREW_VERSION (first time only)…"
  start=$SECONDS
  GOTOOLCHAIN=local GOFLAGS="-buildvcs=false" GOBIN="$out" \
    GOMODCACHE="${GOMODCACHE:-$root/.cache/go/mod}" GOCACHE="${GOCACHE:-$root/.cache/go/build}" \
    go install -trimpath "sigs.k8s.io/krew/cmd/krew@$KREW_VERSION" >&2
  say "built in $((SECONDS - start)) s"
  if [[ -n "$shared_cache" ]]; then
    mkdir -p "$shared_cache/krew-$KREW_VERSION" && cp -p "$out/krew" "$shared_cache/krew-$KREW_VERSION/" || true
  fi
fi
printf '%s\n' "$out/krew"
