# The private registry of the kind tier: distribution's registry with htpasswd
# authentication, on the kind network as tp-registry:5000, published on
# 127.0.0.1 only so that this machine can push the TP4 app to it.
# Sourced by up.sh.
# shellcheck shell=bash

# The reference solution's pull Secret (labs/tp4/solution/manifests.yaml) holds
# these throw-away credentials: the registry accepts them and nothing else.
REGISTRY_USERNAME=student
REGISTRY_PASSWORD=S3cr3t-Regsec-Pa55
REGISTRY_SERVER="$REGISTRY_CONTAINER:5000"

start_registry() {
  if [[ "$(docker inspect -f '{{.State.Running}}' "$REGISTRY_CONTAINER" 2>/dev/null)" != true ]]; then
    docker rm -f "$REGISTRY_CONTAINER" >/dev/null 2>&1 || true
    local htpasswd; htpasswd="$(htpasswd -nbB "$REGISTRY_USERNAME" "$REGISTRY_PASSWORD")" || fail "htpasswd failed (apache2-utils)"
    docker create --name "$REGISTRY_CONTAINER" --network "$KIND_NETWORK" --label tp-kind=registry \
      -p 127.0.0.1::5000 "$REGISTRY_IMAGE" >/dev/null || fail "could not create the registry container"
    local dir; dir="$(mktemp -d)"; mkdir -p "$dir/auth"; printf '%s\n' "$htpasswd" >"$dir/auth/htpasswd"
    docker cp "$dir/auth" "$REGISTRY_CONTAINER:/auth" && rm -rf "$dir"
    docker start "$REGISTRY_CONTAINER" >/dev/null || fail "the registry did not start"
  fi
  REGISTRY_LOCAL="127.0.0.1:$(docker port "$REGISTRY_CONTAINER" 5000/tcp | head -n1 | sed 's/.*://')"
  for _ in $(seq 1 30); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY_LOCAL/v2/")" == 401 ]] && return
    sleep 0.5
  done
  docker logs "$REGISTRY_CONTAINER" 2>&1 | tail -n 5 >&2
  fail "the registry does not answer on $REGISTRY_LOCAL"
}

# push_app <tag> <APP_VERSION>: builds the TP4 app from labs/tp4/app on the
# local Python base and pushes it with the registry's credentials.
# The label makes these images differ from a plain `docker build` of the same
# app (the CI example builds one and `kind load`s it): a kubelet that pulled an
# image with a pull Secret re-checks the credentials of whatever name later
# points at the same image ID (KubeletEnsureSecretPulledImages), and would try
# to pull the loaded one from its made-up registry.
push_app() {
  local tag="$1" local_ref="$REGISTRY_LOCAL/dalk/app:$1"
  quiet_build -q --label "org.tp.kind.registry=$REGISTRY_SERVER" \
    --build-arg "PYTHON_IMAGE=$PYTHON_IMAGE" --build-arg "APP_VERSION=$tag" \
    -t "$local_ref" "$root/labs/tp4/app" >/dev/null || fail "docker build of the TP4 app $tag failed"
  DOCKER_CONFIG="$KIND_CACHE/docker-config" docker push -q "$local_ref" >/dev/null || fail "docker push $local_ref failed"
}

push_apps() {
  mkdir -p "$KIND_CACHE/docker-config"
  printf '%s' "$REGISTRY_PASSWORD" | DOCKER_CONFIG="$KIND_CACHE/docker-config" \
    docker login -u "$REGISTRY_USERNAME" --password-stdin "$REGISTRY_LOCAL" >/dev/null 2>&1 || fail "docker login $REGISTRY_LOCAL failed"
  push_app v0.1
  push_app v0.2
}

