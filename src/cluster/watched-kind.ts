// What the live class needs to know of a kind to follow it: the key the
// Snapshot files it under, whether it lives in namespaces, and where its LIST
// (and so its WATCH) is. The cache and its reflectors know kinds only through
// this, so a kind resolved from the cluster's discovery fits as well as one of
// the fixed table.
import { listPath } from './api-paths.js';
import { RESOURCE_KINDS, type ResourceKind } from '../core/resource-kinds.js';

export interface WatchedKind {
  /** The key of the kind in `Snapshot.kinds`. */
  key: ResourceKind;
  namespaced: boolean;
  /** The LIST path, in one namespace or cluster-wide (namespace undefined); a WATCH is the same path with `watch=1`. */
  path(namespace?: string): string;
}

export const watchedKindOf = (kind: ResourceKind): WatchedKind => ({
  key: kind,
  namespaced: RESOURCE_KINDS[kind].namespaced,
  path: (namespace) => listPath(kind, namespace),
});
