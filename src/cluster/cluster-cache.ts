// The live class's copy of one cluster: every kind a lab reads, listed once
// and then watched, kept in memory by namespace. As readCluster does for
// `tp grade`, a namespaced kind is followed cluster-wide (one LIST, one WATCH
// for the whole class) unless RBAC forbids it, then per student namespace;
// one namespace alone is followed there. What the checks of a namespace read
// is then `kindsFor(namespace)`, with no request at all, and each change says
// which namespaces it touched, so that only their students are graded again.
import type { ApiClient } from './api-client.js';
import { listKindAt, slimObject, type ListedKind } from './list-kind.js';
import { makeKindStore, type KindStore, type StoreLimits, type Touched } from './kind-store.js';
import { startReflector, type Reflector, type ReflectorTiming } from './reflector.js';
import type { ReadFailure, Snapshot } from './types.js';
import type { ResolvedKind } from '../discovery/types.js';
import type { WatchOpener } from './watch-stream.js';
import type { Limit } from '../core/limit.js';
import type { SecretComparisons } from './secret-values.js';

export interface ClusterCacheOptions {
  /** The kinds the lab's names resolved to on this cluster (one per key). */
  kinds: readonly ResolvedKind[];
  /** The students' namespaces: objects of the others are dropped as they come. */
  namespaces: ReadonlySet<string>;
  /** Objects of these namespaces changed (or became readable, or unreadable). */
  onTouched(touched: Touched): void;
  /** Bounds the LISTs made at once (a per-namespace fallback makes one per student). */
  limit: Limit;
  timing?: Partial<ReflectorTiming>;
  limits?: Partial<StoreLimits>;
  /** The Secret values the lab compares: only whether each was equal is kept (secret-values.ts). */
  comparisons?: SecretComparisons;
}

export interface CacheStats {
  /** LISTs made (a paginated LIST counts once), first ones included. */
  lists: number;
  /** WATCH requests opened. */
  watches: number;
  /** Objects kept in memory. */
  objects: number;
}

export interface ClusterCache {
  /** Settles once every kind has been listed once, or has failed to be. */
  readonly ready: Promise<void>;
  /** What a snapshot of `namespace` would read now. */
  kindsFor(namespace: string): Snapshot['kinds'];
  /**
   * Why the cluster cannot be reached now, when a kind cannot be read for that reason (the others
   * may still answer from memory, or come back one by one): its students are not graded on half of it.
   */
  unreachable(): ReadFailure | undefined;
  stats(): CacheStats;
  stop(): Promise<void>;
}

export const DEFAULT_TIMING: ReflectorTiming = {
  watchSeconds: 300,
  idleMs: 150_000,
  connectMs: 10_000,
  maxEventBytes: 4 * 1024 * 1024,
  backoffMs: 500,
  maxBackoffMs: 30_000,
};

/** Per kind and namespace: a lab's namespace holds tens of objects and kilobytes; a student's cluster may hold anything. */
export const DEFAULT_STORE_LIMITS: StoreLimits = { maxObjectsPerNamespace: 5000, maxBytesPerNamespace: 16 * 1024 * 1024 };

interface FollowedKind {
  kind: ResolvedKind;
  store: KindStore;
  /** The cluster-wide reflector, or one per namespace. */
  reflectors: Map<string | undefined, Reflector>;
}

export const followCluster = (client: ApiClient, watch: WatchOpener, options: ClusterCacheOptions): ClusterCache => {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const limits = { ...DEFAULT_STORE_LIMITS, ...options.limits };
  const stats = { lists: 0, watches: 0 };
  const followed: FollowedKind[] = [];
  let stopped = false;
  let waiting = 0;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const listedOnce = () => {
    waiting -= 1;
    if (waiting === 0) markReady();
  };

  const start = (entry: FollowedKind, namespace: string | undefined, onListed: (listed: ListedKind, first: boolean) => void): void => {
    const scope: Touched = namespace === undefined ? 'all' : new Set([namespace]);
    waiting += 1;
    entry.reflectors.set(
      namespace,
      startReflector({
        kind: entry.kind,
        ...(namespace === undefined ? {} : { namespace }),
        list: (where) => options.limit(() => listKindAt(client, entry.kind, where, options.comparisons ? { comparisons: options.comparisons } : {})),
        watch,
        store: entry.store,
        timing,
        onTouched: options.onTouched,
        onHealth: () => options.onTouched(scope),
        onListed,
        onRequest: (request) => {
          stats[request === 'list' ? 'lists' : 'watches'] += 1;
        },
      }),
    );
  };

  const firstListed = (_listed: ListedKind, first: boolean) => {
    if (first) listedOnce();
  };
  const perNamespace = (entry: FollowedKind) => {
    for (const namespace of options.namespaces) start(entry, namespace, firstListed);
  };

  for (const kind of options.kinds) {
    const entry: FollowedKind = {
      kind,
      store: makeKindStore(kind, (namespace) => options.namespaces.has(namespace), limits, (object) => slimObject(kind, object, options.comparisons)),
      reflectors: new Map(),
    };
    followed.push(entry);
    if (!kind.namespaced) start(entry, undefined, firstListed);
    // One namespace: following it alone costs the same requests and reads far less on a big cluster.
    else if (options.namespaces.size === 1) perNamespace(entry);
    else {
      start(entry, undefined, (listed, first) => {
        // Not allowed cluster-wide (a trainer's RBAC on a shared cluster), or too large (one namespace's
        // huge objects): each student's namespace instead, so that only the one at fault goes without.
        if (!listed.read.ok && (listed.read.failure.reason === 'forbidden' || listed.read.failure.overCap === true) && !stopped) {
          entry.reflectors.get(undefined)?.stop();
          entry.reflectors.delete(undefined);
          perNamespace(entry);
        }
        if (first) listedOnce();
      });
    }
  }
  if (waiting === 0) markReady();

  return {
    ready,
    kindsFor(namespace) {
      const kinds: Snapshot['kinds'] = {};
      for (const { kind, store, reflectors } of followed) {
        const reflector = reflectors.get(kind.namespaced ? namespace : undefined) ?? reflectors.get(undefined);
        const failure = reflector?.failure;
        kinds[kind.key] = failure ? { ok: false, failure } : store.read(namespace);
      }
      return kinds;
    },
    unreachable() {
      for (const { reflectors } of followed) {
        for (const reflector of reflectors.values()) {
          const failure = reflector.failure;
          if (failure?.reason === 'unreachable' || failure?.reason === 'timeout') return failure;
        }
      }
      return undefined;
    },
    stats: () => ({ ...stats, objects: followed.reduce((sum, entry) => sum + entry.store.size(), 0) }),
    async stop() {
      stopped = true;
      const all = followed.flatMap((entry) => [...entry.reflectors.values()]);
      for (const reflector of all) reflector.stop();
      await Promise.all(all.map((reflector) => reflector.done));
    },
  };
};
