#!/usr/bin/env bash
# TP4 graded the way verify scripts are written today: one kubectl (or curl)
# call per check, for ONE student. The benchmark runs it beside `tp grade` to
# compare the time per student. Usage:
#   bench/verify-kubectl.sh <kubeconfig> <namespace> <answers file>
# Prints "score/max"; every check's result goes to stderr with -v.
set -uo pipefail
KUBECTL="${KUBECTL:-$(dirname "${BASH_SOURCE[0]}")/../.cache/bin/kubernetes-v1.36.3/kubectl}"
export KUBECONFIG="$1"
NS="$2"
ANSWERS="$3"
VERBOSE="${VERBOSE:-0}"
score=0
max=0

k() { "$KUBECTL" -n "$NS" "$@" 2>/dev/null; }
answer() { sed -n "s/^[[:space:]{]*\"$1\"[[:space:]]*:[[:space:]]*\"\(.*\)\".*/\1/p" "$ANSWERS" | head -n1; }
check() {
  local name="$1" points="$2"
  shift 2
  max=$((max + points))
  if "$@"; then
    score=$((score + points))
    [[ "$VERBOSE" == 1 ]] && echo "PASS $name" >&2
  else
    [[ "$VERBOSE" == 1 ]] && echo "FAIL $name" >&2
  fi
  return 0
}
same() { [[ "$1" == "$2" ]]; }
rolled_out() { k rollout status deploy/kubernetes-app --timeout=5s >/dev/null; }

# 1. contexts
check answer1 1 same "$(answer Answer1)" "$("$KUBECTL" config get-contexts -o name | wc -l | tr -d ' ')"
check answer2 1 same "$(answer Answer2)" "$("$KUBECTL" config view --minify -o jsonpath='{.clusters[0].cluster.server}' | sed -E 's#^[a-z]+://##; s#[:/].*$##')"
ctx_ns="$("$KUBECTL" config view --minify -o jsonpath='{.contexts[0].context.namespace}')"
check answer3 1 same "$(answer Answer3)" "${ctx_ns:-$NS}"
# 2. labels and selectors
check cm1 1 same "$(k get cm cm1 -o jsonpath='{.metadata.labels.version},{.metadata.labels.country}')" "1.0,fr"
check cm2 1 same "$(k get cm cm2 -o jsonpath='{.metadata.labels.version},{.metadata.labels.country}')" "1.0,uk"
check cm3 1 same "$(k get cm cm3 -o jsonpath='{.metadata.labels.version},{.metadata.labels.country}')" "1.1,de"
check cm4 1 same "$(k get cm cm4 -o jsonpath='{.metadata.labels.version},{.metadata.labels.country}')" "1.1,fr"
check cm5 1 same "$(k get cm cm5 -o jsonpath='{.metadata.name}:{.metadata.labels.version}')" "cm5:"
check answer4 1 same "$(k get cm -l "$(answer Answer4)" -o name | sort | tr '\n' ' ')" "configmap/cm1 configmap/cm4 "
check answer5 1 same "$(k get cm -l "$(answer Answer5)" -o name | sort | tr '\n' ' ')" "configmap/cm4 "
check answer6 1 same "$(k get cm -l "$(answer Answer6)" -o name | grep -c '^configmap/cm[0-9]$')" "1"
# 3. nodes
check answer7 2 same "$("$KUBECTL" get nodes -l "$(answer Answer7)" -o name | wc -l | tr -d ' ')" "2"
# 5. deploy
check deployment-labels 1 same "$(k get deploy kubernetes-app -o jsonpath='{.metadata.labels.app},{.spec.selector.matchLabels.app},{.spec.template.metadata.labels.app}')" "kubernetes-app,kubernetes-app,kubernetes-app"
check container-port 1 same "$(k get deploy kubernetes-app -o jsonpath='{.spec.template.spec.containers[0].name},{.spec.template.spec.containers[0].ports[0].containerPort},{.spec.template.spec.containers[0].ports[0].name}')" "kubernetes-app,8000,http"
check regsec-type 1 same "$(k get secret regsec -o jsonpath='{.type}')" "kubernetes.io/dockerconfigjson"
image="$(k get deploy kubernetes-app -o jsonpath='{.spec.template.spec.containers[0].image}')"
check regsec-registry 1 bash -c "\"$KUBECTL\" -n \"$NS\" get secret regsec -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d | grep -q \"\\\"${image%%/*}\\\"\""
check image-pull-secret 1 same "$(k get deploy kubernetes-app -o jsonpath='{.spec.template.spec.imagePullSecrets[0].name}')" "regsec"
check deployment-available 1 rolled_out
# 5. expose
check service-nodeport 1 same "$(k get svc kubernetes-app -o jsonpath='{.spec.type},{.spec.selector.app},{.spec.ports[0].port}')" "NodePort,kubernetes-app,8000"
node_port="$(k get svc kubernetes-app -o jsonpath='{.spec.ports[0].nodePort}')"
check service-nodeport-allocated 1 test -n "$node_port"
check service-endpoints 1 test "$(k get endpointslices -l kubernetes.io/service-name=kubernetes-app -o jsonpath='{range .items[*].endpoints[*]}{.conditions.ready}{"\n"}{end}' | grep -c true)" -ge 1
node_ip="$("$KUBECTL" get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')"
check http-hello 2 same "$(curl -s --max-time 5 "http://$node_ip:$node_port/" | tr -d '\n')" "Hello Kubernetes!"
# 6. scale
check scale-replicas 1 same "$(k get deploy kubernetes-app -o jsonpath='{.spec.replicas},{.status.readyReplicas}')" "2,2"
check scale-endpoints 1 same "$(k get endpointslices -l kubernetes.io/service-name=kubernetes-app -o jsonpath='{range .items[*].endpoints[*]}{.conditions.ready}{"\n"}{end}' | grep -c true)" "2"
check answer8 1 bash -c "grep -qiE '\"Answer8\"[[:space:]]*:[[:space:]]*\"(rs|replicaset|replica set)\"' \"$ANSWERS\""
# 7. configmap
check myapp-config 1 same "$(k get cm myapp-config -o jsonpath='{.data.message}')" "Hello from ConfigMap"
check image-v0-2 1 same "${image##*:}" "v0.2"
check config-volume-mount 2 same "$(k get deploy kubernetes-app -o jsonpath='{.spec.template.spec.volumes[0].configMap.name},{.spec.template.spec.containers[0].volumeMounts[0].mountPath}')" "myapp-config,/etc/config"
check config-rollout 1 rolled_out
check http-config 2 same "$(curl -s --max-time 5 "http://$node_ip:$node_port/config")" "Hello from ConfigMap"

echo "$score/$max"
