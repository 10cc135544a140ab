# NetworkPolicy enforcement on the kind tier: tp-netpol (netpol/main.go, the
# controller of sigs.k8s.io/kube-network-policies fed by an iptables NFQUEUE
# rule) as a DaemonSet in kube-system, added to a running cluster through the
# mirror registry, idempotently. Sourced by up.sh (after registry.sh).
# shellcheck shell=bash

# build_netpol_image: the binary (cached by the hash of its module) and its
# image on the shared Debian base; sets NETPOL_IMAGE.
build_netpol_image() {
  local src="$kind_here/netpol" hash out
  hash="$(cat "$src"/go.mod "$src"/go.sum "$src"/*.go | sha256sum | cut -c1-12)"
  out="$KIND_CACHE/bin/netpol-$hash"
  if ! cached "$out" tp-netpol; then
    say "tp-netpol: building (sigs.k8s.io/kube-network-policies)…"
    local start=$SECONDS
    go_env
    mkdir -p "$out"
    (cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/tp-netpol.tmp" .) >&2 \
      || fail "tp-netpol: go build failed (see above)"
    mv "$out/tp-netpol.tmp" "$out/tp-netpol"
    say "tp-netpol: built in $((SECONDS - start)) s"
    publish "$out"
  fi
  # The base's ID, not its tag: the tag differs between worktrees, the image does not.
  NETPOL_IMAGE="tp-kind/netpol:$(printf '%s\n' "$hash" "$(docker image inspect -f '{{.Id}}' "$PYTHON_IMAGE")" | cat - "$src/Dockerfile" | sha256sum | cut -c1-12)"
  docker image inspect "$NETPOL_IMAGE" >/dev/null 2>&1 && return
  local context; context="$(mktemp -d "$KIND_CACHE/context.XXXXXX")"
  cp -p "$out/tp-netpol" "$context/"
  quiet_build -q -f "$src/Dockerfile" --build-arg "BASE=$PYTHON_IMAGE" -t "$NETPOL_IMAGE" "$context" >/dev/null \
    || { rm -rf "$context"; fail "docker build of $NETPOL_IMAGE failed"; }
  rm -rf "$context"
}

# deploy_netpol: pushes the image to the mirror and applies the DaemonSet (a
# new image rolls it), then waits for a ready pod on every node.
deploy_netpol() {
  mirror_push "$NETPOL_IMAGE" "$MIRROR_SERVER" "$NETPOL_IMAGE"
  sed "s|\${IMAGE}|$MIRROR_SERVER/$NETPOL_IMAGE|" "$kind_here/netpol/netpol.yaml" | kubectl_kind apply -f - >/dev/null \
    || fail "kubectl apply of the NetworkPolicy enforcer failed"
  kubectl_kind -n kube-system rollout status daemonset/tp-netpol --timeout=180s >/dev/null \
    || { kubectl_kind -n kube-system logs daemonset/tp-netpol --tail=20 >&2 || true; fail "the NetworkPolicy enforcer (daemonset tp-netpol) did not become ready"; }
}
