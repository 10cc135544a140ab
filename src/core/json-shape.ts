// Plain objects, as JSON and YAML give them, and readers that check just enough
// of their shape to trust the types (reports and gradebooks read back from
// disk). A wrong shape is a ShapeError naming the path of the field.
export class ShapeError extends Error {}

/** A mapping as JSON or YAML gives it, before its shape is trusted. */
export type PlainObject = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const objectAt = (value: unknown, path: string): PlainObject => {
  if (!isPlainObject(value)) throw new ShapeError(`${path} must be an object`);
  return value;
};

export const arrayAt = (value: unknown, path: string): unknown[] => {
  if (!Array.isArray(value)) throw new ShapeError(`${path} must be an array`);
  return value;
};

export const stringAt = (json: PlainObject, key: string, path: string): string => {
  const value = json[key];
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key} must be a string`);
  return value;
};

export const optionalStringAt = (json: PlainObject, key: string, path: string): string | undefined =>
  json[key] === undefined ? undefined : stringAt(json, key, path);

export const numberAt = (json: PlainObject, key: string, path: string): number => {
  const value = json[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(`${path}.${key} must be a number`);
  return value;
};
