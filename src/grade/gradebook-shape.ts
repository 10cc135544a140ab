// Checks of the plain JSON of a grades.json, just enough to trust the types.
import type { LabOutline, StudentResult } from './types.js';

export class ShapeError extends Error {}

type Json = Record<string, unknown>;

export const objectAt = (value: unknown, path: string): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(`${path} must be an object`);
  return value as Json;
};

export const arrayAt = (value: unknown, path: string): unknown[] => {
  if (!Array.isArray(value)) throw new ShapeError(`${path} must be an array`);
  return value;
};

const stringAt = (json: Json, key: string, path: string): string => {
  const value = json[key];
  if (typeof value !== 'string') throw new ShapeError(`${path}.${key} must be a string`);
  return value;
};

const numberAt = (json: Json, key: string, path: string): number => {
  const value = json[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(`${path}.${key} must be a number`);
  return value;
};

const optionalString = (json: Json, key: string): string | undefined => (typeof json[key] === 'string' ? json[key] : undefined);

export const parseOutline = (json: Json): LabOutline => ({
  id: stringAt(json, 'lab', 'gradebook'),
  title: stringAt(json, 'labTitle', 'gradebook'),
  maxScore: numberAt(json, 'maxScore', 'gradebook'),
  exercises: arrayAt(json['exercises'], 'exercises').map((value, i) => {
    const path = `exercises[${i}]`;
    const exercise = objectAt(value, path);
    return {
      id: stringAt(exercise, 'id', path),
      title: stringAt(exercise, 'title', path),
      maxScore: numberAt(exercise, 'maxScore', path),
      checks: arrayAt(exercise['checks'], `${path}.checks`).map((item, j) => {
        const checkPath = `${path}.checks[${j}]`;
        const check = objectAt(item, checkPath);
        return { id: stringAt(check, 'id', checkPath), title: stringAt(check, 'title', checkPath), points: numberAt(check, 'points', checkPath) };
      }),
    };
  }),
});

export const parseStudentIdentity = (json: Json, path: string): StudentResult['student'] => {
  const name = optionalString(json, 'name');
  const email = optionalString(json, 'email');
  const idNumber = optionalString(json, 'idNumber');
  const lang = json['lang'];
  return {
    index: numberAt(json, 'index', path),
    id: stringAt(json, 'id', path),
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(idNumber === undefined ? {} : { idNumber }),
    ...(lang === 'fr' || lang === 'en' ? { lang } : {}),
  };
};
