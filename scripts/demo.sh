#!/usr/bin/env bash
# The main job on the embedded default: start the local cluster (building it the
# first time), put the TP4 reference solution in namespace tp-demo as a student
# would, write that student's answers file, and run `tp check 4` on it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/cluster/versions.sh
bash scripts/cluster/up.sh
kubeconfig=.cache/cluster/kubeconfig
kubectl=(".cache/bin/kubernetes-$K8S_VERSION/kubectl" --kubeconfig "$kubeconfig")
namespace=tp-demo

say() { printf '[demo] %s\n' "$*" >&2; }
say "applying the TP4 reference solution in namespace $namespace"
"${kubectl[@]}" delete namespace "$namespace" --ignore-not-found --wait=true >/dev/null
"${kubectl[@]}" create namespace "$namespace" >/dev/null
until "${kubectl[@]}" -n "$namespace" get serviceaccount default >/dev/null 2>&1; do sleep 0.2; done
# As the course has it: cm1..cm4 created empty, then labelled with kubectl label; the rest of the
# solution (what has no version label) applied from its file with one replica, then scaled with
# kubectl scale (TP4's evidence checks see how each object was made).
for cm in cm1:version=1.0,country=fr cm2:version=1.0,country=uk cm3:version=1.1,country=de cm4:version=1.1,country=fr; do
  "${kubectl[@]}" -n "$namespace" create configmap "${cm%%:*}" >/dev/null
  # shellcheck disable=SC2046 # the labels are words: version=1.0 country=fr
  "${kubectl[@]}" -n "$namespace" label configmap "${cm%%:*}" $(tr , ' ' <<<"${cm#*:}") >/dev/null
done
sed 's/\${registry}/registry.example.org/g; s/replicas: 2/replicas: 1/' labs/tp4/solution/manifests.yaml \
  | "${kubectl[@]}" -n "$namespace" apply -l '!version' -f - >/dev/null
"${kubectl[@]}" -n "$namespace" scale deployment/kubernetes-app --replicas=2 >/dev/null
"${kubectl[@]}" -n "$namespace" rollout status deployment/kubernetes-app --timeout=60s >/dev/null

# The answers a student would write for this cluster: the reference solution's,
# with the kubeconfig facts it depends on (Answer1-3) filled in.
answers=.cache/demo/answers/answers_tp4
mkdir -p "$(dirname "$answers")"
facts="$(node bin/tp.js snapshot 4 --kubeconfig "$kubeconfig" -n "$namespace" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const f=JSON.parse(s).facts;console.log([f.contexts,f.serverHost,f.namespace].join(" "))})')"
read -r contexts host context_namespace <<<"$facts"
sed -e "s/\${fact:contexts}/$contexts/" -e "s/\${fact:serverHost}/$host/" -e "s/\${fact:namespace}/$context_namespace/" \
  labs/tp4/solution/answers_tp4 > "$answers"

# Pods on the local cluster's simulated nodes run nothing: run the lab's own app
# (labs/tp4/app) where the course's curl looks for it, <node InternalIP>:<nodePort>,
# with the ConfigMap's message as its /etc/config/message.
node_port="$("${kubectl[@]}" -n "$namespace" get service kubernetes-app -o jsonpath='{.spec.ports[0].nodePort}')"
"${kubectl[@]}" -n "$namespace" get configmap myapp-config -o jsonpath='{.data.message}' > .cache/demo/message
if command -v python3 >/dev/null; then
  HOST=127.0.0.1 PORT="$node_port" CONFIG_FILE=.cache/demo/message python3 labs/tp4/app/app.py 2>/dev/null &
  app_pid=$!
  trap 'kill "$app_pid" 2>/dev/null || true' EXIT
  until (exec 3<>"/dev/tcp/127.0.0.1/$node_port") 2>/dev/null; do sleep 0.1; done
  say "kubernetes-app (labs/tp4/app) serving on 127.0.0.1:$node_port, the service's nodePort"
fi

say "tp check 4 -n $namespace --http-via nodeport"
node bin/tp.js check 4 --kubeconfig "$kubeconfig" -n "$namespace" --answers "$answers" --http-via nodeport
