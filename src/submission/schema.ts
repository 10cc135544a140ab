// The submission's shape, checked by schema/submission.schema.json before any
// of it is trusted. Compiling is the slow part: a bundled tp has it compiled at
// build time (scripts/precompile.mjs); from the sources it is compiled once.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import submissionSchema from '../../schema/submission.schema.json' with { type: 'json' };
import { PRECOMPILED_VALIDATORS } from '../lab/precompiled-validators.js';

let validator: ValidateFunction | undefined;

/** The first few problems of a value that is not a submission, as `/path: message` (empty when it is one). */
export const submissionShapeProblems = (value: unknown): string[] => {
  validator ??= PRECOMPILED_VALIDATORS['submission'] ?? new Ajv({ allErrors: false, logger: false }).compile(submissionSchema);
  if (validator(value)) return [];
  return (validator.errors ?? []).slice(0, 3).map((error: ErrorObject) => `${error.instancePath === '' ? '(the file)' : error.instancePath} ${error.message ?? 'is not as the schema says'}`);
};
