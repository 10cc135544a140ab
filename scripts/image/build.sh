#!/usr/bin/env bash
# npm run image — tp's container image (what deploy/'s grading Jobs run), built
# offline on this machine's Docker engine (the kind tier's, scripts/kind/docker.sh)
# from Debian's packages: Node 20 from trixie (mmdebstrap, no registry needed),
# cut down by minimal-root.sh to node, its libraries and tp's npm package. It
# runs as user 1000, needs no shell and no writable root, and its entrypoint is
# tp: `docker run <image> list`. deploy/Dockerfile builds the same image where a
# registry is reachable.
#
# Cached by content: the Debian root by its suite and package list (under
# .cache/kind/rootfs, and the machine cache), the image by the hash of that
# root, of tp's package and of these scripts, so a warm run only packs tp and
# looks the tag up. Prints the image's tag on stdout. Run `npm run build` first
# (npm run image does).
set -euo pipefail
KIND_STEP=image
# shellcheck source=../kind/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../kind/lib.sh"
here="$root/scripts/image"
IMAGE_SUITE=trixie
IMAGE_PACKAGES=(nodejs ca-certificates)
start=$SECONDS

bash "$kind_here/docker.sh"
[[ -s "$root/dist/tp.cjs" ]] || fail "no dist/tp.cjs: run npm run build first (npm run image does)"

work="$(mktemp -d "${TMPDIR:-/tmp}/tp-image.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# tp as npm ships it; npm pack's archive is reproducible (fixed dates and order), so its hash names its content.
(cd "$root" && npm pack --ignore-scripts --silent --pack-destination "$work" >/dev/null) || fail "npm pack failed"
package="$(echo "$work"/tp-grader-*.tgz)"
version="$(node -p "require('$root/package.json').version")"

key="$(printf '%s\n' "$IMAGE_SUITE" "${IMAGE_PACKAGES[@]}" | sha256sum | cut -c1-12)"
tarball="$KIND_CACHE/rootfs/tp-image-$IMAGE_SUITE-$key.tar"
recipe="$( { echo "$key"; sha256sum "$package" | cut -d' ' -f1; cat "$here/build.sh" "$here/minimal-root.sh"; } | sha256sum | cut -c1-12)"
tag="tp-kind/tp:$version-$recipe"
if docker image inspect "$tag" >/dev/null 2>&1; then
  say "$tag cached ($((SECONDS - start)) s)"
  printf '%s\n' "$tag"
  exit 0
fi

if ! cached "$(dirname "$tarball")" "$(basename "$tarball")" >&2; then
  say "Debian $IMAGE_SUITE with ${IMAGE_PACKAGES[*]}: mmdebstrap…"
  mkdir -p "$(dirname "$tarball")"
  sources=()
  DEBIAN_SUITE="$IMAGE_SUITE"
  # shellcheck source=../kind/rootfs.sh
  source "$kind_here/rootfs.sh"
  mapfile -t sources < <(debian_sources)
  mmdebstrap --quiet --format=tar --variant=minbase --include="$(IFS=,; echo "${IMAGE_PACKAGES[*]}")" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$IMAGE_SUITE" "$tarball.tmp" "${sources[@]}" >&2 || fail "mmdebstrap $IMAGE_SUITE failed (see above)"
  mv "$tarball.tmp" "$tarball"
  publish "$(dirname "$tarball")"
fi

mkdir -p "$work/debian"
tar -xf "$tarball" -C "$work/debian" --exclude='./dev/*'
bash "$here/minimal-root.sh" "$work/debian" "$package" "$work/root"
node_version="$(chroot "$work/debian" /usr/bin/node --version)"
tar -C "$work/root" --numeric-owner -cf - . | docker import \
  --change 'USER 1000:1000' --change 'WORKDIR /home/tp' \
  --change 'ENV PATH=/usr/bin HOME=/home/tp TP_CODE_CACHE=off' \
  --change 'ENTRYPOINT ["/usr/bin/node", "/opt/tp/bin/tp.js"]' --change 'CMD ["--help"]' \
  --change "LABEL org.opencontainers.image.title=tp org.opencontainers.image.version=$version org.opencontainers.image.licenses=MIT" \
  - "$tag" >/dev/null || fail "docker import of $tag failed"
size="$(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.1f MB", $1/1e6}')"
say "built $tag: node $node_version, $size, in $((SECONDS - start)) s"
printf '%s\n' "$tag"
