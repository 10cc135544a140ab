# Versions of the kind tier (scripts/kind/). Every artefact is cached under
# .cache/kind/ in a directory named after the version (and, for images, the
# hash of the recipe) it was built from, so changing one rebuilds only what
# depends on it. Kubernetes itself (kubelet, kubeadm, kube-proxy…) comes from
# scripts/cluster/versions.sh, shared with the KWOK tier.
# shellcheck shell=bash
KIND_VERSION=v0.33.0
CONTAINERD_VERSION=v2.3.7
RUNC_VERSION=v1.4.4
CRICTL_VERSION=v1.37.0
CNI_PLUGINS_VERSION=v1.9.1
COREDNS_VERSION=v1.14.7
REGISTRY_VERSION=v3.0.0
# The Debian release every root file system is made from (mmdebstrap).
DEBIAN_SUITE=bookworm
