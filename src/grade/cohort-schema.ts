// The cohort file's shape, checked by the same JSON Schema editors use.
// Compiled once per process: compiling is the slow part.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import cohortSchema from '../../schema/cohort.schema.json' with { type: 'json' };
import type { LocatedProblem } from '../core/located-problem.js';
import { describeAjvError } from '../core/ajv-messages.js';

let validator: ValidateFunction | undefined;

const errorsOf = (value: unknown): ErrorObject[] => {
  // verbose: errors carry their schema, whose `title` says what was expected.
  validator ??= new Ajv({ allErrors: true, verbose: true, logger: false }).compile(cohortSchema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
};

/** The shape problems of a cohort file, said about the field where it is written. */
export const cohortShapeProblems = (value: unknown): LocatedProblem[] =>
  errorsOf(value).flatMap((error) => describeAjvError(error, [], 'the cohort file') ?? []);
