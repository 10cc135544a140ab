// The JSON Schema validators of lab files. Compiling is the slow part: a bundled
// tp has them compiled at build time (precompiled-validators.ts); from the sources
// each schema is compiled once per process and the validators are kept.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import labSchema from '../../schema/lab.schema.json' with { type: 'json' };
import { PRECOMPILED_VALIDATORS } from './precompiled-validators.js';

// verbose: errors carry their schema, whose `title` gives the plain-English expectation.
// allowUnionTypes: `section: 5` and `section: "5"` are both fine.
// logger: false, because only cli/ prints; kind schemas are checked by the registry test.
let shared: Ajv | undefined;
const ajv = (): Ajv => (shared ??= new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, logger: false }));

let labValidator: ValidateFunction | undefined;

/** ajv's errors for a whole lab file (empty when its shape is right). */
export const labShapeErrors = (value: unknown): ErrorObject[] => {
  labValidator ??= PRECOMPILED_VALIDATORS['lab'] ?? ajv().compile(labSchema);
  return labValidator(value) ? [] : [...(labValidator.errors ?? [])];
};

// Keyed by the schema object, so two registries (tests use small fake ones) never mix.
const byKindSchema = new WeakMap<object, ValidateFunction>();

/** The name scripts/precompile.mjs gives the build-time validator of a params schema: the schema's text decides. */
export const paramsSchemaKey = (schema: Record<string, unknown>): string =>
  `params_${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}`;

/** ajv's errors for a check's params against its kind's schema; throws if that schema itself is invalid. */
export const paramsErrors = (schema: Record<string, unknown>, params: unknown): ErrorObject[] => {
  let validate = byKindSchema.get(schema);
  if (!validate) {
    validate = PRECOMPILED_VALIDATORS[paramsSchemaKey(schema)] ?? ajv().compile(schema);
    byKindSchema.set(schema, validate);
  }
  return validate(params) ? [] : [...(validate.errors ?? [])];
};
