// Deep merge for mutation patches, close to kubectl's strategic merge for the
// fields labs touch: objects merge, lists of named items (containers, ports,
// volumes) merge item by item on `name`, other lists are replaced, null deletes.
type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

const namedList = (value: unknown[]): boolean => value.length > 0 && value.every((item) => isPlain(item) && typeof item.name === 'string');

const mergeLists = (base: unknown[], patch: unknown[]): unknown[] => {
  if (!namedList(base) || !namedList(patch)) return patch;
  const merged = base.map((item) => {
    const change = patch.find((p) => (p as Plain).name === (item as Plain).name);
    return change ? deepMerge(item, change) : item;
  });
  const added = patch.filter((p) => !base.some((item) => (item as Plain).name === (p as Plain).name));
  return [...merged, ...added];
};

export const deepMerge = (base: unknown, patch: unknown): unknown => {
  if (Array.isArray(base) && Array.isArray(patch)) return mergeLists(base, patch);
  if (!isPlain(base) || !isPlain(patch)) return patch;
  const result: Plain = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return result;
};