# hosts_on_nodes <registry> <upstream server> <host to ask first>: tells the
# containerd of every node where to pull that registry's images from (HTTP).
hosts_on_nodes() {
  local registry="$1" upstream="$2" host="$3" node
  for node in $("$KIND_BIN" get nodes --name "$KIND_CLUSTER"); do
    docker exec -i "$node" sh -c "mkdir -p /etc/containerd/certs.d/$registry && cat >/etc/containerd/certs.d/$registry/hosts.toml" <<TOML
server = "$upstream"
[host."http://$host"]
  capabilities = ["pull", "resolve"]
TOML
  done
}

# The nodes reach the registry by its name on the kind network, over HTTP.
trust_registry_on_nodes() { hosts_on_nodes "$REGISTRY_SERVER" "http://$REGISTRY_SERVER" "$REGISTRY_SERVER"; }

write_registry_json() {
  jq -n --arg server "$REGISTRY_SERVER" --arg username "$REGISTRY_USERNAME" --arg password "$REGISTRY_PASSWORD" \
    --arg local "$REGISTRY_LOCAL" \
    '{server: $server, username: $username, password: $password, pushFrom: $local,
      images: {"v0.1": "\($server)/dalk/app:v0.1", "v0.2": "\($server)/dalk/app:v0.2"}}' >"$REGISTRY_JSON.tmp"
  mv "$REGISTRY_JSON.tmp" "$REGISTRY_JSON"
}

# The mirror: the labs' public images, real ones built from Debian's packages
# (public/images.tsv, public-images.sh) and stand-ins for the others
# (images/standins.tsv).
MIRROR_CONTAINER=tp-mirror
MIRROR_SERVER="$MIRROR_CONTAINER:5000"

