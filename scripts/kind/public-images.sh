#!/usr/bin/env bash
# Builds the labs' public images that Debian's packages play for real
# (public/images.tsv): nginx and perl on one Debian root file system made with
# mmdebstrap (rootfs.sh), busybox from Debian's busybox-static alone. Each image
# is tagged with the hash of its recipe, so a warm run builds nothing. Prints
# PUBLIC_IMAGE_<recipe>=<tag> lines for up.sh, which pushes them to the mirror
# (registry.sh). --rootfs: only the root file systems (up.sh makes them while
# Go builds). Nothing here touches the node image: images are added to a running
# cluster through the mirror.
set -euo pipefail
KIND_STEP=kind:public
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=rootfs.sh
source "$kind_here/rootfs.sh"

public="$kind_here/public"
# nginx pulls perl in already; one root file system serves both images. perl
# 5.36's own Math::BigInt fails the CKAD job's bpi(2000) ("Can't use an undefined
# value as an ARRAY reference"); Debian's newer libmath-bigint-perl computes it.
PUBLIC_PACKAGES=(nginx perl libmath-bigint-perl)
# Debian 13's busybox: bookworm's (1.35) wget dies of SIGSEGV whenever it is
# given -T, the timeout the labs' reach probes and the CKAD exercises use.
BUSYBOX_SUITE=trixie

have() { docker image inspect "$1" >/dev/null 2>&1; }

# busybox_binary: prints the path of Debian's static busybox, extracted once
# from its package (mmdebstrap's extract variant: no dpkg, no dependencies).
busybox_binary() {
  local key; key="$(printf '%s\n' "$BUSYBOX_SUITE" busybox-static | sha256sum | cut -c1-12)"
  local dir="$KIND_CACHE/bin/busybox-$BUSYBOX_SUITE-$key"
  if ! cached "$dir" busybox >&2; then
    say "busybox: mmdebstrap --variant=extract busybox-static ($BUSYBOX_SUITE)…"
    local sources=() tmp; mapfile -t sources < <(DEBIAN_SUITE=$BUSYBOX_SUITE debian_sources)
    tmp="$(mktemp -d "$KIND_CACHE/busybox.XXXXXX")"
    mmdebstrap --quiet --variant=extract --include=busybox-static --format=directory \
      "$BUSYBOX_SUITE" "$tmp/root" "${sources[@]}" >&2 || { rm -rf "$tmp"; fail "mmdebstrap busybox-static failed (see above)"; }
    mkdir -p "$dir"
    cp "$tmp/root/usr/bin/busybox" "$dir/busybox.tmp" && mv "$dir/busybox.tmp" "$dir/busybox"
    rm -rf "$tmp"
    publish "$dir"
  fi
  printf '%s\n' "$dir/busybox"
}

# recipe_tag <recipe> <what it is made of…>: the image's tag, from the hash of
# its files and base (contents, never paths: every worktree names it alike).
recipe_tag() {
  local recipe="$1"; shift
  printf 'tp-kind/public-%s:%s\n' "$recipe" "$( { cat "$public/$recipe.Dockerfile"; printf '%s\n' "$@"; } | sha256sum | cut -c1-12)"
}

mkdir -p "$KIND_CACHE"
rootfs="$(rootfs_image public "${PUBLIC_PACKAGES[@]}")"
busybox="$(busybox_binary)"
[[ "${1:-}" != --rootfs ]] || exit 0

nginx_tag="$(recipe_tag nginx "$rootfs" "$(cat "$public/nginx.conf" "$public/default.conf")")"
if ! have "$nginx_tag"; then
  quiet_build -q -f "$public/nginx.Dockerfile" --build-arg "ROOTFS=$rootfs" -t "$nginx_tag" "$public" >/dev/null \
    || fail "docker build of nginx failed"
  say "built $nginx_tag"
fi

perl_tag="$(recipe_tag perl "$rootfs")"
if ! have "$perl_tag"; then
  quiet_build -q -f "$public/perl.Dockerfile" --build-arg "ROOTFS=$rootfs" -t "$perl_tag" "$public" >/dev/null \
    || fail "docker build of perl failed"
  say "built $perl_tag"
fi

busybox_tag="$(recipe_tag busybox "$(cat "$busybox" "$public/passwd" "$public/group" | sha256sum)")"
if ! have "$busybox_tag"; then
  context="$(mktemp -d "$KIND_CACHE/context.XXXXXX")"
  cp -p "$busybox" "$public/passwd" "$public/group" "$context/"
  quiet_build -q -f "$public/busybox.Dockerfile" -t "$busybox_tag" "$context" >/dev/null \
    || { rm -rf "$context"; fail "docker build of busybox failed"; }
  rm -rf "$context"
  say "built $busybox_tag"
fi

printf 'PUBLIC_IMAGE_nginx=%s\nPUBLIC_IMAGE_perl=%s\nPUBLIC_IMAGE_busybox=%s\n' "$nginx_tag" "$perl_tag" "$busybox_tag"
