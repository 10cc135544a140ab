// Readers of plain JSON that check just enough of its shape to trust the types
// (reports and gradebooks read back from disk). A wrong shape is a ShapeError
// naming the path of the field.
export class ShapeError extends Error {}

export type Json = Record<string, unknown>;

export const objectAt = (value: unknown, path: string): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(`${path} must be an object`);
  return value as Json;
};

export const arrayAt = (value: unknown, path: string): unknown[] => {
  if (!Array.isArray(value)) throw new ShapeError(`${path} must be an array`);
  return value;
};

export const stringAt = (json: Json, key: string, path: string): string => {
  const value = json[key];
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key} must be a string`);
  return value;
};

export const optionalStringAt = (json: Json, key: string, path: string): string | undefined =>
  json[key] === undefined ? undefined : stringAt(json, key, path);

export const numberAt = (json: Json, key: string, path: string): number => {
  const value = json[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(`${path}.${key} must be a number`);
  return value;
};