# image_path <image as the labs name it>: "<registry> <repository>:<tag>", as a pull resolves it.
image_path() {
  local ref="$1" registry=docker.io
  [[ "$ref" == *:* && "${ref##*:}" != */* ]] || ref="$ref:latest"
  local first="${ref%%/*}"
  if [[ "$ref" == */* && ( "$first" == *.* || "$first" == *:* ) ]]; then registry="$first"; ref="${ref#*/}"; fi
  [[ "$ref" == */* ]] || ref="library/$ref"
  printf '%s %s\n' "$registry" "$ref"
}

start_mirror() {
  if [[ "$(docker inspect -f '{{.State.Running}}' "$MIRROR_CONTAINER" 2>/dev/null)" != true ]]; then
    docker rm -f "$MIRROR_CONTAINER" >/dev/null 2>&1 || true
    docker run -d --name "$MIRROR_CONTAINER" --network "$KIND_NETWORK" --label tp-kind=mirror \
      -p 127.0.0.1::5000 "$REGISTRY_IMAGE" /etc/mirror.yml >/dev/null || fail "the mirror registry did not start"
  fi
  MIRROR_LOCAL="127.0.0.1:$(docker port "$MIRROR_CONTAINER" 5000/tcp | head -n1 | sed 's/.*://')"
  for _ in $(seq 1 30); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$MIRROR_LOCAL/v2/")" == 200 ]] && return
    sleep 0.5
  done
  fail "the mirror registry does not answer on $MIRROR_LOCAL"
}

# mirror_push <local image> <registry> <repository:tag>: pushes it to the
# mirror, unless the mirror already serves that very image (a manifest whose
# config is the image's ID), so that a warm kind:up uploads nothing.
declare -A MIRROR_IDS=()
mirror_push() {
  local image="$1" registry="$2" path="$3" id served
  id="$(docker image inspect -f '{{.Id}}' "$image")" || fail "no image $image to push"
  MIRROR_IDS["$registry/$path"]="$id"
  served="$(curl -sf -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$MIRROR_LOCAL/v2/${path%:*}/manifests/${path##*:}" | jq -r '.config.digest // empty' 2>/dev/null || true)"
  [[ "$served" != "$id" ]] || return 0
  docker tag "$image" "$MIRROR_LOCAL/$path"
  docker push -q "$MIRROR_LOCAL/$path" >/dev/null || fail "docker push of $image as $path failed"
  docker rmi "$MIRROR_LOCAL/$path" >/dev/null
}

# forget_replaced_images: a node keeps what it pulled under a tag (pods pull
# nginx:1.12.2 only if it is not present): when the mirror serves another image
# under that name (a stand-in became a real image), the node's copy is removed.
forget_replaced_images() {
  local node stale ids
  ids="$(for name in "${!MIRROR_IDS[@]}"; do printf '%s\t%s\n' "$name" "${MIRROR_IDS[$name]}"; done \
    | jq -R -n '[inputs | split("\t") | {key: .[0], value: .[1]}] | from_entries')"
  for node in $("$KIND_BIN" get nodes --name "$KIND_CLUSTER"); do
    mapfile -t stale < <(docker exec "$node" crictl images -o json | jq -r --argjson ids "$ids" \
      '.images[] | .id as $id | .repoTags[] | select($ids[.] != null and $ids[.] != $id)')
    # crictl warns when an image goes with other tags (every nginx tag is one image): expected.
    [[ ${#stale[@]} == 0 ]] || docker exec "$node" crictl rmi "${stale[@]}" >/dev/null 2>&1 \
      || say "$node: could not remove the replaced images ${stale[*]}"
  done
}

MIRRORED_REGISTRIES=()
mirrored() { [[ " ${MIRRORED_REGISTRIES[*]} " == *" $1 "* ]] || MIRRORED_REGISTRIES+=("$1"); }

push_standins() {
  local image port body require registry path tag
  while IFS=$'\t' read -r image port body require; do
    [[ -z "$image" || "$image" == \#* ]] && continue
    read -r registry path <<<"$(image_path "$image")"
    tag="tp-kind/standin:$(printf '%s\n' "$(docker image inspect -f '{{.Id}}' "$PYTHON_IMAGE")" "$port" "$body" "$require" \
      | cat - "$kind_here/images/standin.py" "$kind_here/images/standin.Dockerfile" | sha256sum | cut -c1-12)"
    docker image inspect "$tag" >/dev/null 2>&1 \
      || quiet_build -q -f "$kind_here/images/standin.Dockerfile" --build-arg "BASE=$PYTHON_IMAGE" --build-arg "PORT=$port" \
        --build-arg "BODY=$body" --build-arg "REQUIRE_ONE_OF=$require" -t "$tag" "$kind_here/images" >/dev/null \
      || fail "docker build of the stand-in for $image failed"
    mirror_push "$tag" "$registry" "$path"
    mirrored "$registry"
  done <"$kind_here/images/standins.tsv"
}

# push_public_images: the images of public-images.sh (PUBLIC_IMAGE_<recipe>),
# under every name public/images.tsv gives them.
push_public_images() {
  local image recipe registry path built
  while IFS=$'\t' read -r image recipe; do
    [[ -z "$image" || "$image" == \#* ]] && continue
    built="PUBLIC_IMAGE_$recipe"
    [[ -n "${!built:-}" ]] || fail "public/images.tsv: $image names the recipe '$recipe', which public-images.sh does not build"
    read -r registry path <<<"$(image_path "$image")"
    mirror_push "${!built}" "$registry" "$path"
    mirrored "$registry"
  done <"$kind_here/public/images.tsv"
}

# The nodes ask the mirror first for the registries it stands in for, and pull
# the tier's own images (tp-mirror:5000/tp-kind/…) from it over HTTP.
mirror_on_nodes() {
  local registry upstream
  for registry in "${MIRRORED_REGISTRIES[@]}"; do
    upstream="https://$registry"; [[ "$registry" == docker.io ]] && upstream=https://registry-1.docker.io
    hosts_on_nodes "$registry" "$upstream" "$MIRROR_SERVER"
  done
  hosts_on_nodes "$MIRROR_SERVER" "http://$MIRROR_SERVER" "$MIRROR_SERVER"
}
