// The objects of one kind that the live class keeps in memory, indexed by
// namespace so that a change touches the students of its namespace and no
// others. Each namespace is bounded (objects, bytes): one over the bound is
// read as a failure by its students' checks, and the others go on. A change
// that alters nothing a check reads (a new resourceVersion, a node's
// heartbeat) touches nobody.
import { createHash } from 'node:crypto';
import { sizeText } from './api-failure.js';
import type { KindRead, KubeObject } from './types.js';
import type { ResolvedKind } from '../discovery/types.js';

export interface StoreLimits {
  maxObjectsPerNamespace: number;
  maxBytesPerNamespace: number;
}

/** The namespaces whose objects changed, or every student of the cluster (a cluster-scoped kind changed). */
export type Touched = ReadonlySet<string> | 'all';

export const NOTHING_TOUCHED: Touched = new Set<string>();

interface Entry {
  object: KubeObject;
  bytes: number;
  digest: string;
}

interface Bucket {
  entries: Map<string, Entry>;
  bytes: number;
  over: boolean;
}

export interface KindStore {
  /** Replaces what is kept of `scope` (one namespace; everything when undefined) by a LIST's items. */
  replace(items: readonly KubeObject[], scope?: string): Touched;
  /** Applies one watch event's object, as the API server sent it. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): Touched;
  /** What a LIST of this kind in `namespace` would read now. */
  read(namespace: string): KindRead;
  /** Objects kept, for benchmarks. */
  size(): number;
}

/** The object without what changes at every write and means nothing to a check. */
const meaningOf = (object: KubeObject, clusterScoped: boolean): unknown => {
  const { resourceVersion: _version, writers, ...metadata } = object.metadata as KubeObject['metadata'] & { resourceVersion?: string };
  // A node's status is rewritten by its kubelet every few minutes with new times: those are not news.
  if (!clusterScoped) return { ...object, metadata: { ...metadata, writers } };
  const status = object['status'] as { conditions?: unknown } | undefined;
  const conditions = Array.isArray(status?.conditions)
    ? (status.conditions as Array<Record<string, unknown>>).map(({ lastHeartbeatTime: _beat, ...condition }) => condition)
    : status?.conditions;
  return { ...object, metadata: { ...metadata, writers: writers?.map(({ time: _time, ...writer }) => writer) }, ...(status ? { status: { ...status, conditions } } : {}) };
};

/**
 * `keep` says which namespaces are kept (the cohort's: the others are dropped as they come, so memory
 * follows the class, not the cluster); `prepare` makes an event's object what a LIST's item is (slimmed).
 */
