// Every string of a plain value (arrays and plain objects, as JSON and YAML
// give them) passed through a function, copying only the parts that change:
// a value with nothing to change is returned as it is. Gradebooks (cleaned of
// control characters), objects read from a cluster (credentials redacted) and
// check params (variables filled) are walked so for each of a thousand
// students, where a copy of each would be garbage at once.

export interface MapStringsOptions {
  /** Keys go through the function too. */
  keys?: boolean;
  /** Keys of the top object whose values are kept as they are. */
  keptAtTop?: ReadonlySet<string>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

// Plain loops: this walks every value of a gradebook, of a LIST, of a lab's params.
const mapArray = (items: readonly unknown[], change: (text: string) => string, keys: boolean): readonly unknown[] => {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    const changed = mapValue(item, change, keys, undefined);
    if (changed !== item) (copy ??= [...items])[i] = changed;
  }
  return copy ?? items;
};

const mapObject = (object: Record<string, unknown>, change: (text: string) => string, keys: boolean, kept: ReadonlySet<string> | undefined): Record<string, unknown> => {
  const names = Object.keys(object);
  // The entries of a copy, begun at the first key or value that changes: those before it are kept as they are.
  let entries: [string, unknown][] | undefined;
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i] as string;
    const item = object[name];
    const changedName = keys ? change(name) : name;
    const changed = kept?.has(name) ? item : mapValue(item, change, keys, undefined);
    if (entries === undefined && (changedName !== name || changed !== item)) entries = names.slice(0, i).map((same) => [same, object[same]]);
    entries?.push([changedName, changed]);
  }
  return entries === undefined ? object : Object.fromEntries(entries);
};

const mapValue = (value: unknown, change: (text: string) => string, keys: boolean, kept: ReadonlySet<string> | undefined): unknown => {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return mapArray(value, change, keys);
  if (isPlainObject(value)) return mapObject(value, change, keys, kept);
  return value;
};

/** `value` with every string in it (nested in arrays and plain objects) changed by `change`; numbers, booleans and the rest kept. */
export const mapStrings = <T>(value: T, change: (text: string) => string, options: MapStringsOptions = {}): T =>
  mapValue(value, change, options.keys ?? false, options.keptAtTop) as T;
