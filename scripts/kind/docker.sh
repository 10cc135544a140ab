#!/usr/bin/env bash
# Makes sure a Docker engine answers: installs Debian's docker.io when it is
# missing, registers the runc wrapper when this machine cannot grant every
# capability (see runc-nocap/main.go), and starts dockerd in the background
# when nothing runs it (there is no systemd on CI). A dockerd started here is
# recorded in .cache/kind/dockerd.pid, so that `kind:down --docker` (and CI)
# stops it and only it.
set -euo pipefail
KIND_STEP=kind:docker
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# What the kind tier runs, by the Debian package that brings it.
declare -A PACKAGE_OF=([dockerd]=docker.io [mmdebstrap]=mmdebstrap [htpasswd]=apache2-utils [jq]=jq [curl]=curl
  [gcc]=gcc [pkg-config]=pkg-config [iptables]=iptables)
missing=()
for command in "${!PACKAGE_OF[@]}"; do command -v "$command" >/dev/null || missing+=("${PACKAGE_OF[$command]}"); done
# runc's seccomp support links against libseccomp.
[[ -e /usr/include/seccomp.h ]] || missing+=(libseccomp-dev)
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ $(id -u) == 0 ]] || fail "missing: ${missing[*]}; install them (apt-get install ${missing[*]}) or run this as root"
  say "installing ${missing[*]} (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" libc6-dev >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
fi

# The capability bounding set lacks some of the 41 capabilities: privileged
# containers need the wrapper that drops them from the OCI spec.
wrapper_needed() {
  local bounding; bounding="$(awk '/^CapBnd:/ {print $2}' /proc/self/status)"
  (( (16#$bounding & 16#1ffffffffff) != 16#1ffffffffff ))
}

daemon_json=/etc/docker/daemon.json
wrapper=/usr/local/libexec/tp-kind/runc-nocap
configure_wrapper() {
  local built; built="$(own_tool runc-nocap)"
  mkdir -p "$(dirname "$wrapper")"
  cmp -s "$built" "$wrapper" 2>/dev/null || install -m 0755 "$built" "$wrapper"
  local current='{}' wanted
  [[ -s "$daemon_json" ]] && current="$(cat "$daemon_json")"
  wanted="$(jq --arg path "$wrapper" '.runtimes["runc-nocap"] = {path: $path} | ."default-runtime" = "runc-nocap"' <<<"$current")"
  if [[ "$(jq -S . <<<"$current")" != "$(jq -S . <<<"$wanted")" ]]; then
    mkdir -p /etc/docker && printf '%s\n' "$wanted" >"$daemon_json"
    say "registered $wrapper as Docker's default runtime in $daemon_json (this machine cannot grant every capability)"
    # dockerd reloads its runtimes on SIGHUP.
    if [[ -s /var/run/docker.pid ]] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then kill -HUP "$(cat /var/run/docker.pid)"; sleep 1; fi
  fi
}
if wrapper_needed; then configure_wrapper; fi

if ! docker info >/dev/null 2>&1; then
  mkdir -p "$KIND_CACHE"
  say "starting dockerd in the background (log: .cache/kind/dockerd.log)…"
  setsid dockerd >"$KIND_CACHE/dockerd.log" 2>&1 </dev/null &
  echo $! >"$KIND_CACHE/dockerd.pid"
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 20 "$KIND_CACHE/dockerd.log" >&2; fail "dockerd did not answer within 60 s"; }
fi
say "docker $(docker version --format '{{.Server.Version}}') answers (default runtime: $(docker info --format '{{.DefaultRuntime}}'))"
