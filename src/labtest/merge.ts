// Deep merge for mutation patches, close to kubectl's strategic merge for the
// fields labs touch: objects merge, lists of named items (containers, ports,
// volumes) merge item by item on `name`, other lists are replaced, null deletes.
import { isPlainObject, type PlainObject } from '../core/json-shape.js';

const namedList = (value: unknown[]): boolean => value.length > 0 && value.every((item) => isPlainObject(item) && typeof item.name === 'string');

const mergeLists = (base: unknown[], patch: unknown[]): unknown[] => {
  if (!namedList(base) || !namedList(patch)) return patch;
  const merged = base.map((item) => {
    const change = patch.find((p) => (p as PlainObject).name === (item as PlainObject).name);
    return change ? deepMerge(item, change) : item;
  });
  const added = patch.filter((p) => !base.some((item) => (item as PlainObject).name === (p as PlainObject).name));
  return [...merged, ...added];
};

export const deepMerge = (base: unknown, patch: unknown): unknown => {
  if (Array.isArray(base) && Array.isArray(patch)) return mergeLists(base, patch);
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const result: PlainObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return result;
};
