#!/usr/bin/env bash
# minimal-root.sh <debian root> <package.tgz> <out dir>: the root file system of
# tp's image, made from a Debian root that has nodejs (Debian's own build, from
# trixie: bookworm's is Node 18): only node and the shared libraries it loads
# (listed by ldd inside that root), the CA bundle, a passwd line for the user
# the image runs as, and tp's npm package (what `npm pack` ships: the bundle,
# the lab files, the schemas, the answers templates, never a reference
# solution) in /opt/tp. No shell, no package manager, nothing else to run.
# Used by scripts/image/build.sh (offline, from mmdebstrap) and
# deploy/Dockerfile (where a registry is reachable), so both make the same image.
set -euo pipefail
from="$1" package="$2" out="$3"
[[ -x "$from/usr/bin/node" ]] || { echo "minimal-root: $from has no /usr/bin/node" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
# The merged-/usr links first (/lib -> usr/lib…): the loader's path in node (/lib64/ld-linux-…) and
# the libraries ldd names under /lib then land once, in usr/.
for link in lib lib64 bin sbin; do
  if [[ -L "$from/$link" ]]; then cp -a "$from/$link" "$out/$link" && mkdir -p "$out/$(readlink "$from/$link")"; fi
done
copy() { # copy <absolute path in $from>: the file and, for a link, what it points at
  local path="$1"
  while :; do
    mkdir -p "$out$(dirname "$path")"
    cp -a "$from$path" "$out$path"
    [[ -L "$from$path" ]] || break
    local target; target="$(readlink "$from$path")"
    [[ "$target" == /* ]] || target="$(dirname "$path")/$target"
    path="$(realpath -m "$target")"
  done
}
copy /usr/bin/node
# ldd run in the Debian root names the libraries as that root has them (/lib is a link to usr/lib there).
ldd_run=(chroot "$from" ldd /usr/bin/node)
[[ $(id -u) == 0 ]] || ldd_run=(fakechroot chroot "$from" ldd /usr/bin/node)
while read -r lib; do copy "$lib"; done < <("${ldd_run[@]}" | grep -o '/[^ ]*' | sort -u)
# Debian's node keeps some of its own JavaScript outside libnode (acorn, undici, cjs-module-lexer…,
# "externalized builtins" under /usr/share/nodejs) and refuses to start without them: the files it names.
libnode="$(find "$from/usr/lib" -name 'libnode.so.*' -type f | head -n1)"
while read -r file; do [[ -e "$from$file" ]] && copy "$file"; done < <(grep -aoE '/usr/share/nodejs/[A-Za-z0-9@._/-]+\.js' "$libnode" | sort -u)
# OpenSSL's configuration and the CA bundle (Moodle's web services over HTTPS; the API server's CA comes from the kubeconfig).
for file in /etc/ssl/openssl.cnf /etc/ssl/certs/ca-certificates.crt /usr/lib/ssl; do [[ -e "$from$file" ]] && copy "$file"; done

mkdir -p "$out/opt/tp" "$out/etc" "$out/tmp" "$out/home/tp"
chmod 1777 "$out/tmp"
tar -xzf "$package" -C "$out/opt/tp" --strip-components=1
# The user of deploy/job.yaml's securityContext (runAsUser 1000): named, with a home.
printf 'root:x:0:0:root:/root:/nonexistent\ntp:x:1000:1000:tp:/home/tp:/nonexistent\n' >"$out/etc/passwd"
printf 'root:x:0:\ntp:x:1000:\n' >"$out/etc/group"
chown 1000:1000 "$out/home/tp"
