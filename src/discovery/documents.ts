// Discovery documents, read into a catalogue: the aggregated one (every group,
// version and resource in one answer, apidiscovery.k8s.io v2 or v2beta1) and
// the legacy ones (APIGroupList, then an APIResourceList per group version).
// Whatever does not look as Kubernetes writes it is dropped (counted), never
// kept half-checked: see valid-names.ts for why.
import { isPlainObject } from '../core/json-shape.js';
import type { ServedKind } from './types.js';
import { isGroup, isKindWord, isLabel, isVerb } from './valid-names.js';

/** More resources than any cluster serves (a cluster with thousands of CRDs has tens of thousands). */
export const MAX_SERVED_KINDS = 100_000;

export interface ReadCatalogue {
  kinds: ServedKind[];
  /** Entries dropped because a name was not valid. */
  dropped: number;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const wordsOf = (value: unknown, valid: (text: unknown) => text is string): string[] | undefined => {
  const items = listOf(value);
  if (items.length > 50) return undefined;
  return items.every(valid) ? (items as string[]) : undefined;
};

interface ResourceFacts {
  resource: unknown;
  kind: unknown;
  singular: unknown;
  shortNames: unknown;
  namespaced: unknown;
  verbs: unknown;
}

/** A served kind when every field is valid; undefined otherwise. */
export const servedKind = (group: unknown, version: unknown, facts: ResourceFacts): ServedKind | undefined => {
  const shortNames = wordsOf(facts.shortNames, isLabel);
  const verbs = wordsOf(facts.verbs, isVerb);
  const singular = facts.singular === undefined || facts.singular === '' ? (isKindWord(facts.kind) ? facts.kind.toLowerCase() : undefined) : facts.singular;
  if (!isGroup(group) || !isLabel(version) || !isLabel(facts.resource) || !isKindWord(facts.kind) || !isLabel(singular)) return undefined;
  if (!shortNames || !verbs || typeof facts.namespaced !== 'boolean') return undefined;
  return { group, version, resource: facts.resource, kind: facts.kind, singular, shortNames, namespaced: facts.namespaced, verbs };
};

const collector = () => {
  const read: ReadCatalogue = { kinds: [], dropped: 0 };
  return {
    read,
    add(kind: ServedKind | undefined) {
      if (!kind) read.dropped += 1;
      else if (read.kinds.length < MAX_SERVED_KINDS) read.kinds.push(kind);
      else read.dropped += 1;
    },
  };
};

export const isAggregated = (document: unknown): boolean =>
  isPlainObject(document) &&
  document.kind === 'APIGroupDiscoveryList' &&
  (document.apiVersion === 'apidiscovery.k8s.io/v2' || document.apiVersion === 'apidiscovery.k8s.io/v2beta1');

/**
 * The APIGroupDiscoveryList of `/apis`: groups in priority order, each version's resources
 * (subresources are apart). The core group is not there (it is `/api`): a group without a name is dropped.
 */
export const readAggregated = (document: unknown): ReadCatalogue => {
  const { read, add } = collector();
  for (const group of listOf(isPlainObject(document) ? document.items : undefined)) {
    if (!isPlainObject(group)) continue;
    const named = isPlainObject(group.metadata) ? group.metadata.name : undefined;
    const name = named === '' ? undefined : named;
    for (const version of listOf(group.versions)) {
      if (!isPlainObject(version)) continue;
      for (const resource of listOf(version.resources)) {
        if (!isPlainObject(resource)) {
          read.dropped += 1;
          continue;
        }
        const responseKind = isPlainObject(resource.responseKind) ? resource.responseKind : {};
        add(servedKind(name, version.version, {
          resource: resource.resource,
          kind: responseKind.kind,
          singular: resource.singularResource,
          shortNames: resource.shortNames,
          namespaced: resource.scope === 'Namespaced' ? true : resource.scope === 'Cluster' ? false : undefined,
          verbs: resource.verbs,
        }));
      }
    }
  }
  return read;
};

export interface LegacyGroup {
  group: string;
  /** Preferred first. */
  versions: string[];
}

export const isGroupList = (document: unknown): boolean => isPlainObject(document) && document.kind === 'APIGroupList';

/** An APIGroupList: each valid group with its valid versions, the preferred one first. */
export const readGroupList = (document: unknown): LegacyGroup[] =>
  listOf(isPlainObject(document) ? document.groups : undefined).flatMap((group) => {
    if (!isPlainObject(group) || !isGroup(group.name) || group.name === '') return [];
    const preferred = isPlainObject(group.preferredVersion) ? group.preferredVersion.version : undefined;
    const listed = listOf(group.versions).flatMap((v) => (isPlainObject(v) && isLabel(v.version) ? [v.version] : []));
    const versions = [...new Set([...(isLabel(preferred) && listed.includes(preferred) ? [preferred] : []), ...listed])];
    return versions.length > 0 ? [{ group: group.name, versions }] : [];
  });

/** An APIResourceList of one group version; `pods/log` and the like are subresources, not kinds. */
export const readResourceList = (group: string, version: string, document: unknown): ReadCatalogue => {
  const { read, add } = collector();
  for (const resource of listOf(isPlainObject(document) ? document.resources : undefined)) {
    if (isPlainObject(resource) && typeof resource.name === 'string' && resource.name.includes('/')) continue;
    if (!isPlainObject(resource)) {
      read.dropped += 1;
      continue;
    }
    add(servedKind(group, version, {
      resource: resource.name,
      kind: resource.kind,
      singular: resource.singularName,
      shortNames: resource.shortNames,
      namespaced: resource.namespaced,
      verbs: resource.verbs,
    }));
  }
  return read;
};
