// Careful readers of the plain value parsed from YAML. The loader builds the Lab
// even from a file with shape errors (so semantic rules still run); these give
// an empty value where the file has the wrong thing, never throw.
import { isPlainObject } from '../core/json-shape.js';
import type { Text } from '../core/text.js';
import type { JsonPath } from '../core/yaml-positions.js';


export const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Numbers and booleans written without quotes (`section: 5`, `Answer1: 3`) mean their text. */
export const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

export const textOf = (value: unknown): Text => {
  const map = isPlainObject(value) ? value : {};
  return { fr: stringOf(map.fr), en: stringOf(map.en) };
};

export const optionalTextOf = (value: unknown): Text | undefined => (value === undefined ? undefined : textOf(value));

export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const stringsOf = (value: unknown): string[] => listOf(value).filter((item): item is string => typeof item === 'string');

/** The value at `path` in the plain data, or undefined. */
export const valueAt = (root: unknown, path: JsonPath): unknown => {
  let value = root;
  for (const step of path) {
    if (Array.isArray(value)) value = typeof step === 'number' ? value[step] : undefined;
    else if (isPlainObject(value) && Object.hasOwn(value, step)) value = value[String(step)];
    else return undefined;
  }
  return value;
};
