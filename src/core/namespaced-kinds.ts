// The kinds `tp lab test` may write from a lab's solution: namespaced kinds of
// Kubernetes itself, so everything it writes lies in a namespace it made and
// deletes. A cluster-scoped kind (Namespace, ClusterRole, Node, CRD, PV…), a
// custom resource, or a manifest naming another namespace is refused before
// anything is written: lab files may come from a third party.

const NAMESPACED = new Set([
  'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'v1/Pod', 'v1/ServiceAccount', 'v1/PersistentVolumeClaim',
  'v1/Endpoints', 'v1/LimitRange', 'v1/ResourceQuota',
  'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet',
  'batch/v1/Job', 'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/NetworkPolicy',
  'discovery.k8s.io/v1/EndpointSlice',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'autoscaling/v2/HorizontalPodAutoscaler', 'autoscaling/v1/HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget',
]);

export interface ManifestIdentity {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

/** Why `tp lab test` will not write this manifest, or undefined when it may. */
export const unwritableManifest = (manifest: ManifestIdentity): string | undefined => {
  const type = `${manifest.apiVersion ?? ''}/${manifest.kind ?? ''}`;
  const name = `${manifest.kind ?? '?'} ${manifest.metadata?.name ?? '?'}`;
  if (!NAMESPACED.has(type)) {
    return `${name} (${manifest.apiVersion ?? 'no apiVersion'}): tp lab test writes only namespaced kinds of Kubernetes into its own namespaces, not this one`;
  }
  if (manifest.metadata?.namespace !== undefined) {
    return `${name} names the namespace "${manifest.metadata.namespace}": a solution's objects go in tp lab test's own namespaces, so leave the namespace out`;
  }
  return undefined;
};
