// Turns ajv's errors into plain English said about the field, where the field is
// written: `points must be a number > 0`, `unknown property "pionts"`.
import type { ErrorObject } from 'ajv';
import type { LocatedProblem } from './located-problem.js';
import { pathFromPointer } from './yaml-positions.js';
import type { JsonPath } from './yaml-positions.js';

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

const typesText = (types: unknown): string =>
  String(types)
    .split(',')
    .map((type) => article(type === 'null' ? 'null value' : type))
    .join(' or ');

// The field as the author wrote it: `points`, `fails[0]`; the whole file for the root.
const fieldName = (path: JsonPath, root: string): string => {
  const last = path[path.length - 1];
  if (last === undefined) return root;
  if (typeof last === 'number' || /^\d+$/.test(last)) return `${fieldName(path.slice(0, -1), root)}[${last}]`;
  return last;
};

const quoted = (data: unknown): string => (typeof data === 'string' ? ` (got "${data}")` : '');

// What the value must be. A schema `title` written as that phrase ("a number > 0") is used
// as is, so one sentence covers both "not a number" and "not > 0"; other titles are
// documentation (kind schemas may have those), hence the check for an article.
const expectation = (error: ErrorObject): string => {
  const title: unknown = error.parentSchema?.title;
  const { params } = error;
  if (typeof title === 'string' && /^an? /.test(title)) return `must be ${title}${error.keyword === 'pattern' ? quoted(error.data) : ''}`;
  switch (error.keyword) {
    case 'type':
      return `must be ${typesText(params.type)}`;
    case 'pattern':
      return `must match ${String(params.pattern)}${quoted(error.data)}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} characters`;
    case 'minItems':
      return params.limit === 1 ? 'must not be empty' : `must have at least ${String(params.limit)} items`;
    case 'enum': {
      const allowed: unknown = params.allowedValues;
      return Array.isArray(allowed) ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : 'must be one of the allowed values';
    }
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'anyOf':
    case 'oneOf':
      return 'must match one of the allowed forms';
    default:
      return error.message ?? `is invalid (${error.keyword})`;
  }
};

/**
 * One ajv error in words, at `base` + its path (params are validated apart from the lab);
 * undefined for wrapper errors whose inner errors say it better.
 */
export const describeAjvError = (error: ErrorObject, base: JsonPath = [], root = 'the lab'): LocatedProblem | undefined => {
  const path = [...base, ...pathFromPointer(error.instancePath)];
  const { params } = error;
  if (error.keyword === 'propertyNames' || error.keyword === 'if') return undefined;
  if (error.keyword === 'required') return { path, at: 'value', message: `missing property "${String(params.missingProperty)}"` };
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    return { path: [...path, name], at: 'key', message: `unknown property "${name}"` };
  }
  if (error.propertyName !== undefined) {
    return { path: [...path, error.propertyName], at: 'key', message: `property name "${error.propertyName}" ${expectation(error).replace(/ \(got .*\)$/, '')}` };
  }
  return { path, at: 'value', message: `${fieldName(path, root)} ${expectation(error)}` };
};
