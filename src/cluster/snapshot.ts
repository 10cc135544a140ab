// The snapshot of one target: one LIST per kind the lab needs, all at once.
import type { ApiClient } from './api-client.js';
import { listKind } from './list-kind.js';
import type { KindRead, KubeconfigFacts, ResourceKind, Snapshot } from './types.js';

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

/** True when every read failed because the cluster could not be reached at all. */
export const clusterUnreachable = (snapshot: Snapshot): string | undefined => {
  const reads = Object.values(snapshot.kinds);
  if (reads.length === 0) return undefined;
  const failures = reads.filter((read): read is Extract<KindRead, { ok: false }> => !read.ok);
  if (failures.length !== reads.length) return undefined;
  const unreachable = failures.find((f) => f.failure.reason === 'unreachable' || f.failure.reason === 'timeout');
  return unreachable?.failure.message;
};
