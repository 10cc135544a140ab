// ajv's standalone code of tp's JSON Schemas (lab, cohort, submission, each check kind's
// params), made when the bundle is built (scripts/precompile.mjs fills this module
// in): a bundled tp never compiles a schema at start-up. From the sources (tests)
// it is empty and the schemas are compiled at run time, as before.
import type { ValidateFunction } from 'ajv';

/** `lab`, `cohort`, `submission`, and `params_<hash>` for each kind's params schema (see paramsSchemaKey). */
export const PRECOMPILED_VALIDATORS: Readonly<Record<string, ValidateFunction>> = {};
