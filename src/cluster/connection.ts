// What the other rooms get of a cluster. They never hold a kubeconfig, only
// these doors: reads (GET with bounded retries), watches, the followed cache
// of the live class, and the scratch namespaces of `tp lab test`, the one place
// tp writes. Reads and the live class's watches go through tp's own HTTPS
// client; `tp check --watch` and writes use client-node, imported only when a
// command opens them, so `tp check` never loads it.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ResolvedKind } from '../discovery/types.js';
import { makeApiClient, type ApiClient, type ApiClientOptions } from './api-client.js';
import { clientNodeConfig } from './client-node-config.js';
import { credentialsOf } from './credentials.js';
import { text, type Fields, type KubeconfigModel } from './kubeconfig-model.js';
import { readRegularFile } from './read-regular-file.js';
import type { ScratchNamespaces, ScratchOptions } from './scratch-namespaces.js';
import type { ClusterWatch } from './watch.js';
import type { ClusterCache, ClusterCacheOptions } from './cluster-cache.js';

export interface ClusterConnection {
  /** A read-only client of the API server; each request bounded by `timeoutMs`, 429 and 5xx retried within it. */
  reader(options?: Partial<ApiClientOptions>): ApiClient;
  /** Calls `onChange` with the kind's key on every change of these kinds in the namespace, until stopped; a dropped watch is re-opened. */
  watch(
    namespace: string,
    kinds: Iterable<ResolvedKind>,
    onChange: (key: string) => void,
    onDrop?: (key: string, reason: string) => void,
  ): ClusterWatch;
  /**
   * Follows kinds (one LIST each, then WATCH from its resourceVersion) and keeps their objects in
   * memory by namespace, for the live class; `reader` bounds its LISTs as `reader()` does.
   */
  follow(options: ClusterCacheOptions, reader?: Partial<ApiClientOptions>): Promise<ClusterCache>;
  /** Namespaces that tp creates, fills and deletes (`tp lab test`). */
  scratchNamespaces(labId: string, options?: ScratchOptions): ScratchNamespaces;
  /** The server URL and the CA it is trusted with: what tells this cluster apart in caches (its discovery). */
  clusterId(): string;
}

/** The current context of a loaded kubeconfig: its cluster and user, and the whole model for client-node. */
export interface ConnectionTarget {
  model: KubeconfigModel;
  contextName: string;
  server: string;
  cluster: Fields;
  userName: string;
  user: Fields;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const lazyWatch = (
  load: () => Promise<KubeConfig>,
  ...[namespace, kinds, onChange, onDrop]: Parameters<ClusterConnection['watch']>
): ClusterWatch => {
  const wanted = [...kinds];
  let stopped = false;
  let inner: ClusterWatch | undefined;
  void Promise.all([import('./watch.js'), load()]).then(
    ([{ watchKinds }, kc]) => {
      if (!stopped) inner = watchKinds(kc, namespace, wanted, onChange, onDrop);
    },
    (error: unknown) => {
      for (const kind of wanted) onDrop?.(kind.key, errorText(error));
    },
  );
  return {
    stop() {
      stopped = true;
      inner?.stop();
    },
  };
};

const lazyScratch = (load: () => Promise<KubeConfig>, labId: string, options?: ScratchOptions): ScratchNamespaces => {
  const loading = Promise.all([import('./scratch-namespaces.js'), load()]).then(([{ scratchNamespaces }, kc]) => scratchNamespaces(kc, labId, options));
  // A failure is reported by the first method called; not as an unhandled rejection meanwhile.
  loading.catch(() => {});
  return {
    create: async (purpose) => (await loading).create(purpose),
    apply: async (namespace, manifests, madeWith) => (await loading).apply(namespace, manifests, madeWith),
    waitForRollouts: async (namespace, pods) => (await loading).waitForRollouts(namespace, pods),
    waitForObserved: async (namespace, pods) => (await loading).waitForObserved(namespace, pods),
    imagePullFailing: async (namespace) => (await loading).imagePullFailing(namespace),
    deleteServices: async (namespace, names) => (await loading).deleteServices(namespace, names),
    release: async (namespace) => (await loading).release(namespace),
    deleteAll: async () => (await loading).deleteAll(),
  };
};

/** A CA file is read only to tell clusters apart; one that cannot be read is named by its path. */
const caOf = (cluster: Fields): string => {
  const data = text(cluster, 'certificate-authority-data');
  if (data !== undefined) return `data:${data}`;
  const file = text(cluster, 'certificate-authority');
  if (file === undefined) return '';
  try {
    return `file:${readRegularFile(file, 1024 * 1024).toString('base64')}`;
  } catch {
    return `path:${file}`;
  }
};

export const connectionOf = (target: ConnectionTarget): ClusterConnection => {
  let kubeConfig: Promise<KubeConfig> | undefined;
  const clientNode = () => (kubeConfig ??= clientNodeConfig(target.model, target.contextName));
  // One credentials object for every reader: an exec plugin's token is kept until it expires.
  const credentials = credentialsOf(target.cluster, target.userName, target.user, clientNode);
  return {
    reader: (options) => makeApiClient({ server: target.server, credentials }, options),
    watch: (...args) => lazyWatch(clientNode, ...args),
    async follow(options, reader) {
      const [{ followCluster }, { watchStreamsOf }] = await Promise.all([import('./cluster-cache.js'), import('./watch-stream.js')]);
      const api = { server: target.server, credentials };
      return followCluster(makeApiClient(api, reader), watchStreamsOf(api), options);
    },
    scratchNamespaces: (labId, options) => lazyScratch(clientNode, labId, options),
    clusterId: () => `${target.server}\n${caOf(target.cluster)}`,
  };
};
