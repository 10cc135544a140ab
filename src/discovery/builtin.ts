// The kinds of Kubernetes itself, from the generated table, as catalogues:
// - `servedEverywhere`: what every release tp supports serves by default (GA
//   versions present in all of them). Names resolve there with no request to
//   the cluster, so a lab of built-in kinds costs no discovery.
// - `knownBuiltins`: every version of every resource, alpha and beta included:
//   what `tp lab lint` knows without a cluster.
import { BUILTIN_KINDS, BUILTIN_RELEASES } from './builtin-kinds.generated.js';
import { findKind, resolveIn } from './resolve.js';
import type { BuiltinKind, KindCatalogue, Resolution, ServedKind } from './types.js';

/** `v1`, `v2`: served unless turned off. Alpha and beta versions are off unless a cluster turns them on. */
const isGeneralAvailability = (version: string): boolean => /^v\d+$/.test(version);

const servedBy = (entry: BuiltinKind, version: string): ServedKind => {
  const { versions: _versions, ...facts } = entry;
  return { ...facts, version };
};

/** Group by group, each group's versions in priority order, then each version's resources: kubectl's order. */
const catalogueOf = (keep: (entry: BuiltinKind, version: string, releases: readonly string[]) => boolean): KindCatalogue => {
  const groups = [...new Set(BUILTIN_KINDS.map((entry) => entry.group))];
  return groups.flatMap((group) => {
    const entries = BUILTIN_KINDS.filter((entry) => entry.group === group);
    const versions = [...new Set(entries.flatMap((entry) => entry.versions.map(([version]) => version)))];
    return versions.flatMap((version) =>
      entries.flatMap((entry) => {
        const releases = entry.versions.find(([v]) => v === version)?.[1];
        return releases && keep(entry, version, releases) ? [servedBy(entry, version)] : [];
      }),
    );
  });
};

let everywhere: KindCatalogue | undefined;
let known: KindCatalogue | undefined;

export const servedEverywhere = (): KindCatalogue =>
  (everywhere ??= catalogueOf((_entry, version, releases) => isGeneralAvailability(version) && BUILTIN_RELEASES.every((r) => releases.includes(r))));

export const knownBuiltins = (): KindCatalogue => (known ??= catalogueOf(() => true));

/** The groups of Kubernetes itself: a name in another group can only be a custom resource (or an aggregated API). */
export const isBuiltinGroup = (group: string): boolean => BUILTIN_KINDS.some((entry) => entry.group === group);

/** `1.33–1.36`, for messages and docs. */
export const supportedReleases = (): string => `${BUILTIN_RELEASES[0] ?? ''}–${BUILTIN_RELEASES[BUILTIN_RELEASES.length - 1] ?? ''}`;

/** What names mean among the kinds every supported release serves, with no cluster (tests, fixtures). */
export const resolveBuiltins = (names: Iterable<string>): Map<string, Resolution> =>
  new Map([...new Set(names)].map((name) => [name, resolveIn(name, servedEverywhere())]));

/**
 * The kind of Kubernetes itself a name means (`netpol` → networking.k8s.io NetworkPolicy, namespaced),
 * at its most preferred version, with no cluster; undefined for any other name (a custom resource).
 */
export const builtinKindOf = (name: string): ServedKind | undefined => findKind(name, knownBuiltins());
