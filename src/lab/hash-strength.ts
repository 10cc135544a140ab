// What lint says of hashed answers. A hash hides an answer only as long as
// guessing it costs: lint warns on the fast first format (sha256), refuses a
// cost tp would not compute, and, when a check declares the space its answer
// lies in (`answerSpace`), warns when trying every candidate at the stored cost
// takes less than a month of one core. Without a declared space lint cannot
// know how guessable an answer is, and says nothing.
import { costProblem, parseStoredHash, type ScryptCost } from '../core/answer-hash.js';
import { isPlainObject } from '../core/json-shape.js';
import type { JsonPath } from '../core/yaml-positions.js';
import type { LocatedProblem } from '../core/located-problem.js';
import type { CheckSpec } from './types.js';

/** Seconds of one core per scrypt guess: a model (128·N·r bytes written and read twice at ~1 GiB/s), not a measure. */
export const secondsPerGuess = ({ N, r, p }: ScryptCost): number => (N * r * p) / 2 ** 22;

/** Below this, a student with one core enumerates the space: 30 days. */
export const ENUMERABLE_SECONDS = 30 * 24 * 3600;

/** How many answers the declared space holds: `{alphabet, maxLength}` (every string up to that length) or `{candidates}`. */
export const spaceSize = (space: unknown): number | undefined => {
  if (!isPlainObject(space)) return undefined;
  if (typeof space.candidates === 'number') return space.candidates;
  if (typeof space.alphabet !== 'string' || typeof space.maxLength !== 'number') return undefined;
  const letters = new Set(Array.from(space.alphabet)).size;
  let size = 0;
  for (let length = 1; length <= space.maxLength && size < Number.MAX_SAFE_INTEGER; length++) size += letters ** length;
  return size;
};

const days = (seconds: number): string => (seconds < 3600 ? `${Math.ceil(seconds)} s` : `${(seconds / 86400).toFixed(seconds < 86400 ? 2 : 0)} days`);

export const hashProblems = (check: CheckSpec, path: JsonPath): LocatedProblem[] => {
  const hashes = check.params.acceptHashed;
  if (!Array.isArray(hashes)) return [];
  const size = spaceSize(check.params.answerSpace);
  return hashes.flatMap((stored, index): LocatedProblem[] => {
    const at = [...path, 'params', 'acceptHashed', index];
    const parsed = typeof stored === 'string' ? parseStoredHash(stored) : undefined;
    if (parsed === undefined) return [];
    if (parsed.scheme === 'sha256') {
      return [{ path: at, severity: 'warning', message: `check "${check.id}": a sha256 answer hash is fast to enumerate; re-hash it with \`tp lab hash\` (scrypt)` }];
    }
    const problem = costProblem(parsed.cost);
    if (problem !== undefined) return [{ path: at, message: `check "${check.id}": ${problem}` }];
    if (size === undefined) return [];
    const seconds = size * secondsPerGuess(parsed.cost);
    if (seconds >= ENUMERABLE_SECONDS) return [];
    return [{ path: at, severity: 'warning', message: `check "${check.id}": its answer space (${size} candidates) is tried in about ${days(seconds)} of one core at this cost: the hash hides nothing from a patient student` }];
  });
};
