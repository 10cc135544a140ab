// Scratch namespaces: the only place where tp writes to a cluster. It creates
// namespaces labelled as its own, fills them, and deletes them.
import { CoreV1Api, KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import type { Manifest } from './solution.js';

export const LAB_TEST_LABEL = 'tp.lab-test/lab';

export interface ScratchNamespaces {
  create(purpose: string): Promise<string>;
  apply(namespace: string, manifests: Manifest[]): Promise<void>;
  /** Deletes every namespace created so far; safe to call twice. */
  deleteAll(): Promise<void>;
}

const dnsSafe = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');

export const scratchNamespaces = (kc: KubeConfig, labId: string): ScratchNamespaces => {
  const core = kc.makeApiClient(CoreV1Api);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const created = new Set<string>();
  const run = randomBytes(3).toString('hex');
  return {
    async create(purpose) {
      const name = `tp-test-${dnsSafe(labId)}-${run}-${dnsSafe(purpose)}`.slice(0, 63).replace(/-+$/, '');
      created.add(name);
      await core.createNamespace({ body: { metadata: { name, labels: { [LAB_TEST_LABEL]: dnsSafe(labId) } } } });
      return name;
    },
    async apply(namespace, manifests) {
      // Namespaced objects only, in the scratch namespace whatever the file says.
      for (const manifest of manifests) {
        await objects.create({ ...manifest, metadata: { ...manifest.metadata, namespace } });
      }
    },
    async deleteAll() {
      const names = [...created];
      created.clear();
      await Promise.all(names.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
    },
  };
};
