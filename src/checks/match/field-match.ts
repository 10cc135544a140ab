// Partial matching of an object against an expected shape, as Chainsaw asserts
// do: only the fields written are compared, arrays are matched by filter (each
// expected element must match some actual element, whatever its position), and
// a few operators cover what equality cannot.
import { isPlainObject } from '../../core/json-shape.js';
import { parseQuantity } from './quantity.js';
import { shortened } from '../../core/quote.js';
import { compilePattern } from '../../core/pattern.js';
import type { Text } from '../../core/text.js';

/** What was wanted, for the words a student reads (describe-mismatch.ts). */
export interface Wanted {
  /** An operator, or `equal` (a plain value), `object` or `list` (a shape). */
  test: Operator | 'equal' | 'object' | 'list';
  argument?: unknown;
  /** The lab's own words for it (`$as` beside an operator), e.g. "an image tagged v0.2". */
  as?: Text;
}

export interface Mismatch {
  /** Path of the field, e.g. `spec.template.spec.containers[name=web].ports`. */
  path: string;
  expected: string;
  /** What was found, `absent` when the field is missing. */
  actual: string;
  wanted: Wanted;
  /** The value found, undefined when absent. */
  found: unknown;
}


const OPERATORS = ['$oneOf', '$regex', '$present', '$absent', '$quantity', '$contains', '$gte', '$lte', '$length', '$not'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Beside an operator, the words students read instead of it: `{ $regex: ':v0\\.2$', $as: { fr: …, en: … } }`. */
export const AS = '$as';

const asText = (value: unknown): Text | undefined =>
  isPlainObject(value) && typeof value.fr === 'string' && typeof value.en === 'string' ? { fr: value.fr, en: value.en } : undefined;

const operatorOf = (expected: Record<string, unknown>): Operator | undefined => {
  const keys = Object.keys(expected).filter((key) => key !== AS);
  if (keys.length !== Object.keys(expected).length - (AS in expected ? 1 : 0)) return undefined;
  return keys.length === 1 && (OPERATORS as readonly string[]).includes(keys[0] as string) ? (keys[0] as Operator) : undefined;
};

export const show = (value: unknown): string => {
  if (value === undefined) return 'absent';
  // A student's string, or a whole object of them: one short line either way.
  if (typeof value === 'string') return `"${shortened(value)}"`;
  return shortened(JSON.stringify(value) ?? String(value), 120);
};

const scalarEqual = (actual: unknown, expected: unknown): boolean => {
  if (actual === expected) return true;
  // YAML authors write 8000 where the API has "8000" (and the reverse): compare as text.
  if ((typeof actual === 'number' || typeof actual === 'string') && (typeof expected === 'number' || typeof expected === 'string')) {
    return String(actual) === String(expected);
  }
  return false;
};

const describeFilter = (expected: unknown): string => {
  if (isPlainObject(expected) && typeof expected.name === 'string') return `[name=${expected.name}]`;
  if (isPlainObject(expected) && typeof expected.type === 'string') return `[type=${expected.type}]`;
  return '[*]';
};

const applyOperator = (operator: Operator, argument: unknown, actual: unknown, path: string, as?: Text): Mismatch[] => {
  const fail = (expected: string): Mismatch[] => [{ path, expected, actual: show(actual), found: actual, wanted: { test: operator, argument, ...(as && { as }) } }];
  switch (operator) {
    case '$oneOf':
      return Array.isArray(argument) && argument.some((option) => matchFields(actual, option, path).length === 0)
        ? [] : fail(`one of ${show(argument)}`);
    case '$regex': {
      // Linear time whatever the student wrote (core/pattern.ts); lint refuses a pattern RE2 cannot run.
      const pattern = compilePattern(String(argument));
      if (!pattern.ok) return fail(`matching /${shortened(String(argument))}/ (a pattern tp cannot run: ${pattern.reason})`);
      return typeof actual === 'string' && pattern.test(actual) ? [] : fail(`matching /${String(argument)}/`);
    }
    case '$present':
      return (actual !== undefined) === Boolean(argument) ? [] : fail(argument ? 'present' : 'absent');
    case '$absent':
      return (actual === undefined) === Boolean(argument) ? [] : fail(argument ? 'absent' : 'present');
    case '$quantity': {
      const want = parseQuantity(argument);
      const got = parseQuantity(actual);
      return want !== undefined && got !== undefined && Math.abs(want - got) <= Math.abs(want) * 1e-9 ? [] : fail(`the quantity ${show(argument)}`);
    }
    case '$contains':
      if (typeof actual === 'string') return actual.includes(String(argument)) ? [] : fail(`containing ${show(argument)}`);
      return Array.isArray(actual) && actual.some((item) => matchFields(item, argument, path).length === 0) ? [] : fail(`containing ${show(argument)}`);
    case '$gte':
      return typeof actual === 'number' && actual >= Number(argument) ? [] : fail(`at least ${show(argument)}`);
    case '$lte':
      return typeof actual === 'number' && actual <= Number(argument) ? [] : fail(`at most ${show(argument)}`);
    case '$length':
      return Array.isArray(actual) && actual.length === Number(argument) ? [] : fail(`${show(argument)} items`);
    case '$not':
      return matchFields(actual, argument, path).length > 0 ? [] : fail(`not ${show(argument)}`);
  }
};

/** Every difference between `actual` and the partial `expected`; empty when it matches. */
export const matchFields = (actual: unknown, expected: unknown, path = ''): Mismatch[] => {
  if (isPlainObject(expected)) {
    const operator = operatorOf(expected);
    if (operator) return applyOperator(operator, expected[operator], actual, path || '.', asText(expected[AS]));
    // A missing object reads as an empty one, so each expected field says what is absent.
    if (actual !== undefined && !isPlainObject(actual)) return [{ path: path || '.', expected: 'an object', actual: show(actual), found: actual, wanted: { test: 'object' } }];
    const fields: Record<string, unknown> = actual ?? {};
    return Object.entries(expected).flatMap(([key, value]) => {
      const childPath = path ? `${path}.${key}` : key;
      const child = fields[key];
      if (child === undefined && !isPlainObject(value)) {
        return [{ path: childPath, expected: show(value), actual: 'absent', found: undefined, wanted: { test: 'equal', argument: value } }];
      }
      return matchFields(child, value, childPath);
    });
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, expected: 'a list', actual: show(actual), found: actual, wanted: { test: 'list', argument: expected } }];
    return expected.flatMap((element) => {
      const elementPath = `${path}${describeFilter(element)}`;
      const candidates = actual.map((item) => matchFields(item, element, elementPath));
      if (candidates.some((mismatches) => mismatches.length === 0)) return [];
      // Show the closest element's differences: they say what to fix.
      const closest = candidates.sort((a, b) => a.length - b.length)[0];
      return closest ?? [{ path: elementPath, expected: show(element), actual: 'no such item', found: undefined, wanted: { test: 'equal', argument: element } }];
    });
  }
  return scalarEqual(actual, expected) ? [] : [{ path: path || '.', expected: show(expected), actual: show(actual), found: actual, wanted: { test: 'equal', argument: expected } }];
};

