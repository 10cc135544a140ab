// Small readers shared by check kinds: find objects in the snapshot.
import type { KindRead, KubeObject, Snapshot } from '../cluster/types.js';
import type { ResourceKind } from '../core/resource-kinds.js';
import { parseSelector } from '../selector/parse.js';
import { matchesSelector } from '../selector/match.js';

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

/**
 * The objects a check names: the one of that name, those a label selector picks, or all of
 * them when it gives neither; the parser's reason when the lab's selector is invalid.
 */
export const selectByNameOrLabels = (objects: KubeObject[], name: string | undefined, selector: string | undefined): KubeObject[] | string => {
  if (name !== undefined) return objects.filter((object) => object.metadata.name === name);
  if (selector === undefined) return objects;
  const parsed = parseSelector(selector);
  return parsed.ok ? objects.filter((object) => matchesSelector(parsed.requirements, labelsOf(object))) : parsed.reason;
};
