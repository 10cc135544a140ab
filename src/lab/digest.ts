// A lab's digest: the SHA-256 of what decides a grade — each exercise's checks
// (id, kind, points, parameters), the answers it expects, its variables and
// their defaults — and of nothing else: a title, a hint, a translation or a
// comment fixed does not make another version. A submission records it, so a
// trainer knows when it was made with another version of the lab.
import { createHash } from 'node:crypto';
import type { Lab } from './types.js';
import { canonicalJson } from '../core/canonical-json.js';

export const labDigest = (lab: Lab): string =>
  createHash('sha256')
    .update(
      canonicalJson({
        id: lab.id,
        variables: lab.variables.map((variable) => ({ name: variable.name, default: variable.default })),
        answers: lab.answers.map((answer) => answer.key),
        exercises: lab.exercises.map((exercise) => ({
          id: exercise.id,
          checks: exercise.checks.map((check) => ({ id: check.id, kind: check.kind, points: check.points, params: check.params })),
        })),
      }),
    )
    .digest('hex');
