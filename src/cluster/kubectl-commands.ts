// The writes of `kubectl label`, `kubectl scale` and `kubectl set image`, as the API server records
// them (made-with.ts says which field managers): tp lab test plays them on the
// reference solution so that provenance checks see the course's commands.
import { AppsV1Api, KubernetesObjectApi, PatchStrategy, type KubeConfig } from '@kubernetes/client-node';
import { FIELD_MANAGERS } from './made-with.js';
import type { Manifest } from './types.js';

export interface KubectlCommands {
  /** kubectl label: only the labels, merged into the object, under kubectl label's field manager. */
  label(object: Manifest): Promise<void>;
  /** kubectl scale: the replicas, through the Deployment's scale subresource. */
  scale(object: Manifest): Promise<void>;
  /** kubectl set image: only the containers' images (a strategic merge patch by container name), under kubectl set's field manager. */
  setImage(object: Manifest): Promise<void>;
}

interface Container {
  name?: unknown;
  image?: unknown;
}

/** The containers' names and images, where a Pod or a pod template holds them. */
const imagesOf = (spec: unknown): Record<string, Array<{ name: string; image: string }>> => {
  const lists: Record<string, Array<{ name: string; image: string }>> = {};
  for (const key of ['initContainers', 'containers']) {
    const list = (spec as Record<string, unknown> | undefined)?.[key];
    if (!Array.isArray(list)) continue;
    lists[key] = (list as Container[]).flatMap((c) => (typeof c.name === 'string' && typeof c.image === 'string' ? [{ name: c.name, image: c.image }] : []));
  }
  return lists;
};

export const kubectlCommands = (kc: KubeConfig): KubectlCommands => {
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const apps = kc.makeApiClient(AppsV1Api);
  return {
    async label(object) {
      const labels = object.metadata.labels;
      if (typeof labels !== 'object' || labels === null || Object.keys(labels).length === 0) return;
      const { apiVersion, kind, metadata } = object;
      const body = { apiVersion, kind, metadata: { name: metadata.name, namespace: metadata.namespace, labels: labels as Record<string, string> } };
      await objects.patch(body, undefined, undefined, FIELD_MANAGERS.label, undefined, PatchStrategy.MergePatch);
    },
    async scale(object) {
      const replicas = (object.spec as { replicas?: unknown } | undefined)?.replicas;
      if (typeof replicas !== 'number') return;
      if (object.kind !== 'Deployment') throw new Error(`${object.kind} ${object.metadata.name}: tp lab test scales Deployments only`);
      const { name, namespace = '' } = object.metadata;
      const body = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace }, spec: { replicas } };
      await apps.replaceNamespacedDeploymentScale({ name, namespace, fieldManager: FIELD_MANAGERS.scale, body });
    },
    async setImage(object) {
      const { apiVersion, kind, metadata } = object;
      const spec = object.spec as { template?: { spec?: unknown } } | undefined;
      // A Pod holds its containers; a Deployment, a Job… hold them in their pod template.
      const patchSpec = kind === 'Pod' ? imagesOf(spec) : { template: { spec: imagesOf(spec?.template?.spec) } };
      const body = { apiVersion, kind, metadata: { name: metadata.name, namespace: metadata.namespace }, spec: patchSpec };
      await objects.patch(body, undefined, undefined, FIELD_MANAGERS.set, undefined, PatchStrategy.StrategicMergePatch);
    },
  };
};
