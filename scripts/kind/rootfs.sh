# Root file systems from Debian's packages (mmdebstrap), imported as Docker
# images. Sourced by build-images.sh.
# shellcheck shell=bash

# Packages of the base every component image starts from (one shared layer):
# glibc for the Go binaries built with cgo, iptables for kube-proxy, python3
# for the TP4 app.
COMPONENT_PACKAGES=(ca-certificates iptables python3-minimal python-is-python3)
# Packages of a kind node: systemd as PID 1, what kubelet, kubeadm and
# containerd call (mount, iptables, conntrack, ip, ethtool…).
NODE_PACKAGES=(systemd systemd-sysv dbus ca-certificates iptables nftables conntrack iproute2 ethtool
  util-linux mount kmod libseccomp2 pigz procps jq socat ebtables)

debian_sources() {
  local mirror="${TP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  local security="${TP_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
  printf '%s\n' "deb $mirror $DEBIAN_SUITE main" "deb $mirror $DEBIAN_SUITE-updates main" \
    "deb $security $DEBIAN_SUITE-security main"
}

# rootfs_image <name> <package…>: prints the tag of a Docker image holding a
# minimal Debian with these packages, building it when Docker lacks it.
rootfs_image() {
  local name="$1"; shift
  local key; key="$(printf '%s\n' "$DEBIAN_SUITE" "$@" | sha256sum | cut -c1-12)"
  local tag="tp-kind/$name-rootfs:$DEBIAN_SUITE-$key"
  if docker image inspect "$tag" >/dev/null 2>&1; then printf '%s\n' "$tag"; return; fi
  local tarball="$KIND_CACHE/rootfs/$name-$DEBIAN_SUITE-$key.tar"
  if ! cached "$(dirname "$tarball")" "$(basename "$tarball")" >&2; then
    say "$name root file system: mmdebstrap $DEBIAN_SUITE (${#@} packages)…"
    local start=$SECONDS
    mkdir -p "$(dirname "$tarball")"
    local sources=(); mapfile -t sources < <(debian_sources)
    mmdebstrap --quiet --format=tar --variant=minbase --include="$(IFS=,; echo "$*")" \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
      "$DEBIAN_SUITE" "$tarball.tmp" "${sources[@]}" >&2 \
      || fail "mmdebstrap $name failed (see above)"
    mv "$tarball.tmp" "$tarball"
    say "$name root file system: $(du -h "$tarball" | cut -f1) in $((SECONDS - start)) s"
    publish "$(dirname "$tarball")"
  fi
  docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$tarball" "$tag" >/dev/null || fail "docker import $tarball failed"
  printf '%s\n' "$tag"
}
