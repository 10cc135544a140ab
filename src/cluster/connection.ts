// What the other rooms get of a cluster. They never hold client-node's
// KubeConfig, only these three doors: reads (GET with bounded retries), watches,
// and the scratch namespaces of `tp lab test`, the one place tp writes.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ResourceKind } from '../core/resource-kinds.js';
import { makeApiClient, type ApiClient, type ApiClientOptions } from './api-client.js';
import { scratchNamespaces, type ScratchNamespaces, type ScratchOptions } from './scratch-namespaces.js';
import { watchKinds, type ClusterWatch } from './watch.js';

export interface ClusterConnection {
  /** A read-only client of the API server; each request bounded by `timeoutMs`, 429 and 5xx retried within it. */
  reader(options?: Partial<ApiClientOptions>): ApiClient;
  /** Calls `onChange` on every change of these kinds in the namespace, until stopped; a dropped watch is re-opened. */
  watch(
    namespace: string,
    kinds: Iterable<ResourceKind>,
    onChange: (kind: ResourceKind) => void,
    onDrop?: (kind: ResourceKind, reason: string) => void,
  ): ClusterWatch;
  /** Namespaces that tp creates, fills and deletes (`tp lab test`). */
  scratchNamespaces(labId: string, options?: ScratchOptions): ScratchNamespaces;
}

export const connectionOf = (kc: KubeConfig): ClusterConnection => ({
  reader: (options) => makeApiClient(kc, options),
  watch: (namespace, kinds, onChange, onDrop) => watchKinds(kc, namespace, kinds, onChange, onDrop),
  scratchNamespaces: (labId, options) => scratchNamespaces(kc, labId, options),
});
