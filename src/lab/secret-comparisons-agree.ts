// A Secret's value is compared once, as the Secret is read, with the one value
// the lab names for that key: two checks asking different values of the same key
// would have one of them judged against the other's value.
import type { CheckSpec } from './types.js';
import type { JsonPath } from '../core/yaml-positions.js';
import type { LocatedProblem } from '../core/located-problem.js';
import { isPlainObject } from '../core/json-shape.js';

export const secretComparisonConflicts = (checks: ReadonlyArray<{ check: CheckSpec; path: JsonPath }>): LocatedProblem[] => {
  const first = new Map<string, { id: string; equals: unknown; match: unknown }>();
  const problems: LocatedProblem[] = [];
  for (const { check, path } of checks) {
    if (check.kind !== 'secret-value' || !isPlainObject(check.params)) continue;
    const { secret, key, equals, match = 'exact' } = check.params;
    const where = `${String(secret)}/${String(key)}`;
    const earlier = first.get(where);
    if (!earlier) first.set(where, { id: check.id, equals, match });
    else if (earlier.equals !== equals || earlier.match !== match) {
      problems.push({ path: [...path, 'params'], message: `check "${check.id}" compares key ${String(key)} of Secret ${String(secret)} with another value than check "${earlier.id}": a Secret's key is compared with one value per lab` });
    }
  }
  return problems;
};
