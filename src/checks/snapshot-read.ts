// Small readers shared by check kinds: find objects in the snapshot.
import type { KindRead, KubeObject, Snapshot } from '../cluster/types.js';
import type { ResourceKind } from '../core/resource-kinds.js';

/** The objects of a kind. The engine has already turned a failed read into an `error`. */
export const objectsOf = (snapshot: Snapshot, kind: ResourceKind): KubeObject[] => {
  const read: KindRead | undefined = snapshot.kinds[kind];
  return read?.ok ? read.items : [];
};

export const findObject = (snapshot: Snapshot, kind: ResourceKind, name: string): KubeObject | undefined =>
  objectsOf(snapshot, kind).find((object) => object.metadata.name === name);

export const labelsOf = (object: KubeObject): Record<string, string> => object.metadata.labels ?? {};

/** Reads a nested field: `field(o, 'spec', 'replicas')`. */
export const field = (object: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined), object);
