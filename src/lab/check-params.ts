// Second half of the shape pass: each check's kind must exist and its params
// must fit that kind's schema. What it learns (the answers and resource kinds a
// check reads) feeds the semantic rules.
import type { ErrorObject } from 'ajv';
import { paramsErrors } from './ajv.js';
import type { BuiltLab } from './build.js';
import { findKind, knownKindNames } from './kinds.js';
import type { KindSource, LoadableKind } from './kinds.js';
import { valueAt } from './raw.js';
import type { CheckSpec } from './types.js';
import type { JsonPath } from '../core/yaml-positions.js';
import type { LocatedProblem } from '../core/located-problem.js';
import { describeAjvError } from '../core/ajv-messages.js';
import { isPlainObject } from '../core/json-shape.js';

export interface CheckReading {
  check: CheckSpec;
  path: JsonPath;
  kind?: LoadableKind;
  /** What the check reads, as its kind says; absent when that cannot be known (unknown kind, invalid params). */
  reads?: { answers: string[]; resourceKinds: string[] };
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const unknownKind = (name: string, kinds: KindSource): string => {
  const known = knownKindNames(kinds);
  return `unknown check kind "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`;
};

const readCheck = (check: CheckSpec, path: JsonPath, raw: unknown, kinds: KindSource, problems: LocatedProblem[]): CheckReading => {
  // An empty or missing kind, or params that are not a map, were reported by the lab schema.
  if (check.kind === '') return { check, path };
  const kind = findKind(kinds, check.kind);
  if (!kind) {
    problems.push({ path: [...path, 'kind'], message: unknownKind(check.kind, kinds) });
    return { check, path };
  }
  const rawParams = valueAt(raw, [...path, 'params']);
  if (rawParams !== undefined && !isPlainObject(rawParams)) return { check, path, kind };

  const paramsPath = [...path, 'params'];
  let errors: ErrorObject[];
  try {
    errors = paramsErrors(kind.schema, check.params);
  } catch (error) {
    problems.push({ path: [...path, 'kind'], message: `check kind "${check.kind}" has an invalid params schema: ${errorText(error)}` });
    return { check, path, kind };
  }
  if (errors.length > 0) {
    for (const error of errors) {
      const problem = describeAjvError(error, paramsPath);
      if (problem) problems.push(problem);
    }
    return { check, path, kind };
  }
  try {
    return { check, path, kind, reads: { answers: kind.answers?.(check.params) ?? [], resourceKinds: kind.needs(check.params) } };
  } catch (error) {
    // A kind that throws on params its own schema accepts is a bug in the kind; still a message, not a crash.
    problems.push({ path: paramsPath, message: `check kind "${check.kind}" cannot read these params: ${errorText(error)}` });
    return { check, path, kind };
  }
};

export const readChecks = (built: BuiltLab, raw: unknown, kinds: KindSource): { readings: CheckReading[]; problems: LocatedProblem[] } => {
  const problems: LocatedProblem[] = [];
  const readings = built.lab.exercises.flatMap((exercise) =>
    exercise.checks.map((check) => readCheck(check, built.pathOf(check), raw, kinds, problems)),
  );
  return { readings, problems };
};
