// The kinds `tp lab test` may write from a lab's solution: namespaced kinds of
// Kubernetes itself, so everything it writes lies in a namespace it made and
// deletes. A cluster-scoped kind (Namespace, ClusterRole, Node, CRD, PV…), a
// custom resource, or a manifest naming another namespace is refused before
// anything is written: lab files may come from a third party.
import { podSecurityRefusals } from './pod-security.js';

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

// Said by name, so an author sees why: these kinds belong to the whole cluster.
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'StorageClass', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'APIService',
  'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration',
]);

export interface ManifestIdentity {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
}

export interface ManifestRefusal {
  /** The field at fault: `kind` (with apiVersion) or `metadata.namespace`. */
  field: 'kind' | 'namespace';
  message: string;
}

const text = (value: unknown, absent: string): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : absent);

/** Why `tp lab test` will not write this manifest, with the field at fault, or undefined when it may. */
export const manifestRefusal = (manifest: ManifestIdentity): ManifestRefusal | undefined => {
  const kind = text(manifest.kind, '');
  const apiVersion = text(manifest.apiVersion, '');
  const name = `${kind || '?'} ${text(manifest.metadata?.name, '?')}`;
  if (!NAMESPACED.has(`${apiVersion}/${kind}`)) {
    const why = CLUSTER_SCOPED.has(kind) ? `${kind} is cluster-scoped` : `${kind || 'no kind'} (${apiVersion || 'no apiVersion'}) is not a namespaced kind of Kubernetes that tp writes`;
    return { field: 'kind', message: `${name}: ${why}; tp lab test writes only namespaced kinds of Kubernetes, into namespaces it makes and deletes` };
  }
  const namespace = manifest.metadata?.namespace;
  if (namespace !== undefined) {
    return { field: 'namespace', message: `${name} names the namespace "${text(namespace, '…')}": a solution's objects go in tp lab test's own namespaces, so leave metadata.namespace out` };
  }
  return undefined;
};

/** Why `tp lab test` will not write this manifest (its kind, its namespace, a pod it would run: core/pod-security.ts), or undefined when it may. */
export const unwritableManifest = (manifest: ManifestIdentity): string | undefined =>
  manifestRefusal(manifest)?.message ?? podSecurityRefusals(manifest)[0]?.message;
