# Versions of the local control plane. Changing one rebuilds only that binary
# (the cache under .cache/bin/ is keyed by version). Keep them in step with the
# go.mod files under scripts/cluster/gomod/.
K8S_VERSION=v1.36.3
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
GO_MIN=1.26
