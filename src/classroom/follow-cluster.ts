// One cluster of the class, followed: the lab's kind names resolved there
// once (discovery, when a name needs it, shared by its students, as tp grade
// does), then each kind listed and watched (cluster/cluster-cache.ts).
import type { ApiClient } from '../cluster/api-client.js';
import type { ClusterCache, ClusterCacheOptions } from '../cluster/cluster-cache.js';
import type { LoadedKubeconfig } from '../cluster/kubeconfig.js';
import { kindsToList, namesOf } from '../cluster/snapshot.js';
import type { Snapshot } from '../cluster/types.js';
import { kindsOfCluster } from '../engine/cluster-kinds.js';
import { kindsNeeded } from '../engine/evaluate.js';
import { secretComparisons } from '../engine/secret-comparisons.js';
import type { Lab } from '../lab/types.js';

export interface FollowedCluster {
  cache: ClusterCache;
  /** How the lab's names resolved on this cluster, as every student's snapshot says it. */
  names: Snapshot['names'];
}

/**
 * A cluster-wide LIST of a big shared cluster can take longer than `--timeout` (meant for one
 * student's reads and HTTP checks); failing it would fail the whole class, again and again.
 */
const LIST_TIMEOUT_MS = 60_000;

export interface LabOnCluster {
  lab: Lab;
  variables: Readonly<Record<string, string>>;
  now: () => Date;
  /** Bounds each request of the discovery; the LISTs get at least LIST_TIMEOUT_MS. */
  timeoutMs: number;
}

export const followOneCluster = async (
  kubeconfig: LoadedKubeconfig,
  client: ApiClient,
  lab: LabOnCluster,
  cacheOptions: Omit<ClusterCacheOptions, 'kinds' | 'comparisons'>,
): Promise<FollowedCluster> => {
  // Kinds read only to explain a failure (events) are not followed: they change all the time, a verdict
  // does not, and each change would grade the namespace's students again. The class is told with what the rest shows.
  const resolved = await kindsOfCluster(kubeconfig, client, lab.now).resolve(kindsNeeded(lab.lab, lab.variables, { explanations: false }));
  // A Secret's value is compared as it is read (or watched) and only whether it was equal is kept.
  const comparisons = secretComparisons(lab.lab, lab.variables);
  const cache = await kubeconfig.connection.follow({ ...cacheOptions, kinds: kindsToList(resolved), comparisons }, { timeoutMs: Math.max(lab.timeoutMs, LIST_TIMEOUT_MS) });
  return { cache, names: namesOf(resolved) };
};
