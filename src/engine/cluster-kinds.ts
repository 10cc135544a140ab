// The kinds a cluster serves, as one run sees them: the discovery room's
// resolver, reading the cluster through the run's API client and keeping
// what it learns in tp's user cache folder, one file per cluster.
import type { ApiClient } from '../cluster/api-client.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import type { KindRead } from '../cluster/types.js';
import { clusterKinds, type ClusterKinds } from '../discovery/cluster-kinds.js';

export const kindsOfCluster = (kubeconfig: LoadedKubeconfig, client: ApiClient, now: () => Date): ClusterKinds => {
  const { cacheDir } = kubeconfig;
  // The cache module, and the cluster's id (its CA read and hashed), only when discovery is needed.
  const cache = cacheDir === undefined
    ? undefined
    : async () => {
        const { cacheFileOf, discoveryCache } = await import('../discovery/cache.js');
        return discoveryCache(cacheFileOf(cacheDir, kubeconfig.connection.clusterId()), now);
      };
  return clusterKinds({ reader: client, ...(cache ? { cache } : {}) });
};

/** The keys whose read failed: a kind resolved from a stale cache (a CRD removed since) is among them. */
export const failedKeys = (kinds: Partial<Record<string, KindRead>>): string[] =>
  Object.entries(kinds).flatMap(([key, read]) => (read && !read.ok ? [key] : []));
