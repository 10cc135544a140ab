// Small readers shared by check kinds: find objects in the snapshot. A check
// names a kind as its `needs` did (any spelling kubectl accepts: `deploy`,
// `Role`, `networkpolicies`, `ct`); the snapshot knows what each name resolved to.
import type { KindRead, KubeObject, Snapshot } from '../cluster/types.js';

/** The read of a kind, by the name the check used; undefined when the name resolved to nothing. */
export const readOf = (snapshot: Snapshot, name: string): KindRead | undefined => {
  const resolved = snapshot.names[name];
  return resolved?.ok ? snapshot.kinds[resolved.key] : undefined;
};

/** The objects of a kind. The engine has already turned a failed read or an unknown kind into an `error`. */
export const objectsOf = (snapshot: Snapshot, name: string): KubeObject[] => {
  const read = readOf(snapshot, name);
  return read?.ok ? read.items : [];
};

export const findObject = (snapshot: Snapshot, name: string, objectName: string): KubeObject | undefined =>
  objectsOf(snapshot, name).find((object) => object.metadata.name === objectName);

/** The `kind` of a name's objects (`deploy` → `Deployment`), for messages; the name itself when unresolved. */
export const kindNameOf = (snapshot: Snapshot, name: string): string => {
  const resolved = snapshot.names[name];
  return resolved?.ok ? resolved.kind : name;
};

export const labelsOf = (object: KubeObject): Record<string, string> => object.metadata.labels ?? {};

/** Reads a nested field: `field(o, 'spec', 'replicas')`. */
export const field = (object: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined), object);
