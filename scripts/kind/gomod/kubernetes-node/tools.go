//go:build tools

// Package tools pins the Kubernetes commands a kind node needs (the control
// plane's binaries come from scripts/cluster/gomod/kubernetes), so that
// `go mod tidy` keeps their dependencies in go.sum.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-proxy"
	_ "k8s.io/kubernetes/cmd/kubeadm"
	_ "k8s.io/kubernetes/cmd/kubelet"
)
