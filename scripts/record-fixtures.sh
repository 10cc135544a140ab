#!/usr/bin/env bash
# Records fixture snapshots from the local cluster for the engine's fast unit
# tests: the TP4 reference solution in a scratch namespace, read by `tp snapshot`.
# Usage: npm run cluster:up && bash scripts/record-fixtures.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/cluster/versions.sh
kubeconfig="${TP_TEST_KUBECONFIG:-.cache/cluster/kubeconfig}"
kubectl=(".cache/bin/kubernetes-$K8S_VERSION/kubectl" --kubeconfig "$kubeconfig")
namespace="tp-fixtures-$RANDOM"

npm run --silent build
"${kubectl[@]}" create namespace "$namespace" >/dev/null
trap '"${kubectl[@]}" delete namespace "$namespace" --wait=false >/dev/null' EXIT
# The default ServiceAccount comes a moment after the namespace; pods wait for it.
until "${kubectl[@]}" -n "$namespace" get serviceaccount default >/dev/null 2>&1; do sleep 0.2; done
sed 's/\${registry}/registry.example.org/g' labs/tp4/solution/manifests.yaml | "${kubectl[@]}" -n "$namespace" apply -f - >/dev/null
"${kubectl[@]}" -n "$namespace" rollout status deployment/kubernetes-app --timeout=60s >/dev/null
until [[ "$("${kubectl[@]}" -n "$namespace" get endpointslices -l kubernetes.io/service-name=kubernetes-app -o jsonpath='{range .items[*].endpoints[*]}x{end}')" == xx ]]; do sleep 0.2; done

mkdir -p fixtures
node bin/tp.js snapshot 4 --kubeconfig "$kubeconfig" -n "$namespace" --stable --output fixtures/tp4-solved.snapshot.json
# The namespace name changes on every recording; fixtures use a fixed one.
sed -i "s/$namespace/tp4-student/g" fixtures/tp4-solved.snapshot.json
echo "recorded fixtures/tp4-solved.snapshot.json"
