// What the names of a lab mean on one cluster. A name of Kubernetes itself
// resolves from the generated table with no request (so a lab of built-in
// kinds costs what it did before); any other name (a custom resource, a
// group-qualified name the table does not know) asks the cluster's discovery,
// once per run and cluster, from the cache when it is fresh, fetched again when
// a name does not resolve in the cached kinds. Results are kept per name, so
// every check, watch and scenario of a run shares them. What reads the cluster
// and the cache is imported only when a name needs it: `tp check 4` never loads it.
import { servedEverywhere } from './builtin.js';
import type { DiscoveryCache } from './cache.js';
import type { DiscoveryReader } from './fetch.js';
import { resolveIn } from './resolve.js';
import type { KindCatalogue, Resolution } from './types.js';

export interface ClusterKinds {
  /** What each name means on this cluster (every name given is in the map). */
  resolve(names: Iterable<string>): Promise<Map<string, Resolution>>;
  /**
   * Everything the cluster serves: the core group and what discovery lists, from the cache
   * unless `fresh`; throws DiscoveryFailure.
   */
  catalogue(fresh?: boolean): Promise<KindCatalogue>;
  /** Reads of these keys failed: when they were resolved from the cache, it is forgotten (a CRD removed since). */
  readsFailed(keys: Iterable<string>): Promise<void>;
}

interface Discovery {
  catalogue: KindCatalogue;
  /** Fetched in this run, not read from the cache. */
  fresh: boolean;
}

export interface ClusterKindsOptions {
  reader: DiscoveryReader;
  /** Made when first needed: a lab of Kubernetes' own kinds never touches the cache. */
  cache?: () => Promise<DiscoveryCache>;
}

export const clusterKinds = ({ reader, cache: makeCache }: ClusterKindsOptions): ClusterKinds => {
  const builtins = servedEverywhere();
  // The core group is not in `/apis`: it comes from the table, first, as kubectl orders it.
  const core = builtins.filter((kind) => kind.group === '');
  const memo = new Map<string, Promise<Resolution>>();
  const fromCache = new Set<string>();
  let cache: Promise<DiscoveryCache | undefined> | undefined;
  const theCache = (): Promise<DiscoveryCache | undefined> => (cache ??= makeCache ? makeCache() : Promise.resolve(undefined));
  let cached: Promise<Discovery> | undefined;
  let fetched: Promise<Discovery> | undefined;

  // A discovery that failed is not kept: the next resolve (a re-check of --watch) asks again.
  const fetch = (): Promise<Discovery> =>
    (fetched ??= import('./fetch.js').then(({ discoverKinds }) => discoverKinds(reader)).then(
      async (found) => {
        await (await theCache())?.write(found.kinds);
        return { catalogue: [...core, ...found.kinds], fresh: true };
      },
      (error: unknown) => {
        fetched = undefined;
        throw error;
      },
    ));

  const discovery = (): Promise<Discovery> =>
    (cached ??= (async () => {
      const kinds = await (await theCache())?.read();
      return kinds ? { catalogue: [...core, ...kinds], fresh: false } : fetch();
    })().catch((error: unknown) => {
      cached = undefined;
      throw error;
    }));

  const resolveOnCluster = async (name: string): Promise<Resolution> => {
    try {
      const first = await discovery();
      const resolution = resolveIn(name, first.catalogue);
      if (resolution.ok || resolution.why !== 'not-served' || first.fresh) {
        if (resolution.ok && !first.fresh) fromCache.add(resolution.kind.key);
        return resolution;
      }
      return resolveIn(name, (await fetch()).catalogue);
    } catch (error) {
      // A DiscoveryFailure says what went wrong in its own words; anything else is named as discovery's.
      const reason = error instanceof Error && error.name === 'DiscoveryFailure' ? error.message : `discovery failed: ${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, why: 'discovery-failed', reason };
    }
  };

  const resolveOne = (name: string): Promise<Resolution> => {
    const known = memo.get(name);
    if (known) return known;
    const offline = resolveIn(name, builtins);
    const resolution = offline.ok || offline.why === 'not-listable' ? Promise.resolve(offline) : resolveOnCluster(name);
    memo.set(name, resolution);
    void resolution.then((r) => {
      if (!r.ok && r.why === 'discovery-failed') memo.delete(name);
    });
    return resolution;
  };

  return {
    async resolve(names) {
      const wanted = [...new Set(names)];
      const resolutions = await Promise.all(wanted.map(resolveOne));
      return new Map(wanted.map((name, i) => [name, resolutions[i] as Resolution]));
    },
    async catalogue(fresh = false) {
      return (await (fresh ? fetch() : discovery())).catalogue;
    },
    async readsFailed(keys) {
      if ([...keys].some((key) => fromCache.has(key))) await (await theCache())?.drop();
    },
  };
};