export const makeKindStore = (
  kind: ResolvedKind,
  keep: (namespace: string) => boolean,
  limits: StoreLimits,
  prepare: (object: KubeObject) => KubeObject = (object) => object,
): KindStore => {
  const buckets = new Map<string, Bucket>();
  const clusterScoped = !kind.namespaced;
  const bucketOf = (object: KubeObject): string => (clusterScoped ? '' : (object.metadata.namespace ?? ''));
  const entryOf = (object: KubeObject): Entry => {
    const text = JSON.stringify(meaningOf(object, clusterScoped));
    return { object, bytes: text.length, digest: createHash('sha1').update(text).digest('base64') };
  };
  const touched = (namespace: string): Touched => (clusterScoped ? 'all' : new Set([namespace]));
  const fits = (bucket: Bucket, extraObjects: number, extraBytes: number) =>
    bucket.entries.size + extraObjects <= limits.maxObjectsPerNamespace && bucket.bytes + extraBytes <= limits.maxBytesPerNamespace;
  const overflow = (bucket: Bucket) => {
    // What is over the bound is not graded at all: kept half, it would grade a part as the whole.
    bucket.entries.clear();
    bucket.bytes = 0;
    bucket.over = true;
  };
  const fill = (items: readonly KubeObject[]): Bucket => {
    const bucket: Bucket = { entries: new Map(), bytes: 0, over: false };
    for (const object of items) {
      if (bucket.over) break;
      const entry = entryOf(object);
      const previous = bucket.entries.get(object.metadata.name);
      if (!fits(bucket, previous ? 0 : 1, entry.bytes - (previous?.bytes ?? 0))) overflow(bucket);
      else {
        bucket.entries.set(object.metadata.name, entry);
        bucket.bytes += entry.bytes - (previous?.bytes ?? 0);
      }
    }
    return bucket;
  };
  const same = (a: Bucket | undefined, b: Bucket | undefined): boolean => {
    if ((a?.over ?? false) !== (b?.over ?? false)) return false;
    if ((a?.entries.size ?? 0) !== (b?.entries.size ?? 0)) return false;
    for (const [name, entry] of a?.entries ?? []) if (b?.entries.get(name)?.digest !== entry.digest) return false;
    return true;
  };

  return {
    replace(items, scope) {
      const grouped = new Map<string, KubeObject[]>();
      for (const object of items) {
        const namespace = scope ?? bucketOf(object);
        if (!clusterScoped && !keep(namespace)) continue;
        const list = grouped.get(namespace);
        if (list) list.push(object);
        else grouped.set(namespace, [object]);
      }
      const scopes = scope === undefined ? new Set([...buckets.keys(), ...grouped.keys()]) : new Set([scope]);
      const changed = new Set<string>();
      for (const namespace of scopes) {
        const fresh = grouped.has(namespace) ? fill(grouped.get(namespace) ?? []) : undefined;
        if (!same(buckets.get(namespace), fresh)) changed.add(namespace);
        if (fresh) buckets.set(namespace, fresh);
        else buckets.delete(namespace);
      }
      if (clusterScoped) return changed.size > 0 ? 'all' : NOTHING_TOUCHED;
      return changed;
    },
    apply(type, raw) {
      const namespace = bucketOf(raw);
      if (!clusterScoped && !keep(namespace)) return NOTHING_TOUCHED;
      const object = prepare(raw);
      let bucket = buckets.get(namespace);
      const name = object.metadata.name;
      if (type === 'DELETED') {
        const previous = bucket?.entries.get(name);
        if (!bucket || !previous) return NOTHING_TOUCHED;
        bucket.entries.delete(name);
        bucket.bytes -= previous.bytes;
        return touched(namespace);
      }
      if (!bucket) {
        bucket = { entries: new Map(), bytes: 0, over: false };
        buckets.set(namespace, bucket);
      }
      // Over the bound until the next LIST says otherwise: events alone cannot tell what was dropped.
      if (bucket.over) return NOTHING_TOUCHED;
      const entry = entryOf(object);
      const previous = bucket.entries.get(name);
      if (!fits(bucket, previous ? 0 : 1, entry.bytes - (previous?.bytes ?? 0))) {
        overflow(bucket);
        return touched(namespace);
      }
      bucket.entries.set(name, entry);
      bucket.bytes += entry.bytes - (previous?.bytes ?? 0);
      return previous?.digest === entry.digest ? NOTHING_TOUCHED : touched(namespace);
    },
    read(namespace) {
      const bucket = buckets.get(clusterScoped ? '' : namespace);
      if (bucket?.over) {
        const where = clusterScoped ? 'in the cluster' : `in namespace ${namespace}`;
        return {
          ok: false,
          failure: {
            reason: 'other',
            message: `more than ${limits.maxObjectsPerNamespace} ${kind.key} or ${sizeText(limits.maxBytesPerNamespace)} of them ${where}, more than tp keeps; not graded`,
          },
        };
      }
      return { ok: true, items: bucket ? [...bucket.entries.values()].map((entry) => entry.object) : [] };
    },
    size: () => [...buckets.values()].reduce((sum, bucket) => sum + bucket.entries.size, 0),
  };
};
