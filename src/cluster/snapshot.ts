// The snapshot of one target: one LIST per kind the lab needs, all at once.
import type { ApiClient } from './api-client.js';
import { namespacePath } from './api-paths.js';
import { listKind } from './list-kind.js';
import type { KindRead, ReadFailure, Snapshot } from './types.js';
import { RESOURCE_KINDS, type ResourceKind } from '../core/resource-kinds.js';
import type { KubeconfigFacts } from '../core/kubeconfig-facts.js';

export const takeSnapshot = async (
  client: ApiClient,
  namespace: string,
  kinds: Iterable<ResourceKind>,
  facts: KubeconfigFacts,
): Promise<Snapshot> => {
  const wanted = [...new Set(kinds)];
  const reads = await Promise.all(wanted.map((kind) => listKind(client, kind, namespace)));
  const snapshotKinds: Partial<Record<ResourceKind, KindRead>> = {};
  wanted.forEach((kind, index) => {
    snapshotKinds[kind] = reads[index] as KindRead;
  });
  return { namespace, facts, kinds: snapshotKinds };
};

/**
 * Why nothing could be read, when every read failed: then there is nothing
 * to grade, and the cause (down, forbidden, sick) is the whole message.
 * The failure that explains most is chosen: the cluster being unreachable,
 * then a refusal, then anything else.
 */
export const everyReadFailed = (snapshot: Snapshot): ReadFailure | undefined => {
  const reads = Object.values(snapshot.kinds);
  if (reads.length === 0) return undefined;
  const failures = reads.flatMap((read) => (read.ok ? [] : [read.failure]));
  if (failures.length !== reads.length) return undefined;
  const rank = (failure: ReadFailure) => ['unreachable', 'timeout', 'forbidden', 'other'].indexOf(failure.reason);
  return [...failures].sort((a, b) => rank(a) - rank(b))[0];
};

/**
 * Whether a namespace exists, asked only when every namespaced LIST came back
 * empty: a typo in `-n` should not look like a student who did nothing.
 */
/** True when every namespaced kind was read and none holds an object. */
export const emptyNamespace = (snapshot: Snapshot): boolean => {
  // Cluster-scoped kinds (nodes, ClusterRoles…) say nothing of the namespace.
  const namespaced = Object.entries(snapshot.kinds).filter(([kind]) => RESOURCE_KINDS[kind as ResourceKind].namespaced).map(([, read]) => read);
  return namespaced.length > 0 && namespaced.every((read) => read?.ok && read.items.length === 0);
};

export const missingNamespace = async (client: ApiClient, snapshot: Snapshot): Promise<boolean> => {
  if (!emptyNamespace(snapshot)) return false;
  try {
    return (await client.getJson(namespacePath(snapshot.namespace))) === undefined;
  } catch {
    // Not allowed to read namespaces (a student's RBAC): say nothing rather than guess.
    return false;
  }
};
