// One read of a cluster shared by all its students: a cluster-wide LIST per
// kind, partitioned by namespace, so API requests do not grow with the
// number of students. Where RBAC forbids listing cluster-wide, or the
// cluster-wide LIST holds more than tp reads, each student's namespace is
// listed instead (the least that still works, and the cap is then each one's).
import type { ApiClient } from './api-client.js';
import { listKind, maxItemsOf, type ListOptions } from './list-kind.js';
import type { KindRead, KubeObject, Snapshot } from './types.js';
import type { Limit } from '../core/limit.js';
import type { ResolvedKind, Resolution } from '../discovery/types.js';
import { kindsToList, namesOf } from './snapshot.js';

export interface ClusterRead {
  /** What a snapshot of `namespace` alone would have read. */
  kindsFor(namespace: string): Snapshot['kinds'];
  /** How the lab's names resolved on this cluster (the same for every student). */
  names: Snapshot['names'];
}

/** Per namespace (namespaced kinds), or one read for all (cluster-scoped kinds and failures). */
type KindReads = { shared: KindRead } | { byNamespace: Map<string, KindRead> };

const partition = (items: readonly KubeObject[], namespaces: ReadonlySet<string>): Map<string, KindRead> => {
  const byNamespace = new Map<string, KubeObject[]>([...namespaces].map((namespace) => [namespace, []]));
  // Objects of namespaces outside the cohort are dropped here, so memory follows the cohort, not the cluster.
  for (const item of items) byNamespace.get(item.metadata.namespace ?? '')?.push(item);
  return new Map([...byNamespace].map(([namespace, list]) => [namespace, { ok: true, items: list }]));
};

const perNamespace = async (client: ApiClient, kind: ResolvedKind, namespaces: ReadonlySet<string>, limit: Limit, options: ListOptions): Promise<KindReads> => {
  const list = [...namespaces];
  const reads = await Promise.all(list.map((namespace) => limit(() => listKind(client, kind, namespace, options))));
  return { byNamespace: new Map(list.map((namespace, i) => [namespace, reads[i] as KindRead])) };
};

const readKind = async (client: ApiClient, kind: ResolvedKind, namespaces: ReadonlySet<string>, limit: Limit, options: ListOptions): Promise<KindReads> => {
  if (!kind.namespaced) return { shared: await listKind(client, kind, undefined, options) };
  // One namespace: listing it alone costs the same one request and reads far less on a big cluster.
  if (namespaces.size === 1) return perNamespace(client, kind, namespaces, limit, options);
  // A bound per namespace (Events) is one per student across the cohort.
  const most = maxItemsOf(kind);
  const wide = await listKind(client, kind, undefined, most === undefined ? options : { ...options, maxItems: most * namespaces.size });
  if (wide.ok) return { byNamespace: partition(wide.items, namespaces) };
  // Forbidden cluster-wide, or more than tp reads in one LIST (one namespace's objects can make it so):
  // each student's namespace is listed alone, so the cap applies per student and only who is over it fails.
  if (wide.failure.reason === 'forbidden' || wide.failure.overCap) return perNamespace(client, kind, namespaces, limit, options);
  return { shared: wide };
};

/** `options.signal` stops every LIST of the read (the student's time is up, Ctrl-C); `options.comparisons`, the Secret values the lab compares. */
export const readCluster = async (
  client: ApiClient,
  resolved: ReadonlyMap<string, Resolution>,
  namespaces: Iterable<string>,
  limit: Limit,
  options: ListOptions = {},
): Promise<ClusterRead> => {
  const wanted = kindsToList(resolved);
  const namespaceSet = new Set(namespaces);
  const reads = await Promise.all(wanted.map((kind) => readKind(client, kind, namespaceSet, limit, options)));
  return {
    names: namesOf(resolved),
    kindsFor(namespace) {
      const snapshotKinds: Snapshot['kinds'] = {};
      wanted.forEach((kind, i) => {
        const read = reads[i] as KindReads;
        snapshotKinds[kind.key] = 'shared' in read ? read.shared : (read.byNamespace.get(namespace) ?? { ok: true, items: [] });
      });
      return snapshotKinds;
    },
  };
};
