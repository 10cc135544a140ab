#!/usr/bin/env bash
# Times the kind tier's warm start and reports its disk use:
#   bash bench/kind-tier.sh
# (kind:down, then kind:up from down, then kind:up when already up; the images
# must be built already: a first `npm run kind:up` builds them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds() { local start=$SECONDS; "$@" >/dev/null 2>&1; echo $((SECONDS - start)); }
bash scripts/kind/down.sh >/dev/null 2>&1
echo "kind:up from down (cluster, registries, pushes, 3 Ready nodes): $(seconds bash scripts/kind/up.sh) s"
echo "kind:up already up: $(seconds bash scripts/kind/up.sh) s"
echo "disk:"
du -sh .cache/kind/bin .cache/kind/rootfs 2>/dev/null | sed 's/^/  /'
docker system df --format '  docker {{.Type}}: {{.Size}}'
docker image inspect -f '  node image {{index .RepoTags 0}}: {{.Size}} bytes' "$(docker inspect -f '{{.Config.Image}}' tp-control-plane)"
