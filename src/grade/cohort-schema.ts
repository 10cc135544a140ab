// The cohort file's shape, checked by the same JSON Schema editors use.
// Compiling is the slow part: a bundled tp has it compiled at build time; from
// the sources it is compiled once per process.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import cohortSchema from '../../schema/cohort.schema.json' with { type: 'json' };
import type { LocatedProblem } from '../core/located-problem.js';
import { describeAjvError } from '../core/ajv-messages.js';
import { PRECOMPILED_VALIDATORS } from '../lab/precompiled-validators.js';

let validator: ValidateFunction | undefined;

const errorsOf = (value: unknown): ErrorObject[] => {
  // verbose: errors carry their schema, whose `title` says what was expected.
  validator ??= PRECOMPILED_VALIDATORS['cohort'] ?? new Ajv({ allErrors: true, verbose: true, logger: false }).compile(cohortSchema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
};

/** The shape problems of a cohort file, said about the field where it is written. */
export const cohortShapeProblems = (value: unknown): LocatedProblem[] =>
  errorsOf(value).flatMap((error) => describeAjvError(error, [], 'the cohort file') ?? []);
