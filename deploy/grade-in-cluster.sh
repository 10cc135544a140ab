#!/usr/bin/env bash
# Grades a cohort inside the cluster (docs/grading-in-cluster.md): the cohort
# file and the answers files as ConfigMaps, the read-only RBAC, the volume, the
# Indexed Job of deploy/job.yaml (3 shards), then the merge Job of
# deploy/merge/, and the merged gradebook copied out to --output.
#
#   deploy/grade-in-cluster.sh --image <registry>/tp:0.1.0 --cohort cohort.yaml \
#     --answers submissions/ --output grades/ [--pull-secret dockerconfig.json] [--delete]
#
# kubectl is $KUBECTL (default kubectl) with the current KUBECONFIG and context; the
# Jobs run in the namespace tp-grading (deploy/rbac.yaml binds its ServiceAccount).
# The volume (deploy/output-volume.yaml) must be ReadWriteMany when the shards
# spread over nodes: the cluster's storage provides it.
# --pull-secret: a Docker config.json with the credentials of the image's registry,
#   given to the Jobs' ServiceAccount as its image pull secret.
# --fetch-image: the image of the pod the gradebook is copied out through (it needs
#   tar and sleep, for kubectl cp; default alpine).
# --delete: delete the namespace (Jobs, volume, ConfigMaps) once the gradebook is out.
# Exits 0 when the merged gradebook is out (students in error included: see
# grades-not-imported.csv), 1 when a Job failed (its pods' logs are shown).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAMESPACE=tp-grading
PLACEHOLDER=registry.example.org/tp:0.1.0
kubectl="${KUBECTL:-kubectl}"
image='' cohort='' answers='' output='' pull_secret='' fetch_image=alpine delete=0 timeout=900

say() { printf '[grade-in-cluster] %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --image) image="$2"; shift 2 ;;
    --cohort) cohort="$2"; shift 2 ;;
    --answers) answers="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --pull-secret) pull_secret="$2"; shift 2 ;;
    --fetch-image) fetch_image="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --delete) delete=1; shift ;;
    *) usage ;;
  esac
done
[[ -n "$image" && -f "$cohort" && -d "$answers" && -n "$output" ]] || usage
k() { "$kubectl" -n "$NAMESPACE" "$@"; }
with_image() { sed "s|$PLACEHOLDER|$image|g" "$1"; }

# wait_job <name>: until the Job is Complete (0) or Failed (1, with its pods' logs).
wait_job() {
  local job="$1" started=$SECONDS state
  while (( SECONDS - started < timeout )); do
    state="$(k get job "$job" -o jsonpath='{.status.conditions[?(@.status=="True")].type}')"
    case " $state " in
      *" Complete "*) say "job/$job complete in $((SECONDS - started)) s"; return 0 ;;
      *" Failed "*) k logs --tail=20 --prefix -l "job-name=$job" >&2 || true; fail "job/$job failed" ;;
    esac
    sleep 2
  done
  k logs --tail=20 --prefix -l "job-name=$job" >&2 || true
  fail "job/$job did not finish within $timeout s"
}

# 1. The namespace and the inputs (a run replaces the inputs and Jobs of the run before).
"$kubectl" create namespace "$NAMESPACE" --dry-run=client -o yaml | "$kubectl" apply -f - >/dev/null
k delete job tp-grade tp-grade-merge --ignore-not-found --wait=true >/dev/null
k delete configmap tp-cohort tp-answers --ignore-not-found >/dev/null
k create configmap tp-cohort --from-file=cohort.yaml="$cohort" >/dev/null
k create configmap tp-answers --from-file="$answers" >/dev/null
say "cohort $(grep -c '^\s*- ' "$cohort" || true) lines, $(find "$answers" -maxdepth 1 -type f | wc -l) answers files in $NAMESPACE"

# 2. Who grades, with what rights (read-only), and where shards write.
k apply -f "$here/rbac-readonly.yaml" -f "$here/rbac.yaml" -f "$here/output-volume.yaml" >/dev/null
if [[ -n "$pull_secret" ]]; then
  k create secret generic tp-pull --type=kubernetes.io/dockerconfigjson --from-file=.dockerconfigjson="$pull_secret" \
    --dry-run=client -o yaml | k apply -f - >/dev/null
  k patch serviceaccount tp-grader -p '{"imagePullSecrets":[{"name":"tp-pull"}]}' >/dev/null
fi

# 3. Grade: the Indexed Job, then the merge.
with_image "$here/job.yaml" | k apply -f - >/dev/null
wait_job tp-grade
k get pods -l job-name=tp-grade -o 'custom-columns=SHARD:.metadata.annotations.batch\.kubernetes\.io/job-completion-index,NODE:.spec.nodeName,STATUS:.status.phase' >&2
with_image "$here/merge/job.yaml" | k apply -f - >/dev/null
wait_job tp-grade-merge

# 4. Copy the gradebook out, through a pod that mounts the volume.
k delete pod tp-fetch --ignore-not-found --wait=true >/dev/null
k run tp-fetch --image="$fetch_image" --restart=Never --overrides='{"spec":{"automountServiceAccountToken":false,
  "volumes":[{"name":"out","persistentVolumeClaim":{"claimName":"tp-grades"}}],
  "containers":[{"name":"tp-fetch","image":"'"$fetch_image"'","command":["sleep","600"],"volumeMounts":[{"name":"out","mountPath":"/out","readOnly":true}]}]}}' >/dev/null
k wait --for=condition=ready pod/tp-fetch --timeout=300s >/dev/null
rm -rf "$output" && mkdir -p "$(dirname "$output")"
k cp tp-fetch:/out/all "$output" >/dev/null
k delete pod tp-fetch --wait=false >/dev/null
[[ -s "$output/grades.json" ]] || fail "no grades.json was copied to $output"
say "gradebook in $output"
if [[ $delete == 1 ]]; then k delete namespace "$NAMESPACE" --wait=false >/dev/null; fi
